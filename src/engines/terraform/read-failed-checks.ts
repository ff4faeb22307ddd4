import type { TerraformCheckFact, TerraformCheckResult } from './schema.ts';

/** The check statuses Terraform warns about; `pass` and `unknown` (not yet known at plan time) are not. */
const FAILED: Readonly<Record<string, TerraformCheckFact['status'] | undefined>> = { fail: 'fail', error: 'error' };

/**
 * The failed checks of a plan's `checks`, one per checked object (`check.health`, `aws_s3_bucket.raw["a"]`)
 * with its error messages. A result that failed before Terraform knew its instances is listed by its
 * configuration address.
 */
export function readFailedChecks(checks: readonly TerraformCheckResult[]): TerraformCheckFact[] {
  return checks.flatMap((check): TerraformCheckFact[] => {
    const kind = check.address.kind ?? 'check';
    const instances = (check.instances ?? []).flatMap((instance) => {
      const status = FAILED[instance.status];
      if (status === undefined) return [];
      return [{ address: instance.address.to_display, kind, status, problems: (instance.problems ?? []).map((p) => p.message) }];
    });
    const status = FAILED[check.status];
    if (instances.length > 0 || status === undefined) return instances;
    return [{ address: check.address.to_display, kind, status, problems: [] }];
  });
}
