import { Tag } from 'antd';
import type { RobotKind, WebhookDelivery } from '../../../../src/contracts/notifications';

export const KIND_LABELS: Record<RobotKind, [string, string]> = {
  wecom: ['企业微信', 'WeCom'],
  dingtalk: ['钉钉', 'DingTalk'],
  feishu: ['飞书', 'Feishu'],
};
export const KIND_COLOURS: Record<RobotKind, string> = { wecom: 'green', dingtalk: 'blue', feishu: 'geekblue' };
export const URL_HINTS: Record<RobotKind, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};

const STATUS: Record<WebhookDelivery['status'], { colour: string; label: [string, string] }> = {
  sent: { colour: 'success', label: ['已送达', 'Sent'] },
  pending: { colour: 'processing', label: ['待发送/重试中', 'Pending'] },
  failed: { colour: 'error', label: ['失败', 'Failed'] },
};
export function StatusTag({ status, t }: { status: string; t: (zh: string, en: string) => string }) {
  const s = STATUS[status as WebhookDelivery['status']] ?? { colour: 'default', label: [status, status] as [string, string] };
  return <Tag color={s.colour}>{t(...s.label)}</Tag>;
}
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
