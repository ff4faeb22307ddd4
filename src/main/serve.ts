/**
 * `npm start` / `sluice serve`: the GitHub App. Reads the App's credentials from the environment
 * (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET; GHE_HOST/GHE_PROTOCOL for GitHub Enterprise
 * Server), the server config from SLUICE_CONFIG, and the state store from DATABASE_URL (else SQLite).
 * Without APP_ID it starts Probot's setup flow, which registers the App from app.yml.
 */
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { createProbot, run } from 'probot';
import { openStateStore } from '../adapters/store/open-state-store.ts';
import { createGitWorkspace } from '../adapters/git/git-workspace.ts';
import { loadServerConfig } from '../config/load-server-config.ts';
import { systemClock } from '../ports/clock.ts';
import { createSluice } from './create-sluice.ts';
import { defaultEngines } from './default-engines.ts';

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env['APP_ID']) {
    await run(() => undefined, { env });
    return;
  }
  const server = loadServerConfig(env);
  const dataDir = resolve(server.data_dir);
  const probot = createProbot({ env });
  const store = await openStateStore({ dataDir, databaseUrl: env['DATABASE_URL'] });
  const sluice = createSluice({
    probot,
    server,
    store,
    workspace: createGitWorkspace({ rootDir: join(dataDir, 'repos') }),
    engines: defaultEngines(),
    clock: systemClock,
    log: probot.log,
    dataDir,
    appSlug: env['APP_SLUG'],
    workerId: env['SLUICE_WORKER_ID'],
  });
  await sluice.start();
  const webhooks = await probot.getNodeMiddleware({ path: env['WEBHOOK_PATH'] ?? '/api/github/webhooks' });
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
  http.listen(port, env['HOST'], () => probot.log.info({ port, dataDir }, 'sluice listening'));
  const shutdown = () => {
    http.close();
    void sluice.stop().then(() => store.close()).then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (import.meta.main) await serve();
