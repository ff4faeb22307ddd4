import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../src/config/schema.ts';
import { collectServerSecrets } from '../../../src/main/collect-server-secrets.ts';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n';
const dir = mkdtempSync(join(tmpdir(), 'sluice-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const server = ServerConfig.parse({
  targets: {
    local: { type: 'duckdb' },
    warehouse: { type: 'postgres', url_env: 'ANALYTICS_PG_URL' },
    lake: { type: 'terraform', env: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ARM_CLIENT_ID'] },
  },
});

describe('collectServerSecrets', () => {
  it("collects the App's credentials, the state store URL, the targets' env values and secret-looking names", () => {
    const secrets = collectServerSecrets({
      PRIVATE_KEY: PEM.replace(/\n/g, '\\n'),
      WEBHOOK_SECRET: 'whsec-0123456789',
      DATABASE_URL: 'postgres://sluice:st%40te-pw@db:5432/sluice',
      ANALYTICS_PG_URL: 'postgres://reader:wh-password-1@wh:5432/analytics',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      ARM_CLIENT_ID: '00000000-1111-2222-3333-444444444444',
      SLACK_API_TOKEN: 'xoxb-not-a-real-one',
      STRIPE_KEY: 'sk_live_abcdefgh',
      HOME: '/home/sluice',
      PATH: '/usr/bin:/bin',
      APP_ID: '12345',
    }, server);
    expect(secrets).toEqual(expect.arrayContaining([
      PEM.replace(/\n/g, '\\n'), PEM, 'whsec-0123456789',
      'postgres://sluice:st%40te-pw@db:5432/sluice', 'st%40te-pw', 'st@te-pw',
      'postgres://reader:wh-password-1@wh:5432/analytics', 'wh-password-1',
      'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '00000000-1111-2222-3333-444444444444',
      'xoxb-not-a-real-one', 'sk_live_abcdefgh',
    ]));
    expect(secrets).not.toContain('/home/sluice');
    expect(secrets).not.toContain('/usr/bin:/bin');
    expect(secrets).not.toContain('12345');
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('reads the private key from PRIVATE_KEY_PATH, and the base64 form of PRIVATE_KEY as given', () => {
    const file = join(dir, 'app.pem');
    writeFileSync(file, PEM);
    expect(collectServerSecrets({ PRIVATE_KEY_PATH: file }, server)).toEqual([PEM]);
    const encoded = Buffer.from(PEM).toString('base64');
    expect(collectServerSecrets({ PRIVATE_KEY: encoded }, server)).toEqual([encoded, PEM]);
  });

  it('collects nothing from an environment without secrets, and survives an unreadable key file', () => {
    expect(collectServerSecrets({ HOME: '/root', PRIVATE_KEY_PATH: join(dir, 'missing.pem'), WEBHOOK_SECRET: '' }, server)).toEqual([]);
  });
});
