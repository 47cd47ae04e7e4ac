"""Split-transform-merge as data (resblocks.split), the component's data and the 1/g figure."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from explorer.components.split_explorer import payload
from explorer.figures import split as plots_split
from harness.held import DrawnChart
from resblocks import BlockConfig, ConfigError, at_fixed_width, split
from resblocks.__main__ import main as cli
from resblocks.analysis import analyze, count_params
from resblocks.budget import group_sweep
from resblocks.complexity import complexity_table, template_params, to_config
from resblocks.config import divisors

# One 3×3 of width 128 (in 64, out 256), split into 1, 2, 32 and 128 (depthwise) groups.
WIDE = BlockConfig(block="resnext", in_channels=64, planes=64, groups=1, base_width=128, size=8)
TABLE2_BLOCK = BlockConfig(in_channels=256)  # resnext 32×4d, 256 → 256: the repeated block of Table 2
MAX_CHART = 200 * 1024  # the 1/g chart's SVG text, both layouts
MAX_PAYLOAD = 96 * 1024  # the component's data for every g at once

# The heaviest settings for the animation's JSON: the widest block the limits allow, the most groups,
# and the narrow block that draws the most channel-to-channel lines (found by a search over small widths).
HEAVY = {
    "widest, 128 groups": BlockConfig(block="resnext", in_channels=4096, planes=2048, groups=128, base_width=2, size=8),
    "widest, dense 3×3": BlockConfig(block="resnext", in_channels=4096, planes=2048, groups=1, base_width=256, size=8),
    "depthwise, 2048 groups": BlockConfig(block="resnext", planes=64, groups=2048, base_width=1, size=8),
    "depthwise, 128 groups": BlockConfig(block="resnext", planes=64, groups=128, base_width=1),
    "most lines": BlockConfig(block="resnext", in_channels=16, planes=4, groups=4, base_width=256, size=8),
}


# The steps ------------------------------------------------------------------------------------------


def test_steps_add_up_to_the_block():
    cfg = BlockConfig()  # resnext 32×4d, 64 → 256
    steps = split.steps(cfg)
    assert [s.name for s in steps] == list(split.STEP_NAMES)
    a = analyze(cfg)
    assert steps[-1].total_params == a.params == 63_488
    assert steps[-1].total_macs == a.macs
    by_name = {s.name: s for s in steps}
    assert by_name["transform"].params == 9 * 128 * 128 // 32 + 2 * 128  # grouped 3×3 + its BN
    assert by_name["split"].params == by_name["merge"].params == 0
    assert (by_name["reduce"].in_channels, by_name["reduce"].out_channels) == (64, 128)
    assert (by_name["expand"].in_channels, by_name["expand"].out_channels) == (128, 256)


def test_one_group_splits_into_one_path():
    steps = split.steps(at_fixed_width(WIDE, 1))
    assert [s.name for s in steps] == list(split.STEP_NAMES)
    by_name = {s.name: s for s in steps}
    assert by_name["split"].groups == 1 and by_name["split"].params == by_name["merge"].params == 0


def test_only_the_resnext_block_is_split():
    with pytest.raises(ConfigError, match="choose the resnext block"):
        split.geometries(BlockConfig(block="bottleneck"), "width")


# What the groups control holds fixed ----------------------------------------------------------------


def test_holding_the_width_the_3x3_falls_as_one_over_g():
    choices = split.hold_choices(TABLE2_BLOCK, "width")
    assert list(choices) == divisors(128)
    for g, cfg in choices.items():
        assert cfg.width == 128 and cfg.group_width * g == 128
        assert analyze(cfg).grouped_ratio.conv_params == 9 * 128 * 128 // g
    assert choices[128].group_width == 1  # depthwise


def test_holding_d_the_width_grows_with_g():
    choices = split.hold_choices(TABLE2_BLOCK, "d")
    assert list(choices) == [1, 2, 4, 8, 16, 32, 64, 128]
    assert all(cfg.group_width == 4 and cfg.width == 4 * g for g, cfg in choices.items())


def test_holding_the_cost_reproduces_table_2():
    # Xie et al. 2017, Table 2: C = 1, 2, 4, 8, 32 → d = 64, 40, 24, 14, 4 in the 256 → 256 block.
    choices = split.hold_choices(TABLE2_BLOCK, "cost")
    assert {g: choices[g].group_width for g in (1, 2, 4, 8, 32)} == {1: 64, 2: 40, 4: 24, 8: 14, 32: 4}
    for row in complexity_table():
        assert split.hold_config(TABLE2_BLOCK, row.cardinality, "cost") == to_config(row)


def test_the_cli_summary_takes_the_same_hold(capsys):
    for hold, label in (("width", "resnext 8×16d"), ("d", "resnext 8×4d"), ("cost", "resnext 8×14d")):
        assert cli(["summary", "--in-channels", "256", "--groups", "8", "--hold", hold]) == 0
        assert capsys.readouterr().out.startswith(f"{label}, 256→256, stride 1")
    assert cli(["summary", "--groups", "3", "--hold", "width"]) == 2
    assert "choose one of 1, 2, 4, 8, 16, 32, 64, 128" in capsys.readouterr().err


def test_an_unknown_hold_is_refused():
    with pytest.raises(ValueError, match="choose one of width, d, cost"):
        split.hold_config(TABLE2_BLOCK, 8, "area")


# The geometry ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("hold", split.HOLDS)
def test_every_column_has_one_channel_pitch(hold):
    geoms = split.geometries(TABLE2_BLOCK, hold)
    pitch = (geoms[0].input[1] - geoms[0].input[0]) / 256
    for geo in geoms:
        for top, bottom in (geo.input, geo.reduced, geo.expanded):
            assert 0 <= top < bottom <= 1
        assert geo.reduced[1] - geo.reduced[0] == pytest.approx(geo.width * pitch)
        assert geo.expanded[1] - geo.expanded[0] == pytest.approx(256 * pitch)
        for p in geo.paths:
            assert p.split[1] - p.split[0] == pytest.approx(p.channels * pitch)
            assert p.merged[1] - p.merged[0] == pytest.approx(p.channels * pitch)  # concat: the same pitch
        assert sum(p.channels for p in geo.paths) == geo.width
        assert sum(p.groups for p in geo.paths) == geo.groups


@pytest.mark.parametrize("groups", [1, 2, 8, 32, 64, 128])
def test_at_most_sixteen_paths_are_drawn_one_by_one(groups):
    geo = {g.groups: g for g in split.geometries(TABLE2_BLOCK, "width")}[groups]
    drawn = [p for p in geo.paths if p.groups == 1]
    assert len(drawn) == min(groups, split.MAX_DRAWN_PATHS)
    rest = [p for p in geo.paths if p.groups > 1]
    assert [p.groups for p in rest] == ([groups - 16] if groups > 16 else [])
    d = 128 // groups
    for p in geo.paths:  # the path's own weights: its slice of each 1×1 and its own 3×3
        assert (p.reduce_weights, p.conv_weights, p.expand_weights) == (256 * p.channels, 9 * d * d * p.groups,
                                                                        p.channels * 256)
    merged = [p.merged for p in geo.paths]
    assert all(a[1] == pytest.approx(b[0]) for a, b in itertools.pairwise(merged))  # concatenated: no gaps
    spread = [p.split for p in geo.paths]
    assert all(b[0] - a[1] >= split.GAP - 1e-12 for a, b in itertools.pairwise(spread))  # split: apart
    assert geo.depthwise == (groups == 128)
    assert geo.conv_params * groups == geo.dense_conv_params == 9 * 128 * 128


def test_the_default_block_is_table_2s_repeated_block():
    geo = {g.groups: g for g in split.geometries(TABLE2_BLOCK, "width")}[32]
    # 1×1 256→128, grouped 3×3 of 128 in 32 groups, 1×1 128→256, identity: 70,144 conv weights (the paper's
    # template, C · (256·d + 9·d² + d·256) with C = 32, d = 4) and 2 · (128 + 128 + 256) BN parameters.
    assert template_params(32, 4) == 70_144
    assert geo.params == 70_144 + 2 * (128 + 128 + 256) == 71_168
    assert (geo.in_channels, geo.width, geo.out_channels) == (256, 128, 256)
    assert not TABLE2_BLOCK.has_projection


@pytest.mark.parametrize("name", list(HEAVY))
def test_the_component_data_stays_light(name):
    cfg = HEAVY[name]
    data = payload(cfg, split.geometries(cfg, "width"), "input", "width", "en")
    size = len(json.dumps(data).encode())
    assert size < MAX_PAYLOAD, f"{name}: {size:,} bytes"
    starred, plain = plots_split.sweep_chart(group_sweep(cfg).points)
    assert len(plain.encode()) < MAX_CHART, f"{name}: the 1/g chart is {len(plain.encode()):,} bytes"
    # One drawing for every g (a held view sends it once): the starred charts differ from it only in data-ring.
    assert {re.sub(r' data-ring="\d+"', "", chart) for chart in starred.values()} == {plain}


# Cardinality against width ---------------------------------------------------------------------------


def test_the_sweep_is_one_over_g_for_the_3x3():
    cfg = BlockConfig()  # width 128
    points = group_sweep(cfg).points
    assert [p.groups for p in points] == divisors(128)
    for p in points:
        assert p.conv_params == 9 * 128 * 128 // p.groups
        assert p.conv_params_ratio == 1 / p.groups
        assert p.group_width * p.groups == 128
    blocks = [p.block_params for p in points]
    assert blocks == sorted(blocks, reverse=True)
    assert points[-1].block_params_ratio > 1 / 128  # the 1×1 convs do not shrink


@pytest.mark.parametrize("cfg", [BlockConfig(), BlockConfig(in_channels=256, planes=128, groups=8, base_width=8, stride=2)])
def test_the_sweep_matches_the_real_blocks(cfg):
    for p in group_sweep(cfg).points:
        try:
            other = at_fixed_width(cfg, p.groups)
        except ConfigError:
            continue  # the base_width this g needs is above its limit
        assert count_params(other) == p.block_params


@pytest.mark.parametrize("groups,d,expected", [(32, 4, 32), (8, 4, 8), (3, 4, 4), (1, 64, 1), (128, 1, 32), (2, 40, 2)])
def test_the_nearest_table_row(groups, d, expected):
    rows = complexity_table()
    assert rows[split.nearest_row(rows, groups, d)].cardinality == expected


# The three forms of Fig. 3 -------------------------------------------------------------------------


def test_the_three_forms_of_fig_3_have_the_papers_layers_and_70k_weights():
    a, b, c = split.three_forms(TABLE2_BLOCK)
    label = lambda la: f"{la.in_channels}, {la.kernel}×{la.kernel}, {la.out_channels}"  # noqa: E731
    # Xie et al. 2017, Fig. 3: (a) 32 paths of "256, 1×1, 4 / 4, 3×3, 4 / 4, 1×1, 256", summed;
    assert (a.paths, a.merge, [label(la) for la in a.path], a.shared) == (
        32, "sum", ["256, 1×1, 4", "4, 3×3, 4", "4, 1×1, 256"], ())
    # (b) 32 paths of "256, 1×1, 4 / 4, 3×3, 4", concatenated to 128, then "128, 1×1, 256";
    assert (b.paths, b.merge, b.merged_channels, [label(la) for la in b.path], [label(la) for la in b.shared]) == (
        32, "concat", 128, ["256, 1×1, 4", "4, 3×3, 4"], ["128, 1×1, 256"])
    # (c) "256, 1×1, 128 / 128, 3×3, 128, group = 32 / 128, 1×1, 256".
    assert ([label(la) for la in c.shared], [la.groups for la in c.shared], c.path) == (
        ["256, 1×1, 128", "128, 3×3, 128", "128, 1×1, 256"], [1, 32, 1], ())
    # Table 2: each form has ~70k conv weights, C·(256·d + 9·d² + d·256) = 70,144, as many as the block's convs.
    block = TABLE2_BLOCK.build()
    convs = sum(getattr(block, name).weight.numel() for name in ("conv1", "conv2", "conv3"))
    assert a.conv_weights == b.conv_weights == c.conv_weights == 70_144 == template_params(32, 4) == convs


@pytest.mark.parametrize("cfg", [WIDE, WIDE.replace(groups=32, base_width=4), BlockConfig(stride=2),
                                 BlockConfig(stride=2, stride_on="1x1", in_channels=512, planes=256, groups=8)])
def test_the_three_forms_are_equal_in_weights_for_any_block(cfg):
    forms = split.three_forms(cfg)
    assert len({f.conv_weights for f in forms}) == 1
    # The stride sits where the block puts it: on the 3×3 (torchvision) or the first 1×1 (He et al. 2016a).
    strides = [la.stride for la in forms[2].shared]
    assert strides == ([cfg.stride, 1, 1] if cfg.stride_on == "1x1" else [1, cfg.stride, 1])
    assert [la.stride for la in forms[0].path[:2]] == strides[:2]


def test_the_three_forms_need_the_resnext_block():
    with pytest.raises(ConfigError, match="choose the resnext block"):
        split.three_forms(BlockConfig(block="bottleneck"))


def test_the_drawings_carry_the_papers_labels_in_both_languages():
    from explorer.i18n import Say

    forms = split.three_forms(TABLE2_BLOCK)
    en = [plots_split.form_texts(f, TABLE2_BLOCK, Say("en")) for f in forms]
    assert en[0][:5] == ["(a) aggregated residual transformations", "256-d in", "256, 1×1, 4", "4, 3×3, 4",
                         "4, 1×1, 256"]
    # Three paths drawn, the other 29 counted; the sum and the concatenation marked.
    assert en[0].count("256, 1×1, 4") == 3 and en[0][en[0].index("⋯") + 1] == "(29 more)" and "sum of the 32 paths" in en[0]
    assert "concatenate, 128-d" in en[1] and en[1].count("4, 3×3, 4") == 3 and "128, 1×1, 256" in en[1]
    assert "128, 3×3, 128, groups = 32" in en[2]
    assert all(t[-3:] == ["identity", "256-d out", "70,144 conv weights"] for t in en)
    tr = [plots_split.form_texts(f, TABLE2_BLOCK, Say("tr")) for f in forms]
    assert tr[0][:2] == ["(a) residual dönüşümlerin toplamı", "giriş: 256 kanal"]
    assert "(29 yol daha)" in tr[0] and "32 yolun toplamı" in tr[0] and "concatenate: 128 kanal" in tr[1]
    assert all(t[-2:] == ["çıkış: 256 kanal", "70.144 conv ağırlığı"] for t in tr)
    svgs = plots_split.form_svgs(forms, TABLE2_BLOCK, Say("tr"))
    assert len({svg[:svg.index(">")] for svg in svgs}) == 1  # one width and height: one scale side by side
    assert all(svg.startswith("<svg xmlns=") and "70.144 conv ağırlığı" in svg for svg in svgs)


def test_a_projection_block_draws_its_shortcut_and_few_paths_are_all_drawn():
    from explorer.i18n import Say

    cfg = BlockConfig(in_channels=64, groups=4, base_width=16)  # first block of a stage: 64 → 256
    a, b, c = (plots_split.form_texts(f, cfg, Say("en")) for f in split.three_forms(cfg))
    assert b.count("16, 3×3, 16") == 4 and "concatenate, 64-d" in b
    assert a.count("64, 1×1, 16") == 4 and not any("more" in t for t in a)
    assert "projection: 64, 1×1, 256" in c and "64, 3×3, 64, groups = 4" in c
    one = BlockConfig(groups=1, base_width=64, in_channels=256)
    texts = plots_split.form_texts(split.three_forms(one)[0], one, Say("en"))
    assert "64, 3×3, 64" in texts and not any("sum of" in t for t in texts)  # one path: nothing to sum


def test_the_aggregated_transform_is_written_out():
    math = plots_split.aggregated_math(32)
    assert math.startswith('<math display="block" alttext="F(x) = \\sum_{i=1}^{32} T_i(x), ~~~ y = x + F(x)">')
    assert "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mn>32</mn></munderover>" in math
    assert "<msub><mi>T</mi><mi>i</mi></msub>" in math
    assert math.endswith('<mi>F</mi><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo></math>')
    assert "<mo>(</mo>" not in math  # no bracket stretched to the sum's height


def _sweep(lang: str = "en", g: int = 32):
    from explorer.i18n import Say
    from tests.test_app import chart_rows

    starred, plain = plots_split.sweep_chart(group_sweep(TABLE2_BLOCK).points, Say(lang), "alt text")
    return chart_rows(DrawnChart(starred[g])), plain


def test_the_1_over_g_chart_shows_both_series_on_a_log_g_axis_with_the_current_g_starred():
    drawn, plain = _sweep()
    gs = [1, 2, 4, 8, 16, 32, 64, 128]
    rows = drawn.rows
    conv, block = rows[rows.series == "0"], rows[rows.series == "1"]
    assert list(conv.g.astype(int)) == list(block.g.astype(int)) == gs
    assert list(conv.value) == [147_456 // g for g in gs]  # 9 · 128² / g: exactly 1/g
    assert (block.value.iloc[0], block.value.iloc[5], block.value.iloc[-1]) == (214_016, 71_168, 67_712)
    assert list(conv["tip:d"]) == [str(128 // g) for g in gs]
    # Drawn where they are: g to the right at equal steps (log g), fewer parameters lower, all inside the plot.
    steps = conv.cx.diff().dropna()
    assert (steps > 0).all() and steps.max() - steps.min() <= 0.2 and list(conv.cx) == list(block.cx)  # 0.1 px steps
    assert conv.cy.is_monotonic_increasing and (block.cy.to_numpy() < conv.cy.to_numpy()).all()
    assert rows.cy.between(28, 400 - 44).all() and rows.cx.between(64, 760 - 18).all()  # the wide layout's plot
    assert set(conv["tip:part"]) == {"grouped 3×3"} and set(block["tip:part"]) == {"whole block"}
    assert (block["tip:amount"].iloc[5], block["tip:÷ g = 1"].iloc[5]) == ("71,168 parameters", "33.25%")
    assert (conv["tip:amount"].iloc[5], conv["tip:÷ g = 1"].iloc[5]) == ("4,608 parameters", "3.12%")
    # The star: a ring on every g, the chart's box naming the one shown (held.js shows it).
    assert drawn.ring == 32 and sorted(drawn.rings) == gs
    assert drawn.rings[32] == ["current g = 32"] and drawn.rings[64] == ["current g = 64"]
    assert DrawnChart(plain).ring is None
    assert drawn.title == "Parameters as g grows at a fixed grouped width" and drawn.alt == "alt text"
    assert drawn.legend == ["grouped 3×3", "whole block", "current g"]
    # Every g a tick under the axis (there is room for all eight), SI prefixes up the other (1G, never 1B).
    assert drawn.texts[:6] == ["0", "50k", "100k", "150k", "200k", "250k"]
    assert [t for t in drawn.texts if t in map(str, gs)] == [str(g) for g in gs]
    assert {"parameters", "groups g (cardinality), grouped width fixed"} <= set(drawn.texts)


def test_the_1_over_g_chart_speaks_turkish():
    drawn, _ = _sweep("tr", 8)
    assert drawn.title == "Grouped width sabitken g büyüdükçe parametre sayısı"
    assert {"parametreler", "grup sayısı g (cardinality), grouped width sabit"} <= set(drawn.texts)
    assert drawn.legend == ["grouped 3×3", "bloğun tamamı", "şu anki g"] and drawn.rings[8] == ["şu anki g = 8"]
    rows = drawn.rows
    first = rows.iloc[0]
    conv32 = rows[(rows.g == "32") & (rows.series == "0")].iloc[0]
    block32 = rows[(rows.g == "32") & (rows.series == "1")].iloc[0]
    assert (first["tip:kısım"], first["tip:d"], first["tip:miktar"], first["tip:÷ g = 1"]) == (
        "grouped 3×3", "128", "147.456 parametre", "%100,00")
    assert (conv32["tip:miktar"], conv32["tip:÷ g = 1"]) == ("4.608 parametre", "%3,12")
    assert (block32["tip:kısım"], block32["tip:miktar"], block32["tip:÷ g = 1"]) == (
        "bloğun tamamı", "71.168 parametre", "%33,25")


def test_the_chart_axis_counts_with_si_prefixes_in_the_readers_way():
    from explorer.figures import svg
    from explorer.i18n import Say

    assert svg.count_ticks(214_016) == [0, 50_000, 100_000, 150_000, 200_000, 250_000]
    assert svg.count_ticks(4_608) == [0, 1_000, 2_000, 3_000, 4_000, 5_000]
    assert svg.count_ticks(1.2e9) == [0, 250_000_000, 500_000_000, 750_000_000, 1_000_000_000, 1_250_000_000]
    en, tr = Say("en"), Say("tr")
    assert [svg.count_label(n, en) for n in (0, 2_500, 150_000, 1_500_000, 1e9)] == ["0", "2.5k", "150k", "1.5M", "1G"]
    assert [svg.count_label(n, tr) for n in (2_500, 1_250_000)] == ["2,5k", "1,25M"]

