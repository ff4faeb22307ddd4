import { parseArgs } from 'node:util';
import { isFailure } from '../core/outcome.ts';
import { hasChanges } from '../core/plan.ts';
import { openWorkingTree, workingTreeRunDeps } from '../main/open-working-tree.ts';
import { describeError, shownOwners, type PolicyReport } from '../policy/judge-policies.ts';
import type { Clock } from '../ports/clock.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import { policyView, workingTreeSummaryView } from '../render/build-summary-view.ts';
import { renderSummaryComment } from '../render/render-summary-comment.ts';
import { applyWorkingTree, localApplyCandidates } from '../services/apply-working-tree.ts';
import { planWorkingTree } from '../services/plan-working-tree.ts';
import { localPolicyBlocks } from '../services/report-policies.ts';
import type { WorkingTreeContext } from '../services/working-tree-context.ts';
import { loadWorkingTreePlan, saveWorkingTreePlan, type WorkingTreePlan } from '../services/working-tree-plan.ts';
import { reportFailure, type Io, type Terminal } from './cli-io.ts';
import { redactMarkdown } from './redact-markdown.ts';
import { renderTerminalPolicies, renderTerminalPolicyNotes } from './render-terminal-policies.ts';
import { renderTerminalSummary } from './render-terminal-plan.ts';

/** What the local commands are run with; tests pass their own. */
export type LocalCommandDeps = {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly io: Io;
  readonly terminal: Terminal;
  readonly clock: Clock;
  readonly engines: (ctx: WorkingTreeContext) => EngineRegistry;
};

type Format = 'text' | 'markdown' | 'json';

/**
 * `sluice plan [--base <ref>] [-p <project>]… [--format text|markdown|json]`: plans the working tree against
 * the base and stores the plan for `sluice apply`. Exit 0 no changes, 2 changes, 1 error (a failed project too).
 */
export async function plan(args: readonly string[], deps: LocalCommandDeps): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { base: { type: 'string' }, project: { type: 'string', short: 'p', multiple: true }, format: { type: 'string', default: 'text' } } });
  const format = values.format as Format;
  if (!['text', 'markdown', 'json'].includes(format)) {
    deps.io.err(`sluice plan: --format must be text, markdown or json (got ${format})\n`);
    return 1;
  }
  const opened = openWorkingTree(deps.cwd, deps.env);
  if (!opened.ok) return reportFailure(deps.io, opened);
  const ctx = opened.value;
  const result = await planWorkingTree(runDeps(ctx, deps), ctx, {
    ...(values.base === undefined ? {} : { base: values.base }), projects: values.project ?? [],
    signal: new AbortController().signal, progress: deps.terminal.progress,
  });
  deps.terminal.done();
  if (isFailure(result)) return reportFailure(deps.io, result);
  const file = saveWorkingTreePlan(ctx.planFile, result);
  deps.io.out(renderPlan(result, { ctx, format, deps, file }));
  if (result.outcomes.some((o) => o.status === 'failed')) return 1;
  return result.outcomes.some((o) => o.plan !== undefined && hasChanges(o.plan)) ? 2 : 0;
}

function renderPlan(result: WorkingTreePlan, o: { ctx: WorkingTreeContext; format: Format; deps: LocalCommandDeps; file: string }): string {
  if (o.format === 'json') return `${JSON.stringify(planJson(result, o.file, o.ctx), null, 2)}\n`;
  const commandName = o.ctx.server.command.name;
  const view = workingTreeSummaryView({ headSha: result.headSha, outcomes: result.outcomes, commandName, now: result.createdAt, ...(result.policy ? { policy: result.policy } : {}) });
  if (o.format === 'markdown') return `${redactMarkdown(renderSummaryComment(view), { env: o.deps.env, server: o.ctx.server })}\n`;
  const title = `Sluice plan: ${result.baseRef} (${result.baseSha.slice(0, 7)}) → working tree${result.dirty ? ` (${result.headSha.slice(0, 7)} + uncommitted changes)` : ''}`;
  const { style, width } = o.deps.terminal;
  const text = renderTerminalSummary(view, { style, width, title });
  const policies = view.policy === undefined || view.projects.length === 0 ? '' : `${renderTerminalPolicies(view.policy, { style, commandName, baseRef: result.baseRef })}\n`;
  const planned = result.outcomes.filter((x) => x.status === 'planned').map((x) => x.project.name);
  const next = planned.length > 0 ? `Plan saved to ${o.file}. To apply it: sluice apply${planned.length > 1 ? ` (or -p ${planned[0]})` : ''}\n` : '';
  return `${text}${policies}${next}`;
}

