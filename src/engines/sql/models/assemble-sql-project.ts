import { failure, ok } from '../../../core/outcome.ts';
import type { Failure, Problem, Result, SourceLocation } from '../../../core/outcome.ts';
import { parseYamlLocated } from '../../../config/parse-yaml-located.ts';
import type { Locator } from '../../../config/parse-yaml-located.ts';
import { SqlModelMeta, SqlSourcesFile } from '../../../config/sql-model-schema.ts';
import { validateLocated } from '../../../config/validate-located.ts';
import { modelNameFromPath } from './model-name-from-path.ts';
import { SOURCES_FILE } from './sql-project.ts';
import type { SqlModel, SqlProject, SqlProjectFiles, SqlSourceTable } from './sql-project.ts';

const DEFAULT_META: SqlModelMeta = SqlModelMeta.parse({});

/**
 * Builds a project from its files (pure): each `.sql` is a model, its sidecar `.yaml` (same path and
 * name) its metadata, `sources.yaml` the sources. Every problem is located; all are reported at once.
 * With `lenient` (the base branch, which a PR may be fixing) nothing fails: bad metadata reads as the
 * defaults, bad sources as none, and of two models with one name the first is kept.
 */
export function assembleSqlProject(files: SqlProjectFiles, options: { lenient?: boolean } = {}): Result<SqlProject> {
  const problems: Problem[] = [];
  const collect = <T>(result: Result<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push(...(result.problems ?? [{ message: result.message, ...(result.location ? { location: result.location } : {}) }]));
    return undefined;
  };
  const sources = files.has(SOURCES_FILE) ? collect(readSources(files.get(SOURCES_FILE) ?? '')) ?? [] : [];
  const models = [...files.keys()].filter((f) => f.endsWith('.sql')).sort().flatMap((file) => {
    const model = collect(readModel(file, files)) ?? (options.lenient === true ? defaultModel(file, files) : undefined);
    return model === undefined ? [] : [model];
  });
  const duplicates = duplicateNames(models, sources);
  if (options.lenient === true) {
    const kept = models.filter((m) => !duplicates.some((d) => d.location?.file === (m.metaFile ?? m.file)));
    return ok({ models: sortByName(kept), sources });
  }
  problems.push(...orphanSidecars(files), ...duplicates);
  return problems.length > 0 ? invalidProject(problems) : ok({ models: sortByName(models), sources });
}

function defaultModel(file: string, files: SqlProjectFiles): SqlModel {
  return { name: modelNameFromPath(file), file, sql: files.get(file) ?? '', meta: DEFAULT_META };
}

/** The `config_invalid` failure for the project: problems by file, then line and column, the first in the message. */
function invalidProject(problems: readonly Problem[]): Failure {
  const key = (p: Problem): [string, number, number] => [p.location?.file ?? '', p.location?.line ?? 0, p.location?.column ?? 0];
  const sorted = [...problems].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2];
  });
  const first = sorted[0];
  const summary = sorted.length === 1 && first !== undefined ? first.message : `${sorted.length} problems`;
  return failure('config_invalid', `reading SQL models: ${summary}`, {
    ...(first?.location === undefined ? {} : { location: first.location }),
    problems: sorted,
  });
}

function readSources(text: string): Result<SqlSourceTable[]> {
  const yaml = parseYamlLocated(text, SOURCES_FILE);
  if (!yaml.ok) return yaml;
  const parsed = validateLocated(SqlSourcesFile, yaml.value, SOURCES_FILE);
  if (!parsed.ok) return parsed;
  return ok(parsed.value.sources.map((s) => ({ ...s, name: `${s.schema}.${s.table}` })));
}

function readModel(file: string, files: SqlProjectFiles): Result<SqlModel> {
  const sql = files.get(file) ?? '';
  const metaFile = sidecarOf(file, files);
  if (metaFile === undefined) return ok(defaultModel(file, files));
  const yaml = parseYamlLocated(files.get(metaFile) ?? '', metaFile);
  if (!yaml.ok) return yaml;
  const meta = yaml.value.value === null || yaml.value.value === undefined
    ? ok(DEFAULT_META)
    : validateLocated(SqlModelMeta, yaml.value, metaFile);
  if (!meta.ok) return meta;
  const metaLocations = locateEntries(meta.value, yaml.value.locate);
  return ok({ name: meta.value.name ?? modelNameFromPath(file), file, sql, meta: meta.value, metaFile, metaLocations });
}

/** Where each grain column, column entry and test is written, for checks that come after parsing the SQL. */
function locateEntries(meta: SqlModelMeta, locate: Locator): Record<string, SourceLocation> {
  const paths: (readonly (string | number)[])[] = [
    ...meta.grain.map((_, i) => ['grain', i]),
    ...Object.keys(meta.columns).map((c) => ['columns', c]),
    ...meta.tests.map((_, i) => ['tests', i]),
  ];
  return Object.fromEntries(paths.map((p) => [p.join('.'), locate(p, { at: p[0] === 'columns' ? 'key' : 'value' })]));
}

function sidecarOf(sqlFile: string, files: SqlProjectFiles): string | undefined {
  const stem = sqlFile.replace(/\.sql$/i, '');
  return [`${stem}.yaml`, `${stem}.yml`].find((f) => files.has(f));
}

function orphanSidecars(files: SqlProjectFiles): Problem[] {
  return [...files.keys()]
    .filter((f) => /\.ya?ml$/.test(f) && f !== SOURCES_FILE && !files.has(f.replace(/\.ya?ml$/, '.sql')))
    .map((f) => ({ message: `no model ${f.replace(/\.ya?ml$/, '.sql')} for this metadata file`, location: { file: f, line: 1, column: 1 } }));
}

function duplicateNames(models: readonly SqlModel[], sources: readonly SqlSourceTable[]): Problem[] {
  const seen = new Map<string, string>(sources.map((s) => [s.name.toLowerCase(), SOURCES_FILE]));
  return models.flatMap((m) => {
    const key = m.name.toLowerCase();
    const first = seen.get(key);
    seen.set(key, first ?? m.file);
    if (first === undefined) return [];
    return [{ message: `model name "${m.name}" is already used by ${first}`, location: { file: m.metaFile ?? m.file, line: 1, column: 1 } }];
  });
}

function sortByName(models: SqlModel[]): SqlModel[] {
  return models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
