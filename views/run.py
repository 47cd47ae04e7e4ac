"""Run & time: real forward passes of the block, timed properly, and sweeps that show why fewer MACs is not
proportionally faster."""

import threading
from collections.abc import Sequence
from pathlib import Path

import streamlit as st
import torch

from explorer import cache, controls, links
from explorer.figures.run import ratio_figure
from explorer.memo import memo
from explorer.texts import sentence
from resblocks import BlockConfig, ConfigError, bench, units
from resblocks.sweeps import SweepMember


def ms(value: float) -> str:
    """Milliseconds in fixed notation, never scientific: 0.123 ms, 12.3 ms, 1,234 ms."""
    if value < 10:
        return f"{value:,.3f} ms"
    return f"{value:,.1f} ms" if value < 1000 else f"{value:,.0f} ms"


view = controls.page_view()
cfg = controls.require_config(view)
settings_problems = bench.environment_problems()
for problem in settings_problems:
    st.error(f"The server's settings are not usable: {problem}.", icon="⚠️")
if settings_problems:
    st.stop()

SWEEP_CAPTIONS = {
    "groups": "the ResNeXt block's grouped 3×3 at a fixed width, split into more and more groups",
    "matched": "the paper's Table 2: more groups, narrower paths, the same parameters",
    "blocks": "every block kind sized to the current block's MACs",
}

st.title("Run & time")
st.markdown(
    "Run the configured block for real: every layer's shape as observed in a forward pass, and its latency "
    "measured the way benchmarks should be, with warm-up calls first, then the median and interquartile range "
    "(IQR) over repeated timed runs under `torch.inference_mode()`. Nothing runs until you press **Run**."
)

# Controls ---------------------------------------------------------------------------------------

devices = bench.detect_devices()
by_id = {d.id: d for d in devices}
top = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
device = top[0].selectbox("Device", list(by_id), key="device", bind="query-params",
                          help="The devices present, best first: CUDA GPUs, then Apple MPS, then the CPU")
info = by_id[device]
dtype = top[1].selectbox("dtype", info.dtypes, key="dtype", bind="query-params",
                         help="float32 runs everywhere; float16 and bfloat16 where the device supports them")
channels_last = top[2].toggle("channels_last", key="cl", bind="query-params",
                              help="Store the block's weights and input as NHWC, the layout fast conv kernels prefer")
repeat = int(top[3].number_input("Timed repeats", *bench.REPEAT_RANGE, value=bench.DEFAULT_REPEAT, step=1,
                                 key="repeat", bind="query-params",
                                 help="The median and IQR are taken over this many timed repeats"))
links.page_param("device", device, devices[0].id)
links.page_param("dtype", dtype, info.dtypes[0])
links.page_param("cl", channels_last, False)
links.page_param("repeat", repeat, bench.DEFAULT_REPEAT)

st.caption(f"{info.label}; torch {torch.__version__}" + (f". {dtype}: {info.note(dtype)}." if info.note(dtype) else ""))
settings = bench.RunSettings(device=device, dtype=dtype, channels_last=bool(channels_last), repeat=repeat)

memory = bench.estimate_memory(cfg, settings)
st.caption(
    f"Estimated tensors for {cfg.label}, batch {cfg.batch} at {cfg.size}×{cfg.size}: "
    f"{units.nbytes(memory.weight_bytes)} of weights + {units.nbytes(memory.input_bytes + memory.activation_bytes)} "
    f"of input and activations + {units.nbytes(memory.workspace_bytes)} of kernel workspace = "
    f"{units.nbytes(memory.total_bytes)} in {dtype} (limit per run {units.nbytes(memory.limit_bytes)})."
)
if not memory.fits:
    refusal = bench.memory_sentence(cfg, memory)
    st.error(sentence(refusal), icon="⚠️")
too_slow = bench.compute_problem(cfg, settings)
if too_slow is not None:
    st.error(sentence(too_slow), icon="⚠️")

go_clicked = st.button("Run", key="go", type="primary", icon="▶️", disabled=not memory.fits or too_slow is not None,
                       help=f"Warm up, then time {repeat} repeats; stops at the {bench.DEFAULT_TIME_LIMIT_S:g} s limit")
if bench.is_busy(device):
    line = bench.waiting(device)
    st.caption(f"Another run is using {device} right now" + (f", and {line} more wait{'s' * (line == 1)} for it"
               if line else "") + "; a run started here waits its turn, first come, first served.")

