/**
 * `webhook-ack-p99`: acknowledgement latency p99 of 200 concurrent signed deliveries against the running
 * app (signature check, payload parse, delivery + job recorded durably in SQLite, worker woken), with a
 * bare node:http server answering the same requests in the same run as the baseline. The load comes from
 * a separate process (bench/lib/load-client.ts) so it does not share the server's event loop.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sign, startHarness } from '../test/e2e/harness.ts';
import { issueCommentPayload } from '../test/e2e/webhook-payloads.ts';
import { quantile, round, writeResult } from './lib/result.ts';

const CONCURRENCY = 200;
const ROUNDS = 5;

type Delivery = { headers: Record<string, string>; body: string };

async function load(url: string, rounds: Delivery[][]): Promise<number[][]> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'lib', 'load-client.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ url, rounds }));
  let out = '';
  for await (const chunk of child.stdout) out += chunk;
  return JSON.parse(out) as number[][];
}

const h = await startHarness({ files: { 'README.md': '# ack\n', 'sluice.yaml': 'version: 1\nprojects: []\n' } });
let comment = 1;
const delivery = (): Delivery => {
  const body = JSON.stringify(issueCommentPayload(h.repo, { number: 1 + (comment % 50), body: 'sluice help', user: 'dana', commentId: comment++ }));
  return { body, headers: { 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': sign(body) } };
};
const rounds = () => Array.from({ length: ROUNDS + 1 }, () => Array.from({ length: CONCURRENCY }, delivery));
for (let n = 1; n <= 50; n++) h.github.openPull({ number: n, user: 'dana', head: { sha: 'a'.repeat(40), ref: 'x' }, base: { sha: 'b'.repeat(40), ref: 'main' } });

const bare = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'));
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

try {
  // The first round of each is a warm-up and is not counted.
  const baseline = (await load(bareUrl, rounds())).slice(1).flat();
  const sluice = (await load(h.webhookUrl, rounds())).slice(1).flat();
  const p99 = round(quantile(sluice, 0.99), 2);
  const baseP99 = round(quantile(baseline, 0.99), 2);
  console.log(`sluice p50 ${round(quantile(sluice, 0.5), 2)} ms, p99 ${p99} ms; bare p50 ${round(quantile(baseline, 0.5), 2)} ms, p99 ${baseP99} ms (${sluice.length} deliveries)`);
  // Every acknowledged delivery was recorded before the answer (the worker may still be running them).
  const jobs = (await Promise.all(Array.from({ length: 50 }, (_, i) => h.store.listJobs({ repo: h.repo.fullName, number: i + 1 })))).flat();
  if (jobs.length !== sluice.length + CONCURRENCY) throw new Error(`expected ${sluice.length + CONCURRENCY} jobs recorded, found ${jobs.length}`);
  writeResult({
    name: 'webhook-ack-p99',
    value: p99,
    unit: 'ms',
    baseline: { name: 'bare node:http server, same requests', value: baseP99 },
    goal: 'ratio <= 5 and value < 50 ms',
  });
} finally {
  bare.close();
  await h.stop();
}
