"""Every short string a reader sees, in the reader's language: ``Say(lang)("English text", **values)``.

The English text is the key (as in gettext): a page reads like English, and the Turkish lives in
explorer/catalog/, one module per page. Live sentences are templates whose numbers are formatted for the
language: a field with a number format (``{n:,}``, ``{r:.1f}``, ``{p:.1%}``) writes a decimal comma and a dot
between thousands in Turkish, and a percentage as "%20,7". A plain ``{n}`` is written as it is (g = 32).

The long explanations stay in explorer/texts.py, the papers' sentences in explorer/paper_texts.py.
A template with no Turkish is shown in English and remembered in ``MISSING``; the tests render every page in
both languages and fail on any.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from explorer.catalog import TR
from explorer.texts import LANGS
from resblocks import units

LANG_NAMES = {"en": "English", "tr": "Türkçe"}  # the switch shows these, never the codes
MISSING: set[str] = set()  # English templates asked for in Turkish that have no translation
_SWAP = str.maketrans(",.", ".,")


def localize_number(text: str, lang: str) -> str:
    """A number written the English way ("1,234.5") in ``lang``'s way ("1.234,5" in Turkish)."""
    return text.translate(_SWAP) if lang == "tr" else text


def _percent_first(number: str) -> str:
    """Turkish writes the percent sign before the number and after its sign: "%20,7", "-%15,4", "+%0,7"."""
    sign = number[:1] if number[:1] in "+-−" else ""
    return f"{sign}%{number[len(sign):]}"


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if self.lang != "tr" or isinstance(value, bool) or not isinstance(value, (int, float)) or not format_spec:
            return text
        if text.endswith("%"):
            return _percent_first(localize_number(text[:-1], self.lang))
        return localize_number(text, self.lang)


class Say:
    """The translator of one language: call it with an English template and the values it names."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else LANGS[0]
        self._format = _Formatter(self.lang)

    def __call__(self, english: str, /, **values: object) -> str:
        template = english
        if self.lang == "tr":
            template = TR.get(english)
            if template is None:
                MISSING.add(english)
                template = english
        return self._format.vformat(template, (), values) if values else template

    def words(self, message: object) -> str:
        """A library message (resblocks.checks.Message, an exception carrying one, or any text) in this language,
        as the library words it (no capital, no full stop added); the messages among its values are said too."""
        if isinstance(message, BaseException) and message.args:
            message = message.args[0]
        template = getattr(message, "template", None)
        if template is None:
            return str(message)
        values = {k: self.words(v) if getattr(v, "template", None) else v for k, v in message.values.items()}
        return self(template, **values)

    def message(self, message: object) -> str:
        """``words`` as a sentence: a capital first letter (unless it starts with a name such as base_width=4)
        and a full stop."""
        words = self.words(message)
        if not words:
            return words
        first = words.split(" ", 1)[0]
        if not any(c in first for c in "=_("):
            words = f"{words[:1].upper()}{words[1:]}"
        return words if words.endswith((".", "?", "!")) else f"{words}."

    def options(self, mapping: Mapping[str, str]) -> dict[str, str]:
        """{code: English label} → {code: label in this language}, e.g. for a radio's format_func."""
        return {code: self(label) for code, label in mapping.items()}

    # Numbers ----------------------------------------------------------------------------------------------------
    def num(self, value: float, digits: int = 0) -> str:
        """1234567 → "1,234,567" (en) or "1.234.567" (tr); ``digits`` decimals."""
        return localize_number(f"{value:,.{digits}f}", self.lang)

    def pct(self, fraction: float, digits: int = 1) -> str:
        """0.207 → "20.7%" (en) or "%20,7" (tr)."""
        value = self.num(100 * fraction, digits)
        return _percent_first(value) if self.lang == "tr" else f"{value}%"

    def count(self, n: float, unit: str = "") -> str:
        """units.count in this language: "194 M MACs", "1,81 G"."""
        return localize_number(units.count(n, unit), self.lang)

    def nbytes(self, n: float) -> str:
        """units.nbytes in this language: "1.5 KiB" / "1,5 KiB"."""
        return localize_number(units.nbytes(n), self.lang)

    def ratio(self, r: float) -> str:
        """units.ratio in this language: "1/32 (3.13%)" / "1/32 (%3,13)"."""
        text = units.ratio(r)
        if self.lang != "tr":
            return text
        head, _, tail = text.rpartition("(")
        if tail.endswith("%)"):
            return f"{head}({_percent_first(localize_number(tail[:-2], 'tr'))})"
        return _percent_first(localize_number(text[:-1], "tr")) if text.endswith("%") else localize_number(text, "tr")

    # Charts -----------------------------------------------------------------------------------------------------
    @property
    def plotly_separators(self) -> str:
        """Plotly's layout.separators: the decimal mark, then the thousands mark."""
        return ",." if self.lang == "tr" else ".,"
