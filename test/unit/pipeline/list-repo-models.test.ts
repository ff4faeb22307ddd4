import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRepoModels, modelFileFor } from '../../../src/engines/pipeline/list-repo-models.ts';

describe('listRepoModels', () => {
  it('names models as the SQL engine does, in any SQL project dir, skipping .git and node_modules', () => {
    const repo = mkdtempSync(join(tmpdir(), 'sluice-models-'));
    const files = ['analytics/models/marts/orders.sql', 'analytics/models/marts/finance/revenue.sql', 'lake/models/staging/stg_orders.sql', 'analytics/models/loose.sql', 'analytics/models/marts/orders.yaml', 'node_modules/x/models/a/b.sql', '.git/models/a/c.sql'];
    for (const file of files) {
      mkdirSync(join(repo, file, '..'), { recursive: true });
      writeFileSync(join(repo, file), 'select 1\n');
    }
    try {
      expect([...listRepoModels(repo)].sort()).toEqual(['marts.finance_revenue', 'marts.orders', 'staging.stg_orders']);
      expect(modelFileFor('marts.orders')).toBe('models/marts/orders.sql');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
