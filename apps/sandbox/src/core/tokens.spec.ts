import { Clock } from './clock';
import { CodeStore } from './codes';
import { TokenStore } from './tokens';

describe('TokenStore policies', () => {
  const fmt = (r: string) => r;

  it('reuse-renew restarts the lifetime, reuse keeps it, both renew after expiry', () => {
    const clock = new Clock();
    const s = new TokenStore(clock);
    const a = s.issue('dingtalk', 'k', 'demo', 'reuse-renew', fmt);
    const w = s.issue('wecom', 'k', 'demo', 'reuse', fmt);
    clock.advance(7000);
    expect(s.issue('dingtalk', 'k', 'demo', 'reuse-renew', fmt)).toEqual({ token: a.token, expiresIn: 7200 });
    expect(s.issue('wecom', 'k', 'demo', 'reuse', fmt)).toEqual({ token: w.token, expiresIn: 200 });
    clock.advance(200);
    expect(s.check('wecom', w.token)).toEqual({ ok: false, reason: 'expired' });
    expect(s.check('dingtalk', a.token).ok).toBe(true);
    expect(s.issue('wecom', 'k', 'demo', 'reuse', fmt).token).not.toBe(w.token);
  });

  it('a token of one platform is invalid on another; revoke hits only the platform asked', () => {
    const s = new TokenStore(new Clock());
    const f = s.issue('feishu', 'k', 'demo', 'rotate-under-30min', fmt);
    const d = s.issue('dingtalk', 'k', 'demo', 'reuse-renew', fmt);
    expect(s.check('wecom', f.token)).toEqual({ ok: false, reason: 'invalid' });
    expect(s.check('feishu', undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(s.revoke('feishu')).toBe(1);
    expect(s.check('feishu', f.token)).toEqual({ ok: false, reason: 'invalid' });
    expect(s.check('dingtalk', d.token).ok).toBe(true);
  });
});

describe('CodeStore', () => {
  it('codes are single use and expire at the platform TTL', () => {
    const clock = new Clock();
    const s = new CodeStore(clock);
    const f = s.issue('feishu', 'demo', 'E0001');
    const d = s.issue('dingtalk', 'demo', 'E0001');
    expect(s.consume('wecom', d.code)).toEqual({ ok: false, reason: 'unknown' });
    clock.advance(180);
    expect(s.consume('feishu', f.code)).toEqual({ ok: false, reason: 'expired' });
    expect(s.consume('dingtalk', d.code).ok).toBe(true);
    expect(s.consume('dingtalk', d.code)).toEqual({ ok: false, reason: 'used' });
  });
});
