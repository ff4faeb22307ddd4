import { describe, expect, it } from 'vitest';
import { redactMarkdown } from '../../../src/cli/redact-markdown.ts';
import { ServerConfig } from '../../../src/config/schema.ts';

describe('redactMarkdown', () => {
  it("redacts the CLI environment's secrets and the known patterns from --format markdown", () => {
    const server = ServerConfig.parse({ targets: { warehouse: { type: 'postgres', url_env: 'WH_URL' } } });
    const env = { WH_URL: 'postgres://ci:ci-Passw0rd-42@wh:5432/analytics', HOME: '/home/ci' };
    const markdown = '❌ connecting as ci (ci-Passw0rd-42) to wh from /home/ci failed; token ghp_' + 'x1'.repeat(18);
    expect(redactMarkdown(markdown, { env, server })).toBe('❌ connecting as ci ([redacted]) to wh from /home/ci failed; token [redacted]');
  });
});
