import { z } from 'zod';
import { RepoPath } from '../repo-path.ts';

/** A duration such as `90s`, `30m`, `6h`, `1d`, or combined: `1h30m`. */
export const Duration = z
  .string()
  .regex(/^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/, 'must be a duration such as 30m, 6h, 1d or 1h30m')
  .refine((s) => s !== '' && /[1-9]/.test(s), 'must be a duration such as 30m, 6h, 1d or 1h30m (and not zero)');

/** A dotted relation name: `raw.orders`, `marts.orders`. */
const Relation = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/, 'must be a dotted name such as raw.orders');

/** A pipeline name: lower-case letters, digits and `-`/`_`. */
const PipelineName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'must be lower-case letters, digits, "-" or "_"');

export const PipelineFreshness = z.strictObject({
  /** Timestamp column of the source that says when each row was loaded. */
  loaded_at: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a column name'),
  warn_after: Duration.optional(),
  error_after: Duration,
});

export const PipelineVolume = z.strictObject({
  /** The latest load (or the table, without `freshness`) has at least this many rows. */
  min_rows: z.number().int().min(0).optional(),
  /** The latest load differs from the previous load by at most this percentage, e.g. `50%`. */
  max_change: z.string().regex(/^\d+(\.\d+)?%$/, 'must be a percentage such as 50%').optional(),
});

export const PipelineSource = z.strictObject({
  /** A table in the target warehouse, or a model of the repo: `raw.orders`. */
  name: Relation,
  freshness: PipelineFreshness.optional(),
  volume: PipelineVolume.optional(),
});

export const PipelineAlert = z.strictObject({
  /** Where alerts go: `slack:#data-alerts`, `email:data@acme.test`, `pagerduty:orders`. */
  route: z.string().regex(/^(slack|email|pagerduty|webhook):\S+$/, 'must be slack:…, email:…, pagerduty:… or webhook:…'),
  on: z.array(z.enum(['failure', 'sla_warn', 'sla_breach', 'success'])).min(1).default(['failure', 'sla_breach']),
});

/** One pipeline, one file under `pipelines/` (`pipelines/<name>.yaml`). */
export const PipelineSpec = z.strictObject({
  name: PipelineName,
  /** The team that owns the pipeline: `@acme/data-eng`. */
  owner: z.string().regex(/^@[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be a team such as @acme/data-eng'),
  description: z.string().optional(),
  schedule: z.strictObject({
    /** Five-field cron expression: `0 6 * * *`. */
    cron: z.string().min(1),
    /** IANA time zone: `Europe/Berlin`. */
    timezone: z.string().default('UTC'),
  }),
  /** Models of the repo's SQL projects this pipeline refreshes: `marts.orders`. */
  refreshes: z.array(Relation).default([]),
  sources: z.array(PipelineSource).default([]),
  /** Other pipelines that must run before this one. */
  depends_on: z.array(PipelineName).default([]),
  retries: z.number().int().min(0).max(10).default(0),
  timeout: Duration.default('1h'),
  alerts: z.array(PipelineAlert).default([]),
  /** A Markdown file in the repo, relative to the repo root. */
  runbook: RepoPath.optional(),
});
export type PipelineSpec = z.infer<typeof PipelineSpec>;
export type PipelineSource = z.infer<typeof PipelineSource>;
