import type { RepoConfig, RepoProject, ServerConfig } from './schema.ts';
import { discoverProjects } from './discover-projects.ts';
import { failure, ok } from '../core/outcome.ts';
import type { Problem, Result, SourceLocation } from '../core/outcome.ts';
import { DEFAULT_WHEN_MODIFIED } from '../core/project.ts';
import type { Project, RequirementName } from '../core/project.ts';

/** Maps a key path in the repo config to where it is written (see `parseLocatedRepoConfig`). */
export type RepoConfigLocator = (path: readonly PropertyKey[]) => SourceLocation;

export type ResolveProjectsInput = {
  /** The PR head's `sluice.yaml`: project layout only (names, dirs, targets, autoplan, depends_on). */
  readonly repoConfig: RepoConfig | undefined;
  /** The default branch's `sluice.yaml`: may override apply settings where the server allows. */
  readonly trustedRepoConfig: RepoConfig | undefined;
  readonly server: ServerConfig;
  /** Every file at the head, for discovery when there is no `repoConfig`. */
  readonly files: readonly string[];
  /** Locates problems in `repoConfig`; without it they point at the file only. */
  readonly locateRepoConfig?: RepoConfigLocator;
  readonly repoConfigFile?: string;
};

/**
 * The projects of a PR: layout from the head's config (or discovery), target resolved against the server
 * (`target` ?? `default_targets[kind]` ?? `default`), `when_modified` defaulted per kind. Apply requirements
 * and automerge come from the server, overridden only by the trusted default-branch config and only for
 * keys in `allowed_overrides`: a PR's own `sluice.yaml` never relaxes them. Unknown targets: `target_unknown`.
 */
export function resolveProjects(input: ResolveProjectsInput): Result<Project[]> {
  const declared = input.repoConfig !== undefined;
  const layout = input.repoConfig?.projects ?? discoverProjects(input.files);
  const file = input.repoConfigFile ?? 'sluice.yaml';
  const locate = (path: readonly PropertyKey[]): SourceLocation | undefined =>
    declared ? (input.locateRepoConfig?.(path) ?? { file }) : undefined;
  const problems: Problem[] = [];
  const projects = layout.map((raw, i): Project => {
    const target = raw.target ?? input.server.default_targets[raw.kind] ?? 'default';
    if (!Object.hasOwn(input.server.targets, target)) {
      const location = locate(raw.target === undefined ? ['projects', i] : ['projects', i, 'target']);
      problems.push(unknownTarget({ raw, target, server: input.server, location }));
    }
    return {
      name: raw.name,
      kind: raw.kind,
      dir: normalizeDir(raw.dir),
      target,
      whenModified: raw.autoplan.when_modified ?? DEFAULT_WHEN_MODIFIED[raw.kind],
      autoplan: raw.autoplan.enabled,
      dependsOn: raw.depends_on,
      ...trustedApplySettings(raw.name, input),
    };
  });
  if (problems.length === 0) return ok(projects);
  const first = problems[0] as Problem;
  return failure('target_unknown', problems.length === 1 ? first.message : `resolving projects: ${problems.length} unknown targets`, {
    ...(first.location === undefined ? {} : { location: first.location }),
    problems,
    hint: `Targets are defined in the server config; defined: ${Object.keys(input.server.targets).join(', ') || 'none'}.`,
  });
}

function unknownTarget(args: { raw: RepoProject; target: string; server: ServerConfig; location: SourceLocation | undefined }): Problem {
  const source = args.raw.target !== undefined ? 'its target' : args.server.default_targets[args.raw.kind] !== undefined ? `the server's default target for ${args.raw.kind}` : 'the fallback target';
  const message = `resolving project ${args.raw.name}: ${source} "${args.target}" is not defined in the server config`;
  return args.location === undefined ? { message } : { message, location: args.location };
}

/** Server settings, overridden by the trusted config (project entry, then top level) where allowed. */
function trustedApplySettings(name: string, input: ResolveProjectsInput): { applyRequirements: readonly RequirementName[]; automerge: boolean } {
  const { server, trustedRepoConfig: trusted } = input;
  const allowed = new Set(server.allowed_overrides);
  const entry = trusted?.projects.find((p) => p.name === name);
  const applyRequirements = allowed.has('apply_requirements')
    ? (entry?.apply_requirements ?? trusted?.apply_requirements ?? server.apply_requirements)
    : server.apply_requirements;
  const automerge = allowed.has('automerge') ? (entry?.automerge ?? trusted?.automerge ?? server.automerge) : server.automerge;
  return { applyRequirements, automerge };
}

/** `./a/b/` → `a/b`; `` and `./` → `.`. */
export function normalizeDir(dir: string): string {
  const segs = dir.split('/').filter((s) => s !== '' && s !== '.');
  return segs.length === 0 ? '.' : segs.join('/');
}
