import type { SqlModelMeta } from '../../../config/sql-model-schema.ts';
import type { AnalyzedModel } from '../lineage/analyzed-project.ts';
import { stableJson } from '../lineage/analyze-sql-project.ts';
import { compareQueryShapes } from './compare-query-shapes.ts';
import type { SqlChangeCategory } from './sql-change-set.ts';

export type ModelChangeCategory = {
  readonly category: SqlChangeCategory;
  /** Breaking reasons first, then additive ones. */
  readonly reasons: readonly string[];
  /** Output columns whose values change (lower-cased), or `all`; empty when non-breaking. */
  readonly columns: readonly string[] | 'all';
};

/**
 * SQLMesh's rule for a model whose fingerprint changed: non-breaking when the only edits add output
 * columns (or touch metadata other than the grain), breaking otherwise, with a short reason for each edit.
 */
export function categorizeModelChange(base: AnalyzedModel, head: AnalyzedModel): ModelChangeCategory {
  if (base.unparsed === true) return { category: 'breaking', reasons: ['its SQL did not parse on the base branch'], columns: 'all' };
  const query = compareQueryShapes(base.shape, head.shape);
  const breaking = [...query.breaking];
  const additive = [...query.additive];
  let columns: Set<string> | 'all' = query.columns === 'all' ? 'all' : new Set(query.columns);
  const grain = [base.model.meta.grain, head.model.meta.grain].map((g) => g.join(', '));
  if (grain[0] !== grain[1]) {
    breaking.push(`grain changed (${grain[0] || 'none'} → ${grain[1] || 'none'})`);
    columns = 'all';
  }
  additive.push(...metadataReasons(base.model.meta, head.model.meta));
  if (breaking.length === 0 && additive.length === 0 && base.fingerprint !== head.fingerprint) {
    breaking.push('query changed');
    columns = 'all';
  }
  const category: SqlChangeCategory = breaking.length > 0 ? 'breaking' : 'non-breaking';
  const changed = breaking.length === 0 ? [] : columns === 'all' ? 'all' : [...columns].sort();
  return { category, reasons: [...breaking, ...additive], columns: changed };
}

function metadataReasons(base: SqlModelMeta, head: SqlModelMeta): string[] {
  const reasons: string[] = [];
  if (base.kind !== head.kind) reasons.push(`kind ${base.kind} → ${head.kind}`);
  const keys = (Object.keys({ ...base, ...head }) as (keyof SqlModelMeta)[])
    .filter((k) => k !== 'kind' && k !== 'grain' && stableJson(base[k]) !== stableJson(head[k]));
  if (keys.length > 0) reasons.push(`metadata changed (${keys.sort().join(', ')})`);
  return reasons;
}
