-- Finance's daily revenue report.
select
  order_date,
  count(*) as orders,
  count(distinct customer_id) as customers,
  sum(revenue) as revenue,
  avg(revenue) as average_order_value
from marts.orders
group by order_date
