/** A parsed comment command. `parse()` produces it, `format()` renders it; they round-trip. */
export type CommandName = 'plan' | 'apply' | 'unlock' | 'approve_policies' | 'cancel' | 'help' | 'version';

export type Command = {
  readonly name: CommandName;
  /** `-p/--project` */
  readonly project?: string;
  /** `-d/--dir`, normalized POSIX path relative to the repo root. */
  readonly dir?: string;
  /** `-w/--workspace`: the target name. */
  readonly workspace?: string;
  readonly autoMergeDisabled: boolean;
  /** `approve_policies --policy RULE` (repeatable). */
  readonly policies: readonly string[];
  /** `approve_policies --clear-policy-approval` */
  readonly clearPolicyApproval: boolean;
  /** Arguments after `--`, already checked against the allowlist; an argument vector, never a shell string. */
  readonly extraArgs: readonly string[];
};

export function command(name: CommandName, options: Partial<Omit<Command, 'name'>> = {}): Command {
  return {
    name,
    autoMergeDisabled: false,
    policies: [],
    clearPolicyApproval: false,
    extraArgs: [],
    ...options,
  };
}
