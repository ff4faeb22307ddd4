/** Wall and CPU time of one call, in milliseconds. CPU time is the whole process's (DuckDB's threads included). */
export async function timeOnce(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await fn();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - started, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs the named cases round-robin, `rounds` times, so that a change in machine load affects every case
 * alike; returns the median wall and CPU time of each.
 */
export async function timeInterleaved<K extends string>(
  cases: Readonly<Record<K, () => Promise<unknown>>>,
  rounds: number,
): Promise<Record<K, { wall: number; cpu: number }>> {
  const names = Object.keys(cases) as K[];
  const samples = new Map<K, { wall: number[]; cpu: number[] }>(names.map((n) => [n, { wall: [], cpu: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const t = await timeOnce(cases[name]);
      samples.get(name)?.wall.push(t.wall);
      samples.get(name)?.cpu.push(t.cpu);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return Object.fromEntries(names.map((n) => [n, { wall: median(samples.get(n)?.wall ?? []), cpu: median(samples.get(n)?.cpu ?? []) }])) as Record<K, { wall: number; cpu: number }>;
}
