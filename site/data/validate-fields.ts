/**
 * Field checks for the snapshot validators (`validate-snapshot.ts`, `validate-appraisals.ts`).
 * Each check reports a problem through `fail(path, message)` rather than throwing, so a
 * validator lists every bad field at once. Pure.
 */
import type { Grain } from '../../shared/snapshot.ts';
import { grainOf } from './period.ts';

export type Obj = Record<string, unknown>;
export type Fail = (path: string, message: string) => void;

/** `grain` is one of `grains` and `period` a label of that grain. */
export function periodOf(row: Obj, path: string, grains: readonly Grain[], fail: Fail): void {
  const grain = row.grain;
  if (!grains.includes(grain as Grain)) {
    fail(`${path}.grain`, `expected one of ${grains.join('|')}, got ${describe(grain)}`);
  }
  if (typeof row.period !== 'string') {
    fail(`${path}.period`, expectedGot('string', row.period));
  } else if (grains.includes(grain as Grain) && grainOf(row.period) !== grain) {
    fail(`${path}.period`, `expected a ${String(grain)} label, got ${describe(row.period)}`);
  }
}

/** `row[key]` is a period label of one of `grains`; returns true when it is. */
export function periodLabel(row: Obj, path: string, key: string, grains: readonly Grain[], fail: Fail): boolean {
  const v = row[key];
  if (typeof v === 'string' && grains.includes(grainOf(v) as Grain)) return true;
  fail(`${path}.${key}`, expectedGot(`a ${grains.join(' or ')} label`, v));
  return false;
}

export function oneOf(row: Obj, path: string, key: string, values: readonly string[], fail: Fail): void {
  if (!values.includes(row[key] as string)) {
    fail(`${path}.${key}`, `expected one of ${values.join('|')}, got ${describe(row[key])}`);
  }
}

export function dayLabel(row: Obj, path: string, key: string, fail: Fail): void {
  const v = row[key];
  if (typeof v !== 'string' || grainOf(v) !== 'day') fail(`${path}.${key}`, expectedGot('a day label (YYYY-MM-DD)', v));
}

/** `o[key]` is an ISO 8601 instant (a string Date.parse reads). */
export function instant(o: Obj, path: string, key: string, fail: Fail): boolean {
  const v = o[key];
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return true;
  fail(`${path}.${key}`, expectedGot('ISO 8601 instant', v));
  return false;
}

/** `o[key]` is null or an ISO 8601 instant. */
export function nullableInstant(o: Obj, path: string, key: string, fail: Fail): void {
  if (o[key] !== null) instant(o, path, key, fail);
}

/** `o[key]` is null or a number of at least 0. */
export function nullableNonNegative(o: Obj, path: string, key: string, fail: Fail): void {
  const v = o[key];
  if (v !== null && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) fail(`${path}.${key}`, expectedGot('null or a number >= 0', v));
}

export function nullableFinite(o: Obj, path: string, key: string, fail: Fail): void {
  const v = o[key];
  if (v !== null && !isFiniteNumber(v)) fail(`${path}.${key}`, expectedGot('number or null', v));
}

export function string(o: Obj, path: string, key: string, fail: Fail, opts: { nonEmpty?: boolean } = {}): boolean {
  const v = o[key];
  if (typeof v !== 'string') {
    fail(`${path}.${key}`, expectedGot('string', v));
    return false;
  }
  if (opts.nonEmpty && v.length === 0) {
    fail(`${path}.${key}`, 'expected non-empty string');
    return false;
  }
  return true;
}

export function nullableString(o: Obj, path: string, key: string, fail: Fail): void {
  const v = o[key];
  if (v !== null && typeof v !== 'string') fail(`${path}.${key}`, expectedGot('string or null', v));
}

export function finite(o: Obj, path: string, key: string, fail: Fail): boolean {
  if (isFiniteNumber(o[key])) return true;
  fail(`${path}.${key}`, expectedGot('number', o[key]));
  return false;
}

export function boolean(o: Obj, path: string, key: string, fail: Fail): void {
  if (typeof o[key] !== 'boolean') fail(`${path}.${key}`, expectedGot('boolean', o[key]));
}

export function count(o: Obj, path: string, key: string, fail: Fail): void {
  if (!isCount(o[key])) fail(`${path}.${key}`, expectedGot('non-negative integer', o[key]));
}

export function array(o: Obj, path: string, key: string, fail: Fail): unknown[] | null {
  const v = o[key];
  if (!Array.isArray(v)) {
    fail(`${path}.${key}`, expectedGot('array', v));
    return null;
  }
  return v;
}

/** `o[key]` is an object; returns it, or null after reporting. */
export function object(o: Obj, path: string, key: string, fail: Fail): Obj | null {
  const v = o[key];
  if (isObject(v)) return v;
  fail(`${path}.${key}`, expectedGot('object', v));
  return null;
}

export function expectedGot(expected: string, value: unknown): string {
  return value === undefined ? `expected ${expected} (missing)` : `expected ${expected}, got ${describe(value)}`;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
