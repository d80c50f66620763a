// Ledger upload/import with live progress: the request's upload progress, then the server's phases
// streamed as NDJSON lines (see POST /ledger/preview and /ledger/import). Uses XMLHttpRequest so
// both directions report progress. (lib/api.ts has no streaming helper yet; this one follows its
// conventions: same-origin cookie, x-csrf-token, server errors as ApiError.)
import { ApiError } from '../../lib/api';
import type { ImportResult, PreviewResult, LedgerProgressEvent } from '../../../../src/contracts/ledger';

export type Phase = { phase: string; done: number; total?: number };

function streamRequest<T>(
  url: string,
  body: FormData | object,
  csrf: string | null,
  onUpload: (f: number) => void,
  onPhase: (p: Phase) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${url}`);
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    let seen = 0;
    let result: T | undefined;
    let failure: ApiError | undefined;
    const consume = () => {
      if (xhr.status !== 200) return;
      const text = xhr.responseText;
      let nl: number;
      while ((nl = text.indexOf('\n', seen)) >= 0) {
        const line = text.slice(seen, nl).trim();
        seen = nl + 1;
        if (!line) continue;
        const msg = JSON.parse(line) as
          | LedgerProgressEvent
          | { type: 'result'; result: T }
          | { type: 'error'; error: { code: string; message: string } };
        if (msg.type === 'progress') onPhase(msg);
        else if (msg.type === 'result') result = msg.result;
        else if (msg.type === 'error') failure = new ApiError(400, msg.error.code, msg.error.message);
      }
    };
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onUpload(e.loaded / e.total);
    };
    xhr.upload.onload = () => onUpload(1);
    xhr.onprogress = consume;
    xhr.onload = () => {
      if (xhr.status !== 200) {
        let err: { code?: string; message?: string; fields?: Record<string, string> } = {};
        try {
          err = (JSON.parse(xhr.responseText) as { error: typeof err }).error ?? {};
        } catch {
          /* not JSON */
        }
        if (xhr.status === 401) window.dispatchEvent(new CustomEvent('zs:unauthenticated'));
        reject(new ApiError(xhr.status, err.code ?? 'http', err.message ?? `请求失败（${xhr.status}）`, err.fields));
        return;
      }
      consume();
      if (failure) reject(failure);
      else if (result !== undefined) resolve(result);
      else reject(new ApiError(0, 'network', '服务器未返回结果，请重试'));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '网络错误，请检查连接后重试'));
    if (body instanceof FormData) xhr.send(body);
    else {
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.send(JSON.stringify(body));
    }
  });
}

export function previewLedger(
  file: File,
  csrf: string | null,
  onUpload: (f: number) => void,
  onPhase: (p: Phase) => void,
): Promise<PreviewResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return streamRequest<PreviewResult>('/ledger/preview', form, csrf, onUpload, onPhase);
}

export function commitLedger(token: string, csrf: string | null, onPhase: (p: Phase) => void): Promise<ImportResult> {
  return streamRequest<ImportResult>('/ledger/import', { token }, csrf, () => {}, onPhase);
}
