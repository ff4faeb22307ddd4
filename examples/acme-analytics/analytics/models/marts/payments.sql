select
  p.payment_id,
  p.order_id,
  p.method,
  p.status,
  p.amount,
  p.paid_at,
  p.paid_at::date as payment_date
from staging.stg_payments p
