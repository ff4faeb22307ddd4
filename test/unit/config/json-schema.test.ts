import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemas } from '../../../src/config/json-schema.ts';

const schemaDir = join(import.meta.dirname, '..', '..', '..', 'schema');

/** Validates with the JSON Schema itself (not the zod schema it came from). */
function validatorFor(file: string): (value: unknown) => boolean {
  const schema = jsonSchemas()[file];
  if (schema === undefined) throw new Error(`no schema ${file}`);
  const fromJson = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return (value) => fromJson.safeParse(value).success;
}

describe('jsonSchemas', () => {
  it('describes sluice.yaml: accepts a sample config and rejects a wrong kind or an unknown key', () => {
    const valid = validatorFor('sluice.schema.json');
    const sample = {
      version: 1,
      projects: [
        { name: 'analytics', kind: 'sql', dir: 'warehouse', autoplan: { when_modified: ['**/*.sql'] } },
        { name: 'infra', kind: 'cdktf', dir: 'infra', depends_on: ['analytics'], target: 'prod' },
      ],
    };
    expect(valid(sample)).toBe(true);
    expect(valid({ ...sample, projects: [{ name: 'a', kind: 'sq' }] })).toBe(false);
    expect(valid({ ...sample, colour: 'blue' })).toBe(false);
    expect(valid({ projects: [] })).toBe(false);
  });

  it('describes the server config: defaults are optional, targets are checked by type', () => {
    const valid = validatorFor('sluice-server.schema.json');
    expect(valid({})).toBe(true);
    expect(valid({ targets: { warehouse: { type: 'postgres', url_env: 'WAREHOUSE_URL' } }, default_targets: { sql: 'warehouse' } })).toBe(true);
    expect(valid({ targets: { warehouse: { type: 'pg' } } })).toBe(false);
    expect(valid({ concurrency: 0 })).toBe(false);
  });

  it('has titles and is up to date in schema/ (regenerate with `npm run schema`)', () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) {
      expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: expect.any(String), type: 'object' });
      expect(JSON.parse(readFileSync(join(schemaDir, file), 'utf8'))).toEqual(schema);
    }
  });
});
