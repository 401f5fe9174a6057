import { TokenBucket } from '@hrlink/connectors';
import { deliveryDelayMs } from './backoff';
import { buttonValue, parseButtonValue, renderLink } from './links';

describe('deliveryDelayMs (the connectors\' backoffMs with the delivery settings)', () => {
  it('doubles per attempt with equal jitter, capped', () => {
    expect(deliveryDelayMs(1, 2000, 900_000, () => 0)).toBe(1000);
    expect(deliveryDelayMs(1, 2000, 900_000, () => 0.999)).toBe(1999);
    expect(deliveryDelayMs(2, 2000, 900_000, () => 0)).toBe(2000);
    expect(deliveryDelayMs(4, 2000, 900_000, () => 0.5)).toBe(12000); // 16 s · (0.5 + 0.25)
    expect(deliveryDelayMs(20, 2000, 900_000, () => 0.9999999)).toBe(899_999);
    expect(deliveryDelayMs(20, 2000, 900_000, () => 0)).toBe(450_000);
  });
});

describe('TokenBucket as the dispatcher uses it (burst = rate)', () => {
  it('allows the burst then paces at the rate', () => {
    let t = 1_000_000;
    const b = new TokenBucket(2, 2, () => t);
    expect(b.reserve()).toBe(0);
    expect(b.reserve()).toBe(0);
    expect(b.reserve()).toBe(500);
    t += 1000;
    expect(b.reserve()).toBe(0);
  });
});

describe('links', () => {
  const b = { platform: 'feishu' as const, corpId: 'feishudemo0001', appKey: 'cli_demo0001', agentId: null };
  it('renders the H5 link by default and a template when configured', () => {
    expect(renderLink(null, 'http://h/h5/#', b, 'i-1')).toBe('http://h/h5/#/pages/approvals/detail?id=i-1');
    expect(renderLink('https://applink.feishu.cn/client/mini_program/open?appId={appKey}&path={pathEncoded}', 'x', b, 'i-1')).toBe(
      'https://applink.feishu.cn/client/mini_program/open?appId=cli_demo0001&path=pages%2Fapprovals%2Fdetail%3Fid%3Di-1',
    );
  });
  it('button values round-trip and refuse anything else', () => {
    const id = '0b7c8a34-1111-4222-8333-944445555666';
    expect(parseButtonValue(buttonValue('approve', id))).toEqual({ action: 'approve', taskId: id });
    expect(parseButtonValue(buttonValue('reject', id))).toEqual({ action: 'reject', taskId: id });
    expect(parseButtonValue('x:' + id)).toBeNull();
    expect(parseButtonValue('a:1 OR 1=1')).toBeNull();
  });
});
