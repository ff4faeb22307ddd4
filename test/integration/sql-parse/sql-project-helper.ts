import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SHOP = join(import.meta.dirname, '..', '..', 'fixtures', 'sql', 'shop');

/** A copy of the `shop` fixture with some files replaced (`null` deletes one); removed after the test file. */
export function shopWith(edits: Record<string, string | null>, dirs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-sql-'));
  dirs.push(dir);
  cpSync(SHOP, dir, { recursive: true });
  for (const [file, text] of Object.entries(edits)) {
    const path = join(dir, file);
    if (text === null) rmSync(path);
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  return dir;
}

export function removeDirs(dirs: string[]): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const ORDERS_SQL = `with paid as (
  select order_id, sum(paid) as paid
  from staging.stg_payments
  group by order_id
)
select
  o.order_id,
  o.customer_id,
  o.amount::decimal(10, 2) as amount,
  o.status,
  o.ordered_at,
  p.paid
from staging.stg_orders o
left join paid p on p.order_id = o.order_id
where o.status <> 'cancelled'
`;
