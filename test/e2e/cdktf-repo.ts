/** The infra repo of the cdktf end-to-end tests: the real `lake` CDKTF app of test/fixtures/cdktf at a PR's base and head. */
import { readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import { createGitOrigin, type GitOrigin } from './git-origin.ts';

export const LAKE_DIR = 'infra/lake';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/cdktf');
/** The repo's installed packages (cdktf, @cdktf/provider-aws); no network, so nothing can be installed in the checkout. */
export const INSTALLED_PACKAGES = resolve(import.meta.dirname, '../../node_modules');

/** `main.ts` of the lake app at the PR's head (tag added, versioning enabled, archive rule added). */
export function lakeHeadMain(): string {
  return readFileSync(join(FIXTURES, 'repo-head', LAKE_DIR, 'main.ts'), 'utf8');
}

function baseFiles(): Record<string, string> {
  const app = join(FIXTURES, 'repo-base', LAKE_DIR);
  return {
    'sluice.yaml': ['version: 1', 'projects:', '  - name: lake', '    kind: cdktf', `    dir: ${LAKE_DIR}`, '    target: lake', ''].join('\n'),
    [`${LAKE_DIR}/cdktf.json`]: readFileSync(join(app, 'cdktf.json'), 'utf8'),
    [`${LAKE_DIR}/main.ts`]: readFileSync(join(app, 'main.ts'), 'utf8'),
    [`${LAKE_DIR}/package.json`]: `${JSON.stringify({ name: 'lake', private: true, type: 'module' })}\n`,
    'README.md': '# acme infra\n',
  };
}

/**
 * A bare origin whose `main` holds the base app and, committed as a symlink, the app's `node_modules`
 * pointing at this repo's installed packages: what `npm ci` in a CI checkout would provide. Checkouts live
 * under the data dir, outside this repo, and Node's ESM resolution ignores NODE_PATH, so a committed
 * symlink is how the app's `import 'cdktf'` resolves there (hashed by its target, like any symlink).
 */
export async function createCdktfOrigin(): Promise<GitOrigin> {
  const origin = await createGitOrigin(baseFiles());
  await linkInstalledPackages(origin, LAKE_DIR);
  return origin;
}

/** Commits, on `main`, `<appDir>/node_modules` as a symlink to this repo's installed packages (see above). */
export async function linkInstalledPackages(origin: GitOrigin, appDir: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-origin-link-'));
  try {
    await simpleGit().clone(origin.bareDir, dir);
    const git = simpleGit(dir);
    await git.addConfig('user.email', 'dana@acme.test').addConfig('user.name', 'Dana');
    symlinkSync(INSTALLED_PACKAGES, join(dir, appDir, 'node_modules'));
    await git.add([`${appDir}/node_modules`]).commit('link the installed packages');
    await git.push('origin', 'main');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
