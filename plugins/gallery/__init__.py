def register() -> None: """Placeholder until the gallery plugin lands."""
