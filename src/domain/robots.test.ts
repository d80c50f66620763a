import { describe, expect, it } from 'vitest';
import { dingtalkSign, feishuSign, maskUrl, nextDelayMs, robotError, robotRequest, scrub } from './robots';

// Known answers computed independently (Python hmac/hashlib) for secret SECabc123.
const SECRET = 'SECabc123';

describe('group robot formats and signatures', () => {
  it('钉钉 signature: HMAC-SHA256(secret, "ms\\nsecret"), base64, URL-encoded in the query', () => {
    expect(dingtalkSign(SECRET, 1700000000000)).toBe('N5P09a4+p1AMJIJWnIvQd2Yxw9+fu/oEBnPrjCcsLXk=');
    const r = robotRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', SECRET, '标题', '正文', 1700000000000);
    expect(r.url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=N5P09a4%2Bp1AMJIJWnIvQd2Yxw9%2Bfu%2FoEBnPrjCcsLXk%3D',
    );
    expect(r.body).toEqual({ msgtype: 'markdown', markdown: { title: '标题', text: '#### 标题\n正文' } });
    expect(robotRequest('dingtalk', 'https://x/robot?access_token=a', null, 't', 'm', 1).url).toBe('https://x/robot?access_token=a');
  });

  it('飞书 signature: HMAC-SHA256 keyed by "s\\nsecret" over nothing, in the body', () => {
    expect(feishuSign(SECRET, 1700000000)).toBe('UqhI0v4zAkSwI4hNYBuHQvnrAqshA0UaeBGHCUMPX70=');
    const r = robotRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/xyz', SECRET, '日报', '**红** 3', 1700000000999);
    expect(r.url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/xyz');
    expect(r.body).toMatchObject({
      msg_type: 'interactive',
      timestamp: '1700000000',
      sign: 'UqhI0v4zAkSwI4hNYBuHQvnrAqshA0UaeBGHCUMPX70=',
    });
    expect((r.body.card as { elements: unknown[] }).elements).toEqual([{ tag: 'markdown', content: '**红** 3' }]);
    expect(robotRequest('feishu', 'https://f/hook/x', null, 't', 'm', 1).body).not.toHaveProperty('sign');
  });

  it('企业微信 markdown', () => {
    expect(robotRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', null, '日报', '正文', 1).body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**日报**\n正文' },
    });
  });

  it('a robot error body with HTTP 200 is a failure', () => {
    expect(robotError('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(robotError('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toContain('93000');
    expect(robotError('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toContain('sign not match');
    expect(robotError('feishu', 200, '{"code":0,"msg":"success"}')).toBeNull();
    expect(robotError('feishu', 200, '{"code":19021,"msg":"sign match fail"}')).toContain('19021');
    expect(robotError('feishu', 500, 'oops')).toBe('HTTP 500：oops');
    expect(robotError('wecom', 200, '<html>')).toContain('不是 JSON');
  });

  it('masks addresses and scrubs them out of texts', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa1b2')).toBe(
      'https://qyapi.weixin.qq.com/…key=****a1b2',
    );
    expect(maskUrl('https://open.feishu.cn/open-apis/bot/v2/hook/abcdef123')).toBe('https://open.feishu.cn/…/****f123');
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=secrettoken99';
    expect(scrub(`fetch ${url} failed SECabc123`, [url, SECRET])).toBe(
      'fetch https://oapi.dingtalk.com/…access_token=****en99 failed ****',
    );
  });

  it('backs off 1 min, 5 min, 30 min, 2 h, then gives up after 5 attempts', () => {
    expect([1, 2, 3, 4, 5].map(nextDelayMs)).toEqual([60_000, 300_000, 1_800_000, 7_200_000, null]);
  });
});
