"""The Turkish of the split strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
