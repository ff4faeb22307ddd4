import type { PolicyRule, RuleOverride } from './policy-schema.ts';
import { createCelEnvironments } from './compile-cel.ts';
import { compileRule } from './compile-rule.ts';
import { loadPolicyFile, type LoadedPolicyFile } from './load-policy-file.ts';
import type { CompiledRule, PolicyError, PolicySet, PolicyText } from './policy-types.ts';

type Entry = { rule: PolicyRule; file: LoadedPolicyFile; index: number };

/**
 * The policies in force, from texts in order: the default pack, the server's policy_paths, then the
 * repository's default branch. Rule ids are unique across files; the server tunes or disables pack rules
 * through `overrides` and names owner groups through `roles`. Everything that fails is an error (fail closed).
 */
export function assemblePolicies(texts: readonly PolicyText[]): PolicySet {
  const errors: PolicyError[] = [];
  const files: LoadedPolicyFile[] = [];
  for (const text of texts) {
    const loaded = loadPolicyFile(text);
    if (loaded.ok) files.push(loaded.file);
    else errors.push(...loaded.errors);
  }
  const roles = new Map(files.flatMap((f) => Object.entries(f.config.roles)));
  const entries = uniqueRules(files, errors);
  applyOverrides(entries, files, errors);
  const rules: CompiledRule[] = [];
  const envs = createCelEnvironments();
  for (const entry of entries.values()) {
    const owners = resolveOwners(entry.rule, roles);
    const compiled = compileRule(entry.rule, { file: entry.file, index: entry.index, owners, envs });
    if (compiled.ok) rules.push(compiled.rule);
    else errors.push(...compiled.errors);
  }
  return { rules, errors };
}

function uniqueRules(files: readonly LoadedPolicyFile[], errors: PolicyError[]): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const file of files) {
    file.config.rules.forEach((rule, index) => {
      const first = entries.get(rule.id);
      if (first === undefined) {
        entries.set(rule.id, { rule, file, index });
        return;
      }
      errors.push({
        file: file.text.file, ruleId: rule.id, location: file.locate(['rules', index, 'id']),
        message: `id: rule "${rule.id}" is already defined in ${first.file.text.file}; change a rule of another file with overrides in a server policy file`,
      });
    });
  }
  return entries;
}

function applyOverrides(entries: Map<string, Entry>, files: readonly LoadedPolicyFile[], errors: PolicyError[]): void {
  for (const file of files) {
    for (const [id, override] of Object.entries(file.config.overrides)) {
      const entry = entries.get(id);
      if (entry === undefined) {
        errors.push({ file: file.text.file, ruleId: id, message: `overrides.${id}: no rule "${id}" to override`, location: file.locate(['overrides', id], { at: 'key' }) });
        continue;
      }
      if (override.enabled === false) entries.delete(id);
      else entries.set(id, { ...entry, rule: overridden(entry.rule, override) });
    }
  }
}

function overridden(rule: PolicyRule, override: RuleOverride): PolicyRule {
  return {
    ...rule,
    params: { ...rule.params, ...override.params },
    ...(override.owners === undefined ? {} : { owners: override.owners }),
    ...(override.count === undefined ? {} : { count: override.count }),
  };
}

/**
 * `role:<name>` replaced by the role's members. A role no server file defines, or one without members, stays
 * as written: it matches nobody, so the rule cannot be approved until the server gives the role members (fail
 * closed, and the comment says "no one is configured for role <name>").
 */
function resolveOwners(rule: PolicyRule, roles: ReadonlyMap<string, readonly string[]>): string[] {
  const owners = rule.owners.flatMap((owner) => {
    if (!owner.startsWith('role:')) return [owner];
    const members = (roles.get(owner.slice('role:'.length)) ?? []).filter((m) => !m.startsWith('role:'));
    return members.length === 0 ? [owner] : members;
  });
  return [...new Set(owners)];
}
