import type { Failure, Problem } from '../core/outcome.ts';
import { formatLocation } from './format-location.ts';
import { fencedBlock, inlineCode, markdownText } from './format-markdown.ts';

/**
 * A failure from an engine or apply: a bold title with its location, the message verbatim
 * in a text block (tool output is not Markdown), every further problem, and the hint.
 */
export function renderFailure(failure: Failure, options: { title: string; fallbackHint?: string }): string {
  const where = failure.location === undefined ? '' : ` at ${inlineCode(formatLocation(failure.location))}`;
  const blocks = [`**❌ ${options.title}**${where}`, fencedBlock([failure.message], 'text')];
  const problems = renderProblems(failure.problems ?? []);
  if (problems !== '') blocks.push(problems);
  const hint = failure.hint ?? options.fallbackHint;
  if (hint !== undefined) blocks.push(`💡 ${hint}`);
  return blocks.join('\n\n');
}

/** A command that could not run: the message as prose (it may quote the command), then the hint. */
export function renderFailureProse(failure: Failure, options: { mark: string }): string {
  const where = failure.location === undefined ? '' : ` (${inlineCode(formatLocation(failure.location))})`;
  const blocks = [`${options.mark} ${markdownText(failure.message)}${where}`];
  const problems = renderProblems(failure.problems ?? []);
  if (problems !== '') blocks.push(problems);
  if (failure.hint !== undefined) blocks.push(`💡 ${failure.hint}`);
  return blocks.join('\n\n');
}

function renderProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const where = p.location === undefined ? '' : `${inlineCode(formatLocation(p.location))}: `;
      return `- ${where}${markdownText(p.message)}`;
    })
    .join('\n');
}
