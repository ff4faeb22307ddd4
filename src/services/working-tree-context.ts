import { REPO_CONFIG_FILE, parseLocatedRepoConfig } from '../config/load-repo-config.ts';
import type { ServerConfig } from '../config/schema.ts';
import { failure, ok, type Result } from '../core/outcome.ts';
import { orderProjects } from '../core/order-projects.ts';
import type { Project } from '../core/project.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import { resolveProjects } from '../config/resolve-projects.ts';
import type { PolicyBook } from '../policy/policy-book.ts';
import type { ExecutionContext, RunCheckout } from '../ports/execution-context.ts';
import type { PlanFile } from '../ports/plan-file.ts';
import type { WorkingTree } from '../ports/working-tree.ts';
import type { ServiceDeps } from './service-deps.ts';

/** What every local command starts from: the working tree, the server config, the data dir and the projects. */
export type WorkingTreeContext = {
  readonly tree: WorkingTree;
  readonly server: ServerConfig;
  /** The server's policies (pack and `policy_paths`), read once; the base commit's repository policies join them. */
  readonly policies: PolicyBook;
  /** Where `sluice plan` keeps its plan for `sluice apply`. */
  readonly planFile: PlanFile;
  /** Absolute: `data_dir` of the server config (default `.sluice`) resolved against the repo root. */
  readonly dataDir: string;
  /** Every project of the working tree's `sluice.yaml`, in `depends_on` order. */
  readonly projects: readonly Project[];
  readonly configHash: string;
};

/** The working tree's `sluice.yaml`, resolved against the server config, in `depends_on` order. */
export function resolveWorkingTree(
  input: { tree: WorkingTree; server: ServerConfig; policies: PolicyBook; planFile: PlanFile; dataDir: string },
  deps: Pick<ServiceDeps, 'hashConfig'>,
): Result<WorkingTreeContext> {
  const text = input.tree.readFile(REPO_CONFIG_FILE);
  if (text === undefined) return failure('config_invalid', `${input.tree.root} has no ${REPO_CONFIG_FILE}`, { hint: 'Declare the projects in sluice.yaml at the repository root (see README).' });
  const located = parseLocatedRepoConfig(text, REPO_CONFIG_FILE);
  if (!located.ok) return located;
  const { config, locate } = located.value;
  const resolved = resolveProjects({ repoConfig: config, trustedRepoConfig: config, server: input.server, files: [], locateRepoConfig: locate });
  if (!resolved.ok) return resolved;
  const ordered = orderProjects(resolved.value);
  if (!ordered.ok) return ordered;
  return ok({ ...input, projects: ordered.value, configHash: deps.hashConfig(ordered.value, input.server) });
}

/** The projects named by `-p` (all when none), or a Failure naming the unknown ones. */
export function selectNamedProjects(projects: readonly Project[], names: readonly string[]): Result<Project[]> {
  if (names.length === 0) return ok([...projects]);
  const unknown = names.filter((n) => !projects.some((p) => p.name === n));
  if (unknown.length > 0) {
    return failure('project_unknown', `unknown project ${unknown.join(', ')}`, { hint: `Projects in sluice.yaml: ${projects.map((p) => p.name).join(', ')}.` });
  }
  return ok(projects.filter((p) => names.includes(p.name)));
}

/** The local stand-in for a pull request: plans and registries record it as `local/<repo dir>#0`. */
export function localPullRequest(root: string): PullRequestRef {
  return { repo: `local/${root.split('/').filter(Boolean).pop() ?? 'repo'}`, number: 0 };
}

/**
 * A local run's execution context: the working tree as head, the extracted base, no locks and no audit log;
 * plans travel in the outcomes to the plan file; progress goes to the terminal, prefixed with the project.
 */
export function workingTreeExecution(
  ctx: WorkingTreeContext,
  run: { checkout: RunCheckout; signal: AbortSignal; progress: (message: string) => void; joinPath: (...segments: string[]) => string },
): ExecutionContext {
  const pr = localPullRequest(ctx.tree.root);
  return {
    pr,
    checkout: run.checkout,
    configHash: ctx.configHash,
    signal: run.signal,
    extraArgs: [],
    artifactDir: (project) => run.joinPath(ctx.dataDir, 'artifacts', project.name),
    lock: async (project) => ({ acquired: true, lock: { repo: pr.repo, project: project.name, target: project.target, pr: 0, user: 'local', acquiredAt: '' } }),
    refusal: (project) => (ctx.server.targets[project.target]?.allow_local_apply ?? true ? undefined : failure('not_authorized', `target \`${project.target}\` does not allow local applies (allow_local_apply: false)`, {
      hint: 'Apply it through a pull request: open one and comment `sluice apply` once it is approved.',
    })),
    keep: async () => undefined,
    markApplied: async () => undefined,
    audit: async () => undefined,
    track: async (project, command) => {
      const prefix = `${project.name}: `;
      return {
        begin: () => run.progress(`${prefix}${command === 'plan' ? 'planning' : 'applying'}`),
        progress: (message) => run.progress(`${prefix}${message}`),
        complete: async () => undefined,
      };
    },
  };
}
