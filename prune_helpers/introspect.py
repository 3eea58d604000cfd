"""What a module holds, and what pruning changed about it.

`prune.random_unstructured` renames a parameter, adds a buffer, registers a
hook and turns the old name into a computed attribute. These functions make
each of those four changes visible as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn.utils import prune

from .messages import PruneHelperError, t
from .tables import Table
from .validate import check_module, check_name


def shape_text(tensor: torch.Tensor) -> str:
    return str(list(tensor.shape))


@dataclass(frozen=True)
class Entry:
    kind: str  # "parameter", "buffer", "hook" or "computed"
    name: str
    shape: str
    requires_grad: str
    device: str
    detail: str = ""


def _tensor_entry(kind: str, name: str, tensor: torch.Tensor, detail: str = "") -> Entry:
    return Entry(kind, name, shape_text(tensor), str(tensor.requires_grad), str(tensor.device), detail)


def pruning_hooks(module: nn.Module) -> list[prune.BasePruningMethod]:
    """The pruning objects among `module._forward_pre_hooks`, in order."""
    check_module(module)
    return [h for h in module._forward_pre_hooks.values() if isinstance(h, prune.BasePruningMethod)]


def snapshot(module: nn.Module) -> list[Entry]:
    """Everything pruning can touch on `module` itself (not its children)."""
    check_module(module)
    entries = [_tensor_entry("parameter", n, p) for n, p in module.named_parameters(recurse=False)]
    entries += [_tensor_entry("buffer", n, b) for n, b in module.named_buffers(recurse=False)]
    for hook in module._forward_pre_hooks.values():
        method = type(hook).__name__
        name = getattr(hook, "_tensor_name", "")
        detail = t("hook.detail", method=method, name=name) if name else method
        entries.append(Entry("hook", name or method, "", "", "", detail))
    for hook in pruning_hooks(module):
        name = hook._tensor_name
        entries.append(_tensor_entry("computed", name, getattr(module, name), t("computed.detail", name=name)))
    return entries


def _kind_text(kind: str) -> str:
    return t(f"kind.{kind}")


def describe(module: nn.Module) -> Table:
    """A table of a module's parameters, buffers, pruning hooks and computed tensors."""
    columns = [t(f"table.{c}") for c in ("kind", "name", "shape", "requires_grad", "device", "detail")]
    rows = [
        [_kind_text(e.kind), e.name, e.shape, e.requires_grad, e.device, e.detail] for e in snapshot(module)
    ]
    return Table(columns, rows, title=type(module).__name__)


def _keyed(entries: list[Entry]) -> dict[tuple[str, str], Entry]:
    return {(e.kind, e.name): e for e in entries}


def diff_entries(before: list[Entry], after: list[Entry]) -> list[tuple[str, Entry, str]]:
    """(change, entry, detail) rows.

    A parameter `x` that became `x_orig` (pruning) or `x_orig` that became `x`
    (`prune.remove`) is one rename; a computed attribute that became a
    parameter, or back, is one change of kind.
    """
    old, new = _keyed(before), _keyed(after)
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    rows = []
    for key in removed:
        kind, name = key
        if kind == "parameter" and ("parameter", name + "_orig") in added:
            added.remove(("parameter", name + "_orig"))
            rows.append(("renamed", new[("parameter", name + "_orig")], t("diff.renamed", old=name, new=name + "_orig")))
            continue
        if kind == "parameter" and name.endswith("_orig") and ("parameter", name[: -len("_orig")]) in added:
            base = name[: -len("_orig")]
            added.remove(("parameter", base))
            rows.append(("renamed", new[("parameter", base)], t("diff.unrenamed", old=name, new=base)))
            continue
        other_kind = {"parameter": "computed", "computed": "parameter"}.get(kind)
        if other_kind and (other_kind, name) in added:
            added.remove((other_kind, name))
            entry = new[(other_kind, name)]
            text = t("diff.kind_changed", old=_kind_text(kind), new=_kind_text(other_kind))
            rows.append(("changed", entry, f"{text}: {entry.detail}" if entry.detail else text))
            continue
        rows.append(("removed", old[key], ""))
    for key in added:
        entry = new[key]
        rows.append(("added", entry, entry.detail or t("diff.shape", shape=entry.shape)))
    for key in old.keys() & new.keys():
        if old[key] != new[key]:
            rows.append(("changed", new[key], new[key].detail))
    return rows


def diff(before: list[Entry], after: list[Entry]) -> Table:
    """Table of what changed between two `snapshot`s of the same module."""
    for entries in (before, after):
        if not isinstance(entries, list) or not all(isinstance(e, Entry) for e in entries):
            raise PruneHelperError("error.not_snapshot", kind=type(entries).__name__)
    columns = [t(f"table.{c}") for c in ("change", "kind", "name", "detail")]
    rows = [
        [t(f"change.{change}"), _kind_text(entry.kind), entry.name, detail]
        for change, entry, detail in diff_entries(before, after)
    ]
    table = Table(columns, rows)
    if not rows:
        table.title = t("change.none")
    return table


def pruning_history(module: nn.Module, name: str = "weight") -> Table:
    """Every pruning applied to `module.<name>`, oldest first (a PruningContainer holds several).

    A name the module does not have is an error (not an empty table).
    """
    check_name(module, name)
    hook = next((h for h in pruning_hooks(module) if h._tensor_name == name), None)
    methods = [] if hook is None else list(getattr(hook, "_pruning_methods", [hook]))
    columns = [t(f"table.{c}") for c in ("step", "method", "amount", "detail")]
    rows = []
    for step, method in enumerate(methods, 1):
        details = [f"{key}={value}" for key, value in vars(method).items() if not key.startswith("_") and key != "amount"]
        rows.append([step, type(method).__name__, getattr(method, "amount", "-"), ", ".join(details)])
    return Table(columns, rows, title=f"{type(module).__name__}.{name}")
