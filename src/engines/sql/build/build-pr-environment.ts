/**
 * Builds the PR environment: the models a PR changes and everything downstream, in dependency order, as
 * `<schema>__pr_<n>.<table>`. References to models built here are rewritten to their PR tables on the
 * parser's positions (`rewriteTableRefs`); everything else — unchanged upstream models, sources — is read
 * from production as written. Production is never written. Incremental models build a bounded window.
 * Nothing runs before `refuseUnsafeSql` passed every model and SQL test; everything then runs on the PR's
 * session of the warehouse (docs/warehouse-role.md).
 */
import { failure, ok, type Failure, type Result } from '../../../core/outcome.ts';
import type { PullRequestWarehouse, Warehouse } from '../../../ports/warehouse.ts';
import type { AnalyzedSqlProject } from '../lineage/analyzed-project.ts';
import type { SqlModel } from '../models/sql-project.ts';
import { errorMessage, locateBuildError } from './locate-build-error.ts';
import { locateTableMentions } from './locate-table-mentions.ts';
import { createStatement, prSchemaName, qualified, splitModelName, type BuildWindow } from './model-statements.ts';
import { recordPrSchemas } from './pr-environments.ts';
import { refuseUnsafeSql } from './refuse-unsafe-sql.ts';
import { rewriteTableRefs } from './rewrite-table-refs.ts';
import type { SqlEngineLimits } from '../plan/sql-plan-artifacts.ts';

export type BuiltModel = {
  readonly name: string;
  readonly model: SqlModel;
  readonly schema: string;
  readonly table: string;
  readonly prSchema: string;
  readonly rows: number;
  readonly window?: BuildWindow;
};

