"""AppTest for the app shell and the overview page."""

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from harness.held import DrawnChart, expanded, markdown_lines

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60


def run_app(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def groups_control(at: AppTest):
    """The sidebar's groups control: holding the width, a select slider over the g the block takes
    (explorer/controls._held_choices); otherwise, or for a block without a grouped 3×3, a plain slider."""
    chosen = [s for s in at.sidebar.select_slider if s.key == "groups"]
    return chosen[0] if chosen else at.sidebar.slider(key="groups")


def components(where) -> list[dict]:
    """The data of every custom component (st.components.v2) under ``where`` (at.main, at.sidebar), in order."""
    return [json.loads(e.proto.json) for e in where if type(e).__name__ == "UnknownElement" and e.type == "bidi_component"
            and e.proto.json]  # held_view.code's component has no data


def held_data(where, key: str) -> dict:
    """The data of the held view (explorer/components/held_view.py) drawn with ``key`` under ``where``."""
    found = [json.loads(e.proto.json) for e in where
             if type(e).__name__ == "UnknownElement" and e.type == "bidi_component" and e.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, (key, len(found))
    return found[0]


def has_held(where, key: str) -> bool:
    """Whether a held view was drawn with ``key`` under ``where``."""
    return any(type(e).__name__ == "UnknownElement" and e.type == "bidi_component" and e.proto.id.endswith(f"-{key}")
               for e in where)


def held_html(where, key: str, g: int | None = None) -> str:
    """The HTML the held view ``key`` shows at ``g`` (its run's by default)."""
    data = held_data(where, key)
    return expanded(data, data["g"] if g is None else g)


def chart(at: AppTest, key: str, g: int | None = None) -> DrawnChart:
    """The chart of the held view ``key`` as it is drawn at ``g`` (its run's by default); ``.rows``: its marks as a
    table (``value`` a number, each tooltip line a column ``tip:<name>``)."""
    return chart_rows(DrawnChart(held_html(at.main, key, g)))


def chart_rows(drawn: DrawnChart) -> DrawnChart:
    """``drawn`` with ``.rows``: its marks as a table (``value`` a number, each tooltip line a column ``tip:<name>``)."""
    rows = pd.DataFrame([{**{k: v for k, v in m.items() if k not in ("tip", "at")}, **m["at"],
                          **{f"tip:{name}": value for name, value in m.get("tip", {}).items()}} for m in drawn.marks])
    rows["value"] = [float(v) if "." in v or "e" in v else int(v) for v in rows["value"]]
    drawn.rows = rows
    return drawn


def held_lines(data: dict, g: int | None = None) -> list[str]:
    """The lines (paragraphs, table rows) a held view (explorer/components/held_view.py) shows at ``g`` (its run's
    g by default), each in the Markdown it was written from."""
    return markdown_lines(expanded(data, data["g"] if g is None else g))


def held_text(where) -> list[str]:
    """The lines every held view under ``where`` shows at its run's g."""
    return [line for data in components(where) if "variants" in data for line in held_lines(data)]


def held_views_at(where, g: int | None = None) -> list[str]:
    """The HTML every held view under ``where`` shows at ``g`` (each its run's g by default), in order."""
    return [expanded(data, data["g"] if g is None else g)
            if str(data["g"] if g is None else g) in data["variants"] or data.get("fixed") else ""
            for data in components(where) if "variants" in data]


_HELD_METRIC = re.compile(r'<div class="held-metric"(?: title="([^"]*)")?><p class="held-metric-label">(.*?)</p>'
                          r'<p class="held-metric-value">(.*?)</p>(?:<p class="held-metric-delta">(.*?)</p>)?</div>')


def metric_cells(view: str) -> list[tuple[str, str, str, str]]:
    """Every figure a held view's HTML shows (held_view.metrics): (label, value, the text shown on hover, the line
    under the value), as the reader sees them."""
    return [tuple(html.unescape(part or "") for part in (label, value, tip, delta))
            for tip, label, value, delta in _HELD_METRIC.findall(view)]


def held_metrics(where, g: int | None = None) -> list[tuple[str, str, str, str]]:
    """Every figure the held views under ``where`` show at ``g`` (metric_cells)."""
    return [cell for view in held_views_at(where, g) for cell in metric_cells(view)]


def held_downloads(where, g: int | None = None) -> dict[str, tuple[str, str]]:
    """The downloads the held views under ``where`` offer at ``g`` (held_view.download: data: links), label →
    (file name, content)."""
    found = {}
    for view in held_views_at(where, g):
        for name, href, label in re.findall(r'<a class="held-button held-download" download="([^"]*)" href="([^"]*)">'
                                            r"(.*?)</a>", view):
            found[html.unescape(label)] = (html.unescape(name), unquote(html.unescape(href).split(",", 1)[1]))
    return found


def page_elements(node, found: list | None = None) -> list[tuple[str, bytes]]:
    """Every element under ``node`` (containers opened) but the held views, each as its type and its message: what
    a page draws that a change of g in the browser does not change."""
    found = [] if found is None else found
    children = getattr(node, "children", None)
    if children:
        for child in children.values():
            page_elements(child, found)
    elif hasattr(getattr(node, "proto", None), "SerializeToString") and (
            node.type != "bidi_component" or "variants" not in json.loads(node.proto.json or "{}")):
        found.append((node.type, node.proto.SerializeToString(deterministic=True)))
    return found


def main_text(at: AppTest) -> str:
    parts = [m.value for m in at.main.markdown] + [c.value for c in at.main.caption] + [e.value for e in at.main.error]
    return "\n".join(parts + held_text(at.main))


def sidebar_text(at: AppTest) -> str:
    return "\n".join([c.value for c in at.sidebar.caption] + [t.value for t in at.sidebar.text] + held_text(at.sidebar))


def share_data(at: AppTest) -> dict:
    """The data the sidebar's share link component was sent (explorer/links.share_data)."""
    (data,) = [d for d in components(at.sidebar) if "url" in d]
    return data


def code_boxes(at: AppTest) -> list[str]:
    """The text of every box of code to copy on the page's main area (a held view's printout,
    held_view.preformatted) at its run's g, in order."""
    return [html.unescape(code) for data in components(at.main) if "variants" in data
            for code in re.findall(r'<pre class="held-pre">(.*?)</pre>', expanded(data, data["g"]), flags=re.S)]


def share_url(at: AppTest) -> str:
    """The share link the sidebar shows."""
    return share_data(at)["url"]


def test_overview_loads_with_all_blocks():
    at = run_app()
    text = main_text(at)
    for title in ("Basic block", "Pre-activation block", "Bottleneck", "ResNeXt block"):
        assert title in text
    assert "$y = x + F(x)$" in text  # display math in the explanation from texts.py, MathML read back as its LaTeX
    assert '<p class="held-display"><math alttext="y = x + F(x)"' in held_html(at.main, "text_overview_residual")
    # The live parameter counts for the defaults, each block repeated in its stage (64 → 64 basic, 256 → 256
    # bottlenecks): 2·(9·64·64) + 4·64 = 73,984; 256·64 + 9·64·64 + 64·256 + 2·(64 + 64 + 256) = 70,400 (ResNet-50's
    # conv2 repeated block); ResNeXt 32×4d: Table 2's 32·(256·4 + 9·4·4 + 4·256) = 70,144 + 2·(128 + 128 + 256).
    assert "73,984" in text and "70,400" in text and "71,168" in text


def test_shared_controls_change_what_is_shown():
    at = run_app()
    at.sidebar.number_input(key="planes").set_value(128).run()
    text = main_text(at)
    assert "planes=128" in text
    assert "230,144" in text  # basic block 64 → 128: two 3×3 convs, BN and the 1×1 projection


def test_url_parameters_seed_the_controls():
    at = run_app(block="basic", planes="32", stride="2")
    assert at.sidebar.selectbox(key="block").value == "basic"
    assert at.sidebar.number_input(key="planes").value == 32
    assert at.sidebar.radio(key="stride").value == 2
    assert "basic, 64→32, stride 2" in sidebar_text(at)


def test_groups_disabled_for_blocks_without_a_grouped_conv():
    at = run_app(block="bottleneck")
    assert groups_control(at).disabled
    assert "Only the resnext block has a grouped 3×3" in sidebar_text(at)
    at = run_app(block="resnext")
    assert not groups_control(at).disabled


@pytest.mark.parametrize(
    "params,note",
    [
        ({"groups": "abc"}, "Ignored groups='abc'"),
        ({"planes": "-4"}, "Ignored planes='-4'"),
        ({"block": "<b>x</b>"}, "Ignored block='<b>x</b>'"),
        ({"size": "99999999999999999999"}, "Ignored size="),
    ],
)
def test_hostile_url_values_fall_back_with_a_note(params, note):
    at = run_app(**params)
    assert note in sidebar_text(at)


def test_invalid_combination_shows_the_validation_sentence():
    at = run_app(block="resnext", planes="8", base_width="4")
    assert "leaves 0 channels per group" in main_text(at)


def test_overview_names_the_resnext_row_it_shows():
    text = main_text(run_app(block="basic"))
    assert "the ResNeXt row uses groups=32, base_width=4" in text


def test_markdown_table_aligns_and_formats_numbers():
    from explorer.tables import markdown as markdown_table

    text = markdown_table([{"layer": "conv1", "params": 4096, "share (%)": 12.5, "grouped": True, "op": "a|b"},
                           {"layer": "bn1", "params": 128, "share (%)": 0.4, "grouped": False, "op": "c"}])
    assert text.splitlines() == [
        "| layer | params | share (%) | grouped | op |",
        "|:---|---:|---:|:---|:---|",
        "| conv1 | 4,096 | 12.50 | yes | a\\|b |",
        "| bn1 | 128 | 0.40 | no | c |",
    ]


# The shell in Turkish ------------------------------------------------------------------------------------------------

def test_page_names_in_both_languages():
    from explorer.controls import page_titles

    assert page_titles("en") == {"": "Overview", "graph": "Graph", "split": "Split-transform-merge",
                                 "budget": "Budget", "run": "Run & time", "why": "Why residuals work"}
    assert page_titles("tr") == {"": "Genel bakış", "graph": "Graf", "split": "Split-transform-merge",
                                 "budget": "Bütçe", "run": "Çalıştır ve ölç", "why": "Residual neden işe yarar"}


def test_the_switch_reads_english_turkce_and_the_address_keeps_the_code():
    at = run_app(lang="tr")
    switch = at.sidebar.radio(key="lang")
    assert switch.options == ["English", "Türkçe"] and switch.value == "tr"
    assert at.query_params["lang"] == "tr"  # the code, never the shown name
    assert [h.value for h in at.sidebar.header] == ["Blok"]
    assert "→ resnext 32×4d, 256→256, stride 1; çıktı 1×256×56×56" in sidebar_text(at)
    assert "Bu görünümü paylaşın (adres, görünümün tüm durumunu taşır):" in sidebar_text(at)
    switch.set_value("en").run()
    assert "lang" not in at.query_params and [h.value for h in at.sidebar.header] == ["Block"]
    at.sidebar.radio(key="lang").set_value("tr").run()
    assert at.query_params["lang"] == "tr"
    at.switch_page("views/graph.py").run()  # a page switch keeps the language and writes it again
    assert at.sidebar.radio(key="lang").value == "tr" and at.query_params["lang"] == "tr"


def test_the_sidebar_in_turkish_names_the_choices():
    at = run_app(lang="tr", block="bottleneck", stride="2", stride_on="1x1")
    text = sidebar_text(at)
    assert "Grouped 3×3 yalnızca resnext bloğunda var; bottleneck bloğu groups=1 kullanır." in text
    assert "→ bottleneck, 256→256, stride 2 (1×1'de); çıktı 1×256×28×28" in text
    assert at.sidebar.number_input(key="size").label == "Boyut (H = W)"
    at = run_app(lang="tr", block="preact", planes="128", stride="2", preact_shortcut="notes")
    assert "→ preact, 64→128, stride 2, notlardaki gibi shortcut'ta BN; çıktı 1×128×28×28" in sidebar_text(at)


def test_an_invalid_combination_is_said_in_turkish_with_turkish_numbers():
    at = run_app(page="views/budget.py", lang="tr", batch="256", size="1024")
    assert [e.value for e in at.error] == [
        "Bu ayar bileşimi geçerli değil: en büyük aktivasyon 68.719.476.736 değer tutardı (batch 256 × 256 kanal × "
        "1024×1024), bu da 268.435.456 sınırını aşıyor; batch'i en fazla 1 ya da size'ı en fazla 64 yapın (biri "
        "yeter) veya kanal genişliklerini düşürün."]
    at = run_app(page="views/budget.py", batch="256", size="1024")
    assert [e.value for e in at.error] == [
        "This combination is not valid: the largest activation would hold 68,719,476,736 values (batch 256 × 256 "
        "channels × 1024×1024), more than the limit of 268,435,456; lower batch to at most 1 or size to at most 64, "
        "or the widths."]


def test_a_groups_change_on_the_overview_is_answered_in_the_browser():
    """controls.ANSWERED_IN_BROWSER: everything on the Overview that depends on g is a held view (its table, the
    sidebar's width note and summary), drawn at every g the control reaches; the groups control then reruns nothing
    (on_change="ignore"), and the width note's views carry each g's base_width, which the browser writes into the
    address and the input. The next run, whatever brings it, is at the new g (AppTest's run stands for it)."""
    at = run_app(block="resnext")
    assert groups_control(at).proto.ignore_rerun
    (table,) = [d for d in components(at.main) if "variants" in d and not d.get("fixed")]  # an explanation is fixed
    assert sorted(map(int, table["variants"])) == [1, 2, 4, 8, 16, 32, 64, 128] and table["g"] == 32
    assert any("68,864" in line for line in held_lines(table, 64))  # the ResNeXt row of the table at 64×2d
    note, summary = [d for d in components(at.sidebar) if "variants" in d]
    assert held_lines(note, 64) == ["width = g × d = 64 × 2 = 128"] and held_lines(note, 128) == [
        "width = g × d = 128 × 1 = 128: depthwise, one channel per path (MobileNet, Xception)"]
    assert held_lines(summary, 64)[0] == "→ resnext 64×2d, 256→256, stride 1; output 1×256×56×56"
    # base_width at its default (4, at g = 32) leaves the address, as the bound control's own write does
    assert note["address"] == {"1": {"base_width": "128"}, "2": {"base_width": "64"}, "4": {"base_width": "32"},
                               "8": {"base_width": "16"}, "16": {"base_width": "8"}, "32": {"base_width": None},
                               "64": {"base_width": "2"}, "128": {"base_width": "1"}}
    assert note["defaults"] == {"base_width": 4} and "address" not in summary
    groups_control(at).set_value(64).run()
    assert not at.exception
    assert at.session_state["view"].cfg.groups == 64 and at.session_state["view"].cfg.base_width == 2
    assert at.number_input(key="base_width").value == 2
    assert at.title and "68,864" in main_text(at) and "→ resnext 64×2d, 256→256" in sidebar_text(at)
    assert "groups=64" in share_url(at) and "base_width=2" in share_url(at)


def test_a_base_width_typed_after_a_change_of_g_in_the_browser_is_kept():
    """The browser set the input to 16 at g = 8 (uncommitted); the reader typed 20 and committed: the run takes
    both, width 8 × 20 = 160, and does not move base_width on with g."""
    at = run_app(block="resnext")
    groups_control(at).set_value(8)
    at.number_input(key="base_width").set_value(20).run()
    assert not at.exception
    cfg = at.session_state["view"].cfg
    assert (cfg.groups, cfg.base_width, cfg.width) == (8, 20, 160)
    assert "width = g × d = 8 × 20 = 160" in sidebar_text(at)


def test_a_page_switch_after_a_change_of_g_in_the_browser_keeps_it():
    at = run_app(block="resnext")
    groups_control(at).set_value(8)
    at.switch_page("views/graph.py").run()
    assert not at.exception
    cfg = at.session_state["view"].cfg
    assert (cfg.groups, cfg.base_width) == (8, 16)
    assert "→ resnext 8×16d, 256→256" in sidebar_text(at)


def test_a_groups_change_at_the_same_width_reruns_only_the_parts(no_dot_program):
    """controls.groups_changed, on a page with parts (the Graph page where the browser lays the graphs out): the
    sidebar's groups controls and the page's parts rerun; AppTest's tree then holds only what those parts drew (a
    full run draws the page again). The sidebar's note and summary are held views: the browser shows the new g's
    with no rerun of them."""
    at = run_app(page="views/graph.py", block="resnext")
    assert at.title and not groups_control(at).proto.ignore_rerun
    note, _ = [d for d in components(at.sidebar) if "variants" in d]
    assert "address" not in note  # the server's run writes base_width
    groups_control(at).set_value(64).run()
    assert not at.exception
    assert not at.title and "resnext 64×2d, 256→256" in main_text(at)  # only the parts ran
    assert not held_text(at.sidebar)  # not the width note and the summary: the browser shows them at 64
    assert at.session_state["view"].cfg.groups == 64 and at.session_state["view"].cfg.base_width == 2
    at.run()  # the share link follows the address in the browser; the server writes it on a full run
    assert at.title and "→ resnext 64×2d, 256→256" in sidebar_text(at)
    assert "groups=64" in share_url(at) and "base_width=2" in share_url(at)


def test_a_held_view_drawn_for_another_d_at_its_g_is_drawn_again(no_dot_program):
    """A link's base_width 3 at planes 32 and g 32 gives width 32 with d = 1, which the held views draw as it came;
    16 and back to 32 then holds the width with base_width 2 (the same d, another base_width). On the Graph page
    (its graphs laid out by the browser, a part) the views drawn at 32 are not of that block: the whole app reruns,
    and the summary says base_width 2. On the Overview, answered in the browser, a run takes the block the last
    run's views drew at the new g
    (tests/e2e/test_groups_parts.py: with no run between, the step back is the link's own block again)."""
    at = run_app(page="views/graph.py", block="resnext", planes="32", base_width="3", groups="32")
    assert any("d = 3 × planes/64" in line for line in held_text(at.sidebar))
    groups_control(at).set_value(16).run()
    assert not at.title  # 16 was drawn for this block: the parts alone
    groups_control(at).set_value(32).run()
    assert at.title and at.session_state["view"].cfg.base_width == 2
    assert any("d = 2 × planes/64" in line for line in held_text(at.sidebar))

    at = run_app(block="resnext", planes="32", base_width="3", groups="32")
    (note, _) = [d for d in components(at.sidebar) if "variants" in d]
    assert note["address"]["16"] == {"base_width": None} and note["address"]["32"] == {"base_width": "3"}
    groups_control(at).set_value(16).run()
    assert at.session_state["view"].cfg.base_width == 4
    (note, _) = [d for d in components(at.sidebar) if "variants" in d]
    assert note["address"]["32"] == {"base_width": "2"}  # drawn by the run at 16, holding its width
    groups_control(at).set_value(32).run()
    assert at.session_state["view"].cfg.base_width == 2
    assert any("d = 2 × planes/64" in line for line in held_text(at.sidebar))


def test_a_block_the_limits_refuse_is_not_answered_in_the_browser():
    """No held view follows g for a block that is not valid (here only the activation limit refuses it): the
    slider's callback answers, and holding the width still moves base_width (64×2d)."""
    at = run_app(block="resnext", batch="64", size="224")
    assert at.error and not groups_control(at).proto.ignore_rerun
    groups_control(at).set_value(64).run()
    assert (at.session_state["groups"], at.session_state["base_width"]) == (64, 2)


def test_the_held_views_code_travels_once_per_page():
    """held.js and held.css go in the one held_code component app.py mounts, before the page; each held view's element
    carries only the few lines that hand it to them (Streamlit sends a component's code with every element)."""
    at = run_app("views/budget.py", block="resnext")
    elements = [e for where in (at.main, at.sidebar) for e in where
                if type(e).__name__ == "UnknownElement" and e.type == "bidi_component"]
    code = [e.proto for e in elements if e.proto.component_name == "held_code"]
    views = [e.proto for e in elements if e.proto.component_name == "held_view"]
    assert len(code) == 1 and len(views) >= 15
    held_js = (Path(APP).parent / "explorer" / "components" / "held.js").read_text()
    assert "function show(s, g)" in held_js and "function show(s, g)" in code[0].js_content
    assert ".held-metric" in code[0].css_content
    assert all(len(v.js_content) < 600 and not v.css_content for v in views)
    assert all("resblocks:held-code" in v.js_content for v in views)


def test_a_held_views_address_names_the_gs_of_its_views():
    from explorer.components.held_view import held_view

    with pytest.raises(ValueError, match=r"the address of 'x' names g = \[1\], its views \[1, 2\]"):
        held_view("x", {1: "", 2: ""}, 1, address={1: {"base_width": 4}})
    with pytest.raises(ValueError, match=r"the fixed view 'x' has one view, the same at every g: it has 2"):
        held_view("x", {1: "", 2: ""}, 1, fixed=True)


def test_the_pages_answered_in_the_browser_draw_no_groups_part():
    """A part that depends on g on such a page would never be rerun by a change of g (controls.ANSWERED_IN_BROWSER)."""
    from explorer import controls

    scripts = {"": None, "why": "views/why.py", "split": "views/split.py", "budget": "views/budget.py",
               "graph": "views/graph.py", "run": "views/run.py"}
    assert set(scripts) == controls.ANSWERED_IN_BROWSER
    assert controls.answers("graph") == (shutil.which("dot") is not None)  # Graphviz lays the graphs out on the server
    for path, script in scripts.items():
        if not controls.answers(path):
            continue
        at = run_app(page=script, block="resnext")
        assert groups_control(at).proto.ignore_rerun
        assert at.session_state["_groups_parts"] == [], path
        assert at.session_state["_held_views"], path


def test_a_groups_change_that_changes_the_width_reruns_the_whole_app():
    at = run_app(block="resnext", hold="d")
    groups_control(at).set_value(8).run()
    assert at.title  # the whole page was drawn again
    assert "width = g × d = 8 × 4 = 32" in sidebar_text(at)


def test_a_groups_change_that_comes_with_another_change_reruns_the_whole_app():
    """Streamlit folds a waiting change of another control into the slider's request: the parts alone would draw
    the old size, so the whole app runs."""
    at = run_app(block="resnext")
    at.number_input(key="size").set_value(28)
    groups_control(at).set_value(64).run()
    assert at.title  # the whole page
    assert at.session_state["view"].cfg.size == 28 and at.session_state["view"].cfg.groups == 64
    assert "output 1×256×28×28" in sidebar_text(at)
