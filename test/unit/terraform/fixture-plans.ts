import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The recorded `terraform show -json` outputs in test/fixtures/terraform-plans (see SOURCES.md there). */
export const FIXTURE_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'terraform-plans');

export const FIXTURE_NAMES: readonly string[] = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .toSorted();

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8'));
}
