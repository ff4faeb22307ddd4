/**
 * `api-calls-per-autoplan`: GitHub API requests Sluice makes to autoplan a PR touching N = 10 projects,
 * counted through nock, against the budget 3 + 2N. The installation token is exchanged once per hour per
 * installation (Probot caches it), so a warm-up event takes it first and it is not counted.
 * A push to the same PR must not post a new comment: the summary is edited in place.
 */
import { startHarness } from '../test/e2e/harness.ts';
import { writeResult } from './lib/result.ts';

const N = 10;
const files: Record<string, string> = { 'README.md': '# many projects\n' };
const config = ['version: 1', 'projects:'];
for (let i = 0; i < N; i++) {
  config.push(`  - name: p${i}`, '    kind: sql', `    dir: projects/p${i}`);
  files[`projects/p${i}/models/m.sql`] = `select ${i} as id\n`;
}
files['sluice.yaml'] = config.join('\n') + '\n';

const h = await startHarness({ files });
try {
  // Warm-up: a PR touching no project; it costs only the token exchange.
  const warmSha = await h.origin.commit('warm', { 'README.md': '# warm\n' });
  await h.openPull({ number: 1, author: 'dana', headSha: warmSha, headRef: 'warm' });
  await h.settle();
  h.github.resetCalls();

  const changes = Object.fromEntries(Array.from({ length: N }, (_, i) => [`projects/p${i}/models/m.sql`, `select ${i + 100} as id\n`]));
  const headSha = await h.origin.commit('wide', changes);
  const pr = await h.openPull({ number: 2, author: 'dana', headSha, headRef: 'wide' });
  await h.settle();
  const opened = h.github.apiCalls();
  const commentsAfterOpen = h.github.state.comments.size;
  h.github.resetCalls();

  await h.push(pr, Object.fromEntries(Array.from({ length: N }, (_, i) => [`projects/p${i}/models/m.sql`, `select ${i + 200} as id\n`])));
  await h.settle();
  const pushed = h.github.apiCalls();
  const newComments = h.github.state.comments.size - commentsAfterOpen;

  console.log(`opened: ${opened.length} calls: ${opened.map((c) => `${c.method} ${c.path}`).join(', ')}`);
  console.log(`synchronize: ${pushed.length} calls; new comments: ${newComments}`);
  if (newComments !== 0) throw new Error(`a push posted ${newComments} new comment(s); the summary must be edited in place`);
  if (h.github.state.unexpected.length > 0) throw new Error(`unexpected API calls: ${JSON.stringify(h.github.state.unexpected)}`);
  writeResult({
    name: 'api-calls-per-autoplan',
    value: Math.max(opened.length, pushed.length),
    unit: 'requests',
    baseline: { name: 'budget 3 + 2N (N = 10)', value: 3 + 2 * N },
    goal: 'ratio <= 1; no new comment per push',
  });
} finally {
  await h.stop();
}
