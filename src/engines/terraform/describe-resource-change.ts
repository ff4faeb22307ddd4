import type { ChangeAction, PlanChange } from '../../core/plan.ts';
import { comparableSides } from './comparable-sides.ts';
import { diffAttributes } from './diff-attributes.ts';
import { isRecord, maskValue } from './mask-values.ts';
import type { TerraformChange, TerraformResourceChange, TerraformResourceFact } from './schema.ts';

/** Terraform's `action_reason` values in words. */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'tainted, so must be replaced',
  replace_because_cannot_update: 'some attribute changes force replacement',
  replace_by_request: 'replacement requested (-replace)',
  replace_by_triggers: 'replace_triggered_by a changed reference',
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

/** The shared change vocabulary for Terraform's `actions` array. */
export function changeAction(actions: readonly string[]): ChangeAction {
  const set = new Set(actions);
  if (set.has('delete') && set.has('create')) return 'replace';
  if (set.has('create')) return 'create';
  if (set.has('delete') || set.has('forget')) return 'delete';
  if (set.has('read')) return 'read';
  if (set.has('no-op') && set.size === 1) return 'no-op';
  return 'update';
}

/** True when Terraform would list it: an action, a move or an import. */
export function isEffective(rc: TerraformResourceChange): boolean {
  return changeAction(rc.change.actions) !== 'no-op' || isMoved(rc) || rc.change.importing != null;
}

export function maskedSides(change: TerraformChange): { before: unknown; after: unknown } {
  return {
    before: maskValue(change.before, change.before_sensitive),
    after: maskValue(change.after, change.after_sensitive, change.after_unknown),
  };
}

/** One resource change as a `PlanChange`: symbol, risk and masked attribute lines. */
export function toPlanChange(rc: TerraformResourceChange): PlanChange {
  const action = changeAction(rc.change.actions);
  const shown: ChangeAction = action === 'no-op' ? 'update' : action;
  const forgets = rc.change.actions.includes('forget') && !rc.change.actions.includes('delete');
  const destructive = (action === 'delete' || action === 'replace') && !forgets && rc.mode !== 'data';
  return { action: shown, address: rc.address, risk: destructive ? 'destructive' : 'none', detail: detailLines(rc, action) };
}

function detailLines(rc: TerraformResourceChange, action: ChangeAction): string[] {
  const { before, after, isSecret } = comparableSides(rc.change);
  const notes = noteLines(rc, action);
  if (action === 'no-op') return notes;
  const sides = action === 'delete' ? { before, after: null } : action === 'create' || action === 'read' ? { before: null, after } : { before, after };
  return [...notes, ...diffAttributes(sides.before, sides.after, { forces: rc.change.replace_paths ?? [], isSecret })];
}

function noteLines(rc: TerraformResourceChange, action: ChangeAction): string[] {
  const notes: string[] = [];
  if (isMoved(rc)) notes.push(`# moved from ${rc.previous_address}`);
  if (rc.change.importing != null) notes.push(`# will be imported${rc.change.importing.id === undefined ? '' : ` (id ${JSON.stringify(rc.change.importing.id)})`}`);
  if (rc.change.actions.includes('forget')) notes.push('# removed from the state only: the real object is not destroyed');
  if (action === 'replace') notes.push(rc.change.actions[0] === 'create' ? '# create before destroy' : '# destroy, then create');
  if (rc.deposed !== undefined) notes.push(`# deposed object ${rc.deposed}`);
  const reason = rc.action_reason === undefined ? undefined : (REASONS[rc.action_reason] ?? rc.action_reason);
  if (reason !== undefined) notes.push(`# because ${reason}`);
  return notes;
}

function isMoved(rc: TerraformResourceChange): boolean {
  return rc.previous_address !== undefined && rc.previous_address !== rc.address;
}

/** The policy facts of one resource change. */
export function toResourceFact(rc: TerraformResourceChange, options: { project: string; stack?: string }): TerraformResourceFact {
  const { before, after } = maskedSides(rc.change);
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
