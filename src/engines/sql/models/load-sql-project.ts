import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { failure } from '../../../core/outcome.ts';
import type { Result } from '../../../core/outcome.ts';
import { assembleSqlProject } from './assemble-sql-project.ts';
import { MODELS_DIR, SOURCES_FILE } from './sql-project.ts';
import type { SqlProject } from './sql-project.ts';

/**
 * Reads a SQL project from `dir`: every `.sql`/`.yaml`/`.yml` under `models/` and `sources.yaml` at the
 * root, then assembles and validates it (`assembleSqlProject`). A missing `models/` folder is an empty
 * project (a PR may add the first model, or remove the last). `lenient` as in `assembleSqlProject`.
 */
export async function loadSqlProject(dir: string, options: { lenient?: boolean } = {}): Promise<Result<SqlProject>> {
  const files = new Map<string, string>();
  try {
    const paths = await listFiles(join(dir, MODELS_DIR));
    const [texts, sources] = await Promise.all([Promise.all(paths.map((p) => readFile(p, 'utf8'))), readOptional(join(dir, SOURCES_FILE))]);
    paths.forEach((path, i) => files.set(relative(dir, path).split(sep).join('/'), texts[i] ?? ''));
    if (sources !== undefined) files.set(SOURCES_FILE, sources);
  } catch (error) {
    return failure('config_invalid', `reading SQL project ${dir}: ${(error as Error).message}`);
  }
  return assembleSqlProject(files, options);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile() && /\.(sql|ya?ml)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}
