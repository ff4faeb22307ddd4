-- Lifetime value per customer: net spend over their order history.
select
  c.customer_id,
  c.country,
  coalesce(h.order_count, 0) as order_count,
  coalesce(h.net_spend, 0) as lifetime_value,
  h.first_order_at,
  h.last_order_at
from marts.customers c
left join intermediate.int_customer_orders h on h.customer_id = c.customer_id
