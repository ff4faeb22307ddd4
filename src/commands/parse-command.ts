import { failure, ok, type Failure, type Result } from '../core/outcome.ts';
import { command, type Command } from './command.ts';
import { formatCommand } from './format-command.ts';
import {
  COMMANDS, DENIED_EXTRA_ARGS, FLAGS, FLAG_CONFLICTS, FOREIGN_EXECUTABLES, NAME_PATTERN,
  closest, findCommand, findFlag, flagLabel, type CommandSpec, type FlagKey, type FlagSpec,
} from './grammar.ts';
import { commandList, commandUsage } from './help-text.ts';

export type ParseOptions = {
  /** Executable names the bot answers to, e.g. `['sluice', 'atlantis']`; the first is used in replies. */
  readonly names: readonly string[];
  /** The GitHub App slug: `@<app-slug> plan` addresses us too. */
  readonly appSlug?: string;
  /** Flag names allowed after `--`, e.g. `['-target', '-refresh', '-parallelism']`. */
  readonly extraArgsAllowlist: readonly string[];
};

export type ParseResult =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'invalid'; readonly failure: Failure };

type Context = { readonly name: string; readonly allowlist: readonly string[] };

const IGNORED: ParseResult = { kind: 'ignored' };
const QUOTES = /["'`\u2018\u2019\u201c\u201d]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;

/**
 * Reads a pull-request comment. Comments not addressed to us, and comments of more than one
 * non-empty line (quoted text, prose), are ignored; addressed comments parse to a `Command` or
 * to a `Failure` saying what is wrong and what to comment instead.
 */
export function parseCommand(body: string, options: ParseOptions): ParseResult {
  const text = unwrap(body);
  if (text === undefined) return IGNORED;
  const [first = '', ...rest] = text.split(/\s+/);
  const context: Context = { name: replyName(options), allowlist: options.extraArgsAllowlist };
  if (isAddressed(first, options)) return toParseResult(parseWords(rest, context));
  return foreignCommand(first, rest, context) ?? IGNORED;
}

/** The single line of the comment without surrounding whitespace and backticks; undefined when not one line. */
function unwrap(body: string): string | undefined {
  const text = body.trim().replace(/^`+|`+$/g, '').trim();
  const lines = text.split(/\r?\n|\r/).filter((line) => line.trim() !== '');
  return lines.length === 1 ? text : undefined;
}

function replyName(options: ParseOptions): string {
  return options.names[0] ?? (options.appSlug === undefined ? 'sluice' : `@${options.appSlug}`);
}

function isAddressed(word: string, options: ParseOptions): boolean {
  const lower = word.toLowerCase();
  if (options.appSlug !== undefined && lower === `@${options.appSlug.toLowerCase()}`) return true;
  return options.names.some((name) => name.toLowerCase() === lower);
}

/** `terraform plan` → "did you mean `sluice plan`?"; anything else not addressed to us is ignored. */
function foreignCommand(first: string, rest: readonly string[], context: Context): ParseResult | undefined {
  const spec = findCommand(rest[0] ?? '');
  if (!FOREIGN_EXECUTABLES.includes(first.toLowerCase()) || spec === undefined) return undefined;
  const parsed = parseWords(rest, context);
  const suggestion = parsed.ok ? formatCommand(parsed.value, context) : `${context.name} ${spec.name}`;
  return invalid(failure('command_unknown', `\`${first} ${rest[0]}\` is not run directly here; did you mean \`${suggestion}\`?`, {
    hint: `Comment \`${suggestion}\`; \`${helpCommand(context)}\` lists every command.`,
  }));
}

function parseWords(words: readonly string[], context: Context): Result<Command> {
  const [word, ...args] = words;
  if (word === undefined) {
    return failure('command_unknown', `\`${context.name}\` needs a command`, { hint: commandsHint(context) });
  }
  const unsafe = words.find((w) => QUOTES.test(w) || CONTROL.test(w));
  if (unsafe !== undefined) {
    return failure('command_invalid', `\`${context.name}\`: quotes and control characters are not supported (in ${show(unsafe)}); values cannot contain spaces, so write them bare, e.g. \`${context.name} plan -p analytics\``, { hint: commandsHint(context) });
  }
  const spec = findCommand(word);
  if (spec === undefined) return unknownCommand(word, context);
  const result = parseArguments(spec, args, context);
  if (result.ok) return result;
  return { ...result, message: `\`${context.name} ${spec.name}\`: ${result.message}`, hint: usageHint(spec, context) };
}

function unknownCommand(word: string, context: Context): Failure {
  const suggestion = closest(word, COMMANDS.map((c) => c.name));
  const didYouMean = suggestion === undefined ? '' : `; did you mean \`${context.name} ${suggestion}\`?`;
  return failure('command_unknown', `\`${context.name} ${word}\` is not a command${didYouMean}`, { hint: commandsHint(context) });
}

function parseArguments(spec: CommandSpec, args: readonly string[], context: Context): Result<Command> {
  const separator = args.indexOf('--');
  const flagWords = separator === -1 ? args : args.slice(0, separator);
  const extraWords = separator === -1 ? [] : args.slice(separator + 1);
  if (separator !== -1 && !spec.extraArgs) return failure('command_invalid', 'takes no arguments after `--`');
  const flags = parseFlags(spec, flagWords);
  if (!flags.ok) return flags;
  const conflict = findConflict(flags.value);
  if (conflict !== undefined) return conflict;
  const extraArgs = parseExtraArgs(extraWords, context.allowlist);
  if (!extraArgs.ok) return extraArgs;
  return ok(command(spec.name, { ...toFields(flags.value), extraArgs: extraArgs.value }));
}

/** Given flags by key; a flag without a value maps to `[]`. */
type GivenFlags = Map<FlagKey, string[]>;

function parseFlags(spec: CommandSpec, words: readonly string[]): Result<GivenFlags> {
  const given: GivenFlags = new Map();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const [name = '', inline] = splitInline(word);
    const flag = findFlag(spec, name);
    if (flag === undefined) return unknownFlag(spec, word);
    const value = flag.value === undefined || inline !== undefined ? inline : nextValue(words[i + 1]);
    if (flag.value !== undefined && inline === undefined && value !== undefined) i++;
    const added = addFlag(given, flag, value);
    if (!added.ok) return added;
  }
  return ok(given);
}

