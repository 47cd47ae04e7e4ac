"""The translator: Turkish number formatting, library messages said in Turkish, and one Turkish per English text."""

import ast
import pickle
from pathlib import Path

import pytest

from explorer import catalog
from explorer.i18n import LANG_NAMES, Say
from resblocks.checks import Message
from resblocks.config import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_numbers_follow_the_language():
    en, tr = Say("en"), Say("tr")
    assert en("{n:,} parameters", n=1_234_567) == "1,234,567 parameters"
    assert en.num(1234.5, 1) == "1,234.5" and tr.num(1234.5, 1) == "1.234,5"
    assert en.pct(0.207) == "20.7%" and tr.pct(0.207) == "%20,7"
    assert tr.count(194_281_472, "MACs") == "194 M MACs" and tr.count(1_814_073_344) == "1,81 G"
    assert tr.nbytes(1536) == "1,5 KiB" and tr.ratio(1 / 32) == "1/32 (%3,12)" and tr.ratio(0.308) == "%30,8"
    assert tr.plotly_separators == ",."


def test_a_plain_field_is_written_as_it_is():
    # g = 32 is no quantity to group: only fields with a number format are localized.
    assert Say("tr")("g = {g}, {x:.2f}", g=32, x=0.5) == "g = 32, 0,50"


def test_an_unknown_language_is_english():
    assert Say("xx").lang == "en" and LANG_NAMES == {"en": "English", "tr": "Türkçe"}


def test_a_library_message_keeps_its_template_through_pickling():
    message = Message("the largest activation would hold {n:,} values", n=300_000_000)
    assert message == "the largest activation would hold 300,000,000 values"
    again = pickle.loads(pickle.dumps(ConfigError(message)))
    assert again.args[0].template == message.template and again.args[0].values == {"n": 300_000_000}
    assert Say("en").message(again) == "The largest activation would hold 300,000,000 values."


def test_every_catalogue_entry_is_one_turkish_text():
    for name in catalog.MODULES:
        module = __import__(f"explorer.catalog.{name}", fromlist=["TR"])
        for english, turkish in module.TR.items():
            assert isinstance(english, str) and isinstance(turkish, str) and turkish.strip(), (name, english)
            fields = lambda text: sorted(n for _, n, _, _ in __import__("string").Formatter().parse(text) if n)  # noqa: E731
            assert fields(english) == fields(turkish), (name, english, turkish)
            assert catalog.TR[english] == turkish


def _literal_templates() -> list[tuple[str, str]]:
    """Every literal text passed to a translator in the app's source: say("..."), view.say("..."), say.message."""
    found = []
    for path in [ROOT / "app.py", *ROOT.glob("explorer/**/*.py"), *ROOT.glob("views/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            first = node.args[0]
            if name == "say" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", first.value))
    return found


def test_every_literal_the_app_says_has_turkish():
    missing = [f"{where}: {text!r}" for where, text in _literal_templates() if text not in catalog.TR]
    assert not missing, "no Turkish in explorer/catalog for:\n" + "\n".join(missing)


@pytest.mark.parametrize("text", ["{", "a } b"])
def test_a_message_with_braces_in_its_values_survives(text):
    assert Message("got {v}", v=text) == f"got {text}"


def test_a_message_that_starts_with_a_name_keeps_its_case():
    assert Say("en").message("base_width=4 with planes=8 leaves 0 channels") == "base_width=4 with planes=8 leaves 0 channels."
    assert Say("en").message("the width") == "The width."


def test_a_signed_percentage_in_turkish_puts_the_sign_first():
    tr = Say("tr")
    assert tr.pct(-0.154) == "-%15,4" and tr("{d:+.1%}", d=0.007) == "+%0,7" and tr("{d:.1%}", d=-0.5) == "-%50,0"
