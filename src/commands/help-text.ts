import type { CommandName } from './command.ts';
import { COMMANDS, FLAGS, FLAG_CONFLICTS, commandSpec, flagLabel, type CommandSpec, type FlagSpec } from './grammar.ts';

/** Markdown help listing every command of the grammar with its flags. */
export function helpText(options: { name: string }): string {
  const lines = [
    '### Sluice commands',
    '',
    `Comment one command per comment, on a line of its own (\`${options.name} plan\`).`,
    '',
    ...COMMANDS.flatMap((spec) => commandSection(spec, options)),
    '',
    ...notes(options),
  ];
  return lines.join('\n');
}

/** One-line usage, e.g. `sluice unlock [-p NAME] [-d PATH] [-w NAME]`. */
export function commandUsage(name: CommandName, options: { name: string }): string {
  const spec = commandSpec(name);
  const words = [options.name, spec.name, ...spec.flags.map((key) => `[${flagSyntax(FLAGS[key])}]`)];
  if (spec.extraArgs) words.push('[-- ARGS...]');
  return words.join(' ');
}

/** `` `sluice plan`, `sluice apply`, … `` for messages. */
export function commandList(options: { name: string }): string {
  return COMMANDS.map((c) => `\`${options.name} ${c.name}\``).join(', ');
}

function commandSection(spec: CommandSpec, options: { name: string }): string[] {
  const flagLines = spec.flags.map((key) => {
    const flag = FLAGS[key];
    return `  - \`${flagSyntax(flag, { long: true })}\`: ${flag.description}${conflictNote(flag)}`;
  });
  if (spec.extraArgs) flagLines.push('  - `-- ARGS...`: arguments passed on to Terraform, only flags the server allows (e.g. `-target=ADDRESS`)');
  return [`- \`${commandUsage(spec.name, options)}\`: ${spec.description}`, ...flagLines];
}

function flagSyntax(flag: FlagSpec, options: { long?: boolean } = {}): string {
  const name = options.long === true ? flagLabel(flag).replace('/', ', ') : (flag.short ?? flag.long);
  return flag.value === undefined ? name : `${name} ${flag.value.placeholder}`;
}

function conflictNote(flag: FlagSpec): string {
  const conflict = FLAG_CONFLICTS.find((c) => c.flag === flag.key);
  if (conflict === undefined) return '';
  return `; not with ${conflict.with.map((key) => `\`${FLAGS[key].short ?? FLAGS[key].long}\``).join(' or ')}`;
}

function notes(options: { name: string }): string[] {
  return [
    `\`${options.name}\` and the command are case-insensitive; flags are not. Values cannot contain spaces or quotes.`,
  ];
}
