"""AppTest for the Why page: the gradient-flow figures in both languages, a race that finishes, is cached and cancels."""

import re
import time

import pytest

from explorer import race as race_module
from explorer.texts import text
from tests.test_app import main_text, run_app

PAGE = "views/why.py"
TINY = {"race": ["plain", "basic"], "rdepth": "2", "rwidth": "8", "steps": "20"}


@pytest.fixture(autouse=True)
def fresh_board(monkeypatch):
    """Each test gets its own queue and store of finished races."""
    board = race_module.Board()
    monkeypatch.setattr(race_module, "BOARD", board)
    yield board
    for job in list(board._jobs.values()):
        board.cancel(job)


def open_page(**params):
    return run_app(page=PAGE, **params)


def wait_for(board, active: bool = False, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while any(j.active for j in board._jobs.values()) != active and time.monotonic() < end:
        time.sleep(0.05)
    assert any(j.active for j in board._jobs.values()) == active, "the race did not end in time"


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_gradient_flow_in_both_languages(lang):
    at = open_page(lang=lang, depth="16")
    assert at.title[0].value == text("why.l.title", lang)
    ratios = [float(m.value.rstrip("×").replace(",", "")) for m in at.main.metric]
    plain, v1, pre = ratios
    assert plain > 10 * v1 and pre < v1  # Yang et al. 2019; He et al. 2016b
    body = main_text(at)
    assert text("why.gradflow", lang) in body and text("why.race", lang) in body
    for citation in ("Yang", "ICLR 2019", "2016a", "2016b", "Balduzzi", "ICML 2017", "Veit"):
        assert citation in body
    assert not at.button(key="race_go").disabled and at.button(key="race_stop").disabled
    assert text("why.l.press_start", lang) in body


def test_the_bottleneck_family_and_a_bad_depth_in_the_address():
    at = open_page(gf="bottleneck", depth="500")
    assert at.radio(key="gf").value == "bottleneck"
    assert at.slider(key="depth").value == 32  # out of range: the default


def test_a_race_trains_then_a_shared_link_shows_it_at_once(fresh_board):
    at = open_page(**TINY)
    at.button(key="race_go").click().run()
    assert not at.exception
    wait_for(fresh_board)
    at.run()
    assert text("why.l.results", "en") in [s.value for s in at.main.subheader]
    table = at.main.dataframe[0].value
    assert list(table["network"]) == ["plain", "basic"]
    assert at.button(key="race_go").disabled  # finished: nothing to start
    assert text("why.lesion", "en") in [m.value for m in at.main.markdown]
    assert len(at.get("plotly_chart")) == 1 + 2 + 1  # gradient flow; loss, accuracy; lesions

    other = open_page(**TINY)  # another session with the same link
    assert "it is shown from the cache" in main_text(other)
    assert other.main.dataframe[0].value.equals(table)
    assert len(fresh_board._jobs) == 1


def test_a_race_can_be_cancelled(fresh_board):
    at = open_page(**{**TINY, "steps": "400", "rdepth": "8"})
    at.button(key="race_go").click().run()
    assert not at.button(key="race_stop").disabled
    at.button(key="race_stop").click().run()
    wait_for(fresh_board)
    at.run()
    (job,) = fresh_board._jobs.values()
    assert job.state == "cancelled"
    assert not at.main.subheader or text("why.l.results", "en") not in [s.value for s in at.main.subheader]
    assert not at.button(key="race_go").disabled  # a cancelled race can be started again


def test_a_full_queue_says_so(fresh_board, monkeypatch):
    monkeypatch.setattr(race_module, "MAX_QUEUE", 0)
    at = open_page(**TINY)
    at.button(key="race_go").click().run()
    assert text("why.l.queue_full", "en") in [w.value for w in at.main.warning]


def test_the_advanced_views_compute_when_asked():
    at = open_page(depth="24")
    assert len(at.get("plotly_chart")) == 1
    at.toggle(key="shatter").set_value(True).run()
    at.toggle(key="paths").set_value(True).run()
    assert not at.exception and len(at.get("plotly_chart")) == 3
    captions = "\n".join(c.value for c in at.main.caption)
    plain, res = re.search(r"plain (-?[\d.]+), residual (-?[\d.]+)", captions).groups()
    assert abs(float(plain)) < 0.3 < 0.6 < float(res)  # Balduzzi et al.: white noise against a correlated signal
    peak, half = re.search(r"peaks at paths of (\d+) blocks, the average path has (\d+)", captions).groups()
    assert int(peak) < int(half)  # Veit et al.: the gradient comes from the short paths


def test_no_network_chosen_gets_a_sentence():
    at = open_page(race="")
    assert not at.exception


def test_the_board_queues_a_second_race_behind_the_first(fresh_board):
    from resblocks.training import RaceConfig

    slow = RaceConfig(kinds=("basic",), depth=8, width=16, steps=2000, seeds=(0,))
    quick = RaceConfig(kinds=("plain",), depth=1, width=4, steps=2, seeds=(0,), batch=8)
    first, second = fresh_board.submit(slow), fresh_board.submit(quick)
    assert fresh_board.submit(slow) is first  # the same configuration joins the job already there
    end = time.monotonic() + 60
    while first.state == "queued" and time.monotonic() < end:
        time.sleep(0.01)
    assert fresh_board.position(first) == 0 and fresh_board.position(second) == 1  # next in line
    fresh_board.cancel(first)
    wait_for(fresh_board)
    assert first.state == "cancelled" and second.state == "done"
    assert fresh_board.result(quick) is second.race and fresh_board.result(slow) is None
