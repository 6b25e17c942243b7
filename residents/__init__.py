"""Serving residents: the register of residents in need and their households' pairing
assistance by party members, branches and units; residents' problems from intake to the
resident's satisfaction, with deadlines and escalation; the community's facilities and their
bookings; the grid worker's pages for a phone.

May import: accounts, policies, grid, organizations, reminders, members, activities, and
config.forms.
Imported by: assessment and dashboards (never the other way round).
"""
