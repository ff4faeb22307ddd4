import { readFileSync } from 'node:fs';

/**
 * The App's private key as Probot reads it: PRIVATE_KEY (PEM, with `\n` escapes, or base64 of the PEM),
 * else the file at PRIVATE_KEY_PATH. Empty when neither is set (Probot then refuses to start).
 */
export function readAppPrivateKey(env: NodeJS.ProcessEnv): string {
  const inline = env['PRIVATE_KEY'];
  if (inline) {
    const pem = inline.includes('-----BEGIN') ? inline : Buffer.from(inline, 'base64').toString('utf8');
    return pem.replace(/\\n/g, '\n');
  }
  const path = env['PRIVATE_KEY_PATH'];
  return path ? readFileSync(path, 'utf8') : '';
}
