import { clip, formRows, keyDigest, plainText, safeId, shortCode, toneOf, toneOfStatus } from './render';

describe('shared rendering helpers', () => {
  it('shortCode: 6 chars of an unambiguous alphabet, stable per key, different across keys', () => {
    expect(shortCode('approval:42:task:7')).toBe(shortCode('approval:42:task:7'));
    expect(shortCode('approval:42:task:7')).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const codes = new Set(Array.from({ length: 500 }, (_, i) => shortCode(`approval:${i}`)));
    expect(codes.size).toBeGreaterThan(495);
  });

  it('safeId: the key itself when it fits [A-Za-z0-9_-@]{1,max}, otherwise a stable digest within max', () => {
    expect(safeId('appr-7_E0003@x', 128)).toBe('appr-7_E0003@x');
    const hashed = safeId('approval:42:task:7', 128);
    expect(hashed).toMatch(/^k[0-9a-f]{40}$/);
    expect(safeId('approval:42:task:7', 128)).toBe(hashed);
    expect(safeId('a'.repeat(129), 128)).toMatch(/^k[0-9a-f]{40}$/);
    expect(safeId('x y', 20).length).toBeLessThanOrEqual(20);
    expect(keyDigest('k', 32)).toHaveLength(32);
  });

  it('clip counts characters, not bytes; formRows trims, fills blanks and limits', () => {
    expect(clip('请假申请（年假）', 5)).toBe('请假申请…');
    expect(clip('短', 5)).toBe('短');
    expect(formRows({ form: [{ label: ' 事由 ', value: '  ' }, { label: 'a', value: 'b' }] }, 1)).toEqual([{ label: '事由', value: '-' }]);
    expect(plainText({ form: [{ label: '天数', value: '3' }], statusText: '待审批', idempotencyKey: 'k' })).toBe(`天数：3\n状态：待审批\n编号：${shortCode('k')}`);
  });

  it('tones: from the update state, or from a status text', () => {
    expect([toneOf(), toneOf({ state: 'approved' }), toneOf({ state: 'rejected' }), toneOf({ state: 'withdrawn' })]).toEqual(['pending', 'approved', 'rejected', 'neutral']);
    expect([toneOfStatus('待审批', true), toneOfStatus('已同意', false), toneOfStatus('已拒绝', false), toneOfStatus('已撤回', false)]).toEqual([
      'pending',
      'approved',
      'rejected',
      'neutral',
    ]);
  });
});
