"""Run & time: real forward passes of the block, timed properly, and sweeps that show why fewer MACs is not
proportionally faster.

What depends on g is drawn at every g the groups control reaches: the memory estimate, the guards and the sweep's
points are held views; Run and Run sweep are disabled in the browser at a g the guards refuse, and a result (a run's,
a sweep's) is drawn for the block it measured and shown while the browser shows that block's g. So holding the width
a change of g is answered in the browser with no run (controls.ANSWERED_IN_BROWSER); a button's run is at the g
shown (controls._follow_browser_groups)."""

import re
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st
import torch

from explorer import cache, controls, links
from explorer.components.held_view import alert, captions, disabled_at, held_view, shown_at
from explorer.figures.run import SPREAD_LIMIT, ratio_figure
from explorer.i18n import localize_number
from explorer.memo import memo
from resblocks import BlockConfig, ConfigError, bench, units
from resblocks.sweeps import SweepMember

view = controls.page_view()
say = view.say
_QUANTITY = re.compile(r"[\d.,]+(?: [A-Za-zµ/]+){0,2}")  # "24.9 MiB", "3.96 M MACs", "1,234": the reader's way


def _value(value: object) -> object:
    if getattr(value, "template", None):
        return say(value.template, **{k: _value(v) for k, v in value.values.items()})
    if isinstance(value, str) and _QUANTITY.fullmatch(value):
        return localize_number(value, say.lang)
    return value


def said(message: object, sentence: bool = True) -> str:
    """A library message in the reader's language: its quantities with units (already written by resblocks.units)
    and the messages inside it said the reader's way too; as a sentence, or as the library words it (a phrase
    to put after a colon)."""
    if isinstance(message, BaseException) and message.args:
        message = message.args[0]
    if not getattr(message, "template", None):
        return say.message(message) if sentence else str(message)
    words = _value(message)
    return say.message(words) if sentence else words


def when(iso: str) -> str:
    """An ISO 8601 time to the minute, "2026-12-01 11:30+00:00" (the provenance keeps the full ISO text)."""
    try:
        moment = datetime.fromisoformat(iso).astimezone(UTC)
    except ValueError:
        return iso
    return moment.strftime("%Y-%m-%d %H:%M+00:00")


def ms(value: float) -> str:
    """Milliseconds in fixed notation, never scientific: 0.123 ms, 12.3 ms, 1,234 ms (1.234 ms in Turkish)."""
    digits = 3 if value < 10 else 1 if value < 1000 else 0
    return f"{say.num(value, digits)} ms"


cfg = controls.require_config(view)
blocks = controls.held_blocks(view)  # the block at every g the groups control reaches: what the page holds
settings_problems = bench.environment_problems()
for problem in settings_problems:
    st.error(say("The server's settings are not usable: {problem}.", problem=said(problem, sentence=False)), icon="⚠️")
if settings_problems:
    st.stop()

SWEEP_NAMES = {"groups": "groups at a fixed width", "matched": "matched complexity", "blocks": "block kinds"}
SWEEP_CAPTIONS = {
    "groups": "the ResNeXt block's grouped 3×3 at a fixed width, split into more and more groups",
    "matched": "the paper's Table 2: more groups, narrower paths, the same parameters",
    "blocks": "every block kind sized to the current block's MACs",
}

st.title(say("Run & time"))
st.markdown(say(
    "Run the configured block for real: every layer's shape as observed in a forward pass, and its latency "
    "measured the way benchmarks should be, with warm-up calls first, then the median and interquartile range "
    "(IQR) over repeated timed runs under `torch.inference_mode()`. Nothing runs until you press **Run**."
))

# Controls ---------------------------------------------------------------------------------------

devices = bench.detect_devices()
by_id = {d.id: d for d in devices}
top = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
# Bound to the address: the options stay codes (cpu, cuda:0, float32); the labels and help are translated.
device = top[0].selectbox(say("Device"), list(by_id), key="device", bind="query-params",
                          help=say("The devices present, best first: CUDA GPUs, then Apple MPS, then the CPU"))
info = by_id[device]
dtype = top[1].selectbox("dtype", info.dtypes, key="dtype", bind="query-params",
                         help=say("float32 runs everywhere; float16 and bfloat16 where the device supports them"))
