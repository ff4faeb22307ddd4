import picomatch from 'picomatch';
import type { Project } from './project.ts';

/** Changed files (repo-relative) → the projects they touch, in the order the projects were given. */
export type ProjectDetector = (changedFiles: readonly string[]) => Project[];

/** Files under `prefix` (`` for the root, else `dir/`), matched by globs relative to it. */
type Scope = { readonly prefix: string; readonly matches: (relativePath: string) => boolean };
type CompiledProject = { readonly project: Project; readonly scopes: readonly Scope[] };

/**
 * The projects with a changed file under their dir that matches one of their `whenModified` globs
 * (relative to the dir; `../` reaches out of it, e.g. `../modules/**`). Only directly touched projects:
 * order the result with `orderProjects` to respect `dependsOn`.
 */
export function detectProjects(projects: readonly Project[], changedFiles: readonly string[]): Project[] {
  return createProjectDetector(projects)(changedFiles);
}

/**
 * Compiles every glob once; each call then sorts the changed files and, per project, scans only the
 * files under its directory (a binary-searched prefix range), stopping at the first match.
 */
export function createProjectDetector(projects: readonly Project[]): ProjectDetector {
  const matchers = new Map<string, (path: string) => boolean>();
  const compile = (globs: readonly string[]): ((path: string) => boolean) => {
    const key = JSON.stringify(globs);
    const cached = matchers.get(key);
    if (cached !== undefined) return cached;
    const matcher = compileGlobs(globs);
    matchers.set(key, matcher);
    return matcher;
  };
  const compiled: CompiledProject[] = projects.map((project) => ({
    project,
    scopes: [...scopesOf(project)].map(([prefix, globs]) => ({ prefix, matches: compile(globs) })),
  }));
  return (changedFiles) => {
    const files = changedFiles.map((f) => f.replace(/^(\.\/)+/, '')).sort();
    return compiled.filter((c) => c.scopes.some((scope) => anyMatch(files, scope))).map((c) => c.project);
  };
}

/**
 * Globs grouped by the literal directory prefix they can only match under: the project dir, moved up by
 * leading `../`, then down by the glob's literal leading segments (`../modules/**` scans only `modules/`).
 */
function scopesOf(project: Project): Map<string, string[]> {
  const dirSegs = project.dir.split('/').filter((s) => s !== '' && s !== '.');
  const scopes = new Map<string, string[]>();
  for (const raw of project.whenModified) {
    const segs = raw.split('/').filter((s) => s !== '' && s !== '.');
    const up = segs.findIndex((s) => s !== '..');
    if (up < 0 || up > dirSegs.length) continue;
    const literal = literalLead(segs.slice(up));
    const prefixSegs = [...dirSegs.slice(0, dirSegs.length - up), ...segs.slice(up, up + literal)];
    const prefix = prefixSegs.map((s) => `${s}/`).join('');
    scopes.set(prefix, [...(scopes.get(prefix) ?? []), segs.slice(up + literal).join('/')]);
  }
  return scopes;
}

/** How many leading segments are plain names, leaving at least one segment that is more than `**`. */
function literalLead(segs: readonly string[]): number {
  let n = 0;
  while (n < segs.length - 1 && !/[*?[\]{}()!+@\\]/.test(segs[n] as string) && segs[n] !== '..') n++;
  while (n > 0 && segs.slice(n).every((s) => s === '**')) n--;
  return n;
}

/**
 * One matcher for a list of globs (picomatch, `dot: true`), with fast paths for the common shapes: an
 * any-depth extension glob (`**` + `/*.sql`) is a suffix test, and a glob without special characters is an
 * exact path. Equivalent to picomatch for paths as git reports them (no `.`/`..` segments, no trailing `/`).
 */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  const suffixes: string[] = [];
  const exact = new Set<string>();
  const rest: string[] = [];
  for (const glob of globs) {
    const suffix = /^\*\*\/\*(\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)$/.exec(glob)?.[1];
    if (suffix !== undefined) suffixes.push(suffix);
    else if (/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/.test(glob) && !/(^|\/)\.\.?(\/|$)/.test(glob)) exact.add(glob);
    else rest.push(glob);
  }
  const general = rest.length > 0 ? picomatch(rest, { dot: true }) : undefined;
  return (path) => suffixes.some((s) => path.endsWith(s)) || exact.has(path) || (general?.(path) ?? false);
}

function anyMatch(sortedFiles: readonly string[], scope: Scope): boolean {
  for (let i = lowerBound(sortedFiles, scope.prefix); i < sortedFiles.length; i++) {
    const file = sortedFiles[i] as string;
    if (!file.startsWith(scope.prefix)) return false;
    if (scope.matches(file.slice(scope.prefix.length))) return true;
  }
  return false;
}

/** The first index whose file sorts at or after `prefix`. */
function lowerBound(sorted: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
