select
  c.customer_id,
  c.first_name,
  c.last_name,
  c.email,
  c.country,
  c.created_at,
  coalesce(h.order_count, 0) as order_count,
  h.first_order_at,
  h.last_order_at
from staging.stg_customers c
left join intermediate.int_customer_orders h on h.customer_id = c.customer_id
