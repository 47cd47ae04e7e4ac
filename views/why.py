"""Why residual blocks work: gradient flow at initialisation, shattered gradients, paths, and a live training race."""

from dataclasses import replace

import streamlit as st

from explorer import controls, links
from explorer.figures import why as fig
from explorer.memo import memo
from explorer.race import BOARD, QueueFull
from explorer.texts import text
from resblocks.gradflow import compare_orders, path_gradients, shattered_gradients
from resblocks.stacks import StackConfig
from resblocks.training import RACE_KINDS, RaceConfig

view = controls.page_view()
lang = view.lang


def t(key: str, **values: object) -> str:
    return text(key, lang).format(**values) if values else text(key, lang)


# Per-session caps that keep a hosted server alive; the library allows more.
MAX_GF_DEPTH = 100
RACE_DEPTHS = (2, 4, 8, 16, 24, 32)
RACE_WIDTHS = (8, 16, 32)
RACE_STEPS = (20, 50, 100, 150, 300, 400)
DEFAULT = RaceConfig()
SEEDS = DEFAULT.seeds


@memo("why.orders", budget_mb=2)
def cached_orders(family: str, depth: int):
    return compare_orders(StackConfig(block=family, depth=depth, width=16, size=8, batch=64, seed=0))


@memo("why.shattered", budget_mb=2)
def cached_shattered(depth: int):
    base = StackConfig(block="basic", depth=depth, width=16, size=8, seed=0)
    return shattered_gradients(replace(base, shortcut=False)), shattered_gradients(base)


@memo("why.paths", budget_mb=1)
def cached_paths(family: str, depth: int):
    block = "preact" if family == "basic" else "preact_bottleneck"
    return path_gradients(StackConfig(block=block, depth=depth, width=16, size=4, batch=8, seed=0), samples=4)


st.title(t("why.l.title"))
controls.explain("why.intro", view)

# 1. Gradient flow at initialisation -----------------------------------------------------------------

st.header(t("why.l.gf_header"))
top = st.columns([1, 3], vertical_alignment="bottom")
family = top[0].radio(t("why.l.family"), ("basic", "bottleneck"), horizontal=True, key="gf", bind="query-params",
                      help=t("why.l.family_help"))
depth = top[1].slider(t("why.l.depth"), 2, MAX_GF_DEPTH, 32, key="depth", bind="query-params",
                      help=t("why.l.depth_help"))
links.page_param("gf", family, "basic")
links.page_param("depth", depth, 32)
with st.spinner(t("why.l.computing")):
    plain, v1, pre = cached_orders(family, depth)
names = (t("why.l.plain"), "v1 (" + family + ")", t("why.l.preact"))
m = st.columns(3)
for col, name, flow in zip(m, names, (plain, v1, pre), strict=True):
    col.metric(t("why.l.ratio", name=name), f"{flow.ratio:,.3g}×", help=t("why.l.ratio_help"))
st.plotly_chart(fig.gradflow_figure((plain, v1, pre), names, t), key="gf_chart")
controls.explain("why.gradflow", view)

# The advanced views compute only when asked: a page load pays for the gradient flow alone.
with st.expander(t("why.l.shatter_header")):
    if st.toggle(t("why.l.show"), key="shatter"):
        with st.spinner(t("why.l.computing")):
            s_plain, s_res = cached_shattered(min(depth, 50))
        st.plotly_chart(fig.shattered_figure(s_plain, s_res, t), key="shatter_chart")
        st.caption(t("why.l.shatter_caption", depth=min(depth, 50), plain=f"{s_plain.autocorrelation[1]:.2f}",
                     res=f"{s_res.autocorrelation[1]:.2f}"))
    controls.explain("why.shattered", view)

with st.expander(t("why.l.paths_header")):
    if st.toggle(t("why.l.show"), key="paths"):
        path_depth = min(depth, 40)
        with st.spinner(t("why.l.computing")):
            paths = cached_paths(family, path_depth)
        st.plotly_chart(fig.paths_figure(paths, t), key="paths_chart")
        st.caption(t("why.l.paths_caption", n=path_depth, peak=paths.peak_length, half=path_depth / 2))
    controls.explain("why.paths", view)

# 2. The training race -------------------------------------------------------------------------------

st.header(t("why.l.race_header"))
controls.explain("why.race", view)
row = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
kinds = row[0].multiselect(t("why.l.kinds"), RACE_KINDS, default=list(DEFAULT.kinds), key="race", bind="query-params",
                           help=t("why.l.kinds_help"))
