import { z } from 'zod';
import { RepoConfig, ServerConfig } from './schema.ts';

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
  };
}

function describe(schema: object, meta: { title: string; description: string }): object {
  const { $schema, ...rest } = schema as { $schema?: string };
  return { $schema, ...meta, ...rest };
}
