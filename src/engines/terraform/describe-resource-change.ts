import type { ChangeAction, ChangeWording, PlanChange } from '../../core/plan.ts';
import { comparableSides, maskedSides, type SecrecyOptions } from './comparable-sides.ts';
import { diffAttributes } from './diff-attributes.ts';
import { isRecord } from './mask-values.ts';
import type { TerraformActionInvocation, TerraformResourceChange, TerraformResourceFact } from './schema.ts';

/** Terraform's `action_reason` values in words; the replace reasons are in the verb instead (`REPLACE_VERB`). */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: 'some attribute changes force replacement',
  delete_because_no_resource_config: 'its configuration was removed',
  delete_because_no_module: 'its module was removed',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is no longer present',
  delete_because_no_move_target: 'its moved block has no target',
  read_because_config_unknown: 'its configuration depends on values not yet known',
  read_because_dependency_pending: 'it depends on pending changes',
  read_because_check_nested: 'a check block reads it',
};

/** Terraform's own actions, as its `actions` array spells them (`["create", "forget"]`…). */
export type TerraformAction = 'no-op' | 'create' | 'read' | 'update' | 'delete-then-create' | 'create-then-delete' | 'delete' | 'forget' | 'create-then-forget';

const SHARED_ACTION: Readonly<Record<TerraformAction, ChangeAction>> = {
  'no-op': 'no-op', create: 'create', read: 'read', update: 'update', 'delete-then-create': 'replace', 'create-then-delete': 'replace',
  delete: 'delete', forget: 'delete', 'create-then-forget': 'replace',
};

/** How Terraform's plan output words each action (internal/command/jsonformat/plan.go). */
const TERRAFORM_VERB: Readonly<Record<TerraformAction, string>> = {
  'no-op': 'is unchanged',
  create: 'will be created',
  read: 'will be read during apply',
  update: 'will be updated in-place',
  'delete-then-create': 'must be replaced',
  'create-then-delete': 'must be replaced',
  delete: 'will be destroyed',
  forget: 'will no longer be managed by Terraform, but will not be destroyed',
  'create-then-forget': 'must be replaced, but the existing object will not be destroyed',
};

/** Terraform's words for a replace it gives a reason for. */
const REPLACE_VERB: Readonly<Record<string, string>> = {
  replace_because_tainted: 'is tainted, so must be replaced',
  replace_by_request: 'will be replaced, as requested',
  replace_by_triggers: 'will be replaced due to changes in replace_triggered_by',
};

export function terraformAction(actions: readonly string[]): TerraformAction {
  const [first, second] = actions;
  if (actions.length === 2 && first === 'delete' && second === 'create') return 'delete-then-create';
  if (actions.length === 2 && first === 'create' && second === 'delete') return 'create-then-delete';
  if (actions.length === 2 && first === 'create' && second === 'forget') return 'create-then-forget';
  if (actions.length === 1 && isSingleAction(first)) return first;
  return 'update';
}

function isSingleAction(action: string | undefined): action is 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget' {
  return action === 'no-op' || action === 'create' || action === 'read' || action === 'update' || action === 'delete' || action === 'forget';
}

/** The shared change vocabulary for Terraform's `actions` array. */
export function changeAction(actions: readonly string[]): ChangeAction {
  return SHARED_ACTION[terraformAction(actions)];
}

/** Forgets leave the real object alone: `["forget"]` and `["create", "forget"]`. */
export function isForget(actions: readonly string[]): boolean {
  return actions.includes('forget') && !actions.includes('delete');
}

/** True when Terraform would list it: an action, a move or an import; not the delete of a data source. */
export function isEffective(rc: TerraformResourceChange): boolean {
  const action = changeAction(rc.change.actions);
  if (action === 'delete' && rc.mode === 'data') return false;
  return action !== 'no-op' || isMoved(rc) || rc.change.importing != null;
}

/** One resource change as a `PlanChange`: Terraform's words, risk and masked attribute lines. */
export function toPlanChange(rc: TerraformResourceChange, options: { secrecy: SecrecyOptions; actions?: readonly TerraformActionInvocation[] }): PlanChange {
  const action = changeAction(rc.change.actions);
  const shown: ChangeAction = action === 'no-op' ? 'update' : action;
  const destructive = (action === 'delete' || action === 'replace') && !isForget(rc.change.actions) && rc.mode !== 'data';
  return {
    action: shown, address: rc.address, risk: destructive ? 'destructive' : 'none', wording: wordingOf(rc),
    detail: [...noteLines(rc), ...actionLines(rc, options.actions ?? []), ...attributeLines(rc, options.secrecy)],
  };
}

