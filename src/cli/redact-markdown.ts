import type { ServerConfig } from '../config/schema.ts';
import { collectServerSecrets } from '../main/collect-server-secrets.ts';
import { createSecretRedactor } from '../render/create-secret-redactor.ts';

/**
 * `--format markdown` is made to be posted on a pull request (from CI, say), so it is redacted as the server
 * redacts at its code-host boundary: known secret patterns, and the secret values of this environment and
 * config. Terminal text and JSON are not redacted: they stay with the user, who needs to see real errors.
 */
export function redactMarkdown(markdown: string, options: { env: NodeJS.ProcessEnv; server: Pick<ServerConfig, 'targets'> }): string {
  return createSecretRedactor(collectServerSecrets(options.env, options.server)).redact(markdown);
}
