import { existsSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import type { ServerConfig } from '../config/schema.ts';
import type { Problem } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import type { OpenWarehouse } from '../engines/target-warehouse.ts';
import { listRepoModels } from '../engines/pipeline/list-repo-models.ts';
import { loadPipelines } from '../engines/pipeline/load-pipelines.ts';
import { describeSources, validatePipelines } from '../engines/pipeline/validate-pipelines.ts';
import { planSqlChanges } from '../engines/sql/changes/plan-sql-changes.ts';
import { assemblePolicies } from '../policy/assemble-policies.ts';
import type { PolicyText } from '../policy/policy-types.ts';
import { readServerPolicies } from '../policy/read-server-policies.ts';
import type { WorkingTree } from '../ports/working-tree.ts';

export type ProjectValidation = {
  readonly name: string;
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** What was not checked, and why. */
  readonly notes: readonly string[];
};

type Where = {
  readonly root: string;
  readonly server: ServerConfig;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Opens a target's warehouse, to check that pipeline sources exist there. */
  readonly openWarehouse: OpenWarehouse;
};

/** Models (SQL and metadata), pipelines (schema and checks) of each project, with located problems. */
export async function validateProjects(where: Where, projects: readonly Project[]): Promise<ProjectValidation[]> {
  const results: ProjectValidation[] = [];
  for (const project of projects) {
    if (project.kind === 'sql') results.push(await validateModels(where.root, project));
    else if (project.kind === 'pipeline') results.push(await validatePipelineProject(where, project));
  }
  return results;
}

async function validateModels(root: string, project: Project): Promise<ProjectValidation> {
  const dir = join(root, project.dir);
  // Parsed and analyzed like a plan of the project against itself: SQL, references and metadata vs columns.
  const loaded = await planSqlChanges(dir, dir);
  const problems = loaded.ok ? [] : (loaded.problems ?? [{ message: loaded.message, ...(loaded.location ? { location: loaded.location } : {}) }]);
  return { name: project.name, problems: problems.map((p) => inProject(p, project.dir)), warnings: [], notes: loaded.ok ? [`${loaded.value.head.models.size} model(s)`] : [] };
}

/** Locations relative to the project dir become repo-relative. */
function inProject(problem: Problem, dir: string): Problem {
  const file = problem.location?.file;
  if (file === undefined || dir === '.' || file.startsWith(`${dir}/`)) return problem;
  return { ...problem, location: { ...problem.location, file: posix.join(dir, file) } };
}

async function validatePipelineProject(where: Where, project: Project): Promise<ProjectValidation> {
  const loaded = loadPipelines({ checkoutDir: where.root, projectDir: project.dir });
  const models = listRepoModels(where.root);
  const sources = loaded.pipelines.flatMap((p) => p.spec.sources.map((s) => s.name));
  const tables = await targetTables(where, project, loaded.pipelines);
  const notes = tables === undefined ? [`source tables not checked: target \`${project.target}\` is not reachable from here`] : [];
  const findings = validatePipelines(loaded.pipelines, {
    checkoutDir: where.root, now: new Date(), invalidNames: loaded.invalidNames,
    models: tables === undefined ? new Set([...models, ...sources]) : models, tables: tables ?? new Map(),
  });
  const problems = [...loaded.problems, ...findings.filter((f) => f.level === 'error')];
  const warnings = findings.filter((f) => f.level === 'warning');
  return { name: project.name, problems, warnings, notes: [`${loaded.pipelines.length} pipeline(s)`, ...notes] };
}

async function targetTables(where: Where, project: Project, pipelines: Parameters<typeof describeSources>[1]): Promise<Map<string, string[]> | undefined> {
  const target = where.server.targets[project.target];
  if (target === undefined) return undefined;
  if (target.type === 'duckdb' && !existsSync(isAbsolute(target.path) ? target.path : join(where.dataDir, target.path))) return undefined;
  if (target.type === 'postgres' && !where.env[target.url_env]) return undefined;
  try {
    const warehouse = await where.openWarehouse({ ...target, name: project.target });
    try {
      return await describeSources(warehouse, pipelines);
    } finally {
      await warehouse.close();
    }
  } catch {
    return undefined;
  }
}

/** The policies in force locally: the pack, the server's policy_paths and the working tree's `.sluice/policies/`. */
export function validatePolicies(files: Pick<WorkingTree, 'listFiles'>, server: ServerConfig): { problems: Problem[]; rules: number } {
  const repo: PolicyText[] = files.listFiles('.sluice/policies', /\.ya?ml$/).map((f) => ({ file: f.path, origin: 'repo', text: f.text }));
  const set = assemblePolicies([...readServerPolicies(server.policy_paths), ...repo]);
  const problems = set.errors.map((e) => ({ message: `${e.ruleId ? `rule ${e.ruleId}: ` : ''}${e.message}`, location: e.location ?? { file: e.file } }));
  return { problems, rules: set.rules.length };
}
