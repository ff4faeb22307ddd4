/**
 * The shapes one secret value can take in text, as regular-expression sources: plain, base64 (standard and
 * URL-safe, at each of the three byte alignments so it is found inside a longer base64 string), hex (lower
 * and upper case), URL-encoded, JSON-escaped (once and twice), spaced out (`s e c r e t`, `s-e-c-r-e-t`), and
 * cut short by Sluice's own shortening (`secr…`, `…cret`). Pure: no I/O.
 */

/** Secrets shorter than this are not redacted by value: short values match ordinary text too often. */
export const MIN_SECRET_LENGTH = 8;

/** Longer secrets (a PEM key) get no spaced or cut-short forms: their regexes would be large and such text is unlikely. */
const MAX_PATTERN_SECRET_LENGTH = 256;

/** Between the characters of a spaced-out secret: a little whitespace, or one separator with optional spaces. */
const SEPARATOR = String.raw`(?:\s{1,3}|\s?[-_.,:;|/+*]\s?)`;

/** Sluice shortens text with `…`; a secret cut there is redacted by what is left of it. */
const ELLIPSIS = '…';

/** Every regex source for `secret`, longest shapes first; empty for a secret shorter than `MIN_SECRET_LENGTH`. */
export function secretFormSources(secret: string): string[] {
  const trimmed = secret.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return [];
  // With whitespace around it (a key file's last newline), a value matters only base64-encoded whole; as text, its trimmed self is redacted.
  if (trimmed !== secret) return longestFirst(base64Forms(Buffer.from(secret, 'utf8')));
  return [...patternForms(secret), ...longestFirst(literalForms(secret))];
}

function longestFirst(forms: readonly string[]): string[] {
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length).map(escapeRegExp);
}

/** The exact strings a secret is written as. */
export function literalForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const json = JSON.stringify(secret).slice(1, -1);
  const hex = bytes.toString('hex');
  return [
    secret,
    ...base64Forms(bytes),
    hex,
    hex.toUpperCase(),
    encodeURIComponent(secret),
    json,
    JSON.stringify(json).slice(1, -1),
  ];
}

/**
 * Base64 of `bytes`: whole (with its padding), and as it appears inside any longer base64 text: for a start at
 * byte offset 0, 1 or 2 of a 3-byte group, encode behind that many zero bytes and keep only the characters that
 * depend on `bytes` alone (one or two characters at each edge also depend on the neighbours and stay). Standard
 * and URL-safe alphabets.
 */
export function base64Forms(bytes: Uint8Array): string[] {
  const whole = Buffer.from(bytes).toString('base64');
  const inner = [0, 1, 2].map((offset) => {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    return padded.toString('base64').slice(Math.ceil((offset * 8) / 6), Math.floor((padded.length * 8) / 6));
  });
  return [whole, whole.replace(/=+$/, ''), ...inner].flatMap((form) => [form, form.replace(/\+/g, '-').replace(/\//g, '_')]);
}

/** The base64 lines between a PEM block's BEGIN and END lines, each redacted on its own when the key is printed in part. */
export function pemBodyLines(secret: string): string[] {
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(secret)) return [];
  return secret
    .replace(/\\n/g, '\n')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= MIN_SECRET_LENGTH && /^[A-Za-z0-9+/=]+$/.test(line));
}

/** Spaced out and cut short; not for long secrets, nor cut short for URLs (their start is no secret; the password is one of its own). */
function patternForms(secret: string): string[] {
  const chars = [...secret];
  if (chars.length > MAX_PATTERN_SECRET_LENGTH) return [];
  const spaced = chars.map(escapeRegExp).join(SEPARATOR);
  if (chars.length <= MIN_SECRET_LENGTH || secret.includes('://')) return [spaced];
  return [spaced, cutAtEnd(chars), cutAtStart(chars)];
}

/** `secr…`: the first `MIN_SECRET_LENGTH` or more characters, then the ellipsis. */
function cutAtEnd(chars: readonly string[]): string {
  let rest = '';
  for (let i = chars.length - 1; i >= MIN_SECRET_LENGTH; i -= 1) rest = `(?:${escapeRegExp(chars[i]!)}${rest})?`;
  return `${chars.slice(0, MIN_SECRET_LENGTH).map(escapeRegExp).join('')}${rest}${ELLIPSIS}`;
}

/** `…cret`: the ellipsis, then the last `MIN_SECRET_LENGTH` or more characters. */
function cutAtStart(chars: readonly string[]): string {
  const keep = chars.length - MIN_SECRET_LENGTH;
  let head = '';
  for (let i = 0; i < keep; i += 1) head = `(?:${head}${escapeRegExp(chars[i]!)})?`;
  return `${ELLIPSIS}${head}${chars.slice(keep).map(escapeRegExp).join('')}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
