import { readFileSync } from 'node:fs';
import type { Problem, Result } from '../core/outcome.ts';
import { formatProblem, invalidFile, parseYamlLocated } from './parse-yaml-located.ts';
import type { Locator } from './parse-yaml-located.ts';
import { ServerConfig } from './schema.ts';
import { formatPath, validateLocated } from './validate-located.ts';

/**
 * Parses the server config (YAML). An empty file means every default. Besides the schema, each
 * `default_targets` entry must name a defined target. Secrets never live here: targets name env variables.
 */
export function parseServerConfig(text: string, file: string): Result<ServerConfig> {
  const yaml = parseYamlLocated(text, file);
  if (!yaml.ok) return yaml;
  const located = { ...yaml.value, value: yaml.value.value ?? {} };
  const config = validateLocated(ServerConfig, located, file);
  if (!config.ok) return config;
  const problems = undefinedDefaultTargets(config.value, located.locate);
  return problems.length > 0 ? invalidFile(file, problems) : config;
}

/** Thrown when the server cannot start with its config; the message lists every `file:line:col: problem`. */
export class ServerConfigError extends Error {
  readonly code = 'config_invalid';
  readonly problems: readonly Problem[];
  constructor(message: string, problems: readonly Problem[], options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ServerConfigError';
    this.problems = problems;
  }
}

/**
 * The server config for this process: the YAML file named by `SLUICE_CONFIG` (every default when unset),
 * with `SLUICE_DATA_DIR` overriding `data_dir`. Throws `ServerConfigError` when the file is unreadable or invalid.
 */
export function loadServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const file = env['SLUICE_CONFIG'];
  const config = file ? parseServerConfig(readConfigFile(file), file) : parseServerConfig('', '(defaults)');
  if (!config.ok) {
    const problems = config.problems ?? [{ message: config.message }];
    throw new ServerConfigError(`invalid server config ${file}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`, problems);
  }
  const dataDir = env['SLUICE_DATA_DIR'];
  return dataDir ? { ...config.value, data_dir: dataDir } : config.value;
}

function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const problem = { message: `cannot read the file: ${(cause as Error).message}`, location: { file } };
    throw new ServerConfigError(`reading server config ${file} (SLUICE_CONFIG): ${(cause as Error).message}`, [problem], { cause });
  }
}

function undefinedDefaultTargets(config: ServerConfig, locate: Locator): Problem[] {
  const defined = Object.keys(config.targets);
  return Object.entries(config.default_targets).flatMap(([kind, target]) => {
    if (target === undefined || defined.includes(target)) return [];
    const path = ['default_targets', kind];
    return [{ message: `${formatPath(path)}: target "${target}" is not defined (targets: ${defined.join(', ')})`, location: locate(path) }];
  });
}
