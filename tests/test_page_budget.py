"""AppTest for the Budget page: it loads for every block, its bars and tables carry the library's numbers with units."""

import io
import re

import pandas as pd
import pytest

from resblocks import BlockConfig, units
from resblocks.analysis import analyze
from resblocks.networks import NETWORKS
from resblocks.registry import BLOCK_NAMES, REGISTRY
from tests.test_app import (
    chart,
    components,
    groups_control,
    held_data,
    held_downloads,
    held_html,
    held_lines,
    main_text,
    metric_cells,
    page_elements,
    run_app,
    share_url,
)

PAGE = "views/budget.py"
UNITS = ("params", "MACs", "FLOPs", "bytes", "B", "KiB", "MiB", "GiB", "%", "channels", "groups", "blocks", "×")
CONV2 = {"block": "bottleneck", "in_channels": "256"}  # ResNet-50's conv2 bottleneck, Table 2's budget


def page_lines(at, g: int | None = None) -> list[str]:
    """The page's Markdown and every held view's lines at ``g`` (their run's by default), in order."""
    lines = [line for m in at.main.markdown for line in m.value.splitlines()]
    for data in components(at.main):
        if "variants" in data:
            lines += held_lines(data, g)
    return lines


def markdown_table(at, header: str, with_header: bool = False, g: int | None = None) -> list[list[str]]:
    """The rows of the markdown table whose first line starts with ``header``, split into cells: in the page's
    Markdown or in a held view (at ``g``)."""
    lines = page_lines(at, g)
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    table = lines[start:end]
    table = table[:1] + table[2:] if with_header else table[2:]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))] for line in table]


def metrics(at, g: int | None = None) -> dict[str, tuple[str, str]]:
    """Every figure on the page, label → (value, help): the st.metric ones and the block's totals (a held view, at
    ``g``)."""
    found = {m.label: (m.value, m.help) for m in at.main.metric}
    found.update({label: (value, tip) for label, value, tip, _ in metric_cells(held_html(at.main, "budget_totals", g))})
    return found


def downloads(at, g: int | None = None) -> dict[str, tuple[str, str]]:
    """The page's downloads (held views: data: links), label → (file name, content)."""
    return held_downloads(at.main, g)


def has_unit(text: str) -> bool:
    """True where ``text`` names a unit, SI-prefixed or not ("1.26 GMACs", "23 MiB", "params")."""
    return any(re.search(rf"(?<![A-Za-z])[kMGT]?{re.escape(u)}(?![A-Za-z])", text) for u in UNITS)


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_page_loads_for_every_block(block):
    at = run_app(page=PAGE, block=block)
    text = main_text(at)
    assert [h.value for h in at.main.header] == ["Where the budget goes, layer by layer", "The 1/g story, told honestly",
                                                 "Blocks at equal cost", "In its network"]
    assert f"**{block} (this block)**" in text
    a = analyze(BlockConfig(block=block, in_channels=64 * REGISTRY[block].expansion))  # its repeated block
    assert metrics(at)["Parameters"][0] == f"{a.params:,} params"
    if block.startswith("preact"):
        assert "torchvision has no network built from the" in "\n".join(i.value for i in at.main.info)
        assert f"The {block} block has no grouped 3×3, so the sweep uses the resnext block" in "\n".join(
            i.value for i in at.main.info)
    else:
        assert "torchinfo agrees" in text


def test_bar_totals_equal_the_library_totals():
    at = run_app(page=PAGE, block="resnext", stride="2", batch="3")
    a = analyze(BlockConfig(in_channels=256, stride=2, batch=3))
    drawn = chart(at, "budget_layers_chart")
    bars = drawn.rows.groupby("bar", sort=False)
    assert list(bars.groups) == [f"parameters: {a.params:,} params", f"multiply-adds: {units.count(a.macs, 'MACs')}",
                                 f"activations: {units.nbytes(a.activation_bytes)}"]
    assert list(bars.groups)[1:] == ["multiply-adds: 550 M MACs", "activations: 31 MiB"]
    assert list(bars["value"].sum()) == [a.params, a.macs, a.activation_bytes]
    assert list(bars.size()) == [len(a.layers)] * 3  # one segment per layer
    assert drawn.legend == [f"{layer.name}: {layer.description}" for layer in a.layers]
    # Shares of 100 %: the axis from 0% to 100%, and each segment's share in its tooltip.
    assert drawn.texts[:6] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    conv3 = drawn.rows[drawn.rows["tip:layer"].str.startswith("conv3")].iloc[0]
    assert conv3["tip:share"] == f"{conv3.value / a.params:.1%}"
    assert drawn.alt == "Shares of the block's parameters, MACs and activation memory, per layer"


