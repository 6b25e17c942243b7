"""The residents admin, a module per topic; importing them registers their ModelAdmins."""