run_key = (cfg, settings)
if go_clicked:
    # A control changed during the run reruns the page at its next drawing call: the key is noted first and the
    # result kept before anything is drawn, so the next run of the page finds one or the other.
    st.session_state["run_pending"] = run_key
    with st.status(f"Running {cfg.label} on {device}…") as status:

        def queued(waited: float, place: int) -> None:
            ahead = "next, behind the run using it" if place == 1 else f"place {place} in line"
            status.update(label=f"Queued for {device}: {ahead}; waited {waited:.0f} s…")

        try:
            result = bench.run_block(cfg, settings, on_queued=queued)
        except (ConfigError, bench.DeviceBusyError) as exc:
            st.session_state.pop("run_pending", None)
            st.session_state.pop("run", None)
            status.update(label="Not run", state="error")
            st.error(sentence(exc), icon="⚠️")
        else:
            st.session_state["run"] = (run_key, result)
            st.session_state.pop("run_pending", None)
            done = "Came from the cache" if result.from_cache else f"Measured {result.repeats_done} repeats"
            status.update(label=f"{done}: median {ms(result.median_ms)}", state="complete")

# The last result, while the settings still match it ---------------------------------------------

pending = st.session_state.pop("run_pending", None)
if pending is not None:  # the page was rerun while that run was under way
    finished = bench.cached_result(*pending)
    if finished is not None:
        st.session_state["run"] = (pending, finished)
        st.info("The run finished while the page was changing; its result is kept below for its settings.",
                icon="♻️")
    else:
        st.warning("The last run was interrupted before it finished (a control changed while it waited or ran); "
                   "press Run to measure again.", icon="⏹️")
saved = st.session_state.get("run")
result = saved[1] if saved and saved[0] == run_key else None
if saved and result is None:
    st.caption("The settings changed since the last run; press Run to measure these.")
if result is not None:
    p = result.provenance
    if result.from_cache:
        st.info(f"This result came from the cache: the same settings were measured at {p.date}. "
                "Change a setting or the number of repeats to measure again.", icon="♻️")
    if result.truncated:
        st.warning(f"Stopped at the {result.time_limit_s:g} s time limit after {result.repeats_done} of "
                   f"{result.repeat} repeats; the figures use the repeats measured.", icon="⏱️")
    if result.iqr_ms > 0.5 * result.median_ms:
        st.caption("The spread is large (IQR above half the median): the machine was busy with other work while "
                   "this ran. Run again, or raise the number of repeats, before quoting the figure.")
    if result.queued_s > 0.5:
        st.caption(f"Waited {result.queued_s:.1f} s in the queue for {result.device}.")

    m = st.columns(3)
    m[0].metric("Latency (median)", ms(result.median_ms),
                help=f"Median over {result.repeats_done} timed repeats of {result.calls_per_repeat} calls each")
    m[1].metric("IQR", ms(result.iqr_ms), help=f"Interquartile range: {ms(result.q1_ms)} to {ms(result.q3_ms)}")
    m[2].metric("Throughput", f"{result.throughput:,.1f} images/s", help=f"batch {result.config.batch} / median")
    m = st.columns(3)
    m[0].metric("Achieved compute", units.count(result.tflops * 1e12, "FLOP/s"),
                help=f"{result.tflops:.3g} TFLOP/s: FLOPs (2·MACs) / median")
    if result.peak is not None:
        m[1].metric("Of peak", f"{result.fraction_of_peak:.1%}",
                    help=f"{result.peak.gpu}: {result.peak.tflops:g} TFLOP/s dense, {result.peak.unit}. "
                         f"Source: {result.peak.source}")
    else:
        m[1].metric("Of peak", "—", help="Known only for the GPUs in the peak table below")
    m[2].metric("Timed calls", f"{result.repeats_done} × {result.calls_per_repeat}",
                help=f"Repeats × calls per repeat, after {result.warmup} warm-up calls")
    st.markdown(
        f"**{result.params:,}** parameters · **{units.count(result.macs, 'MACs')}** multiply-adds · "
        f"**{units.count(result.flops, 'FLOPs')}** (= 2·MACs, as torch's flop counter counts the convolutions)"
    )

    st.subheader("Shapes observed in the forward pass")
    expected = {layer.name: layer.output_shape for layer in cache.analysis(result.config).layers}
    st.dataframe(
        [{"layer": layer.name, "op": layer.op,
          "input shape(s)": ", ".join(units.shape(s) for s in layer.input_shapes),
          "output shape": units.shape(layer.output_shape),
          "analysis": units.shape(expected.get(layer.name, ())),
          "match": "✓" if expected.get(layer.name) == layer.output_shape else "✗"}
         for layer in result.layers],
        hide_index=True, width="stretch", key="shapes",
    )
    if result.shapes_match_analysis:
        st.caption("Every shape observed in the real forward pass equals the analysis (traced on meta tensors).")
    else:
        st.error("The observed shapes differ from the analysis; please report this configuration.", icon="⚠️")
    st.caption(
        f"Measured on {p.device_name} ({p.device}), {p.dtype}{', channels_last' if p.channels_last else ''}, "
        f"{p.threads} threads, torch {p.torch_version}, CUDA {p.cuda_version or 'none'}, {p.date}; "
        f"{result.warmup} warm-up calls, then {result.repeats_done} repeats × {result.calls_per_repeat} calls."
    )

