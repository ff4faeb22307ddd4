/**
 * A synthetic but realistic `terraform show -json` plan (format 1.2): AWS resources in modules with nested
 * blocks, tags, JSON policy strings, sensitive attributes and unknown values; creates, updates, deletes
 * and replaces (with `replace_paths` and `action_reason`), some drift, outputs, `planned_values` and
 * `prior_state`. Deterministic for a given seed.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
type Kind = 'create' | 'update' | 'delete' | 'replace';

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Template = {
  readonly type: string;
  /** The resource's attributes (the `after` of a create); `i` makes them unique. */
  readonly values: (i: number) => Obj;
  /** An update of those values. */
  readonly update: (values: Obj) => Obj;
  /** Sensitive attribute names (top level). */
  readonly sensitive: readonly string[];
  /** The attribute whose change forces a replacement. */
  readonly forces: string;
};

const tags = (i: number): Obj => ({ team: ['data', 'platform', 'ml'][i % 3]!, env: 'prod', cost_center: `cc-${1000 + (i % 17)}`, managed_by: 'sluice' });

const policy = (i: number): string => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole', Sid: `Assume${i}` }],
});

const TEMPLATES: readonly Template[] = [
  {
    type: 'aws_s3_bucket', sensitive: [], forces: 'bucket',
    values: (i) => ({ bucket: `acme-lake-${i}`, force_destroy: false, object_lock_enabled: false, tags: tags(i), tags_all: tags(i), arn: `arn:aws:s3:::acme-lake-${i}`, id: `acme-lake-${i}` }),
    update: (v) => ({ ...v, tags: { ...(v['tags'] as Obj), retention: 'long' }, tags_all: { ...(v['tags_all'] as Obj), retention: 'long' } }),
  },
  {
    type: 'aws_iam_role', sensitive: [], forces: 'name',
    values: (i) => ({ name: `crawler-${i}`, path: '/', assume_role_policy: policy(i), max_session_duration: 3600, managed_policy_arns: ['arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole'], tags: tags(i), arn: `arn:aws:iam::123456789012:role/crawler-${i}`, id: `crawler-${i}` }),
    update: (v) => ({ ...v, max_session_duration: 7200, managed_policy_arns: [...(v['managed_policy_arns'] as string[]), 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] }),
  },
  {
    type: 'aws_db_instance', sensitive: ['password'], forces: 'engine',
    values: (i) => ({ identifier: `warehouse-${i}`, engine: 'postgres', engine_version: '16.3', instance_class: 'db.r6g.large', allocated_storage: 100, username: 'sluice', password: `hunter2-${i}`, storage_encrypted: true, backup_retention_period: 7, tags: tags(i), id: `db-${i}` }),
    update: (v) => ({ ...v, instance_class: 'db.r6g.xlarge', allocated_storage: 200, password: `rotated-${String(v['id'])}` }),
  },
  {
    type: 'aws_security_group', sensitive: [], forces: 'vpc_id',
    values: (i) => ({
      name: `sg-${i}`, description: 'warehouse access', vpc_id: `vpc-${i % 4}`, tags: tags(i), id: `sg-${i}`,
      ingress: [{ from_port: 5432, to_port: 5432, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'], description: 'postgres', self: false }],
      egress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'], description: '', self: false }],
    }),
    update: (v) => ({ ...v, ingress: [...(v['ingress'] as Obj[]), { from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.1.0.0/16'], description: 'https', self: false }] }),
  },
  {
    type: 'aws_lambda_function', sensitive: ['environment'], forces: 'function_name',
    values: (i) => ({ function_name: `loader-${i}`, runtime: 'nodejs20.x', handler: 'index.handler', memory_size: 512, timeout: 60, role: `arn:aws:iam::123456789012:role/loader-${i}`, environment: [{ variables: { DB_URL: `postgres://loader:secret-${i}@db/warehouse`, STAGE: 'prod' } }], tags: tags(i), id: `loader-${i}` }),
    update: (v) => ({ ...v, memory_size: 1024, timeout: 120, environment: [{ variables: { DB_URL: 'postgres://loader:rotated@db/warehouse', STAGE: 'prod' } }] }),
  },
  {
    type: 'aws_glue_catalog_table', sensitive: [], forces: 'database_name',
    values: (i) => ({
      name: `events_${i}`, database_name: 'analytics', table_type: 'EXTERNAL_TABLE', id: `analytics:events_${i}`,
      storage_descriptor: [{ location: `s3://acme-lake-${i}/events/`, input_format: 'org.apache.hadoop.mapred.TextInputFormat', columns: [{ name: 'id', type: 'bigint' }, { name: 'at', type: 'timestamp' }, { name: 'payload', type: 'string' }] }],
      parameters: { classification: 'json', 'projection.enabled': 'true' },
    }),
    update: (v) => ({ ...v, storage_descriptor: [{ ...((v['storage_descriptor'] as Obj[])[0] as Obj), columns: [{ name: 'id', type: 'bigint' }, { name: 'at', type: 'timestamp' }, { name: 'payload', type: 'string' }, { name: 'source', type: 'string' }] }] }),
  },
];

const KINDS: readonly Kind[] = ['create', 'create', 'create', 'create', 'update', 'update', 'update', 'delete', 'replace', 'replace'];

function sensitiveMask(template: Template, values: Obj | null): Json {
  if (values === null) return false;
  return Object.fromEntries(template.sensitive.filter((k) => k in values).map((k) => [k, true]));
}

function actionsOf(kind: Kind, i: number): string[] {
  if (kind === 'replace') return i % 2 === 0 ? ['delete', 'create'] : ['create', 'delete'];
  return kind === 'update' ? ['update'] : [kind];
}

function sides(template: Template, kind: Kind, i: number): { before: Obj | null; after: Obj | null } {
  const values = template.values(i);
  if (kind === 'create') return { before: null, after: withoutComputed(values) };
  if (kind === 'delete') return { before: values, after: null };
  if (kind === 'update') return { before: values, after: template.update(values) };
  return { before: values, after: withoutComputed({ ...values, [template.forces]: `${String(values[template.forces])}-v2` }) };
}

/** A create or replace does not know `id` and `arn` yet. */
function withoutComputed(values: Obj): Obj {
  const { id: _id, arn: _arn, ...rest } = values;
  return rest;
}

/** What a create or replace learns only on apply; an update keeps its known `id` and `arn`. */
function unknownAfter(template: Template, kind: Kind, i: number): Json {
  if (kind === 'delete') return false;
  if (kind === 'update') return {};
  return { id: true, ...('arn' in template.values(i) ? { arn: true } : {}) };
}

function resourceChange(i: number, kind: Kind): Obj {
  const template = TEMPLATES[i % TEMPLATES.length]!;
  const module = `module.team_${i % 25}`;
  const name = `r${i}`;
  const { before, after } = sides(template, kind, i);
  const change: Obj = {
    actions: actionsOf(kind, i), before, after,
    after_unknown: unknownAfter(template, kind, i),
    before_sensitive: sensitiveMask(template, before), after_sensitive: sensitiveMask(template, after),
  };
  if (kind === 'replace') change['replace_paths'] = [[template.forces]];
  return {
    address: `${module}.${template.type}.${name}`, module_address: module, mode: 'managed', type: template.type, name,
    provider_name: 'registry.terraform.io/hashicorp/aws', change,
    ...(kind === 'replace' ? { action_reason: 'replace_because_cannot_update' } : {}),
  };
}

function driftEntry(i: number): Obj {
  const rc = resourceChange(i, 'update');
  return { ...rc, change: { ...(rc['change'] as Obj), after_unknown: {} } };
}

function plannedResource(rc: Obj): Obj {
  const change = rc['change'] as Obj;
  return { address: rc['address'] ?? '', mode: 'managed', type: rc['type'] ?? '', name: rc['name'] ?? '', provider_name: rc['provider_name'] ?? '', schema_version: 0, values: change['after'] ?? null, sensitive_values: {} };
}

/** The `show -json` document of a plan changing `count` resources. */
export function terraformPlanJson(count: number, seed = 2000): Obj {
  const rand = random(seed);
  const changes = Array.from({ length: count }, (_, i) => resourceChange(i, KINDS[Math.floor(rand() * KINDS.length)]!));
  const kept = changes.filter((rc) => (rc['change'] as Obj)['after'] !== null);
  return {
    format_version: '1.2', terraform_version: '1.9.8', errored: false, applyable: true, complete: true,
    planned_values: { root_module: { resources: kept.map(plannedResource) } },
    resource_changes: changes,
    resource_drift: Array.from({ length: Math.floor(count / 100) }, (_, i) => driftEntry(i * 7)),
    output_changes: {
      bucket_arns: { actions: ['update'], before: ['arn:aws:s3:::acme-lake-0'], after: ['arn:aws:s3:::acme-lake-0', 'arn:aws:s3:::acme-lake-6'], after_unknown: false, before_sensitive: false, after_sensitive: false },
      db_password: { actions: ['create'], before: null, after: 'hunter2', after_unknown: false, before_sensitive: false, after_sensitive: true },
    },
    prior_state: { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: { resources: [] } } },
  };
}