channels_last = top[2].toggle("channels_last", key="cl", bind="query-params",
                              help=say("Store the block's weights and input as NHWC, the layout fast conv kernels "
                                       "prefer"))
repeat = int(top[3].number_input(say("Timed repeats"), *bench.REPEAT_RANGE, value=bench.DEFAULT_REPEAT, step=1,
                                 key="repeat", bind="query-params",
                                 help=say("The median and IQR are taken over this many timed repeats")))
links.page_param("device", device, devices[0].id)
links.page_param("dtype", dtype, info.dtypes[0])
links.page_param("cl", channels_last, False)
links.page_param("repeat", repeat, bench.DEFAULT_REPEAT)


def device_label(d: bench.DeviceInfo) -> str:
    """The device in words; its reported name as code, since it is the machine's own text."""
    if d.kind == "cuda":
        extra = "".join([say(", compute capability {major}.{minor}", major=d.capability[0], minor=d.capability[1])
                         if d.capability else "", f", {say.nbytes(d.memory_bytes)}" if d.memory_bytes else ""])
        return f"`{d.name}` ({d.id}{extra})"
    if d.kind == "mps":
        return say("Apple GPU via Metal ({device})", device=d.id)
    return say("CPU: `{name}` ({threads} threads)", name=d.name, threads=d.threads)


note = info.note(dtype)
if note:
    st.caption(say("{device}; torch {version}. {dtype}: {note}.", device=device_label(info), version=torch.__version__,
                   dtype=dtype, note=said(note, sentence=False)))
else:
    st.caption(say("{device}; torch {version}", device=device_label(info), version=torch.__version__))
settings = bench.RunSettings(device=device, dtype=dtype, channels_last=bool(channels_last), repeat=repeat)


def queue_text(waited: float, place: int) -> str:
    if place == 1:
        return say("Queued for {device}: next, behind the run using it; waited {waited:.0f} s…", device=device,
                   waited=waited)
    return say("Queued for {device}: place {place} in line; waited {waited:.0f} s…", device=device, place=place,
               waited=waited)


# The configured block: its memory, the guards, Run and the last result ---------------------------------------


def block_problems(cfg: BlockConfig) -> list[str]:
    """What the guards say against running ``cfg`` with these settings: its memory, its multiply-adds."""
    memory = bench.estimate_memory(cfg, settings)
    problems = [] if memory.fits else [said(bench.memory_sentence(cfg, memory))]
    too_slow = bench.compute_problem(cfg, settings)
    return problems + ([said(too_slow)] if too_slow is not None else [])


def block_lines(cfg: BlockConfig, problems: list[str], saved: tuple | None) -> str:
    """The block's estimated memory, what the guards refuse (``problems``: block_problems), and whether the last run
    (``saved``: its key and result) measured it: a held view's HTML."""
    memory = bench.estimate_memory(cfg, settings)
    lines = captions([say(
        "Estimated tensors for {block}, batch {batch} at {size}×{size}: {weights} of weights + {activations} of input "
        "and activations + {workspace} of kernel workspace = {total} in {dtype} (limit per run {limit}).",
        block=controls.block_label(cfg, say), batch=cfg.batch, size=cfg.size, weights=say.nbytes(memory.weight_bytes),
        activations=say.nbytes(memory.input_bytes + memory.activation_bytes),
        workspace=say.nbytes(memory.workspace_bytes), total=say.nbytes(memory.total_bytes), dtype=dtype,
        limit=say.nbytes(memory.limit_bytes),
    )])
    lines += "".join(alert("error", [f"⚠️ {problem}"]) for problem in problems)
    if saved and saved[0] != (cfg, settings):
        lines += captions([say("The settings changed since the last run; press Run to measure these.")])
    return lines


problems_at = {g: block_problems(other) for g, other in blocks.items()}
refused_at = [g for g, problems in problems_at.items() if problems]
memory_slot = st.container(key="run_memory")  # drawn once this run's result is known (below)
go_clicked = st.button(say("Run"), key="go", type="primary", icon="▶️", disabled=len(refused_at) == len(blocks),
                       help=say("Warm up, then time {repeat} repeats; stops at the {limit} s limit", repeat=repeat,
                                limit=say.num(bench.DEFAULT_TIME_LIMIT_S, 0)))
