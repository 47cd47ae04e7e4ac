"""A block's computation graph as plain data, and, apart from it, its picture as Graphviz DOT.

As in micrograd, extraction (``block_graph``, from the traced layers of ``analysis.analyze``) is kept
apart from drawing (``to_dot``); ``resblocks.drawing`` turns DOT into SVG or PNG with Graphviz's ``dot`` program.
``compare`` lines up 2 to 4 blocks against the first and says, in sentences, what changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from . import units
from .analysis import Layer, analyze
from .config import BlockConfig

RANKDIRS = ("TB", "LR")

# Fill colours by op; a grouped conv gets its own fill and a bold border, compared nodes the highlight.
FILL = {
    "input": "#e9ecef",
    "output": "#e9ecef",
    "conv": "#d0ebff",
    "bn": "#fff3bf",
    "relu": "#d3f9d8",
    "add": "#ffffff",
}
GROUPED_FILL = "#ffd8a8"
HIGHLIGHT_FILL = "#ffc9c9"
HIGHLIGHT_BORDER = "#e03131"
SHORTCUT_COLOR = "#7048e8"


@dataclass(frozen=True)
class GraphNode:
    id: str  # the layer name, or "input" / "output"
    label: str  # multi-line text: the op with its settings, then the parameter count for weighted nodes
    op: str  # input | output | conv | bn | relu | add
    path: str  # main | shortcut | io
    params: int
    grouped: bool  # a conv with groups > 1
    layer: str | None  # the analysis layer's name; None for input and output


@dataclass(frozen=True)
class GraphEdge:
    src: str
    dst: str
    label: str  # the tensor's shape, e.g. "1×128×56×56" (prefixed "identity" on an identity shortcut)
    path: str  # main | shortcut | identity


@dataclass(frozen=True)
class BlockGraph:
    config: BlockConfig
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    shortcut_label: str  # "identity" or "1×1 projection, stride s"

    def node(self, node_id: str) -> GraphNode:
        """The node called ``node_id``; a KeyError names the ids that exist."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(f"no node {node_id!r}; the graph has {', '.join(n.id for n in self.nodes)}")

    def as_dict(self) -> dict:
        return {
            "config": self.config.as_dict(),
            "nodes": [asdict(n) for n in self.nodes],
            "edges": [asdict(e) for e in self.edges],
            "shortcut_label": self.shortcut_label,
        }


def _main_input(layer: Layer, order: dict[str, int]) -> str:
    """Of an addition's inputs, the one from the main path: the latest non-shortcut layer that feeds it."""
    main = [name for name in layer.inputs if not name.startswith("shortcut")]
    return max(main, key=lambda name: order.get(name, -1))


def _shortcut_label(layers: tuple[Layer, ...]) -> str:
    convs = [layer for layer in layers if layer.path == "shortcut" and layer.op == "conv"]
    if not convs:
        return "identity"
    conv = convs[0]
    return f"{conv.kernel}×{conv.kernel} projection, stride {conv.stride}"


def block_graph(cfg: BlockConfig) -> BlockGraph:
    """The computation graph of ``cfg``'s block: input, one node per traced layer, output; edges carry shapes."""
    analysis = analyze(cfg)
    layers = analysis.layers
    order = {layer.name: i for i, layer in enumerate(layers)}
    shapes = {"input": analysis.input_shape, **{layer.name: layer.output_shape for layer in layers}}
    shortcut_nodes = {layer.name for layer in layers if layer.path == "shortcut"}

    nodes = [GraphNode("input", f"input\n{units.shape(analysis.input_shape)}", "input", "io", 0, False, None)]
    edges: list[GraphEdge] = []
    for layer in layers:
        label = layer.description if layer.params == 0 else f"{layer.description}\n{layer.params:,} params"
        grouped = layer.op == "conv" and (layer.groups or 1) > 1
        nodes.append(GraphNode(layer.name, label, layer.op, layer.path, layer.params, grouped, layer.name))
        main_input = _main_input(layer, order) if layer.op == "add" else None
        for src in layer.inputs:
            shape = units.shape(shapes[src])
            if layer.name in shortcut_nodes or src in shortcut_nodes:
                edges.append(GraphEdge(src, layer.name, shape, "shortcut"))
            elif layer.op == "add" and src != main_input:
                edges.append(GraphEdge(src, layer.name, f"identity\n{shape}", "identity"))
            else:
                edges.append(GraphEdge(src, layer.name, shape, "main"))
    last = layers[-1]
    nodes.append(GraphNode("output", f"output\n{units.shape(last.output_shape)}", "output", "io", 0, False, None))
    edges.append(GraphEdge(last.name, "output", units.shape(last.output_shape), "main"))
    return BlockGraph(cfg, tuple(nodes), tuple(edges), _shortcut_label(layers))


