import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closingLines, scanLine, type OpenBlock } from '../../../src/render/scan-markdown-blocks.ts';
import { partMarker, splitComment } from '../../../src/render/split-comment.ts';

const MARKER = '<!-- sluice:summary -->';

/** Blocks left open at the end of `text`, by an independent, simple reading of fences and details. */
function unbalanced(text: string): string[] {
  const open: string[] = [];
  for (const line of text.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    const top = open.at(-1);
    if (top !== undefined && top !== 'details') {
      if (line.trim().length >= top.length && [...line.trim()].every((c) => c === top[0])) open.pop();
      continue;
    }
    if (fence !== undefined) open.push(fence);
    else if (line.startsWith('<details>')) open.push('details');
    else if (line === '</details>' && top === 'details') open.pop();
  }
  return open;
}

/** True when `needles` occur in `haystack` in order (not necessarily adjacent). */
function isSubsequence(needles: readonly string[], haystack: readonly string[]): boolean {
  let i = 0;
  for (const line of haystack) if (i < needles.length && line === needles[i]) i++;
  return i === needles.length;
}

const word = fc.stringMatching(/^[a-z0-9 |#*>-]{0,30}$/);
const paragraph = fc.array(word, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n'));
const fence = fc.tuple(fc.constantFrom('```', '````', '~~~'), fc.constantFrom('', 'diff', 'sql'), fc.array(word, { maxLength: 40 }))
  .map(([marker, info, lines]) => [`${marker}${info}`, ...lines, marker].join('\n'));
const details = fc.tuple(word, fc.array(fc.oneof(paragraph, fence), { maxLength: 4 }))
  .map(([summary, blocks]) => [`<details><summary>${summary}</summary>`, '', ...blocks, '</details>'].join('\n'));
const document = fc.array(fc.oneof(paragraph, fence, details), { minLength: 1, maxLength: 25 })
  .map((blocks) => [MARKER, ...blocks].join('\n\n'));

describe('splitComment', () => {
  it('returns a comment within the limit as one part, unchanged', () => {
    const text = `${MARKER}\nhello\n\`\`\`\ncode\n\`\`\``;
    expect(splitComment(text, { marker: MARKER })).toEqual([text]);
  });

  it('keeps every part within the limit, balanced, marked, and with every original line', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 250, max: 1200 }), (text, limit) => {
        const parts = splitComment(text, { marker: MARKER, limit });
        for (const [i, part] of parts.entries()) {
          expect(part.length).toBeLessThanOrEqual(limit);
          expect(unbalanced(part)).toEqual([]);
          if (parts.length > 1) expect(part.split('\n').slice(0, 2)).toEqual([MARKER, partMarker(MARKER, i + 1, parts.length)]);
        }
        const original = text.split('\n');
        const joined = parts.flatMap((p) => p.split('\n'));
        expect(isSubsequence(original, joined)).toBe(true);
        expect(parts.length === 1 ? parts[0] : undefined).toBe(parts.length === 1 ? text : undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('closes a long code block and reopens it with the same info string', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `+ line ${i}`);
    const text = [MARKER, 'intro', '<details><summary>big diff</summary>', '', '````diff', ...lines, '````', '</details>', 'outro'].join('\n');
    const parts = splitComment(text, { marker: MARKER, limit: 400 });
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]!.endsWith('````\n</details>\n\n_(continued in the next comment)_')).toBe(true);
    expect(parts[1]!.split('\n').slice(0, 6)).toEqual([
      MARKER,
      partMarker(MARKER, 2, parts.length),
      '_(continued from the previous comment)_',
      '',
      '<details><summary>big diff (continued)</summary>',
      '',
    ]);
    expect(parts[1]!.split('\n')[6]).toBe('````diff');
    expect(parts.at(-1)!.endsWith('</details>\noutro')).toBe(true);
  });

  it('cuts a single line longer than the limit inside the line, keeping all of its text', () => {
    const long = 'x'.repeat(2_500);
    const parts = splitComment(`${MARKER}\nbefore\n${long}\nafter`, { marker: MARKER, limit: 1_000 });
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1_000);
    const xs = parts.map((p) => p.split('\n').filter((l) => /^x+$/.test(l)).join('')).join('');
    expect(xs).toBe(long);
  });

  it('adds the marker to the first part when the text does not start with it', () => {
    const parts = splitComment(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n'), { marker: MARKER, limit: 300 });
    expect(parts.every((p) => p.startsWith(`${MARKER}\n<!-- sluice:summary part `))).toBe(true);
  });

  it('refuses a limit that leaves no room for content', () => {
    expect(() => splitComment(`${MARKER}\n${'y'.repeat(500)}`, { marker: MARKER, limit: 120 })).toThrow(RangeError);
  });
});

describe('scanLine', () => {
  const scan = (lines: string[]): readonly OpenBlock[] => lines.reduce<readonly OpenBlock[]>((open, l) => scanLine(open, l), []);

  it('ignores details tags and shorter fences inside a fence', () => {
    const open = scan(['````md', '<details>', '```', '</details>']);
    expect(closingLines(open)).toEqual(['````']);
  });

  it('does not treat a backtick fence with backticks in its info string as a fence', () => {
    expect(scan(['``` a`b'])).toEqual([]);
  });

  it('tracks nested details and a fence inside them', () => {
    expect(closingLines(scan(['<details><summary>a</summary>', '<details>', '~~~sql']))).toEqual(['~~~', '</details>', '</details>']);
    expect(scan(['<details><summary>a</summary>b</details>'])).toEqual([]);
  });
});
