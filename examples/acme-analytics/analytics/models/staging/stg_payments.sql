-- One row per payment attempt from the payment provider.
select
  id as payment_id,
  order_id,
  method,
  status,
  (amount_cents / 100)::decimal(12, 2) as amount,
  paid_at
from raw.payments
