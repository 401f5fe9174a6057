import { detailLines } from './details';

describe('detailLines', () => {
  it('lists the validation messages of each field', () => {
    expect(detailLines({ fields: { hireDate: ['hireDate 必须是 YYYY-MM-DD 日期'], roles: ['a', 'b'] } })).toEqual([
      'hireDate: hireDate 必须是 YYYY-MM-DD 日期',
      'roles: a，b',
    ]);
  });
  it('shows plain values and ignores what it cannot print', () => {
    expect(detailLines({ platform: 'wecom', errcode: 40001, nested: { deep: { x: ['no'] } } })).toEqual([
      'platform: wecom',
      'errcode: 40001',
    ]);
    expect(detailLines(undefined)).toEqual([]);
  });
});
