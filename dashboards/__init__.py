"""The home page: each user's dashboard over what their posts reach, and the seed_demo
command that builds the demo data of every app.

Last in the import order: it may import every app; no app imports it."""