def test_equal_cost_widths_land_within_five_percent_of_the_budget():
    at = run_app(page=PAGE, **CONV2)
    for metric in ("params", "macs"):
        if metric == "macs":
            at.radio(key="metric").set_value("macs").run()
        rows = markdown_table(at, "| Block |")
        kinds = [row[0] for row in rows]
        # The current block once, first: it sets the budget (the bottleneck is not solved again).
        assert kinds == ["**bottleneck (this block)**", "basic", "resnext C=2", "resnext C=4", "resnext C=8",
                         "resnext C=32"]
        for row in rows:
            off = float(row[7].rstrip("%"))
            assert abs(off) < 5, (metric, row)
        # Table 2's widths per path at this budget: 2×40d, 4×24d, 8×14d, 32×4d, all 256 → 256.
        assert [row[1] for row in rows[2:]] == ["base_width=40 (2×40d)", "base_width=24 (4×24d)",
                                                "base_width=14 (8×14d)", "base_width=4 (32×4d)"]
        assert [row[2] for row in rows[2:]] == ["256 → 256"] * 4
        assert rows[1][2] == "256 → **25**"  # the basic block's output differs, in bold, and is said plainly
        # Each row links to its graph with the solved settings in the address.
        assert rows[2][-1] == "[graph](./graph?groups=2&base_width=40)"  # 256 → 256 is the default
        notes = main_text(at)
        assert "Not the same output: basic (25) instead of this block's 256 channels (in bold in the table)." in notes
        assert "A basic block's only width is its output (`planes`)" in notes
    assert "metric=macs" in share_url(at)


def test_metric_from_the_address():
    at = run_app(page=PAGE, metric="macs", **CONV2)
    assert at.radio(key="metric").value == "macs"
    assert "218,365,952 MACs per image" in main_text(at)


def test_network_totals_equal_the_published_figures():
    at = run_app(page=PAGE, **CONV2)
    text = main_text(at)
    assert "**repeated block** of **`layer1`** in **ResNet-50**" in text and "**2 copies**" in text
    rows = markdown_table(at, "| Network |")
    assert [row[0] for row in rows] == ["ResNet-50", "ResNet-101", "ResNet-152"]
    for row, name in zip(rows, ("resnet50", "resnet101", "resnet152"), strict=True):
        published = NETWORKS[name].published_params
        assert row[1] == f"{published:,} params ✓" and row[2] == f"{published:,} params"
        assert row[4] == f"{NETWORKS[name].published_gmacs:.3f} G MACs"
        assert row[3] == row[4]  # counted MACs agree to torchvision's three decimals
    drawn = chart(at, "budget_network_chart")
    rows = drawn.rows
    assert rows[rows.measure == "0"].value.sum() == NETWORKS["resnet50"].published_params
    mine = rows[rows["tip:part"] == "this block × 2"]  # the two copies of this block in layer1, params and MACs
    assert list(mine.stage) == ["layer1", "layer1"] and mine.value.iloc[0] == 2 * 70_400
    assert list(mine.part) == ["1", "1"] and set(rows[rows.part == "0"]["tip:part"]) == {"rest of the stage"}
    assert drawn.legend == ["rest of the stage", "this block × 2", "params", "MACs (224×224 image)"]


def test_settings_outside_the_network_link_to_its_blocks():
    at = run_app(page=PAGE, block="bottleneck", stride="3")
    assert "No block of ResNet-50 takes 256 channels to 256 at stride 3" in main_text(at)
    assert "[`layer2`: 256 → 128 planes, stride 2 (× 1)](./budget?block=bottleneck&planes=128&stride=2)" \
        in main_text(at)


