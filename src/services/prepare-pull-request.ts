import { parseLocatedRepoConfig, REPO_CONFIG_FILE, type LocatedRepoConfig } from '../config/load-repo-config.ts';
import { resolveProjects } from '../config/resolve-projects.ts';
import { failure, type Failure, type Result } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import type { PullRequest } from '../core/pull-request.ts';
import type { Checkout } from '../ports/workspace.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

export type PreparedPullRequest = {
  readonly checkout: Checkout;
  /** Every project of the repo at the PR head, with trusted settings applied. */
  readonly projects: readonly Project[];
  readonly configHash: string;
};

/**
 * Checks out the PR and resolves its projects. The project layout comes from the PR's `sluice.yaml`;
 * whatever governs applying comes from the server config and the default branch only.
 */
export async function preparePullRequest(deps: ServiceDeps, session: HostSession, pr: PullRequest): Promise<Result<PreparedPullRequest>> {
  const checkout = await deps.workspace.checkout(pr, { token: session.token, defaultBranch: pr.defaultBranch });
  const head = await readConfig(await checkout.readHeadFile(REPO_CONFIG_FILE), REPO_CONFIG_FILE);
  if (isConfigFailure(head)) return head;
  const trusted = await readConfig(await checkout.readFromDefaultBranch(REPO_CONFIG_FILE), `${REPO_CONFIG_FILE} (${pr.defaultBranch})`);
  if (isConfigFailure(trusted)) return trusted;
  const files = head === undefined ? await checkout.listHeadFiles() : [];
  const projects = resolveProjects({
    repoConfig: head?.config,
    trustedRepoConfig: trusted?.config,
    server: deps.server,
    files,
    locateRepoConfig: head?.locate,
    repoConfigFile: REPO_CONFIG_FILE,
  });
  if (!projects.ok) return projects;
  return { ok: true, value: { checkout, projects: projects.value, configHash: deps.hashConfig(projects.value, deps.server) } };
}

async function readConfig(text: string | undefined, file: string): Promise<LocatedRepoConfig | undefined | Failure> {
  if (text === undefined) return undefined;
  const parsed = parseLocatedRepoConfig(text, file);
  return parsed.ok ? parsed.value : parsed;
}

function isConfigFailure(value: LocatedRepoConfig | undefined | Failure): value is Failure {
  return value !== undefined && 'ok' in value && value.ok === false;
}

/** Selects the projects a command names, or explains why none match. */
export function selectProjects(
  projects: readonly Project[],
  selector: { project?: string; dir?: string; target?: string },
): Result<Project[]> {
  const { project, dir, target } = selector;
  const chosen = projects.filter(
    (p) => (project === undefined || p.name === project) && (dir === undefined || p.dir === dir) && (target === undefined || p.target === target),
  );
  if (chosen.length > 0) return { ok: true, value: chosen };
  const names = projects.map((p) => `\`${p.name}\``).join(', ') || 'none';
  const what = project !== undefined ? `no project named \`${project}\`` : `no project in \`${dir ?? '.'}\`${target ? ` with target \`${target}\`` : ''}`;
  return failure('project_unknown', `${what}; projects in this repository: ${names}`);
}
