import type { PullRequest } from '../core/pull-request.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/**
 * The PR closed or merged: release its locks, discard its plans, ask engines to drop PR environments,
 * remove its working trees. Idempotent.
 */
export async function closePullRequest(deps: ServiceDeps, _session: HostSession, request: { pr: PullRequest; merged: boolean }): Promise<void> {
  const { pr } = request;
  const plans = await deps.store.listPlans(pr);
  const locks = await deps.store.releaseLocksOf(pr);
  await deps.store.deletePlans(pr);
  await deps.store.clearPolicyApprovals(pr);
  const kinds = new Map(plans.map((p) => [p.project, p] as const));
  for (const plan of kinds.values()) {
    const engine = deps.engines[plan.kind];
    const target = deps.server.targets[plan.target];
    if (!engine || !target) continue;
    try {
      await engine.cleanup({
        project: { name: plan.project, kind: plan.kind, dir: '.', target: plan.target, whenModified: [], autoplan: false, dependsOn: [], applyRequirements: [], automerge: false },
        target: { ...target, name: plan.target },
        pr,
        artifactDir: deps.joinPath(deps.artifactRoot, ...pr.repo.split('/'), `pr-${pr.number}`, plan.project),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (cause) {
      deps.log.warn({ pr: pr.number, project: plan.project, cause: String(cause) }, 'cleanup failed');
    }
  }
  await deps.workspace.discard(pr);
  await deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr, actor: 'sluice', action: request.merged ? 'merged' : 'closed', detail: { released: locks.map((l) => l.project) } });
  deps.log.info({ pr: pr.number, repo: pr.repo, released: locks.length }, 'pull request closed');
}