r_depth = row[1].selectbox(t("why.l.race_depth"), RACE_DEPTHS, index=RACE_DEPTHS.index(DEFAULT.depth), key="rdepth",
                           bind="query-params")
r_width = row[2].selectbox(t("why.l.race_width"), RACE_WIDTHS, index=RACE_WIDTHS.index(DEFAULT.width), key="rwidth",
                           bind="query-params")
r_steps = row[3].selectbox(t("why.l.race_steps"), RACE_STEPS, index=RACE_STEPS.index(DEFAULT.steps), key="steps",
                           bind="query-params")
links.page_param("race", kinds, list(DEFAULT.kinds))
links.page_param("rdepth", r_depth, DEFAULT.depth)
links.page_param("rwidth", r_width, DEFAULT.width)
links.page_param("steps", r_steps, DEFAULT.steps)
st.caption(t("why.l.caps", seeds=", ".join(map(str, SEEDS)), batch=DEFAULT.batch, lr=DEFAULT.lr))

if not kinds:
    st.info(t("why.l.no_kinds"), icon="ℹ️")
    st.stop()
race_cfg = RaceConfig(kinds=tuple(k for k in RACE_KINDS if k in kinds), depth=int(r_depth), width=int(r_width),
                      steps=int(r_steps))
job = BOARD.job(st.session_state.get("race_job"))
if job is not None and job.config != race_cfg:  # the controls moved on: this view follows its own race
    job = None
finished = BOARD.result(race_cfg)

buttons = st.columns([1, 1, 4])
busy = job is not None and job.active
if buttons[0].button(t("why.l.start"), key="race_go", type="primary", disabled=busy or finished is not None):
    try:
        job = BOARD.submit(race_cfg)
        st.session_state["race_job"] = job.id
        busy = True
    except QueueFull:
        st.warning(t("why.l.queue_full"), icon="⏳")
if buttons[1].button(t("why.l.cancel"), key="race_stop", disabled=not busy or job.cancel.is_set()):
    BOARD.cancel(job)  # the worker stops between turns; the timer below keeps polling until it has


@st.fragment(run_every=0.5 if busy else None)
def live() -> None:
    current = BOARD.job(st.session_state.get("race_job"))
    if current is not None and current.config != race_cfg:
        current = None
    race = BOARD.result(race_cfg) or (current.race if current is not None else None)
    if current is not None and current.state == "queued":
        st.info(t("why.l.queued", ahead=BOARD.position(current) - 1), icon="⏳")
    if current is not None and current.active and current.cancel.is_set():
        st.info(t("why.l.stopping"), icon="⏹️")
    if current is not None and current.state == "failed":
        st.error(t("why.l.failed", error=current.error), icon="⚠️")
    if race is None:
        if current is None:
            st.caption(t("why.l.press_start"))
        return
    done = sum(len(r.loss) for r in race.runs)
    total = len(race.runs) * race.config.steps
    if not race.finished:
        st.progress(done / total, text=t("why.l.progress", done=done, total=total))
    if current is not None and current.state == "cancelled":
        st.warning(t("why.l.cancelled", done=done, total=total), icon="⏹️")
    elif race.finished and current is None:
        st.caption(t("why.l.from_cache", seconds=f"{race.seconds:.0f}"))
    left, right = st.columns(2)
    left.plotly_chart(fig.race_figure(race, "loss", t, race.config.steps), key="race_loss")
    right.plotly_chart(fig.race_figure(race, "accuracy", t, race.config.steps), key="race_acc")
    if busy and (current is None or not current.active):
        st.rerun(scope="app")  # training ended: redraw the whole page once, without the timer


live()

if finished is not None:
    st.subheader(t("why.l.results"))
    rows = []
    for kind in finished.config.kinds:
        runs = [r for r in finished.runs if r.kind == kind]
        rows.append({t("why.l.col_kind"): t("why.l.plain") if kind == "plain" else kind,
                     t("why.l.col_loss"): round(sum(sum(r.loss[-10:]) / 10 for r in runs) / len(runs), 3),
                     t("why.l.col_test"): f"{sum(r.test_accuracy for r in runs) / len(runs):.1%}"})
    st.dataframe(rows, hide_index=True, key="race_rows")
    st.subheader(t("why.l.lesion_header"))
    st.plotly_chart(fig.lesion_figure(finished, t), key="lesion_chart")
    controls.explain("why.lesion", view)
