import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectKind } from '../../../src/core/project.ts';
import { parseTerraformPlan } from '../../../src/engines/terraform/parse-plan-json.ts';
import { toPlanBody } from '../../../src/engines/terraform/to-plan-body.ts';
import type { PolicySubject } from '../../../src/policy/evaluate-policies.ts';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'policy');

/**
 * A project whose facts come from `test/fixtures/policy/<name>.json`. `tf-plan-*` files are `terraform show
 * -json` outputs run through the real terraform engine (parse + toPlanBody); the others are facts as the sql
 * and pipeline engines produce them.
 */
export function subjectFromFixture(name: string, kind: ProjectKind, project = name): PolicySubject {
  const json: unknown = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  if (!name.startsWith('tf-plan-')) return { name: project, kind, target: 'prod', facts: json };
  const plan = parseTerraformPlan(json);
  if (!plan.ok) throw new Error(plan.message);
  return { name: project, kind, target: 'prod', facts: toPlanBody(plan.value, { project }).facts };
}
