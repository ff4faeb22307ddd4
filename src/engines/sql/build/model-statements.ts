/** The SQL that builds one model: `CREATE TABLE|VIEW … AS <its select>`, and the drops before it. */
import type { ProductionState } from '../plan/sql-plan-artifacts.ts';

export type Quote = (name: string) => string;

/** `marts.orders` → `{ schema: 'marts', table: 'orders' }`; undefined for a name without a schema. */
export function splitModelName(name: string): { schema: string; table: string } | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  return { schema: name.slice(0, dot).toLowerCase(), table: name.slice(dot + 1).toLowerCase() };
}

/** The PR environment's schema for a production schema: `marts` → `marts__pr_7`. */
export function prSchemaName(schema: string, pr: number): string {
  return `${schema}__pr_${pr}`;
}

export function qualified(q: Quote, schema: string, table: string): string {
  return `${q(schema)}.${q(table)}`;
}

/** Keeps only rows at or after `since` in `column`: the bounded window of an incremental model's PR build. */
export type BuildWindow = { readonly column: string; readonly since: string };

export type BuildStatement = {
  readonly sql: string;
  /** Where the model's own SQL starts inside `sql` (characters): to locate warehouse errors. */
  readonly selectOffset: number;
};

export function createStatement(options: { q: Quote; kind: string; schema: string; table: string; select: string; window?: BuildWindow }): BuildStatement {
  const { q } = options;
  const object = options.kind === 'view' ? 'VIEW' : 'TABLE';
  const head = `CREATE ${object} ${qualified(q, options.schema, options.table)} AS\n`;
  // Trailing semicolons go; leading text stays, so positions inside the select are kept.
  const select = options.select.replace(/[;\s]+$/, '');
  if (options.window === undefined) return { sql: `${head}${select}\n`, selectOffset: head.length };
  const open = `${head}SELECT * FROM (\n`;
  const filter = `\n) AS sluice_window WHERE sluice_window.${q(options.window.column)} >= CAST('${options.window.since}' AS timestamp)`;
  return { sql: `${open}${select}${filter}`, selectOffset: open.length };
}

/** Drops what production holds under a model's name, as recorded at plan time. */
export function dropStatement(q: Quote, schema: string, table: string, object: ProductionState['object']): string | undefined {
  if (object === 'none') return undefined;
  return `DROP ${object === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${qualified(q, schema, table)}`;
}
