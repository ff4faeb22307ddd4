/**
 * The integer-key half of `SqlDialect.keySample`, alike on every warehouse: runs of 655 consecutive key
 * values out of each 65536 (~1%), so a scan of a table stored in key order skips most blocks.
 */
export function integerKeyRuns(key: string): string {
  return `${key} % 65536 BETWEEN 0 AND 654`;
}
