"""Input checks that run before any helper touches a module.

Each check raises one catalog error that says what to do, so a learner's typo
never leaves a half-pruned layer behind.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .messages import PruneHelperError


def _kind(value) -> str:
    return type(value).__name__


def check_module(module) -> nn.Module:
    """An nn.Module whose tensors hold values: not lazy (sizes unknown) and not on 'meta' (no values at all).

    Every helper starts here, so a model that no helper could compute with
    is refused before anything happens: a lazy layer would otherwise be
    built, and draw from the random generator, inside the first forward.
    """
    if not isinstance(module, nn.Module):
        raise PruneHelperError("error.not_module", kind=_kind(module))
    from torch.nn.parameter import is_lazy

    for name, tensor in [*module.named_parameters(), *module.named_buffers()]:
        if is_lazy(tensor):
            raise PruneHelperError("error.lazy_module", module=type(module).__name__)
        if tensor.is_meta:
            raise PruneHelperError("error.meta_tensor", what=name)
    return module


def check_tensor(tensor) -> torch.Tensor:
    """A tensor with values in the ordinary (strided) layout: what counting, drawing and packing read."""
    if not isinstance(tensor, torch.Tensor):
        raise PruneHelperError("error.not_tensor", kind=_kind(tensor))
    if tensor.is_meta:
        raise PruneHelperError("error.meta_tensor", what="tensor")
    if tensor.layout != torch.strided:
        raise PruneHelperError("error.sparse_tensor", what="tensor", layout=str(tensor.layout))
    return tensor


def prunable_names(module: nn.Module) -> list[str]:
    """Names `prune.*` accepts on this module: its own parameters, pruned or not.

    `weight` comes first even after pruning re-registers it as `weight_orig`
    behind `bias`, so tables keep one order before and after pruning.
    """
    names = []
    for name, _ in module.named_parameters(recurse=False):
        names.append(name[: -len("_orig")] if name.endswith("_orig") else name)
    return sorted(names, key=lambda name: name != "weight")


def check_name(module, name: str) -> str:
    check_module(module)
    choices = prunable_names(module)
    if not choices:
        raise PruneHelperError("error.no_parameters", module=type(module).__name__)
    if not isinstance(name, str) or name not in choices:
        raise PruneHelperError(
            "error.unknown_name",
            module=type(module).__name__,
            name=name,
            choices=", ".join(repr(c) for c in choices),
        )
    return name


def check_amount(amount, numel: int, name: str = "weight") -> float | int:
    """Accept what `torch.nn.utils.prune` accepts, with a clearer error otherwise.

    A float is a fraction of `numel`; an int is a count. bool is refused even
    though it is an int in Python, because `amount=True` is always a mistake.
    """
    if isinstance(amount, bool) or not isinstance(amount, numbers.Real):
        raise PruneHelperError("error.amount_type", kind=_kind(amount), value=amount)
    if isinstance(amount, numbers.Integral):
        if not 0 <= amount <= numel:
            raise PruneHelperError("error.amount_count_range", value=amount, numel=numel, name=name)
        return int(amount)
    amount = float(amount)
    if math.isnan(amount):
        raise PruneHelperError("error.amount_nan")
    if not 0.0 <= amount <= 1.0:
        raise PruneHelperError("error.amount_fraction_range", value=amount)
    return amount


def pruned_count(amount: float | int, numel: int) -> int:
    """How many entries `prune.*_unstructured` sets to zero (PyTorch rounds)."""
    return amount if isinstance(amount, int) else round(amount * numel)


def is_number(value) -> bool:
    """A real number that is not a bool and fits a float: `True` as an amount is always a slip, and so is 10**400."""
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        return False
    try:
        float(value)
    except (OverflowError, ValueError, TypeError):
        return False
    return True


def check_flag(value, arg: str) -> bool:
    """True or False (numpy's too, and the ints 0 and 1): an array here has no single truth value."""
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, numbers.Integral) and value in (0, 1)):
        return bool(value)
    raise PruneHelperError("error.flag_arg", arg=arg, value=value)


def check_fraction(value, arg: str) -> float:
    """A share from 0.0 to 1.0 (ints 0 and 1 included): what the sparsity formulas take."""
    if not is_number(value) or math.isnan(float(value)) or not 0.0 <= float(value) <= 1.0:
        raise PruneHelperError("error.fraction_arg", arg=arg, value=value)
    return float(value)


def check_whole(value, arg: str, minimum: int = 0, example: int = 1, maximum: int | None = None) -> int:
    """A whole number ≥ `minimum` (numpy ints too, never a bool or a float), and ≤ `maximum` when one is given.

    A maximum guards sizes: `hidden=10**9` would otherwise ask for 256 GB.
    """
    if not isinstance(value, numbers.Integral) or isinstance(value, (bool, np.bool_)) or value < minimum:
        if maximum is not None:
            raise PruneHelperError("error.count_range", arg=arg, minimum=minimum, maximum=maximum, value=value,
                                   example=example)
        raise PruneHelperError("error.count_arg", arg=arg, minimum=minimum, value=value, example=example)
    if maximum is not None and value > maximum:
        raise PruneHelperError("error.count_range", arg=arg, minimum=minimum, maximum=maximum, value=value,
                               example=example)
    return int(value)