def test_every_number_shown_carries_its_unit():
    at = run_app(page=PAGE, block="resnext", batch="2")
    for label, (value, _) in metrics(at).items():
        assert has_unit(value), (label, value)
    for start in ("| Block |", "| Network |", "| layer |", "| g (groups) |", "| stage |", "| module (type) |"):
        header, *rows = markdown_table(at, start, with_header=True)
        for row in rows:
            for column, cell in zip(header, row, strict=True):
                if re.match(r"[+-]?\d", cell):  # a figure (names, settings and links start with a letter)
                    assert has_unit(cell) or has_unit(column), (column, cell)
    rows = chart(at, "budget_layers_chart").rows
    assert all(has_unit(m) for m in rows.bar) and all(has_unit(a) for a in rows["tip:amount"])
    rows = chart(at, "budget_sweep_chart").rows
    assert all(has_unit(a) or a.startswith("1/") for a in rows["tip:amount"])
    rows = chart(at, "budget_network_chart").rows
    assert all(has_unit(a) for a in rows["tip:amount"]) and all(has_unit(a) for a in rows["tip:share"])
    note = "\n".join(i.value for i in at.main.info)
    assert "MACs are multiply-adds" in note and "FLOPs = 2 × MACs" in note


def test_a_block_too_small_for_resnext_rows_says_why():
    at = run_app(page=PAGE, block="basic", planes="25")
    rows = markdown_table(at, "| Block |")
    unreachable = [row for row in rows if row[1] == "not reachable"]
    assert [row[0] for row in unreachable] == ["resnext C=32"]
    assert unreachable[0][-1] == ("The smallest resnext block (base_width=1) already has 28,064 params, above the "
                                  "target 21,775; raise the target to at least 28,064 or change in_channels, size or "
                                  "stride.")
    notes = main_text(at)
    assert "Not the same output: bottleneck (120), resnext C=2 (256), resnext C=4 (256), resnext C=8 (256)" in notes
    assert "which 25 is no multiple of" in notes
    at = run_app(page=PAGE, block="basic", planes="8")
    assert "No sweep here: the basic block has no grouped 3×3" in "\n".join(i.value for i in at.main.info)


def test_downloads_are_csv():
    at = run_app(page=PAGE, **CONV2)
    found = downloads(at)
    assert list(found) == ["Download the per-layer table (CSV)", "Download the per-stage table of ResNet-50 (CSV)"]
    name, content = found["Download the per-layer table (CSV)"]
    layers = pd.read_csv(io.StringIO(content))
    assert name == "budget-layers.csv" and list(layers.layer)[:2] == ["conv1", "bn1"]  # names plain, not as code
    assert layers.params.sum() == analyze(BlockConfig(block="bottleneck", in_channels=256)).params
    name, content = found["Download the per-stage table of ResNet-50 (CSV)"]
    assert name == "budget-resnet50-stages.csv"
    assert pd.read_csv(io.StringIO(content)).params.sum() == NETWORKS["resnet50"].published_params


def test_another_block_rings_the_resnext_block_it_is_swept_as():
    """The basic block has one g (1); its sweep is the resnext block's at 32×1d, whose g the ring and the sentence
    keep (the held views show the basic block's g)."""
    at = run_app(page=PAGE, block="basic")
    data = held_data(at.main, "budget_sweep_chart")
    assert list(data["variants"]) == ["1"] and 'data-ring="32"' in held_html(at.main, "budget_sweep_chart")
    (sentence,) = held_lines(held_data(at.main, "budget_sweep"))
    assert "at g = 32 it has" in sentence


