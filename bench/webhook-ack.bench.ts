/**
 * `webhook-ack-p99`: acknowledgement latency p99 of 200 concurrent signed deliveries against the running
 * app (signature check, payload parse, delivery + job recorded durably in SQLite), with a bare node:http
 * server answering the same requests in the same run as the baseline.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { issueCommentPayload } from '../test/e2e/webhook-payloads.ts';
import { sign, startHarness } from '../test/e2e/harness.ts';
import { quantile, round, writeResult } from './lib/result.ts';

const CONCURRENCY = 200;
const ROUNDS = 5;

async function burst(url: string, bodies: string[]): Promise<number[]> {
  return Promise.all(
    bodies.map(async (body) => {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': sign(body) },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`delivery answered ${response.status}`);
      return performance.now() - started;
    }),
  );
}

async function measure(url: string, bodies: () => string[]): Promise<number[]> {
  await burst(url, bodies().slice(0, 50)); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) samples.push(...(await burst(url, bodies())));
  return samples;
}

const h = await startHarness({ files: { 'README.md': '# ack\n', 'sluice.yaml': 'version: 1\nprojects: []\n' } });
let comment = 1;
const bodies = () =>
  Array.from({ length: CONCURRENCY }, () => JSON.stringify(issueCommentPayload(h.repo, { number: 1 + (comment % 50), body: 'sluice help', user: 'dana', commentId: comment++ })));
h.github.openPull({ number: 1, user: 'dana', head: { sha: 'a'.repeat(40), ref: 'x' }, base: { sha: 'b'.repeat(40), ref: 'main' } });

const bare = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'));
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

try {
  const baseline = await measure(bareUrl, bodies);
  const sluice = await measure(h.webhookUrl, bodies);
  const p99 = round(quantile(sluice, 0.99), 2);
  const baseP99 = round(quantile(baseline, 0.99), 2);
  console.log(`sluice p50 ${round(quantile(sluice, 0.5), 2)} ms, p99 ${p99} ms; bare p50 ${round(quantile(baseline, 0.5), 2)} ms, p99 ${baseP99} ms`);
  await h.settle();
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
