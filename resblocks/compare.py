"""Blocks side by side: 2 to 4 blocks lined up against the first, the nodes that differ (to highlight in
their graphs) and the differences in sentences."""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import Layer, analyze
from .checks import Message
from .config import BlockConfig, require_config


@dataclass(frozen=True)
class Comparison:
    """One block against the first of a comparison: what to highlight, and the differences in words."""

    config: BlockConfig
    highlight: frozenset[str]  # node ids (layer names, or "output") that differ from the first block
    differences: tuple[str, ...]  # sentences (checks.Message: an app can say them in another language)
    params: int
    macs: int

    def as_dict(self) -> dict:
        return {
            "config": self.config.as_dict(),
            "label": self.config.label,
            "highlight": sorted(self.highlight),
            "differences": list(self.differences),
            "params": self.params,
            "macs": self.macs,
        }


@dataclass(frozen=True)
class _Shape:
    """What compare reads off a block's layer sequence."""

    preactivated: bool  # the main path starts with BN, not with a conv
    kernels: tuple[int, ...]  # the main path's conv kernels, in order
    groups: int  # of the 3×3 (the largest among the main path's convs)
    depthwise: bool
    width: int  # channels into the 3×3
    stride: int
    out_channels: int
    projection: tuple[int, int] | None  # (kernel, stride) of the projection; None for the identity
    projection_reads_input: bool
    projection_bn: bool  # a BN follows the projection's conv (the notes; He et al. 2016b have none)
    stride_on_1x1: bool  # the block's stride sits on the first 1×1 (He et al. 2016a), not the 3×3
    after_add: tuple[str, ...]  # the ops after the addition
    keys: dict[str, tuple]  # layer name -> what it is and what feeds it, free of its name


def _key(layer: Layer, ops: dict[str, str]) -> tuple:
    """A layer as (op and settings, path, the ops that feed it): equal keys mean the same place in a block."""
    fed_by = tuple(sorted(ops[name] for name in layer.inputs))
    settings: tuple = (layer.kernel, layer.stride, layer.groups, layer.in_channels, layer.out_channels)
    return (layer.op, settings if layer.op == "conv" else (), layer.path, fed_by)


def _shape(cfg: BlockConfig) -> _Shape:
    layers = analyze(cfg).layers
    add = next(i for i, layer in enumerate(layers) if layer.op == "add")
    branch = [layer for layer in layers[:add] if layer.path == "main"]
    convs = [layer for layer in branch if layer.op == "conv"]
    grouped = max(convs, key=lambda layer: (layer.groups or 1, layer.kernel or 0))
    shortcut = [layer for layer in layers if layer.path == "shortcut"]
    ops = {"input": "input", **{layer.name: layer.op for layer in layers}}
    keys = {layer.name: _key(layer, ops) for layer in layers}
    keys["output"] = ("output", (), "io", (layers[-1].op,))
    return _Shape(
        preactivated=branch[0].op == "bn",
        kernels=tuple(layer.kernel or 0 for layer in convs),
        groups=grouped.groups or 1,
        depthwise=(grouped.groups or 1) > 1 and grouped.groups == grouped.in_channels,
        width=next((layer.in_channels for layer in convs if layer.kernel == 3), convs[0].in_channels),
        stride=max(layer.stride or 1 for layer in convs),
        out_channels=layers[-1].out_channels,
        projection=(shortcut[0].kernel or 1, shortcut[0].stride or 1) if shortcut else None,
        projection_reads_input=bool(shortcut) and shortcut[0].inputs == ("input",),
        projection_bn=any(layer.op == "bn" for layer in shortcut),
        stride_on_1x1=convs[0].kernel == 1 and (convs[0].stride or 1) > 1,
        after_add=tuple(layer.op for layer in layers[add + 1 :]),
        keys=keys,
    )


def _grouping(s: _Shape) -> Message:
    if s.groups == 1:
        return Message("dense (g={g})", g=1)
    return Message("depthwise (g={g})", g=s.groups) if s.depthwise else Message("grouped (g={g})", g=s.groups)


