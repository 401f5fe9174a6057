import { backoffDelayMs, Bucket } from './backoff';
import { buttonValue, parseButtonValue, renderLink } from './links';

describe('backoffDelayMs', () => {
  it('doubles per attempt with equal jitter, capped', () => {
    expect(backoffDelayMs(1, 2000, 900_000, 0)).toBe(1000);
    expect(backoffDelayMs(1, 2000, 900_000, 0.999)).toBe(1999);
    expect(backoffDelayMs(2, 2000, 900_000, 0)).toBe(2000);
    expect(backoffDelayMs(4, 2000, 900_000, 0.5)).toBe(12000); // 16 s · (0.5 + 0.25)
    expect(backoffDelayMs(20, 2000, 900_000, 1)).toBe(900_000);
  });
});

describe('Bucket', () => {
  it('allows the burst then paces at the rate', () => {
    const b = new Bucket(2);
    const t = Date.now();
    expect(b.tryTake(t)).toBe(0);
    expect(b.tryTake(t)).toBe(0);
    expect(b.tryTake(t)).toBe(500);
    expect(b.tryTake(t + 500)).toBe(0);
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
