import type { Problem } from '../../../core/outcome.ts';
import type { SqlModelTest } from '../../../config/sql-model-schema.ts';
import type { AnalyzedModel, AnalyzedSqlProject } from './analyzed-project.ts';

/**
 * Checks metadata against the SQL, once its output columns are known: grain columns, described columns
 * and tested columns must be output columns, and a `relationships` test must point at a model or source.
 * Each problem is located at the metadata entry. Models whose columns cannot be known are not checked.
 */
export function checkModelMetadata(project: AnalyzedSqlProject): Problem[] {
  const tables = new Set([...project.models.keys(), ...project.project.sources.map((s) => s.name.toLowerCase())]);
  return [...project.models.values()].flatMap((analyzed) => modelProblems(analyzed, tables));
}

function modelProblems(analyzed: AnalyzedModel, tables: ReadonlySet<string>): Problem[] {
  const { model } = analyzed;
  const names = analyzed.lineage.columns?.map((c) => c.name);
  if (model.metaFile === undefined) return [];
  const at = (path: string): Problem['location'] => model.metaLocations?.[path] ?? { file: model.metaFile ?? model.file, line: 1, column: 1 };
  const missing = (column: string): boolean => names !== undefined && !names.includes(column.toLowerCase());
  const noColumn = (path: string, label: string, column: string): Problem => ({
    message: `${label}: ${model.name} has no column "${column}" (its columns: ${(names ?? []).join(', ')})`,
    location: at(path),
  });
  return [
    ...model.meta.grain.flatMap((c, i) => (missing(c) ? [noColumn(`grain.${i}`, `grain[${i}]`, c)] : [])),
    ...Object.keys(model.meta.columns).flatMap((c) => (missing(c) ? [noColumn(`columns.${c}`, `columns.${c}`, c)] : [])),
    ...model.meta.tests.flatMap((test, i) => [
      ...testedColumns(test).filter(missing).map((c) => noColumn(`tests.${i}`, `tests[${i}]`, c)),
      ...('relationships' in test && !tables.has(test.relationships.to.toLowerCase())
        ? [{ message: `tests[${i}]: relationships.to: unknown model or source ${test.relationships.to}`, location: at(`tests.${i}`) }]
        : []),
    ]),
  ];
}

function testedColumns(test: SqlModelTest): string[] {
  if ('not_null' in test) return test.not_null;
  if ('unique' in test) return test.unique;
  if ('accepted_values' in test) return [test.accepted_values.column];
  if ('relationships' in test) return [test.relationships.column];
  return [];
}
