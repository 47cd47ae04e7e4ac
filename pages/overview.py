"""Overview: the residual idea, the blocks side by side with live parameter counts, and which to choose."""

import streamlit as st

import ui
from resblocks import units
from resblocks.registry import REGISTRY

view = ui.page_view()

st.title("ResBlock Explorer")
st.markdown(
    "Learn the residual blocks of modern CNNs by seeing them, changing them and running them: the "
    "**basic** block (ResNet-18/34), the **pre-activation** block (ResNet v2), the **bottleneck** "
    "(ResNet-50 and deeper) and ResNeXt's **grouped-convolution** bottleneck. Every control in the "
    "sidebar is part of the address: copy it to share exactly what you see."
)

st.header("Residual learning")
left, right = st.columns(2)
with left:
    st.markdown(
        "Instead of learning a mapping $H(x)$ directly, a residual block learns the *residual* "
        "$F(x) = H(x) - x$ and adds its input back:"
    )
    st.latex(r"y = x + F(x)")
    st.markdown(
        "The skip path carries gradients straight through deep stacks, and a block that has nothing "
        "useful to add can learn $F(x) \\approx 0$ and pass its input on unchanged."
    )
with right:
    st.markdown("When the block changes the channel count or the resolution, the skip path must match it:")
    st.latex(r"y = W_s\,x + F(x)")
    st.markdown(
        "$W_s$ is a 1×1 convolution with the block's stride, followed by BN (the *projection shortcut*). "
        "All four blocks share this skeleton; they differ only in how $F(x)$ is built."
    )

st.header("The blocks compared")
cfg = view.cfg
if cfg is None:
    st.error(f"This combination is not valid: {view.error}.", icon="⚠️")
    st.stop()
st.caption(
    f"Parameters for the current settings: in_channels={cfg.in_channels}, planes={cfg.planes}, "
    f"stride={cfg.stride}, input {cfg.size}×{cfg.size}; the ResNeXt row uses groups={cfg.groups}, "
    f"base_width={cfg.base_width if cfg.entry.grouped else 4}."
)
rows = []
for name, entry in REGISTRY.items():
    try:
        other = cfg if entry.grouped and cfg.entry.grouped else cfg.replace(block=name)
        a = ui.cached_analysis(other)
        params, macs = f"{a.params:,}", units.count(a.macs, "MACs")
    except ValueError as exc:  # e.g. a bottleneck width that the current planes cannot give
        other, params, macs = None, "—", str(exc)
    link = ui.link_to("graph", **ui.config_params(other)) if other else ui.link_to("graph", block=name)
    current = " ← current" if name == cfg.block else ""
    rows.append(
        f"| **[{entry.title}]({link})**{current} | {entry.main_path} | {entry.purpose} | "
        f"{entry.key_difference} | {params} | {macs} |"
    )
st.markdown(
    "| Block | Main path | Purpose | Key difference | Parameters | Multiply-adds |\n"
    "|---|---|---|---|---:|---:|\n" + "\n".join(rows)
)
st.caption("Click a block's name to open its computation graph with these settings. "
           "MACs are multiply-adds (what torchvision and the ResNeXt paper call FLOPs).")

st.markdown(
    "- **Basic**: easy and solid.  \n"
    "- **Pre-activation**: the same skeleton, better optimisation.  \n"
    "- **Bottleneck**: make the 3×3 cheap.  \n"
    "- **ResNeXt**: split the 3×3 into groups and grow capacity with cardinality."
)

st.header("Which block when?")
st.markdown(
    "- **Basic block**: a strong baseline at small and medium depth (ResNet-18/34); easy to train.\n"
    "- **Pre-activation**: for very deep networks, where the clean identity path keeps training stable.\n"
    "- **Bottleneck**: the classic choice from 50 layers up; good compute efficiency.\n"
    "- **ResNeXt (grouped conv)**: when you want more capacity at the same budget. Raising cardinality "
    "is sometimes more efficient than raising width, but check how well the target hardware runs "
    "grouped convolutions: fewer multiply-adds do not always mean less time (see the Run page)."
)
st.caption("Source: the project's notes on ResNeXt blocks, sections 1, 6 and 9; He et al. 2016; Xie et al. 2017.")