disabled_at("go", refused_at)  # the g the guards refuse: disabled in the browser as it shows them
refresh = st.session_state.pop("run_refresh", False)  # "Run again" below, after a noisy measurement
if bench.is_busy(device):
    line = bench.waiting(device)
    if not line:
        st.caption(say("Another run is using {device} right now; a run started here waits its turn, first come, "
                       "first served.", device=device))
    else:
        st.caption(say("Another run is using {device} right now, and {n} more wait for it; a run started here waits "
                       "its turn, first come, first served.", device=device, n=line))

run_key = (cfg, settings)
if go_clicked or refresh:
    # A control changed during the run reruns the page at its next drawing call: the key is noted first and the
    # result kept before anything is drawn, so the next run of the page finds one or the other.
    st.session_state["run_pending"] = run_key
    shown_at("run_status", [cfg.groups])  # the run's line goes with its block, as its result does
    with st.container(key="run_status"), st.status(say("Running {block} on {device}…",
                                                       block=controls.block_label(cfg, say), device=device)) as status:
        try:
            result = bench.run_block(cfg, settings, refresh=bool(refresh),
                                     on_queued=lambda waited, place: status.update(label=queue_text(waited, place)))
        except (ConfigError, bench.DeviceBusyError) as exc:
            st.session_state.pop("run_pending", None)
            st.session_state.pop("run", None)
            status.update(label=say("Not run"), state="error")
            st.error(said(exc), icon="⚠️")
        else:
            st.session_state["run"] = (run_key, result)
            st.session_state.pop("run_pending", None)
            done = (say("Came from the cache: median {median}", median=ms(result.median_ms)) if result.from_cache
                    else say("Measured {n} repeats: median {median}", n=result.repeats_done,
                             median=ms(result.median_ms)))
            status.update(label=done, state="complete")

# The last result, while the settings still match it
pending = st.session_state.pop("run_pending", None)
if pending is not None:  # the page was rerun while that run was under way
    finished = bench.cached_result(*pending)
    if finished is not None:
        st.session_state["run"] = (pending, finished)
        st.info(say("The run finished while the page was changing; its result is kept below for its settings."),
                icon="♻️")
    else:
        st.warning(say("The last run was interrupted before it finished (a control changed while it waited or ran); "
                       "press Run to measure again."), icon="⏹️")
saved = st.session_state.get("run")  # (run key, result) of the last run measured in this session
with memory_slot:
    held_view("run_block", {g: block_lines(other, problems_at[g], saved) for g, other in blocks.items()}, cfg.groups)
