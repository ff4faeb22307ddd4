import { splitMarkdown } from './split-markdown.ts';

/** GitHub's limit on a comment body. */
export const COMMENT_LIMIT = 65_536;

export type SplitOptions = {
  /** Maximum characters per part; defaults to GitHub's 65,536. */
  readonly limit?: number;
  /** The sticky comment's hidden marker line, e.g. `<!-- sluice:summary -->`. */
  readonly marker: string;
};

const CONTINUED_NOTE = '_(continued from the previous comment)_';
const CONTINUES_NOTE = '_(continued in the next comment)_';

/**
 * Splits a rendered comment into parts of at most `limit` characters, cutting only between lines,
 * never inside a code fence or a `<details>` (they are closed and reopened across parts).
 * Every part starts with `marker` and a part marker (`<!-- sluice:summary part 2/3 -->`).
 * A comment within the limit is returned as one part, unchanged.
 */
export function splitComment(markdown: string, options: SplitOptions): string[] {
  const limit = options.limit ?? COMMENT_LIMIT;
  if (markdown.length <= limit) return [markdown];
  const body = stripMarker(markdown, options.marker);
  let digits = 1;
  for (;;) {
    const room = limit - headerReserve(options.marker, digits);
    const chunks = splitMarkdown(body, room);
    if (String(chunks.length).length <= digits) return chunks.map((chunk, i) => assemble(chunk, i + 1, chunks.length, options.marker));
    digits = String(chunks.length).length;
  }
}

/** `<!-- sluice:summary -->` → `<!-- sluice:summary part 2/3 -->`. */
export function partMarker(marker: string, part: number, total: number): string {
  const inner = /^<!--\s*(.*?)\s*-->$/.exec(marker.trim())?.[1] ?? 'sluice';
  return `<!-- ${inner} part ${part}/${total} -->`;
}

function assemble(chunk: readonly string[], part: number, total: number, marker: string): string {
  const head = part === 1 ? [marker, partMarker(marker, part, total)] : [marker, partMarker(marker, part, total), CONTINUED_NOTE, ''];
  const tail = part < total ? ['', CONTINUES_NOTE] : [];
  return [...head, ...chunk, ...tail].join('\n');
}

/** Characters taken by the widest header and footer, with their line breaks. */
function headerReserve(marker: string, digits: number): number {
  const widest = partMarker(marker, 10 ** digits - 1, 10 ** digits - 1);
  const head = [marker, widest, CONTINUED_NOTE, ''].join('\n').length + 1;
  const tail = ['', CONTINUES_NOTE].join('\n').length + 1;
  return head + tail;
}

function stripMarker(text: string, marker: string): string {
  const [first, ...rest] = text.split('\n');
  return first === marker ? rest.join('\n') : text;
}
