import type { TestOutcome } from '../core/plan.ts';
import { failedTests } from '../core/plan.ts';
import { formatLocation } from './format-location.ts';
import { folded, inlineCode, markdownText, plural } from './format-markdown.ts';

/** The summary table's tests cell: `✅ 14 passed`, `❌ 1 failed, 13 passed`, `—`. */
export function testsCell(tests: readonly TestOutcome[]): string {
  if (tests.length === 0) return '—';
  const failed = failedTests({ tests }).length;
  const passed = tests.filter((t) => t.status === 'passed').length;
  const skipped = tests.length - failed - passed;
  const parts = [failed > 0 ? `${failed} failed` : '', passed > 0 ? `${passed} passed` : '', skipped > 0 ? `${skipped} skipped` : ''];
  const mark = failed > 0 ? '❌' : passed > 0 ? '✅' : '⏭️';
  return `${mark} ${parts.filter((p) => p !== '').join(', ')}`;
}

/** Failing tests, each with where and why; empty when none failed. */
export function renderFailingTests(tests: readonly TestOutcome[]): string {
  const failing = failedTests({ tests });
  if (failing.length === 0) return '';
  const lines = failing.map((t) => `- ${testLine(t)}`);
  return [`**❌ ${failing.length} of ${plural(tests.length, 'test')} failed**`, '', ...lines].join('\n');
}

/** Passing and skipped tests, folded; empty when there are none. */
export function renderOtherTests(tests: readonly TestOutcome[]): string {
  const passed = tests.filter((t) => t.status === 'passed');
  const skipped = tests.filter((t) => t.status === 'skipped');
  if (passed.length + skipped.length === 0) return '';
  const title = [passed.length > 0 ? `✅ ${plural(passed.length, 'test')} passed` : '', skipped.length > 0 ? `${skipped.length} skipped` : '']
    .filter((p) => p !== '')
    .join(', ');
  const lines = [...passed, ...skipped].map((t) => `- ${testLine(t)}`);
  return folded(title, lines.join('\n'));
}

const STATUS_MARK: Readonly<Record<TestOutcome['status'], string>> = { passed: '✅', failed: '❌', errored: '💥', skipped: '⏭️' };

function testLine(test: TestOutcome): string {
  const where = test.location === undefined ? '' : ` at ${inlineCode(formatLocation(test.location))}`;
  const why = test.message === undefined || test.status === 'passed' ? '' : ` — ${markdownText(test.message)}`;
  const errored = test.status === 'errored' ? ' (errored)' : '';
  return `${STATUS_MARK[test.status]} ${inlineCode(test.name)}${errored}${where}${why}`;
}
