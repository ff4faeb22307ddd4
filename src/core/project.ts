export type ProjectKind = 'sql' | 'pipeline' | 'terraform' | 'cdktf';
export const PROJECT_KINDS: readonly ProjectKind[] = ['sql', 'pipeline', 'terraform', 'cdktf'];

export type RequirementName = 'approved' | 'mergeable' | 'undiverged';

/** A project as resolved from the repo config (or discovery) and the trusted server config. */
export type Project = {
  readonly name: string;
  readonly kind: ProjectKind;
  /** Directory relative to the repo root, POSIX separators, no leading `./`; `.` for the root. */
  readonly dir: string;
  /** Name of a target defined in the server config. */
  readonly target: string;
  /** Globs relative to `dir`. */
  readonly whenModified: readonly string[];
  readonly autoplan: boolean;
  readonly dependsOn: readonly string[];
  readonly applyRequirements: readonly RequirementName[];
  readonly automerge: boolean;
};

/** Identifies what a lock guards: one project on one target in one repo. */
export type ProjectKey = { readonly repo: string; readonly project: string; readonly target: string };

export function projectKeyString(k: ProjectKey): string {
  return `${k.repo}#${k.project}@${k.target}`;
}

export const DEFAULT_WHEN_MODIFIED: Readonly<Record<ProjectKind, readonly string[]>> = {
  sql: ['**/*.sql', '**/*.yaml', '**/*.yml'],
  pipeline: ['**/*.yaml', '**/*.yml', '**/*.md'],
  terraform: ['**/*.tf', '**/*.tf.json', '**/*.tfvars', '.terraform.lock.hcl'],
  cdktf: ['**/*.ts', '**/*.js', '**/*.py', 'cdktf.json', 'package.json', 'package-lock.json', '**/*.tf.json'],
};
