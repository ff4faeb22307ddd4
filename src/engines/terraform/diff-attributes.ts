import { isRecord, SENSITIVE, UNKNOWN } from './mask-values.ts';

/** Attribute lines shown for one resource before the rest is summarized. */
export const DETAIL_LIMIT = 100;
const VALUE_LIMIT = 200;
/** Characters kept before the first difference of two long values. */
const CONTEXT = 40;
const NAME_PAD_LIMIT = 40;

type Path = readonly (string | number)[];

/**
 * Where the secret holding a leaf starts, or undefined when the leaf is not secret: the attribute a
 * `*_sensitive` mirror marks (`tags`), or the secret-named step (`master_password`). `value` is the leaf's.
 */
export type SecretRoot = (path: Path, value: unknown) => Path | undefined;

export type DiffOptions = {
  /** A resource's `replace_paths`, marked `# forces replacement`. */
  readonly forces?: readonly Path[];
  readonly secretRoot?: SecretRoot;
};

type Row = { sign: string; name: string; path: Path; value: string; forces: boolean };

/**
 * Attribute-by-attribute diff of two masked values as ```diff lines: `+ x = 1`, `- y = 2`,
 * `~ z = "a" -> "b"`. Nested values, and strings holding JSON (policies), are flattened to `a.b.0.c`;
 * nulls and empty collections count as absent; names are aligned; long strings are cut around their
 * first difference. A secret (see `SecretRoot`) is compared whole and shown as one line at its root,
 * `~ tags = (sensitive value)`: neither side, nor the keys inside it.
 */
export function diffAttributes(before: unknown, after: unknown, options: DiffOptions = {}): string[] {
  return formatRows(attributeRows(before, after, options));
}

/** The attributes of one value, unsigned (`  name = "x"`), secrets masked as in `diffAttributes`. */
export function listAttributes(value: unknown, options: Pick<DiffOptions, 'secretRoot'> = {}): string[] {
  return formatRows(attributeRows(null, value, options).map((row) => ({ ...row, sign: ' ' })));
}

function attributeRows(before: unknown, after: unknown, options: DiffOptions): Row[] {
  const old = flatten(before);
  const now = flatten(after);
  const rows: Row[] = [];
  const secrets = new Map<string, { path: Path; old: string[]; now: string[] }>();
  for (const key of new Set([...now.keys(), ...old.keys()])) {
    const a = old.get(key);
    const b = now.get(key);
    const root = shorter(a === undefined ? undefined : options.secretRoot?.(a.path, a.value), b === undefined ? undefined : options.secretRoot?.(b.path, b.value));
    if (root !== undefined) {
      const group = secrets.get(pathName(root)) ?? { path: root, old: [], now: [] };
      if (a !== undefined) group.old.push(`${key}=${a.raw}`);
      if (b !== undefined) group.now.push(`${key}=${b.raw}`);
      secrets.set(pathName(root), group);
      continue;
    }
    if (a !== undefined && b !== undefined && a.raw === b.raw) continue;
    const path = (a ?? b)!.path;
    const forces = (options.forces ?? []).some((p) => startsWith(path, p));
    if (a === undefined) rows.push({ sign: '+', name: key, path, value: shorten(b!.raw), forces });
    else if (b === undefined) rows.push({ sign: '-', name: key, path, value: shorten(a.raw), forces });
    else rows.push({ sign: '~', name: key, path, value: describeChange(a.raw, b.raw), forces });
  }
  for (const [name, group] of secrets) {
    const sign = group.old.length === 0 ? '+' : group.now.length === 0 ? '-' : sameLeaves(group.old, group.now) ? undefined : '~';
    if (sign !== undefined) rows.push({ sign, name: name === '' ? WHOLE_VALUE : name, path: group.path, value: SENSITIVE, forces: forcesWithin(group.path, options.forces) });
  }
  return rows.toSorted((x, y) => comparePaths(x.path, y.path));
}

/** The name of a secret that is the whole value (a resource marked sensitive as a whole). */
const WHOLE_VALUE = '(all attributes)';

