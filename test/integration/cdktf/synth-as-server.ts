/**
 * Plays the Sluice server for isolation tests: a separate process whose real environment (as the test
 * starts it) holds secrets, synthesizing an app and printing the result as JSON.
 * Arguments: <appDir> <outDir> <sandbox mode: auto | bubblewrap | off>.
 */
import { synthCdktfApp } from '../../../src/engines/cdktf/synth-app.ts';
import { detectSynthSandbox, type SandboxMode } from '../../../src/engines/cdktf/synth-sandbox.ts';

const [appDir = '', outDir = '', mode = 'auto'] = process.argv.slice(2);
const result = await synthCdktfApp({
  appDir, outDir, timeoutMs: 30_000, outputCapBytes: 1024 * 1024, signal: new AbortController().signal,
  sandbox: detectSynthSandbox(mode as SandboxMode),
});
process.stdout.write(JSON.stringify(result));
