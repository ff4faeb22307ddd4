import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitWorkspace } from '../../../src/adapters/git/git-workspace.ts';
import type { PullRequest } from '../../../src/core/pull-request.ts';
import { createGitOrigin, type GitOrigin } from '../../e2e/git-origin.ts';

const frozen = 'version: 1\nrules:\n  - id: frozen\n    description: d\n    when: "true"\n    effect: deny\n    message: frozen\n';

describe('policy files on the default branch (real git)', () => {
  let origin: GitOrigin;
  let root: string;
  afterEach(() => {
    origin.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists and reads the default branch version, never the PR head', async () => {
    origin = await createGitOrigin({ '.sluice/policies/frozen.yaml': frozen, '.sluice/policies/README.md': 'docs\n', 'README.md': 'x\n' });
    root = mkdtempSync(join(tmpdir(), 'sluice-policy-git-'));
    const headSha = await origin.commit('weaken', {
      '.sluice/policies/frozen.yaml': frozen.replace('"true"', '"false"'),
      '.sluice/policies/extra.yaml': 'version: 1\n',
    });
    const pr: PullRequest = {
      repo: 'acme/analytics', number: 9, author: 'dana', headSha, baseSha: await origin.sha('main'), baseRef: 'main', defaultBranch: 'main',
      headRef: 'weaken', cloneUrl: origin.bareDir, draft: false, fromFork: false, state: 'open', merged: false,
    };
    const checkout = await createGitWorkspace({ rootDir: root }).checkout(pr, { defaultBranch: 'main' });
    expect(await checkout.listDefaultBranchFiles('.sluice/policies')).toEqual(['.sluice/policies/README.md', '.sluice/policies/frozen.yaml']);
    expect(await checkout.readFromDefaultBranch('.sluice/policies/frozen.yaml')).toBe(frozen);
    expect(await checkout.listDefaultBranchFiles('nope')).toEqual([]);
    expect(checkout.changedFiles).toEqual(['.sluice/policies/extra.yaml', '.sluice/policies/frozen.yaml']);
  });
});
