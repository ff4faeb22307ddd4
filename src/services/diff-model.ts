import { editDistance } from '../commands/grammar.ts';
import { failure, failureOf, isFailure, within, type Failure } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import { withTargetWarehouse, type OpenWarehouse } from '../engines/target-warehouse.ts';
import { diffOneModel, type OneModelDiff } from '../engines/sql/plan/diff-one-model.ts';
import { sqlLimitsFrom } from '../engines/sql/plan/sql-plan-artifacts.ts';
import { loadSqlProject } from '../engines/sql/models/load-sql-project.ts';
import type { EngineContext } from '../ports/project-engine.ts';
import type { ServiceDeps } from './service-deps.ts';
import { engineThrew, type EngineDeps } from './with-engine.ts';
import { localPullRequest, selectNamedProjects, type WorkingTreeContext } from './working-tree-context.ts';

export type DiffModelOptions = {
  /** `schema.table`, as `sluice plan` names models; case-insensitive. */
  readonly model: string;
  /** `-p`: the SQL project to look in; required only when several have the model. */
  readonly project?: string;
  /** `--base`; default: the merge base with origin/HEAD, main or master (see `resolveBase`). */
  readonly base?: string;
  /** `--show-pii`: sample values of `pii` columns unmasked. */
  readonly showPii: boolean;
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

export type ModelDiff = {
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
export async function diffModel(deps: DiffModelDeps, ctx: WorkingTreeContext, options: DiffModelOptions): Promise<ModelDiff | Failure> {
  const found = await findModel(deps, ctx, options.model, options.project);
  if (isFailure(found)) return found;
  const base = ctx.tree.resolveBase(options.base);
  if (!base.ok) return base;
  options.progress(`extracting the base ${base.value.ref} (${base.value.sha.slice(0, 7)})`);
  const baseDir = ctx.tree.materializeBase(base.value.sha, deps.clock.now());
  if (!baseDir.ok) return baseDir;
  const result = await diffInTarget(deps, ctx, found.project, baseDir.value, { ...options, model: found.model });
  if (isFailure(result)) return result;
  const { headSha, dirty } = ctx.tree.head();
  return { project: found.project, baseRef: base.value.ref, baseSha: base.value.sha, headSha, dirty, windowDays: ctx.server.sql.incremental_window_days, result };
}

/** What `diffModel` needs besides the working tree: the warehouse factory, the clock, a log for crashes. */
export type DiffModelDeps = Pick<EngineDeps, 'clock' | 'log'> & Pick<ServiceDeps, 'joinPath'> & { readonly openWarehouse: OpenWarehouse };

async function diffInTarget(deps: DiffModelDeps, ctx: WorkingTreeContext, project: Project, baseDir: string, options: DiffModelOptions): Promise<OneModelDiff | Failure> {
  const target = ctx.server.targets[project.target];
  if (target === undefined) return failure('target_unknown', `target \`${project.target}\` is not defined in the server config`);
  const engineCtx: EngineContext = {
    project, target: { ...target, name: project.target }, pr: localPullRequest(ctx.tree.root), headDir: ctx.tree.root, baseDir,
    artifactDir: deps.joinPath(ctx.dataDir, 'artifacts', project.name), signal: options.signal, extraArgs: [],
    progress: (message) => options.progress(`${project.name}: ${message}`),
  };
  const sql = { limits: sqlLimitsFrom(ctx.server.sql), now: () => deps.clock.now(), showPii: options.showPii };
  try {
    return await withTargetWarehouse(deps.openWarehouse, engineCtx.target, (warehouse) => diffOneModel(engineCtx, options.model, { ...sql, warehouse }));
  } catch (cause) {
    const failed = failureOf(cause);
    return failed !== undefined ? within(`diffing ${options.model}`, failed) : engineThrew(deps, project, cause);
  }
}

/** The SQL project (of those `-p` allows) declaring `model` in the working tree, and the model's declared name. */
async function findModel(deps: Pick<ServiceDeps, 'joinPath'>, ctx: WorkingTreeContext, model: string, projectName: string | undefined): Promise<{ project: Project; model: string } | Failure> {
  const picked = selectNamedProjects(ctx.projects, projectName === undefined ? [] : [projectName]);
  if (!picked.ok) return picked;
  const selected = picked.value;
  const sql = selected.filter((p) => p.kind === 'sql');
  if (sql.length === 0) {
    return failure('project_unknown', projectName === undefined ? 'sluice.yaml declares no SQL project: there is no model to diff' : `${projectName} is a ${selected[0]?.kind} project; sluice diff diffs models of SQL projects`);
  }
  const names = new Map<Project, string[]>();
  const unreadable: Failure[] = [];
  for (const project of sql) {
    // Leniently: a metadata problem is reported, located, when the model is built.
    const loaded = await loadSqlProject(deps.joinPath(ctx.tree.root, project.dir), { lenient: true });
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
