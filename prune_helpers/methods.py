"""The `torch.nn.utils.prune` calls the helpers can make, each with its source text.

Every helper that prunes goes through `apply_method`, which returns the exact
PyTorch call it made, so a learner always sees the real API, not a wrapper.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn
from torch.nn.utils import prune

from .messages import PruneHelperError
from .validate import check_amount, check_name


@dataclass(frozen=True)
class Method:
    call: str
    apply: Callable[[nn.Module, str, float | int], object]
    structured: bool = False


METHODS: dict[str, Method] = {
    "random_unstructured": Method(
        'prune.random_unstructured(module, name="{name}", amount={amount})',
        lambda m, n, a: prune.random_unstructured(m, name=n, amount=a),
    ),
    "l1_unstructured": Method(
        'prune.l1_unstructured(module, name="{name}", amount={amount})',
        lambda m, n, a: prune.l1_unstructured(m, name=n, amount=a),
    ),
    "random_structured": Method(
        'prune.random_structured(module, name="{name}", amount={amount}, dim=0)',
        lambda m, n, a: prune.random_structured(m, name=n, amount=a, dim=0),
        structured=True,
    ),
    "ln_structured": Method(
        'prune.ln_structured(module, name="{name}", amount={amount}, n=2, dim=0)',
        lambda m, n, a: prune.ln_structured(m, name=n, amount=a, n=2, dim=0),
        structured=True,
    ),
}


def check_method(method: str) -> Method:
    if method not in METHODS:
        raise PruneHelperError("error.unknown_method", value=method, choices=", ".join(METHODS))
    return METHODS[method]


def amount_text(amount: float | int) -> str:
    return str(amount) if isinstance(amount, int) else f"{amount:.2f}"


@contextmanager
def seeded(seed: int | None, device: torch.device):
    """Draw from a fixed seed inside the block, then restore the learner's random state.

    On the CPU only the CPU generator is saved and seeded: `torch.manual_seed`
    would also seed CUDA/MTIA/XPU lazily, formatting stack traces each time
    (about 0.8 ms, a sixth of a slider update).
    """
    if seed is None:
        yield
    elif device.type == "cpu":
        generator = torch.random.default_generator
        state = generator.get_state()
        generator.manual_seed(seed)
        try:
            yield
        finally:
            generator.set_state(state)
    else:
        with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
            torch.manual_seed(seed)
            yield


def apply_method(module: nn.Module, name: str, method: str, amount: float | int, seed: int | None = 0) -> str:
    """Prune `module.<name>` in place and return the PyTorch call that did it.

    Everything is checked before anything changes. With a seed, the random
    methods draw the same mask for the same amount every time, without
    disturbing the learner's own random sequence.
    """
    check_name(module, name)
    chosen = check_method(method)
    tensor = getattr(module, name)
    numel = tensor.shape[0] if chosen.structured else tensor.numel()
    amount = check_amount(amount, numel, name)
    with seeded(seed, tensor.device):
        chosen.apply(module, name, amount)
    return chosen.call.format(name=name, amount=amount_text(amount))


def pruned_copy(module: nn.Module, name: str, method: str, amount: float | int, seed: int | None = 0) -> tuple[nn.Module, str]:
    """A deep copy of an unpruned `module`, pruned once; the original is untouched."""
    fresh = copy.deepcopy(module)
    return fresh, apply_method(fresh, name, method, amount, seed=seed)


def remove_pruning(module: nn.Module, name: str = "weight") -> str:
    """`prune.remove` with a clear error when `name` was never pruned; returns the call."""
    check_name(module, name)
    if not prune.is_pruned(module) or not hasattr(module, name + "_mask"):
        raise PruneHelperError("error.not_pruned", module=type(module).__name__, name=name)
    prune.remove(module, name)
    return f'prune.remove(module, "{name}")'


def copy_model(model: nn.Module, example: torch.Tensor) -> nn.Module:
    """`copy.deepcopy` that also works right after pruning.

    A freshly pruned model's computed `weight` carries autograd history, which
    deepcopy refuses; one forward pass under no_grad recomputes it without.
    """
    if prune.is_pruned(model):
        with torch.no_grad():
            model(example)
    return copy.deepcopy(model)


def permanent_copy(model: nn.Module, example: torch.Tensor) -> nn.Module:
    """A copy of `model` with every pruning made permanent (`prune.remove`); `model` keeps its masks."""
    permanent = copy_model(model, example)
    for module in permanent.modules():
        for hook in [h for h in module._forward_pre_hooks.values() if isinstance(h, prune.BasePruningMethod)]:
            prune.remove(module, hook._tensor_name)
    return permanent