def test_sweep_chart_puts_the_grouped_3x3_on_the_one_over_g_line():
    at = run_app(page=PAGE, block="resnext", groups="8")
    drawn = chart(at, "budget_sweep_chart")
    rows = drawn.rows
    conv = rows[rows["tip:measure"] == "3×3 params"]
    assert list(conv.g) == ["1", "2", "4", "8", "16", "32"]  # the divisors of the 3×3's width 8 × 4 = 32
    assert list(conv.value) == [1 / int(g) for g in conv.g]
    assert conv[conv.g == "8"]["tip:amount"].item() == "1,152 params"  # 9 · 32 · 32 / 8
    assert set(rows[rows["tip:measure"] == "activation memory"].value) == {1.0}
    # One drawing at every g (sent once), with its ring on that g: only the box's data-ring differs.
    data = held_data(at.main, "budget_sweep_chart")
    assert list(data["variants"]) == ["1", "2", "4", "8", "16", "32"] and len(data["parts"]) == 2  # wide, narrow
    legend = data["variants"]["8"].split('<i data-part="1"></i>', 1)[1]
    for g, view in data["variants"].items():
        assert view == f'<div class="held-chart" data-ring="{g}"><i data-part="0"></i><i data-part="1"></i>' + legend
    assert data["parts"][0].count('class="held-ring" data-g="8" visibility="hidden"') == 1  # held.js shows it
    assert drawn.texts[-1] == "groups g, at a fixed width" and "12.5%" in drawn.texts and "3.125%" in drawn.texts


HELD = ("budget_intro", "budget_totals", "budget_layers_chart", "budget_torchinfo", "budget_layer_table",
        "budget_layers_csv", "budget_sweep", "budget_sweep_chart", "budget_equal_cost", "budget_network",
        "budget_network_chart", "budget_network_totals", "budget_stage_table", "budget_stages_csv")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_groups_change_is_answered_in_the_browser(lang):
    """hold=width: everything on the page that depends on g is drawn at every g the control reaches (held views,
    and charts over every g's rows), each g's as a run at that g draws it; so the groups control reruns nothing
    (controls.ANSWERED_IN_BROWSER), and the next run is at the new g."""
    at = run_app(page=PAGE, block="resnext", lang=lang)
    at64 = run_app(page=PAGE, block="resnext", lang=lang, groups="64", base_width="2")
    assert groups_control(at).proto.ignore_rerun and at.session_state["_groups_parts"] == []
    for key in HELD:
        assert held_html(at.main, key, 64) == held_html(at64.main, key), key
    # And nothing else on the page depends on g: the rest of the page is the same at 32×4d and at 64×2d.
    assert page_elements(at.main) == page_elements(at64.main)
    assert not at.get("vega_lite_chart") and not at.get("plotly_chart")  # every chart is a held view
    label = {"en": "Parameters", "tr": "Parametreler"}[lang]
    assert "68,864" in metrics(at, 64)[label][0].replace(".", ",") and "71,168" in metrics(at)[label][0].replace(".", ",")
    groups_control(at).set_value(64).run()
    assert not at.exception and at.title
    assert held_data(at.main, "budget_totals")["g"] == 64



def test_a_groups_change_keeps_each_session_in_its_own_language():
    """The memos compute with the newest run's definitions: each session's views at every g speak its own language
    (every word comes through an argument)."""
    english = run_app(page=PAGE, block="resnext", size="19")
    turkish = run_app(page=PAGE, block="resnext", size="19", lang="tr")
    assert metrics(english, 64)["Parameters"][0] == "68,864 params"
    assert metrics(turkish, 64)["Parametreler"][0] == "68.864 parametre"
    assert chart(english, "budget_layers_chart", 64).rows.bar.iloc[0] == "parameters: 68,864 params"
    assert chart(turkish, "budget_layers_chart", 64).rows.bar.iloc[0] == "parametreler: 68.864 parametre"
    assert markdown_table(english, "| Block |")[0][0] == "**resnext (this block)**"
    assert markdown_table(turkish, "| Blok |")[0][0] == "**resnext (bu blok)**"


# Turkish ----------------------------------------------------------------------------------------------------------


