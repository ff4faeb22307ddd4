import type { PipelineSpec } from '../../config/pipeline-schema.ts';
import { diffPipelineSpecs, type FieldChange } from './diff-pipeline-specs.ts';
import type { LoadedPipeline } from './load-pipelines.ts';
import type { RegistryEntry } from './pipeline-registry.ts';

/** What deploying the head would do to one pipeline on the target. */
export type PipelineChange = {
  readonly name: string;
  readonly action: 'create' | 'update' | 'delete';
  /** The file at the head (create, update) or the one deployed (delete). */
  readonly file?: string;
  readonly before?: PipelineSpec;
  readonly after?: PipelineSpec;
  readonly fields: readonly FieldChange[];
  /** The registry's latest version when planned (0: never deployed); apply refuses when it moved. */
  readonly expectedVersion: number;
};

/** Compares the head's pipelines with what the registry has deployed; unchanged pipelines are left out. */
export function comparePipelines(head: readonly LoadedPipeline[], registry: readonly RegistryEntry[]): PipelineChange[] {
  const latest = new Map(registry.map((e) => [e.pipeline, e]));
  const changes: PipelineChange[] = [];
  for (const { spec, file } of head) {
    const entry = latest.get(spec.name);
    const before = entry?.deployed ? entry.spec : undefined;
    const moved = before !== undefined && entry?.file !== file ? [{ path: 'file', before: entry?.file ?? '(unknown)', after: file }] : [];
    const fields = [...diffPipelineSpecs(before, spec), ...moved];
    if (fields.length === 0) continue;
    const action = before === undefined ? 'create' : 'update';
    changes.push({ name: spec.name, action, file, ...(before ? { before } : {}), after: spec, fields, expectedVersion: entry?.version ?? 0 });
  }
  const inHead = new Set(head.map((p) => p.spec.name));
  for (const entry of registry) {
    if (!entry.deployed || inHead.has(entry.pipeline) || entry.spec === undefined) continue;
    changes.push({ name: entry.pipeline, action: 'delete', ...(entry.file ? { file: entry.file } : {}), before: entry.spec, fields: diffPipelineSpecs(entry.spec, undefined), expectedVersion: entry.version });
  }
  return changes.sort((a, b) => a.name.localeCompare(b.name));
}

/** A source with the rules that are new or changed: what the dry-run evaluates. */
export type ChangedSla = { readonly source: PipelineSpec['sources'][number]; readonly index: number; readonly rules: readonly ('freshness' | 'volume')[] };

/** Sources whose freshness or volume rule is new or changed, with just those rules. */
export function changedSlas(change: PipelineChange): ChangedSla[] {
  if (change.after === undefined) return [];
  return change.after.sources.flatMap((source, index) => {
    const old = change.before?.sources.find((s) => s.name === source.name);
    const rules = (['freshness', 'volume'] as const).filter((rule) => source[rule] !== undefined && JSON.stringify(old?.[rule]) !== JSON.stringify(source[rule]));
    return rules.length === 0 ? [] : [{ source, index, rules }];
  });
}
