import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import { failure, ok } from '../core/outcome.ts';
import type { Failure, Problem, Result, SourceLocation } from '../core/outcome.ts';

/** A key path into a YAML value, as zod reports it: `['projects', 1, 'kind']`. */
export type ValuePath = readonly PropertyKey[];

/**
 * Maps a key path to where it is written. `at: 'key'` points at the last key itself (for unknown keys);
 * by default it points at the value. A path that is not in the document points at its nearest ancestor.
 */
export type Locator = (path: ValuePath, options?: { at?: 'key' | 'value' }) => SourceLocation;

export type LocatedYaml = { readonly value: unknown; readonly locate: Locator };

/** Parses one YAML document, keeping source positions. Syntax errors come back as located problems. */
export function parseYamlLocated(text: string, file: string): Result<LocatedYaml> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    return invalidFile(file, doc.errors.map((e) => ({ message: syntaxMessage(e, text), location: position(e.pos[0]) })));
  }
  const locate: Locator = (path, options = {}) => {
    const offset = findOffset(doc, path, options.at ?? 'value');
    return offset === undefined ? { file, line: 1, column: 1 } : position(offset);
  };
  return ok({ value: doc.toJS({ maxAliasCount: 100 }) as unknown, locate });
}

function syntaxMessage(error: YAMLError, text: string): string {
  const key = /^("[^"\n]*"|'[^'\n]*'|[^:,{}\n]+?)\s*:/.exec(text.slice(error.pos[0]))?.[1];
  if (error.code !== 'DUPLICATE_KEY' || key === undefined) return error.message;
  return `duplicate key ${/^["']/.test(key) ? key : JSON.stringify(key)}`;
}

/** Start offset of the node at `path`, or of its nearest ancestor that exists. */
function findOffset(doc: Document, path: ValuePath, at: 'key' | 'value'): number | undefined {
  let node = resolve(doc, doc.contents);
  let offset = node?.range?.[0];
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) break;
      const key = pair.key as Node;
      const value = resolve(doc, pair.value as Node | null);
      if ((last && at === 'key') || value?.range == null || isEmptyScalar(value)) return key.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node) && Number.isInteger(Number(segment))) {
      const item = resolve(doc, node.items[Number(segment)] as Node | undefined);
      if (item?.range == null) break;
      node = item;
    } else {
      break;
    }
    offset = node.range?.[0] ?? offset;
  }
  return offset;
}

function resolve(doc: Document, node: Node | null | undefined): Node | undefined {
  if (node == null) return undefined;
  return isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
}

/** `key:` with nothing after it: point at the key, not at the end of the line. */
function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
}

/** The `config_invalid` failure for a file with problems: located problems, the first one in the message. */
export function invalidFile(file: string, problems: readonly Problem[]): Failure {
  const sorted = [...problems].sort(byLocation);
  const first = sorted[0];
  const summary = sorted.length === 1 && first !== undefined ? first.message : `${sorted.length} problems`;
  return failure('config_invalid', `reading ${file}: ${summary}`, {
    ...(first?.location === undefined ? {} : { location: first.location }),
    problems: sorted,
  });
}

/** `sluice.yaml:3:11: projects[1].kind: expected one of …` */
export function formatProblem(problem: Problem): string {
  const loc = problem.location;
  if (loc === undefined) return problem.message;
  const place = [loc.file, loc.line, loc.column].filter((p) => p !== undefined).join(':');
  return `${place}: ${problem.message}`;
}

function byLocation(a: Problem, b: Problem): number {
  return (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0);
}
