import { describe, expect, it } from 'vitest';
import { createRedactingCodeHost } from '../../../src/adapters/github/redacting-code-host.ts';
import { failure } from '../../../src/core/outcome.ts';
import type { PullRequest } from '../../../src/core/pull-request.ts';
import { createSecretRedactor } from '../../../src/render/create-secret-redactor.ts';
import { REDACTED } from '../../../src/render/redact-secrets.ts';
import { renderCheckRun } from '../../../src/render/render-check-run.ts';
import * as replies from '../../../src/render/render-replies.ts';
import { renderSummaryComment, SUMMARY_MARKER } from '../../../src/render/render-summary-comment.ts';
import { createRecordingCodeHost } from '../../fakes/recording-code-host.ts';
import { expectGolden } from '../../golden-file.ts';
import { makePlan, NOW, project, summary } from '../render/views.ts';

const REPO = 'acme/data';
const PR = { repo: REPO, number: 42 };
const SHA = 'a'.repeat(40);
const WAREHOUSE_PASSWORD = 'c0rrect-h0rse-battery';
const INSTALLATION_TOKEN = `ghs_${'T0k3n'.repeat(8)}`;
const pullRequest: PullRequest = {
  ...PR, author: 'erin', headSha: SHA, baseSha: 'b'.repeat(40), baseRef: 'main', defaultBranch: 'main', headRef: 'feature',
  cloneUrl: 'https://github.com/acme/data.git', draft: false, fromFork: false, state: 'open', merged: false,
};

/** Text carrying the server's secret, plainly and base64-encoded (as in a Basic auth header), and a known pattern. */
const leaky = (where: string) => `${where}: ${WAREHOUSE_PASSWORD} / Basic ${Buffer.from(`sluice:${WAREHOUSE_PASSWORD}`).toString('base64')} / ${INSTALLATION_TOKEN}`;
// The base64 edges mix in the neighbouring bytes (`sluice:`, padding) and stay.
const redactedLeaky = (where: string) => `${where}: ${REDACTED} / Basic c2x1aWNlOm${REDACTED}Q== / ${REDACTED}`;

function setup() {
  const inner = createRecordingCodeHost(pullRequest);
  const session = createSecretRedactor([WAREHOUSE_PASSWORD]).withSecrets([INSTALLATION_TOKEN]);
  return { inner, host: createRedactingCodeHost(inner, session.redact) };
}

const annotation = (n: number) => ({ location: { file: `models/m${n}.sql`, line: n }, level: 'failure' as const, title: leaky('title'), message: leaky('message') });
const action = { label: leaky('label'), description: leaky('description'), identifier: 'apply' };

