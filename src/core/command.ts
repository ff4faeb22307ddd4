/**
 * A parsed comment command: domain data, the job queue stores it. The grammar (`commands/grammar.ts`)
 * parses and formats it.
 *
 * The comment commands, in the order help lists them. The one list of names: the grammar's table
 * (`COMMAND_SPECS`), the job runners and the server's `permissions` are keyed by it.
 */
export const COMMAND_NAMES = ['plan', 'apply', 'unlock', 'approve_policies', 'cancel', 'help', 'version'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** A parsed comment command. `parse()` produces it, `format()` renders it; they round-trip. */

export type Command = {
  readonly name: CommandName;
  /** `-p/--project` */
  readonly project?: string;
  /** `-d/--dir`, normalized POSIX path relative to the repo root. */
  readonly dir?: string;
  /** `-w/--workspace` (Atlantis's spelling): the target name. */
  readonly target?: string;
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
