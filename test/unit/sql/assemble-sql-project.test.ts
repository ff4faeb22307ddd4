import { describe, expect, it } from 'vitest';
import { assembleSqlProject } from '../../../src/engines/sql/models/assemble-sql-project.ts';
import { modelNameFromPath } from '../../../src/engines/sql/models/model-name-from-path.ts';

const project = (files: Record<string, string>) => assembleSqlProject(new Map(Object.entries(files)));

describe('modelNameFromPath', () => {
  it('takes the schema from the folder under models/ and the name from the file', () => {
    expect(modelNameFromPath('models/marts/orders.sql')).toBe('marts.orders');
    expect(modelNameFromPath('models/orders.sql')).toBe('orders');
    expect(modelNameFromPath('models/marts/finance/revenue.sql')).toBe('marts.finance_revenue');
  });
});

describe('assembleSqlProject', () => {
  it('reads models, their sidecar metadata and the sources', () => {
    const result = project({
      'sources.yaml': 'sources:\n  - { schema: raw, table: orders, loaded_at: _loaded_at }\n',
      'models/staging/stg_orders.sql': 'select * from raw.orders',
      'models/marts/orders.sql': 'select * from staging.stg_orders',
      'models/marts/orders.yaml': 'name: marts.order_facts\nkind: table\ngrain: [order_id]\ncolumns:\n  email: { tags: [pii] }\ntests:\n  - unique: [order_id]\n  - row_count: { min: 1 }\n',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sources).toEqual([{ schema: 'raw', table: 'orders', loaded_at: '_loaded_at', columns: {}, name: 'raw.orders' }]);
    expect(result.value.models.map((m) => [m.name, m.meta.kind, m.meta.grain, m.metaFile ?? null])).toEqual([
      ['marts.order_facts', 'table', ['order_id'], 'models/marts/orders.yaml'],
      ['staging.stg_orders', 'view', [], null],
    ]);
    expect(result.value.models[0]?.meta.columns.email?.tags).toEqual(['pii']);
  });

  it('reports every metadata problem with its file, line and column', () => {
    const result = project({
      'models/marts/orders.sql': 'select 1 as id',
      'models/marts/orders.yaml': 'kind: table\ngrian: [id]\ntests:\n  - not_nul: [id]\n  - row_count: {}\n',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('config_invalid');
    expect(result.problems).toEqual([
      { message: 'grian: unknown key (expected one of name, kind, grain, owner, tags, description, columns, tests, time_column)', location: { file: 'models/marts/orders.yaml', line: 2, column: 1 } },
      { message: 'tests[0]: expected one of not_null, unique, accepted_values, relationships, row_count, sql', location: { file: 'models/marts/orders.yaml', line: 4, column: 5 } },
      { message: 'tests[1].row_count: needs min or max', location: { file: 'models/marts/orders.yaml', line: 5, column: 16 } },
    ]);
  });

  it('reports bad sources, a metadata file without a model, and a model name used twice', () => {
    const result = project({
      'sources.yaml': 'sources:\n  - schema: raw\n    tabel: orders\n',
      'models/marts/orders.sql': 'select 1 as id',
      'models/marts/order.yaml': 'kind: view\n',
      'models/marts/orders_v2.sql': 'select 2 as id',
      'models/marts/orders_v2.yaml': 'name: marts.orders\n',
    });
    expect(!result.ok && result.problems?.map((p) => [p.location?.file, p.location?.line, p.message])).toEqual([
      ['models/marts/order.yaml', 1, 'no model models/marts/order.sql for this metadata file'],
      ['models/marts/orders_v2.yaml', 1, 'model name "marts.orders" is already used by models/marts/orders.sql'],
      ['sources.yaml', 2, 'sources[0].table: is required'],
      ['sources.yaml', 3, 'sources[0].tabel: unknown key (expected one of schema, table, loaded_at, description, columns)'],
    ]);
  });

  it('accepts an empty sidecar as defaults', () => {
    const result = project({ 'models/a.sql': 'select 1 as x', 'models/a.yaml': '# nothing yet\n' });
    expect(result.ok && result.value.models[0]).toMatchObject({ name: 'a', meta: { kind: 'view', grain: [], tests: [] } });
  });
});

describe('assembleSqlProject, leniently (the base branch)', () => {
  it('reads bad metadata as the defaults and keeps the first of two models with one name', () => {
    const result = assembleSqlProject(new Map(Object.entries({
      'sources.yaml': 'sources: nope\n',
      'models/marts/orders.sql': 'select 1 as id',
      'models/marts/orders.yaml': 'kind: tabel\n',
      'models/marts/orders_v2.sql': 'select 2 as id',
      'models/marts/orders_v2.yaml': 'name: marts.orders\n',
    })), { lenient: true });
    expect(result.ok && result.value.models.map((m) => [m.name, m.file, m.meta.kind])).toEqual([['marts.orders', 'models/marts/orders.sql', 'view']]);
    expect(result.ok && result.value.sources).toEqual([]);
  });
});
