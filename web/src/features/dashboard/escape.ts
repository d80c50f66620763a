// ECharts inserts what a formatter FUNCTION returns as HTML (string templates like '{b}' it escapes itself),
// so every name from the data (unit names, origins) goes through this first: a unit renamed to
// `<img onerror=…>` must show as text.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