/** `--format json`: the plan data, with where it is bound. */
export function planJson(result: WorkingTreePlan, file: string, ctx: Pick<WorkingTreeContext, 'server'>): Record<string, unknown> {
  return {
    version: 1,
    base: { ref: result.baseRef, sha: result.baseSha },
    head: { sha: result.headSha, dirty: result.dirty, workingTreeHash: result.treeHash },
    configHash: result.configHash,
    createdAt: result.createdAt,
    planFile: file,
    hasChanges: result.outcomes.some((x) => x.plan !== undefined && hasChanges(x.plan)),
    projects: result.outcomes.map((x) => ({
      name: x.project.name, kind: x.project.kind, target: x.project.target, dir: x.project.dir, status: x.status,
      ...(x.plan === undefined ? {} : { plan: x.plan }), ...(x.failure === undefined ? {} : { failure: x.failure }),
    })),
    ...(result.policy === undefined ? {} : { policies: policiesJson(result.policy, localApplyCandidates(ctx.server, result.outcomes, [])) }),
  };
}

/**
 * The policy report: every triggered rule (`status` denied, pending, warn), with `wouldNeedApprovalFrom` on
 * those a pull request would hold for an approval; errors; edited policy files; and what `sluice apply` refuses.
 */
function policiesJson(policy: PolicyReport, applicable: readonly string[]): Record<string, unknown> {
  return {
    rulesChecked: policy.rulesChecked,
    violations: policy.violations.map((v) => ({ ...v, ...(v.status === 'pending' ? { wouldNeedApprovalFrom: shownOwners(v.owners) } : {}) })),
    errors: policy.errors.map((e) => ({ ...e, description: describeError(e) })),
    changedPolicyFiles: policy.changedPolicyFiles,
    applyRefused: Object.fromEntries(localPolicyBlocks(policy, applicable)),
  };
}

/** `sluice apply [-p <project>]…`: applies the stored plan; exit 0 when every project applied, 1 otherwise. */
export async function apply(args: readonly string[], deps: LocalCommandDeps): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { project: { type: 'string', short: 'p', multiple: true } } });
  const opened = openWorkingTree(deps.cwd, deps.env);
  if (!opened.ok) return reportFailure(deps.io, opened);
  const ctx = opened.value;
  const stored = loadWorkingTreePlan(ctx.planFile);
  if (isFailure(stored)) return reportFailure(deps.io, stored);
  const result = await applyWorkingTree(runDeps(ctx, deps), ctx, stored, { projects: values.project ?? [], signal: new AbortController().signal, progress: deps.terminal.progress });
  deps.terminal.done();
  if (isFailure(result)) return reportFailure(deps.io, result);
  saveWorkingTreePlan(ctx.planFile, result.plan);
  if (result.outcomes.length === 0) {
    deps.io.out('Nothing to apply: the plan has no pending changes for these projects.\n');
    return 0;
  }
  const view = workingTreeSummaryView({ headSha: result.plan.headSha, outcomes: result.outcomes, commandName: ctx.server.command.name, now: deps.clock.now().toISOString() });
  deps.io.out(renderTerminalSummary(view, { style: deps.terminal.style, width: deps.terminal.width, title: 'Sluice apply' }));
  const applied = result.outcomes.filter((o) => o.status === 'applied').map((o) => o.project.name);
  deps.io.out(renderTerminalPolicyNotes(policyView(result.policy), { style: deps.terminal.style, projects: applied }));
  return result.outcomes.every((o) => o.status === 'applied') ? 0 : 1;
}

function runDeps(ctx: WorkingTreeContext, deps: LocalCommandDeps) {
  return workingTreeRunDeps(ctx, { engines: deps.engines(ctx), clock: deps.clock, env: deps.env });
}
