def register() -> None: """Placeholder until the events plugin lands."""
