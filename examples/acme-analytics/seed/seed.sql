-- Deterministic seed data for the raw schema: 120,000 customers, 1,200,000 orders over two years and
-- ~1,160,000 payments. Every value is a hash of the row number, so two runs produce the same rows; only
-- the timestamps move with the clock: the data ends at the current hour, so freshness SLAs hold.
-- Runs in a few seconds in DuckDB: duckdb .sluice/warehouse.duckdb < seed/seed.sql
create schema if not exists raw;

set variable anchor = date_trunc('hour', now() at time zone 'UTC');

create or replace table raw.customers as
select
  id,
  first_name,
  last_name,
  lower(first_name || '.' || last_name || '.' || id || '@example.com') as email,
  country,
  created_at,
  date_trunc('hour', created_at) + interval 1 hour as _loaded_at
from (
  select
    i + 1 as id,
    (['Anna', 'Ben', 'Chiara', 'David', 'Elif', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena',
      'Mateo', 'Nina', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Yuki'])[1 + (hash(i, 'first') % 20)::int] as first_name,
    (['Andersson', 'Becker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Horvat', 'Ito', 'Jensen',
      'Kowalski', 'Lopez', 'Meyer', 'Novak', 'Okafor', 'Petrov'])[1 + (hash(i, 'last') % 16)::int] as last_name,
    (['DE', 'DE', 'DE', 'FR', 'FR', 'NL', 'IT', 'ES', 'AT', 'PL'])[1 + (hash(i, 'country') % 10)::int] as country,
    getvariable('anchor') - interval 1 hour - to_seconds(((120000 - i) * 720)::bigint) as created_at
  from range(120000) t(i)
);

create or replace table raw.orders as
with o as (
  select
    i + 1 as id,
    -- a long tail: one order in five comes from the 6,000 most loyal customers
    case when hash(i, 'loyal') % 5 = 0 then 1 + (hash(i, 'customer') % 6000)::bigint
         else 1 + (hash(i, 'customer') % 120000)::bigint end as customer_id,
    hash(i, 'status') % 100 as s,
    500 + (hash(i, 'amount') % 24500)::bigint as amount_cents,
    hash(i, 'discount') % 10 = 0 as discounted,
    getvariable('anchor') - interval 1 hour - to_seconds(((1200000 - i) * 52)::bigint) as ordered_at
  from range(1200000) t(i)
)
select
  id,
  customer_id,
  case when s < 7 then 'cancelled' when s < 12 then 'returned' when s < 20 then 'placed' when s < 45 then 'shipped' else 'delivered' end as status,
  amount_cents,
  case when discounted then amount_cents // 10 else 0 end as discount_cents,
  'EUR' as currency,
  ordered_at,
  date_trunc('hour', ordered_at) + interval 1 hour as _loaded_at
from o;

create or replace table raw.payments as
with attempts as (
  select id as order_id, amount_cents, ordered_at, 'succeeded' as status, 0 as attempt from raw.orders where status <> 'cancelled'
  union all
  select id, amount_cents, ordered_at, 'failed', 1 from raw.orders where hash(id, 'failed') % 25 = 0
)
select
  order_id * 2 + attempt as id,
  order_id,
  case
    when hash(order_id, 'method') % 100 < 60 then 'card'
    when hash(order_id, 'method') % 100 < 85 then 'paypal'
    when hash(order_id, 'method') % 100 < 95 then 'bank_transfer'
    else 'gift_card'
  end as method,
  status,
  amount_cents,
  -- authorized shortly before the order is confirmed; loaded with the order's hour
  ordered_at - to_seconds((hash(order_id, attempt) % 300)::bigint) - to_seconds(attempt * 60) as paid_at,
  date_trunc('hour', ordered_at) + interval 1 hour as _loaded_at
from attempts;