def test_turkish_page_reads_in_turkish_with_turkish_numbers():
    at = run_app(page=PAGE, lang="tr", metric="macs", **CONV2)
    text = main_text(at)
    assert [h.value for h in at.main.header] == ["Bütçe nereye gidiyor, katman katman", "1/g'nin dürüst hikâyesi",
                                                 "Eşit maliyette bloklar", "Ağının içinde"]
    metrics_ = metrics(at)
    assert metrics_["Parametreler"][0] == "70.400 parametre"
    assert metrics_["Çarpma-toplama (MACs)"] == ("218 M MACs", "218.365.952 MACs")
    # The memory figures, each named for what it is, with Turkish numbers.
    assert metrics_["Aktivasyon belleği, tüm çıktılar"][0] == "16,8 MiB"
    assert metrics_["Aktivasyon belleği, tüm çıktılar"][1].startswith("17.661.952 bayt: tüm katman çıktılarının toplamı")
    assert metrics_["Çıkarımda en yüksek"] == ("6,12 MiB", "6.422.528 bayt")
    assert metrics_["Geri geçiş için saklanan"] == ("12,3 MiB", "12.848.128 bayt")
    assert metrics_["torchinfo: ileri/geri geçiş"] == ("18,4 MiB", "19.267.584 bayt")
    assert "Aranan tek genişlik bloğu **görüntü başına 218.365.952 MACs** değerine en çok yaklaştırır" in text
    assert ("örneğin g = 32 iken **1.152 parametre** kalır, dense 3×3'ün 1/32 (%3,12) kadarı. Bloğun tamamı öyle "
            "küçülmez: 1×1 conv'lar, BN ve shortcut küçülmediği için blok parametrelerinin **%49,3** kadarını "
            "(34.688 parametre / 70.400 parametre)") in text
    assert ("Bu blok **ResNet-50** ağında, **`layer1`** aşamasında yer alır (**tekrarlanan blok**); ağda bundan "
            "**2 kopya** vardır") in text
    rows = markdown_table(at, "| Blok |")
    assert rows[0][:4] == ["**bottleneck (bu blok)**", "planes=64", "256 → 256", "64"]
    assert rows[1][2] == "256 → **25**" and rows[2][-1] == "[graf](./graph?groups=2&base_width=40&lang=tr)"
    assert rows[5][4:8] == ["71.168 parametre", "220 M MACs", "21,4 MiB", "+%0,7"]
    assert "Çıkış aynı değil: bu bloğun 256 kanalı yerine basic (25) (tabloda kalın)." in text
    network = markdown_table(at, "| Ağ |")
    assert network[0][:5] == ["ResNet-50", "25.557.032 parametre ✓", "25.557.032 parametre", "4,089 G MACs",
                              "4,089 G MACs"]
    assert "| `layer1` | 3 | 64 → 256 | 1 | 1×256×56×56 | 215.808 |" in text  # the per-stage table
    assert "| sınıflandırıcı (havuzlama + fc) |" in text
    assert list(downloads(at)) == ["Katman tablosunu indir (CSV)", "ResNet-50 aşama tablosunu indir (CSV)"]
    assert "torchinfo da aynısını buluyor: 70.400 parametre" in text


def test_turkish_charts_have_turkish_titles_and_the_turkish_number_format():
    at = run_app(page=PAGE, lang="tr", block="resnext", groups="8")
    sweep = chart(at, "budget_sweep_chart")
    assert sweep.alt == "g'ye göre parametreler, MAC'ler ve aktivasyon belleği, 32 kanal genişlikte"
    assert "grup sayısı g, sabit genişlikte" in sweep.texts and "%12,5" in sweep.texts and "%3,125" in sweep.texts
    assert "12,5%" not in sweep.texts and "12.5%" not in sweep.texts
    rows = sweep.rows
    assert list(rows.filter(like="tip:").columns) == ["tip:ölçü", "tip:g", "tip:miktar", "tip:÷ g = 1"]
    conv = rows[rows["tip:ölçü"] == "3×3 parametresi"]
    at8 = conv[conv.g == "8"]
    assert at8["tip:miktar"].item() == "1.152 parametre" and at8["tip:÷ g = 1"].item() == "%12,50"
    assert "3×3 parametresi" in sweep.legend
    layers = chart(at, "budget_layers_chart")
    assert layers.alt == "Bloğun parametre, MAC ve aktivasyon belleği payları, katman katman"
    assert "toplamdaki pay" in layers.texts and "%40" in layers.texts and "40%" not in layers.texts
    assert list(layers.rows.filter(like="tip:").columns) == ["tip:katman", "tip:miktar", "tip:pay"]
    assert layers.rows.bar.iloc[0].startswith("parametreler: 18.176 parametre")
    network = chart(at, "budget_network_chart")
    assert network.alt == "Ağın parametrelerinde ve MAC'lerinde her aşamanın payı"
    assert "ağdaki pay" in network.texts and "sınıflandırıcı" in set(network.rows.stage)
    assert set(network.rows.part) == {"0"} and "aşamanın geri kalanı" in network.legend  # 8×4d only sits where 32×4d does


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_chart_speaks_the_page_s_language(lang):
    """Every text, legend name and tooltip line of the three charts is written by say: axis labels as the language
    writes a percentage, tooltip names the language's words, never a field's key."""
    at = run_app(page=PAGE, lang=lang, **CONV2)
    for key in ("budget_layers_chart", "budget_sweep_chart", "budget_network_chart"):
        drawn = chart(at, key)
        shares = [t for t in drawn.texts if "%" in t]
        assert shares and all(t.startswith("%") == (lang == "tr") for t in shares), (key, shares)
        names = [c[4:] for c in drawn.rows.columns if c.startswith("tip:")]
        assert names and not [n for n in names if "_" in n], (key, names)
        if lang == "tr":
            assert not set(names) & {"layer", "amount", "share", "measure", "stage", "part"}, (key, names)


