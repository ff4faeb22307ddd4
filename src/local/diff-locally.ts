import { join } from 'node:path';
import { editDistance } from '../commands/grammar.ts';
import { failure, isFailure, within, type Failure } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import { withTargetWarehouse, type OpenWarehouse } from '../engines/open-target-warehouse.ts';
import { diffOneModel, type OneModelDiff } from '../engines/sql/engine/diff-one-model.ts';
import { sqlLimitsFrom } from '../engines/sql/engine/sql-plan-artifacts.ts';
import { loadSqlProject } from '../engines/sql/models/load-sql-project.ts';
import type { Clock } from '../ports/clock.ts';
import { selectProjects, type LocalContext } from './load-local-context.ts';
import { materializeBase, resolveBase, workingTreeHead } from './local-git.ts';
import { engineThrew, localEngineContext } from './run-local-engine.ts';

export type DiffLocallyOptions = {
  /** `schema.table`, as `sluice plan` names models; case-insensitive. */
  readonly model: string;
  /** `-p`: the SQL project to look in; required only when several have the model. */
  readonly project?: string;
  /** `--base`; default: the merge base with origin/HEAD, main or master (see `resolveBase`). */
  readonly base?: string;
  /** `--show-pii`: sample values of `pii` columns unmasked. */
  readonly showPii: boolean;
  readonly openWarehouse: OpenWarehouse;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

export type LocalDiff = {
  readonly project: Project;
  readonly baseRef: string;
  readonly baseSha: string;
  readonly headSha: string;
  /** The working tree has uncommitted changes. */
  readonly dirty: boolean;
  /** Incremental models are built and compared on this many recent days (`sql.incremental_window_days`). */
  readonly windowDays: number;
  readonly result: OneModelDiff;
};

/**
 * `sluice diff <model>`: builds one model of the working tree (with the changed models it reads) in the
 * local PR environment, `<schema>__pr_0`, and diffs it against its target's production table.
 */
export async function diffLocally(ctx: LocalContext, options: DiffLocallyOptions): Promise<LocalDiff | Failure> {
  const found = await findModel(ctx, options.model, options.project);
  if (isFailure(found)) return found;
  const base = resolveBase(ctx.root, options.base);
  if (isFailure(base)) return base;
  options.progress(`extracting the base ${base.ref} (${base.sha.slice(0, 7)})`);
  const baseDir = materializeBase(ctx.root, ctx.dataDir, base.sha);
  if (isFailure(baseDir)) return baseDir;
  const result = await diffInTarget(ctx, found.project, baseDir, { ...options, model: found.model });
  if (isFailure(result)) return result;
  const { headSha, dirty } = workingTreeHead(ctx.root);
  return { project: found.project, baseRef: base.ref, baseSha: base.sha, headSha, dirty, windowDays: ctx.server.sql.incremental_window_days, result };
}

async function diffInTarget(ctx: LocalContext, project: Project, baseDir: string, options: DiffLocallyOptions): Promise<OneModelDiff | Failure> {
  const target = ctx.server.targets[project.target];
  if (target === undefined) return failure('target_unknown', `target \`${project.target}\` is not defined in the server config`);
  const engineCtx = localEngineContext({ ctx, baseDir, signal: options.signal, progress: options.progress }, project, target);
  const deps = { limits: sqlLimitsFrom(ctx.server.sql), now: () => options.clock.now(), showPii: options.showPii };
  try {
    return await withTargetWarehouse(options.openWarehouse, engineCtx.target, (warehouse) => diffOneModel(engineCtx, options.model, { ...deps, warehouse }));
  } catch (cause) {
    return isFailure(cause) ? within(`diffing ${options.model}`, cause) : engineThrew('sql', cause);
  }
}

/** The SQL project (of those `-p` allows) declaring `model` in the working tree, and the model's declared name. */
async function findModel(ctx: LocalContext, model: string, projectName: string | undefined): Promise<{ project: Project; model: string } | Failure> {
  const selected = selectProjects(ctx.projects, projectName === undefined ? [] : [projectName]);
  if (isFailure(selected)) return selected;
  const sql = selected.filter((p) => p.kind === 'sql');
  if (sql.length === 0) {
    return failure('project_unknown', projectName === undefined ? 'sluice.yaml declares no SQL project: there is no model to diff' : `${projectName} is a ${selected[0]?.kind} project; sluice diff diffs models of SQL projects`);
  }
  const names = new Map<Project, string[]>();
  const unreadable: Failure[] = [];
  for (const project of sql) {
    // Leniently: a metadata problem is reported, located, when the model is built.
    const loaded = await loadSqlProject(join(ctx.root, project.dir), { lenient: true });
    if (loaded.ok) names.set(project, loaded.value.models.map((m) => m.name));
    else unreadable.push(within(`reading ${project.name}`, loaded));
  }
  const matches = [...names].flatMap(([project, models]) => models.filter((m) => m.toLowerCase() === model.toLowerCase()).map((m) => ({ project, model: m })));
  const [match, second] = matches;
  if (match !== undefined && second === undefined) return match;
  if (match !== undefined) {
    return failure('command_invalid', `model ${model} is in ${matches.length} SQL projects: ${matches.map((m) => m.project.name).join(', ')}`, {
      hint: `Choose one: ${matches.map((m) => `sluice diff ${model} -p ${m.project.name}`).join(', or ')}`,
    });
  }
  return unreadable[0] ?? unknownModel(model, names);
}

function unknownModel(model: string, names: ReadonlyMap<Project, readonly string[]>): Failure {
  const all = [...names.values()].flat();
  const close = closeNames(model, all);
  const where = names.size === 1 ? `SQL project ${[...names.keys()][0]?.name}` : `the SQL projects (${[...names.keys()].map((p) => p.name).join(', ')})`;
  const listed = all.length <= 12 ? all.join(', ') : `${all.slice(0, 12).join(', ')} and ${all.length - 12} more`;
  return failure('command_invalid', `unknown model ${model}: no model of that name in ${where}${close.length > 0 ? `; did you mean ${close.join(' or ')}?` : ''}`, {
    hint: all.length === 0 ? 'Models are .sql files under models/<schema>/ of a SQL project.' : `Models are named schema.table after their path under models/: ${listed}.`,
  });
}

/** Up to 3 names within a few edits of `name`, or with the same table part, closest first. */
function closeNames(name: string, candidates: readonly string[]): string[] {
  const wanted = name.toLowerCase();
  const bare = wanted.split('.').pop() ?? wanted;
  return candidates
    .map((c) => ({ c, distance: editDistance(wanted, c.toLowerCase()), sameTable: c.toLowerCase().split('.').pop() === bare }))
    .filter((x) => x.sameTable || x.distance <= Math.max(2, Math.floor(wanted.length / 4)))
    .toSorted((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((x) => x.c);
}
