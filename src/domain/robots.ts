// Group robots of 企业微信 (WeCom), 钉钉 (DingTalk) and 飞书 (Feishu/Lark): the message body each one
// documents, their signing schemes, how each says "failed" (HTTP 200 with a non-zero code), and the
// masking of an address, which is a secret: anyone holding it can post into the group.
import crypto from 'node:crypto';

export const ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];
export const ROBOT_LABELS: Record<RobotKind, string> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/** 钉钉: HMAC-SHA256 keyed by the secret over "timestamp(ms)\nsecret", base64 (URL-encode it in the query). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** 飞书: HMAC-SHA256 keyed by "timestamp(s)\nsecret" over an empty message, base64. */
export function feishuSign(secret: string, timestampSec: number): string {
  return crypto.createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export interface RobotRequest {
  url: string;
  body: Record<string, unknown>;
}

/** The request to post one markdown message; `nowMs` fixes the signing time. */
export function robotRequest(
  kind: RobotKind,
  url: string,
  secret: string | null,
  title: string,
  markdown: string,
  nowMs: number,
): RobotRequest {
  if (kind === 'wecom') {
    // WeCom markdown has a 4096-byte limit; the digest is cut well before it.
    return { url, body: { msgtype: 'markdown', markdown: { content: `**${title}**\n${markdown}` } } };
  }
  if (kind === 'dingtalk') {
    const body = { msgtype: 'markdown', markdown: { title, text: `#### ${title}\n${markdown}` } };
    if (!secret) return { url, body };
    const sign = encodeURIComponent(dingtalkSign(secret, nowMs));
    return { url: `${url}${url.includes('?') ? '&' : '?'}timestamp=${nowMs}&sign=${sign}`, body };
  }
  const body: Record<string, unknown> = {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { title: { tag: 'plain_text', content: title }, template: 'red' },
      elements: [{ tag: 'markdown', content: markdown }],
    },
  };
  if (secret) {
    const ts = Math.floor(nowMs / 1000);
    body.timestamp = String(ts);
    body.sign = feishuSign(secret, ts);
  }
  return { url, body };
}

/** Null when the robot accepted the message, else the robot's own reason. */
export function robotError(kind: RobotKind, status: number, text: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}${text ? `：${text.slice(0, 200)}` : ''}`;
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `机器人返回的不是 JSON：${text.slice(0, 200)}`;
  }
  // WeCom and DingTalk answer {errcode, errmsg}; Feishu {code, msg} (older versions StatusCode).
  const code = kind === 'feishu' ? (j.code ?? j.StatusCode) : j.errcode;
  if (code === 0 || code === '0') return null;
  const msg = kind === 'feishu' ? (j.msg ?? j.StatusMessage) : j.errmsg;
  return `机器人拒收（${code === undefined ? '无返回码' : `返回码 ${String(code)}`}）：${String(msg ?? text).slice(0, 200)}`;
}

/** `https://qyapi.weixin.qq.com/…key=****a1b2`: enough to recognise, never enough to use. */
export function maskUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return '****';
  }
  const tail = (s: string) => `****${s.slice(-4)}`;
  const params = [...u.searchParams.entries()];
  if (params.length) {
    const [k, v] = params[params.length - 1]!;
    return `${u.protocol}//${u.host}/…${k}=${tail(v)}`;
  }
  const last = u.pathname.split('/').filter(Boolean).pop() ?? '';
  return `${u.protocol}//${u.host}/…/${tail(last)}`;
}

/** Replaces every occurrence of the secrets in a text (errors quoting the URL) by their mask. */
export function scrub(text: string, secrets: (string | null)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join(s.startsWith('http') ? maskUrl(s) : '****');
  return out;
}

/** The wait before attempt n+1 after n failed attempts; null when we give up. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export function nextDelayMs(failedAttempts: number): number | null {
  return failedAttempts >= MAX_ATTEMPTS ? null : (RETRY_DELAYS_MS[failedAttempts - 1] ?? null);
}