# The last result is drawn for the block it measured, where that block is the one held at its g with these settings,
# and shown while the browser shows that g.
measured = saved[0][0] if saved and saved[0][1] == settings else None
result = saved[1] if measured is not None and blocks.get(measured.groups) == measured else None
if result is not None:
    shown_at("run_result", [measured.groups])
    with st.container(key="run_result"):
        p = result.provenance
        if result.from_cache:
            st.info(say("This result came from the cache: the same settings were measured at {date}. Change a setting "
                        "or the number of repeats to measure again.", date=when(p.date)), icon="♻️")
        if result.truncated:
            st.warning(say("Stopped at the {limit} s time limit after {done} of {repeat} repeats; the figures use the "
                           "repeats measured.", limit=say.num(result.time_limit_s, 0), done=result.repeats_done,
                           repeat=result.repeat), icon="⏱️")
        spread = result.iqr_ms / result.median_ms if result.median_ms > 0 else 0.0
        if spread > SPREAD_LIMIT:
            st.warning(say(
                "The spread is large: the middle half of the timed repeats spans {spread:.0%} of the median (IQR "
                "{iqr}, above {limit:.0%}). The machine was most likely busy with other work while this ran; run it "
                "again before quoting the figure.", spread=spread, iqr=ms(result.iqr_ms), limit=SPREAD_LIMIT,
            ), icon="⚠️")
            st.button(say("Run again"), key="go_again", icon=":material/replay:", on_click=st.session_state.update,
                      kwargs={"run_refresh": True}, disabled=bool(problems_at[measured.groups]),
                      help=say("Measures these settings again instead of taking the result from the cache"))
        if result.queued_s > 0.5:
            st.caption(say("Waited {seconds:.1f} s in the queue for {device}.", seconds=result.queued_s,
                           device=result.device))

        m = st.columns(3)
        m[0].metric(say("Latency (median)"), ms(result.median_ms),
                    help=say("Median over {n} timed repeats of {calls} calls each", n=result.repeats_done,
                             calls=result.calls_per_repeat))
        m[1].metric("IQR", ms(result.iqr_ms), help=say("Interquartile range: {q1} to {q3}", q1=ms(result.q1_ms),
                                                       q3=ms(result.q3_ms)))
        m[2].metric(say("Throughput"), say("{rate:,.1f} images/s", rate=result.throughput),
                    help=say("batch {batch} / median", batch=result.config.batch))
        m = st.columns(3)
        m[0].metric(say("Achieved compute"), say.count(result.tflops * 1e12, "FLOP/s"),
                    help=say("{tflops:.3g} TFLOP/s: FLOPs (2·MACs) / median", tflops=result.tflops))
        if result.peak is not None:
            m[1].metric(say("Of peak"), say.pct(result.fraction_of_peak),
                        help=say("{gpu}: {tflops:g} TFLOP/s dense, {unit}. Source: {source}", gpu=result.peak.gpu,
                                 tflops=result.peak.tflops, unit=say(result.peak.unit), source=say(result.peak.source)))
        else:
            m[1].metric(say("Of peak"), "—", help=say("Known only for the GPUs in the peak table below"))
        m[2].metric(say("Timed calls"), f"{result.repeats_done} × {result.calls_per_repeat}",
                    help=say("Repeats × calls per repeat, after {warmup} warm-up calls", warmup=result.warmup))
        st.markdown(say(
            "**{params:,}** parameters · **{macs}** multiply-adds · **{flops}** (= 2·MACs, as torch's flop counter "
            "counts the convolutions)", params=result.params, macs=say.count(result.macs, "MACs"),
            flops=say.count(result.flops, "FLOPs"),
        ))

        st.subheader(say("Shapes observed in the forward pass"))
        expected = {layer.name: layer.output_shape for layer in cache.analysis(result.config).layers}
        ops = say.options({"conv": "conv", "bn": "BN", "relu": "ReLU", "add": "addition"})
        st.dataframe(
            [{say("layer"): layer.name, say("op"): ops.get(layer.op, layer.op),
              say("input shape(s)"): ", ".join(units.shape(s) for s in layer.input_shapes),
              say("output shape"): units.shape(layer.output_shape),
              say("analysis"): units.shape(expected.get(layer.name, ())),
              say("match"): "✓" if expected.get(layer.name) == layer.output_shape else "✗"}
             for layer in result.layers],
            hide_index=True, width="stretch", key="shapes",
        )
        if result.shapes_match_analysis:
            st.caption(say("Every shape observed in the real forward pass equals the analysis (traced on meta tensors)."))
        else:
            st.error(say("The observed shapes differ from the analysis; please report this configuration."), icon="⚠️")
        st.caption(say(
            "Measured on `{name}` ({device}), {dtype}{layout}, {threads} threads, torch {torch}, CUDA {cuda}, {date}; "
            "{warmup} warm-up calls, then {done} repeats × {calls} calls.", name=p.device_name, device=p.device,
            dtype=p.dtype, layout=", channels_last" if p.channels_last else "", threads=p.threads, torch=p.torch_version,
            cuda=p.cuda_version or say("none"), date=when(p.date), warmup=result.warmup, done=result.repeats_done,
            calls=result.calls_per_repeat,
        ))



def tflops_cell(value: float | None) -> str:
    return "—" if value is None else say.num(value, 1)


with st.expander(say("Peak figures used for “of peak” (dense, per number format)")):
    st.dataframe(
        [{"GPU": e.gpu, "FP32 TFLOP/s": tflops_cell(e.fp32), "TF32 TFLOP/s": tflops_cell(e.tf32),
          "FP16 TFLOP/s": tflops_cell(e.fp16), "BF16 TFLOP/s": tflops_cell(e.bf16), say("source"): say(e.source)}
         for e in bench.GPU_PEAKS],
        hide_index=True, width="stretch", key="peaks",
    )
    st.caption(say("float32 is compared with the TF32 peak where cuDNN may use TF32 (PyTorch's default for "
                   "convolutions), else with FP32. A GPU missing here gets no percentage rather than a guessed one."))


# Sweeps -----------------------------------------------------------------------------------------


