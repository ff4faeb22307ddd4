/**
 * `sql-plan-300-models`: plan latency for one changed model in a 300-model project, excluding any build:
 * load both trees, parse every model (one DuckDB call), resolve dependencies and column lineage,
 * fingerprint, categorize and find the impact. 100 staging models over 20 sources, 120 intermediate
 * models joining two or three of them with CTEs, 80 marts aggregating intermediates. One staging model
 * has a column retyped (breaking, with a wide downstream). Median of 9 runs after 3 warm-ups, against a
 * 1 s budget. The parser (an in-memory DuckDB) is created once, as a worker does.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { planSqlChanges } from '../src/engines/sql/changes/plan-sql-changes.ts';
import { createSqlParser } from '../src/engines/sql/parse/sql-parser.ts';
import { quantile, round, writeResult } from './lib/result.ts';

const [STAGING, INTERMEDIATE, MARTS, SOURCES] = [100, 120, 80, 20];
const BUDGET_MS = 1000;

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

function staging(i: number, amountType: string): string {
  return `-- staging model ${i}: cleaned rows of source ${i % SOURCES}
select
  id as stg_${i}_id,
  customer_id,
  amount::${amountType} as amount,
  status,
  created_at::timestamp as created_at
from raw.source_${i % SOURCES}
where status is not null\n`;
}

function intermediate(i: number): string {
  const [a, b, c] = [i % STAGING, (i * 7 + 3) % STAGING, (i * 13 + 5) % STAGING];
  return `with a as (
  select stg_${a}_id as id, customer_id, amount, status, created_at from staging.stg_${a} where status <> 'cancelled'
), b as (
  select customer_id, sum(amount) as amount_b, count(*) as n_b from staging.stg_${b} group by customer_id
)
select a.id, a.customer_id, a.amount, a.status, a.created_at, b.amount_b, b.n_b, c.amount as amount_c
from a
join b on b.customer_id = a.customer_id
left join staging.stg_${c} c on c.customer_id = a.customer_id and c.created_at >= a.created_at\n`;
}

function mart(i: number): string {
  const [a, b] = [i % INTERMEDIATE, (i * 11 + 1) % INTERMEDIATE];
  return `select x.customer_id, date_trunc('day', x.created_at) as day, sum(x.amount) as revenue, sum(y.amount_b) as other,
  count(distinct x.id) as orders, max(x.status) as last_status
from intermediate.int_${a} x
left join intermediate.int_${b} y on y.customer_id = x.customer_id
group by 1, 2\n`;
}

function makeProject(root: string): void {
  const sources = Array.from({ length: SOURCES }, (_, i) => `  - { schema: raw, table: source_${i}, loaded_at: created_at }`);
  write(root, 'sources.yaml', `sources:\n${sources.join('\n')}\n`);
  for (let i = 0; i < STAGING; i++) write(root, `models/staging/stg_${i}.sql`, staging(i, 'decimal(12, 2)'));
  for (let i = 0; i < INTERMEDIATE; i++) write(root, `models/intermediate/int_${i}.sql`, intermediate(i));
  for (let i = 0; i < MARTS; i++) {
    write(root, `models/marts/mart_${i}.sql`, mart(i));
    write(root, `models/marts/mart_${i}.yaml`, `kind: table\ngrain: [customer_id, day]\nowner: "@acme/team-${i % 5}"\ntests:\n  - not_null: [customer_id]\n`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'sluice-sql-bench-'));
const [baseDir, headDir] = [join(work, 'base'), join(work, 'head')];
makeProject(baseDir);
cpSync(baseDir, headDir, { recursive: true });
write(headDir, 'models/staging/stg_3.sql', staging(3, 'integer'));

// A worker keeps one parser (an in-memory DuckDB) for its lifetime: its start-up is not part of a plan.
const parser = await createSqlParser();
let summary = '';
const run = async (): Promise<number> => {
  const started = performance.now();
  const result = await planSqlChanges(baseDir, headDir, { parser });
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(result.message);
  const { modified, indirect } = result.value.changes;
  summary = `${modified.length} modified (${modified[0]?.reasons.join('; ')}), ${indirect.length} indirect, ${modified[0]?.impacts.length} impacted`;
  return elapsed;
};
for (let i = 0; i < 3; i++) await run();
const samples: number[] = [];
for (let i = 0; i < 9; i++) samples.push(await run());
rmSync(work, { recursive: true, force: true });
parser.close();
console.log(`${STAGING + INTERMEDIATE + MARTS} models: ${summary}`);
writeResult({
  name: 'sql-plan-300-models',
  value: round(quantile(samples, 0.5), 1),
  unit: 'ms',
  baseline: { name: 'budget', value: BUDGET_MS },
  goal: 'ratio <= 1',
});
