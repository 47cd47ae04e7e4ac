"""What every subcommand of ``python -m resblocks`` shares: the parser that turns argparse's errors into one
sentence (exit status 2), the block configuration flags, and plain-text tables."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .config import BlockConfig
from .registry import BLOCK_NAMES


class UsageError(Exception):
    """Bad input from the command line: printed as one sentence, exit status 2."""


def one_line(sentence: str) -> str:
    """The sentence with control characters escaped (an argument may carry a newline or an escape code)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in sentence)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the usage block; we print the sentence
        raise UsageError(f"{message}; see '{self.prog} --help'")


def config_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("block configuration")
    g.add_argument("--block", default="resnext", help=f"one of {', '.join(BLOCK_NAMES)} (default resnext)")
    g.add_argument("--in-channels", type=int, default=64, help="input channels (default 64)")
    g.add_argument("--planes", type=int, default=64, help="planes; a bottleneck outputs 4·planes (default 64)")
    g.add_argument("--groups", type=int, default=None, help="cardinality of the grouped 3×3 (resnext only)")
    g.add_argument("--base-width", type=int, default=None, help="width per group at planes=64 (resnext only)")
    g.add_argument("--stride", type=int, default=1, help="stride of the 3×3 (default 1)")
    g.add_argument("--size", type=int, default=56, help="input height = width in pixels (default 56)")
    g.add_argument("--batch", type=int, default=1, help="batch size (default 1)")
    g.add_argument("--preact-shortcut", choices=["paper", "notes"], default="paper",
                   help="pre-activation projection: 1×1 conv as in He et al. 2016b, or + BN as in the notes")
    g.add_argument("--stride-on", choices=["3x3", "1x1"], default="3x3",
                   help="a bottleneck's stride: on the 3×3 (torchvision v1.5) or the first 1×1 (He et al. 2016a)")


def config_from_args(args: argparse.Namespace) -> BlockConfig:
    return BlockConfig(
        block=args.block,
        in_channels=args.in_channels,
        planes=args.planes,
        stride=args.stride,
        groups=args.groups,
        base_width=args.base_width,
        batch=args.batch,
        size=args.size,
        preact_shortcut=args.preact_shortcut,
        stride_on=args.stride_on,
    )


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    """A plain text table, numbers right-aligned."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    numeric = [all(_is_number(r[i]) for r in cells[1:]) for i in range(len(header))]
    lines = []
    for k, row in enumerate(cells):
        parts = [c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(parts).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _is_number(text: str) -> bool:
    return text.replace(",", "").replace(".", "").replace("-", "").replace("%", "").strip().isdigit()
