// The one way the web app talks to the server: JSON in and out, the session cookie, the CSRF
// token on writes, and server errors turned into ApiError with the server's message and fields.
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields?: Record<string, string>,
    public detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * A response checked against its zod contract. In development (and the dev server the tests can
 * use) a wrong shape throws at once, naming the call; in a production build it is reported on the
 * console (which the browser journeys fail on) and the data passes through, so a stray extra or
 * missing field never blanks a page for a user.
 */
export function checked<T>(
  schema: { safeParse: (d: unknown) => { success: true; data: T } | { success: false; error: { message: string } } },
  data: unknown,
  call: string,
): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const msg = `${call}: response does not match its contract: ${r.error.message}`;
  if (import.meta.env.DEV) throw new ApiError(0, 'contract', msg);
  console.error(msg);
  return data as T;
}

let csrfToken: string | null = null;
export function setCsrfToken(t: string | null) {
  csrfToken = t;
}

async function handle<T>(res: Response): Promise<T> {
  if (res.ok) {
    const ct = res.headers.get('content-type') ?? '';
    return (ct.includes('application/json') ? await res.json() : await res.text()) as T;
  }
  let body: { error?: { code?: string; message?: string; fields?: Record<string, string>; detail?: Record<string, unknown> } } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && !location.pathname.startsWith('/login') && !location.pathname.startsWith('/setup')) {
    window.dispatchEvent(new CustomEvent('zs:unauthenticated'));
  }
  throw new ApiError(
    res.status,
    body.error?.code ?? 'http',
    body.error?.message ?? `请求失败（${res.status}）`,
    body.error?.fields,
    body.error?.detail,
  );
}

export async function apiGet<T>(url: string, params?: Record<string, string | number | boolean | null | undefined>): Promise<T> {
  const q = params
    ? new URLSearchParams(
        Object.entries(params)
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ).toString()
    : '';
  const res = await fetch(`/api/v1${url}${q ? `${url.includes('?') ? '&' : '?'}${q}` : ''}`, { credentials: 'same-origin' });
  return handle<T>(res);
}

export async function apiSend<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/v1${url}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handle<T>(res);
}

/** Multipart upload with progress (0–1). */
export function apiUpload<T>(url: string, form: FormData, onProgress?: (p: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${url}`);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const res = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      handle<T>(res).then(resolve, reject);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '网络错误，请检查连接后重试'));
    xhr.send(form);
  });
}

/** Downloads a file from a GET endpoint (the browser keeps the cookie). */
export function download(url: string, params?: Record<string, string | number | undefined>) {
  const q = params
    ? new URLSearchParams(
        Object.entries(params)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ).toString()
    : '';
  const a = document.createElement('a');
  a.href = `/api/v1${url}${q ? `?${q}` : ''}`;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
