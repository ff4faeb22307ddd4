/**
 * What a hostile pull request tries to read — the server's /etc/passwd — and every form in which its
 * content could come back: plain lines, hex (either case) and base64 at each of the three alignments.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export const SECRET_FILE = '/etc/passwd';

const lines = readFileSync(SECRET_FILE, 'utf8').split('\n').filter((l) => l.length >= 8).slice(0, 5);

/** Encodings of `line` that appear in any hex or base64 text of a file holding it. */
function encodings(line: string): string[] {
  const bytes = Buffer.from(line);
  const hex = bytes.toString('hex');
  const base64 = [0, 1, 2].map((k) => {
    const whole = Math.floor((bytes.length - k) / 3) * 3;
    return bytes.subarray(k, k + whole).toString('base64');
  });
  return [line, hex, hex.toUpperCase(), ...base64.filter((b) => b.length >= 8)];
}

export const SECRET_FORMS: readonly string[] = [...new Set(['root:x:0:0', ...lines.flatMap(encodings)])];

/** Fails when `text` holds any line of the file, in any of the forms. */
export function expectNoSecret(text: string): void {
  const found = SECRET_FORMS.filter((form) => text.includes(form) || text.includes(JSON.stringify(form).slice(1, -1)));
  expect(found, 'content of /etc/passwd in the output').toEqual([]);
}
