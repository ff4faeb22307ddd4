import type { RepoProject } from './schema.ts';
import { PROJECT_KINDS } from '../core/project.ts';
import type { ProjectKind } from '../core/project.ts';

/** Directories never searched: build output, provider caches, dependencies. */
const IGNORED_SEGMENTS = new Set(['.git', 'node_modules', '.terraform', 'cdktf.out']);

/**
 * Projects of a repo without `sluice.yaml`, from its file list (repo-relative POSIX paths):
 * - a directory holding `cdktf.json` is a `cdktf` project;
 * - a directory holding `*.tf` / `*.tf.json` is a `terraform` root module, unless it is inside a cdktf
 *   project or a `modules/` directory (modules are planned through the root modules that use them);
 * - the parent of a `models/` directory holding `*.sql` (at any depth) is a `sql` project;
 * - the parent of a `pipelines/` directory holding `*.yaml` / `*.yml` is a `pipeline` project.
 * Names come from the directory (`warehouse/analytics` → `warehouse-analytics`; the root → the kind),
 * made unique with the kind, then a number. Sorted by directory, then kind.
 */
export function discoverProjects(files: readonly string[]): RepoProject[] {
  const found = new Map<string, { dir: string; kind: ProjectKind }>();
  const add = (dir: string, kind: ProjectKind): void => void found.set(`${kind}\0${dir}`, { dir, kind });
  const paths = files.map((f) => f.replace(/^\.\//, '').split('/')).filter((segs) => !segs.some((s) => IGNORED_SEGMENTS.has(s)));
  const cdktfDirs = new Set(paths.filter((s) => s.at(-1) === 'cdktf.json').map((s) => joinDir(s.slice(0, -1))));
  for (const dir of cdktfDirs) add(dir, 'cdktf');
  for (const segs of paths) {
    const kind = kindOf(segs, cdktfDirs);
    if (kind !== undefined) add(kind.dir, kind.kind);
  }
  const sorted = [...found.values()].sort((a, b) => compare(a.dir, b.dir) || PROJECT_KINDS.indexOf(a.kind) - PROJECT_KINDS.indexOf(b.kind));
  return nameProjects(sorted);
}

function kindOf(segs: readonly string[], cdktfDirs: ReadonlySet<string>): { dir: string; kind: ProjectKind } | undefined {
  const file = segs.at(-1) ?? '';
  const parents = segs.slice(0, -1);
  if (/\.tf(\.json)?$/.test(file) && !parents.includes('modules') && !insideAny(parents, cdktfDirs)) {
    return { dir: joinDir(parents), kind: 'terraform' };
  }
  const models = parents.indexOf('models');
  if (file.endsWith('.sql') && models >= 0) return { dir: joinDir(parents.slice(0, models)), kind: 'sql' };
  if (/\.ya?ml$/.test(file) && parents.at(-1) === 'pipelines') return { dir: joinDir(parents.slice(0, -1)), kind: 'pipeline' };
  return undefined;
}

function insideAny(parents: readonly string[], dirs: ReadonlySet<string>): boolean {
  if (dirs.size === 0) return false;
  return parents.some((_, i) => dirs.has(joinDir(parents.slice(0, i + 1)))) || dirs.has('.');
}

function nameProjects(projects: readonly { dir: string; kind: ProjectKind }[]): RepoProject[] {
  const taken = new Set<string>();
  return projects.map(({ dir, kind }) => {
    const base = dir === '.' ? kind : slug(dir) || kind;
    const candidates = [base, `${base}-${kind}`];
    let name = candidates.find((c) => !taken.has(c));
    for (let n = 2; name === undefined; n++) if (!taken.has(`${base}-${n}`)) name = `${base}-${n}`;
    taken.add(name);
    return { name, kind, dir, autoplan: { enabled: true }, depends_on: [] };
  });
}

/** A valid project name from a directory: `infra/envs/prod` → `infra-envs-prod`. */
function slug(dir: string): string {
  return dir.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 90);
}

function joinDir(segs: readonly string[]): string {
  return segs.length === 0 ? '.' : segs.join('/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
