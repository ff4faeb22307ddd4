/** The `sluice version` comment, from the job to the posted reply, with a recording code host and fake probes. */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { ServerConfig } from '../../../src/config/schema.ts';
import type { Job } from '../../../src/core/job.ts';
import type { PullRequest, PullRequestRef } from '../../../src/core/pull-request.ts';
import type { CodeHost } from '../../../src/ports/code-host.ts';
import { silentLogger } from '../../../src/ports/logger.ts';
import type { VersionProbe } from '../../../src/ports/version-probe.ts';
import { runJob } from '../../../src/services/run-job.ts';
import type { ServiceDeps } from '../../../src/services/service-deps.ts';
import { SLUICE_VERSION } from '../../../src/services/version.ts';
import { createPolicyBook } from '../../../src/policy/policy-book.ts';

/** A dependency with only `given` implemented: using anything else throws (the path under test must not need it). */
function only<T extends object>(name: string, given: Partial<T> = {}): T {
  return new Proxy(given as T, {
    get: (target, key) => {
      if (key in target) return target[key as keyof T];
      throw new Error(`${name}.${String(key)} is not used by sluice version`);
    },
  });
}

const PR: PullRequest = {
  repo: 'acme/data', number: 7, author: 'dana', headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), baseRef: 'main', defaultBranch: 'main',
  headRef: 'feature', cloneUrl: 'https://example.invalid/acme/data.git', draft: false, fromFork: false, state: 'closed', merged: true,
};

function recordingCodeHost(): { codeHost: CodeHost; comments: string[]; reactions: string[] } {
  const comments: string[] = [];
  const reactions: string[] = [];
  const codeHost = only<CodeHost>('codeHost', {
    getPullRequest: async (pr: PullRequestRef) => ({ ...PR, ...pr }),
    postComment: async (_pr, body) => comments.push(body),
    react: async (_pr, _id, reaction) => void reactions.push(reaction),
  });
  return { codeHost, comments, reactions };
}

describe('sluice version on a pull request', () => {
  it('replies with Sluice, Node and each target, even on a closed pull request; with each probe failure on its row', async () => {
    const versions: VersionProbe = {
      node: 'v24.9.9',
      duckdb: async () => 'v1.5.5',
      postgres: async () => { throw new Error('connect ECONNREFUSED 10.0.0.7:5432'); },
      terraform: async () => undefined,
    };
    const server = ServerConfig.parse({
      targets: { default: { type: 'duckdb' }, reporting: { type: 'postgres', url_env: 'REPORTING_URL' }, aws: { type: 'terraform' } },
    });
    const deps: ServiceDeps = {
      policies: createPolicyBook([]), store: only('store'), workspace: only('workspace'), engines: only('engines'), server, clock: only('clock'), log: silentLogger,
      versions, artifactRoot: '/nonexistent', hashConfig: () => 'unused', joinPath: (...s) => s.join('/'),
    };
    const host = recordingCodeHost();
    const job: Job = {
      id: 'j1', pr: { repo: PR.repo, number: PR.number }, actor: 'erin', deliveryId: 'd1', status: 'running', attempts: 1, createdAt: '2025-03-14T10:00:00.000Z',
      request: { type: 'command', command: command('version'), commentId: 99 },
    };

    await runJob(deps, { codeHost: host.codeHost, sticky: only('sticky') }, job, new AbortController().signal);

    expect(host.reactions).toEqual(['eyes']);
    expect(host.comments).toHaveLength(1);
    expect(host.comments[0]).toBe([
      `**Sluice** \`${SLUICE_VERSION}\` on Node \`v24.9.9\``,
      '',
      '| target | type | tool | version |',
      '| --- | --- | --- | --- |',
      '| `default` | duckdb | DuckDB | `v1.5.5` |',
      '| `reporting` | postgres | PostgreSQL | ⚠️ unreachable: connect ECONNREFUSED 10.0.0.7:5432 |',
      '| `aws` | terraform | terraform or tofu | ⚠️ no terraform or tofu binary found on PATH (the target plans a configuration diff) |',
    ].join('\n'));
  });
});