def dot_string(text: str) -> str:
    """``text`` as a double-quoted DOT string: backslashes and quotes escaped, line breaks as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _attrs(**attrs: str | float) -> str:
    return "[" + ", ".join(f"{key}={dot_string(str(value))}" for key, value in attrs.items()) + "]"


def _node_line(node: GraphNode, highlight: frozenset[str]) -> str:
    attrs: dict[str, str | float] = {"label": node.label, "fillcolor": FILL[node.op]}
    if node.op in ("input", "output"):
        attrs["shape"] = "ellipse"
    elif node.op == "add":
        attrs["shape"] = "circle"
    if node.grouped:
        attrs.update(fillcolor=GROUPED_FILL, penwidth=2.5, fontname="Helvetica-Bold")
    if node.id in highlight:
        attrs.update(fillcolor=HIGHLIGHT_FILL, color=HIGHLIGHT_BORDER, penwidth=2.5)
    return f"{dot_string(node.id)} {_attrs(**attrs)};"


def to_dot(
    graph: BlockGraph, rankdir: str = "TB", highlight: frozenset[str] = frozenset(), title: str | None = None
) -> str:
    """Graphviz DOT for ``graph``: the main path and the shortcut in separate clusters, the grouped conv
    in its own colour with a bold border, the nodes named in ``highlight`` in the highlight colour, and
    every edge labelled with its tensor's shape."""
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir={rankdir!r} is not a layout direction; choose TB (top to bottom) or LR (left to right)")
    title = graph.config.label if title is None else title
    lines = [
        "digraph block {",
        f"  graph {_attrs(rankdir=rankdir, label=title, labelloc='t', fontname='Helvetica', nodesep=0.4)};",
        f"  node {_attrs(shape='box', style='rounded,filled', fontname='Helvetica', fontsize=11)};",
        f"  edge {_attrs(fontname='Helvetica', fontsize=9, color='#495057')};",
    ]
    adds = [i for i, n in enumerate(graph.nodes) if n.op == "add"]
    first_add = adds[0] if adds else len(graph.nodes)
    branch = [n for i, n in enumerate(graph.nodes) if n.path == "main" and i < first_add]
    shortcut = [n for n in graph.nodes if n.path == "shortcut"]
    rest = [n for n in graph.nodes if n not in branch and n not in shortcut]

    lines.append("  subgraph cluster_main {")
    lines.append(f"    graph {_attrs(label='main path F(x)', style='rounded', color='#adb5bd')};")
    lines += [f"    {_node_line(n, highlight)}" for n in branch]
    lines.append("  }")
    if shortcut:
        lines.append("  subgraph cluster_shortcut {")
        style = _attrs(label=f"shortcut: {graph.shortcut_label}", style="dashed,rounded", color=SHORTCUT_COLOR)
        lines.append(f"    graph {style};")
        lines += [f"    {_node_line(n, highlight)}" for n in shortcut]
        lines.append("  }")
    lines += [f"  {_node_line(n, highlight)}" for n in rest]

    for e in graph.edges:
        attrs: dict[str, str | float] = {"label": e.label}
        if e.path == "identity":
            attrs.update(style="dashed", color=SHORTCUT_COLOR, fontcolor=SHORTCUT_COLOR, penwidth=1.5)
        elif e.path == "shortcut":
            attrs.update(color=SHORTCUT_COLOR, fontcolor=SHORTCUT_COLOR)
        lines.append(f"  {dot_string(e.src)} -> {dot_string(e.dst)} {_attrs(**attrs)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# Comparing blocks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """One block against the first of a comparison: what to highlight, and the differences in words."""

    config: BlockConfig
    highlight: frozenset[str]  # node ids (layer names, or "output") that differ from the first block
    differences: tuple[str, ...]
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
        after_add=tuple(layer.op for layer in layers[add + 1 :]),
        keys=keys,
    )


def _grouping(s: _Shape) -> str:
    if s.groups == 1:
        return "dense (g=1)"
    return f"depthwise (g={s.groups})" if s.depthwise else f"grouped (g={s.groups})"


def _differences(s: _Shape, ref: _Shape, cfg: BlockConfig, ref_cfg: BlockConfig) -> list[str]:
    out: list[str] = []
    if s.preactivated and not ref.preactivated:
        out.append("BN and ReLU move before the convs (pre-activation)")
    elif ref.preactivated and not s.preactivated:
        out.append("BN and ReLU come after the convs (post-activation, the original order)")
    if s.kernels != ref.kernels:
        path = " → ".join(f"{k}×{k}" for k in s.kernels)
        ref_path = " → ".join(f"{k}×{k}" for k in ref.kernels)
        out.append(f"the main path is {path} instead of {ref_path}")
    if s.groups != ref.groups or s.depthwise != ref.depthwise:
        if ref.groups == 1:
            out.append(f"the 3×3 is {_grouping(s)}")
        else:
            out.append(f"the 3×3 is {_grouping(s)} instead of {_grouping(ref)}")
    if s.width != ref.width:
        out.append(f"the 3×3 runs on {s.width} channels instead of {ref.width}")
    if s.stride != ref.stride:
        out.append(f"the main path has stride {s.stride} instead of {ref.stride}")
    if s.out_channels != ref.out_channels:
        out.append(f"the block outputs {s.out_channels} channels instead of {ref.out_channels}")
    if s.projection and not ref.projection:
        kernel, stride = s.projection
        reads = "" if s.projection_reads_input else ", reading the pre-activated input"
        out.append(f"adds a {kernel}×{kernel} projection shortcut (stride {stride}){reads}")
    elif ref.projection and not s.projection:
        out.append("the shortcut is the identity (no projection)")
    elif s.projection and ref.projection and s.projection != ref.projection:
        out.append(f"the projection shortcut has stride {s.projection[1]} instead of {ref.projection[1]}")
    if s.projection and ref.projection and s.projection_reads_input != ref.projection_reads_input:
        out.append(
            "the projection reads the block's input"
            if s.projection_reads_input
            else "the projection reads the pre-activated input (after BN and ReLU)"
        )
    if "relu" in ref.after_add and "relu" not in s.after_add:
        out.append("no ReLU after the addition")
    elif "relu" in s.after_add and "relu" not in ref.after_add:
        out.append("a ReLU follows the addition")
    new, old = analyze(cfg), analyze(ref_cfg)
    if (new.params, new.macs) != (old.params, old.macs):
        totals = (("params", new.params, old.params), ("MACs", new.macs, old.macs))
        out.append("; ".join(_total(unit, a, b) for unit, a, b in totals))
    return out


def _total(unit: str, new: int, old: int) -> str:
    if new == old:
        return f"the same {unit} ({new:,})"
    return f"{new:,} {unit} ({new / old - 1:+.1%} on {old:,})" if old else f"{new:,} {unit}"


def compare(cfgs: list[BlockConfig]) -> list[Comparison]:
    """Each of 2 to 4 blocks against the first: the nodes to highlight as different, and the differences.

    A node is different when no node of the first block has the same op, settings, path and feeding ops.
    The first block is the reference: it highlights nothing and lists no differences.
    """
    if not 2 <= len(cfgs) <= 4:
        raise ValueError(f"compare needs 2 to 4 blocks, not {len(cfgs)}; choose between 2 and 4 blocks")
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
            differences = tuple(_differences(s, ref, cfg, ref_cfg)) or ("the same block as the first",)
        result.append(Comparison(cfg, highlight, differences, analysis.params, analysis.macs))
    return result
