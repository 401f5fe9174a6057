import { parseLaunchQuery, parseLaunchRedirect, stripLaunchQuery } from './launch-query';

describe('parseLaunchQuery', () => {
  it('reads the sandbox phone page link', () => {
    expect(parseLaunchQuery('?platform=dingtalk&code=abc123&corpId=dingdemo0001corp')).toEqual({
      platform: 'dingtalk',
      code: 'abc123',
      corpId: 'dingdemo0001corp',
    });
  });

  it('leaves corpId out when absent or empty', () => {
    expect(parseLaunchQuery('platform=feishu&code=c1')).toEqual({ platform: 'feishu', code: 'c1' });
    expect(parseLaunchQuery('?platform=wecom&code=c2&corpId=')).toEqual({ platform: 'wecom', code: 'c2' });
  });

  it('decodes percent-escapes and plus signs', () => {
    expect(parseLaunchQuery('?platform=wecom&code=a%2Bb%3D&corpId=ww+demo')).toEqual({
      platform: 'wecom',
      code: 'a+b=',
      corpId: 'ww demo',
    });
  });

  it('returns null without a code, without a platform, or for an unknown platform', () => {
    expect(parseLaunchQuery('')).toBeNull();
    expect(parseLaunchQuery('?platform=dingtalk')).toBeNull();
    expect(parseLaunchQuery('?platform=dingtalk&code=%20%20')).toBeNull();
    expect(parseLaunchQuery('?code=abc')).toBeNull();
    expect(parseLaunchQuery('?platform=weixin&code=abc')).toBeNull();
  });

  it('ignores a malformed escape instead of throwing', () => {
    expect(parseLaunchQuery('?platform=feishu&code=ok&x=%E0%A4%A')).toEqual({ platform: 'feishu', code: 'ok' });
  });
});

describe('stripLaunchQuery', () => {
  it('removes platform, code and corpId and keeps other params in order', () => {
    expect(stripLaunchQuery('?a=1&platform=dingtalk&code=x&b=2&corpId=y')).toBe('?a=1&b=2');
  });

  it('returns an empty string when nothing else is left', () => {
    expect(stripLaunchQuery('?platform=dingtalk&code=x&corpId=y')).toBe('');
    expect(stripLaunchQuery('')).toBe('');
  });
});

describe('parseLaunchRedirect', () => {
  it('reads an encoded or plain redirect next to the launch keys', () => {
    expect(parseLaunchRedirect('?platform=wecom&code=c&redirect=%2Fpages%2Fapprovals%2Fdetail%3Fid%3DXYZ')).toBe(
      '/pages/approvals/detail?id=XYZ',
    );
    expect(parseLaunchRedirect('?platform=wecom&code=c&redirect=/pages/approvals/detail?id=XYZ')).toBe(
      '/pages/approvals/detail?id=XYZ',
    );
    expect(parseLaunchRedirect('?platform=wecom&code=c')).toBe('');
  });

  it('is stripped from the address bar with the launch keys', () => {
    expect(stripLaunchQuery('?platform=wecom&code=c&redirect=%2Fpages%2Fx&keep=1')).toBe('?keep=1');
  });
});
