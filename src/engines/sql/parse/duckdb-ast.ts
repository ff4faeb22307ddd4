/** The few facts this module relies on about DuckDB's `json_serialize_sql` output. */
export type AstNode = Readonly<Record<string, unknown>>;

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nodeAt(node: AstNode, key: string): AstNode | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

export function nodesAt(node: AstNode, key: string): AstNode[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

export function textAt(node: AstNode, key: string): string {
  const value = node[key];
  return typeof value === 'string' ? value : '';
}

/** Calls `fn` on every object node below `value` (itself included), depth first. */
export function visitNodes(value: unknown, fn: (node: AstNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitNodes(item, fn);
  } else if (isNode(value)) {
    fn(value);
    for (const key in value) {
      const child = value[key];
      if (typeof child === 'object' && child !== null) visitNodes(child, fn);
    }
  }
}

type KeyOptions = { readonly keepAlias?: boolean; readonly qualifiers?: ReadonlyMap<string, string> };

/**
 * A stable text for a node without source positions or (unless kept) its alias: the same SQL, however
 * formatted. `qualifiers` rewrites the table alias of qualified column references (`o.amount` →
 * `staging.orders.amount`), so renaming a table alias changes no key. Hand-written rather than a
 * `JSON.stringify` replacer: this runs for every output and clause of every model.
 */
export function normalizedKey(value: unknown, options: KeyOptions = {}): string {
  const out: string[] = [];
  writeKey(value, out, options);
  return out.join('');
}

function writeKey(value: unknown, out: string[], options: KeyOptions): void {
  if (typeof value === 'string') out.push(JSON.stringify(value));
  else if (value === null || typeof value !== 'object') out.push(String(value));
  else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item: unknown, i) => {
      if (i > 0) out.push(',');
      writeKey(item, out, options);
    });
    out.push(']');
  } else {
    out.push('{');
    const node = value as Record<string, unknown>;
    for (const key in node) {
      if (key === 'query_location' || (key === 'alias' && options.keepAlias !== true) || node[key] === undefined) continue;
      out.push(key, ':');
      writeKey(key === 'column_names' ? qualify(node[key], options.qualifiers) : node[key], out, options);
      out.push(';');
    }
    out.push('}');
  }
}

function qualify(names: unknown, qualifiers: ReadonlyMap<string, string> | undefined): unknown {
  if (qualifiers === undefined || !Array.isArray(names) || names.length < 2) return names;
  const [first, ...rest] = names as unknown[];
  return [qualifiers.get(String(first).toLowerCase()) ?? first, ...rest];
}

/** Every column reference in an expression (subqueries included), lower-cased. */
export function columnRefsIn(value: unknown): string[][] {
  const refs: string[][] = [];
  visitNodes(value, (node) => {
    if (node.class === 'COLUMN_REF' && Array.isArray(node.column_names)) {
      refs.push((node.column_names as unknown[]).map((p) => String(p).toLowerCase()));
    }
  });
  return refs;
}
