import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failure, ok } from '../../core/outcome.ts';
import type { PlanFile } from '../../ports/plan-file.ts';

export const LOCAL_PLAN_FILE = 'plan.json';

/** `<dataDir>/plan.json`, pretty-printed. */
export function localPlanFile(dataDir: string): PlanFile {
  const path = join(dataDir, LOCAL_PLAN_FILE);
  return {
    path,
    read() {
      if (!existsSync(path)) return undefined;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        return failure('io_failed', `reading ${path}: ${(error as Error).message}`);
      }
      try {
        return ok(JSON.parse(text));
      } catch {
        return failure('io_failed', `${path} is not valid JSON`);
      }
    },
    write(value) {
      writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
