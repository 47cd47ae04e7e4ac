"""A block's computation graph as plain data, and, apart from it, its picture as Graphviz DOT.

As in micrograd, extraction (``block_graph``, from the traced layers of ``analysis.analyze``) is kept
apart from drawing (``to_dot``); ``resblocks.drawing`` turns DOT into SVG or PNG with Graphviz's ``dot`` program.
``compare.compare`` lines up 2 to 4 blocks against the first and says, in sentences, what changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

from . import units
from .analysis import Layer, analyze
from .checks import shown, whole_number
from .config import LIMITS, MAX_TENSOR_ELEMENTS, BlockConfig, ConfigError, require_config

RANKDIRS = ("TB", "LR")

# The graph's own words, English by default. An app passes its translation with the same keys (and the same
# {fields}); "thousands" is the mark between a count's groups of three digits ("1,152 params").
LABELS: dict[str, str] = {
    "input": "input",
    "output": "output",
    "params": "{n} params",
    "identity": "identity",
    "main": "main path F(x)",
    "shortcut": "shortcut: {shortcut}",
    "projection": "{k}×{k} projection, stride {s}",
    "thousands": ",",
}

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
    shortcut_label: str  # "identity" or "1×1 projection, stride s" (in the words of ``labels``)
    labels: tuple[tuple[str, str], ...] = tuple(LABELS.items())  # the words it was drawn with (see LABELS)

    def node(self, node_id: str) -> GraphNode:
        """The node called ``node_id``; a ValueError names the ids that exist."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise ValueError(f"no node {shown(node_id)}; choose one of {', '.join(n.id for n in self.nodes)}")

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


def _shortcut_label(layers: tuple[Layer, ...], words: Mapping[str, str]) -> str:
    convs = [layer for layer in layers if layer.path == "shortcut" and layer.op == "conv"]
    if not convs:
        return words["identity"]
    conv = convs[0]
    return words["projection"].format(k=conv.kernel, s=conv.stride)


def _labels(labels: Mapping[str, str] | None) -> dict[str, str]:
    """LABELS with ``labels``' words in place of the English; an unknown key is refused."""
    if labels is None:
        return dict(LABELS)
    if not isinstance(labels, Mapping):
        raise TypeError(f"labels must map LABELS' keys to words, not {type(labels).__name__}; pass a dict")
    unknown = sorted(set(labels) - set(LABELS))
    if unknown:
        raise ValueError(f"labels has no key {', '.join(map(shown, unknown))}; use some of {', '.join(LABELS)}")
    return {**LABELS, **{key: str(value) for key, value in labels.items()}}


def block_graph(cfg: BlockConfig, labels: Mapping[str, str] | None = None) -> BlockGraph:
    """The computation graph of ``cfg``'s block: input, one node per traced layer, output; edges carry shapes.
    ``labels``: the graph's words in another language (keys of LABELS; English by default)."""
    words = _labels(labels)
    analysis = analyze(require_config(cfg, "block_graph"))
    layers = analysis.layers
    order = {layer.name: i for i, layer in enumerate(layers)}
    shapes = {"input": analysis.input_shape, **{layer.name: layer.output_shape for layer in layers}}
    shortcut_nodes = {layer.name for layer in layers if layer.path == "shortcut"}

    def params(n: int) -> str:
        return words["params"].format(n=f"{n:,}".replace(",", words["thousands"]))

    nodes = [GraphNode("input", f"{words['input']}\n{units.shape(analysis.input_shape)}", "input", "io", 0, False,
                       None)]
    edges: list[GraphEdge] = []
    for layer in layers:
        label = layer.description if layer.params == 0 else f"{layer.description}\n{params(layer.params)}"
        grouped = layer.op == "conv" and (layer.groups or 1) > 1
        nodes.append(GraphNode(layer.name, label, layer.op, layer.path, layer.params, grouped, layer.name))
        main_input = _main_input(layer, order) if layer.op == "add" else None
        for src in layer.inputs:
            shape = units.shape(shapes[src])
            if layer.name in shortcut_nodes or src in shortcut_nodes:
                edges.append(GraphEdge(src, layer.name, shape, "shortcut"))
            elif layer.op == "add" and src != main_input:
                edges.append(GraphEdge(src, layer.name, f"{words['identity']}\n{shape}", "identity"))
            else:
                edges.append(GraphEdge(src, layer.name, shape, "main"))
    last = layers[-1]
    nodes.append(GraphNode("output", f"{words['output']}\n{units.shape(last.output_shape)}", "output", "io", 0, False,
                           None))
    edges.append(GraphEdge(last.name, "output", units.shape(last.output_shape), "main"))
    return BlockGraph(cfg, tuple(nodes), tuple(edges), _shortcut_label(layers, words), tuple(words.items()))


