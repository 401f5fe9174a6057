import { redirectOf } from './control-inbox';

describe('redirectOf (deep link → mini-program route)', () => {
  const h5 = 'http://127.0.0.1:3000/h5/';
  it.each([
    ['http://127.0.0.1:3000/h5/#/pages/approvals/detail?id=7', '/pages/approvals/detail?id=7'],
    ['http://127.0.0.1:3000/h5/index.html#/pages/approvals/detail?id=7', '/pages/approvals/detail?id=7'],
    ['eapp://pages/approvals/detail?id=7', '/pages/approvals/detail?id=7'],
    ['wxapp://wx123/pages/approvals/detail?id=7', '/pages/approvals/detail?id=7'],
    ['https://applink.feishu.cn/client/mini_program/open?appId=cli_1&path=pages%2Fapprovals%2Fdetail%3Fid%3D7', '/pages/approvals/detail?id=7'],
  ])('%s → %s', (link, route) => expect(redirectOf(link, h5)).toBe(route));

  it.each([null, 'https://example.com/#/pages/x', 'http://127.0.0.1:3000/admin/#/pages/x', 'http://127.0.0.1:3000/h5/', 'not a url'])('%s → null', (link) =>
    expect(redirectOf(link, h5)).toBeNull(),
  );
});
