/**
 * The first line of defence of a PR build (docs/warehouse-role.md): before anything runs, every model to
 * build and every SQL data test of those models is parsed, and a call that would read the server's files
 * (or run SQL from a string, change state, …) fails the plan at the call — `models/marts/x.sql:1:35` —
 * saying why. The warehouse session's settings and role are the second line, for whatever this misses.
 */
import { failure, type Failure, type Problem, type SourceLocation } from '../../../core/outcome.ts';
import type { SqlModel } from '../models/sql-project.ts';
import { findRefusedSql, type RefusedSql } from '../parse/find-refused-sql.ts';
import { serializeSql } from '../parse/serialize-sql.ts';

type Checked = { readonly sql: string; readonly describe: (r: RefusedSql) => Problem };

const HINT = 'Nothing was run and production is untouched. Pull-request SQL reads the warehouse\'s tables only: load files into a source table outside Sluice and select from it.';

/** A located Failure listing every refused call, or undefined when all of it may run. */
export async function refuseUnsafeSql(models: readonly SqlModel[], projectDir: string): Promise<Failure | undefined> {
  const checked = models.flatMap((model) => [modelText(model, projectDir), ...testTexts(model, projectDir)]);
  const roots = await serializeSql(checked.map((c) => c.sql));
  const problems = checked.flatMap((c, i) => findRefusedSql(c.sql, roots[i]).map(c.describe));
  const [first] = problems;
  if (first === undefined) return undefined;
  return failure('engine_failed', first.message, {
    ...(first.location ? { location: first.location } : {}),
    ...(problems.length > 1 ? { problems } : {}),
    hint: HINT,
  });
}

function modelText(model: SqlModel, projectDir: string): Checked {
  return {
    sql: model.sql,
    describe: (r) => ({ message: `building ${model.name}: ${r.what}: ${r.why}`, location: { file: inProject(projectDir, model.file), line: r.line, column: r.column } }),
  };
}

function testTexts(model: SqlModel, projectDir: string): Checked[] {
  return model.meta.tests.flatMap((test, index) => {
    if (!('sql' in test)) return [];
    const at = model.metaLocations?.[`tests.${index}`];
    const location: SourceLocation = { ...(at ?? { line: 1, column: 1 }), file: inProject(projectDir, at?.file ?? model.metaFile ?? model.file) };
    const name = test.name ?? `sql(${model.name})`;
    return [{
      sql: test.sql,
      describe: (r: RefusedSql) => ({ message: `testing ${model.name}: ${name}: ${r.what} at line ${r.line}, column ${r.column} of its SQL: ${r.why}`, location }),
    }];
  });
}

function inProject(projectDir: string, file: string): string {
  return projectDir === '.' || projectDir === '' ? file : `${projectDir}/${file}`;
}
