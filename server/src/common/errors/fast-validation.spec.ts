import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import * as attendance from '../../modules/attendance/dto/attendance.dto';
import * as field from '../../modules/field/dto/field.dto';
import * as auth from '../../modules/auth/dto/auth.dto';
import * as org from '../../modules/org/dto/org.dto';
import * as approvals from '../../modules/approvals/dto/approvals.dto';
import * as delivery from '../../modules/notifications/dto/delivery-query.dto';
import * as binding from '../../modules/integrations/dto/binding.dto';
import * as settings from '../../modules/tenants/tenant-settings.dto';
import * as leave from '../../modules/leave/dto/leave.dto';
import { quickCheckOf } from './fast-validation';
import { BodyValidationPipe, validationExceptionFactory } from './validation';

// The oracle is class-validator itself: Nest's ValidationPipe with the options the app uses. The quick check may say
// "not sure" as often as it likes, but whenever it says yes, the full pipe must say yes with the same instance.
const full = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory });
const verdict = async (cls: Function, value: unknown): Promise<{ ok: true; out: unknown } | { ok: false }> => {
  try {
    return { ok: true, out: await full.transform(value, { type: 'body', metatype: cls as never }) };
  } catch {
    return { ok: false };
  }
};

const classes = [attendance, field, auth, org, approvals, delivery, binding, settings, leave]
  .flatMap((mod) => Object.values(mod))
  .filter((v): v is Function => typeof v === 'function' && /Dto$/.test(v.name));

// A small deterministic generator (no Math.random: a failure must reproduce).
let seed = 12345;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
const POOL: unknown[] = [
  '', 'a', 'abcdefgh', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(600), '😀😀😀😀😀😀😀', '😀😀😀😀', 'é︎é︎é︎é︎',
  '31.23', '09:00', '2026-11-02', 'a4:56:02:11:22:33', 'in', 'day', 'true',
  0, 1, -1, 0.5, 31.2304, 121.4737, 20, 9, 100, 3000, 100_001, -91, 1e9, NaN, Infinity, -Infinity, 2.5,
  true, false, null, undefined, [], ['a'], ['a', 'b'], Array(10).fill('p'), [1], {}, { ssid: 'Office', bssid: 'a4:56:02:11:22:33' },
  { ssid: 'Office' }, { ssid: 1, bssid: 'x' }, { ssid: 'o', bssid: 'b', extra: 1 }, Object.create({ polluted: true }),
];
const pick = () => POOL[rnd(POOL.length)];

const validPunch = () => ({ latitude: 31.2310, longitude: 121.4737, accuracy: 20, idempotencyKey: 'punch-key-0001', deviceId: 'dev-1' });

