/**
 * Runs each built model's data tests (from its metadata) on its PR build. Tests are named after the
 * production model (`not_null(marts.orders.amount)`) and located at their entry in the model's YAML;
 * custom SQL tests get the same reference rewrite as the models, so they read the PR build.
 */
import type { SqlModelTest } from '../../../config/sql-model-schema.ts';
import type { SourceLocation } from '../../../core/outcome.ts';
import type { TestOutcome } from '../../../core/plan.ts';
import type { PullRequestWarehouse } from '../../../ports/warehouse.ts';
import { runDataTest } from '../data-tests/run-data-tests.ts';
import type { DataTest, DataTestResult, TestTable } from '../data-tests/schema.ts';
import { fileOf, type BuiltModel } from './build-pr-environment.ts';
import { locateTableMentions } from './locate-table-mentions.ts';
import { rewriteTableRefs } from './rewrite-table-refs.ts';
import { prSchemaName, splitModelName } from './model-statements.ts';

export type ModelTestOutcome = TestOutcome & { readonly model: string };

export type RunModelTestsInput = {
  /** The PR's session: custom SQL tests are the PR's SQL. */
  readonly warehouse: PullRequestWarehouse;
  readonly built: readonly BuiltModel[];
  readonly projectDir: string;
  readonly rename: (name: string) => string | undefined;
  readonly pr: number;
};

export async function runModelTests(input: RunModelTestsInput): Promise<ModelTestOutcome[]> {
  const outcomes: ModelTestOutcome[] = [];
  for (const built of input.built) {
    const entries = built.model.meta.tests.flatMap((test, index) => toDataTests(test, built, input).map((t) => ({ test: t, index })));
    const sqlTexts = entries.map((e) => (e.test.kind === 'sql' ? e.test.sql : ''));
    const mentions = await locateTableMentions(sqlTexts);
    for (const [i, entry] of entries.entries()) {
      const test = entry.test.kind === 'sql' ? { ...entry.test, sql: rewriteTableRefs(entry.test.sql, mentions[i] ?? [], input.rename).sql } : entry.test;
      const result = await runDataTest(input.warehouse, test, { quote: (n) => input.warehouse.quoteIdent(n), pii: piiColumns(built) });
      outcomes.push(toOutcome(result, built, locationOf(built, entry.index, input.projectDir)));
    }
  }
  return outcomes;
}

export function piiColumns(built: Pick<BuiltModel, 'model'>): string[] {
  return Object.entries(built.model.meta.columns).filter(([, c]) => c.tags.includes('pii')).map(([name]) => name);
}

function toDataTests(test: SqlModelTest, built: BuiltModel, input: RunModelTestsInput): DataTest[] {
  const table: TestTable = { schema: built.prSchema, table: built.table };
  const label = (kind: string, what: string) => `${kind}(${built.model.name}${what})`;
  if ('not_null' in test) return test.not_null.map((column) => ({ kind: 'not_null', table, column, name: label('not_null', `.${column}`) }));
  if ('unique' in test) return [{ kind: 'unique', table, columns: test.unique, name: label('unique', `.${test.unique.join(', ')}`) }];
  if ('accepted_values' in test) {
    const { column, values } = test.accepted_values;
    return [{ kind: 'accepted_values', table, column, values, name: label('accepted_values', `.${column}`) }];
  }
  if ('relationships' in test) {
    const { column, to, field } = test.relationships;
    return [{ kind: 'relationships', table, column, field, to: targetTable(to, input), name: label('relationships', `.${column} → ${to}.${field}`) }];
  }
  if ('row_count' in test) return [{ kind: 'row_count', table, ...test.row_count, name: label('row_count', '') }];
  return [{ kind: 'sql', sql: test.sql, name: test.name ?? `sql(${built.model.name})` }];
}

/** A relationships target: its PR build when the PR builds it, production otherwise. */
function targetTable(name: string, input: Pick<RunModelTestsInput, 'rename' | 'pr'>): TestTable {
  const parts = splitModelName(name) ?? { schema: '', table: name.toLowerCase() };
  return input.rename(name.toLowerCase()) === undefined ? parts : { schema: prSchemaName(parts.schema, input.pr), table: parts.table };
}

function locationOf(built: BuiltModel, index: number, projectDir: string): SourceLocation {
  const at = built.model.metaLocations?.[`tests.${index}`];
  const file = fileOf({ projectDir }, { file: at?.file ?? built.model.metaFile ?? built.model.file });
  return { ...(at ?? { line: 1, column: 1 }), file };
}

function toOutcome(result: DataTestResult, built: BuiltModel, location: SourceLocation): ModelTestOutcome {
  const status = result.status === 'error' ? 'errored' : result.status;
  const base = { model: built.model.name, name: result.name, status, location } as const;
  if (result.status === 'passed') return base;
  if (result.status === 'error') return { ...base, message: `the test query failed: ${(result.error ?? '').split('\n')[0]}` };
  const example = result.examples[0] === undefined ? '' : `, e.g. ${JSON.stringify(result.examples[0])}`;
  return { ...base, message: `${result.failingRows.toLocaleString('en-US')} failing ${result.failingRows === 1 ? 'row' : 'rows'}${example}` };
}