/** `--project=x` → `['--project', 'x']`; other words are returned whole. */
function splitInline(word: string): [string, string?] {
  const at = word.indexOf('=');
  return word.startsWith('-') && at > 0 ? [word.slice(0, at), word.slice(at + 1)] : [word];
}

function nextValue(word: string | undefined): string | undefined {
  return word === undefined || word.startsWith('-') ? undefined : word;
}

function unknownFlag(spec: CommandSpec, word: string): Failure {
  if (!word.startsWith('-')) return failure('command_invalid', `unexpected argument ${show(word)}`);
  const names = spec.flags.flatMap((key) => [FLAGS[key].long, FLAGS[key].short ?? FLAGS[key].long]);
  if (names.length === 0) return failure('command_invalid', `takes no flags (got ${show(word)})`);
  const suggestion = closest(splitInline(word)[0], names);
  const didYouMean = suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
  const passOn = spec.extraArgs ? ' (arguments for Terraform go after `--`)' : '';
  return failure('command_invalid', `unknown flag ${show(word)}${didYouMean}${passOn}`);
}

function addFlag(given: GivenFlags, flag: FlagSpec, value: string | undefined): Result<GivenFlags> {
  const label = flagLabel(flag);
  if (flag.value === undefined && value !== undefined) return failure('command_invalid', `\`${label}\` takes no value`);
  if (flag.value !== undefined && (value === undefined || value === '')) {
    return failure('command_invalid', `\`${label}\` needs a value (${flag.value.placeholder})`);
  }
  const checked = value === undefined || flag.value === undefined ? ok(value) : checkValue(value, flag.value.kind, label);
  if (!checked.ok) return checked;
  const previous = given.get(flag.key);
  if (previous !== undefined && (!flag.repeatable || previous.includes(checked.value ?? ''))) {
    return failure('command_invalid', `\`${label}\` is given more than once`);
  }
  given.set(flag.key, [...(previous ?? []), ...(checked.value === undefined ? [] : [checked.value])]);
  return ok(given);
}

