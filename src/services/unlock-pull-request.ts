import type { Command } from '../commands/command.ts';
import type { PullRequest } from '../core/pull-request.ts';
import { preparePullRequest, selectProjects } from './prepare-pull-request.ts';
import { publishSummary, replyWith } from './publish-summary.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/** `unlock`: releases this PR's locks (all, or the named projects') and discards their plans. */
export async function unlockPullRequest(deps: ServiceDeps, session: HostSession, request: { pr: PullRequest; actor: string; command: Command }): Promise<string[]> {
  const { pr, command } = request;
  const named = command.project !== undefined || command.dir !== undefined || command.target !== undefined;
  let released: string[];
  if (!named) {
    released = (await deps.store.releaseLocksOf(pr)).map((l) => l.project);
    await deps.store.deletePlans(pr);
  } else {
    const prepared = await preparePullRequest(deps, session, pr);
    const chosen = prepared.ok ? selectProjects(prepared.value.projects, command) : prepared;
    if (!chosen.ok) {
      await replyWith(deps, session, pr, { kind: 'failure', failure: chosen });
      return [];
    }
    released = [];
    for (const p of chosen.value) {
      if (await deps.store.releaseLock({ repo: pr.repo, project: p.name, target: p.target }, pr.number)) released.push(p.name);
    }
    await deps.store.deletePlans(pr, chosen.value.map((p) => p.name));
  }
  await deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr, actor: request.actor, action: 'unlocked', detail: { projects: released } });
  await publishSummary(deps, session, { pr, outcomes: [], command: 'unlock' });
  await replyWith(deps, session, pr, { kind: 'unlocked', projects: released });
  return released;
}
