import { ok } from '../core/outcome.ts';
import type { Problem, Result } from '../core/outcome.ts';
import { findCycles, formatCycle } from '../core/order-projects.ts';
import { invalidFile, parseYamlLocated } from './parse-yaml-located.ts';
import type { Locator } from './parse-yaml-located.ts';
import { RepoConfig } from './schema.ts';
import { formatPath, validateLocated } from './validate-located.ts';

/** The repo config file, at the repository root. */
export const REPO_CONFIG_FILE = 'sluice.yaml';

export type LocatedRepoConfig = { readonly config: RepoConfig; readonly locate: Locator };

/**
 * Parses a `sluice.yaml`: YAML syntax, the schema, and the project graph (unique names, known
 * `depends_on`, no cycles). Every problem is located (`config_invalid`).
 */
export function parseRepoConfig(text: string, file = REPO_CONFIG_FILE): Result<RepoConfig> {
  const parsed = parseLocatedRepoConfig(text, file);
  return parsed.ok ? ok(parsed.value.config) : parsed;
}

/** As `parseRepoConfig`, keeping the locator so later checks (targets) can point into the file. */
export function parseLocatedRepoConfig(text: string, file = REPO_CONFIG_FILE): Result<LocatedRepoConfig> {
  const yaml = parseYamlLocated(text, file);
  if (!yaml.ok) return yaml;
  const config = validateLocated(RepoConfig, yaml.value, file);
  if (!config.ok) return config;
  const problems = checkProjectGraph(config.value, yaml.value.locate);
  return problems.length > 0 ? invalidFile(file, problems) : ok({ config: config.value, locate: yaml.value.locate });
}

function checkProjectGraph(config: RepoConfig, locate: Locator): Problem[] {
  return [...duplicateNames(config, locate), ...unknownDependencies(config, locate), ...cycles(config, locate)];
}

function duplicateNames(config: RepoConfig, locate: Locator): Problem[] {
  const firstIndex = new Map<string, number>();
  return config.projects.flatMap((project, i) => {
    const first = firstIndex.get(project.name);
    if (first === undefined) {
      firstIndex.set(project.name, i);
      return [];
    }
    const path = ['projects', i, 'name'];
    return [{
      message: `${formatPath(path)}: duplicate project name "${project.name}" (also ${formatPath(['projects', first])})`,
      location: locate(path),
    }];
  });
}

function unknownDependencies(config: RepoConfig, locate: Locator): Problem[] {
  const names = new Set(config.projects.map((p) => p.name));
  return config.projects.flatMap((project, i) =>
    project.depends_on.flatMap((dep, j) => {
      if (names.has(dep)) return [];
      const path = ['projects', i, 'depends_on', j];
      return [{ message: `${formatPath(path)}: unknown project "${dep}" (projects: ${[...names].join(', ')})`, location: locate(path) }];
    }),
  );
}

/** Each cycle is reported at the `depends_on` entry of its first project that starts it. */
function cycles(config: RepoConfig, locate: Locator): Problem[] {
  const graph = new Map<string, string[]>();
  for (const p of config.projects) if (!graph.has(p.name)) graph.set(p.name, p.depends_on);
  return findCycles(graph).map((cycle) => {
    const [from, to] = [cycle[0], cycle[1] ?? cycle[0]];
    const i = config.projects.findIndex((p) => p.name === from);
    const j = config.projects[i]?.depends_on.indexOf(to as string) ?? 0;
    const path = ['projects', i, 'depends_on', j];
    return { message: `${formatPath(path)}: dependency cycle ${formatCycle(cycle)}`, location: locate(path) };
  });
}
