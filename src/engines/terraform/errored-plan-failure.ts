import { failure, type Failure } from '../../core/outcome.ts';

const STDERR_LINES = 20;

/**
 * The failure for a plan Terraform marked `errored: true` (or a failed `plan` run): what the binary said,
 * last lines first to go when long, and what to do next.
 */
export function erroredPlanFailure(options: { binary: string; stderr?: string }): Failure {
  const said = lastLines(options.stderr ?? '', STDERR_LINES);
  const message = said === ''
    ? `${options.binary} plan errored: the plan is incomplete and cannot be applied`
    : `${options.binary} plan errored: ${said}`;
  return failure('engine_failed', message, { hint: `Fix the errors ${options.binary} reports and push; Sluice plans again on every push.` });
}

/** The last `count` non-empty lines of process output, without ANSI colours. */
export function lastLines(text: string, count: number): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '').slice(-count).join('\n');
}
