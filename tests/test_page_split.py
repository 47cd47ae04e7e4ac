"""AppTest for the split-transform-merge page."""

from __future__ import annotations

import json

import pytest
import torch

from explorer.figures import split as plots_split
from resblocks import split
from tests.test_app import main_text, run_app

PAGE = "views/split.py"
MAX_JSON = 2 * 1024 * 1024
# One 3×3 of width 128 (in 64, out 256) split into g groups: base_width for each g at planes = 64.
WIDTH_128 = {1: "128", 2: "64", 32: "4", 128: "1"}


def _figures(at) -> list[dict]:
    """The page's Plotly figures in order: the animation, the weight map, the 1/g sweep."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("groups", [1, 2, 32, 128])
def test_frames_weight_map_and_equivalence_follow_g(groups):
    at = run_app(page=PAGE, block="resnext", groups=str(groups), base_width=WIDTH_128[groups], size="8")
    animation, weight_map, sweep = _figures(at)

    # The animation: 5 frames without a split, 7 with; the split frame colours g bands.
    names = [f["name"] for f in animation["frames"]]
    assert names == list(split.step_names(groups))
    coloured = [i for i, t in enumerate(animation["data"]) if t.get("fillcolor") in plots_split.PALETTE]
    frame = animation["frames"][names.index("split" if groups > 1 else "transform")]["data"]
    assert sum(1 for i in coloured if frame[i]["x"]) == min(groups, len(plots_split.PALETTE))
    assert "parameters" in animation["frames"][names.index("transform")]["layout"]["title"]["text"]

    # The weight map: block-diagonal with g blocks of 128/g, beside the dense matrix.
    d = 128 // groups
    z = torch.tensor(weight_map["data"][0]["z"])
    assert torch.equal(z, torch.kron(torch.eye(groups), torch.ones(d, d)))
    assert weight_map["data"][1]["z"] == [[1]]
    metrics = _metrics(at)
    assert metrics["Non-zero weights, grouped 3×3"] == f"{9 * 128 * 128 // groups:,}"
    assert metrics["Weights, dense 3×3"] == f"{9 * 128 * 128:,}"

    # The three forms agree in float32.
    assert float(metrics["max |(a) − (c)|"]) < 1e-4
    assert float(metrics["max |(b) − (c)|"]) < 1e-4
    assert "compute the same function" in "\n".join(s.value for s in at.success)

    # The 1/g sweep runs over the divisors of 128 and marks the current g.
    assert sweep["data"][0]["x"] == [1, 2, 4, 8, 16, 32, 64, 128]
    assert sweep["data"][2]["x"] == [groups, groups]


def test_the_largest_setting_stays_light():
    at = run_app(page=PAGE, block="resnext", in_channels="4096", planes="2048", groups="128", base_width="2",
                 size="8")
    for spec in (chart.proto.spec for chart in at.get("plotly_chart")):
        assert len(spec.encode()) < MAX_JSON
    assert "drawn as 256 × 256 cells" in main_text(at)
    # 139 M parameters: the block and one form beside it would not fit, so the check says what to lower.
    info = "\n".join(i.value for i in at.info)
    assert "The check would hold about 1.38 GiB of tensors" in info and "above the limit of 512 MiB; lower planes" in info


def test_a_large_block_runs_the_check_on_request():
    at = run_app(page=PAGE, block="resnext", in_channels="1024", planes="512", groups="32", base_width="4", size="8")
    assert not at.metric or "max |(a) − (c)|" not in _metrics(at)
    at.button(key="run_check").click().run()
    assert float(_metrics(at)["max |(a) − (c)|"]) < 1e-4


def test_step_and_speed_come_from_the_link():
    at = run_app(page=PAGE, step="transform", speed="fast")
    animation = _figures(at)[0]
    names = [f["name"] for f in animation["frames"]]
    active = names.index("transform")
    assert animation["layout"]["sliders"][0]["active"] == active
    assert animation["layout"]["title"]["text"] == animation["frames"][active]["layout"]["title"]["text"]
    assert animation["data"][0]["x"] == animation["frames"][active]["data"][0]["x"]
    play = animation["layout"]["updatemenus"][0]["buttons"][0]
    assert play["args"][1]["frame"]["duration"] == 400
    link = at.sidebar.code[0].value
    assert "step=transform" in link and "speed=fast" in link


def test_a_step_that_no_longer_exists_falls_back():
    at = run_app(page=PAGE, groups="8", step="merge")
    at.sidebar.slider(key="groups").set_value(1).run()
    assert not at.exception
    assert at.select_slider(key="step").value in split.step_names(1)


@pytest.mark.parametrize("block,shown", [("bottleneck", "resnext 1×64d"), ("basic", "resnext 32×4d")])
def test_other_blocks_are_shown_as_the_resnext_block(block, shown):
    at = run_app(page=PAGE, block=block)
    assert shown in "\n".join(i.value for i in at.info)
    frames = _figures(at)[0]["frames"]
    assert len(frames) == (5 if block == "bottleneck" else 7)


def test_table_2_of_the_paper_with_the_nearest_row_in_bold():
    at = run_app(page=PAGE, block="resnext", groups="8", base_width="14", planes="64")
    table = next(m.value for m in at.main.markdown if m.value.startswith("| cardinality C |"))
    rows = [[c.strip().strip("*") for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    # The paper's Table 2 (C = 1, 2, 4, 8, 32 → d = 64, 40, 24, 14, 4) solved by the library, beside the paper's d.
    assert [(r[0], r[1], r[3]) for r in rows] == [("1", "64", "64"), ("2", "40", "40"), ("4", "24", "24"),
                                                  ("8", "14", "14"), ("32", "4", "4")]
    bold = [line for line in table.splitlines()[2:] if "**" in line]
    assert len(bold) == 1 and bold[0].startswith("| **8** | **14** |") and "◀ nearest" in bold[0]
