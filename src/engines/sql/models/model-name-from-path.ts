import { MODELS_DIR } from './sql-project.ts';

/**
 * `models/marts/orders.sql` → `marts.orders`; `models/orders.sql` → `orders`. Nested folders below the
 * schema folder join with `_` (`models/marts/finance/revenue.sql` → `marts.finance_revenue`), since a
 * warehouse name has two parts.
 */
export function modelNameFromPath(file: string): string {
  const parts = file.replace(/\.sql$/i, '').split('/');
  if (parts[0] === MODELS_DIR && parts.length > 1) parts.shift();
  const [schema, ...rest] = parts;
  return rest.length === 0 ? (schema ?? '') : `${schema}.${rest.join('_')}`;
}
