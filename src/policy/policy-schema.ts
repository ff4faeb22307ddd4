import { z } from 'zod';
import { ProjectKind } from '../config/schema.ts';

/** Rule ids and role names: what `--policy RULE` accepts (the comment grammar's NAME_PATTERN). */
const Name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');

/** `org/team`, a GitHub login, or `role:<name>` (a role the server's policy files define). */
export const OwnerRef = z.string().regex(/^(role:[A-Za-z0-9][A-Za-z0-9._-]*|[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?)$/, 'must be "org/team", a login or "role:<name>"');

export const PolicyEffect = z.enum(['warn', 'require_approval', 'deny']);
export type PolicyEffect = z.infer<typeof PolicyEffect>;

export const AppliesTo = z.strictObject({
  /** Project kinds; empty means every kind. */
  kinds: z.array(ProjectKind).default([]),
  /** Project names; empty means every project. */
  projects: z.array(Name).default([]),
  /** Target names; empty means every target. */
  targets: z.array(Name).default([]),
});

export const PolicyRule = z.strictObject({
  id: Name,
  description: z.string().min(1),
  applies_to: AppliesTo.default({ kinds: [], projects: [], targets: [] }),
  /** CEL over `facts`, `project` and `params`: a bool, or the list of items that violate the rule (empty = passes). */
  when: z.string().min(1),
  effect: PolicyEffect,
  /** Who may approve (`require_approval` only). */
  owners: z.array(OwnerRef).default([]),
  /** CEL over `items`, `facts`, `project`, `params` returning more owners (e.g. the owners of the models at fault). */
  owners_from: z.string().min(1).optional(),
  /** Approvals from this many distinct owners are needed. */
  count: z.number().int().min(1).max(10).default(1),
  /** Shown on the PR; `{{ expr }}` interpolates a CEL expression over `items`, `count`, `facts`, `project`, `params`. */
  message: z.string().min(1),
  /** Values the expressions read as `params.*`; the server can override them. */
  params: z.record(z.string(), z.unknown()).default({}),
}).superRefine((rule, ctx) => {
  const approval = rule.effect === 'require_approval';
  if (approval && rule.owners.length === 0 && rule.owners_from === undefined) {
    ctx.addIssue({ code: 'custom', path: ['owners'], message: 'require_approval needs owners or owners_from' });
  }
  if (!approval && (rule.owners.length > 0 || rule.owners_from !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['owners'], message: `owners apply only to require_approval (this rule is ${rule.effect})` });
  }
});
export type PolicyRule = z.infer<typeof PolicyRule>;

/** Adjusts a rule of another file by id: the server tunes or disables rules of the default pack. */
export const RuleOverride = z.strictObject({
  enabled: z.boolean().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  owners: z.array(OwnerRef).optional(),
  count: z.number().int().min(1).max(10).optional(),
});
export type RuleOverride = z.infer<typeof RuleOverride>;

/** One policy file (YAML). `roles` and `overrides` are honoured only in the default pack and server files. */
export const PolicyFile = z.strictObject({
  version: z.literal(1),
  /** Named groups of owners, used in rules as `role:<name>`. */
  roles: z.record(Name, z.array(OwnerRef)).default({}),
  overrides: z.record(Name, RuleOverride).default({}),
  rules: z.array(PolicyRule).default([]),
});
export type PolicyFile = z.infer<typeof PolicyFile>;
