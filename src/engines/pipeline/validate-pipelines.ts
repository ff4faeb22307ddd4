import { failure, type Failure, type Problem } from '../../core/outcome.ts';
import type { Warehouse } from '../../ports/warehouse.ts';
import { checkPipelineFile, type CheckContext } from './check-pipeline-files.ts';
import { checkPipelineGraph } from './check-pipeline-graph.ts';
import type { Finding } from './finding.ts';
import type { LoadedPipeline } from './load-pipelines.ts';

/** Every located finding over a project's pipelines: per file, then across files. */
export function validatePipelines(pipelines: readonly LoadedPipeline[], ctx: CheckContext & { now: Date; invalidNames?: readonly string[] }): Finding[] {
  return [...pipelines.flatMap((p) => checkPipelineFile(p, ctx)), ...checkPipelineGraph(pipelines, ctx)];
}

/** Columns (lower-case) of every source table that exists in the warehouse, by lower-case dotted name. */
export async function describeSources(warehouse: Warehouse, pipelines: readonly LoadedPipeline[]): Promise<Map<string, string[]>> {
  const names = new Set(pipelines.flatMap((p) => p.spec.sources.map((s) => s.name.toLowerCase())));
  const tables = new Map<string, string[]>();
  for (const name of names) {
    const dot = name.lastIndexOf('.');
    const columns = await warehouse.listColumns(name.slice(0, dot), name.slice(dot + 1));
    if (columns.length > 0) tables.set(name, columns.map((c) => c.name.toLowerCase()));
  }
  return tables;
}

/** The `config_invalid` failure for pipeline config: every problem located, sorted by file and line. */
export function invalidPipelines(problems: readonly Problem[]): Failure {
  const sorted = [...problems].sort((a, b) =>
    (a.location?.file ?? '').localeCompare(b.location?.file ?? '') || (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
  const [first] = sorted;
  const where = first?.location === undefined ? '' : `${first.location.file}: `;
  const summary = sorted.length === 1 && first !== undefined ? `${where}${first.message}` : `${sorted.length} problems in pipeline config`;
  return failure('config_invalid', `validating pipelines: ${summary}`, {
    ...(first?.location === undefined ? {} : { location: first.location }),
    problems: sorted,
    hint: 'Fix the pipeline files at the lines shown, then push.',
  });
}
