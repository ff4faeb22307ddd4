import type { SourceLocation } from '../../core/outcome.ts';
import type { ChangeAction, ChangeWording, PlanBody, PlanChange } from '../../core/plan.ts';
import { configBlocks, type Block, type BlockKind } from './config-blocks.ts';
import { diffAttributes, type SecretRoot } from './diff-attributes.ts';
import { readTags } from './describe-resource-change.ts';
import { maskSecretNames } from './mask-values.ts';
import { TerraformPolicyFacts, type TerraformFacts, type TerraformResourceFact } from './schema.ts';
import { secretNameRoot } from './secret-names.ts';

type Path = readonly (string | number)[];

export type ConfigDiffOptions = {
  readonly project: string;
  readonly stack?: string;
  /** Where each block is declared at base and at head (see `readTerraformConfig`), for the detail lines. */
  readonly locations?: { readonly base: ReadonlyMap<string, SourceLocation>; readonly head: ReadonlyMap<string, SourceLocation> };
};

type Changed = { readonly old?: Block; readonly now?: Block; readonly block: Block; readonly action: ChangeAction };

/** Blocks counted as Terraform counts them (`N to add…`); the others are named after the counts. */
const COUNTED: Readonly<Record<BlockKind, boolean>> = {
  resource: true, module: true, data: false, provider: false, terraform: false, output: false, variable: false, local: false,
};

/** The other blocks in the headline: `1 provider, 2 outputs changed`. */
const NOUN: Readonly<Record<BlockKind, readonly [string, string]>> = {
  resource: ['resource', 'resources'], module: ['module', 'modules'], data: ['data source', 'data sources'], provider: ['provider', 'providers'],
  terraform: ['terraform setting', 'terraform settings'], output: ['output', 'outputs'], variable: ['variable', 'variables'], local: ['local value', 'local values'],
};

/** How a change to a block that is not a resource reads: it is configuration, not infrastructure. */
const BLOCK_VERB: Readonly<Record<ChangeAction, string>> = {
  create: 'is added to the configuration', update: 'changes', delete: 'is removed from the configuration',
  replace: 'is replaced in the configuration', read: 'is read', 'no-op': 'is unchanged',
};

/**
 * The plan without a binary: a block-by-block, attribute-by-attribute comparison of two Terraform JSON
 * configurations (`cdk.tf.json`, or `@cdktf/hcl2json` output): resources and modules, counted as Terraform
 * counts them, and providers, the `terraform` block (backend, required providers), data sources, outputs,
 * variables and locals, named after the counts. It knows nothing of the state, so it is labelled as not state-aware.
 */
export function diffTerraformConfigs(base: unknown, head: unknown, options: ConfigDiffOptions): PlanBody<'terraform'> {
  const before = configBlocks(base);
  const after = configBlocks(head);
  const changed = [...new Set([...before.keys(), ...after.keys()])].toSorted()
    .map((address): Changed => ({ old: before.get(address), now: after.get(address), block: (after.get(address) ?? before.get(address))!, action: blockAction(before.get(address), after.get(address)) }))
    .filter((c) => c.action !== 'no-op');
  const counted = changed.filter((c) => COUNTED[c.block.kind]);
  const count = (action: ChangeAction): number => counted.filter((c) => c.action === action).length;
  const [add, change, destroy] = [count('create'), count('update'), count('delete')];
  const facts: TerraformFacts = {
    engine: 'terraform',
    mode: 'config-diff',
    stateAware: false,
    project: options.project,
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    errored: false,
    resources: counted.map((c) => blockFact(c, options)),
    drift: [],
    outputs: [],
    ...(changed.length === counted.length ? {} : { blocks: changed.filter((c) => !COUNTED[c.block.kind]).map((c) => ({ address: c.block.address, kind: c.block.kind, action: c.action })) }),
  };
  const changes = changed.map((c) => toChange(c, options));
  return {
    kind: 'terraform',
    summary: { headline: headline(changed, { add, change, destroy }), add, change, destroy },
    changes, tests: [], annotations: [],
    facts: TerraformPolicyFacts.parse(facts),
    report: { mode: 'config-diff', stacks: [], warnings: [], checks: [], drift: [] },
    artifacts: { mode: 'config-diff' },
  };
}

function headline(changed: readonly Changed[], counts: { add: number; change: number; destroy: number }): string {
  if (changed.length === 0) return 'Configuration diff (not state-aware): no changes.';
  const others = (Object.keys(NOUN) as BlockKind[]).filter((kind) => !COUNTED[kind]).map((kind) => {
    const n = changed.filter((c) => c.block.kind === kind).length;
    return n === 0 ? '' : `${n} ${NOUN[kind][n === 1 ? 0 : 1]}`;
  }).filter((part) => part !== '');
  const tail = others.length === 0 ? '' : `; ${others.join(', ')} changed`;
  return `Configuration diff (not state-aware): ${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy${tail}.`;
}

function blockAction(old: Block | undefined, now: Block | undefined): ChangeAction {
  if (old === undefined) return 'create';
  if (now === undefined) return 'delete';
  return diffAttributes(old.values, now.values).length === 0 ? 'no-op' : 'update';
}

function toChange(c: Changed, options: ConfigDiffOptions): PlanChange {
  const detail = [...locationLines(c, options), ...diffAttributes(c.old?.values, c.now?.values, { secretRoot: secretRootOf(c.block) })];
  const counted = COUNTED[c.block.kind];
  const wording: ChangeWording | undefined = counted ? undefined : { verb: BLOCK_VERB[c.action] };
  return { action: c.action, address: c.block.address, risk: counted && c.action === 'delete' ? 'destructive' : 'none', detail, ...(wording === undefined ? {} : { wording }) };
}

/** `# on infra/main.tf line 12` (head), `# was on infra/main.tf line 3` for a removed block. */
function locationLines(c: Changed, options: ConfigDiffOptions): string[] {
  const removed = c.now === undefined;
  const location = (removed ? options.locations?.base : options.locations?.head)?.get(c.block.address);
  if (location === undefined) return [];
  const where = location.line === undefined ? `in ${location.file}` : `on ${location.file} line ${location.line}`;
  return [`# ${removed ? 'was ' : ''}${where}`];
}

/** Secret-named attributes, and the whole `value`/`default` of outputs and variables declared sensitive. */
function secretRootOf(block: Block): SecretRoot {
  return (path, value) => block.secretPaths.find((secret) => startsWith(path, secret)) ?? secretNameRoot(path, value);
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => String(step) === String(path[i]));
}

function blockFact(change: Changed, options: ConfigDiffOptions): TerraformResourceFact {
  const { block, action } = change;
  const before = change.old === undefined ? null : maskSecretNames(change.old.values);
  const after = change.now === undefined ? null : maskSecretNames(change.now.values);
  const provider = typeof block.values['provider'] === 'string' ? block.values['provider'] : block.type.split('_')[0] ?? '';
  return {
    address: block.address, type: block.type, name: block.name, mode: 'managed', provider,
    actions: [action], action, replace: false, replacePaths: [], before, after, tags: readTags(after ?? before),
    project: options.project, ...(options.stack === undefined ? {} : { stack: options.stack }),
  };
}
