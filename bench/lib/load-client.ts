/**
 * A load generator in its own process (so it does not share the server's event loop): reads
 * `{ url, rounds: [{ headers, body }[]] }` as JSON on stdin, fires each round's requests all at once,
 * and prints the latency of every request in ms as JSON.
 */
import { Agent, request } from 'node:http';

type Delivery = { headers: Record<string, string>; body: string };

const input = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as { url: string; rounds: Delivery[][] };
const agent = new Agent({ keepAlive: true, maxSockets: 1_000 });

function send(url: URL, d: Delivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { ...d.headers, 'content-length': Buffer.byteLength(d.body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(d.body);
  });
}

const url = new URL(input.url);
const latencies: number[][] = [];
for (const round of input.rounds) latencies.push(await Promise.all(round.map((d) => send(url, d))));
process.stdout.write(JSON.stringify(latencies));
agent.destroy();
