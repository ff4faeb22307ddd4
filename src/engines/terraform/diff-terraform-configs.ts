import type { ChangeAction, PlanBody, PlanChange } from '../../core/plan.ts';
import { diffAttributes } from './diff-attributes.ts';
import { readTags } from './describe-resource-change.ts';
import { isRecord, SENSITIVE } from './mask-values.ts';
import type { TerraformFacts, TerraformResourceFact } from './schema.ts';

/** Attribute names whose values never reach a comment, even in a configuration. */
const SECRET_NAME = /(^|_)(password|passwd|secret|token|private_key|api_key|access_key|secret_key|credentials?)(_|$)/i;

type Block = { readonly address: string; readonly type: string; readonly name: string; readonly values: Record<string, unknown> };

/**
 * The plan without a binary: a resource-by-resource, attribute-by-attribute comparison of two Terraform
 * JSON configurations (`resource.<type>.<name>` and `module.<name>` blocks, as in `cdk.tf.json` or
 * `@cdktf/hcl2json` output). It knows nothing of the state, so it is labelled as not state-aware.
 */
export function diffTerraformConfigs(base: unknown, head: unknown, options: { project: string; stack?: string }): PlanBody {
  const before = configBlocks(base);
  const after = configBlocks(head);
  const addresses = [...new Set([...before.keys(), ...after.keys()])].toSorted();
  const changed = addresses
    .map((address) => ({ old: before.get(address), now: after.get(address) }))
    .map(({ old, now }) => ({ old, now, block: (now ?? old)!, action: blockAction(old, now), detail: diffAttributes(old?.values, now?.values, { isSecret }) }))
    .filter((c) => c.action !== 'no-op');
  const count = (action: ChangeAction): number => changed.filter((c) => c.action === action).length;
  const [add, change, destroy] = [count('create'), count('update'), count('delete')];
  const headline = changed.length === 0
    ? 'Configuration diff (not state-aware): no changes.'
    : `Configuration diff (not state-aware): ${add} to add, ${change} to change, ${destroy} to destroy.`;
  const changes: PlanChange[] = changed.map((c) => ({ action: c.action, address: c.block.address, risk: c.action === 'delete' ? 'destructive' : 'none', detail: c.detail }));
  const facts: TerraformFacts = {
    engine: 'terraform',
    mode: 'config-diff',
    stateAware: false,
    project: options.project,
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    errored: false,
    resources: changed.map((c) => blockFact(c, options)),
    drift: [],
    outputs: [],
  };
  return { summary: { headline, add, change, destroy }, changes, tests: [], facts, artifacts: { mode: 'config-diff' }, annotations: [] };
}

function blockAction(old: Block | undefined, now: Block | undefined): ChangeAction {
  if (old === undefined) return 'create';
  if (now === undefined) return 'delete';
  return diffAttributes(old.values, now.values).length === 0 ? 'no-op' : 'update';
}

/** A path through a secret-named attribute (`password`, `db_token`, `credentials.user`…). */
function isSecret(path: readonly (string | number)[]): boolean {
  return path.some((step) => typeof step === 'string' && SECRET_NAME.test(step));
}

function blockFact(change: { old?: Block; now?: Block; block: Block; action: ChangeAction }, options: { project: string; stack?: string }): TerraformResourceFact {
  const { block, action } = change;
  const before = change.old === undefined ? null : maskSecrets(change.old.values);
  const after = change.now === undefined ? null : maskSecrets(change.now.values);
  const provider = typeof block.values['provider'] === 'string' ? block.values['provider'] : block.type.split('_')[0] ?? '';
  return {
    address: block.address, type: block.type, name: block.name, mode: 'managed', provider,
    actions: [action], action, replace: false, replacePaths: [], before, after, tags: readTags(after ?? before),
    project: options.project, ...(options.stack === undefined ? {} : { stack: options.stack }),
  };
}

/** Every `resource.<type>.<name>` and `module.<name>` block by address, values masked. */
export function configBlocks(config: unknown): Map<string, Block> {
  const blocks = new Map<string, Block>();
  const root = isRecord(config) ? config : {};
  for (const [type, byName] of entries(root['resource'])) {
    for (const [name, body] of entries(byName)) blocks.set(`${type}.${name}`, { address: `${type}.${name}`, type, name, values: cleanValues(body) });
  }
  for (const [name, body] of entries(root['module'])) blocks.set(`module.${name}`, { address: `module.${name}`, type: 'module', name, values: cleanValues(body) });
  return blocks;
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

/** hcl2json wraps each block in a one-element array; `//` keys are CDKTF metadata. */
function cleanValues(body: unknown): Record<string, unknown> {
  const single = Array.isArray(body) && body.length === 1 ? body[0] : body;
  return isRecord(single) ? (clean(single, { dropMetadata: true }) as Record<string, unknown>) : {};
}

/** Values for policy facts: everything under a secret-named attribute becomes `(sensitive)`. */
function maskSecrets(values: Record<string, unknown>): Record<string, unknown> {
  return clean(values, { dropMetadata: false }) as Record<string, unknown>;
}

function clean(value: unknown, options: { dropMetadata: boolean }): unknown {
  if (Array.isArray(value)) return value.map((item) => clean(item, options));
  if (!isRecord(value)) return value;
  const kept = Object.entries(value).filter(([key]) => !(options.dropMetadata && key.startsWith('//')));
  return Object.fromEntries(kept.map(([key, item]) => [key, !options.dropMetadata && SECRET_NAME.test(key) ? SENSITIVE : clean(item, options)]));
}