function formatRows(rows: readonly Row[]): string[] {
  const width = Math.min(NAME_PAD_LIMIT, Math.max(0, ...rows.map((r) => r.name.length)));
  return capLines(rows.map((r) => `${r.sign} ${r.name.padEnd(width)} = ${r.value}${r.forces ? ' # forces replacement' : ''}`));
}

function shorter(a: Path | undefined, b: Path | undefined): Path | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.length < a.length ? b : a;
}

function sameLeaves(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = [a.toSorted(), b.toSorted()];
  return x.length === y.length && x.every((leaf, i) => leaf === y[i]);
}

/** A replace path at, above or inside a secret's root. */
function forcesWithin(root: Path, forces: readonly Path[] | undefined): boolean {
  return (forces ?? []).some((p) => startsWith(root, p) || startsWith(p, root));
}

/** At most `DETAIL_LIMIT` lines, the rest summarized in a comment line. */
export function capLines(lines: readonly string[]): string[] {
  if (lines.length <= DETAIL_LIMIT) return [...lines];
  return [...lines.slice(0, DETAIL_LIMIT), `# … ${lines.length - DETAIL_LIMIT} more attribute changes not shown`];
}

/** A leaf value: its path, its value, and its full text (JSON for strings) that changes are compared on. */
type Leaf = { path: Path; value: unknown; raw: string };

/** Leaves of a value by display name (`tags["kubernetes.io/role"]`, `rule.0.days`). */
export function flatten(value: unknown): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  walk(value, [], '', leaves);
  return leaves;
}

function walk(value: unknown, path: Path, name: string, leaves: Map<string, Leaf>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, i], joinName(name, i), leaves));
    return;
  }
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key], joinName(name, key), leaves);
    return;
  }
  const json = typeof value === 'string' ? parseJsonDocument(value) : undefined;
  if (json !== undefined) walk(json, path, name, leaves);
  else leaves.set(name, { path, value, raw: leafText(value) });
}

/** A string holding a non-empty JSON object or array (an IAM policy, a task definition), parsed. */
function parseJsonDocument(value: string): unknown {
  const text = value.trim();
  if (!(text.startsWith('{') && text.endsWith('}')) && !(text.startsWith('[') && text.endsWith(']'))) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return (isRecord(parsed) && Object.keys(parsed).length > 0) || (Array.isArray(parsed) && parsed.length > 0) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `a.b.0.c` style names: identifiers and indexes joined by dots, other keys quoted in brackets. */
function joinName(name: string, step: string | number): string {
  if (typeof step === 'number' || IDENTIFIER.test(step)) return name === '' ? String(step) : `${name}.${step}`;
  return `${name}[${JSON.stringify(step)}]`;
}

/** The display name of a path, as `flatten` names its leaves. */
export function pathName(path: Path): string {
  return path.reduce<string>((name, step) => joinName(name, step), '');
}

function leafText(value: unknown): string {
  if (value === SENSITIVE || value === UNKNOWN) return value;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function shorten(raw: string): string {
  return raw.length <= VALUE_LIMIT ? raw : `${raw.slice(0, VALUE_LIMIT)}… (${raw.length} characters)`;
}

/** `"a" -> "b"`; two long texts are shown around their first difference. */
function describeChange(before: string, after: string): string {
  if (before.length <= VALUE_LIMIT && after.length <= VALUE_LIMIT) return `${before} -> ${after}`;
  let at = 0;
  while (at < before.length && before[at] === after[at]) at++;
  const from = Math.max(0, at - CONTEXT);
  const window = (raw: string): string => `${from > 0 ? '…' : ''}${raw.slice(from, from + VALUE_LIMIT)}${from + VALUE_LIMIT < raw.length ? '…' : ''}`;
  return `${window(before)} -> ${window(after)} (differs from character ${at + 1})`;
}

/** Terraform's order: names alphabetically, list indexes numerically. */
function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => String(step) === String(path[i]));
}
