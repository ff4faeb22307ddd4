/**
 * Maps DuckDB's byte offsets into a SQL text to 1-based line and column (in characters). Built once per
 * text; each lookup is a binary search over line starts.
 */
export function offsetLocator(sql: string): (byteOffset: number) => { line: number; column: number } {
  const ascii = Buffer.byteLength(sql, 'utf8') === sql.length;
  const starts = [0];
  for (let i = sql.indexOf('\n'); i !== -1; i = sql.indexOf('\n', i + 1)) starts.push(i + 1);
  return (byteOffset) => {
    const offset = ascii ? byteOffset : Buffer.from(sql).subarray(0, byteOffset).toString('utf8').length;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}
