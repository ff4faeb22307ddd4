import { posix } from 'node:path';
import type { SqlModelTest } from '../config/sql-model-schema.ts';
import { failureOf, within, type Failure, type SourceLocation } from '../core/outcome.ts';
import type { TestOutcome } from '../core/plan.ts';
import type { Project } from '../core/project.ts';
import type { OpenWarehouse } from '../engines/target-warehouse.ts';
import { runDataTest } from '../engines/sql/data-tests/run-data-tests.ts';
import type { DataTest, TestTable } from '../engines/sql/data-tests/schema.ts';
import { loadSqlProject } from '../engines/sql/models/load-sql-project.ts';
import type { SqlModel } from '../engines/sql/models/sql-project.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { WorkingTreeContext } from './working-tree-context.ts';

export type ProjectTests = { readonly project: string; readonly outcomes: readonly TestOutcome[] };

/**
 * `sluice test`: the data tests of every model of the SQL projects (from the working tree's metadata),
 * run against the tables in the project's target as they are now. Nothing is built.
 */
export async function testModels(
  deps: Pick<ServiceDeps, 'joinPath'> & { readonly openWarehouse: OpenWarehouse },
  ctx: WorkingTreeContext,
  projects: readonly Project[],
): Promise<ProjectTests[] | Failure> {
  const open = deps.openWarehouse;
  const results: ProjectTests[] = [];
  for (const project of projects.filter((p) => p.kind === 'sql')) {
    const loaded = await loadSqlProject(deps.joinPath(ctx.tree.root, project.dir));
    if (!loaded.ok) return within(`testing ${project.name}`, loaded);
    const target = ctx.server.targets[project.target];
    if (target === undefined) continue;
    let warehouse;
    try {
      warehouse = await open({ ...target, name: project.target });
    } catch (cause) {
      const failed = failureOf(cause);
      if (failed !== undefined) return within(`testing ${project.name}`, failed);
      throw cause;
    }
    try {
      const outcomes: TestOutcome[] = [];
      for (const model of loaded.value.models) outcomes.push(...(await testModel(warehouse, model, project.dir)));
      results.push({ project: project.name, outcomes });
    } finally {
      await warehouse.close();
    }
  }
  return results;
}

type Session = Parameters<typeof runDataTest>[0] & { quoteIdent: (n: string) => string };

async function testModel(warehouse: Session, model: SqlModel, projectDir: string): Promise<TestOutcome[]> {
  const pii = Object.entries(model.meta.columns).filter(([, c]) => c.tags.includes('pii')).map(([name]) => name);
  const outcomes: TestOutcome[] = [];
  for (const [index, entry] of model.meta.tests.entries()) {
    const location = locate(model, index, projectDir);
    for (const test of toDataTests(entry, model)) {
      const result = await runDataTest(warehouse, test, { quote: (n) => warehouse.quoteIdent(n), pii });
      const status = result.status === 'error' ? 'errored' : result.status;
      const message = result.status === 'passed' ? undefined
        : result.status === 'error' ? `the test query failed: ${(result.error ?? '').split('\n')[0]}`
          : `${result.failingRows} failing row(s)${result.examples[0] === undefined ? '' : `, e.g. ${JSON.stringify(result.examples[0])}`}`;
      outcomes.push({ name: result.name, status, location, ...(message === undefined ? {} : { message }) });
    }
  }
  return outcomes;
}

function tableOf(name: string): TestTable {
  const parts = name.toLowerCase().split('.');
  return parts.length >= 2 ? { schema: parts[parts.length - 2] ?? '', table: parts[parts.length - 1] ?? '' } : { schema: '', table: name.toLowerCase() };
}

function toDataTests(test: SqlModelTest, model: SqlModel): DataTest[] {
  const table = tableOf(model.name);
  const label = (kind: string, what: string) => `${kind}(${model.name}${what})`;
  if ('not_null' in test) return test.not_null.map((column) => ({ kind: 'not_null', table, column, name: label('not_null', `.${column}`) }));
  if ('unique' in test) return [{ kind: 'unique', table, columns: test.unique, name: label('unique', `.${test.unique.join(', ')}`) }];
  if ('accepted_values' in test) return [{ kind: 'accepted_values', table, ...test.accepted_values, name: label('accepted_values', `.${test.accepted_values.column}`) }];
  if ('relationships' in test) {
    const { column, to, field } = test.relationships;
    return [{ kind: 'relationships', table, column, field, to: tableOf(to), name: label('relationships', `.${column} → ${to}.${field}`) }];
  }
  if ('row_count' in test) return [{ kind: 'row_count', table, ...test.row_count, name: label('row_count', '') }];
  return [{ kind: 'sql', sql: test.sql, name: test.name ?? `sql(${model.name})` }];
}

function locate(model: SqlModel, index: number, projectDir: string): SourceLocation {
  const at = model.metaLocations?.[`tests.${index}`];
  const file = at?.file ?? model.metaFile ?? model.file;
  return { ...(at ?? { line: 1, column: 1 }), file: projectDir === '.' ? file : posix.join(projectDir, file) };
}