describe('quick body validation (fast-validation.ts) against class-validator', () => {
  it('answers the same DTO instance as the full pipe for ordinary clock-in bodies', async () => {
    const bodies = [
      validPunch(),
      { ...validPunch(), isMock: false, wifi: { ssid: 'Demo-Office', bssid: 'a4:56:02:11:22:33' }, locatedAt: '2026-11-02T01:00:00Z' },
      { ...validPunch(), field: true, remark: '拜访客户', photoFileIds: ['f1', 'f2'], wifi: null, deviceId: null },
    ];
    for (const body of bodies) {
      const quick = quickCheckOf(attendance.PunchRequestDto)!(body);
      expect(quick).toBeInstanceOf(attendance.PunchRequestDto);
      const v = await verdict(attendance.PunchRequestDto, body);
      expect(v.ok).toBe(true);
      expect(quick).toEqual((v as { out: unknown }).out);
      if ((body as { wifi?: unknown }).wifi) expect((quick as attendance.PunchRequestDto).wifi).toBeInstanceOf(attendance.DeviceWifiDto);
    }
  });

  it('is not sure (null) of bodies the full pipe refuses or converts: the pipe answers them', async () => {
    const check = quickCheckOf(attendance.PunchRequestDto)!;
    for (const body of [
      { ...validPunch(), latitude: '31.2310' }, // @Type(() => Number) would convert it: the full pipe decides
      { ...validPunch(), idempotencyKey: 'short' },
      { ...validPunch(), extra: 1 },
      { ...validPunch(), wifi: { ssid: 'x', bssid: 'y', extra: 1 } },
      { ...validPunch(), accuracy: NaN },
      { ...validPunch(), photoFileIds: [1] },
      [validPunch()],
      null,
    ]) expect(check(body)).toBeNull();
    // …and the app's pipe still writes the field errors for them.
    const pipe = new BodyValidationPipe();
    await expect(pipe.transform({ ...validPunch(), idempotencyKey: 'short', extra: 1 }, { type: 'body', metatype: attendance.PunchRequestDto }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { idempotencyKey: [expect.any(String)], extra: [expect.any(String)] } } });
  });

  it('DTOs with rules it does not compile (Matches, ValidateIf, Transform…) get no quick path', () => {
    expect(quickCheckOf(attendance.CorrectionRequestDto)).toBeNull(); // @Matches(DATE)
    expect(quickCheckOf(attendance.PunchRequestDto)).not.toBeNull();
    expect(quickCheckOf(attendance.DeviceLocationDto)).not.toBeNull();
  });

  /** Whenever the quick check says yes, the full pipe says yes with an equal instance of the class. */
  const agree = async (cls: Function, body: unknown): Promise<boolean> => {
    const quick = quickCheckOf(cls)!(body);
    if (!quick) return false;
    const v = await verdict(cls, body);
    if (!v.ok) throw new Error(`${cls.name}: quick yes, class-validator no, for ${JSON.stringify(body)}`);
    expect(quick).toEqual(v.out);
    expect(Object.getPrototypeOf(quick)).toBe(cls.prototype);
    return true;
  };

  it('clock-in bodies with each property (and each Wi-Fi property) set to each awkward value: never yes where the pipe says no', async () => {
    let quickYes = 0;
    for (const cls of [attendance.PunchRequestDto, attendance.DeviceLocationDto]) {
      const base = (): Record<string, unknown> => {
        const b: Record<string, unknown> = validPunch();
        if (cls === attendance.DeviceLocationDto) delete b.idempotencyKey;
        return b;
      };
      const props = [...Object.keys(base()), 'isMock', 'field', 'remark', 'photoFileIds', 'locatedAt', 'wifi', 'unknown'];
      for (const prop of props) {
        for (const value of POOL) {
          if (await agree(cls, { ...base(), [prop]: value })) quickYes++;
          const wifi = { ssid: 'Demo-Office', bssid: 'a4:56:02:11:22:33' };
          if (await agree(cls, { ...base(), wifi: { ...wifi, [prop === 'latitude' ? 'ssid' : 'bssid']: value } })) quickYes++;
        }
      }
    }
    expect(quickYes).toBeGreaterThan(100); // the quick path was really exercised
  });

  it(`never says yes where the full pipe says no or answers otherwise (${classes.length} DTO classes, generated bodies)`, async () => {
    for (const cls of classes) {
      if (!quickCheckOf(cls)) continue;
      const keys = Object.keys(await (async () => { const v = await verdict(cls, {}); return v.ok ? (v.out as object) : {}; })());
      const known = [...new Set([...keys, ...Object.keys(validPunch()), 'wifi', 'isMock', 'field', 'remark', 'photoFileIds', 'locatedAt', 'ssid', 'bssid', 'name', 'comment'])];
      for (const key of known) for (const value of POOL) await agree(cls, { [key]: value });
      for (let i = 0; i < 300; i++) {
        const body: Record<string, unknown> = {};
        for (let k = 1 + rnd(4); k > 0; k--) body[known[rnd(known.length)]] = pick();
        await agree(cls, body);
      }
    }
  });
});
