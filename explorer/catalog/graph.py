"""The Turkish of the graph strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
