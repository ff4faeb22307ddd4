import { createHash } from 'node:crypto';
import type { ProjectKind } from '../core/project.ts';
import { normalizeFacts } from './facts/facts-by-kind.ts';
import { firstLine } from './compile-cel.ts';
import { formatCelValue, toPlain } from './format-cel-value.ts';
import type { CompiledRule, PolicyError, PolicyEvaluation, PolicySet, PolicyViolation } from './policy-types.ts';

/** One planned project as policies see it. */
export type PolicySubject = { readonly name: string; readonly kind: ProjectKind; readonly target: string; readonly facts: unknown };

/**
 * Evaluates every applicable rule on every subject. A rule's `when` yields a bool (the item is the whole
 * facts) or the list of violating items. Facts that do not match their schema, and any expression that
 * fails to evaluate or yields another type, become errors: nothing passes silently.
 */
export function evaluatePolicies(set: PolicySet, subjects: readonly PolicySubject[]): PolicyEvaluation {
  const violations: PolicyViolation[] = [];
  const errors: PolicyError[] = [...set.errors];
  let rulesChecked = 0;
  for (const subject of subjects) {
    const rules = set.rules.filter((rule) => applies(rule, subject));
    if (rules.length === 0) continue;
    const normalized = normalizeFacts(subject.kind, subject.facts);
    if (!normalized.ok) {
      errors.push({ file: '(plan facts)', project: subject.name, message: normalized.message });
      continue;
    }
    for (const rule of rules) {
      rulesChecked++;
      const result = evaluateRule(rule, subject, normalized.facts);
      if ('violation' in result) violations.push(result.violation);
      else if ('error' in result) errors.push(result.error);
    }
  }
  return { violations, errors, rulesChecked };
}

function applies(rule: CompiledRule, subject: PolicySubject): boolean {
  const { kinds, projects, targets } = rule.appliesTo;
  return (kinds.length === 0 || kinds.includes(subject.kind))
    && (projects.length === 0 || projects.includes(subject.name))
    && (targets.length === 0 || targets.includes(subject.target));
}

type RuleResult = { violation: PolicyViolation } | { error: PolicyError } | { passed: true };

function evaluateRule(rule: CompiledRule, subject: PolicySubject, facts: Record<string, unknown>): RuleResult {
  const base = { facts, project: { name: subject.name, kind: subject.kind, target: subject.target }, params: rule.params };
  const fail = (field: string, error: unknown): RuleResult => ({
    error: { file: rule.file, ruleId: rule.id, project: subject.name, message: `evaluating ${field}: ${firstLine(error instanceof Error ? error.message : String(error))}` },
  });
  let found: unknown;
  try {
    found = rule.when(base);
  } catch (error) {
    return fail('when', error);
  }
  if (found === false || (Array.isArray(found) && found.length === 0)) return { passed: true };
  if (found !== true && !Array.isArray(found)) return fail('when', `expected a bool or a list, got ${formatCelValue(found)}`);
  const items = found === true ? [facts] : found;
  const scope = { ...base, items, count: BigInt(items.length) };
  try {
    const message = rule.message.map((part) => (typeof part === 'string' ? part : formatCelValue(part(scope)))).join('');
    const owners = [...new Set([...rule.owners, ...ownersFrom(rule, scope)])];
    return {
      violation: {
        ruleId: rule.id, description: rule.description, file: rule.file, project: subject.name, effect: rule.effect, message,
        items: items.map((item) => hashItem(rule.id, subject.name, item)), owners, count: rule.count,
      },
    };
  } catch (error) {
    return fail('message or owners_from', error);
  }
}

function ownersFrom(rule: CompiledRule, scope: Record<string, unknown>): string[] {
  if (rule.ownersFrom === undefined) return [];
  const value = toPlain(rule.ownersFrom(scope));
  const list = Array.isArray(value) ? value.flat(2) : [value];
  if (!list.every((o): o is string => typeof o === 'string')) throw new Error(`owners_from must yield strings, got ${JSON.stringify(value)}`);
  return list.filter((o) => o !== '');
}

/** A violation item's identity: rule, project and the facts that triggered it, canonically hashed. */
export function hashItem(ruleId: string, project: string, item: unknown): string {
  return createHash('sha256').update(JSON.stringify(toPlain({ rule: ruleId, project, item }, { sortKeys: true }))).digest('hex').slice(0, 32);
}