def check_seed(seed) -> int | None:
    if seed is None:
        return None
    if not isinstance(seed, numbers.Integral) or isinstance(seed, (bool, np.bool_)):
        raise PruneHelperError("error.seed_type", kind=_kind(seed), value=seed)
    return int(seed)


SEED_RANGE = (-(2 ** 63), 2 ** 64 - 1)  # what torch.manual_seed and torch.Generator.manual_seed accept


def check_whole_seed(seed) -> int:
    """A whole-number seed in the range torch takes (negative ones too); never None, a bool or a float."""
    if not isinstance(seed, numbers.Integral) or isinstance(seed, (bool, np.bool_)):
        raise PruneHelperError("error.seed_int", kind=_kind(seed), value=seed)
    if not SEED_RANGE[0] <= seed <= SEED_RANGE[1]:
        raise PruneHelperError("error.count_range", arg="seed", minimum=SEED_RANGE[0], maximum=SEED_RANGE[1],
                               value=seed, example=0)
    return int(seed)


FLOAT_DTYPES = (torch.float16, torch.bfloat16, torch.float32, torch.float64)


def check_float_dtype(dtype, allow_none: bool = True) -> torch.dtype | None:
    """A floating-point dtype a model can compute in (or None where the helper keeps its default)."""
    if dtype is None and allow_none:
        return None
    if not isinstance(dtype, torch.dtype) or dtype not in FLOAT_DTYPES:
        raise PruneHelperError("error.dtype_arg", value=dtype)
    return dtype


def check_number(value, arg: str, example: float, positive: bool = False) -> float:
    """A finite real number (not a bool); with `positive`, above zero."""
    if not is_number(value) or not math.isfinite(float(value)) or (positive and float(value) <= 0):
        raise PruneHelperError("error.positive_arg" if positive else "error.number_arg", arg=arg, value=value,
                               example=example)
    return float(value)


def as_list(values):
    """A 1-d tensor or array as a Python list (a meta or sparse tensor refused); anything else unchanged."""
    if isinstance(values, torch.Tensor):
        check_tensor(values)
    if isinstance(values, (torch.Tensor, np.ndarray)) and values.ndim == 1:
        return values.tolist()
    return values


def accepts(function, *args, **kwargs) -> bool:
    """Whether `function`'s signature allows this call (True when there is no signature to read)."""
    import inspect

    try:
        inspect.signature(function).bind(*args, **kwargs)
    except TypeError:
        return False
    except ValueError:  # a builtin without a readable signature: the call itself will tell
        return True
    return True


def check_float_weight(tensor: torch.Tensor, name: str) -> torch.Tensor:
    """A real floating-point tensor: `torch.nn.utils.prune` fails on others after re-registering the parameter."""
    if not tensor.is_floating_point():
        raise PruneHelperError("error.prune_dtype", name=name, dtype=str(tensor.dtype))
    return tensor


def check_fractions(values, arg: str) -> list[float]:
    """A non-empty list (or tuple, array, 1-d tensor) of shares from 0.0 to 1.0."""
    values = as_list(values)
    if not isinstance(values, (list, tuple)):
        raise PruneHelperError("error.fraction_list", arg=arg, kind=_kind(values))
    check_nonempty(values, arg, f"{arg}=[0.5, 0.9]")
    return [check_fraction(value, arg) for value in values]


def check_path(path) -> Path:
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, bytes) or str(path) == "" or "\x00" in str(path):
        raise PruneHelperError("error.path_type", kind=_kind(path))
    return Path(path)


def check_state(state) -> Mapping[str, torch.Tensor]:
    """A module's state_dict, or the mapping of names to tensors given, unchanged.

    Not converted to a plain dict: a state_dict's `_metadata` (layer
    versions) must survive saving.
    """
    if isinstance(state, nn.Module):
        return check_module(state).state_dict()
    if not isinstance(state, Mapping):
        raise PruneHelperError("error.not_state", kind=_kind(state))
    for key, value in state.items():
        if not isinstance(key, str):
            raise PruneHelperError("error.not_state", kind=_kind(key))
        if not isinstance(value, torch.Tensor):
            raise PruneHelperError("error.state_value", key=key, kind=_kind(value))
        if value.is_meta:
            raise PruneHelperError("error.meta_tensor", what=key)
        if value.layout != torch.strided:
            raise PruneHelperError("error.sparse_tensor", what=key, layout=str(value.layout))
    return state


def check_nonempty(values, arg: str, example: str):
    if not values:
        raise PruneHelperError("error.empty_input", arg=arg, example=example)
    return values
