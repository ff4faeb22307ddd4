/**
 * Plans a `sql` project: change detection (base vs head), the PR build of changed and downstream models,
 * their data tests and data diffs against production, and what apply will run. Production is only read:
 * everything the PR wrote runs on the warehouse's pull-request session (docs/warehouse-role.md).
 */
import { join } from 'node:path';
import type { Failure, Result } from '../../../core/outcome.ts';
import type { PlanBody } from '../../../core/plan.ts';
import type { EngineContext } from '../../../ports/project-engine.ts';
import type { PullRequestWarehouse, Warehouse } from '../../../ports/warehouse.ts';
import { withPullRequestSession } from '../../target-warehouse.ts';
import { hasSqlChanges } from '../changes/sql-change-set.ts';
import { planSqlChanges, type SqlChangePlan } from '../changes/plan-sql-changes.ts';
import { buildPrEnvironment, prRenamer, type BuiltModel } from '../build/build-pr-environment.ts';
import { diffBuiltModels } from './diff-built-models.ts';
import { prSchemaName, splitModelName } from '../build/model-statements.ts';
import { runModelTests } from '../build/run-model-tests.ts';
import { applyStatements, plannedModel } from './sql-apply-statements.ts';
import { readDeployedFingerprints, readProductionState } from '../apply/sql-deployments.ts';
import type { SqlEngineLimits, SqlPlanArtifacts } from './sql-plan-artifacts.ts';
import { collectSqlFacts, collectSqlReport } from './collect-sql-facts.ts';
import { toSqlPlanBody } from './to-sql-plan-body.ts';

/** `warehouse` is production: the PR's session is opened from it for the build, tests and diffs. */
export type PlanSqlDeps = { readonly warehouse: Warehouse; readonly limits: SqlEngineLimits; readonly now: () => Date };

/** …and the pull request's session, where the PR's SQL runs. */
export type PrBuildDeps = PlanSqlDeps & { readonly session: PullRequestWarehouse };

/** A failure says what failed (`building marts.orders: …`); the caller adds `planning <project>`. */
export async function planSqlProject(ctx: EngineContext, deps: PlanSqlDeps): Promise<PlanBody<'sql'> | Failure> {
  const planned = await detectSqlChanges(ctx);
  if (!planned.ok) return planned;
  if (!hasSqlChanges(planned.value.changes)) return noChangeBody(ctx.project.name);
  const result = await withPullRequestSession(deps.warehouse, ctx.pr, async (session): Promise<PlanBody<'sql'> | Failure> => {
    const built = await buildModels(ctx, { ...deps, session }, planned.value.head, modelsToBuild(planned.value));
    if (!built.ok) return built;
    return describePlan(ctx, { ...deps, session }, planned.value, built.value);
  });
  return result;
}

/** The project at the base and the head, compared; problems located relative to the repo. */
export async function detectSqlChanges(ctx: EngineContext): Promise<Result<SqlChangePlan>> {
  const planned = await planSqlChanges(join(ctx.baseDir, ctx.project.dir), join(ctx.headDir, ctx.project.dir));
  return planned.ok ? planned : inProjectDir(planned, ctx.project.dir);
}

/** Builds `names` (lower-cased, in dependency order) of the head in the PR environment of `ctx.pr`. */
export function buildModels(ctx: EngineContext, deps: PrBuildDeps, head: SqlChangePlan['head'], names: readonly string[]): Promise<Result<BuiltModel[]>> {
  return buildPrEnvironment({
    warehouse: deps.session, production: deps.warehouse, head, names, pr: ctx.pr.number, repo: ctx.pr.repo, projectDir: ctx.project.dir,
    limits: deps.limits, now: deps.now, signal: ctx.signal, progress: ctx.progress,
  });
}

async function describePlan(ctx: EngineContext, deps: PrBuildDeps, planned: SqlChangePlan, built: BuiltModel[]): Promise<PlanBody<'sql'>> {
  const { session } = deps;
  const rename = prRenamer({ names: built.map((b) => b.name), pr: ctx.pr.number }, (n) => session.quoteIdent(n));
  ctx.progress(`testing ${built.length} models`);
  const tests = await runModelTests({ warehouse: session, built, projectDir: ctx.project.dir, rename, pr: ctx.pr.number });
  const diffs = await diffBuiltModels(session, built, ctx.progress);
  const input = { changes: planned.changes, base: planned.base, head: planned.head, diffs, tests };
  const report = collectSqlReport(input, { lineage: planned.changes.lineage, windowDays: deps.limits.incrementalWindowDays });
  const artifacts = await planArtifacts(ctx, deps.warehouse, planned, built);
  return toSqlPlanBody({ report, facts: collectSqlFacts(input), tests, artifacts });
}

async function planArtifacts(ctx: EngineContext, warehouse: Warehouse, planned: SqlChangePlan, built: BuiltModel[]): Promise<SqlPlanArtifacts> {
  const deployed = await readDeployedFingerprints(warehouse, ctx.project.name);
  const models = [];
  for (const b of built) {
    const fingerprint = planned.head.models.get(b.name)?.fingerprint ?? '';
    models.push(plannedModel(b, fingerprint, await readProductionState(warehouse, deployed, b.name, b)));
  }
  const removed = [];
  for (const r of planned.changes.removed) {
    const at = splitModelName(r.model);
    if (at !== undefined) removed.push({ name: r.model, ...at, before: await readProductionState(warehouse, deployed, r.model.toLowerCase(), at) });
  }
  const statements = applyStatements((n) => warehouse.quoteIdent(n), built, models, removed);
  const prSchemas = [...new Set(built.map((b) => prSchemaName(b.schema, ctx.pr.number)))];
  return { engine: 'sql', project: ctx.project.name, models, removed, statements, prSchemas };
}

/** Added, modified and downstream models, in the head's dependency order. */
export function modelsToBuild(planned: SqlChangePlan): string[] {
  const { changes } = planned;
  const wanted = new Set([...changes.added, ...changes.modified, ...changes.indirect].map((m) => m.model.toLowerCase()));
  return planned.head.order.filter((n) => wanted.has(n));
}

function noChangeBody(project: string): PlanBody<'sql'> {
  const artifacts: SqlPlanArtifacts = { engine: 'sql', project, models: [], removed: [], statements: [], prSchemas: [] };
  const counts = { added: 0, breaking: 0, 'non-breaking': 0, indirect: 0, removed: 0 };
  return {
    kind: 'sql',
    summary: { headline: 'no changes', add: 0, change: 0, destroy: 0 },
    changes: [], tests: [], annotations: [],
    facts: { models: [], removedModels: [], failingTests: 0 },
    report: { counts, models: [], lineage: { nodes: [], edges: [] }, windowDays: 0 },
    artifacts,
  };
}

/** Locations from the SQL layer are relative to the project dir; check runs want them relative to the repo. */
function inProjectDir(f: Exclude<Result<unknown>, { ok: true }>, dir: string): Failure {
  if (dir === '.' || dir === '') return f;
  const move = <T extends { location?: { file: string } }>(p: T): T => (p.location === undefined ? p : { ...p, location: { ...p.location, file: `${dir}/${p.location.file}` } });
  return { ...move(f), ...(f.problems === undefined ? {} : { problems: f.problems.map(move) }) };
}
