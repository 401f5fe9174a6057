import { safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('allows pages of this app with their query', () => {
    expect(safeRedirect('/pages/approvals/detail?id=XYZ')).toBe('/pages/approvals/detail?id=XYZ');
    expect(safeRedirect('/pages/home/index')).toBe('/pages/home/index');
    expect(safeRedirect('/pages/approvals/index?tab=todo&x=1')).toBe('/pages/approvals/index?tab=todo&x=1');
  });

  it('accepts the host form without a leading slash and a still-encoded value', () => {
    expect(safeRedirect('pages/approvals/detail?id=1')).toBe('/pages/approvals/detail?id=1');
    expect(safeRedirect('%2Fpages%2Fapprovals%2Fdetail%3Fid%3DXYZ')).toBe('/pages/approvals/detail?id=XYZ');
  });

  it('refuses external and tricky targets', () => {
    for (const bad of [
      'https://evil.example/pages/x',
      '//evil.example/pages/x',
      'javascript:alert(1)',
      '/features/soon/index',
      '/pages/../../evil',
      '/pages//evil.example',
      '/pages/approvals/detail\\..\\x',
      '/pages/approvals/detail\n?id=1',
      '/pages/approvals/detail?id=1#/evil',
      '/pagesevil/index',
      '/pages/',
      'http%3A%2F%2Fevil.example',
      '%2F%2Fevil.example',
      '',
      null,
      undefined,
    ]) {
      expect(safeRedirect(bad)).toBeNull();
    }
  });

  it('never redirects to the landing page (no loop)', () => {
    expect(safeRedirect('/pages/landing/index?redirect=/pages/home/index')).toBeNull();
  });
});