def _differences(s: _Shape, ref: _Shape, cfg: BlockConfig, ref_cfg: BlockConfig) -> list[Message]:
    """The differences as sentences; a value that is itself a Message (a 3×3's grouping, a total) is one more
    sentence for an app to translate."""
    out: list[Message] = []
    if s.preactivated and not ref.preactivated:
        out.append(Message("BN and ReLU move before the convs (pre-activation)"))
    elif ref.preactivated and not s.preactivated:
        out.append(Message("BN and ReLU come after the convs (post-activation, the original order)"))
    if s.kernels != ref.kernels:
        path = " → ".join(f"{k}×{k}" for k in s.kernels)
        ref_path = " → ".join(f"{k}×{k}" for k in ref.kernels)
        out.append(Message("the main path is {path} instead of {ref_path}", path=path, ref_path=ref_path))
    if s.groups != ref.groups or s.depthwise != ref.depthwise:
        if ref.groups == 1:
            out.append(Message("the 3×3 is {grouping}", grouping=_grouping(s)))
        else:
            out.append(Message("the 3×3 is {grouping} instead of {ref_grouping}", grouping=_grouping(s),
                               ref_grouping=_grouping(ref)))
    if s.width != ref.width:
        out.append(Message("the 3×3 runs on {w} channels instead of {ref_w}", w=s.width, ref_w=ref.width))
    if s.stride != ref.stride:
        out.append(Message("the main path has stride {s} instead of {ref_s}", s=s.stride, ref_s=ref.stride))
    if s.out_channels != ref.out_channels:
        out.append(Message("the block outputs {c} channels instead of {ref_c}", c=s.out_channels,
                           ref_c=ref.out_channels))
    if s.projection and not ref.projection:
        kernel, stride = s.projection
        if s.projection_reads_input:
            out.append(Message("adds a {k}×{k} projection shortcut (stride {s})", k=kernel, s=stride))
        else:
            out.append(Message("adds a {k}×{k} projection shortcut (stride {s}), reading the pre-activated input",
                               k=kernel, s=stride))
    elif ref.projection and not s.projection:
        out.append(Message("the shortcut is the identity (no projection)"))
    elif s.projection and ref.projection and s.projection != ref.projection:
        out.append(Message("the projection shortcut has stride {s} instead of {ref_s}", s=s.projection[1],
                           ref_s=ref.projection[1]))
    if s.projection and ref.projection and s.projection_reads_input != ref.projection_reads_input:
        out.append(
            Message("the projection reads the block's input")
            if s.projection_reads_input
            else Message("the projection reads the pre-activated input (after BN and ReLU)")
        )
    if s.projection and ref.projection and s.projection_bn != ref.projection_bn:
        out.append(Message("a BN follows the projection's 1×1 conv (as in the notes)") if s.projection_bn
                   else Message("the projection is a bare 1×1 conv, no BN (as in He et al. 2016b)"))
    if s.stride_on_1x1 != ref.stride_on_1x1:
        out.append(Message("the stride sits on the first 1×1 (He et al. 2016a), not the 3×3") if s.stride_on_1x1
                   else Message("the stride sits on the 3×3 (torchvision, v1.5), not the first 1×1"))
    if "relu" in ref.after_add and "relu" not in s.after_add:
        out.append(Message("no ReLU after the addition"))
    elif "relu" in s.after_add and "relu" not in ref.after_add:
        out.append(Message("a ReLU follows the addition"))
    new, old = analyze(cfg), analyze(ref_cfg)
    if (new.params, new.macs) != (old.params, old.macs):
        out.append(Message("{params}; {macs}", params=_total("params", new.params, old.params),
                           macs=_total("MACs", new.macs, old.macs)))
    return out


def _total(unit: str, new: int, old: int) -> Message:
    """One total against the first block's: "63,488 params (-3.1% on 65,536)"; ``unit`` is params or MACs."""
    if new == old:
        return Message(f"the same {unit} ({{new:,}})", new=new)
    if not old:
        return Message(f"{{new:,}} {unit}", new=new)
    return Message(f"{{new:,}} {unit} ({{change:+.1%}} on {{old:,}})", new=new, change=new / old - 1, old=old)


def compare(cfgs: list[BlockConfig]) -> list[Comparison]:
    """Each of 2 to 4 blocks against the first: the nodes to highlight as different, and the differences.

    A node is different when no node of the first block has the same op, settings, path and feeding ops.
    The first block is the reference: it highlights nothing and lists no differences.
    """
    if not isinstance(cfgs, (list, tuple)):
        raise TypeError(f"compare needs a list of 2 to 4 BlockConfigs, not {type(cfgs).__name__}; pass [cfg, other]")
    if not 2 <= len(cfgs) <= 4:
        raise ValueError(f"compare needs 2 to 4 blocks, not {len(cfgs)}; choose between 2 and 4 blocks")
    for cfg in cfgs:
        require_config(cfg, "compare")
    ref_cfg = cfgs[0]
    ref = _shape(ref_cfg)
    ref_keys = set(ref.keys.values())
    result = []
    for i, cfg in enumerate(cfgs):
        s = _shape(cfg)
        analysis = analyze(cfg)
        if i == 0:
            highlight: frozenset[str] = frozenset()
            differences: tuple[str, ...] = ()
        else:
            highlight = frozenset(name for name, key in s.keys.items() if key not in ref_keys)
            differences = tuple(_differences(s, ref, cfg, ref_cfg)) or (Message("the same block as the first"),)
        result.append(Comparison(cfg, highlight, differences, analysis.params, analysis.macs))
    return result
