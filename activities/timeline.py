def register_member_hooks() -> None:
    pass
