import { join, relative, resolve } from 'node:path';
import { ok, type Result } from '../../core/outcome.ts';
import { buildSynthEnv, DEFAULT_SYNTH_ENV_ALLOWLIST } from './build-synth-env.ts';
import { listCheckoutInputs, type CheckoutInputs } from './checkout-inputs.ts';
import { explainSynthOutcome } from './explain-synth-outcome.ts';
import { hashAppInputs } from './hash-app-inputs.ts';
import { readCdktfJson } from './read-cdktf-json.ts';
import { readSynthOutput, type SynthStack } from './read-synth-output.ts';
import { isInside, resolveAppCommand, type AppCommand } from './resolve-app-command.ts';
import { runSynthProcess } from './run-synth-process.ts';
import type { CdktfJson } from './schema.ts';
import { splitAppCommand } from './split-app-command.ts';
import { createSynthCache } from './synth-cache.ts';
import { bubblewrapArgs, detectSynthSandbox, SANDBOX_HOME_DIR, SANDBOX_OUT_DIR, type SynthSandbox } from './synth-sandbox.ts';
import { copyOutput, createSynthWorkspace, type SynthWorkspace } from './synth-workspace.ts';

export type SynthCdktfAppOptions = {
  /** The app folder (holds cdktf.json), inside the PR's checkout. */
  readonly appDir: string;
  /** The checkout root: everything below it is an input the app may read. Defaults to `appDir`. */
  readonly rootDir?: string;
  /** A Sluice-owned folder the app's output is copied to (regular files only); replaced on each synth. */
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
  /** Where the app runs: a bubblewrap sandbox, or a plain child. Defaults to bubblewrap where it works. */
  readonly sandbox?: SynthSandbox;
  /** Server folders of pre-installed packages a committed `node_modules` link may point into. */
  readonly packagesDirs?: readonly string[];
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
  /** True when the app ran (or, cached, would run) in the bubblewrap sandbox. */
  readonly sandboxed: boolean;
};

/**
 * Synthesizes a CDKTF (or CDK Terrain) app: validates cdktf.json, then runs its `app` command without a
 * shell, with a scrubbed environment, a timeout and an output cap, in a private temporary copy of the
 * checkout (inside a bubblewrap sandbox where it works), and reads the stacks from the output it copies
 * back. Unchanged inputs (same hash over everything the app can read) are served from the verified cache.
 */
export async function synthCdktfApp(options: SynthCdktfAppOptions): Promise<Result<SynthResult>> {
  const appDir = resolve(options.appDir);
  const rootDir = resolve(options.rootDir ?? appDir);
  const config = await readCdktfJson(appDir);
  if (!config.ok) return config;
  const argv = splitAppCommand(config.value.app);
  if (!argv.ok) return { ...argv, location: { file: 'cdktf.json' } };
  const nodePath = options.nodePath ?? process.execPath;
  const command = resolveAppCommand(argv.value, { appDir, rootDir, nodePath });
  if (!command.ok) return { ...command, location: { file: 'cdktf.json' } };
  const sandbox = options.sandbox ?? detectSynthSandbox('auto', { nodePath });
  const inputs = await listCheckoutInputs({
    rootDir, skip: config.value.output === undefined ? [] : [resolve(appDir, config.value.output)],
    ...(options.packagesDirs === undefined ? {} : { packagesDirs: options.packagesDirs }),
  });
  const env = synthEnv(options, config.value, nodePath, { home: '$HOME', outDir: '$CDKTF_OUTDIR' });
  // The app's absolute path counts: synth output may embed it (CDKTF's default local backend path does).
  const inputsHash = await hashAppInputs(inputs, { appDir, argv: argv.value, env, nodeVersion: process.version, sandbox: sandbox.kind });
  const cache = options.cacheDir === undefined ? undefined : createSynthCache(options.cacheDir);
  const outDir = resolve(options.outDir);
  if (await cache?.restore(inputsHash, outDir)) return finish({ outDir, inputsHash, cached: true, output: '', sandboxed: sandbox.kind === 'bubblewrap' });
  const output = await runApp({ ...options, appDir, rootDir, outDir }, { command: command.value, config: config.value, nodePath, sandbox, inputs });
  if (!output.ok) return output;
  const result = await finish({ outDir, inputsHash, cached: false, output: output.value, sandboxed: sandbox.kind === 'bubblewrap' });
  if (result.ok) await cache?.store(inputsHash, outDir);
  return result;
}

type AppRun = { command: AppCommand; config: CdktfJson; nodePath: string; sandbox: SynthSandbox; inputs: CheckoutInputs };

async function runApp(options: SynthCdktfAppOptions & { appDir: string; rootDir: string; outDir: string }, app: AppRun): Promise<Result<string>> {
  const workspace = await createSynthWorkspace(app.inputs, { linkPackages: app.sandbox.kind === 'none' });
  try {
    const spawned = app.sandbox.kind === 'bubblewrap'
      ? inBubblewrap(options, app, workspace, app.sandbox)
      : plainChild(options, app, workspace);
    const outcome = await runSynthProcess({
      ...spawned, timeoutMs: options.timeoutMs, outputCapBytes: options.outputCapBytes, signal: options.signal,
    });
    const explained = explainSynthOutcome(outcome, {
      appDir: spawned.appDir, command: app.config.app, timeoutMs: options.timeoutMs, outputCapBytes: options.outputCapBytes,
    });
    if (explained.ok) await copyOutput(workspace.outDir, options.outDir);
    return explained;
  } finally {
    await workspace.remove();
  }
}

type Spawned = { command: AppCommand; cwd: string; env: Record<string, string>; appDir: string };

/** In the sandbox the copy is mounted at the checkout's own path, so every path the app sees is unchanged. */
function inBubblewrap(
  options: SynthCdktfAppOptions & { appDir: string; rootDir: string },
  app: AppRun,
  workspace: SynthWorkspace,
  sandbox: Extract<SynthSandbox, { kind: 'bubblewrap' }>,
): Spawned {
  const readOnly = app.inputs.packages.map((pkg) => ({ source: pkg.real, target: isInside(pkg.path, options.rootDir) ? pkg.real : pkg.path }));
  const layout = { copyDir: workspace.copyDir, rootDir: options.rootDir, outDir: workspace.outDir, homeDir: workspace.homeDir, readOnly, nodePath: app.nodePath, cwd: options.appDir };
  // bwrap itself gets the scrubbed environment: it is PID 1's parent, and /proc/1/environ must hold nothing.
  const env = synthEnv(options, app.config, app.nodePath, { home: SANDBOX_HOME_DIR, outDir: SANDBOX_OUT_DIR });
  return {
    command: { file: sandbox.bwrap, args: bubblewrapArgs(sandbox, layout, [app.command.file, ...app.command.args]) },
    cwd: workspace.dir, env, appDir: options.appDir,
  };
}

/** Without the sandbox the app runs in the copy, elsewhere: paths inside the checkout point into the copy. */
function plainChild(options: SynthCdktfAppOptions & { appDir: string; rootDir: string }, app: AppRun, workspace: SynthWorkspace): Spawned {
  const inCopy = (path: string): string => (isInside(path, options.rootDir) ? join(workspace.copyDir, relative(options.rootDir, path)) : path);
  const appDir = inCopy(options.appDir);
  return {
    command: { file: inCopy(app.command.file), args: app.command.args },
    cwd: appDir, appDir,
    env: synthEnv(options, app.config, app.nodePath, { home: workspace.homeDir, outDir: workspace.outDir }),
  };
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
