"""The `torch.nn.utils.prune` calls the helpers can make, each with its source text.

Every helper that prunes goes through `apply_method`, which returns the exact
PyTorch call it made, so a learner always sees the real API, not a wrapper.
"""

from __future__ import annotations

import copy
import numbers
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn
from torch.nn.utils import prune

from .messages import PruneHelperError
from .validate import check_amount, check_float_weight, check_module, check_name, check_seed


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
    if not isinstance(method, str) or method not in METHODS:
        raise PruneHelperError("error.unknown_method", value=method, choices=", ".join(METHODS))
    return METHODS[method]


def amount_text(amount: float | int) -> str:
    return str(amount) if isinstance(amount, int) else f"{amount:.2f}"


def draw_seed(seed: int) -> int:
    """The generator seed a helper `seed` stands for: a fixed number in [2**31, 2**32).

    Seeding the generator with the helper's `seed=0` itself would repeat the
    draws of a learner's `torch.manual_seed(0)`: a layer built right after it
    got its weights from those very numbers, so `rand_like` ranked the
    weights by value and "random" pruning kept only the negative ones. The
    CPU generator (mt19937) uses only the low 32 bits of a seed, so the
    result is mixed (splitmix64) and its low 32 bits are ≥ 2**31: it never
    equals a seed a learner types (0, 42, 1234, ...), and the same `seed`
    always gives the same mask.
    """
    x = (int(seed) + 0x9E3779B97F4A7C15) % 2**64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) % 2**64
    x ^= x >> 31
    return 0x8000_0000 | (x & 0x7FFF_FFFF)


@contextmanager
def seeded(seed: int | None, device: torch.device):
    """Draw from `draw_seed(seed)` inside the block, then restore the learner's random state.

    On the CPU only the CPU generator is saved and seeded: `torch.manual_seed`
    would also seed CUDA/MTIA/XPU lazily, formatting stack traces each time
    (about 0.8 ms, a sixth of a slider update).
    """
    if seed is None:
        yield
    elif device.type == "cpu":
        generator = torch.random.default_generator
        state = generator.get_state()
        generator.manual_seed(draw_seed(seed))
        try:
            yield
        finally:
            generator.set_state(state)
    else:
        with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
            torch.manual_seed(draw_seed(seed))
            yield


def pruning_hook(module: nn.Module, name: str) -> prune.BasePruningMethod | None:
    """The pruning hook (a method or a PruningContainer) that computes `module.<name>`, if any."""
    return next((h for h in module._forward_pre_hooks.values()
                 if isinstance(h, prune.BasePruningMethod) and h._tensor_name == name), None)


def remaining_units(module: nn.Module, name: str, structured: bool) -> tuple[int, bool]:
    """(what a new amount applies to, already pruned?).

    A second `prune.*` call on the same tensor only sees what is left:
    PyTorch's PruningContainer counts the mask's 1s (unstructured) or the
    slices along dim 0 with any 1 left (structured). Checking a count
    against the full size instead let PyTorch fail *after* it had taken the
    old hook off, leaving the layer unpruned with stale buffers.
    """
    mask = module._buffers.get(name + "_mask") if pruning_hook(module, name) is not None else None
    tensor = getattr(module, name)
    if mask is None:
        return (tensor.shape[0] if structured else tensor.numel()), False
    if structured:
        return int(mask.reshape(mask.shape[0], -1).ne(0).any(dim=1).sum()), True
    return int((mask == 1).sum()), True


def apply_method(module: nn.Module, name: str, method: str, amount: float | int, seed: int | None = 0) -> str:
    """Prune `module.<name>` in place and return the PyTorch call that did it.

    Everything is checked before anything changes, against what is still
    unpruned when the tensor was pruned before. With a seed, the random
    methods draw the same mask for the same amount every time, independent
    of the weights and without disturbing the learner's own random sequence.
    """
    check_name(module, name)
    chosen = check_method(method)
    seed = check_seed(seed)
    tensor = check_float_weight(getattr(module, name), name)
    if chosen.structured and tensor.dim() < 2:
        raise PruneHelperError("error.structured_needs_2d", method=method, name=name, shape=list(tensor.shape))
    units, pruned = remaining_units(module, name, chosen.structured)
    if pruned and isinstance(amount, numbers.Integral) and not isinstance(amount, bool) and not 0 <= amount <= units:
        raise PruneHelperError("error.amount_remaining", value=amount, name=name, remaining=units)
    amount = check_amount(amount, units, name)
    with seeded(seed, tensor.device):
        chosen.apply(module, name, amount)
    return chosen.call.format(name=name, amount=amount_text(amount))


def pruned_copy(module: nn.Module, name: str, method: str, amount: float | int, seed: int | None = 0) -> tuple[nn.Module, str]:
    """A deep copy of `module` (pruned or not), pruned once more; the original is untouched."""
    check_name(module, name)
    fresh = copy_model(module)
    return fresh, apply_method(fresh, name, method, amount, seed=seed)


def remove_pruning(module: nn.Module, name: str = "weight") -> str:
    """`prune.remove` with a clear error when `name` was never pruned; returns the call."""
    check_name(module, name)
    if pruning_hook(module, name) is None or not hasattr(module, name + "_mask"):
        raise PruneHelperError("error.not_pruned", module=type(module).__name__, name=name)
    prune.remove(module, name)
    return f'prune.remove(module, "{name}")'


def copy_model(model: nn.Module, example: torch.Tensor | None = None) -> nn.Module:
    """`copy.deepcopy` that also works right after pruning; `model` is not touched.

    A freshly pruned model's computed `weight` carries autograd history, which
    deepcopy refuses. The copy gets a detached clone of each such tensor
    instead (its own hook recomputes it on its first forward). Running a
    forward pass to refresh them, as before, would update a BatchNorm's
    running statistics in training mode. `example` is no longer needed.
    """
    check_module(model)
    memo = {}
    for module in model.modules():
        for value in vars(module).values():
            if isinstance(value, torch.Tensor) and value.grad_fn is not None:
                memo[id(value)] = value.detach().clone()
    return copy.deepcopy(model, memo)


def permanent_copy(model: nn.Module, example: torch.Tensor | None = None) -> nn.Module:
    """A copy of `model` with every pruning made permanent (`prune.remove`); `model` keeps its masks."""
    permanent = copy_model(model)
    for module in permanent.modules():
        for hook in [h for h in module._forward_pre_hooks.values() if isinstance(h, prune.BasePruningMethod)]:
            prune.remove(module, hook._tensor_name)
    return permanent
