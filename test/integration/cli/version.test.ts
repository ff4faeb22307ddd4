/** `sluice version` with the real probes: DuckDB in memory, the test PostgreSQL, stand-in terraform/tofu binaries. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createVersionProbe, parseVersion } from '../../../src/adapters/create-version-probe.ts';
import { version } from '../../../src/cli/version-command.ts';
import { SLUICE_VERSION } from '../../../src/services/version.ts';
import { TEST_DATABASE_URL } from '../postgres-test-database.ts';

const SYSTEM_PATH = '/usr/bin:/bin';

/** An executable shell script `name` in `dir`. */
function script(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function duckDbLibraryVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const [row] = (await connection.runAndReadAll('select version() as v')).getRowObjectsJS();
  connection.disconnectSync();
  instance.closeSync();
  return String(row?.['v']);
}

async function postgresServerVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return String((await client.query('show server_version')).rows[0].server_version);
  } finally {
    await client.end();
  }
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A URL to the test server with a password, so the test can check that it is never printed. */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

describe('sluice version', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A temporary folder with `server.yaml` (given the folder, for absolute binary paths). */
  function setup(server: (dir: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-version-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'server.yaml'), server(dir));
    return dir;
  }

  /** `timeoutMs` caps each probe in the service; the probes' own limit stays at its default (5 s). */
  async function run(env: NodeJS.ProcessEnv, timeoutMs?: number) {
    const captured = { out: '', err: '' };
    const io = { out: (s: string) => void (captured.out += s), err: (s: string) => void (captured.err += s) };
    const probe = createVersionProbe({ env });
    const code = await version({ env, io, probe, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    return { code, ...captured };
  }

  it("prints Sluice's, Node's and each target's tool version, saying why one is missing, never a URL", async () => {
    const dir = setup((d) => `targets:
  default: { type: duckdb, path: warehouse.duckdb, allow_local_apply: true }
  warehouse: { type: postgres, url_env: WAREHOUSE_URL }
  closed: { type: postgres, url_env: CLOSED_URL }
  unset: { type: postgres, url_env: UNSET_URL }
  lake: { type: terraform }
  pinned: { type: terraform, binary: ${join(d, 'old', 'terraform')} }
  missing: { type: terraform, binary: /nonexistent/terraform }
`);
    const bin = join(dir, 'bin');
    script(bin, 'tofu', 'test "$1 $2" = "version -json" || exit 3\necho \'{"terraform_version":"1.8.2","platform":"linux_amd64","provider_selections":{}}\'');
    script(join(dir, 'old'), 'terraform', 'echo "Terraform v0.12.31"');
    const env = {
      PATH: `${bin}:${SYSTEM_PATH}`, SLUICE_CONFIG: join(dir, 'server.yaml'),
      WAREHOUSE_URL: withPassword(TEST_DATABASE_URL, 'not-a-real-secret'), CLOSED_URL: 'postgres://app:hunter2hunter2@127.0.0.1:1/prod',
    };

    const { code, out, err } = await run(env);

    expect(err).toBe('');
    expect(code).toBe(0);
    const [duckdb, postgres] = [await duckDbLibraryVersion(), await postgresServerVersion()];
    expect(out.split('\n')).toEqual([
      `sluice  ${SLUICE_VERSION}`,
      `node    ${process.version}`,
      `targets (server config: ${join(dir, 'server.yaml')}):`,
      expect.stringMatching(new RegExp(`^  default +duckdb +DuckDB +${escaped(duckdb)}$`)),
      expect.stringMatching(new RegExp(`^  warehouse +postgres +PostgreSQL +${escaped(postgres)}$`)),
      expect.stringMatching(/^ {2}closed +postgres +PostgreSQL +⚠ unreachable: connect ECONNREFUSED 127\.0\.0\.1:1$/),
      expect.stringMatching(/^ {2}unset +postgres +PostgreSQL +⚠ unreachable: \$UNSET_URL is not set$/),
      expect.stringMatching(/^ {2}lake +terraform +tofu +1\.8\.2$/),
      expect.stringMatching(/^ {2}pinned +terraform +terraform +0\.12\.31$/),
      expect.stringMatching(/^ {2}missing +terraform +\/nonexistent\/terraform +⚠ the configured binary `\/nonexistent\/terraform` was not found or is not executable$/),
      '',
    ]);
    for (const secret of ['not-a-real-secret', 'hunter2hunter2', '://']) expect(out).not.toContain(secret);
  });

  it('says when no terraform or tofu is on PATH, and stops a binary that hangs', async () => {
    const dir = setup((d) => `targets:\n  lake: { type: terraform }\n  stuck: { type: terraform, binary: ${join(d, 'hung', 'terraform')} }\n`);
    script(join(dir, 'hung'), 'terraform', 'exec sleep 60');

    const { code, out } = await run({ PATH: SYSTEM_PATH, SLUICE_CONFIG: join(dir, 'server.yaml') }, 300);

    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}lake +terraform +terraform or tofu +⚠ no terraform or tofu binary found on PATH \(the target plans a configuration diff\)\n/);
    expect(out).toMatch(/\n {2}stuck +terraform +\S+hung\/terraform +⚠ failed: timed out after 300 ms\n/);
  });

  it("prints Sluice's and Node's versions and exits 1 when the server config cannot be read", async () => {
    const dir = setup(() => 'targets: [not, a, map]\n');
    const { code, out, err } = await run({ PATH: SYSTEM_PATH, SLUICE_CONFIG: join(dir, 'server.yaml') });
    expect(code).toBe(1);
    expect(out).toBe(`sluice  ${SLUICE_VERSION}\nnode    ${process.version}\n`);
    expect(err).toMatch(/^sluice version: the targets' tool versions are unknown: invalid server config .*server\.yaml:\n {2}.*server\.yaml:1:\d+: targets/);
  });

  it('reads the version from JSON, else from the text older binaries print', () => {
    expect(parseVersion('{"terraform_version":"1.11.4","platform":"linux_amd64"}')).toBe('1.11.4');
    expect(parseVersion('OpenTofu v1.8.0\non linux_amd64\n')).toBe('1.8.0');
    expect(parseVersion('Terraform v0.12.31-beta1')).toBe('0.12.31-beta1');
    expect(parseVersion('{"platform":"x"}')).toBeUndefined();
    expect(parseVersion('')).toBeUndefined();
  });
});
