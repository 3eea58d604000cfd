"""Everything a helper could change about a model, to check that a refused call changed nothing.

Compared: the state_dict (keys in order, dtypes, exact values), which
parameter objects sit under which names (a re-registered parameter is a
different object or a different order), every buffer (persistent or not),
the forward-pre-hooks of every module (their keys, objects and, for a
PruningContainer, how many methods it holds), and train/eval mode.
"""

import torch


def _same_tensor(a, b) -> bool:
    if not isinstance(a, torch.Tensor) or not isinstance(b, torch.Tensor):
        return a == b  # the stand-ins of lazy and meta tensors
    return a.dtype == b.dtype and a.shape == b.shape and a.device == b.device and torch.equal(a, b)


def _copy(tensor):
    """A copy to compare later; a lazy tensor (no size yet) or a meta tensor (no values) by what it is."""
    if isinstance(tensor, torch.nn.parameter.UninitializedTensorMixin):
        return ("lazy", id(tensor))
    if tensor.is_meta:
        return ("meta", tuple(tensor.shape), tensor.dtype)
    return tensor.detach().clone()


def fingerprint(model):
    return {
        "state": [(k, _copy(v)) for k, v in model.state_dict(keep_vars=True).items()],
        "parameters": [(n, id(p)) for n, p in model.named_parameters(remove_duplicate=False)],
        "buffers": [(n, _copy(b)) for n, b in model.named_buffers(remove_duplicate=False)],
        "hooks": [
            (path, key, id(hook), tuple(id(m) for m in getattr(hook, "_pruning_methods", ())))
            for path, module in model.named_modules(remove_duplicate=False)
            for key, hook in module._forward_pre_hooks.items()
        ],
        "training": [m.training for m in model.modules()],
    }


def differences(before, after) -> list[str]:
    """Human-readable list of what changed (empty when nothing did)."""
    found = []
    for part in ("parameters", "hooks", "training"):
        if before[part] != after[part]:
            found.append(part)
    for part in ("state", "buffers"):
        a, b = before[part], after[part]
        if [k for k, _ in a] != [k for k, _ in b]:
            found.append(f"{part} keys")
        else:
            found += [f"{part} {k}" for (k, x), (_, y) in zip(a, b) if not _same_tensor(x, y)]
    return found
