import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit } from 'simple-git';

/** A real bare git repository standing in for GitHub's copy of the repo, plus a clone to author commits. */
export type GitOrigin = {
  readonly bareDir: string;
  /** Commits `files` (path → content, `null` deletes) on `branch` (created from `from` when new) and pushes; returns the sha. */
  commit(branch: string, files: Record<string, string | null>, options?: { from?: string; message?: string }): Promise<string>;
  sha(ref: string): Promise<string>;
  cleanup(): void;
};

export async function createGitOrigin(initial: Record<string, string>): Promise<GitOrigin> {
  const root = mkdtempSync(join(tmpdir(), 'sluice-origin-'));
  const bareDir = join(root, 'origin.git');
  const workDir = join(root, 'author');
  await simpleGit().init(['--bare', '--initial-branch=main', bareDir]);
  await simpleGit().clone(bareDir, workDir);
  const git = simpleGit(workDir);
  await git.addConfig('user.email', 'dana@acme.test').addConfig('user.name', 'Dana');
  await git.checkout(['-B', 'main']);
  const write = (files: Record<string, string | null>) => {
    for (const [path, content] of Object.entries(files)) {
      const full = join(workDir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
  };
  write(initial);
  await git.add(['-A']).commit('initial');
  await git.push('origin', 'main');
  return {
    bareDir,
    async commit(branch, files, options = {}) {
      await git.fetch('origin');
      const branches = await git.branch(['-a']);
      if (branches.all.includes(`remotes/origin/${branch}`)) await git.checkout(['-B', branch, `origin/${branch}`]);
      else await git.checkout(['-B', branch, `origin/${options.from ?? 'main'}`]);
      write(files);
      await git.add(['-A']).commit(options.message ?? `change ${Object.keys(files).join(', ')}`);
      await git.push('origin', branch, ['--force']);
      return (await git.revparse(['HEAD'])).trim();
    },
    async sha(ref) {
      return (await simpleGit(bareDir).revparse([ref])).trim();
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
