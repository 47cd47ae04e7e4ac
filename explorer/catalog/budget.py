"""The Turkish of the budget strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
