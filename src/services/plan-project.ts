import type { Command } from '../commands/command.ts';
import { isFailure, within } from '../core/outcome.ts';
import { hasChanges, type Plan } from '../core/plan.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequest, PullRequestRef } from '../core/pull-request.ts';
import { checkRunName } from '../render/describe-project.ts';
import { renderProjectCheckRun } from './publish-summary.ts';
import type { PreparedPullRequest } from './prepare-pull-request.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';
import { startCheckRun, type CheckRunTracker } from './track-check-run.ts';
import { withEngine } from './with-engine.ts';

export type PlanProjectInput = {
  readonly pr: PullRequest;
  readonly actor: string;
  readonly command?: Command;
  readonly signal: AbortSignal;
  readonly prepared: PreparedPullRequest;
  readonly project: Project;
  readonly tracker: CheckRunTracker;
};

async function start(deps: ServiceDeps, session: HostSession, pr: PullRequest, project: Project): Promise<CheckRunTracker> {
  return startCheckRun(session.codeHost, {
    repo: pr.repo,
    name: checkRunName({ command: 'plan', project: project.name }),
    headSha: pr.headSha,
    externalId: `${pr.repo}#${pr.number}:plan:${project.name}`,
    now: () => deps.clock.now().getTime(),
  });
}

/** Locks the project for the PR, runs its engine's plan and stores the plan. */
async function run(deps: ServiceDeps, input: PlanProjectInput): Promise<ProjectOutcome> {
  const { pr, project, prepared } = input;
  const now = deps.clock.now().toISOString();
  const attempt = await deps.store.acquireLock({ repo: pr.repo, project: project.name, target: project.target, pr: pr.number, user: input.actor, acquiredAt: now });
  if (!attempt.acquired) return { project, status: 'locked-elsewhere', heldBy: attempt.heldBy };
  input.tracker.begin(`planning ${project.name}`);
  const body = await withEngine(deps, project, (engine, target) =>
    engine.plan({
      project,
      target,
      pr,
      actor: input.actor,
      headDir: prepared.checkout.headDir,
      baseDir: prepared.checkout.baseDir,
      artifactDir: artifactDir(deps, pr, project),
      signal: input.signal,
      extraArgs: input.command?.extraArgs ?? [],
      progress: (message) => input.tracker.progress(message),
    }),
  );
  if (isFailure(body)) return { project, status: input.signal.aborted ? 'cancelled' : 'failed', failure: within(`planning ${project.name}`, body) };
  const plan: Plan = {
    ...body,
    id: `${pr.repo}#${pr.number}:${project.name}:${prepared.checkout.headSha.slice(0, 12)}:${now}`,
    pr: { repo: pr.repo, number: pr.number },
    project: project.name,
    kind: project.kind,
    target: project.target,
    baseSha: prepared.checkout.baseSha,
    headSha: prepared.checkout.headSha,
    configHash: prepared.configHash,
    createdAt: now,
  };
  await deps.store.savePlans([plan]);
  return { project, status: hasChanges(plan) ? 'planned' : 'no-changes', plan };
}

async function finish(deps: ServiceDeps, pr: PullRequestRef, tracker: CheckRunTracker, outcome: ProjectOutcome): Promise<void> {
  await tracker.complete(renderProjectCheckRun(deps, pr, outcome, 'plan'));
}

export const planProject = { start, run, finish };

export function artifactDir(deps: ServiceDeps, pr: PullRequestRef, project: Project): string {
  return deps.joinPath(deps.artifactRoot, ...pr.repo.split('/'), `pr-${pr.number}`, project.name);
}


