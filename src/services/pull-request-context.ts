import type { Project } from '../core/project.ts';
import type { PullRequest } from '../core/pull-request.ts';
import type { ExecutionContext, ProjectReport } from '../ports/execution-context.ts';
import { checkRunName } from '../render/describe-project.ts';
import type { PreparedPullRequest } from './prepare-pull-request.ts';
import type { PullRequestSnapshot } from './pull-request-snapshot.ts';
import { renderProjectCheckRun } from './publish-summary.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';
import { startCheckRun } from './track-check-run.ts';

/**
 * A pull request's execution context: its checked-out commits, locks in the state store, plans kept through
 * the job's snapshot (and so in the store), the audit
 * log, and one check run per project and command on the head commit.
 */
export function pullRequestContext(
  deps: ServiceDeps,
  session: Pick<HostSession, 'codeHost'>,
  run: { pr: PullRequest; actor: string; prepared: PreparedPullRequest; snapshot: PullRequestSnapshot; signal: AbortSignal; extraArgs?: readonly string[] },
): ExecutionContext {
  const { pr } = run;
  const ref = { repo: pr.repo, number: pr.number };
  return {
    pr: ref,
    actor: run.actor,
    checkout: run.prepared.checkout,
    configHash: run.prepared.configHash,
    signal: run.signal,
    extraArgs: run.extraArgs ?? [],
    artifactDir: (project) => artifactDir(deps, pr, project),
    lock: (project) => deps.store.acquireLock({ repo: pr.repo, project: project.name, target: project.target, pr: pr.number, user: run.actor, acquiredAt: deps.clock.now().toISOString() }),
    refusal: () => undefined,
    keep: (plan) => run.snapshot.keep(plan),
    markApplied: (plan, at) => run.snapshot.markApplied(plan, at),
    audit: (action, detail) => deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr: ref, actor: run.actor, action, detail }),
    track: (project, command) => trackCheckRun(deps, session, pr, project, command),
  };
}

async function trackCheckRun(deps: ServiceDeps, session: Pick<HostSession, 'codeHost'>, pr: PullRequest, project: Project, command: 'plan' | 'apply'): Promise<ProjectReport> {
  const tracker = await startCheckRun(session.codeHost, {
    repo: pr.repo,
    name: checkRunName({ command, project: project.name }),
    headSha: pr.headSha,
    externalId: `${pr.repo}#${pr.number}:${command}:${project.name}`,
    now: () => deps.clock.now().getTime(),
  });
  return {
    begin: (title) => tracker.begin(title),
    progress: (message) => tracker.progress(message),
    complete: (outcome) => tracker.complete(renderProjectCheckRun(deps, pr, outcome, command)),
  };
}

/** The project's artifact folder: `<artifact root>/<owner>/<repo>/pr-<n>/<project>`. */
export function artifactDir(deps: Pick<ServiceDeps, 'joinPath' | 'artifactRoot'>, pr: { repo: string; number: number }, project: Project): string {
  return deps.joinPath(deps.artifactRoot, ...pr.repo.split('/'), `pr-${pr.number}`, project.name);
}
