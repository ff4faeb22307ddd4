import { parseArgs } from 'node:util';
import { formatProblem } from '../config/parse-yaml-located.ts';
import { isFailure } from '../core/outcome.ts';
import { join } from 'node:path';
import { openTargetWarehouse } from '../main/open-target-warehouse.ts';
import { openWorkingTree } from '../main/open-working-tree.ts';
import { testModels } from '../services/test-models.ts';
import { selectNamedProjects } from '../services/working-tree-context.ts';
import { reportFailure, type Io, type Terminal } from './cli-io.ts';

/**
 * `sluice test [-p <project>]…`: runs the data tests of the SQL projects' models against their target's
 * tables as they are now (nothing is built). Exit 0 when every test passes, 1 otherwise.
 */
export async function test(args: readonly string[], deps: { cwd: string; env: NodeJS.ProcessEnv; io: Io; terminal: Terminal }): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { project: { type: 'string', short: 'p', multiple: true } } });
  const opened = openWorkingTree(deps.cwd, deps.env);
  if (!opened.ok) return reportFailure(deps.io, opened);
  const ctx = opened.value;
  const projects = selectNamedProjects(ctx.projects, values.project ?? []);
  if (!projects.ok) return reportFailure(deps.io, projects);
  deps.terminal.progress('running data tests');
  const results = await testModels({ joinPath: join, openWarehouse: openTargetWarehouse({ dataDir: ctx.dataDir, env: deps.env }) }, ctx, projects.value);
  deps.terminal.done();
  if (isFailure(results)) return reportFailure(deps.io, results);
  if (results.length === 0) {
    deps.io.out('No SQL project selected: nothing to test.\n');
    return 0;
  }
  const { style } = deps.terminal;
  let failing = 0;
  for (const { project, outcomes } of results) {
    const bad = outcomes.filter((o) => o.status === 'failed' || o.status === 'errored');
    failing += bad.length;
    deps.io.out(`${style.bold(project)}: ${outcomes.length - bad.length} passed${bad.length ? `, ${style.red(`${bad.length} failing`)}` : ''}\n`);
    for (const o of bad) deps.io.out(`  ${style.red('✗')} ${formatProblem({ message: `${o.name}: ${o.message ?? o.status}`, ...(o.location ? { location: o.location } : {}) })}\n`);
  }
  return failing > 0 ? 1 : 0;
}
