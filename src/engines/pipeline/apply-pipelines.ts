import { failure, type Failure } from '../../core/outcome.ts';
import { isPlanOfKind, type Plan } from '../../core/plan.ts';
import type { DeployArtifact } from '../../core/plans/pipeline-plan.ts';
import type { ApplyResult, EngineContext } from '../../ports/project-engine.ts';
import type { Warehouse, WarehouseSession } from '../../ports/warehouse.ts';
import { wrongKindFailure } from '../wrong-kind-failure.ts';
import { exportPipelines } from './export-pipelines.ts';
import { ensureRegistry, readRegistry, writeVersions, type NewVersion } from './pipeline-registry.ts';

type Written = NewVersion & { version: number };

/** Raised inside the transaction when the registry moved since the plan; rolls everything back. */
class RegistryMoved extends Error {}

/**
 * Deploys exactly the plan's changes to the target: every new version (un-deploys included) in one
 * transaction on the registry, then the resolved specs as JSON in the export folder when there is one.
 */
export async function applyPipelines(
  ctx: EngineContext,
  plan: Plan,
  deps: { warehouse: Warehouse; now: Date; appliedBy?: string; exportDir?: string },
): Promise<ApplyResult | Failure> {
  if (!isPlanOfKind(plan, 'pipeline')) return wrongKindFailure(plan.kind, 'pipeline');
  const { deploy } = plan.artifacts;
  if (deploy.length === 0) return { summary: 'no pipeline changes to deploy', steps: [] };
  if (ctx.signal.aborted) return failure('cancelled', 'cancelled before deploying; production is unchanged');
  const stamp = { project: ctx.project.name, repo: ctx.pr.repo, pr: ctx.pr.number, commitSha: plan.headSha, appliedAt: deps.now.toISOString(), ...(deps.appliedBy ? { appliedBy: deps.appliedBy } : {}) };
  let written: Written[];
  try {
    written = await deps.warehouse.transaction((tx) => deployInTransaction(tx, deploy, stamp));
  } catch (err) {
    if (!(err instanceof RegistryMoved)) throw err;
    return failure('apply_failed', `deploying pipelines: ${err.message}; production is unchanged`, { hint: 'Plan again to see what is deployed now.' });
  }
  const steps = written.map((v) => `${v.deployed ? 'deployed' : 'un-deployed'} ${v.pipeline} as version ${v.version} (${plan.headSha.slice(0, 7)}, PR #${ctx.pr.number})`);
  if (deps.exportDir !== undefined) steps.push(...exportPipelines(deps.exportDir, written));
  const deployed = written.filter((v) => v.deployed).length;
  const removed = written.length - deployed;
  return { summary: [`${deployed} ${deployed === 1 ? 'pipeline' : 'pipelines'} deployed`, ...(removed > 0 ? [`${removed} un-deployed`] : [])].join(', '), steps };
}

async function deployInTransaction(tx: WarehouseSession, deploys: readonly DeployArtifact[], stamp: Omit<NewVersion, 'pipeline' | 'deployed'>): Promise<Written[]> {
  await ensureRegistry(tx);
  const current = new Map((await readRegistry(tx, { project: stamp.project })).map((e) => [e.pipeline, e.version]));
  const versions = deploys.map((d): Written => {
    const now = current.get(d.pipeline) ?? 0;
    if (now !== d.expectedVersion) throw new RegistryMoved(`${d.pipeline} is at version ${now} on the target, the plan expected ${d.expectedVersion}`);
    const deployed = d.action !== 'delete';
    return { ...stamp, pipeline: d.pipeline, version: now + 1, deployed, ...(deployed && d.spec ? { spec: d.spec } : {}), ...(d.file ? { file: d.file } : {}) };
  });
  await writeVersions(tx, versions);
  return versions;
}
