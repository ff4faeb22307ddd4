import { join, resolve } from 'node:path';
import { createProbot, type Probot } from 'probot';
import { createGitWorkspace } from '../adapters/git/git-workspace.ts';
import { createInstallationTokens, gitHubBaseUrl } from '../adapters/github/installation-tokens.ts';
import { openStateStore } from '../adapters/store/open-state-store.ts';
import { createVersionProbe } from '../adapters/create-version-probe.ts';
import { loadServerConfig } from '../config/load-server-config.ts';
import { systemClock } from '../ports/clock.ts';
import type { StateStore } from '../ports/state-store.ts';
import { createSluice, type Sluice } from './create-sluice.ts';
import { defaultEngines, synthSandboxFrom } from './default-engines.ts';
import { describeSynthSandbox } from '../engines/cdktf/synth-sandbox.ts';
import { readAppPrivateKey } from './read-app-private-key.ts';
import { collectServerSecrets } from './collect-server-secrets.ts';
import { createSecretRedactor } from '../render/create-secret-redactor.ts';

export type BootedSluice = { readonly probot: Probot; readonly sluice: Sluice; readonly store: StateStore; readonly dataDir: string };

/**
 * Builds Sluice from the environment: the App's credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
 * WEBHOOK_SECRET; GHE_HOST/GHE_PROTOCOL for GitHub Enterprise Server, read by Probot), the server config
 * (SLUICE_CONFIG) and the state store (DATABASE_URL, else SQLite in the data dir).
 */
export async function bootSluice(env: NodeJS.ProcessEnv): Promise<BootedSluice> {
  const server = loadServerConfig(env);
  const dataDir = resolve(server.data_dir);
  const probot = createProbot({ env });
  const store = await openStateStore({ dataDir, databaseUrl: env['DATABASE_URL'] });
  const installationTokens = createInstallationTokens({ appId: env['APP_ID'] ?? '', privateKey: readAppPrivateKey(env), baseUrl: gitHubBaseUrl(env) });
  const redactor = createSecretRedactor(collectServerSecrets(env, server));
  probot.log.info({ secrets: redactor.secretCount }, 'redacting the server secrets by value in everything posted to GitHub');
  const sandbox = synthSandboxFrom(server.cdktf);
  const sandboxLine = describeSynthSandbox(sandbox);
  if (sandbox.kind === 'bubblewrap') probot.log.info(sandboxLine);
  else probot.log.warn(sandboxLine);
  const sluice = createSluice({
    probot,
    installationTokens,
    redactor,
    server,
    store,
    workspace: createGitWorkspace({ rootDir: join(dataDir, 'repos') }),
    engines: defaultEngines({ dataDir, env, clock: systemClock, settings: server }),
    clock: systemClock,
    log: probot.log,
    versions: createVersionProbe({ env }),
    dataDir,
    appSlug: env['APP_SLUG'],
    workerId: env['SLUICE_WORKER_ID'],
  });
  return { probot, sluice, store, dataDir };
}

/** Stops claiming jobs, waits for the running ones, closes the store; then exits. */
export function stopOnSignals(booted: BootedSluice, before: () => void = () => undefined): void {
  const shutdown = () => {
    before();
    void booted.sluice.stop().then(() => booted.store.close()).then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
