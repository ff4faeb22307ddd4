/**
 * `npm start` / `sluice serve`: the GitHub App (webhooks + worker). Without APP_ID it starts Probot's
 * setup flow, which registers the App from app.yml and writes its credentials to .env.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { run } from 'probot';
import { bootSluice, stopOnSignals } from './boot-sluice.ts';

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env['APP_ID']) {
    await run(() => undefined, { env });
    return;
  }
  const booted = await bootSluice(env);
  await booted.sluice.start();
  const webhooks = await booted.probot.getNodeMiddleware({ path: env['WEBHOOK_PATH'] ?? '/api/github/webhooks' });
  const http = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    void webhooks(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  const port = Number(env['PORT'] ?? 3000);
  http.listen(port, env['HOST'], () => booted.probot.log.info({ port, dataDir: booted.dataDir }, 'sluice listening'));
  stopOnSignals(booted, () => http.close());
}

/** `sluice worker`: runs queued jobs without serving webhooks (more workers on one PostgreSQL state store). */
export async function work(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const booted = await bootSluice(env);
  await booted.sluice.start();
  booted.probot.log.info({ dataDir: booted.dataDir }, 'sluice worker started');
  stopOnSignals(booted);
}

/** The setup flow writes the App's credentials to .env; later starts read them from there. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

if (import.meta.main) {
  loadDotEnv();
  await serve();
}
