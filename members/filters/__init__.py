"""FilterSets of the member lists, shared by pages and API: a module per topic."""
