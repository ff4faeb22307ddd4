import { isRecord, SENSITIVE, UNKNOWN } from './mask-values.ts';

/** Attribute lines shown for one resource before the rest is summarized. */
export const DETAIL_LIMIT = 100;
const VALUE_LIMIT = 200;
/** Characters kept before the first difference of two long values. */
const CONTEXT = 40;
const NAME_PAD_LIMIT = 40;

type Path = readonly (string | number)[];

/**
 * Attribute-by-attribute diff of two masked values as ```diff lines: `+ x = 1`, `- y = 2`,
 * `~ z = "a" -> "b"`. Nested values, and strings holding JSON (policies), are flattened to `a.b.0.c`;
 * nulls and empty collections count as absent; names are aligned; long strings are cut around their
 * first difference. Leaves under a path `isSecret` accepts are compared but shown as `(sensitive)`.
 * `forces` (a resource's `replace_paths`) marks `# forces replacement`.
 */
export function diffAttributes(before: unknown, after: unknown, options: { forces?: readonly Path[]; isSecret?: (path: Path) => boolean } = {}): string[] {
  const old = flatten(before);
  const now = flatten(after);
  const leaves = new Map([...now, ...old]);
  const keys = [...leaves.keys()].toSorted((a, b) => comparePaths(leaves.get(a)!.path, leaves.get(b)!.path));
  const rows: { sign: string; name: string; value: string; forces: boolean }[] = [];
  for (const key of keys) {
    const a = old.get(key);
    const b = now.get(key);
    if (a !== undefined && b !== undefined && a.raw === b.raw) continue;
    const path = (a ?? b)!.path;
    const forces = (options.forces ?? []).some((p) => startsWith(path, p));
    const secret = options.isSecret?.(path) ?? false;
    if (a === undefined) rows.push({ sign: '+', name: key, value: secret ? SENSITIVE : shorten(b!.raw), forces });
    else if (b === undefined) rows.push({ sign: '-', name: key, value: secret ? SENSITIVE : shorten(a.raw), forces });
    else rows.push({ sign: '~', name: key, value: secret ? `${SENSITIVE} -> ${SENSITIVE}` : describeChange(a.raw, b.raw), forces });
  }
  const width = Math.min(NAME_PAD_LIMIT, Math.max(0, ...rows.map((r) => r.name.length)));
  return capLines(rows.map((r) => `${r.sign} ${r.name.padEnd(width)} = ${r.value}${r.forces ? ' # forces replacement' : ''}`));
}

/** At most `DETAIL_LIMIT` lines, the rest summarized in a comment line. */
export function capLines(lines: readonly string[]): string[] {
  if (lines.length <= DETAIL_LIMIT) return [...lines];
  return [...lines.slice(0, DETAIL_LIMIT), `# … ${lines.length - DETAIL_LIMIT} more attribute changes not shown`];
}

/** A leaf value: its path, and its full text (JSON for strings) that changes are compared on. */
type Leaf = { path: Path; raw: string };

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
  else leaves.set(name, { path, raw: leafText(value) });
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
