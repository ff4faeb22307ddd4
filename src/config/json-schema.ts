import { z } from 'zod';
import { PipelineSpec } from './pipeline-schema.ts';
import { RepoConfig, ServerConfig } from './schema.ts';
import { SqlModelMeta, SqlSourcesFile } from './sql-model-schema.ts';

/**
 * JSON Schemas for editors and CI, generated from the zod schemas (what a user may write, so defaulted
 * keys are optional). Keyed by the file name under `schema/`.
 */
export function jsonSchemas(): Record<string, object> {
  return {
    'sluice.schema.json': describe(z.toJSONSchema(RepoConfig, { io: 'input' }), {
      title: 'Sluice repo config (sluice.yaml)',
      description: 'Projects of a repository: what Sluice plans, locks and applies. Apply settings are honoured only from the default branch, where the server allows.',
    }),
    'sluice-server.schema.json': describe(z.toJSONSchema(ServerConfig, { io: 'input' }), {
      title: 'Sluice server config (SLUICE_CONFIG)',
      description: 'Targets, requirements and permissions of a Sluice server. Secrets are never written here: targets name environment variables.',
    }),
    'sluice-sql-model.schema.json': describe(z.toJSONSchema(SqlModelMeta, { io: 'input' }), {
      title: 'Sluice SQL model metadata (models/**/<model>.yaml)',
      description: 'Kind, grain, owner, column tags and data tests of the SQL model in the .sql file of the same name.',
    }),
    'sluice-sql-sources.schema.json': describe(z.toJSONSchema(SqlSourcesFile, { io: 'input' }), {
      title: 'Sluice SQL sources (sources.yaml)',
      description: 'Raw inputs a SQL project reads: schema, table and an optional loaded_at column.',
    }),
    'sluice-pipeline.schema.json': describe(z.toJSONSchema(PipelineSpec, { io: 'input' }), {
      title: 'Sluice pipeline (pipelines/*.yaml)',
      description: 'One pipeline per file: schedule, the models it refreshes, source SLAs (freshness, volume), owner, alerts and runbook.',
    }),
  };
}

function describe(schema: object, meta: { title: string; description: string }): object {
  const { $schema, ...rest } = schema as { $schema?: string };
  return { $schema, ...meta, ...rest };
}
