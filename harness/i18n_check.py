"""Which texts a page shows identically in English and in Turkish: the check behind the test that every visible
string has a translation, and a report a developer can run on one page:

    .venv/bin/python -m harness.i18n_check graph [key=value ...]

Every string field of every element's protobuf is read (labels, help, options, Markdown, captions, alerts,
metric labels, table cells, chart specs' titles, axes, legends and hover text), in both languages; a text
shown in both that holds a word outside NEUTRAL_WORDS (the technical terms the notes keep in English, names,
units) is reported.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from harness.held import drawn_words, expanded, markdown_lines
from resblocks.papers import HE_2016A, HE_2016B, XIE_2017

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = {"overview": None, "graph": "views/graph.py", "split": "views/split.py", "budget": "views/budget.py",
         "run": "views/run.py", "why": "views/why.py"}
# Proto fields that never reach a reader's eyes as words.
SKIP_FIELDS = {"id", "form_id", "key", "query_param_key", "element_id", "type", "theme", "url", "data",
               "selection_mode", "component_name", "fragment_id", "icon", "body_html", "dataset", "arrow_data",
               "format", "language", "placeholder_id", "js_content", "css_content", "html_content",
               "page", "page_script_hash", "query_string"}  # a page link's target, not its label
# Chart-spec keys whose strings a reader sees.
SPEC_KEYS = {"title", "text", "name", "hovertemplate", "texttemplate", "ticktext", "legendgroup", "label",
             "description", "subtitle", "hovertext", "tooltip", "field"}
# Words a Turkish page keeps as the notes do: technical terms, names, units, code. Each is kept in English
# by the project's Turkish notes or is a proper name; an everyday English word does not belong here.
NEUTRAL_WORDS = {
    # technical terms the notes keep in English
    "conv", "convolution", "bn", "relu", "bottleneck", "cardinality", "macs", "mac", "flops", "flop", "resnext",
    "resnet", "residual", "shortcut", "identity", "projection", "skip", "grouped", "dense", "depthwise",
    "pre", "activation", "preact", "basic", "block", "split", "transform", "merge", "concat", "concatenate",
    "reduce", "expand", "stride", "batch", "size", "planes", "groups", "width", "base", "in_channels", "base_width",
    "torchvision", "torchinfo", "fvcore", "torch", "pytorch", "cuda", "cpu", "gpu", "cudnn", "onednn", "fx", "vgg",
    "inception", "mobilenet", "xception", "imagenet", "cifar", "top", "forward", "backward", "batchnorm",
    "float", "bfloat", "half", "dtype", "tflop", "gflop", "params", "paper", "notes", "hold", "cost",
    "graphviz", "dot", "svg", "png", "csv", "json", "url", "python", "streamlit", "plain", "unit", "stem", "gap",
    "fc", "softmax", "sgd", "seed", "lesion", "gradient", "main", "path", "group", "kernel", "timm", "baseline",
    "padding", "depth", "act", "test", "iqr", "add",
    "wide",  # a network's name: Wide ResNet-50-2
    "ctrl",  # a key's name: Ctrl+C
    # the language switch names each language in itself
    "english", "türkçe",
    # names and citations
    "he", "xie", "zhang", "balduzzi", "veit", "yang", "wilber", "belongie", "icml", "iclr", "nips", "neurips",
    "ren", "sun", "girshick", "doll", "dollár", "tu", "et", "al", "cvpr", "eccv", "arxiv",
    "explorer", "resblock", "table", "fig",
    # GPU makers and products, named in the Run page's datasheet table
    "nvidia", "geforce", "rtx", "tesla", "ampere", "ada", "turing", "hopper", "sxm", "pcie", "tensor", "core",
    # units and symbols written in letters
    "kib", "mib", "gib", "ms", "µs", "us", "ns",
}
# The papers' titles are names: a Turkish citation keeps them.
TITLES = tuple(citation.split(", ", 1)[1].rsplit(" (", 1)[0] for citation in (XIE_2017, HE_2016A, HE_2016B))
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def _spec_strings(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _spec_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _spec_strings(v, key)
    elif isinstance(value, str) and key in SPEC_KEYS:
        yield value


def _proto_strings(message: object) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.name in SKIP_FIELDS:
            continue
        values = value if isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated") else [value]
        for v in values:
            if isinstance(v, str):
                if field.name in {"spec", "figure", "json"} or v.startswith(("{\"", "[{")):
                    try:
                        spec = json.loads(v)
                    except ValueError:
                        yield v
                        continue
                    if isinstance(spec, dict) and isinstance(spec.get("variants"), dict):  # a held view, at every g
                        for g in spec["variants"]:
                            yield from markdown_lines(expanded(spec, g))
                            yield from drawn_words(expanded(spec, g))
                    else:
                        yield from _spec_strings(spec)
                else:
                    yield v
            elif hasattr(v, "ListFields"):
                yield from _proto_strings(v)


def _frame_strings(node: object) -> set[str]:
    """A table's column headers and its text cells (numbers and code-like names are left to english_words)."""
    try:
        frame = node.value
    except Exception:  # an element AppTest cannot decode shows nothing to check
        return set()
    texts = {str(c) for c in frame.columns}
    for column in frame.columns:
        texts.update(v for v in frame[column].tolist() if isinstance(v, str))
    return {t.strip() for t in texts if t.strip()}