def dot_string(text: str) -> str:
    """``text`` as a double-quoted DOT string: backslashes and quotes escaped, line breaks as ``\\n``."""
    if not isinstance(text, str):
        raise TypeError(f"dot_string needs text, not {type(text).__name__}; pass str(value)")
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
    if not isinstance(graph, BlockGraph):
        raise TypeError(f"to_dot needs a BlockGraph, not {type(graph).__name__}; make one with block_graph(cfg)")
    if not isinstance(highlight, (set, frozenset)):
        raise TypeError(f"highlight must be a set of node ids, not {type(highlight).__name__}; pass frozenset(...)")
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir={shown(rankdir)} is not a layout direction; choose TB (top to bottom) or LR (left to right)")
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

    words = dict(graph.labels)
    lines.append("  subgraph cluster_main {")
    lines.append(f"    graph {_attrs(label=words['main'], style='rounded', color='#adb5bd')};")
    lines += [f"    {_node_line(n, highlight)}" for n in branch]
    lines.append("  }")
    if shortcut:
        lines.append("  subgraph cluster_shortcut {")
        heading = words["shortcut"].format(shortcut=graph.shortcut_label)
        style = _attrs(label=heading, style="dashed,rounded", color=SHORTCUT_COLOR)
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


# Drawing needs no tensors ----------------------------------------------------------------------------------------

def largest_activation(cfg: BlockConfig) -> int:
    """Values in the block's largest tensor, as BlockConfig's limit counts them: batch × widest channels × size²."""
    require_config(cfg, "largest_activation")
    return cfg.batch * max(cfg.in_channels, cfg.width, cfg.out_channels) * cfg.size * cfg.size


def oversized(cfg: BlockConfig) -> bool:
    """Whether ``cfg`` holds more than MAX_TENSOR_ELEMENTS in one activation: made by ``drawable`` alone."""
    return largest_activation(cfg) > MAX_TENSOR_ELEMENTS


def _with_input(cfg: BlockConfig, batch: int, size: int) -> BlockConfig:
    """``cfg`` on a batch × size × size input, made without BlockConfig's checks (the caller has done them)."""
    made = object.__new__(BlockConfig)
    for field in fields(BlockConfig):
        object.__setattr__(made, field.name, getattr(cfg, field.name))
    object.__setattr__(made, "batch", batch)
    object.__setattr__(made, "size", size)
    return made


def drawable(values: Mapping[str, object]) -> BlockConfig:
    """The BlockConfig of ``values`` (its fields), checked as BlockConfig checks it except for the limit on the
    largest activation (MAX_TENSOR_ELEMENTS): that limit guards the pages that allocate tensors, and a graph and
    its analysis need only meta tensors. Any other fault raises BlockConfig's own ConfigError.

    A config above the limit (``oversized``) is for drawing and analysis only: never build and run it."""
    if not isinstance(values, Mapping):
        raise TypeError(f"drawable needs BlockConfig's fields as a dict, not {type(values).__name__}")
    try:
        return BlockConfig(**values)
    except ConfigError as exc:
        refused = exc
    batch, size, stride = values.get("batch", 1), values.get("size", 56), values.get("stride", 1)
    try:
        whole_number("batch", batch, *LIMITS["batch"])
        whole_number("size", size, *LIMITS["size"])
        small = BlockConfig(**{**values, "batch": 1, "size": stride})  # the same block on its smallest input
    except (ConfigError, TypeError, ValueError):
        raise refused from None
    if stride > size or largest_activation(_with_input(small, batch, size)) <= MAX_TENSOR_ELEMENTS:
        raise refused  # a fault of its own, not the activation limit
    return _with_input(small, batch, size)


def drawable_replace(cfg: BlockConfig, **changes: object) -> BlockConfig:
    """``cfg.replace(**changes)`` for a config from ``drawable``: the same input, the limit left out likewise."""
    require_config(cfg, "drawable_replace")
    small = _with_input(cfg, 1, cfg.stride).replace(**changes)
    return drawable({**small.as_dict(), "batch": cfg.batch, "size": cfg.size})