/** `aws_x.a has moved to aws_x.b`, `aws_x.b will be imported`, `aws_x.b will be updated in-place, moved from aws_x.a`. */
function wordingOf(rc: TerraformResourceChange): ChangeWording {
  const action = terraformAction(rc.change.actions);
  if (action === 'no-op' && isMoved(rc)) return { subject: rc.previous_address!, verb: 'has moved to' };
  if (action === 'no-op' && rc.change.importing != null) return { verb: 'will be imported' };
  if (action === 'forget' && rc.deposed !== undefined) return { verb: 'will be removed from Terraform state, but will not be destroyed' };
  const reasoned = SHARED_ACTION[action] === 'replace' && rc.action_reason !== undefined ? ownValue(REPLACE_VERB, rc.action_reason) : undefined;
  const verb = reasoned ?? TERRAFORM_VERB[action];
  return isMoved(rc) ? { verb: `${verb}, moved from`, object: rc.previous_address! } : { verb };
}

function attributeLines(rc: TerraformResourceChange, secrecy: SecrecyOptions): string[] {
  const action = changeAction(rc.change.actions);
  if (action === 'no-op') return [];
  const { before, after, secretRoot } = comparableSides(rc.change, secrecy);
  const sides = action === 'delete' ? { before, after: null } : action === 'create' || action === 'read' ? { before: null, after } : { before, after };
  return diffAttributes(sides.before, sides.after, { forces: rc.change.replace_paths ?? [], secretRoot });
}

function noteLines(rc: TerraformResourceChange): string[] {
  const action = terraformAction(rc.change.actions);
  const importing = rc.change.importing;
  const notes: string[] = [];
  if (importing != null) notes.push(importing.id === undefined ? '# will be imported first' : `# imported from ${JSON.stringify(importing.id)}`);
  if (importing != null && rc.change.generated_config !== undefined && rc.change.generated_config !== '') notes.push('# config will be generated');
  if (importing != null && SHARED_ACTION[action] === 'replace') notes.push('# warning: this will destroy the imported resource');
  if (isForget(rc.change.actions)) notes.push('# destroy = false is set in the configuration');
  if (action === 'create-then-delete') notes.push('# create before destroy');
  if (action === 'delete-then-create') notes.push('# destroy, then create');
  if (rc.deposed !== undefined) notes.push(`# deposed object ${rc.deposed}`);
  const reason = rc.action_reason === undefined || Object.hasOwn(REPLACE_VERB, rc.action_reason) ? undefined : (ownValue(REASONS, rc.action_reason) ?? rc.action_reason);
  if (reason !== undefined) notes.push(`# because ${reason}`);
  return notes;
}

/** Actions a resource's lifecycle triggers, in order: `# then invokes action.aws_lambda_invoke.notify (AfterCreate)`. */
function actionLines(rc: TerraformResourceChange, actions: readonly TerraformActionInvocation[]): string[] {
  const triggered = actions.filter((a) => a.lifecycle_action_trigger?.triggering_resource_address === rc.address);
  const timing = (a: TerraformActionInvocation): string => (/^before/i.test(a.lifecycle_action_trigger!.action_trigger_event) ? 'first invokes' : 'then invokes');
  return triggered.map((a) => `# ${timing(a)} ${a.address} (${a.lifecycle_action_trigger!.action_trigger_event})`);
}

/** A word table's entry for an open-ended key (`action_reason`), never an inherited property. */
function ownValue(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function isMoved(rc: TerraformResourceChange): boolean {
  return rc.previous_address !== undefined && rc.previous_address !== rc.address;
}

/** The policy facts of one resource change. */
export function toResourceFact(rc: TerraformResourceChange, options: { project: string; stack?: string; secrecy: SecrecyOptions }): TerraformResourceFact {
  const { before, after } = maskedSides(rc.change, options.secrecy);
  const action = changeAction(rc.change.actions);
  return {
    address: rc.address,
    type: rc.type,
    name: rc.name,
    mode: rc.mode,
    provider: rc.provider_name,
    ...(rc.module_address === undefined ? {} : { module: rc.module_address }),
    actions: [...rc.change.actions],
    action,
    replace: action === 'replace',
    replacePaths: rc.change.replace_paths ?? [],
    ...(rc.action_reason === undefined ? {} : { reason: rc.action_reason }),
    ...(isMoved(rc) ? { previousAddress: rc.previous_address } : {}),
    ...(rc.change.importing?.id === undefined ? {} : { importId: rc.change.importing.id }),
    before,
    after,
    tags: readTags(action === 'delete' ? before : after),
    project: options.project,
    ...(options.stack === undefined ? {} : { stack: options.stack }),
  };
}

/** `tags` (AWS, Azure) or `labels` (Google), string values only. */
export function readTags(values: unknown): Record<string, string> {
  if (!isRecord(values)) return {};
  const tags = isRecord(values['tags']) ? values['tags'] : isRecord(values['labels']) ? values['labels'] : {};
  return Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
