import { isAbsolute } from 'node:path';
import { AppError } from '../../core/outcome.ts';

/**
 * Validation of everything that reaches a git argument vector. Values come from webhook payloads and config;
 * simple-git never uses a shell, so the risks are option injection (a leading `-`) and odd ref syntax.
 */

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const FORBIDDEN_IN_REF = /[ ~^:?*[\\]/;

/** ASCII control characters (and DEL). */
function hasControl(value: string): boolean {
  return [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

function invalid(what: string, value: string): AppError {
  return new AppError('git', `validating ${what}: ${JSON.stringify(value)} is not allowed`);
}

/** Clone URLs may embed credentials: never echo them. */
function invalidUrl(): AppError {
  return new AppError('git', 'validating clone URL: only https, http, ssh, git, file URLs and absolute paths are allowed');
}

/** A branch name as `git check-ref-format --branch` accepts it, minus anything that could read as an option. */
export function assertRefName(name: string, what: string): string {
  const ok = name.length > 0 && name.length <= 255
    && !name.startsWith('-') && !name.startsWith('/') && !name.endsWith('/') && !name.endsWith('.') && !name.endsWith('.lock')
    && !name.includes('..') && !name.includes('//') && !name.includes('@{') && name !== '@'
    && !FORBIDDEN_IN_REF.test(name) && !hasControl(name) && !name.split('/').some((part) => part.startsWith('.'));
  if (!ok) throw invalid(what, name);
  return name;
}

export function assertSha(sha: string, what: string): string {
  if (!SHA.test(sha)) throw invalid(what, sha);
  return sha;
}

/** `owner/name` → two directory names that cannot escape the root. */
export function repoSegments(repo: string): [string, string] {
  const parts = repo.split('/');
  const [owner, name] = parts;
  const safe = (s: string | undefined): s is string => s !== undefined && SEGMENT.test(s) && !/^\.+$/.test(s);
  if (parts.length !== 2 || !safe(owner) || !safe(name)) throw invalid('repository name', repo);
  return [owner, name];
}

export function assertPrNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n <= 0) throw invalid('pull request number', String(n));
  return n;
}

/** A repo-relative POSIX file path: no leading `/`, no `..`, no empty segment. A leading `./` is dropped. */
export function repoFilePath(path: string): string {
  const normalized = path.replace(/^(?:\.\/)+/, '');
  const parts = normalized.split('/');
  const ok = normalized.length > 0 && !hasControl(normalized)
    && parts.every((p) => p.length > 0 && p !== '.' && p !== '..');
  if (!ok) throw invalid('file path', path);
  return normalized;
}

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const SCP_LIKE = /^[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+:[A-Za-z0-9_./~-]+$/;
const SCHEMES = new Set(['https', 'http', 'ssh', 'git', 'file']);

/** The remote URL with any embedded credentials removed; only https, http, ssh, git, file and local paths. */
export function remoteUrl(cloneUrl: string): string {
  if (cloneUrl.startsWith('-') || hasControl(cloneUrl)) throw invalidUrl();
  const scheme = URL_SCHEME.exec(cloneUrl)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (isAbsolute(cloneUrl) || SCP_LIKE.test(cloneUrl)) return cloneUrl;
    throw invalidUrl();
  }
  if (!SCHEMES.has(scheme)) throw invalidUrl();
  if (scheme !== 'https' && scheme !== 'http') return cloneUrl;
  const url = new URL(cloneUrl);
  url.username = '';
  url.password = '';
  return url.toString();
}

/**
 * Git configuration, passed through the environment (never argv, never .git/config), that sends the installation
 * token as a Basic auth header to the clone URL's host. Only over https.
 */
export function authEnv(remote: string, token: string | undefined): Record<string, string> {
  if (token === undefined || token === '' || !remote.toLowerCase().startsWith('https://')) return {};
  const { origin } = new URL(remote);
  const credentials = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${credentials}`,
  };
}
