import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import { parseLocatedRepoConfig, REPO_CONFIG_FILE } from '../config/load-repo-config.ts';
import { loadServerConfig, ServerConfigError } from '../config/load-server-config.ts';
import { formatProblem } from '../config/parse-yaml-located.ts';
import type { Failure } from '../core/outcome.ts';
import { orderProjects } from '../core/order-projects.ts';
import { resolveProjects } from '../config/resolve-projects.ts';
import { openTargetWarehouse } from '../main/open-target-warehouse.ts';
import { folderFiles } from '../main/open-working-tree.ts';
import { validatePolicies, validateProjects, type ProjectValidation } from '../services/validate-projects.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

/**
 * `sluice validate [dir]`: checks the repo's sluice.yaml (or discovers projects) against the server config
 * named by SLUICE_CONFIG (defaults when unset), then each project's models and pipelines, and the policies
 * in force. Prints located problems; exit 1 when there are any.
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
  const dataDir = isAbsolute(server.data_dir) ? server.data_dir : resolve(dir, server.data_dir);
  const checks = await validateProjects({ root: dir, server, dataDir, env: options.env, openWarehouse: openTargetWarehouse({ dataDir, env: options.env }) }, ordered.value);
  const policies = validatePolicies(folderFiles(dir), server);
  checks.push({ name: 'policies', problems: policies.problems, warnings: [], notes: [`${policies.rules} rule(s)`] });
  return reportChecks(io, checks);
}

function reportChecks(io: Io, checks: readonly ProjectValidation[]): number {
  for (const check of checks) {
    const status = check.problems.length > 0 ? `${check.problems.length} problem(s)` : 'ok';
    io.out(`${check.name}: ${status}${check.notes.length ? ` (${check.notes.join('; ')})` : ''}\n`);
    for (const problem of check.problems) io.err(`  ${formatProblem(problem)}\n`);
    for (const warning of check.warnings) io.out(`  warning: ${formatProblem(warning)}\n`);
  }
  return checks.some((c) => c.problems.length > 0) ? 1 : 0;
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
