import { z } from 'zod';
import { TerraformFacts as EngineTerraformFacts, TerraformResourceFact } from '../../engines/terraform/schema.ts';

/**
 * `PlanBody.facts` of a `terraform` or `cdktf` plan, as policies read them: the terraform engine's own
 * `TerraformFacts` (src/engines/terraform/schema.ts, reused, not redefined), with the lists defaulting to
 * empty so that a plan without resources evaluates to "nothing to check" instead of a missing key.
 */
export const TerraformPolicyFacts = EngineTerraformFacts.partial().extend({
  resources: z.array(TerraformResourceFact).default([]),
  drift: EngineTerraformFacts.shape.drift.default([]),
  outputs: EngineTerraformFacts.shape.outputs.default([]),
  checks: EngineTerraformFacts.shape.checks.unwrap().default([]),
  actions: EngineTerraformFacts.shape.actions.unwrap().default([]),
  blocks: EngineTerraformFacts.shape.blocks.unwrap().default([]),
}).loose().describe('Facts of a terraform or cdktf project plan (TerraformFacts of the terraform engine).');
export type TerraformPolicyFacts = z.infer<typeof TerraformPolicyFacts>;

export { TerraformResourceFact };

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
