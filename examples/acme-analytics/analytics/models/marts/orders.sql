-- One row per order with its payments; revenue is what the order brings in after discounts.
select
  o.order_id,
  o.customer_id,
  o.status,
  o.amount,
  o.discount,
  o.amount - o.discount as revenue,
  coalesce(p.paid_amount, 0) as paid_amount,
  o.ordered_at,
  o.ordered_at::date as order_date
from staging.stg_orders o
left join intermediate.int_order_payments p on p.order_id = o.order_id
where o.status <> 'cancelled'
