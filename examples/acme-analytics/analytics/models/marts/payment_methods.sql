select
  payment_date,
  method,
  count(*) as payments,
  sum(amount) as amount
from marts.payments
where status = 'succeeded'
group by payment_date, method