def sweep_table(rows: Sequence[bench.SweepRow]) -> list[dict]:
    return [{say("point"): r.label, say("block"): controls.block_label(r.config, say), say("params"): say.num(r.params),
             "MACs": say.num(r.macs), say("median (ms)"): say.num(r.median_ms, 4),
             say("IQR (ms)"): say.num(r.iqr_ms, 4), say("IQR / median"): say.pct(r.spread, 0),
             say("time ratio"): say.num(r.time_ratio, 3), say("MACs ratio"): say.num(r.macs_ratio, 3),
             say("params ratio"): say.num(r.params_ratio, 3),
             say("3×3 MACs ratio"): "—" if r.conv3x3_ratio is None else say.num(r.conv3x3_ratio, 4),
             "1/g": say.num(r.conv_ratio, 4)}
            for r in rows]


@memo("run.cached_sweep_points", budget_mb=4)
def cached_sweep_points(kind: str, cfg: BlockConfig) -> tuple[tuple[SweepMember, ...], tuple[str, ...]]:
    return bench.sweep_points(kind, cfg)


def spread_warning(rows: Sequence[bench.SweepRow], measured_here: bool = True) -> bool:
    """The warning when a point's repeats disagree by more than SPREAD_LIMIT; whether it was shown."""
    wide = [r for r in rows if r.spread > SPREAD_LIMIT]
    if not wide:
        return False
    worst = max(wide, key=lambda r: r.spread)
    values = {"points": ", ".join(r.label for r in wide), "spread": worst.spread, "worst": worst.label,
              "limit": SPREAD_LIMIT}
    if measured_here:
        st.warning(say("The spread is large at {points}: the middle half of the timed repeats spans up to {spread:.0%} "
                       "of the median (at {worst}; above {limit:.0%} the ratios are not to be trusted). The machine was "
                       "most likely busy with other work while the sweep ran; run the sweep again before reading the "
                       "ratios.", **values), icon="⚠️")
    else:
        st.warning(say("The spread is large at {points}: the middle half of the timed repeats spans up to {spread:.0%} "
                       "of the median (at {worst}; above {limit:.0%} the ratios are not to be trusted). The machine "
                       "that measured them was most likely busy with other work; read these ratios with care.",
                       **values), icon="⚠️")
    return True


def sweep_title(kind: str) -> str:
    words = say(bench.SWEEP_KINDS[kind])
    return words[:1].upper() + words[1:]


st.header(say("Sweeps: fewer MACs is not proportionally faster"))
# Not bound to the address, so that its options can be said in the reader's language: ?sweep= keeps the code
# (groups, matched, blocks), read here when a link brings one and written back on every run.
asked = st.query_params.get("sweep")
fresh = "sweep" not in st.session_state  # the page was just entered (a link, Back, a page switch)
if asked in bench.SWEEP_KINDS and (fresh or asked != st.session_state.get("_sweep_written")):
    st.session_state["sweep"] = asked
kind = st.radio(say("Sweep"), list(bench.SWEEP_KINDS), format_func=lambda k: say(SWEEP_NAMES[k]),
                captions=[say(SWEEP_CAPTIONS[k]) for k in bench.SWEEP_KINDS], horizontal=True, key="sweep")
if kind == "groups":
    st.query_params.pop("sweep", None)
elif st.query_params.get("sweep") != kind:
    st.query_params["sweep"] = kind
st.session_state["_sweep_written"] = kind
links.page_param("sweep", kind, "groups")
sweep_settings = bench.RunSettings(device=device, dtype=dtype, channels_last=bool(channels_last), repeat=repeat,
                                   time_limit_s=bench.SWEEP_TIME_LIMIT_S)
cancel_event: threading.Event = st.session_state.setdefault("sweep_cancel", threading.Event())


