/**
 * The comment grammar as data (ARCHITECTURE.md § Style 7). `parseCommand`, `formatCommand`
 * and `helpText` are three readers of these tables; change a command here and all three follow.
 */
import { COMMAND_NAMES, type Command, type CommandName } from './command.ts';

/** The `Command` fields a flag sets. */
export type FlagKey = 'project' | 'dir' | 'target' | 'autoMergeDisabled' | 'policies' | 'clearPolicyApproval';

/** How a flag's value is checked: a project/target/policy name, or a path inside the repository. */
export type ValueKind = 'name' | 'path';

export type FlagSpec = {
  readonly key: FlagKey;
  /** `--project` */
  readonly long: string;
  /** `-p`; formatting prefers it. */
  readonly short?: string;
  /** Present when the flag takes a value. */
  readonly value?: { readonly placeholder: string; readonly kind: ValueKind };
  /** May be given more than once (each with a different value). */
  readonly repeatable: boolean;
  readonly description: string;
};

export type CommandSpec = {
  readonly name: CommandName;
  readonly description: string;
  /** Flags in the order they are formatted and documented. */
  readonly flags: readonly FlagKey[];
  /** Accepts allowlisted arguments after `--`, passed to the underlying tool. */
  readonly extraArgs: boolean;
  /** Gated by the server's `permissions.<command>.allow`; the others are open to anyone who may comment. */
  readonly permissioned: boolean;
};

/** Two flags that cannot be given together. */
export type FlagConflict = { readonly flag: FlagKey; readonly with: readonly FlagKey[]; readonly advice: string };

export const FLAGS: Readonly<Record<FlagKey, FlagSpec>> = {
  project: {
    key: 'project', long: '--project', short: '-p', value: { placeholder: 'NAME', kind: 'name' }, repeatable: false,
    description: 'only this project (by its name in `sluice.yaml`)',
  },
  dir: {
    key: 'dir', long: '--dir', short: '-d', value: { placeholder: 'PATH', kind: 'path' }, repeatable: false,
    description: 'only the projects in this directory, relative to the repository root',
  },
  target: {
    key: 'target', long: '--workspace', short: '-w', value: { placeholder: 'NAME', kind: 'name' }, repeatable: false,
    description: 'only the projects on this target',
  },
  autoMergeDisabled: {
    key: 'autoMergeDisabled', long: '--auto-merge-disabled', repeatable: false,
    description: 'do not merge the pull request once every project is applied',
  },
  policies: {
    key: 'policies', long: '--policy', value: { placeholder: 'RULE', kind: 'name' }, repeatable: true,
    description: 'approve only this policy rule (repeatable)',
  },
  clearPolicyApproval: {
    key: 'clearPolicyApproval', long: '--clear-policy-approval', repeatable: false,
    description: 'withdraw your earlier policy approvals instead of approving',
  },
};

/** The grammar's rows, one per command: a name in `COMMAND_NAMES` without a row here does not compile. */
export const COMMAND_SPECS = {
  plan: {
    description: 'Plan the projects this pull request changes (or the ones selected) and lock them.',
    flags: ['project', 'dir', 'target'],
    extraArgs: true,
    permissioned: true,
  },
  apply: {
    description: 'Apply the stored plans once the requirements are met.',
    flags: ['project', 'dir', 'target', 'autoMergeDisabled'],
    extraArgs: true,
    permissioned: true,
  },
  unlock: {
    description: 'Release the locks this pull request holds and discard its plans.',
    flags: ['project', 'dir', 'target'],
    extraArgs: false,
    permissioned: true,
  },
  approve_policies: {
    description: 'Approve the policy checks that need your approval.',
    flags: ['project', 'dir', 'target', 'policies', 'clearPolicyApproval'],
    extraArgs: false,
    permissioned: true,
  },
  cancel: {
    description: 'Cancel the queued and running jobs of this pull request.',
    flags: [],
    extraArgs: false,
    permissioned: true,
  },
  help: {
    description: 'Show this help.',
    flags: [],
    extraArgs: false,
    permissioned: false,
  },
  version: {
    description: 'Show the versions of Sluice, Node and each target\'s tool: the DuckDB library, the PostgreSQL server, the terraform/tofu binary.',
    flags: [],
    extraArgs: false,
    permissioned: false,
  },
} as const satisfies Readonly<Record<CommandName, Omit<CommandSpec, 'name'>>>;

/** The commands in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = COMMAND_NAMES.map((name) => ({ name, ...COMMAND_SPECS[name] }));

/** The commands the server's `permissions` may restrict (a row with `permissioned: true`). */
export type PermissionedCommandName = { [N in CommandName]: (typeof COMMAND_SPECS)[N]['permissioned'] extends true ? N : never }[CommandName];

export function isPermissioned(name: CommandName): name is PermissionedCommandName {
  return COMMAND_SPECS[name].permissioned;
}

/** The keys of the server's `permissions`, in grammar order. */
export const PERMISSIONED_COMMANDS: readonly PermissionedCommandName[] = COMMAND_NAMES.filter(isPermissioned);

export const FLAG_CONFLICTS: readonly FlagConflict[] = [
  { flag: 'project', with: ['dir', 'target'], advice: 'use -p alone, or -d/-w' },
];

/** Names of tools users confuse us with: `terraform plan` gets a did-you-mean. */
export const FOREIGN_EXECUTABLES: readonly string[] = ['terraform', 'tofu', 'opentofu'];

/** Extra-argument flags refused whatever the allowlist says: they escape the checkout or load code. */
export const DENIED_EXTRA_ARGS: readonly string[] = ['chdir', 'plugin-dir'];

/** Project, target and policy names. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function findCommand(word: string): CommandSpec | undefined {
  const lower = word.toLowerCase();
  return COMMANDS.find((c) => c.name === lower);
}

export function commandSpec(name: CommandName): CommandSpec {
  return { name, ...COMMAND_SPECS[name] };
}

/** The flag of `spec` that `token` (`-p` or `--project`) names, if any. */
export function findFlag(spec: CommandSpec, token: string): FlagSpec | undefined {
  return spec.flags.map((key) => FLAGS[key]).find((f) => f.long === token || f.short === token);
}

/** `-p/--project` or `--auto-merge-disabled`, for messages. */
export function flagLabel(flag: FlagSpec): string {
  return flag.short === undefined ? flag.long : `${flag.short}/${flag.long}`;
}

/** Whether the command value sets this flag (so `format` writes it and `parse` counts it given). */
export function isFlagSet(command: Command, key: FlagKey): boolean {
  const value = command[key];
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== false;
}

/** The candidate closest to `word` within `maxDistance` edits (case-insensitive); ties go to the earlier one. */
export function closest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= maxDistance && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