export type BuildInput = {
  /** The PR's session: where models are built. */
  readonly warehouse: PullRequestWarehouse;
  /** Production: where the PR's schemas are recorded for cleanup. */
  readonly production: Warehouse;
  readonly head: AnalyzedSqlProject;
  /** Lower-cased model names to build, in dependency order. */
  readonly names: readonly string[];
  readonly pr: number;
  /** The repo of the PR: its schemas are recorded for cleanup. */
  readonly repo: string;
  readonly projectDir: string;
  readonly limits: SqlEngineLimits;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

/** Renames models built in the PR to their PR tables (quoted), for model SQL and test SQL alike. */
export function prRenamer(input: Pick<BuildInput, 'names' | 'pr'>, q: (n: string) => string): (name: string) => string | undefined {
  const built = new Set(input.names);
  return (name) => {
    const parts = splitModelName(name);
    return built.has(name) && parts !== undefined ? qualified(q, prSchemaName(parts.schema, input.pr), parts.table) : undefined;
  };
}

export async function buildPrEnvironment(input: BuildInput): Promise<Result<BuiltModel[]>> {
  const models = input.names.map((n) => input.head.models.get(n)?.model).filter((m): m is SqlModel => m !== undefined);
  const unnamed = models.find((m) => splitModelName(m.name) === undefined);
  if (unnamed !== undefined) {
    return failure('engine_failed', `${unnamed.name}: a model needs a schema to be built (put it in a folder under models/)`, { location: { file: fileOf(input, unnamed), line: 1, column: 1 } });
  }
  const refused = await refuseUnsafeSql(models, input.projectDir);
  if (refused !== undefined) return refused;
  const mentions = await locateTableMentions(models.map((m) => m.sql));
  const q = (n: string) => input.warehouse.quoteIdent(n);
  const schemas = [...new Set(models.map((m) => prSchemaName(splitModelName(m.name)?.schema ?? '', input.pr)))];
  await recordPrSchemas(input.production, { repo: input.repo, number: input.pr }, schemas);
  for (const schema of schemas) {
    await input.warehouse.dropSchema(schema, { cascade: true });
    await input.warehouse.createSchema(schema);
  }
  const started = input.now().getTime();
  // The time budget also interrupts a statement in flight (on the wall clock), not only between models.
  const deadline = AbortSignal.timeout(input.limits.maxSeconds * 1000);
  const stops = AbortSignal.any([input.signal, deadline]);
  const built: BuiltModel[] = [];
  for (const [i, model] of models.entries()) {
    if (input.signal.aborted) return failure('cancelled', `cancelled before building ${model.name}; production is unchanged`);
    input.progress(`building ${i + 1} of ${models.length} models`);
    const result = await buildOne(input, model, mentions[i] ?? [], q, stops);
    if (!result.ok && deadline.aborted) return overBudgetWhile(input, model, built.length);
    if (!result.ok && input.signal.aborted) return failure('cancelled', `cancelled while building ${model.name}; production is unchanged`);
    if (!result.ok) return result;
    built.push(result.value);
    const over = overBudget(input, built, started);
    if (over !== undefined) return over;
  }
  return ok(built);
}

async function buildOne(input: BuildInput, model: SqlModel, mentions: Parameters<typeof rewriteTableRefs>[1], q: (n: string) => string, signal: AbortSignal): Promise<Result<BuiltModel>> {
  const { schema, table } = splitModelName(model.name) as { schema: string; table: string };
  const prSchema = prSchemaName(schema, input.pr);
  const rewritten = rewriteTableRefs(model.sql, mentions, prRenamer(input, q));
  const window = buildWindow(input, model);
  // Always a table in the PR: a view there would depend on production objects, and on PostgreSQL block apply's drops.
  const statement = createStatement({ q, kind: 'table', schema: prSchema, table, select: rewritten.sql, ...(window ? { window } : {}) });
  try {
    await input.warehouse.execute(statement.sql, undefined, { signal });
    const [row] = await input.warehouse.query(`SELECT count(*) AS n FROM ${qualified(q, prSchema, table)}`);
    return ok({ name: model.name.toLowerCase(), model, schema, table, prSchema, rows: Number(row?.['n'] ?? 0), ...(window ? { window } : {}) });
  } catch (error) {
    const at = locateBuildError({ error, statement, original: model.sql, toOriginal: rewritten.toOriginal });
    return failure('engine_failed', `building ${model.name}: ${errorMessage(error)}`, {
      location: { file: fileOf(input, model), ...at },
      hint: 'The PR environment was not finished; production is untouched. Fix the model and push again.',
    });
  }
}

function buildWindow(input: BuildInput, model: SqlModel): BuildWindow | undefined {
  if (model.meta.kind !== 'incremental' || model.meta.time_column === undefined) return undefined;
  const since = new Date(input.now().getTime() - input.limits.incrementalWindowDays * 86_400_000);
  return { column: model.meta.time_column, since: since.toISOString().replace('T', ' ').slice(0, 19) };
}

const BUDGET_HINT = 'Production is untouched. Narrow the change, or raise `sql.max_rows` / `sql.max_seconds` in the server config.';

function overBudgetWhile(input: BuildInput, model: SqlModel, done: number): Failure {
  return failure('engine_failed', `the PR build stopped while building ${model.name} (${done} of ${input.names.length} models built): it ran over the budget of ${input.limits.maxSeconds} s`, { hint: BUDGET_HINT });
}

function overBudget(input: BuildInput, built: readonly BuiltModel[], started: number): Failure | undefined {
  const rows = built.reduce((n, b) => n + b.rows, 0);
  const seconds = (input.now().getTime() - started) / 1000;
  const last = built.at(-1)?.model.name ?? '';
  const stop = (what: string) => failure('engine_failed', `the PR build stopped after ${last} (${built.length} of ${input.names.length} models): ${what}`, { hint: BUDGET_HINT });
  if (rows > input.limits.maxRows) return stop(`its ${rows.toLocaleString('en-US')} rows exceed the budget of ${input.limits.maxRows.toLocaleString('en-US')} rows`);
  if (seconds > input.limits.maxSeconds) return stop(`it ran ${Math.round(seconds)} s, over the budget of ${input.limits.maxSeconds} s`);
  return undefined;
}

export function fileOf(input: Pick<BuildInput, 'projectDir'>, model: Pick<SqlModel, 'file'>): string {
  return input.projectDir === '.' || input.projectDir === '' ? model.file : `${input.projectDir}/${model.file}`;
}
