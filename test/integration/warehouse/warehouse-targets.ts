/**
 * The two warehouses every warehouse test runs against: DuckDB in memory and PostgreSQL at 127.0.0.1:5432.
 * Each test gets a fresh schema with a random name, dropped afterwards (with the whole DuckDB database).
 */
import type { Warehouse, WarehouseDialect } from '../../../src/ports/warehouse.ts';
import { openDuckDbWarehouse } from '../../../src/adapters/warehouse/open-duckdb-warehouse.ts';
import { openPostgresWarehouse } from '../../../src/adapters/warehouse/open-postgres-warehouse.ts';
import { TEST_DATABASE_URL, freshSchemaName } from '../postgres-test-database.ts';

export type WarehouseTarget = {
  readonly dialect: WarehouseDialect;
  open(): Promise<Warehouse>;
};

export const WAREHOUSE_TARGETS: readonly WarehouseTarget[] = [
  { dialect: 'duckdb', open: () => openDuckDbWarehouse({ path: ':memory:', settings: { threads: '2' } }) },
  { dialect: 'postgres', open: () => openPostgresWarehouse({ connectionString: TEST_DATABASE_URL, maxConnections: 2 }) },
];

/** A warehouse with a fresh schema; `cleanup()` drops the schema and closes the warehouse. */
export async function openScratch(target: WarehouseTarget): Promise<{ warehouse: Warehouse; schema: string; cleanup: () => Promise<void> }> {
  const warehouse = await target.open();
  const schema = freshSchemaName();
  await warehouse.createSchema(schema);
  return {
    warehouse,
    schema,
    cleanup: async () => {
      await warehouse.dropSchema(schema, { cascade: true });
      await warehouse.close();
    },
  };
}
