import type { PolicyRule } from './policy-schema.ts';
import { compileCel, type CelEnvironments } from './compile-cel.ts';
import type { LoadedPolicyFile } from './load-policy-file.ts';
import type { CelProgram, CompiledRule, PolicyError } from './policy-types.ts';

const TEMPLATE = /\{\{(.*?)\}\}/gs;

/**
 * Compiles one rule (already overridden, roles resolved): `when`, `owners_from` and each `{{ expr }}` of the
 * message. Any expression that does not compile is an error naming the file, rule and field.
 */
export function compileRule(
  rule: PolicyRule,
  context: { file: LoadedPolicyFile; index: number; owners: readonly string[]; envs: CelEnvironments },
): { ok: true; rule: CompiledRule } | { ok: false; errors: PolicyError[] } {
  const errors: PolicyError[] = [];
  const where = (field: string) => context.file.locate(['rules', context.index, field]);
  const fail = (field: string, message: string) =>
    errors.push({ file: context.file.text.file, ruleId: rule.id, message: `${field}: ${message}`, location: where(field) });
  const { when: whenEnv, message: messageEnv } = context.envs;
  const when = compileCel(whenEnv, rule.when);
  if (!when.ok) fail('when', when.message);
  const ownersFrom = rule.owners_from === undefined ? undefined : compileCel(messageEnv, rule.owners_from);
  if (ownersFrom !== undefined && !ownersFrom.ok) fail('owners_from', ownersFrom.message);
  const message = compileTemplate(rule.message, (expr) => compileCel(messageEnv, expr));
  if (!message.ok) fail('message', message.message);
  if (!when.ok || (ownersFrom !== undefined && !ownersFrom.ok) || !message.ok) return { ok: false, errors };
  return {
    ok: true,
    rule: {
      id: rule.id,
      description: rule.description,
      file: context.file.text.file,
      origin: context.file.text.origin,
      appliesTo: rule.applies_to,
      effect: rule.effect,
      owners: context.owners,
      ...(ownersFrom?.ok ? { ownersFrom: ownersFrom.program } : {}),
      count: rule.count,
      params: rule.params,
      when: when.program,
      message: message.parts,
    },
  };
}

type Compiled = { ok: true; program: CelProgram } | { ok: false; message: string };

function compileTemplate(template: string, compile: (expr: string) => Compiled): { ok: true; parts: (string | CelProgram)[] } | { ok: false; message: string } {
  const parts: (string | CelProgram)[] = [];
  let last = 0;
  for (const match of template.matchAll(TEMPLATE)) {
    const expr = (match[1] ?? '').trim();
    const compiled = compile(expr);
    if (!compiled.ok) return { ok: false, message: `{{ ${expr} }}: ${compiled.message}` };
    parts.push(template.slice(last, match.index), compiled.program);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return { ok: true, parts: parts.filter((p) => p !== '') };
}
