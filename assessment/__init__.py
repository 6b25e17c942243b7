"""Assessment of the organizations' work (a placeholder app, with no models yet).

May import every app before it (accounts, policies, grid, organizations, reminders, members,
activities); only dashboards may import it."""
