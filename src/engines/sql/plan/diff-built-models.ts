/**
 * The data diff of every built model against production (`diffTables`, in the warehouse), `pii` columns
 * masked. A model production does not have yet is new (no diff). An incremental model built on a window
 * is compared with the same window of production, through a copy of that window in the PR schema.
 */
import type { PullRequestWarehouse } from '../../../ports/warehouse.ts';
import { diffTables } from '../data-diff/diff-tables.ts';
import type { DataDiff } from '../data-diff/schema.ts';
import type { BuiltModel } from '../build/build-pr-environment.ts';
import { qualified } from '../build/model-statements.ts';
import { piiColumns } from '../build/run-model-tests.ts';

export type ModelDiff = {
  readonly model: string;
  /** Absent for a new model, or when the diff itself failed (`error`). */
  readonly diff?: DataDiff;
  readonly isNew: boolean;
  readonly error?: string;
  /** The PR build and this diff cover rows since this time only (incremental models). */
  readonly windowSince?: string;
};

export type DiffOptions = {
  /** Show `pii` columns' values in samples (`sluice diff --show-pii`, local only); masked by default. */
  readonly showPii?: boolean;
};

export async function diffBuiltModels(warehouse: PullRequestWarehouse, built: readonly BuiltModel[], progress: (m: string) => void, options: DiffOptions = {}): Promise<ModelDiff[]> {
  const diffs: ModelDiff[] = [];
  for (const [i, b] of built.entries()) {
    progress(`diffing ${i + 1} of ${built.length} models`);
    diffs.push(await diffOne(warehouse, b, options));
  }
  return diffs;
}

async function diffOne(warehouse: PullRequestWarehouse, built: BuiltModel, options: DiffOptions): Promise<ModelDiff> {
  const model = built.model.name;
  if (!(await warehouse.tableExists(built.schema, built.table))) return { model, isNew: true };
  const before = await productionSide(warehouse, built);
  const base = { before, after: { schema: built.prSchema, table: built.table }, pii: options.showPii === true ? [] : piiColumns(built) };
  const window = built.window === undefined ? {} : { windowSince: built.window.since };
  let result = await diffTables(warehouse, { ...base, grain: built.model.meta.grain });
  // A grain production does not have (it changed in this PR) still allows counts and profiles.
  if (!result.ok && built.model.meta.grain.length > 0) result = await diffTables(warehouse, base);
  return result.ok ? { model, isNew: false, diff: result.value, ...window } : { model, isNew: false, error: result.message, ...window };
}

async function productionSide(warehouse: PullRequestWarehouse, built: BuiltModel): Promise<{ schema: string; table: string }> {
  if (built.window === undefined) return { schema: built.schema, table: built.table };
  const q = (n: string) => warehouse.quoteIdent(n);
  const view = `${built.table}__production_window`;
  // A table, not a view: nothing in a PR schema may depend on production (PostgreSQL would refuse apply's drops).
  await warehouse.execute(`DROP TABLE IF EXISTS ${qualified(q, built.prSchema, view)}`);
  await warehouse.execute(`CREATE TABLE ${qualified(q, built.prSchema, view)} AS SELECT * FROM ${qualified(q, built.schema, built.table)}
    WHERE ${q(built.window.column)} >= CAST('${built.window.since}' AS timestamp)`);
  return { schema: built.prSchema, table: view };
}
