/**
 * Known secret patterns (tokens, keys, credentials in URLs and assignments) become `[redacted]`: the half of
 * `createSecretRedactor` that needs no list of values, applied with it at the code-host boundary
 * (ARCHITECTURE.md § 5). Engines mask what they know is sensitive; this catches what slipped through.
 * Idempotent: redacting twice gives the same text.
 */
export const REDACTED = '[redacted]';

const SAFE_VALUES = new Set([REDACTED, '(sensitive)', '(sensitive value)', '(known after apply)', 'null', 'undefined', 'true', 'false', '""', "''"]);

type Rule = { readonly pattern: RegExp; readonly replace: (match: string, ...groups: string[]) => string };

const RULES: readonly Rule[] = [
  // PEM private keys, whole block (also inside JSON strings with `\n` escapes).
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g, replace: () => REDACTED },
  // A private key cut short: the BEGIN line and the base64 lines after it.
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[^\n]*(?:\n[\s+\-"'>|]*[A-Za-z0-9+/=]{16,}["',]?[ \t]*(?=\n|$))*/g, replace: () => REDACTED },
  // Credentials in URLs: keep the scheme and user, drop the password.
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):([^\s@/]+)@/gi, replace: (_m, head) => `${head}:${REDACTED}@` },
  // GitHub tokens: classic (ghp_, gho_, ghs_, ghu_, ghr_) and fine-grained (github_pat_).
  { pattern: /\bgh[opsur]_[A-Za-z0-9]{20,255}\b/g, replace: () => REDACTED },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,255}\b/g, replace: () => REDACTED },
  // AWS access key ids (long-term AKIA, temporary ASIA).
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: () => REDACTED },
  // AWS secret access keys after their name.
  {
    pattern: /(aws_secret_access_key["']?\s*[=:]\s*["']?)([A-Za-z0-9/+=]{20,})/gi,
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  // Slack tokens.
  { pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g, replace: () => REDACTED },
  // JWTs: base64url header and payload both start with `{"`.
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => REDACTED },
  // Authorization headers.
  { pattern: /(\bauthorization["']?\s*[=:]\s*["']?(?:bearer|basic|token)\s+)([^\s"',;]+)/gi, replace: (_m, head) => `${head}${REDACTED}` },
  // `password=…`, `DB_PASSWORD: …`, `api_token = "…"` and the like; not an ARN's `:secret:name` segment.
  {
    pattern: /(?<!:)(\b[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api_?key)["']?\s*[=:]\s*)(\((?:sensitive value|known after apply)\)|"[^"\n]*"|'[^'\n]*'|(?!\[redacted\])[^\s"',;&]+)/gi,
    replace: (match, head, value) => (SAFE_VALUES.has(value) ? match : `${head}${quoteLike(value)}`),
  },
  // The new side of a change to such an attribute: `password = "[redacted]" -> "NewPassw0rd"`.
  {
    pattern: /(\b[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api_?key)["']?\s*[=:]\s*["']?\[redacted\]["']?\s*->\s*)("[^"\n]*"|'[^'\n]*'|(?!\[redacted\])[^\s"',;&]+)/gi,
    replace: (match, head, value) => (SAFE_VALUES.has(value) || value.startsWith('(') ? match : `${head}${quoteLike(value)}`),
  },
];

export function redactSecrets(text: string): string {
  return RULES.reduce((out, rule) => out.replace(rule.pattern, rule.replace), text);
}

function quoteLike(value: string): string {
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  return `${quote}${REDACTED}${quote}`;
}
