-- One row per customer account, cleaned up from the raw CRM export.
select
  id as customer_id,
  first_name,
  last_name,
  lower(email) as email,
  upper(country) as country,
  created_at
from raw.customers
