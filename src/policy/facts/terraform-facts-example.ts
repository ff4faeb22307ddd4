import type { z } from 'zod';
import type { TerraformPolicyFacts } from '../../core/plans/terraform-plan.ts';

/**
 * The facts policies read of a `terraform` or `cdktf` plan: the plan's own facts schema
 * (src/core/plans/terraform-plan.ts), re-exported here with the example docs/policy-facts.md shows.
 */
export { TerraformPolicyFacts, TerraformResourceFact } from '../../core/plans/terraform-plan.ts';

export const TERRAFORM_FACTS_EXAMPLE: z.input<typeof TerraformPolicyFacts> = {
  engine: 'terraform',
  mode: 'plan',
  stateAware: true,
  project: 'lake',
  stack: 'lake',
  terraformVersion: '1.9.8',
  errored: false,
  resources: [{
    address: 'aws_s3_bucket.raw', type: 'aws_s3_bucket', name: 'raw', mode: 'managed', provider: 'registry.terraform.io/hashicorp/aws',
    actions: ['delete', 'create'], action: 'replace', replace: true, replacePaths: [['bucket']], reason: 'replace_because_cannot_update',
    before: { bucket: 'acme-raw', tags: { team: 'data' } }, after: { bucket: 'acme-raw-v2', tags: { team: 'data' } },
    tags: { team: 'data' }, project: 'lake', stack: 'lake',
  }],
  drift: [],
  outputs: [],
};
