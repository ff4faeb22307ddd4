import type { PlanChange } from '../../core/plan.ts';
import { sensitiveRoot } from './comparable-sides.ts';
import { listAttributes } from './diff-attributes.ts';
import { maskValue } from './mask-values.ts';
import type { TerraformActionFact, TerraformActionInvocation } from './schema.ts';

/**
 * The actions a plan invokes on its own (`terraform plan -invoke`, Terraform 1.14+), one change each, worded as
 * Terraform does: `action.aws_lambda_invoke.notify will be invoked`, with its config (secrets masked). Actions a
 * resource's lifecycle triggers are listed with that resource instead (`describe-resource-change.ts`).
 */
export function actionChanges(invocations: readonly TerraformActionInvocation[]): PlanChange[] {
  return invocations.filter((a) => a.lifecycle_action_trigger === undefined).map((a) => {
    const caller = a.invoke_action_trigger?.calling_resource_address;
    const config = maskValue(a.config_values, false, a.config_unknown);
    return {
      action: 'update',
      address: a.address,
      risk: 'none',
      wording: caller === undefined || caller === '' ? { verb: 'will be invoked' } : { verb: 'will be invoked, called from', object: caller },
      detail: listAttributes(config, { secretRoot: (path) => sensitiveRoot([a.config_sensitive], path) }),
    };
  });
}

export function toActionFact(a: TerraformActionInvocation): TerraformActionFact {
  const trigger = a.lifecycle_action_trigger;
  return {
    address: a.address, type: a.type, provider: a.provider_name,
    ...(trigger === undefined ? {} : { triggeredBy: { address: trigger.triggering_resource_address, event: trigger.action_trigger_event } }),
    config: maskValue(a.config_values, a.config_sensitive, a.config_unknown),
  };
}
