import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { configHash } from '../config/config-hash.ts';
import { parseLocatedRepoConfig, REPO_CONFIG_FILE } from '../config/load-repo-config.ts';
import { loadServerConfig, ServerConfigError } from '../config/load-server-config.ts';
import type { ServerConfig } from '../config/schema.ts';
import { failure, type Failure } from '../core/outcome.ts';
import { orderProjects } from '../core/order-projects.ts';
import type { Project } from '../core/project.ts';
import { resolveProjects } from '../core/resolve-projects.ts';
import { ensureDataDir, findRepoRoot } from './local-git.ts';

/** What every local command starts from: the checkout, the server config, the data dir and the projects. */
export type LocalContext = {
  readonly root: string;
  readonly server: ServerConfig;
  /** Absolute: `data_dir` of the server config (default `.sluice`) resolved against the repo root. */
  readonly dataDir: string;
  readonly projects: readonly Project[];
  readonly configHash: string;
};

/**
 * Loads the server config (SLUICE_CONFIG, else defaults: the embedded DuckDB in `<repo>/.sluice/`) and the
 * working tree's `sluice.yaml`, and resolves the projects in `depends_on` order.
 */
export function loadLocalContext(cwd: string, env: NodeJS.ProcessEnv): LocalContext | Failure {
  const root = findRepoRoot(cwd);
  if (typeof root !== 'string') return root;
  let server: ServerConfig;
  try {
    server = loadServerConfig(env);
  } catch (err) {
    if (err instanceof ServerConfigError) return failure('config_invalid', err.message, { problems: err.problems });
    throw err;
  }
  const file = join(root, REPO_CONFIG_FILE);
  if (!existsSync(file)) return failure('config_invalid', `${root} has no ${REPO_CONFIG_FILE}`, { hint: 'Declare the projects in sluice.yaml at the repository root (see README).' });
  const located = parseLocatedRepoConfig(readFileSync(file, 'utf8'), REPO_CONFIG_FILE);
  if (!located.ok) return located;
  const { config, locate } = located.value;
  const resolved = resolveProjects({ repoConfig: config, trustedRepoConfig: config, server, files: [], locateRepoConfig: locate });
  if (!resolved.ok) return resolved;
  const ordered = orderProjects(resolved.value);
  if (!ordered.ok) return ordered;
  const dataDir = isAbsolute(server.data_dir) ? server.data_dir : resolve(root, server.data_dir);
  ensureDataDir(dataDir);
  return { root, server, dataDir, projects: ordered.value, configHash: configHash({ projects: ordered.value, server }) };
}

/** The projects named by `-p` (all when none), or a Failure naming the unknown ones. */
export function selectProjects(projects: readonly Project[], names: readonly string[]): Project[] | Failure {
  if (names.length === 0) return [...projects];
  const unknown = names.filter((n) => !projects.some((p) => p.name === n));
  if (unknown.length > 0) {
    return failure('project_unknown', `unknown project ${unknown.join(', ')}`, { hint: `Projects in sluice.yaml: ${projects.map((p) => p.name).join(', ')}.` });
  }
  return projects.filter((p) => names.includes(p.name));
}
