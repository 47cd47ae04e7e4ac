"""The Turkish of the messages strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
