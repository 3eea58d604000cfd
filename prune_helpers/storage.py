"""Saving and loading pruned models safely, and measuring what pruning does to file size.

- Writes are atomic: a crash mid-write leaves the old file intact.
- Loads use `torch.load(weights_only=True)`, which refuses pickled objects.
- `load_into` accepts a pruned checkpoint (`weight_orig` + `weight_mask`) in a
  fresh model by recreating the pruning structure first, after checking
  every shape, so a mismatch changes nothing.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn.utils import prune

from .arithmetic import bitmask_limit
from .messages import PruneHelperError, t
from .sparsity import count_zeros
from .tables import Table
from .validate import check_module

StateDict = dict[str, torch.Tensor]


def save_state(state: StateDict | nn.Module, path: str | os.PathLike) -> int:
    """Write a state_dict (or a module's) atomically; return the file size in bytes."""
    if isinstance(state, nn.Module):
        state = state.state_dict()
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            torch.save(state, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path.stat().st_size


def load_state(path: str | os.PathLike) -> StateDict:
    """Read a checkpoint with `weights_only=True`; explain every way it can fail."""
    path = Path(path)
    if not path.is_file():
        raise PruneHelperError("error.file_missing", path=str(path))
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        # A refused pickled object names the GLOBAL it would import; anything else is damage.
        key = "error.unsafe_checkpoint" if "GLOBAL" in str(error) else "error.corrupt_checkpoint"
        raise PruneHelperError(key, path=str(path)) from error
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError) as error:
        raise PruneHelperError("error.corrupt_checkpoint", path=str(path)) from error


def _target_shape(model: nn.Module, key: str) -> torch.Size | None:
    """Shape that `key` of a (possibly pruned) checkpoint needs in `model`."""
    path, _, name = key.rpartition(".")
    try:
        module = model.get_submodule(path)
    except AttributeError:
        return None
    for suffix in ("_orig", "_mask"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    tensor = getattr(module, name, None)
    return tensor.shape if isinstance(tensor, torch.Tensor) else None


def load_into(model: nn.Module, state: StateDict) -> nn.Module:
    """Load a dense or pruned state_dict into `model`, pruning structure included.

    For every `<name>_mask` in the checkpoint that `model` lacks,
    `prune.identity` first creates `<name>_orig`/`<name>_mask`, so that
    `load_state_dict` finds the keys it expects. Nothing changes unless every
    key and shape fits.
    """
    check_module(model)
    expected = set(model.state_dict())
    for key, tensor in state.items():
        shape = _target_shape(model, key)
        if shape is None:
            raise PruneHelperError("error.checkpoint_key", key=key)
        if tuple(shape) != tuple(tensor.shape):
            raise PruneHelperError("error.checkpoint_shape", key=key, saved=list(tensor.shape), model=list(shape))
    for key in state:
        if key.endswith("_mask") and key not in expected:
            path, _, name = key[: -len("_mask")].rpartition(".")
            prune.identity(model.get_submodule(path), name)
    model.load_state_dict(state)
    return model


def removed_state(state: StateDict) -> StateDict:
    """What `prune.remove` would save: `weight = weight_orig * weight_mask`, no masks."""
    plain = {}
    for key, tensor in state.items():
        if key.endswith("_mask"):
            continue
        if key.endswith("_orig"):
            base = key[: -len("_orig")]
            plain[base] = tensor * state[base + "_mask"]
        else:
            plain[key] = tensor
    return plain


def pack_bitmask(state: StateDict, dtype: torch.dtype = torch.float32) -> dict:
    """All tensors as one 1-bit-per-weight mask of nonzeros plus one array of nonzero values.

    One bits array and one values array (not one pair per tensor) keep the
    file format's per-tensor overhead out of the size. Only tensors, strings
    and lists of ints: it loads with weights_only=True.
    """
    flat = torch.cat([tensor.detach().flatten().cpu().float() for tensor in state.values()])
    nonzero = flat != 0
    return {
        "keys": list(state),
        "shapes": [list(tensor.shape) for tensor in state.values()],
        "bits": torch.from_numpy(np.packbits(nonzero.numpy())),
        "values": flat[nonzero].to(dtype),
    }


def unpack_bitmask(packed: dict, dtype: torch.dtype = torch.float32) -> StateDict:
    sizes = [int(np.prod(shape)) for shape in packed["shapes"]]
    nonzero = torch.from_numpy(np.unpackbits(packed["bits"].numpy(), count=sum(sizes)).astype(bool))
    flat = torch.zeros(sum(sizes), dtype=dtype)
    flat[nonzero] = packed["values"].to(dtype)
    pieces = torch.split(flat, sizes)
    return {key: piece.reshape(shape) for key, piece, shape in zip(packed["keys"], pieces, packed["shapes"])}


def serialized_size(state: StateDict) -> int:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return buffer.tell()


def compressed_size(state: StateDict) -> int:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return len(zlib.compress(buffer.getvalue(), 9))


def checkpoint_size_rows(model: nn.Module) -> tuple[float, list[dict]]:
    """(sparsity, rows): bytes of one pruned model saved six ways, ratio to dense, and its limit.

    Limits: masks store everything twice (0.5×); zeros stored as zeros cannot
    beat dense (1×); a 1-bit mask plus 32- or 16-bit values can reach
    `bitmask_limit`. zlib has no simple limit.
    """
    masked = {k: v.detach().cpu() for k, v in check_module(model).state_dict().items()}
    removed = removed_state(masked)
    counts = [count_zeros(v) for v in removed.values()]
    sparsity = sum(z for z, _ in counts) / sum(n for _, n in counts)
    dense = serialized_size(removed)
    variants = [
        ("dense", dense, 1.0),
        ("masked", serialized_size(masked), 0.5),
        ("removed", dense, 1.0),
        ("compressed", compressed_size(removed), None),
        ("bitmask_fp32", serialized_size(pack_bitmask(removed)), bitmask_limit(sparsity, 32)),
        ("bitmask_fp16", serialized_size(pack_bitmask(removed, torch.float16)), bitmask_limit(sparsity, 16)),
    ]
    return sparsity, [{"format": n, "bytes": size, "ratio": dense / size, "limit": limit} for n, size, limit in variants]


def checkpoint_sizes(model: nn.Module) -> Table:
    """`checkpoint_size_rows` as a table in the learner's language."""
    sparsity, rows = checkpoint_size_rows(model)
    columns = [t(f"size.{c}") for c in ("format", "bytes", "ratio", "limit")]
    cells = [
        [t(f"size.{r['format']}"), f"{r['bytes']:,}", f"{r['ratio']:.2f}×", "-" if r["limit"] is None else f"{r['limit']:.2f}×"]
        for r in rows
    ]
    return Table(columns, cells, title=t("size.title", sparsity=f"{100 * sparsity:.1f}%"))
