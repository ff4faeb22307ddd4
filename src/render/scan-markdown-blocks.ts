/**
 * Tracks the blocks a line of Markdown leaves open: code fences (``` or ~~~, any length) and
 * `<details>` elements outside fences. Used to cut a document without breaking either.
 */
export type OpenBlock =
  | { readonly type: 'fence'; readonly openLine: string; readonly indent: string; readonly marker: string }
  | { readonly type: 'details'; readonly openLine: string };

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
const DETAILS_TAG = /<details\b[^>]*>|<\/details\s*>/gi;

/** The stack of open blocks after `line`; the input stack is not modified. */
export function scanLine(open: readonly OpenBlock[], line: string): readonly OpenBlock[] {
  const top = open.at(-1);
  if (top?.type === 'fence') return closesFence(top, line) ? open.slice(0, -1) : open;
  const fence = FENCE_OPEN.exec(line);
  if (fence !== null && !(fence[2]!.startsWith('`') && fence[3]!.includes('`'))) {
    return [...open, { type: 'fence', openLine: line, indent: fence[1]!, marker: fence[2]! }];
  }
  if (!line.trimStart().startsWith('<')) return open;
  return scanDetailsTags(open, line);
}

/** Lines that close every open block, innermost first. */
export function closingLines(open: readonly OpenBlock[]): string[] {
  return open.toReversed().map((b) => (b.type === 'fence' ? `${b.indent}${b.marker}` : '</details>'));
}

/** Lines that reopen the blocks in a new part, outermost first. */
export function reopeningLines(open: readonly OpenBlock[]): string[] {
  return open.flatMap((b) => (b.type === 'fence' ? [b.openLine] : [continuedDetails(b.openLine), '']));
}

function closesFence(fence: Extract<OpenBlock, { type: 'fence' }>, line: string): boolean {
  const trimmed = line.trim();
  const char = fence.marker[0]!;
  return trimmed.length >= fence.marker.length && [...trimmed].every((c) => c === char);
}

function scanDetailsTags(open: readonly OpenBlock[], line: string): readonly OpenBlock[] {
  let stack = open;
  for (const [tag] of line.matchAll(DETAILS_TAG)) {
    if (!tag.startsWith('</')) stack = [...stack, { type: 'details', openLine: line }];
    else if (stack.at(-1)?.type === 'details') stack = stack.slice(0, -1);
  }
  return stack;
}

/** `<details><summary>x</summary>` → `<details><summary>x (continued)</summary>`; just the tag otherwise. */
function continuedDetails(openLine: string): string {
  const match = /^\s*(<details\b[^>]*>)\s*(<summary>[\s\S]*?)<\/summary>/i.exec(openLine);
  if (match === null) return `${/<details\b[^>]*>/i.exec(openLine)?.[0] ?? '<details>'}<summary>(continued)</summary>`;
  return `${match[1]}${match[2]} (continued)</summary>`;
}
