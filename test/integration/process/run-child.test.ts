import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runChild, type RunChildOptions } from '../../../src/process/run-child.ts';
import { isAlive } from '../process-alive.ts';

const NODE = process.execPath;

/** Runs `script` with Sluice's Node, real child, empty environment unless given. */
function node(script: string, extra: Partial<RunChildOptions> = {}): ReturnType<typeof runChild> {
  return runChild({ file: NODE, args: ['-e', script], cwd: tmpdir(), env: {}, timeoutMs: 10_000, outputCapBytes: 1024 * 1024, ...extra });
}

/** A grandchild in the child's process group, which prints its pid and then lives on. */
const SPAWN_GRANDCHILD = `
  const { spawn } = require('node:child_process');
  const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  console.log('grandchild ' + grandchild.pid);
`;


function grandchildPid(stdout: string): number {
  const pid = Number(/grandchild (\d+)/.exec(stdout)?.[1]);
  expect(pid).toBeGreaterThan(0);
  return pid;
}

describe('runChild', () => {
  it('reports the exit code and each stream', async () => {
    const result = await node('process.stdout.write("out"); process.stderr.write("err"); process.exit(3)');
    expect(result).toEqual({ exitCode: 3, signal: null, stdout: 'out', stderr: 'err', timedOut: false, aborted: false, outputCapped: false });
  });

  it('passes exactly the given environment, cwd and argv (no shell)', async () => {
    const result = await runChild({
      file: NODE, args: ['-e', 'console.log(JSON.stringify([process.env, process.cwd(), process.argv.slice(1)]))', '$(id)', 'a b;c'],
      cwd: '/', env: { ONLY: 'this' }, timeoutMs: 10_000, outputCapBytes: 4096,
    });
    expect(JSON.parse(result.stdout)).toEqual([{ ONLY: 'this' }, '/', ['$(id)', 'a b;c']]);
  });

  it('writes stdin and closes it; without stdin the child reads nothing', async () => {
    const echo = 'let s = ""; process.stdin.on("data", (d) => { s += d; }).on("end", () => console.log(s.toUpperCase()))';
    expect((await node(echo, { stdin: 'hello' })).stdout).toBe('HELLO\n');
    expect((await node(echo)).stdout).toBe('\n');
    expect((await node('process.exit(0)', { stdin: 'x'.repeat(1024 * 1024) })).exitCode).toBe(0);
  });

  it('reports a signal death and an executable that cannot start', async () => {
    expect(await node('process.kill(process.pid, "SIGTERM"); setInterval(() => {}, 1000)')).toMatchObject({ exitCode: null, signal: 'SIGTERM' });
    const missing = await runChild({ file: '/nonexistent/terraform', args: [], cwd: tmpdir(), env: {}, timeoutMs: 1_000, outputCapBytes: 10 });
    expect(missing).toMatchObject({ exitCode: null, timedOut: false, aborted: false });
    expect(missing.spawnError?.message).toMatch(/ENOENT/);
  });

  it('kills the whole process group at the timeout, grandchildren included', async () => {
    const started = performance.now();
    const result = await node(`${SPAWN_GRANDCHILD}; setInterval(() => {}, 1000)`, { timeoutMs: 500 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true, aborted: false });
    const pid = grandchildPid(result.stdout);
    await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
  });

  it('kills what the child left behind in its group once it exits', async () => {
    const result = await node(`${SPAWN_GRANDCHILD}; setTimeout(() => process.exit(0), 100)`);
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    const pid = grandchildPid(result.stdout);
    await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
  });

  it('interrupts first with a grace period, then kills a child that ignores it', async () => {
    const polite = await node('process.on("SIGINT", () => { console.log("interrupted"); process.exit(130); }); setInterval(() => {}, 1000)', { timeoutMs: 300, interruptGraceMs: 5_000 });
    expect(polite).toMatchObject({ exitCode: 130, timedOut: true, stdout: 'interrupted\n' });
    const started = performance.now();
    const stubborn = await node('process.on("SIGINT", () => {}); setInterval(() => {}, 1000)', { timeoutMs: 300, interruptGraceMs: 300 });
    expect(stubborn).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('stops on abort, and does not start when already aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const result = await node(`${SPAWN_GRANDCHILD}; setInterval(() => {}, 1000)`, { signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ exitCode: null, aborted: true, timedOut: false });
    const pid = grandchildPid(result.stdout);
    await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
    expect(await node('process.exit(1)', { signal: AbortSignal.abort() }))
      .toEqual({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, aborted: true, outputCapped: false });
  });

  it('caps each stream in bytes, keeping its head or its tail, with a marker for what was dropped', async () => {
    const script = 'process.stdout.write("a".repeat(5000) + "z".repeat(5000)); process.stderr.write("e".repeat(100))';
    const head = await node(script, { outputCapBytes: 1000 });
    expect(head).toMatchObject({ exitCode: 0, outputCapped: true, stderr: 'e'.repeat(100) });
    expect(head.stdout).toBe(`${'a'.repeat(1000)}\n[output truncated: 9000 more bytes]\n`);
    const tail = await node(script, { outputCapBytes: 1000, keep: 'tail' });
    expect(tail.stdout).toBe(`[output truncated: 9000 earlier bytes]\n${'z'.repeat(1000)}`);
    expect((await node(script, { outputCapBytes: 10_000 })).outputCapped).toBe(false);
  });

  it('never cuts a UTF-8 character in two at the cap', async () => {
    const result = await node('process.stdout.write("é".repeat(1000))', { outputCapBytes: 101 });
    expect(result.stdout.startsWith(`${'é'.repeat(50)}\n[output truncated`)).toBe(true);
    const tail = await node('process.stdout.write("é".repeat(1000))', { outputCapBytes: 101, keep: 'tail' });
    expect(tail.stdout.endsWith(`]\n${'é'.repeat(50)}`)).toBe(true);
  });

  it('stops a child that floods its output, when asked to', async () => {
    const flood = 'const line = "spam ".repeat(200) + "\\n"; const go = () => { while (process.stdout.write(line)); process.stdout.once("drain", go); }; go();';
    const started = performance.now();
    const result = await node(flood, { outputCapBytes: 64 * 1024, stopAtOutputCap: true });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGKILL', outputCapped: true, timedOut: false, aborted: false });
    expect(result.stdout.length).toBeLessThan(64 * 1024 + 100);
  });

  it('merges stderr into stdout in arrival order, under one cap', async () => {
    const result = await node('process.stdout.write("1 "); setTimeout(() => process.stderr.write("2 "), 50); setTimeout(() => process.stdout.write("3"), 100)', { mergeStderr: true });
    expect(result).toMatchObject({ stdout: '1 2 3', stderr: '' });
  });
});
