import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ok, type Result } from '../../core/outcome.ts';
import { buildSynthEnv, DEFAULT_SYNTH_ENV_ALLOWLIST } from './build-synth-env.ts';
import { explainSynthOutcome } from './explain-synth-outcome.ts';
import { hashAppInputs } from './hash-app-inputs.ts';
import { readCdktfJson } from './read-cdktf-json.ts';
import { readSynthOutput, type SynthStack } from './read-synth-output.ts';
import { resolveAppCommand, type AppCommand } from './resolve-app-command.ts';
import { runSynthProcess } from './run-synth-process.ts';
import type { CdktfJson } from './schema.ts';
import { splitAppCommand } from './split-app-command.ts';
import { createSynthCache } from './synth-cache.ts';

export type SynthCdktfAppOptions = {
  /** The app folder (holds cdktf.json): the child's working directory, inside the PR's checkout. */
  readonly appDir: string;
  /** The checkout root; local binaries and parent lockfiles are looked up to here. Defaults to `appDir`. */
  readonly rootDir?: string;
  /** A Sluice-owned folder the app writes to (CDKTF_OUTDIR); replaced on each synth. */
  readonly outDir: string;
  /** Where synth outputs are kept by input hash; without it every call synthesizes. */
  readonly cacheDir?: string;
  readonly timeoutMs: number;
  readonly outputCapBytes: number;
  readonly signal: AbortSignal;
  /** Names copied from `parentEnv` (secret-looking names never are). Defaults to locale and CA settings. */
  readonly envAllowlist?: readonly string[];
  /** Sluice's environment, read only for PATH and allowlisted names. Defaults to `process.env`. */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
  /** The Node that runs `node …` apps. Defaults to Sluice's own. */
  readonly nodePath?: string;
  /**
   * An argument vector the app command is run through, for isolation beyond the environment, e.g.
   * `['unshare', '--user', '--map-root-user', '--pid', '--fork', '--mount-proc']` so the app cannot read
   * Sluice's own environment from `/proc/<pid>/environ`, or `['sudo', '-u', 'sluice-synth', '--']`.
   */
  readonly sandbox?: readonly string[];
};

export type SynthResult = {
  readonly stacks: readonly SynthStack[];
  /** sha256 of the app's inputs: the cache key. */
  readonly inputsHash: string;
  /** True when the output came from the cache and the app did not run. */
  readonly cached: boolean;
  readonly outDir: string;
  /** What the app printed (empty when cached). */
  readonly output: string;
};

/**
 * Synthesizes a CDKTF (or CDK Terrain) app: validates cdktf.json, runs its `app` command without a shell in
 * a child with a scrubbed environment, a timeout and an output cap, and reads the stacks from the manifest.
 * An unchanged app (same inputs hash) is served from the cache without running.
 */
export async function synthCdktfApp(options: SynthCdktfAppOptions): Promise<Result<SynthResult>> {
  const appDir = resolve(options.appDir);
  const config = await readCdktfJson(appDir);
  if (!config.ok) return config;
  const argv = splitAppCommand(config.value.app);
  if (!argv.ok) return { ...argv, location: { file: 'cdktf.json' } };
  const nodePath = options.nodePath ?? process.execPath;
  const command = resolveAppCommand(argv.value, { appDir, rootDir: options.rootDir ?? appDir, nodePath });
  if (!command.ok) return { ...command, location: { file: 'cdktf.json' } };
  const env = synthEnv(options, config.value, nodePath, { home: '$HOME', outDir: '$CDKTF_OUTDIR' });
  const inputsHash = await hashAppInputs({
    appDir, rootDir: options.rootDir ?? appDir,
    ...(config.value.output === undefined ? {} : { skip: [config.value.output] }),
    // The app's absolute path counts: synth output may embed it (CDKTF's default local backend path does).
    extra: { appDir, argv: argv.value, env, nodeVersion: process.version },
  });
  const cache = options.cacheDir === undefined ? undefined : createSynthCache(options.cacheDir);
  const outDir = resolve(options.outDir);
  if (await cache?.restore(inputsHash, outDir)) return finish({ outDir, inputsHash, cached: true, output: '' });
  const output = await runApp({ ...options, appDir, outDir }, { command: command.value, config: config.value, nodePath });
  if (!output.ok) return output;
  const result = await finish({ outDir, inputsHash, cached: false, output: output.value });
  if (result.ok) await cache?.store(inputsHash, outDir);
  return result;
}

async function runApp(
  options: SynthCdktfAppOptions,
  app: { command: AppCommand; config: CdktfJson; nodePath: string },
): Promise<Result<string>> {
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  const home = await mkdtemp(join(tmpdir(), 'sluice-synth-home-'));
  try {
    const outcome = await runSynthProcess({
      command: inSandbox(app.command, options.sandbox ?? []),
      cwd: options.appDir,
      env: synthEnv(options, app.config, app.nodePath, { home, outDir: options.outDir }),
      timeoutMs: options.timeoutMs, outputCapBytes: options.outputCapBytes, signal: options.signal,
    });
    return explainSynthOutcome(outcome, {
      appDir: options.appDir, command: app.config.app, timeoutMs: options.timeoutMs, outputCapBytes: options.outputCapBytes,
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function inSandbox(command: AppCommand, sandbox: readonly string[]): AppCommand {
  const [file, ...args] = sandbox;
  return file === undefined ? command : { file, args: [...args, command.file, ...command.args] };
}

function synthEnv(
  options: SynthCdktfAppOptions,
  config: CdktfJson,
  nodePath: string,
  dirs: { home: string; outDir: string },
): Record<string, string> {
  return buildSynthEnv({
    parentEnv: options.parentEnv ?? process.env,
    allowlist: options.envAllowlist ?? DEFAULT_SYNTH_ENV_ALLOWLIST,
    home: dirs.home, outDir: dirs.outDir, nodePath,
    ...(config.context === undefined ? {} : { context: config.context }),
  });
}

async function finish(result: Omit<SynthResult, 'stacks'>): Promise<Result<SynthResult>> {
  const stacks = await readSynthOutput(result.outDir);
  if (!stacks.ok) return stacks;
  return ok({ ...result, stacks: stacks.value });
}
