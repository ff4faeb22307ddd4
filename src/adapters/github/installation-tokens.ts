import { createAppAuth } from '@octokit/auth-app';
import { request } from '@octokit/request';

export type GitHubAppCredentials = {
  readonly appId: number | string;
  readonly privateKey: string;
  /** The REST API root: `https://api.github.com`, or `<protocol>://<GHE_HOST>/api/v3` on GitHub Enterprise Server. */
  readonly baseUrl: string;
};

/** Hands out an installation's access token (for git over HTTPS); tokens are cached until shortly before they expire. */
export type InstallationTokens = (installationId: number) => Promise<string>;

/**
 * Installation tokens from the App's own credentials, exchanged at the configured API host. Probot's
 * `octokit.auth({ type: 'installation' })` exchanges at api.github.com whatever the host (its auth strategy
 * is built with a default `request`), which broke every job on GitHub Enterprise Server.
 */
export function createInstallationTokens(credentials: GitHubAppCredentials): InstallationTokens {
  const auth = createAppAuth({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    request: request.defaults({ baseUrl: credentials.baseUrl.replace(/\/+$/, '') }),
  });
  return async (installationId) => (await auth({ type: 'installation', installationId })).token;
}

/** The REST API root Probot derives from GHE_HOST / GHE_PROTOCOL (github.com without them). */
export function gitHubBaseUrl(env: { readonly GHE_HOST?: string; readonly GHE_PROTOCOL?: string }): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL || 'https'}://${env.GHE_HOST}/api/v3` : 'https://api.github.com';
}
