import { failure, type Failure } from '../../core/outcome.ts';
import type { PlanBody, PlanChange, TestOutcome } from '../../core/plan.ts';
import type { DeployArtifact } from '../../core/plans/pipeline-plan.ts';
import type { EngineContext } from '../../ports/project-engine.ts';
import type { Warehouse } from '../../ports/warehouse.ts';
import { toPlanChanges, summarize } from './describe-pipeline-changes.ts';
import { evaluateSource } from './evaluate-slas.ts';
import { errorsOf, warningAnnotations } from './finding.ts';
import { listRepoModels } from './list-repo-models.ts';
import { loadPipelines, type LoadedPipeline } from './load-pipelines.ts';
import { changedSlas, comparePipelines, type PipelineChange } from './pipeline-changes.ts';
import { pipelineFacts } from './collect-pipeline-facts.ts';
import { readRegistry } from './pipeline-registry.ts';
import { describeSources, invalidPipelines, validatePipelines } from './validate-pipelines.ts';

/** Validates the head's pipelines, diffs them with the target's registry and dry-runs changed SLAs. */
export async function planPipelines(ctx: EngineContext, deps: { warehouse: Warehouse; now: Date }): Promise<PlanBody<'pipeline'> | Failure> {
  const { warehouse, now } = deps;
  ctx.progress('validating pipelines');
  const loaded = loadPipelines({ checkoutDir: ctx.headDir, projectDir: ctx.project.dir });
  const tables = await describeSources(warehouse, loaded.pipelines);
  const findings = validatePipelines(loaded.pipelines, { checkoutDir: ctx.headDir, models: listRepoModels(ctx.headDir), tables, now, invalidNames: loaded.invalidNames });
  const errors = [...loaded.problems, ...errorsOf(findings)];
  if (errors.length > 0) return invalidPipelines(errors);
  if (ctx.signal.aborted) return failure('cancelled', 'cancelled before reading the registry');
  const registry = await readRegistry(warehouse, { project: ctx.project.name });
  const changes = comparePipelines(loaded.pipelines, registry);
  ctx.progress('dry-running SLAs');
  const tests = await dryRunSlas(warehouse, { changes, head: loaded.pipelines, now });
  const artifacts: DeployArtifact[] = changes.map((c) => ({
    pipeline: c.name, action: c.action, ...(c.file === undefined ? {} : { file: c.file }), ...(c.after === undefined ? {} : { spec: c.after }), expectedVersion: c.expectedVersion,
  }));
  return {
    kind: 'pipeline',
    summary: summarize(changes),
    changes: withDryRunLines(toPlanChanges(changes, now), tests),
    tests,
    facts: pipelineFacts({ head: loaded.pipelines, changes, tests, now }),
    report: {},
    artifacts: { deploy: artifacts },
    annotations: warningAnnotations(findings),
  };
}

const MARK: Readonly<Record<TestOutcome['status'], string>> = { passed: 'ok', failed: 'BREACH', errored: 'ERROR', skipped: 'skipped' };

/** The dry-run's sentences under each pipeline's diff (passing tests show no message in the tests list). */
function withDryRunLines(changes: readonly PlanChange[], tests: readonly TestOutcome[]): PlanChange[] {
  return changes.map((c) => {
    const name = c.address.replace(/^pipeline /, '');
    const lines = tests.filter((t) => t.name.startsWith(`${name}: `)).map((t) => `  SLA dry-run ${MARK[t.status]}: ${t.message ?? t.name}`);
    return lines.length === 0 ? c : { ...c, detail: [...(c.detail ?? []), ...lines] };
  });
}

/** Each new or changed freshness and volume rule, evaluated against the target's current data. */
async function dryRunSlas(warehouse: Warehouse, input: { changes: readonly PipelineChange[]; head: readonly LoadedPipeline[]; now: Date }): Promise<TestOutcome[]> {
  const tests: TestOutcome[] = [];
  for (const change of input.changes) {
    const loaded = input.head.find((p) => p.spec.name === change.name);
    for (const { source, index, rules } of changedSlas(change)) {
      const results = await evaluateSource(warehouse, { source, rules, now: input.now, quoteIdent: warehouse.quoteIdent });
      for (const r of results) {
        const location = loaded?.locate(['sources', index, r.rule]);
        tests.push({
          name: `${change.name}: ${r.source} ${r.rule}`,
          status: r.status === 'breach' ? 'failed' : r.status === 'error' ? 'errored' : 'passed',
          message: r.message,
          ...(location === undefined ? {} : { location }),
        });
      }
    }
  }
  return tests;
}
