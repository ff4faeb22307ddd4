import { REDACTED, redactSecrets } from './redact-secrets.ts';
import { MIN_SECRET_LENGTH, pemBodyLines, secretFormSources } from './secret-forms.ts';

/** Redacts text on its way to the code host (ARCHITECTURE.md § 5). */
export type SecretRedactor = {
  /**
   * `text` with every form of every secret (see `secret-forms.ts`) and every known secret pattern
   * (`redact-secrets.ts`) replaced by `[redacted]`. Idempotent. It may lengthen text (a short
   * `password=x` becomes `password=[redacted]`): length limits are applied after it.
   */
  readonly redact: (text: string) => string;
  /** A redactor that also redacts `secrets`, e.g. a session's installation token; this one is unchanged. */
  readonly withSecrets: (secrets: readonly string[]) => SecretRedactor;
  /** How many values are redacted by value (short ones ignored, a PEM key's lines included), for a log line at startup. */
  readonly secretCount: number;
};

/**
 * A redactor for the values the server holds. Values shorter than `MIN_SECRET_LENGTH` (8) characters, after
 * trimming, are ignored; a PEM key is also redacted line by line. One regex per secret, compiled here once.
 */
export function createSecretRedactor(secrets: readonly string[]): SecretRedactor {
  return withCompiled(new Map(), secrets);
}

function withCompiled(known: ReadonlyMap<string, RegExp>, secrets: readonly string[]): SecretRedactor {
  const compiled = new Map(known);
  for (const secret of expand(secrets)) {
    if (!compiled.has(secret)) compiled.set(secret, new RegExp(secretFormSources(secret).join('|'), 'g'));
  }
  const patterns = [...compiled.values()];
  return {
    redact: (text) => redactSecrets(redactValues(text, patterns)),
    withSecrets: (more) => withCompiled(compiled, more),
    secretCount: compiled.size,
  };
}

/** Trimmed, and as given when that differs (a key file ends with a newline), with a PEM key's body lines; no short ones. */
function expand(secrets: readonly string[]): string[] {
  return secrets.flatMap((secret) => {
    const trimmed = secret.trim();
    return trimmed.length < MIN_SECRET_LENGTH ? [] : [trimmed, secret, ...pemBodyLines(secret)];
  });
}

/**
 * Text between existing `[redacted]` markers is redacted piece by piece, so no match can span a marker: a second
 * pass finds nothing new. Where matches of different secrets overlap, their union is redacted.
 */
function redactValues(text: string, patterns: readonly RegExp[]): string {
  if (patterns.length === 0) return text;
  return text.split(REDACTED).map((piece) => redactPiece(piece, patterns)).join(REDACTED);
}

type Span = { start: number; end: number };

function redactPiece(piece: string, patterns: readonly RegExp[]): string {
  const spans: Span[] = [];
  for (const pattern of patterns) {
    for (const match of piece.matchAll(pattern)) spans.push(keepEllipsis(match[0], match.index));
  }
  if (spans.length === 0) return piece;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of mergeOverlapping(spans)) {
    out += `${piece.slice(at, span.start)}${REDACTED}`;
    at = span.end;
  }
  return out + piece.slice(at);
}

/** A secret cut short (`secr…`) is redacted; the ellipsis stays, so the reader sees the text was shortened. */
function keepEllipsis(match: string, index: number): Span {
  const start = match.startsWith('…') ? index + 1 : index;
  const end = match.endsWith('…') ? index + match.length - 1 : index + match.length;
  return { start, end };
}

function mergeOverlapping(sorted: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