def sweep_plan(cfg: BlockConfig) -> tuple[tuple[SweepMember, ...], tuple[str, ...], list[str]]:
    """The chosen sweep's points for ``cfg`` (baseline first), its notes, and the sentences that refuse it (none
    when it can run)."""
    try:
        points, notes = cached_sweep_points(kind, cfg)
    except ConfigError as exc:
        return (), (), [say("This sweep cannot use the current settings: {problem}.", problem=said(exc, sentence=False))]
    refusals = []
    estimates = {pt.label: bench.estimate_memory(pt.config, sweep_settings) for pt in points}
    largest = max(points, key=lambda pt: estimates[pt.label].total_bytes, default=None)
    if largest is not None and not estimates[largest.label].fits:
        refusals.append(say("The sweep's point {point}: {problem}.", point=largest.label, problem=said(
            bench.memory_sentence(largest.config, estimates[largest.label]), sentence=False)))
    slow_point = next(((pt, problem) for pt in points
                       if (problem := bench.compute_problem(pt.config, sweep_settings)) is not None), None)
    if slow_point is not None:
        refusals.append(say("The sweep's point {point}: {problem}.", point=slow_point[0].label,
                            problem=said(slow_point[1], sentence=False)))
    return points, notes, refusals


def start_sweep(refresh: bool = False) -> None:
    """Run sweep (or Run the sweep again, ``refresh``): the sweep runs in the page's run that the click brings, where
    Cancel interrupts it after the point being measured."""
    st.session_state["sweep_start"] = "refresh" if refresh else "start"


# The sweep for the configured block: its points and guards at every g (a held view), Run sweep, then the sweep being
# measured, then its result.


def sweep_lines(cfg: BlockConfig, points: tuple[SweepMember, ...], notes: tuple[str, ...], refusals: list[str],
                state: dict | None) -> str:
    """The points of the sweep for ``cfg``, its notes, its guards, and whether the last sweep measured it: a held
    view's HTML."""
    lines = []
    if points:
        lines.append(say("{n} points, baseline first: {points}. Each point uses the settings above and stops at {limit} s.",
                         n=len(points), points=", ".join(f"{pt.label} ({controls.block_label(pt.config, say)})"
                                                         for pt in points),
                         limit=say.num(bench.SWEEP_TIME_LIMIT_S, 0)))
    lines += [said(note) for note in notes]
    shown = captions(lines) + "".join(alert("error", [f"⚠️ {refusal}"]) for refusal in refusals)
    if state and state["rows"] and state["key"] != (kind, cfg, sweep_settings):
        shown += captions([say("The settings changed since the last sweep; press Run sweep to measure these.")])
    return shown


with st.spinner(say("Sizing the sweep's blocks…")):
    plans = {g: sweep_plan(other) for g, other in blocks.items()}
sweep_slot = st.container(key="run_sweep_box")  # drawn once this run's sweep is known (below)
cannot = [g for g, (points, _, refusals) in plans.items() if not points or refusals]
st.button(say("Run sweep"), key="sweep_go", type="primary", disabled=len(cannot) == len(plans), on_click=start_sweep)
disabled_at("sweep_go", cannot)
asked_sweep = st.session_state.pop("sweep_start", None)  # "start" or "refresh", set by start_sweep
points, _, refusals = plans[cfg.groups] if asked_sweep else ((), (), ())
if asked_sweep and points and not refusals:
    cancel_event.clear()
    cancel_slot = st.empty()  # Cancel is drawn only while a sweep runs
    cancel_slot.button(say("Cancel"), key="sweep_stop", on_click=cancel_event.set,
                       help=say("Stops the sweep after the point being measured and keeps the points done"))
    state = {"key": (kind, cfg, sweep_settings), "rows": [], "total": len(points), "sweep": None}
    st.session_state["sweep_state"] = state
    bar = st.progress(0.0, text=say("Starting the sweep…"))

    def progress(done: int, total: int, row: bench.SweepRow | None) -> None:
        if row is not None:
            state["rows"].append(row)
            text = say("{done} of {total} points measured; {point}: {median}", done=done, total=total,
                       point=row.label, median=ms(row.median_ms))
        else:
            text = say("{done} of {total} points measured", done=done, total=total)
        bar.progress(done / total, text=text)

    try:
        state["sweep"] = bench.run_sweep(
            kind, cfg, sweep_settings, refresh=asked_sweep == "refresh", progress=progress, cancel=cancel_event,
            on_queued=lambda waited, place: bar.progress(len(state["rows"]) / len(points),
                                                         text=queue_text(waited, place)))
    except (ConfigError, bench.DeviceBusyError) as exc:
        st.session_state.pop("sweep_state", None)
        st.error(said(exc), icon="⚠️")
    bar.empty()
    cancel_slot.empty()


