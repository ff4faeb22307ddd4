import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ValuePath } from '../../config/parse-yaml-located.ts';
import { formatPath } from '../../config/validate-located.ts';
import { parseDuration } from './duration.ts';
import type { Finding } from './finding.ts';
import type { LoadedPipeline } from './load-pipelines.ts';
import { modelFileFor } from './list-repo-models.ts';
import { scheduleProblem } from './schedule.ts';

/** What the checks know about the world: the repo's models and files, the target's tables. */
export type CheckContext = {
  readonly checkoutDir: string;
  readonly models: ReadonlySet<string>;
  /** Columns of each source table that exists in the target warehouse (lower-case dotted names). */
  readonly tables: ReadonlyMap<string, readonly string[]>;
};

/** Checks of one pipeline on its own: schedule, models, sources, runbook. */
export function checkPipelineFile(pipeline: LoadedPipeline, ctx: CheckContext): Finding[] {
  const error = (path: ValuePath, message: string): Finding => ({ level: 'error', message: `${formatPath(path)}: ${message}`, location: pipeline.locate(path) });
  const { spec } = pipeline;
  const findings: Finding[] = [];
  const schedule = scheduleProblem(spec.schedule);
  if (schedule !== undefined) findings.push(error(['schedule', schedule.field], schedule.message));
  spec.refreshes.forEach((model, i) => {
    if (!ctx.models.has(model)) findings.push(error(['refreshes', i], `unknown model "${model}": no ${modelFileFor(model)} in the repo's SQL projects`));
  });
  spec.sources.forEach((source, i) => findings.push(...checkSource(pipeline, i, ctx, error)));
  if (spec.runbook !== undefined && !existsSync(join(ctx.checkoutDir, spec.runbook))) {
    findings.push(error(['runbook'], `runbook file "${spec.runbook}" does not exist in the repo`));
  }
  return findings;
}

function checkSource(pipeline: LoadedPipeline, i: number, ctx: CheckContext, error: (path: ValuePath, message: string) => Finding): Finding[] {
  const source = pipeline.spec.sources[i];
  if (source === undefined) return [];
  const columns = ctx.tables.get(source.name.toLowerCase());
  if (columns === undefined && !ctx.models.has(source.name)) {
    return [error(['sources', i, 'name'], `unknown source "${source.name}": not a table in the target warehouse nor a model of the repo`)];
  }
  const findings: Finding[] = [];
  const loadedAt = source.freshness?.loaded_at;
  if (loadedAt !== undefined && columns !== undefined && !columns.includes(loadedAt.toLowerCase())) {
    findings.push(error(['sources', i, 'freshness', 'loaded_at'], `no column "${loadedAt}" in ${source.name} (columns: ${columns.join(', ')})`));
  }
  if (source.volume?.max_change !== undefined && source.freshness === undefined) {
    findings.push(error(['sources', i, 'volume', 'max_change'], 'needs freshness.loaded_at to tell one load from the previous'));
  }
  const { warn_after: warn, error_after: limit } = source.freshness ?? {};
  if (warn !== undefined && limit !== undefined && parseDuration(warn) > parseDuration(limit)) {
    findings.push(error(['sources', i, 'freshness', 'warn_after'], `warn_after (${warn}) is longer than error_after (${limit})`));
  }
  return findings;
}
