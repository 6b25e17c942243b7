"""The members app: the member roll, the development pipeline (application to full member),
mobile members, relation transfers, party dues and member training, with their pages, API,
admin, Excel imports and exports, and reminder rules.

It may import accounts, policies, grid, organizations, reminders and config.forms; it is
imported by activities, assessment and dashboards (the apps below it), never the reverse."""
