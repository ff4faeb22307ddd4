/** Small Markdown builders that keep untrusted text from breaking the comment's structure. */

/** Text for HTML contexts (`<summary>`, attributes). */
export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One line of Markdown prose: no line breaks, no raw HTML. */
export function markdownText(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A table cell: prose with pipes escaped. */
export function tableCell(text: string): string {
  return markdownText(text).replace(/\|/g, '\\|');
}

/** A code span that survives backticks in `text`. */
export function inlineCode(text: string): string {
  const value = oneLine(text);
  const ticks = '`'.repeat(longestRun(value, '`') + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

/** A code span inside a table cell. */
export function cellCode(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}

/** `<code>` for HTML contexts such as `<summary>`. */
export function htmlCode(text: string): string {
  return `<code>${htmlText(oneLine(text))}</code>`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fencedBlock(lines: readonly string[], info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(lines.join('\n'), '`') + 1));
  return [`${fence}${info}`, ...lines, fence].join('\n');
}

/** A folded block; `summaryHtml` is already HTML-safe. */
export function folded(summaryHtml: string, body: string): string {
  return `<details><summary>${summaryHtml}</summary>\n\n${body}\n</details>`;
}

/** A stable HTML id for a project's section. */
export function anchorId(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'project' : slug;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
