import { isSecretName } from './secret-names.ts';

/** Placeholders for values a plan does not show: secrets (Terraform's words), and values only known after apply. */
export const SENSITIVE = '(sensitive value)';
export const UNKNOWN = '(known after apply)';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The value with every sensitive part replaced by `(sensitive value)` and every unknown part by
 * `(known after apply)`. `sensitive` and `unknown` mirror the value's shape (`before_sensitive`,
 * `after_sensitive`, `after_unknown`) or are `true` for the whole value. Sensitive wins over unknown.
 */
export function maskValue(value: unknown, sensitive: unknown, unknown: unknown = false): Json {
  if (sensitive === true) return isNullish(value) && unknown !== true ? null : SENSITIVE;
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(value) || (isNullish(value) && Array.isArray(unknown))) {
    return maskArray(asArray(value), asArray(sensitive), asArray(unknown));
  }
  if (isRecord(value) || (isNullish(value) && isRecord(unknown))) {
    return maskRecord(asRecord(value), asRecord(sensitive), asRecord(unknown));
  }
  return isNullish(value) ? null : (value as Json);
}

/**
 * One sensitivity mirror marking what either marks: `before_sensitive` and `after_sensitive` merged, so a
 * value sensitive on one side is masked on both.
 */
export function unionSensitivity(a: unknown, b: unknown): unknown {
  if (a === true || b === true) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    const [x, y] = [asArray(a), asArray(b)];
    return Array.from({ length: Math.max(x.length, y.length) }, (_, i) => unionSensitivity(x[i], y[i]));
  }
  if (isRecord(a) || isRecord(b)) {
    const [x, y] = [asRecord(a), asRecord(b)];
    return Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, unionSensitivity(x[k], y[k])]));
  }
  return false;
}

/**
 * The value with everything under a secret-named key (see `isSecretName`) replaced by `(sensitive value)`,
 * for values nothing marks: Terraform 0.12–0.14 plans and configurations. Booleans and nulls are kept.
 */
export function maskSecretNames(value: unknown): Json {
  if (Array.isArray(value)) return value.map((item) => maskSecretNames(item));
  if (!isRecord(value)) return isNullish(value) ? null : (value as Json);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [
    key, isSecretName(key) && !isNullish(item) && typeof item !== 'boolean' ? SENSITIVE : maskSecretNames(item),
  ]));
}

function maskArray(value: readonly unknown[], sensitive: readonly unknown[], unknown: readonly unknown[]): Json[] {
  const length = Math.max(value.length, unknown.length);
  return Array.from({ length }, (_, i) => maskValue(value[i], sensitive[i], unknown[i]));
}

function maskRecord(value: Record<string, unknown>, sensitive: Record<string, unknown>, unknown: Record<string, unknown>): { [key: string]: Json } {
  const keys = [...Object.keys(value), ...Object.keys(unknown).filter((k) => !(k in value) && unknown[k] !== false)];
  return Object.fromEntries(keys.map((k) => [k, maskValue(value[k], sensitive[k], unknown[k])]));
}

function isNullish(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
