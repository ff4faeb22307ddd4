import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/render/redact-secrets.ts';

const pem = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('redactSecrets', () => {
  it.each([
    ['a classic GitHub token', `token ghp_${'a1B2'.repeat(9)} used`, 'token [redacted] used'],
    ['a GitHub OAuth token', `gho_${'Z9'.repeat(18)}`, '[redacted]'],
    ['a GitHub App installation token', `https://x-access-token:ghs_${'k'.repeat(36)}@github.com/acme/data.git`, 'https://x-access-token:[redacted]@github.com/acme/data.git'],
    ['a GitHub App token in a header', `x-access-token: ghs_${'k'.repeat(36)}`, 'x-access-token: [redacted]'],
    ['a GitHub user-to-server token', `ghu_${'Q'.repeat(36)}.`, '[redacted].'],
    ['a fine-grained GitHub token', `github_pat_11ABCDEFG0${'x'.repeat(20)}_${'y'.repeat(59)}`, '[redacted]'],
    ['an AWS access key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = [redacted]'],
    ['an AWS secret key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [redacted]'],
    ['an AWS secret key in an env assignment', 'AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', 'AWS_SECRET_ACCESS_KEY="[redacted]"'],
    ['a private key block', `key:\n${pem}\ndone`, 'key:\n[redacted]\ndone'],
    ['a private key in a JSON string', `"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n"`, '"private_key": "[redacted]\\n"'],
    ['a Slack bot token', 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp', '[redacted]'],
    ['a Slack user token', 'slack: xoxp-11111111111-22222222222', 'slack: [redacted]'],
    ['a URL with a password', 'postgres://analytics:s3cr3t!@db.internal:5432/warehouse', 'postgres://analytics:[redacted]@db.internal:5432/warehouse'],
    ['a password assignment', 'connect password=hunter2 host=db', 'connect password=[redacted] host=db'],
    ['a quoted password in YAML', "  db_password: 'hunter2'", "  db_password: '[redacted]'"],
    ['a token assignment', '+ token = "abc.def"', '+ token = "[redacted]"'],
    ['a JSON secret', '{"client_secret": "s3cr3t"}', '{"client_secret": "[redacted]"}'],
    ['a JWT', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'Bearer [redacted]'],
    ['an authorization header', 'Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [redacted]'],
  ])('redacts %s', (_name, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('redacts a private key that was cut short, and only its lines', () => {
    const cut = ['+ key = <<EOT', '+ -----BEGIN OPENSSH PRIVATE KEY-----', '+ b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', '+ AAAAMwAAAAtzc2gtZWQyNTUxOQAAACB', '```'].join('\n');
    expect(redactSecrets(cut)).toBe(['+ key = <<EOT', '+ [redacted]', '```'].join('\n'));
  });

  it.each([
    'Plan: 1 to add, 1 to change, 0 to destroy.',
    '~ tags.owner = "platform" -> "data"',
    'amount DECIMAL(10,2) → DOUBLE; mean 52.10 → 51.87',
    'the password rotation runs nightly; tokens: 3 issued',
    'password = (sensitive)',
    'https://github.com/acme/data/pull/41',
    'AKIA is the prefix of AWS access key ids',
    'max_tokens = 512',
    'secret_id = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-db-AbCdEf"',
    'ghp_short',
    'eyJhbGciOi alone is not a JWT',
    '-----BEGIN PUBLIC KEY-----',
  ])('leaves normal text alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('masks both sides of a change to a secret-named attribute, keeping Terraform placeholders', () => {
    expect(redactSecrets('~ password = "Old-Passw0rd" -> "NewPassw0rd"')).toBe('~ password = "[redacted]" -> "[redacted]"');
    expect(redactSecrets('~ master_password = "[redacted]" -> NewPassw0rd')).toBe('~ master_password = "[redacted]" -> [redacted]');
    expect(redactSecrets('~ password = (sensitive value) -> (known after apply)')).toBe('~ password = (sensitive value) -> (known after apply)');
  });

  it('is idempotent', () => {
    const once = redactSecrets(`password=hunter2 ${pem} postgres://u:p@h/db token: "x"`);
    expect(redactSecrets(once)).toBe(once);
  });
});
