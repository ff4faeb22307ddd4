import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { failure, type Result } from '../../core/outcome.ts';
import { parseYamlLocated } from '../../config/parse-yaml-located.ts';
import { validateLocated } from '../../config/validate-located.ts';
import { CdktfJson } from './schema.ts';

/** Reads and validates `<appDir>/cdktf.json`; problems are located in it (file relative to the app folder). */
export async function readCdktfJson(appDir: string): Promise<Result<CdktfJson>> {
  let text: string;
  try {
    text = await readFile(join(appDir, 'cdktf.json'), 'utf8');
  } catch {
    return failure('config_invalid', 'reading cdktf.json: the project folder has no cdktf.json', {
      location: { file: 'cdktf.json' },
      hint: 'A cdktf project is a folder with a cdktf.json whose "app" command synthesizes the stacks.',
    });
  }
  const located = parseYamlLocated(text, 'cdktf.json');
  if (!located.ok) return located;
  return validateLocated(CdktfJson, located.value, 'cdktf.json');
}
