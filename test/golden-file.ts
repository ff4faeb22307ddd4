import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = join(import.meta.dirname, 'golden');

/**
 * Compares `actual` with `test/golden/<name>.md` (ARCHITECTURE.md § Style 8).
 * With `UPDATE_GOLDEN=1` the file is written instead. A missing file fails the test.
 * Files end with one newline; `actual` is compared with that newline added when it has none.
 */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, `${name}.md`);
  const content = actual.endsWith('\n') ? actual : `${actual}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return;
  }
  if (!existsSync(file)) {
    expect.fail(`golden file test/golden/${name}.md is missing; run the test with UPDATE_GOLDEN=1 to create it, then review it`);
  }
  expect(content, `differs from test/golden/${name}.md (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
}
