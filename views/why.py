"""Why residual blocks work: gradient flow at initialisation, shattered gradients, paths, and a live training race."""

from dataclasses import replace

import streamlit as st

from explorer import controls, links
from explorer.components.held_view import ADDRESS_GROUPS, captions, held_view, metrics
from explorer.figures import why as fig
from explorer.i18n import Say
from explorer.memo import memo
from explorer.race import BOARD, QueueFull
from resblocks.gradflow import compare_orders, path_gradients, shattered_gradients
from resblocks.stacks import StackConfig
from resblocks.training import RACE_KINDS, RaceConfig

view = controls.page_view()
say = view.say

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


# The gradient flow as HTML (SVG drawn here: a page load runs no chart library). Its words are in the reader's
# language, so the language is part of the key.
@memo("why.gradflow_chart", budget_mb=2)
def gradflow_chart(family: str, depth: int, lang: str) -> str:
    say = Say(lang)
    names = (fig.kind_name("plain", say), f"v1 ({family})", fig.kind_name("preact", say))
    return fig.gradflow_chart(cached_orders(family, depth), names, say,
                              say("Gradient norm of each block's weights after one backward pass"))


st.title(say("Why residual blocks work"))
controls.explain("why.intro", view)


# Nothing else on this page depends on the sidebar's block: the stacks and the race build their own. This line names
# the block at every g the groups control reaches (a held view: the browser shows the new g's as the address changes),
# so a change of g at the same width reruns nothing of the page, and a race in progress goes on, its timer untouched.
if view.cfg is not None:
    held_view("why_block_line", controls.at_every_g(lambda cfg: captions([say(
        "The stacks and the race below build their own small blocks; the block chosen in the sidebar ({label}) is not "
        "used on this page.", label=controls.block_label(cfg, say))]), controls.held_blocks(view)), view.cfg.groups)

# 1. Gradient flow at initialisation -----------------------------------------------------------------

st.header(say("Gradient flow at initialisation"))
top = st.columns([1, 3], vertical_alignment="bottom")
# Bound to the address: the options stay codes (basic, bottleneck) in every language; the help explains them.
family = top[0].radio(say("Block family"), ("basic", "bottleneck"), horizontal=True, key="gf", bind="query-params",
                      help=say("basic: plain, basic and preact; bottleneck: plain, bottleneck and preact_bottleneck"))
depth = top[1].slider(say("Blocks in the stack (N)"), 2, MAX_GF_DEPTH, 32, key="depth", bind="query-params",
                      help=say("Deeper stacks make the difference grow; one backward pass per stack"))
links.page_param("gf", family, "basic")
links.page_param("depth", depth, 32)
with st.spinner(say("Computing…")):
    plain, v1, pre = cached_orders(family, depth)
names = (fig.kind_name("plain", say), f"v1 ({family})", fig.kind_name("preact", say))
# The three ratios as figures drawn in HTML (no st.metric, whose code a load would fetch), the same at every g.
ratios = metrics([(say("First/last, {name}", name=name), fig.ratio_text(flow.ratio, say),
                   say("Gradient norm of block 1 (next to the input) over that of the last block"))
                  for name, flow in zip(names, (plain, v1, pre), strict=True)])
held_view("gf_ratios", {ADDRESS_GROUPS: ratios}, ADDRESS_GROUPS, fixed=True)
# A held view with one view, the same at every g (a change of g leaves it as it is): the chart is drawn in the page
# (no iframe) with held.css's styles, which show one of its two layouts by its width. Its g is a constant, so that
# a run at another g sends the browser the same data and the component is not drawn again (``fixed``: it does not
# say which g the page shows).
held_view("gf_chart", {ADDRESS_GROUPS: gradflow_chart(family, depth, view.lang)}, ADDRESS_GROUPS, fixed=True)
controls.explain("why.gradflow", view)

# The advanced views compute only when asked: a page load pays for the gradient flow alone.
with st.expander(say("Advanced: shattered gradients (Balduzzi et al. 2017)")):
    if st.toggle(say("Compute and show"), key="shatter"):
        with st.spinner(say("Computing…")):
            s_plain, s_res = cached_shattered(min(depth, 50))
        st.plotly_chart(fig.shattered_figure(s_plain, s_res, say), key="shatter_chart")
        st.caption(say("basic blocks, N = {depth}, 256 points; lag-1 autocorrelation: plain {plain:.2f}, "
                       "residual {res:.2f} (white noise: 0).", depth=min(depth, 50),
                       plain=s_plain.autocorrelation[1], res=s_res.autocorrelation[1]))
    controls.explain("why.shattered", view)

with st.expander(say("Advanced: paths through a residual stack (Veit et al. 2016)")):
    if st.toggle(say("Compute and show"), key="paths"):
        path_depth = min(depth, 40)
        with st.spinner(say("Computing…")):
            paths = cached_paths(family, path_depth)
        st.plotly_chart(fig.paths_figure(paths, say), key="paths_chart")
        st.caption(say("Pre-activation stack, N = {n}, width 16, 4×4 inputs, 4 random paths per length; the gradient "
                       "peaks at paths of {peak} blocks, the average path has {half:g}.",
                       n=path_depth, peak=paths.peak_length, half=path_depth / 2))
    controls.explain("why.paths", view)

# 2. The training race -------------------------------------------------------------------------------

