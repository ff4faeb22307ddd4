/**
 * Promotes a stored `sql` plan to production in ONE warehouse transaction: checks that production is as
 * the plan found it (deployed fingerprints and objects), runs the plan's statements in order, and records
 * the new fingerprints in `_sluice.sql_deployments`. Any failure rolls everything back.
 */
import { failure, failureOf, raise, type Failure } from '../../../core/outcome.ts';
import { isPlanOfKind, type Plan } from '../../../core/plan.ts';
import type { ApplyResult, EngineContext } from '../../../ports/project-engine.ts';
import type { Warehouse, WarehouseSession } from '../../../ports/warehouse.ts';
import { errorMessage } from '../build/locate-build-error.ts';
import { ensureDeploymentsTable, productionObject, readDeployedFingerprints, recordDeployment } from './sql-deployments.ts';
import type { ProductionState, SqlPlanArtifacts } from '../plan/sql-plan-artifacts.ts';
import { wrongKindFailure } from '../../wrong-kind-failure.ts';

export type ApplySqlDeps = { readonly warehouse: Warehouse; readonly now: () => Date };

const UNCHANGED = 'production is unchanged (the transaction was rolled back)';

/** A failure says what failed; the caller adds `applying <project>`. */
export async function applySqlPlan(ctx: EngineContext, plan: Plan, deps: ApplySqlDeps): Promise<ApplyResult | Failure> {
  if (!isPlanOfKind(plan, 'sql')) return wrongKindFailure(plan.kind, 'sql');
  const { artifacts } = plan;
  if (artifacts.statements.length === 0) return { summary: 'nothing to apply: no model changed', steps: [] };
  if (ctx.signal.aborted) return failure('cancelled', 'cancelled before it started; production is unchanged');
  const record = { project: ctx.project.name, pr: ctx.pr.number, headSha: plan.headSha, deployedAt: deps.now().toISOString() };
  try {
    await deps.warehouse.transaction(async (tx) => {
      await ensureDeploymentsTable(tx);
      const stale = await findStale(tx, artifacts);
      if (stale !== undefined) raise(failure('plan_stale', `production changed since this plan: ${stale}; ${UNCHANGED}`, { hint: 'Plan again to see the change against what is deployed now.' }));
      for (const [i, statement] of artifacts.statements.entries()) {
        ctx.progress(`running statement ${i + 1} of ${artifacts.statements.length}`);
        await tx.execute(statement.sql).catch((error: unknown) => {
          const what = statement.model === '' ? firstLine(statement.sql) : `${statement.model}: ${firstLine(statement.sql)}`;
          raise(failure('apply_failed', `${what}: ${errorMessage(error)}; ${UNCHANGED}`));
        });
      }
      for (const m of artifacts.models) await recordDeployment(tx, record, m.name.toLowerCase(), m.fingerprint);
      for (const r of artifacts.removed) await recordDeployment(tx, record, r.name.toLowerCase(), null);
    });
  } catch (error) {
    const failed = failureOf(error);
    if (failed !== undefined) return failed;
    return failure('apply_failed', `${errorMessage(error)}; ${UNCHANGED}`);
  }
  const built = artifacts.models.length;
  const dropped = artifacts.removed.length;
  return {
    summary: `${built} ${built === 1 ? 'model' : 'models'} built in production${dropped > 0 ? `, ${dropped} dropped` : ''}, in one transaction`,
    steps: artifacts.statements.map((s) => firstLine(s.sql)),
  };
}

/** What moved in production since the plan, in words; undefined when nothing that matters did. */
async function findStale(tx: WarehouseSession, artifacts: SqlPlanArtifacts): Promise<string | undefined> {
  const deployed = await readDeployedFingerprints(tx, artifacts.project);
  for (const m of [...artifacts.models, ...artifacts.removed]) {
    const now: ProductionState = { fingerprint: deployed.get(m.name.toLowerCase()) ?? null, object: await productionObject(tx, m.schema, m.table) };
    if (now.fingerprint !== m.before.fingerprint) return `${m.name} was deployed by another plan since`;
    if (now.object !== m.before.object) return `${m.name} is now ${now.object === 'none' ? 'missing' : `a ${now.object}`}, the plan found ${m.before.object === 'none' ? 'nothing' : `a ${m.before.object}`}`;
  }
  return undefined;
}

function firstLine(sql: string): string {
  return (sql.split('\n')[0] ?? sql).replace(/\s+AS$/, '').trim();
}
