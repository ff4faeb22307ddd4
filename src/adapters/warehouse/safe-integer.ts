/** A wide integer's decimal digits → a `number` when it is a safe integer, else the digits unchanged. */
export function safeIntegerOrString(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}
