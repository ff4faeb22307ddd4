import type { Plan } from '../core/plan.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import type { PolicyApproval, StateStore } from '../ports/state-store.ts';

/**
 * A pull request's stored state as one job sees it: its plans and policy approvals, read from the store once
 * when the job starts and kept current as the job writes (every write goes to the store too). Jobs of one PR
 * run one at a time, so nothing else writes them meanwhile.
 */
export type PullRequestSnapshot = {
  readonly pr: PullRequestRef;
  /** Every stored plan of the PR, applied ones included. */
  plans(): readonly Plan[];
  /** The plans not applied yet. */
  pending(): readonly Plan[];
  approvals(): readonly PolicyApproval[];
  keep(plan: Plan): Promise<void>;
  markApplied(plan: Plan, at: string): Promise<void>;
  /** Drops the plans of `projects` (all when absent). */
  discard(projects?: readonly string[]): Promise<void>;
  addApprovals(approvals: readonly PolicyApproval[]): Promise<void>;
  clearApprovals(filter: Parameters<StateStore['clearPolicyApprovals']>[1]): Promise<number>;
};

type SnapshotStore = Pick<StateStore, 'listPlans' | 'savePlans' | 'markApplied' | 'deletePlans' | 'listPolicyApprovals' | 'addPolicyApprovals' | 'clearPolicyApprovals'>;

export async function loadPullRequestSnapshot(store: SnapshotStore, pr: PullRequestRef): Promise<PullRequestSnapshot> {
  const ref = { repo: pr.repo, number: pr.number };
  let [plans, approvals] = await Promise.all([store.listPlans(ref), store.listPolicyApprovals(ref)]);
  return {
    pr: ref,
    plans: () => plans,
    pending: () => plans.filter((p) => p.appliedAt === undefined),
    approvals: () => approvals,
    async keep(plan) {
      await store.savePlans([plan]);
      plans = [...plans.filter((p) => p.project !== plan.project && p.id !== plan.id), plan];
    },
    async markApplied(plan, at) {
      await store.markApplied(plan.id, at);
      plans = plans.map((p) => (p.id === plan.id ? { ...p, appliedAt: at } : p));
    },
    async discard(projects) {
      await store.deletePlans(ref, projects);
      plans = projects === undefined ? [] : plans.filter((p) => !projects.includes(p.project));
    },
    async addApprovals(added) {
      await store.addPolicyApprovals(added);
      approvals = await store.listPolicyApprovals(ref);
    },
    async clearApprovals(filter) {
      const count = await store.clearPolicyApprovals(ref, filter);
      approvals = await store.listPolicyApprovals(ref);
      return count;
    },
  };
}
