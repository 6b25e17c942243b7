"""Forms of the activities pages, a module per topic: typing only, the rules are in services."""