function checkValue(value: string, kind: 'name' | 'path', label: string): Result<string> {
  if (kind === 'path') return normalizeDir(value, label);
  if (NAME_PATTERN.test(value)) return ok(value);
  return failure('command_invalid', `\`${label}\` ${show(value)} must be letters, digits, ".", "_" or "-", starting with a letter or digit, at most 100 characters`);
}

/** A directory inside the repository, normalized: no `./`, no trailing or doubled `/`; `.` for the root. */
export function normalizeDir(raw: string, label = '-d/--dir'): Result<string> {
  const outside = failure('command_invalid', `\`${label}\` ${show(raw)} must be a relative path inside the repository (no leading "/", no "..", no "\\")`);
  if (raw.includes('\\') || raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || raw.startsWith('-')) return outside;
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return outside;
  return ok(segments.length === 0 ? '.' : segments.join('/'));
}

function findConflict(given: GivenFlags): Failure | undefined {
  for (const conflict of FLAG_CONFLICTS) {
    const other = conflict.with.find((key) => given.has(key));
    if (given.has(conflict.flag) && other !== undefined) {
      return failure('command_invalid', `\`${flagLabel(FLAGS[conflict.flag])}\` cannot be combined with \`${flagLabel(FLAGS[other])}\`: ${conflict.advice}`);
    }
  }
  return undefined;
}

/** Given flags as `Command` fields, by the flag's shape in the grammar. */
function toFields(given: GivenFlags): Partial<Omit<Command, 'name'>> {
  const entries = [...given].map(([key, values]) => {
    const flag = FLAGS[key];
    if (flag.value === undefined) return [key, true] as const;
    return [key, flag.repeatable ? values : values[0]] as const;
  });
  return Object.fromEntries(entries) as Partial<Omit<Command, 'name'>>;
}

/** Arguments after `--`: each an allowlisted flag (`-target=x`, `-refresh`), or the value after a bare one (`-target x`). */
function parseExtraArgs(words: readonly string[], allowlist: readonly string[]): Result<readonly string[]> {
  let bareFlag: string | undefined;
  for (const word of words) {
    if (!word.startsWith('-')) {
      if (bareFlag === undefined) return failure('command_invalid', `${show(word)} after \`--\` must follow an allowed flag, e.g. \`-target ${word}\``);
      bareFlag = undefined;
      continue;
    }
    const [name = '', value] = splitInline(word);
    const refused = refuseExtraFlag(name, allowlist);
    if (refused !== undefined) return refused;
    if (value === '') return failure('command_invalid', `${show(word)} needs a value after "="`);
    bareFlag = value === undefined ? name : undefined;
  }
  return ok(words);
}

function refuseExtraFlag(name: string, allowlist: readonly string[]): Failure | undefined {
  const bare = name.replace(/^--?/, '');
  if (DENIED_EXTRA_ARGS.includes(bare)) return failure('command_invalid', `${show(name)} is never allowed after \`--\``);
  if (allowlist.some((allowed) => allowed.replace(/^--?/, '') === bare)) return undefined;
  const allowed = allowlist.length === 0 ? 'none are allowed on this server' : `allowed: ${allowlist.map(show).join(', ')}`;
  return failure('command_invalid', `${show(name)} is not an allowed argument after \`--\` (${allowed})`);
}

function helpCommand(context: Context): string {
  return formatCommand(command('help'), context);
}

function commandsHint(context: Context): string {
  return `Commands: ${commandList(context)}. Comment \`${helpCommand(context)}\` for their flags.`;
}

function usageHint(spec: CommandSpec, context: Context): string {
  return `Usage: \`${commandUsage(spec.name, context)}\`. Comment \`${helpCommand(context)}\` for details.`;
}

function show(word: string): string {
  return `\`${word.replace(/`/g, "'").replace(CONTROL_ALL, '?')}\``;
}

function toParseResult(result: Result<Command>): ParseResult {
  return result.ok ? { kind: 'command', command: result.value } : invalid(result);
}

function invalid(f: Failure): ParseResult {
  return { kind: 'invalid', failure: f };
}
