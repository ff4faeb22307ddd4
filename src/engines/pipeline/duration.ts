const UNIT_MS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

/** `6h` → 21 600 000; `1h30m` → 5 400 000. The schema has checked the form. */
export function parseDuration(text: string): number {
  let total = 0;
  for (const match of text.matchAll(/(\d+)([dhms])/g)) total += Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
  return total;
}

/** A span for people: `3 h 12 min`, `6 h`, `45 min`, `2 d 3 h`, `12 s`. */
export function formatSpan(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (minutes === 0) return `${seconds} s`;
  if (hours === 0) return `${minutes} min`;
  if (hours < 48) return join(hours, 'h', minutes % 60, 'min');
  return join(days, 'd', hours % 24, 'h');
}

/** `6h` → `6 h`; `1h30m` → `1 h 30 min`. */
export function formatDurationText(text: string): string {
  return formatSpan(parseDuration(text));
}

function join(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}