def sweep_result(state: dict) -> None:
    """The sweep measured (``state``), drawn for the block it measured."""
    rows = state["rows"]
    sweep = state["sweep"]
    if sweep is None or sweep.cancelled:
        st.warning(say("The sweep stopped after {done} of {total} points (cancelled, or interrupted by a change of "
                       "settings); the points measured are shown.", done=len(rows), total=state["total"]), icon="⏹️")
    cached = sum(r.from_cache for r in rows)
    if cached:
        st.caption(say("{cached} of {n} points came from the cache.", cached=cached, n=len(rows)))
    if spread_warning(rows):
        points_, _, refusals_ = plans[state["key"][1].groups]
        st.button(say("Run the sweep again"), key="sweep_again", icon=":material/replay:",
                  disabled=not points_ or bool(refusals_), on_click=start_sweep, kwargs={"refresh": True},
                  help=say("Measures every point again instead of taking the results from the cache"))
    st.plotly_chart(ratio_figure(rows, kind, view.lang), key="sweep_chart")
    st.caption(say("Each ratio is to the baseline, {base}: 1 is the same as {base}, below 1 cheaper or faster. The red "
                   "markers are the median time of each point; the bars around them span its interquartile range (the "
                   "middle half of its timed repeats), divided by the baseline's median.", base=rows[0].label))
    st.dataframe(sweep_table(rows), hide_index=True, width="stretch", key="sweep_rows")


state = st.session_state.get("sweep_state")
with sweep_slot:
    held_view("run_sweep_plan", {g: sweep_lines(other, *plans[g], state) for g, other in blocks.items()}, cfg.groups)
swept = state["key"][1] if state and state["rows"] and state["key"][0] == kind and state["key"][2] == sweep_settings \
    else None
if swept is not None and blocks.get(swept.groups) == swept:  # shown while the browser shows the g it measured
    shown_at("run_sweep_result", [swept.groups])
    with st.container(key="run_sweep_result"):
        sweep_result(state)
controls.explain("run.speed", view)

# GPU reference results --------------------------------------------------------------------------

st.header(say("GPU reference results"))
references, problems = bench.find_references()
for problem in problems:
    st.warning(said(problem, sentence=False), icon="⚠️")  # names the file, the field and the fix
if not references:
    st.info(say("No GPU reference results are available yet: the figures above come from this server's own device. "
                "Once results measured on a GPU are added to the app, they appear here beside the details of the "
                "machine that measured them."), icon="ℹ️")
for i, ref in enumerate(references):
    p = ref.provenance  # text from an operator's file: shown as table cells, never as Markdown
    st.subheader(say("Reference results {i}: {dtype}{layout}", i=i + 1, dtype=p.dtype,
                     layout=", channels_last" if p.channels_last else ""))
    measured_on, value = say("measured on"), say("value")
    st.dataframe(
        [{measured_on: field, value: cell} for field, cell in (
            ("GPU", p.device_name), (say("device"), p.device), (say("compute capability"), p.capability or "—"),
            ("dtype", p.dtype), (say("CPU threads"), str(p.threads)), ("torch", p.torch_version),
            ("CUDA", p.cuda_version or "—"), ("cuDNN", str(p.cudnn_version or "—")), (say("date"), p.date),
            (say("file"), Path(ref.path).name))],
        hide_index=True, width="stretch", key=f"ref_provenance_{i}",
    )
    if ref.runs:
        st.dataframe(
            [{say("block"): controls.block_label(r.config, say), "batch": r.config.batch, say("size"): r.config.size,
              say("median (ms)"): say.num(r.median_ms, 4), say("IQR (ms)"): say.num(r.iqr_ms, 4),
              "MACs": say.num(r.macs), say("images/s"): say.num(r.throughput, 1), "TFLOP/s": say.num(r.tflops, 2),
              say("of peak"): "—" if r.fraction_of_peak is None else say.pct(r.fraction_of_peak)} for r in ref.runs],
            hide_index=True, width="stretch", key=f"ref_runs_{i}",
        )
    for j, s in enumerate(ref.sweeps):
        st.markdown(f"**{sweep_title(s.kind)}**")
        spread_warning(s.rows, measured_here=False)
        st.plotly_chart(ratio_figure(s.rows, s.kind, view.lang), key=f"ref_chart_{i}_{j}")
        st.dataframe(sweep_table(s.rows), hide_index=True, width="stretch", key=f"ref_rows_{i}_{j}")
