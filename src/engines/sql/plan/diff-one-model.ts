/**
 * The data diff of ONE model of a `sql` project (`sluice diff <model>`): the model is built from the head
 * into the PR environment exactly as a plan builds it — together with the changed models upstream of it,
 * so that it reads what the head would deploy — and diffed against production like a plan diffs it.
 * Nothing downstream of it is built, its tests are not run, production is only read.
 */
import { failure, isFailure, within, type Failure } from '../../../core/outcome.ts';
import type { SqlReportStatus } from '../../../core/plans/sql-plan.ts';
import type { EngineContext } from '../../../ports/project-engine.ts';
import { withPullRequestSession } from '../../target-warehouse.ts';
import type { SqlChangePlan } from '../changes/plan-sql-changes.ts';
import type { AnalyzedSqlProject } from '../lineage/analyzed-project.ts';
import type { BuiltModel } from '../build/build-pr-environment.ts';
import { diffBuiltModels, type ModelDiff } from './diff-built-models.ts';
import { buildModels, detectSqlChanges, modelsToBuild, type PlanSqlDeps } from './plan-sql-project.ts';
import { modelStatuses } from './collect-sql-facts.ts';

/** How the head's model differs from the base's; `unchanged` when neither it nor anything upstream changed. */
export type ModelChange = { readonly status: SqlReportStatus | 'unchanged'; readonly reasons: readonly string[] };

export type BuiltTable = { readonly model: string; readonly schema: string; readonly table: string; readonly rows: number };

export type OneModelDiff = {
  /** The model's name as declared. */
  readonly model: string;
  readonly change: ModelChange;
  /** Its production table (which may not exist: `diff.isNew`). */
  readonly production: { readonly schema: string; readonly table: string };
  /** What was built, in dependency order: the changed upstream models, then the model itself (last). */
  readonly built: readonly BuiltTable[];
  readonly diff: ModelDiff;
};

export type DiffOneModelDeps = PlanSqlDeps & { readonly showPii?: boolean };

export async function diffOneModel(ctx: EngineContext, model: string, deps: DiffOneModelDeps): Promise<OneModelDiff | Failure> {
  const label = `diffing ${model} in ${ctx.project.name}`;
  const planned = await detectSqlChanges(ctx);
  if (!planned.ok) return within(label, planned);
  const key = model.toLowerCase();
  const analyzed = planned.value.head.models.get(key);
  if (analyzed === undefined) return failure('command_invalid', `${label}: the project has no model ${model}`);
  const changed = new Set(modelsToBuild(planned.value));
  const names = namesToBuild(planned.value, key, changed);
  const result = await withPullRequestSession(deps.warehouse, ctx.pr, async (session) => {
    const built = await buildModels(ctx, { ...deps, session }, planned.value.head, names);
    if (!built.ok) return built;
    const own = built.value.find((b) => b.name === key) as BuiltModel;
    ctx.progress(`diffing ${analyzed.model.name} against production`);
    const [diff] = await diffBuiltModels(session, [own], () => undefined, { showPii: deps.showPii === true });
    return { built: built.value, own, diff: diff as ModelDiff };
  });
  if (isFailure(result)) return within(label, result);
  const { built, own, diff } = result;
  return {
    model: analyzed.model.name,
    change: changed.has(key) ? changeOf(planned.value, analyzed.model.name) : { status: 'unchanged', reasons: [] },
    production: { schema: own.schema, table: own.table },
    built: built.map((b) => ({ model: b.model.name, schema: b.prSchema, table: b.table, rows: b.rows })),
    diff,
  };
}

/** The model, after the models upstream of it that the head changes (added, modified, or rebuilt because of those). */
function namesToBuild(planned: SqlChangePlan, key: string, changed: ReadonlySet<string>): string[] {
  const upstream = findUpstream(planned.head, key);
  return planned.head.order.filter((n) => n === key || (upstream.has(n) && changed.has(n)));
}

/** Every model `key` reads, directly or through other models (sources excluded). */
function findUpstream(project: AnalyzedSqlProject, key: string): Set<string> {
  const found = new Set<string>();
  const visit = (name: string): void => {
    for (const dep of project.models.get(name)?.dependsOn ?? []) {
      if (!project.models.has(dep) || found.has(dep)) continue;
      found.add(dep);
      visit(dep);
    }
  };
  visit(key);
  return found;
}

/** Its status and reasons as a plan reports them (a model in the plan's build set is added, modified or indirect). */
function changeOf(planned: SqlChangePlan, model: string): ModelChange {
  const [status] = modelStatuses({ changes: planned.changes, diffs: [{ model, isNew: false }] });
  return status === undefined ? { status: 'unchanged', reasons: [] } : { status: status.status, reasons: status.reasons };
}
