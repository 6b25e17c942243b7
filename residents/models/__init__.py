"""The models of the residents app, a module per topic."""

__all__: list[str] = []
