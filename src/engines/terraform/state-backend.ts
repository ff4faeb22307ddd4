import { failure, type Failure } from '../../core/outcome.ts';
import type { PlanBody } from '../../core/plan.ts';
import { isRecord } from './mask-values.ts';
import type { TerraformWarning } from './schema.ts';

/** Where a configuration keeps its state: a remote backend (`s3`, `gcs`, `cloud`…) or the local file system. */
export type StateBackend = { readonly kind: 'local' | 'remote'; readonly type: string };

/**
 * The backend a Terraform JSON document declares (`terraform.backend.<type>` or `terraform.cloud`, as
 * cdk.tf.json and hcl2json write them). None declared is Terraform's implicit `local` backend.
 */
export function stateBackendOf(document: Readonly<Record<string, unknown>>): StateBackend {
  for (const block of eachBlock(document['terraform'])) {
    if (block['cloud'] !== undefined) return { kind: 'remote', type: 'cloud' };
    for (const backends of eachBlock(block['backend'])) {
      const [type] = Object.keys(backends);
      if (type !== undefined) return { kind: type === 'local' ? 'local' : 'remote', type };
    }
  }
  return { kind: 'local', type: 'local' };
}

function eachBlock(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** The plan's warning for a local backend: state inside the checkout is deleted when the PR closes. */
export function localStateWarning(options: { what: string; where?: string }): TerraformWarning {
  return {
    kind: 'local-state',
    ...(options.where === undefined ? {} : { where: options.where }),
    message: `${options.what} keeps its state in a local backend, inside the checkout that Sluice deletes when the PR closes; `
      + 'apply is refused until it declares a remote backend (e.g. `S3Backend`, `GcsBackend`, `backend "s3"` or `cloud {}`).',
  };
}

/** Adds warnings to a terraform or cdktf plan body: to its facts (for policies) and its report (for the reader). */
export function withWarnings<B extends PlanBody<'terraform' | 'cdktf'>>(body: B, warnings: readonly TerraformWarning[]): B {
  if (warnings.length === 0) return body;
  return { ...body, facts: { ...body.facts, warnings: [...(body.facts.warnings ?? []), ...warnings] }, report: { ...body.report, warnings: [...body.report.warnings, ...warnings] } };
}

/** The typed refusal of an apply whose plan found a local backend; undefined when the state is remote. */
export function refuseLocalState(plan: Pick<PlanBody<'terraform' | 'cdktf'>, 'facts'>, project: string): Failure | undefined {
  const local = (plan.facts.warnings ?? []).filter((w) => w.kind === 'local-state');
  if (local.length === 0) return undefined;
  const where = local.flatMap((w) => (w.where === undefined ? [] : [`\`${w.where}\``]));
  return failure('state_local', `${project} is not applied: ${where.length === 0 ? 'its state would be' : `the state of ${where.join(', ')} would be`} written to a local backend inside the PR's checkout, and lost when the PR closes`, {
    hint: 'Declare a remote backend (CDKTF: `new S3Backend(this, { bucket, key, region })` in the stack; Terraform: `terraform { backend "s3" { … } }` or `cloud { … }`), push, and plan again.',
  });
}
