import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** `cdktf.sandbox` of the server config: `auto` uses bubblewrap where the kernel allows it. */
export type SandboxMode = 'auto' | 'bubblewrap' | 'off';

/**
 * How PR code is synthesized: inside a bubblewrap sandbox (user, PID, mount, IPC, UTS and network
 * namespaces; only the system's programs, Node, the app's packages and a private copy of the checkout
 * visible), or as a plain child process, with the reason (said at boot and in every plan).
 */
export type SynthSandbox =
  | { readonly kind: 'bubblewrap'; readonly bwrap: string; readonly network: boolean }
  | { readonly kind: 'none'; readonly required: boolean; readonly reason: string };

/** What the sandbox shows the app, beyond the system's programs and libraries. */
export type SandboxLayout = {
  /** Mounted read-write at `rootDir`: the private copy of the checkout (writes are discarded with it). */
  readonly copyDir: string;
  readonly rootDir: string;
  /** Mounted read-write at `/run/sluice/out` and `/run/sluice/home`. */
  readonly outDir: string;
  readonly homeDir: string;
  /** Installed packages (node_modules, .venv), mounted read-only: `source` (real folder) at `target`. */
  readonly readOnly: readonly { readonly source: string; readonly target: string }[];
  /** Sluice's Node binary: its installation is mounted read-only. */
  readonly nodePath: string;
  readonly cwd: string;
};

/** Where the app finds its output folder and HOME inside the sandbox. */
export const SANDBOX_OUT_DIR = '/run/sluice/out';
export const SANDBOX_HOME_DIR = '/run/sluice/home';

/** Top-level folders that are the system's programs and libraries (symlinks on merged-/usr systems). */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** Files of /etc that programs need and that hold no secret; nothing else of /etc is visible. */
const SYSTEM_ETC = ['/etc/ssl', '/etc/ca-certificates', '/etc/pki', '/etc/alternatives', '/etc/localtime', '/etc/passwd', '/etc/group', '/etc/nsswitch.conf'];

/** bwrap's arguments for running `command` in the layout (no shell anywhere; the command follows `--`). */
export function bubblewrapArgs(sandbox: Extract<SynthSandbox, { kind: 'bubblewrap' }>, layout: SandboxLayout, command: readonly string[]): string[] {
  const args = ['--unshare-all', ...(sandbox.network ? ['--share-net'] : []), '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  for (const dir of SYSTEM_DIRS) args.push(...systemMount(dir));
  for (const path of SYSTEM_ETC) args.push('--ro-bind-try', path, path);
  if (sandbox.network) args.push('--ro-bind-try', '/etc/resolv.conf', '/etc/resolv.conf', '--ro-bind-try', '/etc/hosts', '/etc/hosts');
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  const node = nodeInstallation(layout.nodePath);
  if (node !== undefined) args.push('--ro-bind', node, node);
  args.push('--bind', layout.copyDir, layout.rootDir);
  for (const mount of layout.readOnly) args.push('--ro-bind', mount.source, mount.target);
  args.push('--bind', layout.outDir, SANDBOX_OUT_DIR, '--bind', layout.homeDir, SANDBOX_HOME_DIR, '--chdir', layout.cwd, '--', ...command);
  return args;
}

function systemMount(dir: string): string[] {
  try {
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) return ['--symlink', readlinkSync(dir), dir];
    return stat.isDirectory() ? ['--ro-bind', dir, dir] : [];
  } catch {
    return [];
  }
}

/** The folder holding Node's installation (`<prefix>/bin/node` → `<prefix>`), unless it is a system folder already mounted. */
function nodeInstallation(nodePath: string): string | undefined {
  const real = realpathSync(nodePath);
  const prefix = dirname(dirname(real));
  return SYSTEM_DIRS.some((dir) => prefix === dir || prefix.startsWith(`${dir}/`)) ? undefined : prefix;
}

export type DetectSandboxOptions = {
  readonly network?: boolean;
  /** PATH to look for bwrap in; defaults to Sluice's own. */
  readonly path?: string;
  readonly nodePath?: string;
};

const detected = new Map<string, SynthSandbox>();

/**
 * Resolves the configured mode once per process: `auto` and `bubblewrap` look for `bwrap` on PATH and try
 * it (running Node inside, as synth will); `off`, or `auto` where it cannot run, is a plain child process.
 */
export function detectSynthSandbox(mode: SandboxMode, options: DetectSandboxOptions = {}): SynthSandbox {
  const key = JSON.stringify([mode, options]);
  const known = detected.get(key);
  if (known !== undefined) return known;
  const found = probe(mode, options);
  detected.set(key, found);
  return found;
}

function probe(mode: SandboxMode, options: DetectSandboxOptions): SynthSandbox {
  if (mode === 'off') return { kind: 'none', required: false, reason: 'the synth sandbox is turned off in the server config (`cdktf.sandbox: off`)' };
  const required = mode === 'bubblewrap';
  const bwrap = findOnPath('bwrap', options.path ?? process.env['PATH'] ?? '');
  if (bwrap === undefined) {
    return { kind: 'none', required, reason: 'bubblewrap (`bwrap`) is not installed on the server; install it (Debian/Ubuntu: `apt-get install bubblewrap`)' };
  }
  const sandbox = { kind: 'bubblewrap', bwrap, network: options.network ?? false } as const;
  const nodePath = options.nodePath ?? process.execPath;
  // The probe runs Node with exactly the arguments a synth gets, on an empty layout.
  const scratch = mkdtempSync(join(tmpdir(), 'sluice-bwrap-probe-'));
  const layout: SandboxLayout = { copyDir: scratch, rootDir: scratch, outDir: scratch, homeDir: scratch, readOnly: [], nodePath, cwd: scratch };
  const run = spawnSync(bwrap, bubblewrapArgs(sandbox, layout, [nodePath, '-e', 'process.exit(0)']), { env: {}, encoding: 'utf8', timeout: 15_000 });
  rmSync(scratch, { recursive: true, force: true });
  if (run.status === 0) return sandbox;
  const why = (run.error?.message ?? run.stderr ?? '').trim().split('\n')[0] || `exit code ${run.status ?? 'none'}`;
  return { kind: 'none', required, reason: `bubblewrap cannot create its namespaces on this server (${why}); allow unprivileged user namespaces or run Sluice where they are` };
}

function findOnPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** One line for the boot log and the plan: whether PR code is sandboxed, and why not. */
export function describeSynthSandbox(sandbox: SynthSandbox): string {
  if (sandbox.kind === 'bubblewrap') {
    return `CDKTF synth runs in a bubblewrap sandbox (${sandbox.bwrap}${sandbox.network ? ', network shared' : ', no network'})`;
  }
  return `CDKTF synth runs WITHOUT a sandbox: ${sandbox.reason}. PR code can then read what the server's user can read, including other processes' environment`;
}
