import type { Command } from './command.ts';
import { FLAGS, commandSpec, isFlagSet, type FlagSpec } from './grammar.ts';

/**
 * The comment that runs `command`, e.g. `sluice apply -p analytics`: deterministic (flags in
 * grammar order, short forms preferred) and minimal (default flags omitted).
 * `parseCommand(formatCommand(c, { name }), …)` gives back `c`.
 */
export function formatCommand(command: Command, options: { name: string }): string {
  const spec = commandSpec(command.name);
  const words = [options.name, command.name];
  for (const key of spec.flags) {
    if (isFlagSet(command, key)) words.push(...formatFlag(FLAGS[key], command));
  }
  if (spec.extraArgs && command.extraArgs.length > 0) words.push('--', ...command.extraArgs);
  return words.join(' ');
}

function formatFlag(flag: FlagSpec, command: Command): string[] {
  const name = flag.short ?? flag.long;
  const value = command[flag.key];
  if (flag.value === undefined) return [name];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => [name, String(v)]);
}
