"""The Turkish of the overview strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
