import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../config/json-schema.ts';

/** Writes the JSON Schemas generated from the zod config schemas into `dir`; returns the paths. */
export function writeSchemas(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(jsonSchemas()).map(([file, schema]) => {
    const path = join(dir, file);
    writeFileSync(path, JSON.stringify(schema, null, 2) + '\n');
    return path;
  });
}
