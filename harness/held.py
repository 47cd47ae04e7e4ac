"""What a held view (explorer/components/held_view.py) shows, for the tests: its HTML back to the lines of the app's
Markdown it was written from."""

from __future__ import annotations

import html
import re

# The HTML that held_view.inline writes, back to its Markdown.
_MARKDOWN = ((r"<code>(.*?)</code>", r"`\1`"), (r'<a href="([^"]*)" target="_self">(.*?)</a>', r"[\2](\1)"),
             (r"</?strong>", "**"), (r"</?em>", "*"))


def markdown_lines(view: str) -> list[str]:
    """The lines of one view: each paragraph, and each table row with its cells joined by " | "."""
    lines = []
    for chunk in re.findall(r"<(?:p|tr)\b[^>]*>(.*?)</(?:p|tr)>", view, flags=re.S):
        chunk = re.sub(r"</t[dh]><t[dh][^>]*>", " | ", chunk)
        for pattern, repl in _MARKDOWN:
            chunk = re.sub(pattern, repl, chunk, flags=re.S)
        lines.append(html.unescape(re.sub(r"<[^>]+>", "", chunk)))
    return lines
