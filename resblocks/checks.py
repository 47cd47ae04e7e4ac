"""The library's argument checks, written once: a value of the wrong type is a TypeError, a value out of
range a ValueError, and each message is a sentence that names the fix."""

from __future__ import annotations

from collections.abc import Iterable


class Message(str):
    """A sentence that keeps its template and values, so that an app can say it in another language.

    It is a plain ``str`` (the English sentence); ``template`` is the English with ``{name}`` fields and
    ``values`` what fills them. ``Message("groups={g} does not divide {w}", g=3, w=128)``.
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        message = super().__new__(cls, template.format(**values))
        message.template, message.values = template, values
        return message

    def __reduce__(self) -> tuple[object, ...]:  # pickled (st.cache_data, worker processes) with its template
        return _rebuild_message, (self.template, self.values)


def _rebuild_message(template: str, values: dict[str, object]) -> Message:
    return Message(template, **values)


def shown(value: object, limit: int = 40) -> str:
    """``value`` as plain quoted text on one line, cut short; never meant to be rendered as HTML. A tensor is shown
    by its dtype and shape (its repr runs over lines, and its values say nothing of what is wrong with it)."""
    if type(value).__module__.startswith("torch") and hasattr(value, "shape") and hasattr(value, "dtype"):
        shape = "×".join(map(str, value.shape)) or "()"
        return f"a tensor of shape {shape} ({str(value.dtype).removeprefix('torch.')})"
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]


def plain(text: object) -> str:
    """``text`` with control characters escaped, so that a sentence built from it stays on one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def whole_number(name: str, value: object, low: int = 1, high: int | None = None) -> int:
    """``value`` when it is an int from ``low`` to ``high`` (no upper end when None); booleans are refused."""
    name = plain(name)
    for bound, limit in (("low", low), ("high", high)):
        if (limit is not None or bound == "low") and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise TypeError(Message("whole_number's {bound} must be a whole number, not {limit}; pass an int",
                                    bound=bound, limit=shown(limit)))
    choose = "choose a whole number from {low} to {high}" if high is not None else (
        "choose a whole number of at least {low}"
    )
    limits = {"low": low, "high": high} if high is not None else {"low": low}
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(Message("{name} must be a whole number, not {value}; " + choose,
                                name=name, value=shown(value), **limits))
    if value < low or (high is not None and value > high):
        raise ValueError(Message("{name}={value} is out of range; " + choose, name=name, value=shown(value), **limits))
    return value


def one_of(name: str, value: object, choices: Iterable[str]) -> str:
    """``value`` when it is one of the ``choices`` (strings); else a ValueError listing them."""
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(Message("unknown {name} {value}; choose one of {choices}", name=plain(name), value=shown(value),
                                 choices=", ".join(map(plain, choices))))
    return value
