import { closingLines, reopeningLines, scanLine, type OpenBlock } from './scan-markdown-blocks.ts';

/**
 * Cuts Markdown into chunks of at most `room` characters (joined with `\n`), only between lines,
 * closing open fences and `<details>` at the end of a chunk and reopening them at the start of the next.
 * A single line too long for any chunk is cut inside the line.
 */
export function splitMarkdown(markdown: string, room: number): string[][] {
  const chunks: string[][] = [];
  let chunk = new ChunkBuilder([]);
  let open: readonly OpenBlock[] = [];
  for (const line of markdown.split('\n')) {
    const after = scanLine(open, line);
    if (chunk.fits(line, after, room)) {
      chunk.add(line);
    } else {
      if (chunk.hasContent) {
        chunks.push(chunk.close(open));
        chunk = new ChunkBuilder(open);
      }
      if (chunk.fits(line, after, room)) chunk.add(line);
      else chunk = addLongLine({ chunks, chunk, line, open, after, room });
    }
    open = after;
  }
  chunks.push(chunk.close(open));
  return chunks;
}

class ChunkBuilder {
  readonly lines: string[];
  hasContent = false;
  private size: number;
  constructor(open: readonly OpenBlock[]) {
    this.lines = reopeningLines(open);
    this.size = joinedLength(this.lines);
  }
  /** Room left for one more line when the blocks in `after` must still be closed. */
  space(after: readonly OpenBlock[]): number {
    const separator = this.lines.length > 0 ? 1 : 0;
    return this.size + separator + closingLength(after);
  }
  fits(line: string, after: readonly OpenBlock[], room: number): boolean {
    return this.space(after) + line.length <= room;
  }
  add(line: string): void {
    this.size += (this.lines.length > 0 ? 1 : 0) + line.length;
    this.lines.push(line);
    this.hasContent = true;
  }
  close(open: readonly OpenBlock[]): string[] {
    return [...this.lines, ...closingLines(open)];
  }
}

type LongLine = {
  chunks: string[][];
  chunk: ChunkBuilder;
  line: string;
  open: readonly OpenBlock[];
  after: readonly OpenBlock[];
  room: number;
};

/** Cuts `line` into pieces; the blocks it opens or closes take effect with its last piece. */
function addLongLine({ chunks, chunk, line, open, after, room }: LongLine): ChunkBuilder {
  let rest = line;
  let current = chunk;
  while (!current.fits(rest, after, room)) {
    const take = cutPoint(rest, room - current.space(open));
    if (take < 1) throw new RangeError(`splitting a comment: a limit of ${room} characters leaves no room for content`);
    current.add(rest.slice(0, take));
    rest = rest.slice(take);
    chunks.push(current.close(open));
    current = new ChunkBuilder(open);
  }
  current.add(rest);
  return current;
}

/** At most `max` characters, not splitting a surrogate pair. */
function cutPoint(text: string, max: number): number {
  if (max >= text.length) return text.length;
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

function closingLength(open: readonly OpenBlock[]): number {
  const lines = closingLines(open);
  return lines.length === 0 ? 0 : joinedLength(lines) + 1;
}

function joinedLength(lines: readonly string[]): number {
  return lines.length === 0 ? 0 : lines.reduce((n, l) => n + l.length, 0) + lines.length - 1;
}
