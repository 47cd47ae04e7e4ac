"""The address as the state (explorer.links): what a session's first address may seed, and the notes on the
values it cannot use. Property-based: any text in any key of the address."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.links import GROUPS_RANGE, MAX_NOTES, SHARED_KEYS, page_notes, read_address
from resblocks.config import CHOICE_FIELDS, LIMITS

KEYS = st.sampled_from([*SHARED_KEYS, "lang", "layout", "step", "metric", "dtype", "repeat", "compare", "x"])
VALUES = st.lists(st.text(max_size=30), min_size=1, max_size=4)
ADDRESSES = st.dictionaries(st.one_of(KEYS, st.text(max_size=50)), VALUES, max_size=12)
# Digits that str.isdigit() accepts but int() refuses (a stress test found 128 such code points).
NOT_ASCII_DIGITS = ["²", "①", "¹", "٣", "𝟗", "߁"]


def _parses(text: str, low: int, high: int) -> bool:
    stripped = text.strip()
    return stripped.lstrip("+-").isascii() and stripped.lstrip("+-").isdigit() and low <= int(stripped) <= high


@settings(max_examples=400, deadline=None)
@given(ADDRESSES)
def test_any_address_gives_short_notes_and_seeds_only_usable_shared_values(raw):
    drop, notes = read_address(raw)
    for key, values in raw.items():
        if key in SHARED_KEYS and key != "block":
            last = values[-1]
            if key in CHOICE_FIELDS:  # what reaches Streamlit's seeding is one of the choices
                assert key in drop or last in CHOICE_FIELDS[key], (key, last)
            elif key not in drop:  # what reaches Streamlit's seeding is a whole number in the control's range
                low, high = GROUPS_RANGE if key == "groups" else LIMITS[key]
                assert _parses(last, low, high), (key, last)
            if key in drop and not any(n.startswith(f"Ignored {key}=") for n in notes):
                raise AssertionError(f"{key}={last!r} was withheld without a note: {notes}")
    shown = {key: "shown" for key in raw if key in SHARED_KEYS}
    final = page_notes(raw, shown, notes)
    assert len(final) <= MAX_NOTES
    for note in final:
        assert len(note) <= 200 and "\n" not in note and "\r" not in note, note


def test_digits_other_than_ascii_are_refused_with_a_sentence():
    for digit in NOT_ASCII_DIGITS:
        drop, notes = read_address({"size": [digit], "batch": [f"1{digit}"]})
        assert drop == {"size", "batch"}
        assert f"Ignored size={digit!r}: it must be a whole number from 1 to 1024." in notes


def test_infinite_and_huge_values_never_reach_the_seeding_of_any_key():
    drop, _ = read_address({"repeat": ["inf"], "size": ["1e400"], "step": ["-Infinity"], "layout": ["TB"]})
    assert drop == {"repeat", "size", "step"}


def test_groups_notes_name_the_slider_range():
    _, notes = read_address({"groups": ["500"]})
    assert notes == ["Ignored groups='500': it must be from 1 to 128."]


def test_a_repeated_key_gives_one_note():
    raw = {"groups": [str(g % 64 + 1) for g in range(200)]}
    drop, notes = read_address(raw)
    assert not drop
    final = page_notes(raw, {"groups": 8}, notes)
    assert final == ["The address repeats groups 200 times; the last value, '8', was used."]
    drop, notes = read_address({"in_channels": ["NAN", "1"]})  # only the last value is seeded
    assert not drop and notes == ["The address repeats in_channels 2 times; the last value, '1', was used."]
    _, notes = read_address({"groups": ["4", "abc"]})
    assert notes == ["Ignored groups='abc': it must be a whole number from 1 to 128."]


def test_many_unknown_keys_are_counted_not_listed():
    raw = {f"k{i}": ["1"] for i in range(300)}
    final = page_notes(raw, {}, [])
    assert len(final) == MAX_NOTES
    assert final[-1] == f"… and {300 - MAX_NOTES + 1} more values in the address that could not be used."


def test_a_long_key_is_cut_short_and_control_characters_escaped():
    final = page_notes({"k" * 8000: ["v"], "a\nb": ["x\r\ny"]}, {}, [])
    assert all(len(n) < 120 for n in final)
    assert final[1] == "Ignored 'a\\nb'='x\\r\\ny': this app has no such setting on this page."


def test_notes_keep_their_template_for_the_readers_language():
    from explorer.i18n import Say

    _, notes = read_address({"groups": ["4", "8"], "size": ["abc"]})
    final = page_notes({"groups": ["4", "8"], "zoom": ["2"]}, {"groups": 8}, notes)
    assert [Say("tr").message(n) for n in final] == [
        "size='abc' yok sayıldı: 1 ile 1024 arasında bir tam sayı olmalı.",
        "Adreste groups 2 kez geçiyor; son değer, '8', kullanıldı.",
        "zoom='2' yok sayıldı: bu sayfada böyle bir ayar yok.",
    ]
    many = page_notes({f"k{i}": ["1"] for i in range(20)}, {}, [])
    assert Say("tr").message(many[-1]) == "… ve adreste kullanılamayan 13 değer daha."


def test_the_share_link_breaks_only_between_its_parts():
    from explorer.links import share_parts

    url = "http://h:1/graph?block=basic&planes=32&x=<b>"
    parts = share_parts(url)
    assert "".join(parts) == url  # the copied text stays the exact address
    assert parts == ["http://", "h:1/", "graph?", "block=basic", "&planes=32", "&x=<b>"]
    assert share_parts("http://h:1/") == ["http://", "h:1/"]


@pytest.mark.parametrize("lang,texts", [
    ("en", ("Copy link", "Copied", "The link is selected: copy it with Ctrl+C or your device's menu.")),
    ("tr", ("Bağlantıyı kopyala", "Kopyalandı", "Bağlantı seçildi: Ctrl+C ile ya da cihazınızın menüsünden kopyalayın.")),
])
def test_the_share_link_component_gets_the_link_its_parts_and_the_texts(lang, texts):
    """The sidebar's share link is a component (its copy runs only in the browser tests): its data, in AppTest."""
    from tests.test_app import run_app, share_data

    at = run_app(page="views/graph.py", groups="8", planes="32", lang=lang)
    data = share_data(at)
    lang_part = ["&lang=tr"] if lang == "tr" else []
    # AppTest has no address of its own (st.context.url is empty): the link is the query alone.
    assert data["url"] == "".join(data["parts"]) == "?planes=32&groups=8" + "".join(lang_part)
    assert data["parts"] == ["?", "planes=32", "&groups=8", *lang_part]
    assert (data["copy"], data["copied"], data["selected"]) == texts
    assert not at.sidebar.code  # no st.code: it made every page fetch the 1.5 MB syntax highlighter


def test_the_share_link_component_travels_light():
    """Its HTML, CSS and JavaScript go with every run of the whole app (a change of a control that is not g), and
    with every code box (components/share_link.py: code_box): under 5.5 kB, a tenth of what a page sends on such
    a run."""
    from explorer.components.share_link import HERE, compact

    assert compact("a {\n  b: c; /* why */\n}\n// note\n  x();\n") == "a {\nb: c;\n}\nx();"
    assert sum(len(compact((HERE / f"share.{ext}").read_text(encoding="utf-8"))) for ext in ("html", "css", "js")) < 5500
