"""The Turkish of the shell strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
