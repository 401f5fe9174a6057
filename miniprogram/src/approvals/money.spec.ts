import { displayFen, formatFen, parseYuanToFen } from './money';

describe('parseYuanToFen', () => {
  it('converts whole and decimal 元 to integer 分', () => {
    expect(parseYuanToFen('12')).toEqual({ ok: true, fen: 1200 });
    expect(parseYuanToFen('12.3')).toEqual({ ok: true, fen: 1230 });
    expect(parseYuanToFen('12.34')).toEqual({ ok: true, fen: 1234 });
    expect(parseYuanToFen('0.01')).toEqual({ ok: true, fen: 1 });
    expect(parseYuanToFen(' 128.50 ')).toEqual({ ok: true, fen: 12850 });
    expect(parseYuanToFen('007.5')).toEqual({ ok: true, fen: 750 });
  });

  it('is exact where floating point is not', () => {
    // 0.29 * 100 === 28.999999999999996, 1.15 * 100 === 114.99999999999999, 0.1 + 0.2 !== 0.3
    expect(0.29 * 100).not.toBe(29);
    expect(parseYuanToFen('0.29')).toEqual({ ok: true, fen: 29 });
    expect(parseYuanToFen('1.15')).toEqual({ ok: true, fen: 115 });
    expect(parseYuanToFen('0.3')).toEqual({ ok: true, fen: 30 });
    expect(parseYuanToFen(String(0.1 + 0.2))).toEqual({ ok: false, message: '金额最多两位小数' });
    expect(parseYuanToFen('19999999.99')).toEqual({ ok: true, fen: 1999999999 });
  });

  it('treats an empty amount as none', () => {
    expect(parseYuanToFen('')).toEqual({ ok: true, fen: null });
    expect(parseYuanToFen('   ')).toEqual({ ok: true, fen: null });
    expect(parseYuanToFen(undefined)).toEqual({ ok: true, fen: null });
  });

  it('rejects three or more decimals', () => {
    expect(parseYuanToFen('1.005')).toEqual({ ok: false, message: '金额最多两位小数' });
    expect(parseYuanToFen('12.345')).toEqual({ ok: false, message: '金额最多两位小数' });
  });

  it('rejects what is not a plain positive amount', () => {
    for (const bad of ['-1', '+1', '1e3', '1,000', '12.', '.5', 'abc', '１２', '1 000', '0x10', 'NaN', 'Infinity']) {
      expect(parseYuanToFen(bad)).toEqual({ ok: false, message: '请输入正确的金额，如 128.50' });
    }
    expect(parseYuanToFen('0')).toEqual({ ok: false, message: '金额须大于 0' });
    expect(parseYuanToFen('0.00')).toEqual({ ok: false, message: '金额须大于 0' });
  });

  it('caps the amount at 1 亿元', () => {
    expect(parseYuanToFen('100000000')).toEqual({ ok: true, fen: 10_000_000_000 });
    expect(parseYuanToFen('100000000.01')).toEqual({ ok: false, message: '金额不能超过 10000 万元' });
    expect(parseYuanToFen('99999999999999999999')).toEqual({ ok: false, message: '金额不能超过 10000 万元' });
  });
});

describe('formatFen / displayFen', () => {
  it('formats integer fen as 元 with two decimals', () => {
    expect(formatFen(1234)).toBe('12.34');
    expect(formatFen(30)).toBe('0.30');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(100000)).toBe('1000.00');
    expect(formatFen(-250)).toBe('-2.50');
    expect(displayFen(123456789)).toBe('¥1,234,567.89');
    expect(displayFen(99)).toBe('¥0.99');
  });

  it('round-trips with parseYuanToFen', () => {
    for (const fen of [1, 29, 115, 1999999999, 10_000_000_000]) {
      expect(parseYuanToFen(formatFen(fen))).toEqual({ ok: true, fen });
    }
  });
});
