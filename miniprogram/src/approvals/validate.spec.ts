import { buildActRequest, validateGeneral } from './validate';
import { hasMore, itemsOf, mergePage } from './paging';

describe('validateGeneral', () => {
  it('builds the request with the amount in fen', () => {
    expect(validateGeneral({ title: ' 采购显示器 ', details: '两台 27 寸', amount: '2599.9' })).toEqual({
      ok: true,
      body: { title: '采购显示器', details: '两台 27 寸', amountFen: 259990 },
    });
    expect(validateGeneral({ title: '团建', details: '周五下午', amount: '' })).toEqual({
      ok: true,
      body: { title: '团建', details: '周五下午' },
    });
  });

  it('requires title and details and limits their length in characters', () => {
    expect(validateGeneral({ title: ' ', details: '', amount: '' })).toEqual({
      ok: false,
      errors: { title: '请填写标题', details: '请填写详细说明' },
    });
    expect(validateGeneral({ title: '字'.repeat(50), details: '说'.repeat(1000), amount: '' }).ok).toBe(true);
    expect(validateGeneral({ title: '字'.repeat(51), details: '说'.repeat(1001), amount: '1.234' })).toEqual({
      ok: false,
      errors: { title: '标题不能超过 50 个字', details: '详细说明不能超过 1000 个字', amount: '金额最多两位小数' },
    });
    // an emoji is one character for the user (two UTF-16 units)
    expect(validateGeneral({ title: '😀'.repeat(50), details: 'x', amount: '' }).ok).toBe(true);
  });
});

describe('buildActRequest', () => {
  it('requires a reason to reject and text to comment', () => {
    expect(buildActRequest('reject', '   ')).toEqual({ ok: false, message: '请填写拒绝原因' });
    expect(buildActRequest('reject', ' 预算不足 ')).toEqual({ ok: true, body: { action: 'reject', comment: '预算不足' } });
    expect(buildActRequest('comment', '')).toEqual({ ok: false, message: '请填写评论内容' });
  });

  it('approves with or without a comment', () => {
    expect(buildActRequest('approve', '')).toEqual({ ok: true, body: { action: 'approve' } });
    expect(buildActRequest('approve', '同意')).toEqual({ ok: true, body: { action: 'approve', comment: '同意' } });
  });

  it('needs a colleague to transfer to', () => {
    expect(buildActRequest('transfer', '', null)).toEqual({ ok: false, message: '请选择转交给谁' });
    expect(buildActRequest('transfer', '你来看', { id: 'emp-9' })).toEqual({
      ok: true,
      body: { action: 'transfer', comment: '你来看', transferToEmployeeId: 'emp-9' },
    });
  });

  it('caps the text at 500 characters', () => {
    expect(buildActRequest('reject', '因'.repeat(501))).toEqual({ ok: false, message: '内容不能超过 500 个字' });
  });
});

describe('paging', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };
  const c = { id: 'c' };
  it('replaces on page 1, appends later pages without duplicates', () => {
    const p1 = mergePage({ items: [c], total: 9, page: 3 }, { items: [a, b], total: 3, page: 1, pageSize: 2 });
    expect(p1).toEqual({ items: [a, b], total: 3, page: 1 });
    expect(hasMore(p1)).toBe(true);
    const p2 = mergePage(p1, { items: [b, c], total: 3, page: 2, pageSize: 2 });
    expect(p2).toEqual({ items: [a, b, c], total: 3, page: 2 });
    expect(hasMore(p2)).toBe(false);
    expect(hasMore({ items: [], total: 0, page: 0 })).toBe(false);
  });

  it('reads a page or a bare array', () => {
    expect(itemsOf([a])).toEqual([a]);
    expect(itemsOf({ items: [b], total: 1, page: 1, pageSize: 20 })).toEqual([b]);
    expect(itemsOf(null)).toEqual([]);
  });
});
