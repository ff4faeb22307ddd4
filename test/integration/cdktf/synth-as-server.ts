/**
 * Plays the Sluice server for isolation tests: a separate process whose real environment (as the test
 * starts it) holds secrets, synthesizing an app and printing the result as JSON.
 * Arguments: <appDir> <outDir> <sandbox argv as JSON>.
 */
import { synthCdktfApp } from '../../../src/engines/cdktf/synth-app.ts';

const [appDir = '', outDir = '', sandbox = '[]'] = process.argv.slice(2);
const result = await synthCdktfApp({
  appDir, outDir, timeoutMs: 30_000, outputCapBytes: 1024 * 1024, signal: new AbortController().signal,
  sandbox: JSON.parse(sandbox) as string[],
});
process.stdout.write(JSON.stringify(result));
