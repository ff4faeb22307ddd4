/** `npm run schema`: writes the JSON Schemas generated from the zod config schemas to `schema/`. */
import { join } from 'node:path';
import { writeSchemas } from '../src/cli/write-schemas.ts';

for (const file of writeSchemas(join(import.meta.dirname, '..', 'schema'))) console.log(`wrote ${file}`);