with st.expander("Peak figures used for “of peak” (dense, per number format)"):
    st.dataframe(
        [{"GPU": e.gpu, "FP32 TFLOP/s": e.fp32, "TF32 TFLOP/s": e.tf32, "FP16 TFLOP/s": e.fp16,
          "BF16 TFLOP/s": e.bf16, "source": e.source} for e in bench.GPU_PEAKS],
        hide_index=True, width="stretch", key="peaks",
    )
    st.caption("float32 is compared with the TF32 peak where cuDNN may use TF32 (PyTorch's default for "
               "convolutions), else with FP32. A GPU missing here gets no percentage rather than a guessed one.")


# Sweeps -----------------------------------------------------------------------------------------


def sweep_table(rows: Sequence[bench.SweepRow]) -> list[dict]:
    return [{"point": r.label, "block": r.config.label, "params": f"{r.params:,}", "MACs": f"{r.macs:,}",
             "median (ms)": round(r.median_ms, 4), "IQR (ms)": round(r.iqr_ms, 4),
             "time ratio": round(r.time_ratio, 3), "MACs ratio": round(r.macs_ratio, 3),
             "params ratio": round(r.params_ratio, 3), "3×3 ratio 1/g": round(r.conv_ratio, 4)}
            for r in rows]


@memo("run.cached_sweep_points", budget_mb=4, spinner="Sizing the sweep's blocks…")
def cached_sweep_points(kind: str, cfg: BlockConfig) -> tuple[tuple[SweepMember, ...], tuple[str, ...]]:
    return bench.sweep_points(kind, cfg)


st.header("Sweeps: fewer MACs is not proportionally faster")
kind = st.radio("Sweep", list(bench.SWEEP_KINDS), captions=[SWEEP_CAPTIONS[k] for k in bench.SWEEP_KINDS],
                horizontal=True, key="sweep", bind="query-params")
links.page_param("sweep", kind, "groups")
try:
    points, notes = cached_sweep_points(kind, cfg)
except ConfigError as exc:
    points, notes = (), ()
    st.error(f"This sweep cannot use the current settings: {exc}.", icon="⚠️")
if points:
    st.caption(f"{len(points)} points, baseline first: " + ", ".join(f"{pt.label} ({pt.config.label})" for pt in points)
               + f". Each point uses the settings above and stops at {bench.SWEEP_TIME_LIMIT_S:g} s.")
for note in notes:
    st.caption(note)
sweep_settings = bench.RunSettings(device=device, dtype=dtype, channels_last=bool(channels_last), repeat=repeat,
                                   time_limit_s=bench.SWEEP_TIME_LIMIT_S)
estimates = {pt.label: bench.estimate_memory(pt.config, sweep_settings) for pt in points}
largest = max(points, key=lambda pt: estimates[pt.label].total_bytes, default=None)
sweep_fits = largest is None or estimates[largest.label].fits
if not sweep_fits:
    refusal = bench.memory_sentence(largest.config, estimates[largest.label])
    st.error(f"The sweep's point {largest.label}: {refusal}.", icon="⚠️")
slow_point = next(((pt, problem) for pt in points
                   if (problem := bench.compute_problem(pt.config, sweep_settings)) is not None), None)
if slow_point is not None:
    st.error(f"The sweep's point {slow_point[0].label}: {slow_point[1]}.", icon="⚠️")

cancel_event: threading.Event = st.session_state.setdefault("sweep_cancel", threading.Event())
sweep_key = (kind, cfg, sweep_settings)
buttons = st.columns([1, 1, 4])
start = buttons[0].button("Run sweep", key="sweep_go", type="primary",
                          disabled=not points or not sweep_fits or slow_point is not None)
