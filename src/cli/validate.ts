import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { parseLocatedRepoConfig, REPO_CONFIG_FILE } from '../config/load-repo-config.ts';
import { loadServerConfig, ServerConfigError } from '../config/load-server-config.ts';
import { formatProblem } from '../config/parse-yaml-located.ts';
import type { Failure } from '../core/outcome.ts';
import { orderProjects } from '../core/order-projects.ts';
import { resolveProjects } from '../core/resolve-projects.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

/**
 * `sluice validate [dir]`: checks the repo's sluice.yaml (or discovers projects) against the server config
 * named by SLUICE_CONFIG (defaults when unset). Prints located problems; exit 1 when there are any.
 */
export async function validate(options: { dir: string; env: NodeJS.ProcessEnv; io: Io }): Promise<number> {
  const { dir, io } = options;
  let server;
  try {
    server = loadServerConfig(options.env);
  } catch (err) {
    if (err instanceof ServerConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const path = join(dir, REPO_CONFIG_FILE);
  const located = existsSync(path) ? parseLocatedRepoConfig(readFileSync(path, 'utf8'), REPO_CONFIG_FILE) : undefined;
  if (located && !located.ok) return report(io, located);
  const files = located ? [] : await listFiles(dir);
  const projects = resolveProjects({ repoConfig: located?.value.config, trustedRepoConfig: located?.value.config, server, files, locateRepoConfig: located?.value.locate });
  if (!projects.ok) return report(io, projects);
  const ordered = orderProjects(projects.value);
  if (!ordered.ok) return report(io, ordered);
  io.out(`${located ? REPO_CONFIG_FILE : 'discovered projects'}: ${ordered.value.length} project(s)\n`);
  for (const p of ordered.value) io.out(`  ${p.name}  ${p.kind}  dir=${p.dir}  target=${p.target}${p.dependsOn.length ? `  depends_on=${p.dependsOn.join(',')}` : ''}\n`);
  return 0;
}

function report(io: Io, failure: Failure): number {
  io.err(`${failure.message}\n`);
  for (const problem of failure.problems ?? []) io.err(`  ${formatProblem(problem)}\n`);
  return 1;
}

async function listFiles(dir: string): Promise<string[]> {
  const out = await simpleGit(dir).raw(['ls-files', '--cached', '--others', '--exclude-standard']);
  return out.split('\n').filter(Boolean);
}
