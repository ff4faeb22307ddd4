import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseYamlLocated, type Locator } from '../../config/parse-yaml-located.ts';
import { PipelineSpec } from '../../config/pipeline-schema.ts';
import { validateLocated } from '../../config/validate-located.ts';
import type { Problem } from '../../core/outcome.ts';

/** One pipeline file that passed the schema, with its locator for later checks. */
export type LoadedPipeline = {
  /** Repo-relative path: `pipelines/orders-daily.yaml` under the project dir. */
  readonly file: string;
  readonly spec: PipelineSpec;
  readonly locate: Locator;
};

export type LoadedPipelines = {
  readonly pipelines: readonly LoadedPipeline[];
  readonly problems: readonly Problem[];
  /** Names written in files that failed the schema: known pipelines, just not checked further. */
  readonly invalidNames: readonly string[];
};

/** The folder of pipeline files inside a project. */
export const PIPELINES_DIR = 'pipelines';

/** Reads and schema-checks every `pipelines/*.yaml` of the project in a checkout; problems are located. */
export function loadPipelines(options: { checkoutDir: string; projectDir: string }): LoadedPipelines {
  const relDir = posix.join(options.projectDir, PIPELINES_DIR);
  const absDir = join(options.checkoutDir, relDir);
  if (!existsSync(absDir)) return { pipelines: [], problems: [], invalidNames: [] };
  const files = readdirSync(absDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const pipelines: LoadedPipeline[] = [];
  const problems: Problem[] = [];
  const invalidNames: string[] = [];
  for (const name of files) {
    const file = posix.join(relDir, name);
    const loaded = loadPipelineText(readFileSync(join(absDir, name), 'utf8'), file);
    if ('spec' in loaded) pipelines.push(loaded);
    else {
      problems.push(...loaded.problems);
      if (loaded.name !== undefined) invalidNames.push(loaded.name);
    }
  }
  return { pipelines, problems, invalidNames };
}

/** Parses one pipeline file's text: YAML syntax and the schema, every problem located. */
export function loadPipelineText(text: string, file: string): LoadedPipeline | { problems: readonly Problem[]; name?: string } {
  const yaml = parseYamlLocated(text, file);
  if (!yaml.ok) return { problems: yaml.problems ?? [{ message: yaml.message, location: { file } }] };
  const spec = validateLocated(PipelineSpec, yaml.value, file);
  if (!spec.ok) {
    const name = (yaml.value.value as { name?: unknown } | null)?.name;
    return { problems: spec.problems ?? [{ message: spec.message, location: { file } }], ...(typeof name === 'string' ? { name } : {}) };
  }
  return { file, spec: spec.value, locate: yaml.value.locate };
}
