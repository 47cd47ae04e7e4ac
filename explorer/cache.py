"""Cached calls into the library, shared by every session of the server."""

from explorer.memo import memo
from resblocks import BlockConfig
from resblocks.analysis import Analysis, analyze


@memo("cache.analysis", budget_mb=16)
def analysis(cfg: BlockConfig) -> Analysis:
    return analyze(cfg)
