-- Order history per customer (cancelled orders excluded).
select
  customer_id,
  count(*) as order_count,
  min(ordered_at) as first_order_at,
  max(ordered_at) as last_order_at,
  sum(amount - discount) as net_spend
from staging.stg_orders
where status <> 'cancelled'
group by customer_id
