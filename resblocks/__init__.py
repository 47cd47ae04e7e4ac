"""resblocks: residual blocks (basic, pre-activation, bottleneck, ResNeXt) and their analysis.

Plain PyTorch and plain data; never imports Streamlit.
"""

from .blocks import BasicBlock, Bottleneck, PreActBlock, PreActBottleneck, grouped_width
from .config import BlockConfig, ConfigError, at_fixed_width
from .registry import BLOCK_NAMES, REGISTRY, get_entry
from .values import from_values

__all__ = [
    "BLOCK_NAMES",
    "REGISTRY",
    "BasicBlock",
    "BlockConfig",
    "Bottleneck",
    "ConfigError",
    "PreActBlock",
    "PreActBottleneck",
    "at_fixed_width",
    "from_values",
    "get_entry",
    "grouped_width",
]
