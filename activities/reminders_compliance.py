def register_rules() -> None:
    pass