st.header(say("A live training race"))
controls.explain("why.race", view)
row = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
kinds = row[0].multiselect(say("Networks in the race"), RACE_KINDS, default=list(DEFAULT.kinds), key="race",
                           bind="query-params",
                           help=say("plain: the basic block's layers without the shortcut addition"))
r_depth = row[1].selectbox(say("Blocks"), RACE_DEPTHS, index=RACE_DEPTHS.index(DEFAULT.depth), key="rdepth",
                           bind="query-params")
r_width = row[2].selectbox(say("Width"), RACE_WIDTHS, index=RACE_WIDTHS.index(DEFAULT.width), key="rwidth",
                           bind="query-params")
r_steps = row[3].selectbox(say("Steps"), RACE_STEPS, index=RACE_STEPS.index(DEFAULT.steps), key="steps",
                           bind="query-params")
links.page_param("race", kinds, list(DEFAULT.kinds))
links.page_param("rdepth", r_depth, DEFAULT.depth)
links.page_param("rwidth", r_width, DEFAULT.width)
links.page_param("steps", r_steps, DEFAULT.steps)
st.caption(say("Seeds {seeds}; SGD with momentum, batch {batch}, learning rate {lr:g}. Caps on this server: up to "
               "32 blocks, width 32 and 400 steps; one race trains at a time, the others wait in a queue. A race "
               "shares the CPU with the timing runs of the Run & time page: they take turns, never at once.",
               seeds=fig.listed(SEEDS, say), batch=DEFAULT.batch, lr=DEFAULT.lr))

if not kinds:
    st.info(say("Choose at least one network to race."), icon="ℹ️")
    st.stop()
race_cfg = RaceConfig(kinds=tuple(k for k in RACE_KINDS if k in kinds), depth=int(r_depth), width=int(r_width),
                      steps=int(r_steps))
job = BOARD.job(st.session_state.get("race_job"))
if job is not None and job.config != race_cfg:  # the controls moved on: this view follows its own race
    job = None
finished = BOARD.result(race_cfg)

buttons = st.columns([1, 1, 4])
busy = job is not None and job.active
if buttons[0].button(say("Start the race"), key="race_go", type="primary", disabled=busy or finished is not None):
    try:
        job = BOARD.submit(race_cfg)
        st.session_state["race_job"] = job.id
        busy = True
    except QueueFull:
        st.warning(say("The server's queue is full; try again in a minute."), icon="⏳")
if buttons[1].button(say("Cancel"), key="race_stop", disabled=not busy or job.cancel.is_set()):
    BOARD.cancel(job)  # the worker stops between turns; the timer below keeps polling until it has


@st.fragment(run_every=0.5 if busy else None)
def live() -> None:
    current = BOARD.job(st.session_state.get("race_job"))
    if current is not None and current.config != race_cfg:
        current = None
    race = BOARD.result(race_cfg) or (current.race if current is not None else None)
    if current is not None and current.state == "queued":
        ahead = BOARD.position(current) - 1
        st.info(say("Queued: another session's race is training; yours starts right after it.") if ahead <= 0 else
                say("Queued: another session's race is training; yours starts after it ({ahead} more waiting ahead "
                    "of yours).", ahead=ahead), icon="⏳")
    if current is not None and current.state == "running" and current.cpu_wait_s is not None:
        st.info(say("Waiting for the CPU: a run on the Run & time page is using it; the race goes on when it ends (waited "
                    "{seconds:.0f} s).", seconds=current.cpu_wait_s), icon="⏳")
    if current is not None and current.active and current.cancel.is_set():
        st.info(say("Stopping after the turn being trained…"), icon="⏹️")
    if current is not None and current.state == "failed":
        st.error(say("The race stopped with an error: {error}", error=say.message(current.error)), icon="⚠️")
    if race is None:
        if current is None:
            st.caption(say("Nothing trains until you press Start."))
        return
    done = sum(len(r.loss) for r in race.runs)
    total = len(race.runs) * race.config.steps
    if not race.finished:
        st.progress(done / total, text=say("{done:,} of {total:,} training steps", done=done, total=total))
    if current is not None and current.state == "cancelled":
        st.warning(say("Cancelled after {done:,} of {total:,} steps; the curves so far are shown.",
                       done=done, total=total), icon="⏹️")
    elif race.finished and current is None:
        st.caption(say("This race was trained on this server before ({seconds:.0f} s); it is shown from the cache.",
                       seconds=race.seconds))
    left, right = st.columns(2)
    left.plotly_chart(fig.race_figure(race, "loss", say, race.config.steps), key="race_loss")
    right.plotly_chart(fig.race_figure(race, "accuracy", say, race.config.steps), key="race_acc")
    if busy and (current is None or not current.active):
        st.rerun(scope="app")  # training ended: redraw the whole page once, without the timer


live()

if finished is not None:
    st.subheader(say("After training"))
    rows = []
    for kind in finished.config.kinds:
        runs = [r for r in finished.runs if r.kind == kind]
        loss = sum(sum(r.loss[-10:]) / len(r.loss[-10:]) for r in runs) / len(runs)
        rows.append({say("network"): fig.kind_name(kind, say),
                     say("training loss, last 10 steps"): say.num(loss, 3),
                     say("test accuracy (450 digits)"): say.pct(sum(r.test_accuracy for r in runs) / len(runs))})
    st.dataframe(rows, hide_index=True, key="race_rows")
    st.subheader(say("Lesion study: delete one block"))
    st.plotly_chart(fig.lesion_figure(finished, say), key="lesion_chart")
    controls.explain("why.lesion", view)
