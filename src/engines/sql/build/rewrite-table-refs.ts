/**
 * Points a model's table references at other tables (the PR environment), on the parser's positions:
 * only real table references change — never a column, a string literal, a comment or a CTE that happens
 * to share a name — and each is replaced by its quoted new name. Also returns a map from positions in
 * the rewritten text back to the original, so a warehouse error is located in the file the user wrote.
 */
import type { TableMention } from './locate-table-mentions.ts';

export type RewrittenSql = {
  readonly sql: string;
  /** A character offset in the rewritten text → the offset in the original text. */
  readonly toOriginal: (offset: number) => number;
};

type Edit = { readonly at: number; readonly length: number; readonly original: number; readonly shiftAfter: number };

/** `rename(name)` gives the quoted replacement for `schema.table`, or undefined to leave it. */
export function rewriteTableRefs(sql: string, mentions: readonly TableMention[], rename: (name: string) => string | undefined): RewrittenSql {
  const pieces: string[] = [];
  const edits: Edit[] = [];
  let from = 0;
  let shift = 0;
  for (const mention of mentions) {
    const replacement = rename(mention.name);
    if (replacement === undefined || mention.start < from) continue;
    pieces.push(sql.slice(from, mention.start), replacement);
    const at = mention.start + shift;
    shift += replacement.length - (mention.end - mention.start);
    edits.push({ at, length: replacement.length, original: mention.start, shiftAfter: shift });
    from = mention.end;
  }
  pieces.push(sql.slice(from));
  const toOriginal = (offset: number): number => {
    let current = 0;
    for (const edit of edits) {
      if (offset < edit.at) break;
      if (offset < edit.at + edit.length) return edit.original;
      current = edit.shiftAfter;
    }
    return offset - current;
  };
  return { sql: pieces.join(''), toOriginal };
}
