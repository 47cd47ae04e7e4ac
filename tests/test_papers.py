"""Every accuracy figure the library ships, checked against the table it was copied from.

The quoted text below is each table as the paper prints it (row labels, then the values in the
paper's column order), with the table's own caption; the test parses the quote and compares.
"""

import pytest

from resblocks import papers

# Xie et al. 2017 (arXiv:1611.05431), Table 3. "Ablation experiments on ImageNet-1K. (Top): ResNet-50 with
# preserved complexity (~4.1 billion FLOPs); (Bottom): ResNet-101 with preserved complexity (~7.8 billion
# FLOPs). The error rate is evaluated on the single crop of 224×224 pixels." Columns: setting, top-1 error (%).
XIE_TABLE_3 = """
ResNet-50 | 1×64d | 23.9
ResNeXt-50 | 2×40d | 23.0
ResNeXt-50 | 4×24d | 22.6
ResNeXt-50 | 8×14d | 22.3
ResNeXt-50 | 32×4d | 22.2
ResNet-101 | 1×64d | 22.0
ResNeXt-101 | 2×40d | 21.7
ResNeXt-101 | 4×24d | 21.4
ResNeXt-101 | 8×14d | 21.3
ResNeXt-101 | 32×4d | 21.2
"""

# Xie et al. 2017, Sec. 5.1 "Residual connections. The following table shows the effects of the residual
# (shortcut) connections". Columns: setting, w/ residual, w/o residual.
XIE_RESIDUAL = """
ResNet-50 | 1×64d | 23.9 | 31.2
ResNeXt-50 | 32×4d | 22.2 | 26.1
"""

# He et al. 2016a (arXiv:1512.03385), Table 2. "Top-1 error (%, 10-crop testing) on ImageNet validation. Here
# the ResNets have no extra parameter compared to their plain counterparts." Columns: plain, ResNet.
HE_A_TABLE_2 = """
18 layers | 27.94 | 27.88
34 layers | 28.54 | 25.03
"""

# He et al. 2016b (arXiv:1603.05027), Table 3. "Classification error (%) on the CIFAR-10/100 test set using
# the original Residual Units and our pre-activation Residual Units." CIFAR-10 rows; columns: dataset,
# network, baseline unit, pre-activation unit.
HE_B_TABLE_3 = """
CIFAR-10 | ResNet-110 | 6.61 | 6.37
CIFAR-10 | ResNet-164 | 5.93 | 5.46
CIFAR-10 | ResNet-1001 | 7.61 | 4.92
"""


def parse(quote: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in quote.strip().splitlines()]


def shipped(key: str) -> list[tuple[str, str, float]]:
    return [(r.network, r.setting, r.error) for r in papers.get_table(key).results]


def test_cardinality_table_is_xie_table_3():
    expected = [(net, setting, float(err)) for net, setting, err in parse(XIE_TABLE_3)]
    assert shipped("cardinality") == expected
    assert papers.get_table("cardinality").citation.endswith("Table 3")


def test_residual_table_is_xie_section_5_1():
    expected = []
    for net, setting, with_res, without in parse(XIE_RESIDUAL):
        expected += [(net, f"{setting}, with residual", float(with_res)),
                     (net, f"{setting}, without residual", float(without))]
    assert shipped("residual") == expected


def test_plain_table_is_he_2016a_table_2():
    expected = []
    for depth, plain, resnet in parse(HE_A_TABLE_2):
        expected += [(depth, "plain", float(plain)), (depth, "ResNet", float(resnet))]
    assert shipped("plain") == expected
    # The paper's reading of it: the 34-layer ResNet is 3.5 points better than its plain twin.
    errors = {(depth, kind): err for depth, kind, err in shipped("plain")}
    assert round(errors["34 layers", "plain"] - errors["34 layers", "ResNet"], 1) == 3.5


def test_preact_table_is_he_2016b_table_3():
    expected = []
    for dataset, net, original, preact in parse(HE_B_TABLE_3):
        assert dataset == "CIFAR-10"
        expected += [(net, "original unit", float(original)), (net, "pre-activation unit", float(preact))]
    assert shipped("preact") == expected


def test_every_result_carries_its_source():
    for table in papers.TABLES.values():
        assert table.results and table.paper.startswith(("Xie et al.", "He et al.")) and "arXiv:" in table.paper
        for result in table.results:
            assert result.paper == table.paper and result.table == table.table and result.metric
            assert str(result.error) in result.row


def test_lookup_and_bad_key():
    assert papers.cardinality_error("ResNeXt-50", "32×4d") == 22.2
    assert papers.cardinality_error("ResNeXt-50", "64×4d") is None
    assert all(k in papers.TABLES for keys in papers.BLOCK_TABLES.values() for k in keys)
    with pytest.raises(ValueError, match="choose one of cardinality"):
        papers.get_table("table 9")