buttons[1].button("Cancel", key="sweep_stop", on_click=cancel_event.set,
                  help="Stops the sweep after the point being measured and keeps the points done")
if start:
    cancel_event.clear()
    state = {"key": sweep_key, "rows": [], "total": len(points), "sweep": None}
    st.session_state["sweep_state"] = state
    bar = st.progress(0.0, text="Starting the sweep…")

    def progress(done: int, total: int, row: bench.SweepRow | None) -> None:
        if row is not None:
            state["rows"].append(row)
        text = f"{done} of {total} points measured" + (f"; {row.label}: {ms(row.median_ms)}" if row else "")
        bar.progress(done / total, text=text)

    def queued(waited: float, place: int) -> None:
        ahead = "next, behind the run using it" if place == 1 else f"place {place} in line"
        bar.progress(len(state["rows"]) / len(points), text=f"Queued for {device}: {ahead}; waited {waited:.0f} s…")

    try:
        state["sweep"] = bench.run_sweep(kind, cfg, sweep_settings, progress=progress, cancel=cancel_event,
                                         on_queued=queued)
    except (ConfigError, bench.DeviceBusyError) as exc:
        st.session_state.pop("sweep_state", None)
        st.error(sentence(exc), icon="⚠️")
    bar.empty()

state = st.session_state.get("sweep_state")
if state and state["key"] == sweep_key and state["rows"]:
    rows = state["rows"]
    sweep = state["sweep"]
    if sweep is None or sweep.cancelled:
        st.warning(f"The sweep stopped after {len(rows)} of {state['total']} points (cancelled, or interrupted by a "
                   "change of settings); the points measured are shown.", icon="⏹️")
    cached = sum(r.from_cache for r in rows)
    if cached:
        st.caption(f"{cached} of {len(rows)} points came from the cache.")
    st.plotly_chart(ratio_figure(rows, kind), key="sweep_chart")
    st.dataframe(sweep_table(rows), hide_index=True, width="stretch", key="sweep_rows")
elif state and state["key"] != sweep_key:
    st.caption("The settings changed since the last sweep; press Run sweep to measure these.")
controls.explain("run.speed", view)

# GPU reference results --------------------------------------------------------------------------

st.header("GPU reference results")
references, problems = bench.find_references()
for problem in problems:
    st.warning(problem, icon="⚠️")
if not references:
    st.info(
        "No GPU reference results are available yet. They are produced on a GPU machine with "
        "`python -m resblocks bench --sweep all --json > assets/gpu_reference.json` "
        "(see `assets/gpu_reference.md`), and shown here with their provenance once shipped.",
        icon="ℹ️",
    )
for i, ref in enumerate(references):
    p = ref.provenance  # text from an operator's file: shown as table cells, never as Markdown
    st.subheader(f"Reference results {i + 1}: {p.dtype}{', channels_last' if p.channels_last else ''}")
    st.dataframe(
        [{"measured on": field, "value": value} for field, value in (
            ("GPU", p.device_name), ("device", p.device), ("compute capability", p.capability or "—"),
            ("dtype", p.dtype), ("CPU threads", str(p.threads)), ("torch", p.torch_version),
            ("CUDA", p.cuda_version or "—"), ("cuDNN", str(p.cudnn_version or "—")), ("date", p.date),
            ("file", Path(ref.path).name))],
        hide_index=True, width="stretch", key=f"ref_provenance_{i}",
    )
    if ref.runs:
        st.dataframe(
            [{"block": r.config.label, "batch": r.config.batch, "size": r.config.size, "median (ms)": r.median_ms,
              "IQR (ms)": r.iqr_ms, "MACs": f"{r.macs:,}", "images/s": r.throughput, "TFLOP/s": r.tflops,
              "of peak": r.fraction_of_peak} for r in ref.runs],
            hide_index=True, width="stretch", key=f"ref_runs_{i}",
        )
    for j, s in enumerate(ref.sweeps):
        st.markdown(f"**{bench.SWEEP_KINDS[s.kind][0].upper()}{bench.SWEEP_KINDS[s.kind][1:]}**")
        st.plotly_chart(ratio_figure(s.rows, s.kind), key=f"ref_chart_{i}_{j}")
        st.dataframe(sweep_table(s.rows), hide_index=True, width="stretch", key=f"ref_rows_{i}_{j}")