def page_strings(at: object) -> set[str]:
    """Every string an element of the run shows (main area and sidebar), one text per element field; pass an
    AppTest for the whole page, or one of its blocks (``at.main``) for that part."""
    found: set[str] = set()

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if getattr(node, "type", None) in {"html", "code"}:
            return  # the app's stylesheet; code and program output (a snippet, torchinfo's printout) stay as written
        # Dataframes' headers and cells. (The one st.table, the Overview's glossary, holds both languages by design;
        # tests/test_page_overview.py checks its Turkish column.)
        if getattr(node, "type", None) == "arrow_data_frame":
            found.update(_frame_strings(node))
        if proto is not None and hasattr(proto, "ListFields"):
            found.update(s.strip() for s in _proto_strings(proto) if s.strip())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree if isinstance(at, AppTest) else at)
    return found


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are not in NEUTRAL_WORDS (math, code spans and the papers' titles left out)."""
    for title in TITLES:
        text = text.replace(title, " ")
    text = re.sub(r"\b[0-9a-f]{16,}\b", " ", text)  # an element's hexadecimal id
    text = re.sub(r"\blayer[1-4]\b", " ", text)  # torchvision's names of the stages (a chart's labels: no code span)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)  # display math first, then inline math
    text = re.sub(r"\[\"[^\"]*\"\]\([^)]*\)", " ", text)  # a quoted title linked to its paper: ["Title"](url)
    text = re.sub(r"\$[^$]*\$|`[^`]*`|https?://\S+|\(\?[^)]*\)|\]\([^)]*\)|\w*_\w*|\w+=\S*|(?<!\w)'[^']*'(?!\w)", " ", text)
    return [w for w in _WORD.findall(text) if w.lower() not in NEUTRAL_WORDS]


def run_page(page: str, lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {**params, "lang": lang}.items():
        at.query_params[key] = value
    at.run()
    if PAGES[page]:
        at.switch_page(PAGES[page]).run()
    if at.exception:
        raise AssertionError([e.value for e in at.exception])
    return at


def untranslated(page: str, **params: str) -> dict[str, list[str]]:
    """The texts of ``page`` in Turkish that hold a word of its English page outside NEUTRAL_WORDS, each with
    those words (a text left in English, or a Turkish sentence with English words in it)."""
    en, tr = (page_strings(run_page(page, lang, **params)) for lang in ("en", "tr"))
    vocabulary = {w for text in en for w in english_words(text)}
    found = {text: sorted({w for w in english_words(text) if w in vocabulary}) for text in tr}
    return {text: words for text, words in sorted(found.items()) if words}


def main(argv: list[str]) -> int:
    page, *pairs = argv
    params = dict(pair.split("=", 1) for pair in pairs)
    from explorer import i18n

    found = untranslated(page, **params)
    for text, words in found.items():
        print(f"- {text!r}\n    English words: {', '.join(words)}")
    print(f"{len(found)} Turkish texts with English words on {page}; "
          f"{len(i18n.MISSING)} templates asked for in Turkish with no translation:")
    for text in sorted(i18n.MISSING):
        print(f"  missing: {text!r}")
    return 1 if found or i18n.MISSING else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
