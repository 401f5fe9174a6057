import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
// The storage @Type / @Transform write to (the same module instance ValidationPipe's plainToInstance reads).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

/**
 * A quick yes for request bodies that are plainly valid, compiled from a DTO's own class-validator / class-transformer
 * decorators: it answers the DTO instance ValidationPipe would return, or null — "not sure", and the caller runs the
 * full ValidationPipe, which also writes every error message. It never says yes where ValidationPipe (whitelist +
 * forbidNonWhitelisted + transform) would say no: each supported rule is checked as strictly or more strictly, and a DTO
 * with any rule not listed here gets no quick path at all. Worth it only on hot routes (clock-in): class-transformer +
 * class-validator cost more CPU per request than the rest of the framework.
 */
export type QuickCheck = (value: unknown) => object | null;

type Rule = (v: unknown) => boolean;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

// validator.js counts a surrogate pair or a variation selector as no extra character: with none present, length is exact.
const SPECIAL = /[\uD800-\uDFFF\uFE0E\uFE0F]/;

/** A class-validator rule by its name → a check no looser than it; undefined = not supported. */
function ruleOf(m: ValidationMetadata): Rule | undefined {
  const c = m.constraints ?? [];
  switch (m.name) {
    case 'isString': return (v) => typeof v === 'string';
    case 'isBoolean': return (v) => typeof v === 'boolean';
    // Options (allowNaN, maxDecimalPlaces…) change the rule: only the default one is compiled.
    case 'isNumber': return c[0] && Object.keys(c[0]).length ? undefined : (v) => typeof v === 'number' && Number.isFinite(v);
    case 'isInt': return (v) => typeof v === 'number' && Number.isInteger(v);
    case 'min': return (v) => typeof v === 'number' && v >= c[0];
    case 'max': return (v) => typeof v === 'number' && v <= c[0];
    case 'maxLength': return (v) => typeof v === 'string' && v.length <= c[0];
    case 'minLength': return (v) => typeof v === 'string' && v.length >= c[0] && !SPECIAL.test(v);
    case 'isArray': return (v) => Array.isArray(v);
    case 'arrayMaxSize': return (v) => Array.isArray(v) && v.length <= c[0];
    case 'isIn': return (v) => Array.isArray(c[0]) && c[0].some((x: unknown) => x === v);
    default: return undefined;
  }
}

const cache = new Map<Function, QuickCheck | null>();

/** The quick check of a DTO class (built once), or null when one of its rules is not supported. */
export function quickCheckOf(target: Function): QuickCheck | null {
  if (!cache.has(target)) {
    cache.set(target, null); // a class nested in itself gets no quick path
    cache.set(target, compile(target));
  }
  return cache.get(target)!;
}

function compile(target: Function): QuickCheck | null {
  const metas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  if (!metas.length) return null;
  const props = new Map<string, { optional: boolean; rules: Rule[]; nested?: QuickCheck }>();
  for (const m of metas) {
    if (m.groups?.length || m.always || m.validationTypeOptions) return null;
    const p = props.get(m.propertyName) ?? { optional: false, rules: [] };
    props.set(m.propertyName, p);
    if (m.type === 'conditionalValidation') {
      if (m.name !== 'isOptional') return null;
      p.optional = true;
    } else if (m.type === 'nestedValidation') {
      const type = defaultMetadataStorage.findTypeMetadata(target, m.propertyName)?.typeFunction();
      const nested = typeof type === 'function' ? quickCheckOf(type) : null;
      if (!nested || m.each) return null;
      p.nested = nested;
    } else if (m.type === 'customValidation') {
      const rule = ruleOf(m);
      if (!rule) return null;
      p.rules.push(m.each ? (v) => Array.isArray(v) && v.every(rule) : rule);
    } else {
      return null;
    }
  }
  for (const name of props.keys()) {
    // @Type(() => Number) etc. converts only values that are not already of that type (checked by the rules); any other
    // transformation (Transform, Expose, Exclude) is not reproduced here.
    if (defaultMetadataStorage.findTransformMetadatas(target, name, TransformationType.PLAIN_TO_CLASS).length) return null;
    if (defaultMetadataStorage.findExposeMetadata(target, name) || defaultMetadataStorage.findExcludeMetadata(target, name)) return null;
    const type = defaultMetadataStorage.findTypeMetadata(target, name)?.typeFunction();
    if (type && type !== Number && type !== String && type !== Boolean && !props.get(name)!.nested) return null;
  }
  const Cls = target as new () => object;
  const list = [...props].map(([name, p]) => ({ name, ...p }));
  return (value) => {
    if (!isPlainObject(value)) return null;
    for (const key in value) if (!props.has(key)) return null; // forbidNonWhitelisted: the full pipe says which
    const out = new Cls() as Record<string, unknown>;
    for (const p of list) {
      const v = value[p.name];
      if (v === undefined || v === null) {
        if (!p.optional) return null;
        if (p.name in value) out[p.name] = v;
        continue;
      }
      if (p.nested) {
        const inner = p.nested(v);
        if (!inner) return null;
        out[p.name] = inner;
        continue;
      }
      for (const rule of p.rules) if (!rule(v)) return null;
      out[p.name] = v;
    }
    return out;
  };
}
