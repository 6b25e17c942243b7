"""Rule figures from the regulations kept as admin-editable data (thresholds, limits,
periods), and the calendar arithmetic in months and years that the rules share.

Imports accounts only; every app from grid on defines its figures here and reads them."""
