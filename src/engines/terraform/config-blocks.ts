import { isRecord } from './mask-values.ts';
import { isSecretName } from './secret-names.ts';

type Path = readonly (string | number)[];

/** The kinds of top-level Terraform configuration blocks a configuration diff compares. */
export type BlockKind = 'resource' | 'module' | 'data' | 'provider' | 'terraform' | 'output' | 'variable' | 'local';

export type Block = {
  /** `aws_s3_bucket.raw`, `module.vpc`, `data.aws_ami.ubuntu`, `provider.aws.west`, `terraform.backend`, `output.arn`, `var.region`, `local.env`. */
  readonly address: string;
  readonly kind: BlockKind;
  /** The resource or data source type, `module`, or the provider name; empty for the others. */
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** Attributes secret as a whole: the `value` of an output or local and the `default` of a variable, when sensitive or secret-named. */
  readonly secretPaths: readonly Path[];
};

/**
 * Every block of a Terraform JSON configuration (`cdk.tf.json`, or `@cdktf/hcl2json` output, which wraps
 * blocks in arrays) by address, CDKTF's `//` metadata dropped: resources, modules, data sources, providers (one
 * per alias), the `terraform` block as its backend, its required providers and its other settings, outputs,
 * variables and each local value.
 */
export function configBlocks(config: unknown): Map<string, Block> {
  const root = isRecord(config) ? config : {};
  const blocks: Block[] = [
    ...typedBlocks(root['resource'], 'resource', ''),
    ...typedBlocks(root['data'], 'data', 'data.'),
    ...entries(root['module']).map(([name, body]) => block('module', `module.${name}`, 'module', name, cleanValues(body))),
    ...entries(root['provider']).flatMap(([name, bodies]) => eachBlock(bodies).map((body) => providerBlock(name, body))),
    ...terraformBlocks(eachBlock(root['terraform'])),
    ...entries(root['output']).map(([name, body]) => declared('output', `output.${name}`, name, cleanValues(body), 'value')),
    ...entries(root['variable']).map(([name, body]) => declared('variable', `var.${name}`, name, cleanValues(body), 'default')),
    ...eachBlock(root['locals']).flatMap((locals) => entries(locals).map(([key, value]) => ({ ...block('local', `local.${key}`, '', key, { value: clean(value) }), secretPaths: isSecretName(key) ? [['value']] : [] }))),
  ];
  return new Map(blocks.map((b) => [b.address, b]));
}

function typedBlocks(byType: unknown, kind: 'resource' | 'data', prefix: string): Block[] {
  return entries(byType).flatMap(([type, byName]) => entries(byName).map(([name, body]) => block(kind, `${prefix}${type}.${name}`, type, name, cleanValues(body))));
}

function providerBlock(name: string, body: Record<string, unknown>): Block {
  const { alias, ...values } = cleanValues(body);
  const address = typeof alias === 'string' && alias !== '' ? `provider.${name}.${alias}` : `provider.${name}`;
  return block('provider', address, name, typeof alias === 'string' ? alias : '', values);
}

/** `terraform { backend "s3" {…} required_providers {…} required_version = … }`, possibly over several blocks. */
function terraformBlocks(bodies: readonly Record<string, unknown>[]): Block[] {
  const settings: Record<string, unknown> = {};
  const backend: Record<string, unknown> = {};
  const providers: Record<string, unknown> = {};
  for (const body of bodies.map((b) => cleanValues(b))) {
    const { backend: backends, required_providers: required, ...rest } = body;
    Object.assign(settings, rest);
    for (const [type, config] of entries(backends)) backend[type] = type === 'local' ? localBackend(eachBlock(config)[0] ?? {}) : (eachBlock(config)[0] ?? {});
    for (const requirement of eachBlock(required)) Object.assign(providers, requirement);
  }
  return [
    ...(Object.keys(backend).length === 0 ? [] : [block('terraform', 'terraform.backend', '', 'backend', backend)]),
    ...(Object.keys(providers).length === 0 ? [] : [block('terraform', 'terraform.required_providers', '', 'required_providers', providers)]),
    ...(Object.keys(settings).length === 0 ? [] : [block('terraform', 'terraform', '', 'terraform', settings)]),
  ];
}

/**
 * CDKTF writes its implicit local backend with the absolute path of the checkout, which differs between base and
 * head: an absolute `path` is compared by its file name (`terraform.lake.tfstate`).
 */
function localBackend(config: Record<string, unknown>): Record<string, unknown> {
  const path = config['path'];
  if (typeof path !== 'string' || !/^(\/|[A-Za-z]:[\\/])/.test(path)) return config;
  return { ...config, path: path.split(/[\\/]/).at(-1) ?? path };
}

/** An output or a variable: its value is secret when declared `sensitive = true` or when its name says so. */
function declared(kind: 'output' | 'variable', address: string, name: string, values: Record<string, unknown>, secret: string): Block {
  return { ...block(kind, address, '', name, values), secretPaths: values['sensitive'] === true || isSecretName(name) ? [[secret]] : [] };
}

function block(kind: BlockKind, address: string, type: string, name: string, values: Record<string, unknown>): Block {
  return { address, kind, type, name, values, secretPaths: [] };
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value).filter(([key]) => !key.startsWith('//')) : [];
}

/** A block body, or each of several (hcl2json writes `provider "aws"` twice as a two-element array). */
function eachBlock(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** hcl2json wraps each block in a one-element array; `//` keys are CDKTF metadata. */
function cleanValues(body: unknown): Record<string, unknown> {
  const single = Array.isArray(body) && body.length === 1 ? body[0] : body;
  return isRecord(single) ? (clean(single) as Record<string, unknown>) : {};
}

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('//')).map(([key, item]) => [key, clean(item)]));
}
