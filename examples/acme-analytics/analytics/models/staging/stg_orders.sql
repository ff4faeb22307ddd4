-- One row per order from the shop database; amounts in EUR.
select
  id as order_id,
  customer_id,
  status,
  (amount_cents / 100)::decimal(12, 2) as amount,
  (discount_cents / 100)::decimal(12, 2) as discount,
  ordered_at
from raw.orders