def test_the_english_page_keeps_english_numbers():
    at = run_app(page=PAGE, block="resnext", groups="8")
    drawn = chart(at, "budget_sweep_chart")
    assert "3.125%" in drawn.texts and "groups g, at a fixed width" in drawn.texts
    bars = list(dict.fromkeys(chart(at, "budget_layers_chart").rows.bar))
    assert bars[1] == "multiply-adds: 55 M MACs"  # 17,536 conv weights × 56 × 56


def test_turkish_page_says_the_library_messages_in_turkish():
    at = run_app(page=PAGE, lang="tr", block="basic", planes="25")
    rows = markdown_table(at, "| Blok |")
    unreachable = [row for row in rows if row[1] == "ulaşılamıyor"]
    assert unreachable[0][-1] == ("En küçük resnext bloğu (base_width=1) bile 28.064 params tutuyor, hedef olan 21.775 "
                                  "değerinin üstünde; hedefi en az 28.064 yapın ya da giriş kanalını, boyutu veya "
                                  "stride'ı değiştirin.")
    notes = main_text(at) + "\n".join(i.value for i in at.main.info)
    assert ("Basic bloğunda grouped 3×3 yok; bu yüzden tarama aynı boyutlardaki resnext bloğunu varsayılan 32×1d "
            "ayarıyla kullanır: resnext 32×1d, 64→100, stride 1.") in notes
    assert "ve 25 4'ün katı değildir" in notes


def test_turkish_page_body_has_no_english_left():
    # The page body only (the sidebar is the shell's); torchinfo's own printout stays as torchinfo prints it.
    from harness.i18n_check import _proto_strings, english_words

    def body(at) -> set[str]:
        found: set[str] = set()

        def walk(node) -> None:
            if getattr(node, "type", None) in {"html", "code"}:
                return
            proto = getattr(node, "proto", None)
            if proto is not None and hasattr(proto, "ListFields"):
                found.update(s.strip() for s in _proto_strings(proto) if s.strip())
            for child in getattr(node, "children", {}).values():
                walk(child)

        walk(at.main)
        return found

    for params in ({}, {"block": "basic", "stride": "2"}, {"block": "bottleneck", "stride": "3"},
                   {"block": "basic", "planes": "25", "metric": "macs"}, {"block": "preact"}):
        en, tr = body(run_app(page=PAGE, **params)), body(run_app(page=PAGE, lang="tr", **params))
        vocabulary = {w for text in en for w in english_words(text)}
        # Display math ($$ … $$) is LaTeX, not English (the check reads only $ … $ spans as math).
        left = {text: words for text in tr
                if (words := {w for w in english_words(re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S))} & vocabulary)}
        assert left == {}, params


def test_turkish_page_says_why_torchinfo_is_skipped():
    at = run_app(page=PAGE, lang="tr", block="bottleneck", in_channels="1024", planes="512", size="224")
    assert ("Gösterilmiyor: torchinfo CPU'da gerçek bir ileri geçiş çalıştırır ve tek bir 224×224 görüntünün bu "
            "bloktan geçmesi 302.526.758.912 MAC ve 102.760.448 değere varan aktivasyonlar ister; tablosunu görmek "
            "için boyutu ya da genişlikleri azaltın") in main_text(at)
