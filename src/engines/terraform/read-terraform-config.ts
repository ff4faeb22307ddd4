import { parse } from '@cdktf/hcl2json';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failure, ok, type Result } from '../../core/outcome.ts';
import { isRecord } from './mask-values.ts';

/**
 * A root module's configuration as one Terraform JSON document: every `*.tf` converted with
 * `@cdktf/hcl2json` and every `*.tf.json` read, merged block by block (`resource.<type>.<name>`,
 * `module.<name>`…). A missing folder is an empty configuration (the module is new, or was removed).
 * `displayDir` prefixes file names in errors (the module's path in the repo).
 */
export async function readTerraformConfig(dir: string, options: { displayDir: string }): Promise<Result<Record<string, unknown>>> {
  if (!existsSync(dir)) return ok({});
  const files = readdirSync(dir).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json')).toSorted();
  let merged: Record<string, unknown> = {};
  for (const file of files) {
    const display = options.displayDir === '.' || options.displayDir === '' ? file : `${options.displayDir}/${file}`;
    const document = await convertFile(join(dir, file), display);
    if (!document.ok) return document;
    merged = mergeConfig(merged, document.value);
  }
  return ok(merged);
}

async function convertFile(path: string, display: string): Promise<Result<Record<string, unknown>>> {
  const text = readFileSync(path, 'utf8');
  try {
    const value: unknown = display.endsWith('.json') ? JSON.parse(text) : await parse(display, text);
    return isRecord(value) ? ok(value) : failure('config_invalid', `${display}: not a Terraform JSON object`, { location: { file: display } });
  } catch (error) {
    return parseFailure(display, error);
  }
}

function parseFailure(display: string, error: unknown): Result<never> {
  const message = error instanceof Error ? error.message : String(error);
  const at = /:(\d+),(\d+)-/.exec(message);
  const location = at === null ? { file: display } : { file: display, line: Number(at[1]), column: Number(at[2]) };
  return failure('config_invalid', `reading ${display}: ${message.replace(/^parse config: /, '')}`, { location });
}

/** Top-level blocks merged two levels deep (`resource` → type → name); later files win on duplicates. */
export function mergeConfig(a: Record<string, unknown>, b: Record<string, unknown>, depth = 3): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = merged[key];
    merged[key] = depth > 1 && isRecord(existing) && isRecord(value) ? mergeConfig(existing, value, depth - 1) : value;
  }
  return merged;
}
