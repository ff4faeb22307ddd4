import { parse } from '@cdktf/hcl2json';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failure, ok, type Result, type SourceLocation } from '../../core/outcome.ts';
import { configBlocks } from './config-blocks.ts';
import { locateConfigBlocks } from './locate-config-blocks.ts';
import { isRecord } from './mask-values.ts';

/** A root module's configuration as one Terraform JSON document, and where each block is declared. */
export type TerraformConfig = {
  readonly document: Record<string, unknown>;
  /** By block address (`aws_s3_bucket.raw`, `provider.aws.west`…): the file, and the line in `*.tf` files. */
  readonly locations: ReadonlyMap<string, SourceLocation>;
};

/**
 * A root module's configuration as one Terraform JSON document: every `*.tf` converted with
 * `@cdktf/hcl2json` and every `*.tf.json` read, merged block by block (`resource.<type>.<name>`,
 * `module.<name>`…). A missing folder is an empty configuration (the module is new, or was removed).
 * `displayDir` prefixes file names in errors and locations (the module's path in the repo).
 */
export async function readTerraformConfig(dir: string, options: { displayDir: string }): Promise<Result<TerraformConfig>> {
  if (!existsSync(dir)) return ok({ document: {}, locations: new Map() });
  const files = readdirSync(dir).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json')).toSorted();
  let merged: Record<string, unknown> = {};
  const locations = new Map<string, SourceLocation>();
  for (const file of files) {
    const display = options.displayDir === '.' || options.displayDir === '' ? file : `${options.displayDir}/${file}`;
    const text = readFileSync(join(dir, file), 'utf8');
    const document = await convertFile(text, display);
    if (!document.ok) return document;
    merged = mergeConfig(merged, document.value);
    for (const address of configBlocks(document.value).keys()) locations.set(address, { file: display });
    if (!display.endsWith('.json')) for (const [address, line] of locateConfigBlocks(text)) locations.set(address, { file: display, line });
  }
  return ok({ document: merged, locations });
}

async function convertFile(text: string, display: string): Promise<Result<Record<string, unknown>>> {
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

/**
 * Top-level blocks merged two levels deep (`resource` → type → name); later files win on duplicates. Lists of
 * blocks Terraform allows more than once (hcl2json's `locals`, `terraform`, `provider "aws"` with aliases) are
 * joined.
 */
export function mergeConfig(a: Record<string, unknown>, b: Record<string, unknown>, depth = 3): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = merged[key];
    if (depth > 1 && isRecord(existing) && isRecord(value)) merged[key] = mergeConfig(existing, value, depth - 1);
    else if (depth > 1 && Array.isArray(existing) && Array.isArray(value)) merged[key] = [...existing, ...value];
    else merged[key] = value;
  }
  return merged;
}
