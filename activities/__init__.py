"""Activities: the party's organizational life (meetings, lessons, themed days and the
activities' attendance with their photos and minutes), co-building with the community's units,
volunteer service and its hours, reports to the organization above and their review, and the
compliance calendar of required activities with its exemptions and reminders.

May import: accounts, policies, grid, organizations, reminders, members, and config.forms.
Imported by: assessment and dashboards (never the other way round).
"""
