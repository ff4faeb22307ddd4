import { z } from 'zod';
import { PERMISSIONED_COMMANDS } from '../commands/grammar.ts';
import { RepoPath } from '../core/repo-path.ts';

/** Names: lower-case words, digits, `-`, `_`, `.`; no path separators. */
const Name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');

export const ProjectKind = z.enum(['sql', 'pipeline', 'terraform', 'cdktf']);
export const RequirementName = z.enum(['approved', 'mergeable', 'undiverged']);

/** A relative POSIX path inside the repository. */
export { RepoPath };

// ---------------------------------------------------------------- repo config (sluice.yaml)

export const RepoProject = z.strictObject({
  name: Name,
  kind: ProjectKind,
  dir: RepoPath.default('.'),
  /** A target defined in the server config; defaults to the server's default target for the kind. */
  target: Name.optional(),
  autoplan: z
    .strictObject({
      enabled: z.boolean().default(true),
      when_modified: z.array(z.string().min(1)).min(1).optional(),
    })
    .default({ enabled: true }),
  depends_on: z.array(Name).default([]),
  /** Honoured only when the server's `allowed_overrides` lists it, and only from the default branch. */
  apply_requirements: z.array(RequirementName).optional(),
  automerge: z.boolean().optional(),
});
export type RepoProject = z.infer<typeof RepoProject>;

export const RepoConfig = z.strictObject({
  version: z.literal(1),
  projects: z.array(RepoProject).default([]),
  /** Repo-wide settings, overridable only where the server allows. */
  automerge: z.boolean().optional(),
  apply_requirements: z.array(RequirementName).optional(),
});
export type RepoConfig = z.infer<typeof RepoConfig>;

// ---------------------------------------------------------------- server config (SLUICE_CONFIG)

export const Target = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('duckdb'),
    /** Database file, relative to the data dir unless absolute. */
    path: z.string().default('warehouse.duckdb'),
    allow_local_apply: z.boolean().default(true),
    /** Where applied pipeline specs are written as JSON for an orchestrator (relative to the data dir unless absolute). */
    export_dir: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('postgres'),
    /** Name of the environment variable holding the connection URL (secrets come from env). */
    url_env: z.string().default('WAREHOUSE_URL'),
    allow_local_apply: z.boolean().default(false),
    /** Where applied pipeline specs are written as JSON for an orchestrator (relative to the data dir unless absolute). */
    export_dir: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('terraform'),
    /** Terraform workspace name. */
    workspace: z.string().default('default'),
    binary: z.string().optional(),
    /** Environment variable names passed to terraform (credentials), read from the server's env. */
    env: z.array(z.string()).default([]),
    allow_local_apply: z.boolean().default(false),
  }),
]);
export type Target = z.infer<typeof Target>;

export const CommandPermission = z.strictObject({
  /** `org/team` slugs or user logins allowed to run the command; empty means anyone with write access. */
  allow: z.array(z.string().min(1)).default([]),
});

/** Limits of the sql engine's PR builds (the defaults of `DEFAULT_SQL_LIMITS`). */
export const SqlEngineSettings = z.strictObject({
  /** Rows a PR build may create in all, before it stops with a notice. */
  max_rows: z.number().int().min(1).default(10_000_000),
  /** Seconds a PR build may run; a statement still running then is interrupted. */
  max_seconds: z.number().int().min(1).max(86_400).default(600),
  /** Incremental models are built (and diffed) on this many recent days in a PR. */
  incremental_window_days: z.number().int().min(1).max(3_650).default(7),
});
export type SqlEngineSettings = z.infer<typeof SqlEngineSettings>;

/** How CDK for Terraform apps — code from the pull request — are synthesized. */
export const CdktfSettings = z.strictObject({
  /**
   * Where PR code is synthesized. `auto` (default): in a bubblewrap sandbox (user, PID, mount and network
   * namespaces; only the system's programs, Node, the app's packages and a private copy of the checkout
   * visible) where `bwrap` can run, else as a plain child process, said at boot and in every plan.
   * `bubblewrap`: the sandbox or no synth at all. `off`: a plain child process (trusted repositories only).
   */
  sandbox: z.enum(['auto', 'bubblewrap', 'off'], { error: 'expected auto, bubblewrap or off' }).default('auto'),
  /** Let sandboxed synth reach the network (off by default: synth should not need it). */
  sandbox_network: z.boolean().default(false),
  /** Absolute server folders of pre-installed packages that a committed `node_modules` symlink may point into. */
  packages_dirs: z.array(z.string().startsWith('/', 'expected an absolute path')).default([]),
  /** One synth's limit; its process group is killed after it. */
  synth_timeout_seconds: z.number().int().min(10).max(7_200).default(600),
  /** Environment names passed to the app besides PATH and HOME (secret-looking names never are). */
  env_allowlist: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')).default([]),
});
export type CdktfSettings = z.infer<typeof CdktfSettings>;

export const ServerConfig = z.strictObject({
  /** `owner/name` globs; empty means every repo the app is installed on. */
  repos: z.array(z.string().min(1)).default([]),
  command: z
    .strictObject({
      name: Name.default('sluice'),
      aliases: z.array(Name).default([]),
    })
    .default({ name: 'sluice', aliases: [] }),
  targets: z.record(Name, Target).default({ default: { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true } }),
  /** Default target per project kind; falls back to `default`. */
  default_targets: z.partialRecord(ProjectKind, Name).default({}),
  apply_requirements: z.array(RequirementName).default(['approved', 'mergeable']),
  /** Teams (`org/team`) one of whose members must approve; empty means any non-author approval. */
  approvers: z.array(z.string()).default([]),
  /** Which repo-level settings a repo's default-branch `sluice.yaml` may override. */
  allowed_overrides: z.array(z.enum(['apply_requirements', 'automerge'])).default([]),
  automerge: z.boolean().default(false),
  autoplan: z
    .strictObject({
      drafts: z.boolean().default(false),
      forks: z.boolean().default(false),
    })
    .default({ drafts: false, forks: false }),
  permissions: z.partialRecord(z.enum(PERMISSIONED_COMMANDS), CommandPermission).default({}),
  policy_paths: z.array(z.string()).default([]),
  data_dir: z.string().default('.sluice'),
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Extra arguments a command may pass after `--`; by flag name, e.g. `-target`. */
  extra_args_allowlist: z.array(z.string().regex(/^-{1,2}[a-z][a-z0-9-]*$/)).default(['-target', '-refresh', '-parallelism']),
  sql: SqlEngineSettings.prefault({}),
  cdktf: CdktfSettings.prefault({}),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
