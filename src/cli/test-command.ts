import { parseArgs } from 'node:util';
import { formatProblem } from '../config/parse-yaml-located.ts';
import { isFailure } from '../core/outcome.ts';
import { loadLocalContext, selectProjects } from '../local/load-local-context.ts';
import { runLocalTests } from '../local/run-local-tests.ts';
import { reportFailure, type Io, type Terminal } from './cli-io.ts';

/**
 * `sluice test [-p <project>]…`: runs the data tests of the SQL projects' models against their target's
 * tables as they are now (nothing is built). Exit 0 when every test passes, 1 otherwise.
 */
export async function test(args: readonly string[], deps: { cwd: string; env: NodeJS.ProcessEnv; io: Io; terminal: Terminal }): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { project: { type: 'string', short: 'p', multiple: true } } });
  const ctx = loadLocalContext(deps.cwd, deps.env);
  if (isFailure(ctx)) return reportFailure(deps.io, ctx);
  const projects = selectProjects(ctx.projects, values.project ?? []);
  if (isFailure(projects)) return reportFailure(deps.io, projects);
  deps.terminal.progress('running data tests');
  const results = await runLocalTests(ctx, projects, deps.env);
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
