import { createHash } from 'node:crypto';
import { failure, ok } from '../../../core/outcome.ts';
import type { Failure, Problem, Result } from '../../../core/outcome.ts';
import type { ParsedSql, QueryShape } from '../parse/query-shape.ts';
import type { SqlModel, SqlProject } from '../models/sql-project.ts';
import type { AnalyzedModel, AnalyzedSqlProject, ModelLineage } from './analyzed-project.ts';
import { checkModelMetadata } from './check-model-metadata.ts';
import { resolveColumnLineage } from './resolve-column-lineage.ts';
import { resolveModelGraph, topologicalOrder } from './resolve-model-graph.ts';

const EMPTY_SHAPE: QueryShape = { ctes: [], outputs: [], relations: [], clauses: [], branches: [] };

/**
 * Joins a project with its parsed SQL (`parsed[i]` for `project.models[i]`): dependencies, order,
 * fingerprints and column lineage. Parse errors, unknown tables, cycles and metadata naming columns the
 * SQL does not output (`checkModelMetadata`) fail with every problem located,
 * unless `lenient` (for the base branch, so a PR can fix a broken one): then a model that does not parse
 * has an empty outline and a fingerprint of its text, and models on a cycle come last.
 */
export function analyzeSqlProject(project: SqlProject, parsed: readonly ParsedSql[], options: { lenient?: boolean } = {}): Result<AnalyzedSqlProject> {
  const graph = resolveModelGraph(project, parsed);
  if (graph.problems.length > 0 && options.lenient !== true) return problemsFailure(graph.problems, graph.cycles === graph.problems.length ? 'cycle' : 'config_invalid');
  const dependsOn = new Map(project.models.map((m) => [m.name.toLowerCase(), graph.dependsOn.get(m.name.toLowerCase()) ?? []]));
  const sorted = topologicalOrder(dependsOn);
  const order = [...sorted, ...[...dependsOn.keys()].filter((n) => !sorted.includes(n)).sort()];
  const models = new Map<string, AnalyzedModel>();
  const sourceColumns = new Map(project.sources.map((s) => [s.name.toLowerCase(), Object.keys(s.columns).map((c) => c.toLowerCase())]));
  const modelColumns = new Map<string, readonly string[] | undefined>();
  const tableColumns = (table: string): readonly string[] | undefined => {
    if (models.has(table)) return modelColumns.get(table);
    const declared = sourceColumns.get(table);
    return declared === undefined || declared.length === 0 ? undefined : declared;
  };
  const byName = new Map(project.models.map((m, i) => [m.name.toLowerCase(), { model: m, parsed: parsed[i] }]));
  for (const name of order) {
    const entry = byName.get(name);
    if (entry === undefined) continue;
    const result = entry.parsed;
    const [shape, queryFingerprint] = result?.ok === true
      ? [result.shape, result.fingerprint]
      : [EMPTY_SHAPE, `unparsed:${createHash('sha256').update(entry.model.sql).digest('hex')}`];
    const lineage: ModelLineage = resolveColumnLineage(shape, tableColumns);
    const model = analyzedModel(entry.model, shape, queryFingerprint, dependsOn.get(name) ?? [], lineage);
    models.set(name, result?.ok === true ? model : { ...model, unparsed: true });
    modelColumns.set(name, lineage.columns?.map((c) => c.name));
  }
  const analyzed: AnalyzedSqlProject = { project, models, order };
  const metadataProblems = options.lenient === true ? [] : checkModelMetadata(analyzed);
  return metadataProblems.length > 0 ? problemsFailure(metadataProblems, 'config_invalid') : ok(analyzed);
}

function problemsFailure(problems: readonly Problem[], code: 'cycle' | 'config_invalid'): Failure {
  const first = problems[0];
  const summary = problems.length === 1 ? first?.message : `${problems.length} problems`;
  return failure(code, `reading SQL models: ${summary}`, {
    ...(first?.location === undefined ? {} : { location: first.location }),
    problems,
  });
}

function analyzedModel(model: SqlModel, shape: QueryShape, queryFingerprint: string, dependsOn: readonly string[], lineage: ModelLineage): AnalyzedModel {
  const fingerprint = createHash('sha256').update(queryFingerprint).update(stableJson(model.meta)).digest('hex');
  return { model, shape, fingerprint, dependsOn, lineage };
}

/** JSON with object keys sorted, so reordering keys in a YAML file changes nothing. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
