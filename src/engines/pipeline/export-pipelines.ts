import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewVersion } from './pipeline-registry.ts';

/**
 * Writes each deployed pipeline's resolved spec to `<exportDir>/<project>/<pipeline>.json` for an
 * orchestrator to pick up (atomically: a temporary file renamed into place); removes un-deployed ones.
 */
export function exportPipelines(exportDir: string, versions: readonly (NewVersion & { version: number })[]): string[] {
  const steps: string[] = [];
  for (const v of versions) {
    const dir = join(exportDir, v.project);
    const file = join(dir, `${v.pipeline}.json`);
    if (!v.deployed) {
      rmSync(file, { force: true });
      steps.push(`removed ${file}`);
      continue;
    }
    mkdirSync(dir, { recursive: true });
    const document = {
      pipeline: v.pipeline, project: v.project, version: v.version, repo: v.repo, pr: v.pr, commit_sha: v.commitSha,
      applied_by: v.appliedBy ?? null, applied_at: v.appliedAt, file: v.file ?? null, spec: v.spec,
    };
    writeFileSync(`${file}.tmp`, `${JSON.stringify(document, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    steps.push(`wrote ${file}`);
  }
  return steps;
}
