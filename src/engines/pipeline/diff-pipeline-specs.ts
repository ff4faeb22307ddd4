import type { PipelineSpec } from '../../config/pipeline-schema.ts';

/** One changed field: `sources[raw.orders].freshness.error_after`, before and after (undefined when absent). */
export type FieldChange = { readonly path: string; readonly before?: string; readonly after?: string };

/** Field-level differences between two specs; leaves in the order they are written. */
export function diffPipelineSpecs(before: PipelineSpec | undefined, after: PipelineSpec | undefined): FieldChange[] {
  const old = before === undefined ? new Map<string, string>() : flatten(before);
  const next = after === undefined ? new Map<string, string>() : flatten(after);
  const changes: FieldChange[] = [];
  for (const [path, value] of next) {
    const was = old.get(path);
    if (was !== value) changes.push(was === undefined ? { path, after: value } : { path, before: was, after: value });
  }
  for (const [path, value] of old) if (!next.has(path)) changes.push({ path, before: value });
  return changes;
}

/** `- path: old` / `+ path: new` lines for a ```diff block. */
export function diffLines(changes: readonly FieldChange[]): string[] {
  return changes.flatMap((c) => [
    ...(c.before === undefined ? [] : [`- ${c.path}: ${c.before}`]),
    ...(c.after === undefined ? [] : [`+ ${c.path}: ${c.after}`]),
  ]);
}

/** Leaves by path; lists of named items are keyed by name (`sources[raw.orders]`), lists of scalars are one leaf. */
export function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    out.set(prefix, `[${value.map(String).join(', ')}]`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      for (const [k, v] of flatten(item, `${prefix}[${itemKey(item, i)}]`)) out.set(k, v);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      for (const [k, leaf] of flatten(v, prefix === '' ? key : `${prefix}.${key}`)) out.set(k, leaf);
    }
  } else {
    out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

function itemKey(item: unknown, index: number): string {
  const record = item as Record<string, unknown>;
  const key = record['name'] ?? record['route'];
  return typeof key === 'string' ? key : String(index);
}
