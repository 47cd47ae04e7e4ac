"""The Turkish of the why strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
