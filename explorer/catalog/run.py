"""The Turkish of the run strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
}
