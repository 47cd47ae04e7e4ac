"""torchvision's ResNet weights into this project's networks (``networks.build_network``).

The two layouts hold the same tensors under different names. torchvision's ``models/resnet.py`` names
the stem ``conv1``, ``bn1`` (then ``relu``, ``maxpool``) at the top of the model, the stages
``layer1``..``layer4``, each block's layers ``conv1``, ``bn1``, ``conv2``, ``bn2`` (``conv3``, ``bn3`` in a
bottleneck) and its projection shortcut ``downsample.0`` (1×1 conv) and ``downsample.1`` (BN), and the
classifier ``fc``. Here the stem is the ``stem`` Sequential (``stem.conv1``, ``stem.bn1``) and the shortcut is
``shortcut``; everything else, every parameter and BN buffer included, has the same name and shape.
Activations hold no tensors, so their names (``relu`` there, ``act1``.. here) never appear in a state dict.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import nn

_STEM = ("conv1.", "bn1.")  # top-level keys of torchvision's stem
SHOWN = 8  # names listed in an error before "and N more"


def from_torchvision_key(key: str) -> str:
    """The name this project gives torchvision's state-dict key ``key``.

    ``conv1.weight`` → ``stem.conv1.weight``, ``bn1.running_mean`` → ``stem.bn1.running_mean``,
    ``layer2.0.downsample.1.weight`` → ``layer2.0.shortcut.1.weight``; other keys are unchanged.
    """
    if not isinstance(key, str):
        raise TypeError(f"a state-dict key must be a string, not {type(key).__name__}")
    if key.startswith(_STEM):
        return "stem." + key
    return key.replace(".downsample.", ".shortcut.")


def _listed(names: list[str]) -> str:
    text = ", ".join(names[:SHOWN])
    return text + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def load_torchvision_state_dict(net: nn.Module, state_dict: Mapping[str, torch.Tensor]) -> nn.Module:
    """Load a torchvision ResNet/ResNeXt/Wide ResNet state dict into ``net`` (built by ``build_network``).

    Keys are renamed with ``from_torchvision_key``; every key must then match one of ``net``'s, with the
    same shape, or a ValueError names the unexpected, missing and mis-shaped keys (build the network
    that matches the weights: resnet50 weights into ``build_network("resnet50")``). Returns ``net``.
    """
    if not isinstance(net, nn.Module):
        raise TypeError(f"load_torchvision_state_dict needs the network (an nn.Module), not {type(net).__name__}")
    if not isinstance(state_dict, Mapping):
        raise TypeError(
            f"load_torchvision_state_dict needs a state dict (a mapping of names to tensors), not "
            f"{type(state_dict).__name__}; pass model.state_dict() or torch.load(path)"
        )
    renamed = {from_torchvision_key(key): value for key, value in state_dict.items()}
    own = net.state_dict()
    unexpected = [key for key in state_dict if from_torchvision_key(key) not in own]
    missing = [key for key in own if key not in renamed]
    shapes = [
        f"{key} {tuple(renamed[key].shape)} (the network has {tuple(own[key].shape)})"
        for key in own
        if key in renamed and tuple(getattr(renamed[key], "shape", ())) != tuple(own[key].shape)
    ]
    problems = []
    if unexpected:
        problems.append(f"unexpected keys {_listed(unexpected)}")
    if missing:
        problems.append(f"missing keys {_listed(missing)}")
    if shapes:
        problems.append(f"keys of another shape {_listed(shapes)}")
    if problems:
        raise ValueError(
            "these weights do not fit the network: " + "; ".join(problems)
            + "; build the network the weights were trained as (e.g. resnet50 weights into "
            "build_network('resnet50')) and pass torchvision's own state dict"
        )
    net.load_state_dict(renamed)
    return net
