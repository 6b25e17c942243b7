"""People who log in: the user model, masking of personal data, and the login records.

First in the import order: it imports no other app of the project (config.forms aside);
every other app may import it."""
