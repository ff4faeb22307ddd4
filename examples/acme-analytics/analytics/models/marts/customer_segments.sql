select
  customer_id,
  country,
  case
    when lifetime_value >= 2000 then 'vip'
    when lifetime_value >= 500 then 'regular'
    when order_count > 0 then 'occasional'
    else 'prospect'
  end as segment
from marts.customer_lifetime_value
