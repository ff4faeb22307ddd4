import { describe, expect, it } from 'vitest';
import { anchorId, fencedBlock, inlineCode, tableCell } from '../../../src/render/format-markdown.ts';
import { formatDuration, formatRelativeTime } from '../../../src/render/format-time.ts';

describe('formatRelativeTime', () => {
  it.each([
    ['2025-03-14T11:59:30Z', 'just now'],
    ['2025-03-14T11:55:00Z', '5 min ago'],
    ['2025-03-14T10:00:00Z', '2 h ago'],
    ['2025-03-12T12:00:00Z', '48 h ago'.replace('48 h', '2 d')],
    ['2025-03-14T12:05:00Z', 'just now'],
  ])('%s → %s', (at, expected) => {
    expect(formatRelativeTime(at, '2025-03-14T12:00:00Z')).toBe(expected);
  });

  it('survives an unreadable time', () => {
    expect(formatRelativeTime('yesterday', '2025-03-14T12:00:00Z')).toBe('at an unknown time');
  });
});

describe('formatDuration', () => {
  it.each([[850, '850 ms'], [12_000, '12 s'], [72_400, '1 min 12 s'], [120_000, '2 min'], [3_780_000, '1 h 3 min']])('%d ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('markdown helpers', () => {
  it('wraps code spans around backticks', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x')).toBe('`` `x ``');
  });

  it('picks a fence longer than any backtick run inside', () => {
    expect(fencedBlock(['```', 'x'], 'diff')).toBe('````diff\n```\nx\n````');
  });

  it('keeps table cells on one line without pipes or HTML', () => {
    expect(tableCell('a | b\n<c>')).toBe('a \\| b &lt;c&gt;');
  });

  it('makes anchors from names', () => {
    expect(anchorId('Orders Daily/v2')).toBe('orders-daily-v2');
    expect(anchorId('!!!')).toBe('project');
  });
});
