import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { ProjectView, SummaryView } from '../render/summary-view.ts';

/** The PR summary's view of a local plan or apply: the same projects, no locks, no review requirements. */
export function localSummaryView(input: { headSha: string; outcomes: readonly ProjectOutcome[]; commandName: string; now: string }): SummaryView {
  return {
    headSha: input.headSha,
    projects: input.outcomes.map(projectView),
    requirements: [],
    holdsLocks: false,
    commandName: input.commandName,
    now: input.now,
  };
}

function projectView(o: ProjectOutcome): ProjectView {
  return {
    name: o.project.name,
    kind: o.project.kind,
    target: o.project.target,
    status: o.status,
    ...(o.plan === undefined ? {} : { plan: o.plan }),
    ...(o.failure === undefined ? {} : { failure: o.failure }),
    ...(o.applied === undefined ? {} : { apply: o.applied }),
  };
}
