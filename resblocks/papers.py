"""What the papers measured: the accuracy figures that motivate each block, every one with its source.

Error rates in percent, as printed in the papers' tables (lower is better). Each result names its paper,
table and row; tests/test_papers.py checks every value against the table's text, quoted with its citation.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks import one_of

XIE_2017 = "Xie et al. 2017, Aggregated Residual Transformations for Deep Neural Networks (arXiv:1611.05431)"
HE_2016A = "He et al. 2016a, Deep Residual Learning for Image Recognition (arXiv:1512.03385)"
HE_2016B = "He et al. 2016b, Identity Mappings in Deep Residual Networks (arXiv:1603.05027)"


@dataclass(frozen=True)
class Result:
    """One row of a paper's table: a network, its setting, and the error it reached."""

    network: str  # as the paper names it: "ResNeXt-50", "ResNet-1001"
    setting: str  # what differs between the rows: "32×4d", "plain", "pre-activation unit"
    error: float  # percent
    metric: str  # e.g. "top-1 error (%), ImageNet-1K val, single 224×224 crop"
    paper: str
    table: str  # e.g. "Table 3"
    row: str  # the row as the table prints it


@dataclass(frozen=True)
class PaperTable:
    """A table of results from one paper, in the paper's row order."""

    key: str
    title: str
    paper: str
    table: str
    metric: str
    results: tuple[Result, ...]

    @property
    def citation(self) -> str:
        return f"{self.paper}, {self.table}"


def _table(key: str, title: str, paper: str, table: str, metric: str,
           rows: tuple[tuple[str, str, float], ...]) -> PaperTable:
    results = tuple(
        Result(network, setting, error, metric, paper, table, f"{network} | {setting} | {error}")
        for network, setting, error in rows
    )
    return PaperTable(key, title, paper, table, metric, results)


_IMAGENET_224 = "top-1 error (%), ImageNet-1K val, single 224×224 crop"

TABLES: dict[str, PaperTable] = {
    t.key: t
    for t in (
        _table(
            "cardinality", "Cardinality against width at the same complexity", XIE_2017, "Table 3", _IMAGENET_224,
            (
                ("ResNet-50", "1×64d", 23.9),
                ("ResNeXt-50", "2×40d", 23.0),
                ("ResNeXt-50", "4×24d", 22.6),
                ("ResNeXt-50", "8×14d", 22.3),
                ("ResNeXt-50", "32×4d", 22.2),
                ("ResNet-101", "1×64d", 22.0),
                ("ResNeXt-101", "2×40d", 21.7),
                ("ResNeXt-101", "4×24d", 21.4),
                ("ResNeXt-101", "8×14d", 21.3),
                ("ResNeXt-101", "32×4d", 21.2),
            ),
        ),
        _table(
            "residual", "With and without the shortcut", XIE_2017,
            "Sec. 5.1, the table under \"Residual connections\"", _IMAGENET_224,
            (
                ("ResNet-50", "1×64d, with residual", 23.9),
                ("ResNet-50", "1×64d, without residual", 31.2),
                ("ResNeXt-50", "32×4d, with residual", 22.2),
                ("ResNeXt-50", "32×4d, without residual", 26.1),
            ),
        ),
        _table(
            "plain", "Plain against residual networks", HE_2016A, "Table 2",
            "top-1 error (%), ImageNet val, 10-crop testing",
            (
                ("18 layers", "plain", 27.94),
                ("18 layers", "ResNet", 27.88),
                ("34 layers", "plain", 28.54),
                ("34 layers", "ResNet", 25.03),
            ),
        ),
        _table(
            "preact", "Original against pre-activation units", HE_2016B, "Table 3",
            "classification error (%), CIFAR-10 test set",
            (
                ("ResNet-110", "original unit", 6.61),
                ("ResNet-110", "pre-activation unit", 6.37),
                ("ResNet-164", "original unit", 5.93),
                ("ResNet-164", "pre-activation unit", 5.46),
                ("ResNet-1001", "original unit", 7.61),
                ("ResNet-1001", "pre-activation unit", 4.92),
            ),
        ),
    )
}

TABLE_KEYS: tuple[str, ...] = tuple(TABLES)

# Which tables tell each block's story.
BLOCK_TABLES: dict[str, tuple[str, ...]] = {
    "basic": ("plain",),
    "bottleneck": ("plain",),
    "resnext": ("cardinality", "residual"),
    "preact": ("preact",),
    "preact_bottleneck": ("preact",),
}


def get_table(key: str) -> PaperTable:
    """The table ``key`` (one of TABLE_KEYS); a ValueError names the choices."""
    return TABLES[one_of("paper table", key, TABLE_KEYS)]


def cardinality_error(network: str, setting: str) -> float | None:
    """Table 3's top-1 error for e.g. ("ResNeXt-50", "32×4d"); None where the paper has no such row."""
    for result in TABLES["cardinality"].results:
        if (result.network, result.setting) == (network, setting):
            return result.error
    return None


def rows(key: str) -> list[dict[str, object]]:
    """The table ``key`` as plain rows (network, setting, error) for a page or the CLI."""
    return [{"network": r.network, "setting": r.setting, "error (%)": r.error} for r in get_table(key).results]
