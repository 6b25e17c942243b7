"""The party organization tree, its committees and posts, the organizations around it (units,
two-new and mass organizations), and scoping: the one place that decides what a user may
see and change (organizations.scoping), with the admin and API mixins built on it.

Imports accounts, policies and grid; imported by reminders, members, activities, assessment
and dashboards. It learns the size of a branch's roll from members through the counter that
members registers (organizations.membership), never by import."""
