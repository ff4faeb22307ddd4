import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from '../../../src/render/create-secret-redactor.ts';
import { REDACTED } from '../../../src/render/redact-secrets.ts';
import { MIN_SECRET_LENGTH } from '../../../src/render/secret-forms.ts';

const SECRET = 'Tr0ub4dor&3-horse';
const redactor = createSecretRedactor([SECRET]);
const redact = redactor.redact;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Whether any of the secret's characters-in-order survive as a run of 8 (what a reader could reassemble). */
const leaks = (text: string, secret: string) =>
  Array.from({ length: secret.length - MIN_SECRET_LENGTH + 1 }, (_, i) => secret.slice(i, i + MIN_SECRET_LENGTH)).some((run) => text.includes(run));

describe('createSecretRedactor', () => {
  it.each([
    ['plain', SECRET],
    ['hex', Buffer.from(SECRET).toString('hex')],
    ['upper-case hex', Buffer.from(SECRET).toString('hex').toUpperCase()],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['base64', base64(SECRET)],
    ['URL-safe base64', base64url(SECRET)],
    ['spaced out', [...SECRET].join(' ')],
    ['hyphenated', [...SECRET].join('-')],
    ['dotted', [...SECRET].join('.')],
    ['comma separated', [...SECRET].join(', ')],
    ['one character a line', [...SECRET].join('\n')],
  ])('redacts the %s form, inside other text', (_name, form) => {
    const out = redact(`before>${form}<after`);
    expect(out).toBe(`before>${REDACTED}<after`);
  });

  it('finds the secret inside a longer base64 string at every alignment, in both alphabets', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'user:', 'Basic x-access-token:']) {
      for (const suffix of ['', 'z', 'yz', '\n{"more":1}']) {
        for (const encode of [base64, base64url]) {
          const encoded = encode(`${prefix}${SECRET}${suffix}`);
          const out = redact(`header ${encoded} end`);
          expect(out, `${prefix}|${suffix}`).toContain(REDACTED);
          expect(out.length, `${prefix}|${suffix}`).toBeLessThan(`header ${encoded} end`.length);
          const [left = '', right = ''] = out.slice('header '.length, -' end'.length).split(REDACTED);
          // Only the edge characters that also depend on the neighbouring bytes remain.
          expect(left.length).toBeLessThanOrEqual(Math.ceil((prefix.length * 8) / 6));
          expect(right.replace(/=+$/, '').length).toBeLessThanOrEqual(Math.ceil((suffix.length * 8) / 6) + 1);
        }
      }
    }
  });

  it('redacts a secret with multi-byte characters in every byte encoding', () => {
    const secret = 'pässwörd-日本語-🔑';
    const { redact: r } = createSecretRedactor([secret]);
    for (const form of [secret, base64(secret), Buffer.from(secret).toString('hex'), encodeURIComponent(secret), [...secret].join(' ')]) {
      expect(r(`[${form}]`)).toBe(`[${REDACTED}]`);
    }
  });

  it('redacts a secret cut short by an ellipsis, keeping the ellipsis', () => {
    expect(redact(`title: connecting with ${SECRET.slice(0, 10)}…`)).toBe(`title: connecting with ${REDACTED}…`);
    expect(redact(`…${SECRET.slice(-9)} was the tail`)).toBe(`…${REDACTED} was the tail`);
  });

  it('treats regular-expression characters in a secret literally', () => {
    const secret = 'a.b*c+d?(e)[f]{g}|h\\^$';
    const { redact: r } = createSecretRedactor([secret]);
    expect(r(`x ${secret} y`)).toBe(`x ${REDACTED} y`);
    expect(r('x aXb*c+d?(e)[f]{g}|h\\^$ y')).toBe('x aXb*c+d?(e)[f]{g}|h\\^$ y');
  });

  it(`ignores secrets shorter than ${MIN_SECRET_LENGTH} characters, after trimming`, () => {
    const { redact: r, secretCount } = createSecretRedactor(['hunter2', '  abc  ', '', 'exactly8']);
    expect(secretCount).toBe(1);
    expect(r('hunter2 and abc stay; exactly8 goes')).toBe(`hunter2 and abc stay; ${REDACTED} goes`);
  });

  it('still redacts the known patterns, with or without secrets', () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    expect(createSecretRedactor([]).redact(`token ${token}`)).toBe(`token ${REDACTED}`);
    expect(redact(`connect password=hunter2 with ${SECRET}`)).toBe(`connect password=${REDACTED} with ${REDACTED}`);
  });

  it('redacts the union where two secrets overlap', () => {
    const { redact: r } = createSecretRedactor(['abcdefghij', 'ghijklmnop']);
    expect(r('>abcdefghijklmnop<')).toBe(`>${REDACTED}<`);
  });

  it('adds secrets with withSecrets, leaving the original redactor as it was', () => {
    const token = 'v1.0123456789abcdef0123456789abcdef';
    const session = redactor.withSecrets([token]);
    expect(session.redact(`${SECRET} ${token}`)).toBe(`${REDACTED} ${REDACTED}`);
    expect(redactor.redact(`${SECRET} ${token}`)).toBe(`${REDACTED} ${token}`);
    expect(session.secretCount).toBe(redactor.secretCount + 1);
  });

  describe('a PEM private key', () => {
    const { privateKey: pem } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const { redact: r } = createSecretRedactor([pem]);
    const bodyLines = pem.trim().split('\n').slice(1, -1);

    it('is redacted whole, JSON-escaped, and base64-encoded (as PRIVATE_KEY may hold it)', () => {
      expect(r(`key:\n${pem}done`)).toBe(`key:\n${REDACTED}\ndone`);
      expect(r(JSON.stringify({ key: pem }))).toBe(`{"key":"${REDACTED}\\n"}`);
      expect(r(`PRIVATE_KEY=${base64(pem)}`)).toBe(`PRIVATE_KEY=${REDACTED}`);
    });

    it('is redacted by its body lines when only some of them are printed', () => {
      const excerpt = `+ ${bodyLines[3]}\n+ ${bodyLines[4]}\n+ ${bodyLines.at(-2)}`;
      const out = r(excerpt);
      expect(out).toBe(`+ ${REDACTED}\n+ ${REDACTED}\n+ ${REDACTED}`);
      for (const line of bodyLines) expect(leaks(out, line)).toBe(false);
    });
  });

  describe('stays out of the way', () => {
    const realistic = createSecretRedactor([
      SECRET, 'postgres://sluice:s3cr3t-Pa55@db.internal:5432/warehouse', 'whsec_4f9b2c7d1e8a', `ghs_${'Qx7'.repeat(12)}`,
      'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ]);

    it.each([
      'Plan: 1 to add, 1 to change, 0 to destroy.',
      'postgres://db.internal:5432/warehouse is the target',
      'the postgres… target',
      'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
      'SGVsbG8sIHdvcmxkIQ==',
      'h o r s e   b a t t e r y',
    ])('leaves ordinary text alone: %s', (text) => {
      expect(realistic.redact(text)).toBe(text);
    });

    it('leaves every golden comment unchanged', () => {
      const dir = join(import.meta.dirname, '../../golden');
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(realistic.redact(text), file).toBe(text);
      }
    });
  });

  it('is idempotent, also for secrets that overlap the marker and for mixed encodings', () => {
    const secrets = [SECRET, 'redacted', 'ed]xyzw12', '[redac-tion', 'abcdefghij', 'ghijklmnop'];
    const { redact: r } = createSecretRedactor(secrets);
    const fragments = [...secrets, REDACTED, '[', ']', 'password=', 'x', ' ', '\n', '…', base64(SECRET), [...SECRET].join(' '), SECRET.slice(0, 9), 'ghp_'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let n = 0; n < 500; n += 1) {
      const text = Array.from({ length: 1 + (next() % 8) }, () => fragments[next() % fragments.length]).join('');
      const once = r(text);
      expect(r(once), JSON.stringify(text)).toBe(once);
      expect(once.includes(SECRET), JSON.stringify(text)).toBe(false);
    }
  });
});
