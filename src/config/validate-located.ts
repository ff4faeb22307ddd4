import type { z } from 'zod';
import { ok } from '../core/outcome.ts';
import type { Problem, Result } from '../core/outcome.ts';
import { invalidFile } from './parse-yaml-located.ts';
import type { LocatedYaml, ValuePath } from './parse-yaml-located.ts';

/**
 * Validates a located YAML value with a zod schema; every issue becomes a problem with a file, line and
 * column and a message naming the key path: `projects[1].kind: expected one of sql, pipeline, …`.
 */
export function validateLocated<S extends z.ZodType>(schema: S, yaml: LocatedYaml, file: string): Result<z.output<S>> {
  const parsed = schema.safeParse(yaml.value, { error: describeIssue });
  if (parsed.success) return ok(parsed.data);
  return invalidFile(file, parsed.error.issues.flatMap((issue) => toProblems(issue, { schema, yaml })));
}

function toProblems(issue: z.core.$ZodIssue, ctx: { schema: z.ZodType; yaml: LocatedYaml }): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = objectKeysAt(ctx.schema, issue.path, ctx.yaml.value);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return { message: `${formatPath(path)}: ${unknownKeyMessage(key, allowed)}`, location: ctx.yaml.locate(path, { at: 'key' }) };
    });
  }
  const at = issue.code === 'invalid_key' ? 'key' : 'value';
  return [{ message: `${formatPath(issue.path)}: ${issue.message}`, location: ctx.yaml.locate(issue.path, { at }) }];
}

/** `['projects', 1, 'kind']` → `projects[1].kind`; odd keys are quoted: `targets["my target"]`. */
export function formatPath(path: ValuePath): string {
  if (path.length === 0) return 'top level';
  return path
    .map((seg, i) => {
      if (typeof seg === 'number') return `[${seg}]`;
      const key = String(seg);
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

/** Per-parse error map: used only where the schema gives no message of its own. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `expected ${noun(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}${issue.input === undefined ? '' : ` (got ${describeValue(issue.input)})`}`;
    case 'invalid_union':
      return describeUnion(issue);
    case 'too_small':
      return describeBound(issue, 'at least');
    case 'too_big':
      return describeBound(issue, 'at most');
    case 'invalid_key':
      return `invalid key: ${issue.issues.map((i) => i.message).join('; ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern !== undefined ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}

function describeUnion(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>): string | undefined {
  const extra = issue as { discriminator?: unknown; options?: unknown };
  if (typeof extra.discriminator !== 'string' || !Array.isArray(extra.options)) return undefined;
  const input = issue.input as Record<string, unknown> | undefined;
  const got = input?.[extra.discriminator];
  return got === undefined ? `is required (${oneOf(extra.options)})` : `expected ${oneOf(extra.options)} (got ${describeValue(got)})`;
}

function describeBound(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig>, word: 'at least' | 'at most'): string {
  const limit = Number('minimum' in issue ? issue.minimum : issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set') return `must have ${word} ${limit} item${limit === 1 ? '' : 's'}`;
  if (issue.origin === 'string') return limit === 1 && word === 'at least' ? 'must not be empty' : `must be ${word} ${limit} characters`;
  const strict = issue.inclusive === false ? (word === 'at least' ? 'greater than' : 'less than') : word;
  return `must be ${strict} ${limit}`;
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.length === 1 ? String(shown[0]) : `one of ${shown.join(', ')}`;
}

function noun(expected: string): string {
  const nouns: Record<string, string> = {
    object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false',
  };
  return nouns[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function unknownKeyMessage(key: string, allowed: readonly string[] | undefined): string {
  if (allowed === undefined || allowed.length === 0) return 'unknown key';
  const close = allowed.find((a) => editDistance(a, key) <= Math.max(1, Math.floor(a.length / 4)));
  return close === undefined ? `unknown key (expected one of ${allowed.join(', ')})` : `unknown key; did you mean ${close}?`;
}

type SchemaDef = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  entries?: Record<string, unknown>;
};

const def = (s: z.ZodType): SchemaDef => (s as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The keys an object schema at `path` accepts, to suggest a fix for an unknown key. */
function objectKeysAt(schema: z.ZodType, path: ValuePath, value: unknown): string[] | undefined {
  let current: z.ZodType | undefined = unwrap(schema, value);
  let data = value;
  for (const seg of path) {
    data = (data as Record<PropertyKey, unknown> | undefined)?.[seg];
    const d: SchemaDef | undefined = current === undefined ? undefined : def(current);
    const next: z.ZodType | undefined = d?.shape?.[String(seg)] ?? d?.element ?? d?.valueType;
    current = next === undefined ? undefined : unwrap(next, data);
  }
  if (current === undefined) return undefined;
  const d = def(current);
  if (d.shape !== undefined) return Object.keys(d.shape);
  const keys = d.keyType === undefined ? undefined : def(d.keyType).entries;
  return keys === undefined ? undefined : Object.keys(keys);
}

/** Looks through defaults, optionals and pipes; picks the discriminated-union option the data selects. */
function unwrap(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current !== undefined && depth < 16; depth++) {
    const d = def(current);
    if (d.innerType !== undefined) current = d.innerType;
    else if (d.type === 'pipe') current = d.in;
    else if (d.type === 'union' && d.discriminator !== undefined) current = pickOption(d, data);
    else return current;
  }
  return current;
}

function pickOption(d: SchemaDef, data: unknown): z.ZodType | undefined {
  const tag = (data as Record<string, unknown> | undefined)?.[d.discriminator ?? ''];
  return d.options?.find((o) => {
    const values = (o as unknown as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod.propValues;
    return values?.[d.discriminator ?? '']?.has(tag) ?? false;
  });
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
