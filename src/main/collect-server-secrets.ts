import type { ServerConfig } from '../config/schema.ts';
import { readAppPrivateKey } from './read-app-private-key.ts';

/** Environment names whose values are treated as secrets whatever the config says. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|CREDENTIAL|(?:^|_)KEY$/i;
/** …unless they name where a secret is kept (PRIVATE_KEY_PATH, GOOGLE_CREDENTIALS_FILE): paths help read errors. */
const LOCATION_NAME = /_(?:PATH|FILE|DIR)$/i;

/**
 * Every secret value this server holds, for the redactor at the code-host boundary: the App's private key
 * (PRIVATE_KEY as given and as PEM, or the file at PRIVATE_KEY_PATH), WEBHOOK_SECRET, DATABASE_URL, the values
 * of every environment name a target refers to (a postgres target's `url_env`, a terraform target's `env`), and
 * every environment variable whose name looks secret. A URL's password is added on its own too, as written and
 * decoded. Installation tokens are per session: add them with `SecretRedactor.withSecrets`.
 * Short values are kept here; the redactor ignores them.
 */
export function collectServerSecrets(env: NodeJS.ProcessEnv, server: Pick<ServerConfig, 'targets'>): string[] {
  const names = [
    'PRIVATE_KEY', 'WEBHOOK_SECRET', 'DATABASE_URL',
    ...Object.values(server.targets).flatMap(targetEnvNames),
    ...Object.keys(env).filter((name) => SECRET_NAME.test(name) && !LOCATION_NAME.test(name)),
  ];
  const values = [...names.map((name) => env[name]), privateKey(env)].filter((v): v is string => v !== undefined && v.trim() !== '');
  return [...new Set(values.flatMap((v) => [v, ...urlPasswords(v)]))];
}

function targetEnvNames(target: ServerConfig['targets'][string]): string[] {
  switch (target.type) {
    case 'postgres':
      return [target.url_env];
    case 'terraform':
      return target.env;
    case 'duckdb':
      return [];
  }
}

/** The PEM Probot signs with; unreadable means the server cannot authenticate, so it posts nothing anyway. */
function privateKey(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return readAppPrivateKey(env);
  } catch {
    return undefined;
  }
}

/** `postgres://user:p%40ss@host/db` → `p%40ss` and `p@ss`. */
function urlPasswords(value: string): string[] {
  if (!value.includes('://')) return [];
  try {
    const { password } = new URL(value.trim());
    if (password === '') return [];
    return [password, safeDecode(password)];
  } catch {
    return [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