describe('createRedactingCodeHost', () => {
  it('redacts every sticky-comment part, keeping the marker and the known ids', async () => {
    const { inner, host } = setup();
    await host.upsertStickyComment(PR, { marker: SUMMARY_MARKER, parts: [`${SUMMARY_MARKER}\n${leaky('one')}`, leaky('two')], knownIds: [7, 8], author: 'sluice[bot]' });
    expect(inner.calls).toEqual([{
      method: 'upsertStickyComment', pr: PR, marker: SUMMARY_MARKER, knownIds: [7, 8],
      parts: [`${SUMMARY_MARKER}\n${redactedLeaky('one')}`, redactedLeaky('two')],
    }]);
  });

  it('redacts a new comment', async () => {
    const { inner, host } = setup();
    await host.postComment(PR, leaky('reply'));
    expect(inner.calls).toEqual([{ method: 'postComment', pr: PR, body: redactedLeaky('reply') }]);
  });

  it("redacts a new check run's title, summary, text, annotations and actions, keeping its identifiers", async () => {
    const { inner, host } = setup();
    await host.createCheckRun(REPO, {
      name: 'sluice/analytics', headSha: SHA, externalId: 'plan-1', status: 'completed', conclusion: 'failure',
      title: leaky('title'), summary: leaky('summary'), text: leaky('text'), annotations: [annotation(1), annotation(2)], actions: [action],
    });
    expect(inner.calls).toEqual([{
      method: 'createCheckRun', repo: REPO, run: {
        name: 'sluice/analytics', headSha: SHA, externalId: 'plan-1', status: 'completed', conclusion: 'failure',
        title: redactedLeaky('title'), summary: redactedLeaky('summary'), text: redactedLeaky('text'),
        annotations: [1, 2].map((n) => ({ location: { file: `models/m${n}.sql`, line: n }, level: 'failure', title: redactedLeaky('title'), message: redactedLeaky('message') })),
        actions: [{ label: redactedLeaky('label'), description: redactedLeaky('description'), identifier: 'apply' }],
      },
    }]);
  });

  it('redacts a check-run update, such as a progress title, and adds no fields it did not have', async () => {
    const { inner, host } = setup();
    await host.updateCheckRun(REPO, 5, { status: 'in_progress', title: leaky('progress'), summary: leaky('progress') });
    await host.updateCheckRun(REPO, 5, { status: 'completed', annotations: [annotation(3)] });
    expect(inner.calls).toEqual([
      { method: 'updateCheckRun', repo: REPO, checkRunId: 5, update: { status: 'in_progress', title: redactedLeaky('progress'), summary: redactedLeaky('progress') } },
      { method: 'updateCheckRun', repo: REPO, checkRunId: 5, update: {
        status: 'completed', annotations: [{ location: { file: 'models/m3.sql', line: 3 }, level: 'failure', title: redactedLeaky('title'), message: redactedLeaky('message') }],
      } },
    ]);
  });

  it("redacts a commit status's description and link, keeping its context", async () => {
    const { inner, host } = setup();
    await host.setCommitStatus(REPO, SHA, { context: 'sluice/apply', state: 'failure', description: leaky('status'), targetUrl: `https://sluice.example/runs?token=${INSTALLATION_TOKEN}` });
    await host.setCommitStatus(REPO, SHA, { context: 'sluice/apply', state: 'success', description: 'all applied' });
    expect(inner.calls).toEqual([
      { method: 'setCommitStatus', repo: REPO, sha: SHA, status: { context: 'sluice/apply', state: 'failure', description: redactedLeaky('status'), targetUrl: `https://sluice.example/runs?token=${REDACTED}` } },
      { method: 'setCommitStatus', repo: REPO, sha: SHA, status: { context: 'sluice/apply', state: 'success', description: 'all applied' } },
    ]);
  });

  it('passes reads, reactions and merges through unchanged', async () => {
    const { inner, host } = setup();
    inner.checkRuns = [{ id: 1, name: 'sluice/analytics', status: 'completed', externalId: 'plan-1' }];
    inner.reviews = [{ user: 'dana', state: 'APPROVED', commitId: SHA }];
    inner.teamMembers.add('acme/platform:dana');
    inner.mergeability = { state: 'blocked', mergeableIgnoringSluice: true };
    expect(await host.getPullRequest(PR)).toBe(pullRequest);
    expect(await host.listCheckRuns(REPO, SHA)).toBe(inner.checkRuns);
    expect(await host.listReviews(PR)).toBe(inner.reviews);
    expect(await host.isTeamMember({ org: 'acme', team: 'platform', user: 'dana' })).toBe(true);
    expect(await host.isTeamMember({ org: 'acme', team: 'platform', user: 'erin' })).toBe(false);
    expect(await host.getMergeability(PR, { headSha: SHA, ownContexts: [] })).toBe(inner.mergeability);
    await host.react(PR, 9, 'eyes');
    await host.merge(PR, { sha: SHA, method: 'squash' });
    expect(inner.calls).toEqual([
      { method: 'react', pr: PR, commentId: 9, reaction: 'eyes' },
      { method: 'merge', pr: PR, options: { sha: SHA, method: 'squash' } },
    ]);
  });

  it('redacts a token that slipped into a rendered change detail, once, at the boundary', async () => {
    const token = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
    const plan = makePlan({
      project: 'lake', kind: 'cdktf', target: 'aws-prod',
      summary: { headline: 'Plan: 0 to add, 1 to change, 0 to destroy.', add: 0, change: 1, destroy: 0 },
      changes: [{ action: 'update', address: 'github_actions_secret.deploy', detail: [`~ plaintext_value = "${token}"`] }],
    });
    const view = summary([project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan })]);
    const rendered = renderSummaryComment(view);
    expect(rendered).toContain(token);
    const { inner, host } = setup();
    await host.upsertStickyComment(PR, { marker: SUMMARY_MARKER, parts: [rendered], knownIds: [] });
    await host.createCheckRun(REPO, { name: 'sluice/lake', headSha: SHA, externalId: 'plan-lake', status: 'completed', ...renderCheckRun({ project: view.projects[0]!, commandName: 'sluice', now: NOW }, 'plan') });
    const [comment, checkRun] = inner.calls;
    expect(comment?.method === 'upsertStickyComment' && comment.parts[0]).toContain('~ plaintext_value = "[redacted]"');
    expectGolden('summary-redacted', comment?.method === 'upsertStickyComment' ? comment.parts[0]! : '');
    expect(JSON.stringify(checkRun)).not.toContain(token);
  });

  it('redacts the server secrets in a failure reply and a failed check-run title', async () => {
    const { inner, host } = setup();
    const failed = failure('engine_failed', `planning analytics: connecting to postgres://sluice:${WAREHOUSE_PASSWORD}@db:5432/wh: timeout`);
    await host.postComment(PR, replies.renderCommandFailure(failed));
    const check = renderCheckRun({ project: project('analytics', 'sql', 'warehouse', { status: 'failed', failure: failed }), commandName: 'sluice', now: NOW }, 'plan');
    await host.updateCheckRun(REPO, 3, { status: 'completed', ...check });
    const sent = JSON.stringify(inner.calls);
    expect(sent).not.toContain(WAREHOUSE_PASSWORD);
    expect(sent).toContain(`postgres://sluice:${REDACTED}@db:5432/wh`);
  });
});
