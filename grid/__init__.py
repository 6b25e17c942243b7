"""The territory: streets, communities, grid cells with their boundaries, buildings, and
the grid workers assigned to the cells.

Imports accounts and policies; it asks organizations what a user may see through the answer
registered in grid.access, never by import. Imported by organizations and every app after it."""
