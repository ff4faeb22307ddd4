-- Successful payments rolled up per order.
select
  order_id,
  count(*) as payment_count,
  sum(amount) as paid_amount,
  max(paid_at) as last_paid_at
from staging.stg_payments
where status = 'succeeded'
group by order_id
