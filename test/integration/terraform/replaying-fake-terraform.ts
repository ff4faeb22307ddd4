import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A TEST-ONLY stand-in for the `terraform` binary (none exists on these machines): a small node script
 * that replays a recorded `terraform show -json` fixture and records every invocation (argv, env, cwd)
 * as a JSON line. It proves argv, environment scrubbing, exit codes, hashing and refusal logic, not
 * Terraform itself.
 */
export type FakeTerraformBehaviour = {
  /** The fixture `show -json` prints (a path to a JSON file). */
  readonly showJson: string;
  /** `plan` exit code: 2 (changes, default), 0 (no changes) or 1 (error, with `stderr`). */
  readonly planExitCode?: 0 | 1 | 2;
  readonly stderr?: string;
  /** `plan` sleeps this long first (timeout and cancel tests). */
  readonly planSleepMs?: number;
  /** Installed under this name (`terraform` or `tofu`). */
  readonly name?: string;
};

export type FakeTerraform = { readonly bin: string; readonly binary: string; readonly calls: () => FakeCall[] };
export type FakeCall = { argv: string[]; env: Record<string, string>; cwd: string };

export function installReplayingFakeTerraform(dir: string, behaviour: FakeTerraformBehaviour): FakeTerraform {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const binary = join(bin, behaviour.name ?? 'terraform');
  const record = join(dir, 'calls.jsonl');
  const settings = { record, showJson: behaviour.showJson, planExitCode: behaviour.planExitCode ?? 2, stderr: behaviour.stderr ?? '', planSleepMs: behaviour.planSleepMs ?? 0 };
  writeFileSync(binary, `#!${process.execPath}\nconst settings = ${JSON.stringify(settings)};\n${SCRIPT}`);
  chmodSync(binary, 0o755);
  const calls = (): FakeCall[] => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
  return { bin, binary, calls };
}

const SCRIPT = String.raw`
const fs = require('node:fs');
const [command, ...args] = process.argv.slice(2);
fs.appendFileSync(settings.record, JSON.stringify({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() }) + '\n');
const finish = (code) => process.exit(code);
if (command === 'init') {
  fs.writeFileSync('.terraform.lock.hcl', '# written by init, as terraform does\n');
  console.log('Terraform has been successfully initialized!');
  finish(0);
}
else if (command === 'plan') {
  setTimeout(() => {
    if (settings.planExitCode === 1) { process.stderr.write(settings.stderr); finish(1); return; }
    const out = args.find((a) => a.startsWith('-out=')).slice('-out='.length);
    fs.writeFileSync(out, 'replayed plan of ' + settings.showJson + ' at ' + process.hrtime.bigint());
    console.log('Saved the plan to: ' + out);
    finish(settings.planExitCode);
  }, settings.planSleepMs);
}
else if (command === 'show') { process.stdout.write(fs.readFileSync(settings.showJson, 'utf8')); finish(0); }
else if (command === 'apply') {
  console.log('test_instance.test: Creating...');
  console.log('test_instance.test: Creation complete after 0s [id=placeholder]');
  console.log('');
  console.log('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
  finish(0);
}
else { process.stderr.write('unknown command ' + command + '\n'); finish(1); }
`;
