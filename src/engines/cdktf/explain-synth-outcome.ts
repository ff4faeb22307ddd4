import { failure, ok, type Failure, type Result } from '../../core/outcome.ts';
import { locateSynthError, outputTail } from './locate-synth-error.ts';
import type { SynthProcessOutcome } from './run-synth-process.ts';

const TAIL = { lines: 40, chars: 4_000 };

export type ExplainOptions = { readonly appDir: string; readonly command: string; readonly timeoutMs: number; readonly outputCapBytes: number };

/**
 * Turns how the synth child ended into the output text or a Failure for the user: what went wrong, where in
 * the app (file and line from its output), and the tail of the output. Nothing is redacted here; the text
 * is redacted where it leaves for the code host (redacting-code-host.ts).
 */
export function explainSynthOutcome(outcome: SynthProcessOutcome, options: ExplainOptions): Result<string> {
  switch (outcome.kind) {
    case 'exited':
      if (outcome.code === 0) return ok(outcome.output);
      return appFailed(outcome, options);
    case 'aborted':
      return failure('cancelled', 'synth cancelled; the app was stopped');
    case 'timeout':
      return withTail(`the app did not finish within ${seconds(options.timeoutMs)}; it was stopped`, outcome.output, {
        hint: 'Make the app synthesize faster (no network calls during synth), or ask the Sluice operator for a longer synth timeout.',
      });
    case 'output-cap':
      return withTail(`the app wrote more than ${options.outputCapBytes} bytes of output; it was stopped`, outcome.output, {});
    case 'spawn-error':
      return failure('engine_failed', `running "${options.command}": ${outcome.error.message}`, {
        location: { file: 'cdktf.json' },
        hint: 'Check the "app" command in cdktf.json and that the app\'s dependencies are installed.',
      });
  }
}

function appFailed(outcome: Extract<SynthProcessOutcome, { kind: 'exited' }>, options: ExplainOptions): Failure {
  const found = locateSynthError(outcome.output, options.appDir);
  const how = outcome.exitSignal === null ? `exited with code ${outcome.code ?? '?'}` : `was killed by ${outcome.exitSignal}`;
  const where = found.location === undefined ? '' : ` (${found.location.file}:${found.location.line ?? ''})`;
  const what = found.message === undefined ? `"${options.command}" ${how}` : `${found.message}${where}`;
  return withTail(what, outcome.output, found.location === undefined ? {} : { location: found.location });
}

function withTail(message: string, output: string, extra: Parameters<typeof failure>[2]): Failure {
  const tail = outputTail(output, TAIL);
  return failure('engine_failed', tail === '' ? message : `${message}\n\n${tail}`, extra);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
