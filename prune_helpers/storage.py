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
from .validate import check_module, check_path, check_state

StateDict = dict[str, torch.Tensor]


def save_state(state: StateDict | nn.Module, path: str | os.PathLike) -> int:
    """Write a state_dict (or a module's) atomically; return the file size in bytes.

    The size does not depend on the file's name: the archive inside is
    always named "archive" (`torch.save(obj, "dense.pt")` names it after the
    file instead, so two files of the same tensors differ by a few bytes).
    """
    state = check_state(state)
    path = check_path(path)
    try:
        if not path.parent.is_dir():
            raise PruneHelperError("error.folder_missing", folder=str(path.parent))
        if path.is_dir():
            raise PruneHelperError("error.write_failed", path=str(path))
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:  # a name too long for the file system, no permission, ...
        raise PruneHelperError("error.write_failed", path=str(path)) from error
    try:
        with os.fdopen(handle, "wb") as file:
            torch.save(state, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, (pickle.PicklingError, TypeError, AttributeError)):
            raise PruneHelperError("error.unsaveable", kind=type(state).__name__) from error
        if isinstance(error, OSError):
            raise PruneHelperError("error.write_failed", path=str(path)) from error
        raise
    return path.stat().st_size


def load_state(path: str | os.PathLike) -> StateDict:
    """Read a checkpoint with `weights_only=True`; explain every way it can fail."""
    path = check_path(path)
    if not path.is_file():
        raise PruneHelperError("error.file_missing", path=str(path))
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        # A refused pickled object names the GLOBAL it would import; anything else is damage.
        key = "error.unsafe_checkpoint" if "GLOBAL" in str(error) else "error.corrupt_checkpoint"
        raise PruneHelperError(key, path=str(path)) from error
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError, OSError, KeyError, IndexError, TypeError,
            AttributeError) as error:
        # OSError: a file cut off after its first 4 KB fails inside the zip reader's seek.
        raise PruneHelperError("error.corrupt_checkpoint", path=str(path)) from error


def _split(key: str) -> tuple[str, str]:
    """"conv1.weight_mask" -> ("conv1", "weight_mask")."""
    path, _, leaf = key.rpartition(".")
    return path, leaf


def _base(leaf: str) -> str | None:
    """"weight" for "weight_orig" or "weight_mask"; None for a plain name."""
    for suffix in ("_orig", "_mask"):
        if leaf.endswith(suffix) and len(leaf) > len(suffix):
            return leaf[: -len(suffix)]
    return None


def _check_pairs(state: StateDict) -> None:
    """Every `<name>_orig` has its `<name>_mask` and the other way round."""
    for key in state:
        path, leaf = _split(key)
        base = _base(leaf)
        if base is not None:
            partner = key[: -len("_orig")] + ("_mask" if leaf.endswith("_orig") else "_orig")
            if partner not in state:
                raise PruneHelperError("error.checkpoint_orphan", key=key, partner=partner)


def _plan_load(model: nn.Module, state: StateDict) -> list[tuple[nn.Module, str]]:
    """Check that `state` fits `model` exactly; return the (module, name) pairs that need `prune.identity`.

    Nothing is changed here, so a checkpoint that does not fit leaves the
    model exactly as it was. `load_state_dict` itself would copy the keys
    that fit, then raise on the rest.
    """
    _check_pairs(state)
    current = model.state_dict()
    identities, expected = [], dict.fromkeys(current)
    for key, tensor in state.items():
        path, leaf = _split(key)
        try:
            module = model.get_submodule(path)
        except AttributeError:
            raise PruneHelperError("error.checkpoint_key", key=key) from None
        base = _base(leaf)
        if key in current:
            shape = current[key].shape
        elif base is not None and isinstance(module._parameters.get(base), torch.Tensor):
            # A pruned tensor in the checkpoint, a plain parameter in the model: prune.identity makes room.
            shape = module._parameters[base].shape
            if leaf.endswith("_mask"):
                identities.append((module, base))
                prefix = f"{path}." if path else ""
                expected.pop(prefix + base, None)
                expected.update(dict.fromkeys([prefix + base + "_orig", key]))
        elif key + "_orig" in current:
            raise PruneHelperError("error.checkpoint_dense_into_pruned", key=key, name=leaf)
        else:
            raise PruneHelperError("error.checkpoint_key", key=key)
        if tuple(shape) != tuple(tensor.shape):
            raise PruneHelperError("error.checkpoint_shape", key=key, saved=list(tensor.shape), model=list(shape))
    missing = [key for key in expected if key not in state]
    if missing:
        raise PruneHelperError("error.checkpoint_missing", key=missing[0])
    return identities


def load_into(model: nn.Module, state: StateDict | str | os.PathLike) -> nn.Module:
    """Load a dense or pruned state_dict (or a checkpoint file) into `model`, pruning structure included.

    For every `<name>_mask` in the checkpoint that `model` lacks,
    `prune.identity` first creates `<name>_orig`/`<name>_mask`, so that
    `load_state_dict` finds the keys it expects. Nothing changes unless every
    key, pair and shape fits. Afterwards each pruned tensor is recomputed
    from the loaded values, as the next forward pass would, so that
    `model.conv1.weight` and sparsity reports are right at once.
    """
    from .methods import copy_model

    check_module(model)
    if isinstance(state, (str, os.PathLike)):
        state = load_state(state)
    state = check_state(state)
    try:  # a rehearsal on a copy: what PyTorch refuses must be refused before `model` is touched
        _load(copy_model(model), state)
    except PruneHelperError:
        raise
    except (RuntimeError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise PruneHelperError("error.checkpoint_mismatch", model=type(model).__name__) from error
    return _load(model, state)


def _load(model: nn.Module, state: StateDict) -> nn.Module:
    """What `load_into` does, once its checks have passed: identity masks where needed, load, refresh."""
    for module, name in _plan_load(model, state):
        prune.identity(module, name)
    model.load_state_dict(state)
    for module in model.modules():
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, prune.BasePruningMethod):
                setattr(module, hook._tensor_name, hook.apply_mask(module))
    return model


def removed_state(state: StateDict | nn.Module) -> StateDict:
    """What `prune.remove` would save: `weight = weight_orig * weight_mask`, no masks."""
    state = check_state(state)
    _check_pairs(state)
    plain = {}
    for key, tensor in state.items():
        if key.endswith("_mask") and key[: -len("_mask")] + "_orig" in state:
            continue
        if key.endswith("_orig") and key[: -len("_orig")] + "_mask" in state:
            base = key[: -len("_orig")]
            mask = state[base + "_mask"]
            if mask.shape != tensor.shape:
                raise PruneHelperError("error.checkpoint_shape", key=base + "_mask", saved=list(mask.shape),
                                       model=list(tensor.shape))
            plain[base] = tensor * mask.to(tensor.dtype)
        else:
            plain[key] = tensor
    return plain


def dense_state(state: StateDict | nn.Module) -> StateDict:
    """The state_dict before pruning: each `weight_orig` back under `weight`, no masks."""
    state = check_state(state)
    _check_pairs(state)
    return {
        (key[: -len("_orig")] if key.endswith("_orig") else key): tensor
        for key, tensor in state.items()
        if not (key.endswith("_mask") and key[: -len("_mask")] + "_orig" in state)
    }


def _check_dtype(dtype) -> torch.dtype | None:
    if dtype is not None and not (isinstance(dtype, torch.dtype) and dtype.is_floating_point):
        raise PruneHelperError("error.dtype", value=dtype)
    return dtype


def pack_bitmask(state: StateDict | nn.Module, dtype: torch.dtype | None = None) -> dict:
    """All float tensors as one 1-bit-per-weight mask of nonzeros plus one array of nonzero values.

    One bits array and one values array (not one pair per tensor) keep the
    file format's per-tensor overhead out of the size. Lossless by default:
    the values keep the widest float dtype of the state (float32 stays
    float32, float64 stays float64), and tensors that are not floats (e.g. BatchNorm's int64 `num_batches_tracked`) are
    stored as they are. `dtype=torch.float16` rounds the values: smaller,
    but lossy. A `-0.0` (what `prune.remove` makes of a pruned negative
    weight) comes back as `0.0`, equal as a number. Only tensors, strings,
    lists and a dict of tensors: it loads with weights_only=True.
    """
    state = check_state(state)
    dtype = _check_dtype(dtype)
    floats = [key for key, tensor in state.items() if tensor.is_floating_point()]
    if floats:
        widest = state[floats[0]].dtype
        for key in floats[1:]:
            widest = torch.promote_types(widest, state[key].dtype)
        flat = torch.cat([state[key].detach().cpu().flatten().to(widest) for key in floats])
    else:
        flat = torch.zeros(0)
    nonzero = flat != 0
    return {
        "keys": list(state),
        "shapes": [list(tensor.shape) for tensor in state.values()],
        "dtypes": [str(tensor.dtype).removeprefix("torch.") for tensor in state.values()],
        "bits": torch.from_numpy(np.packbits(nonzero.numpy())),
        "values": flat[nonzero].to(dtype or flat.dtype),
        "exact": {key: tensor.detach().cpu() for key, tensor in state.items() if not tensor.is_floating_point()},
    }


def unpack_bitmask(packed: dict, dtype: torch.dtype | None = None) -> StateDict:
    """The state that `pack_bitmask` packed: each tensor with its own dtype (or float ones as `dtype`)."""
    needed = ("keys", "shapes", "dtypes", "bits", "values", "exact")
    if not isinstance(packed, dict) or any(key not in packed for key in needed):
        raise PruneHelperError("error.packed", kind=type(packed).__name__)
    dtype = _check_dtype(dtype)
    try:
        return _unpack(packed, dtype)
    except (KeyError, IndexError, TypeError, ValueError, RuntimeError, AttributeError, MemoryError,
            OverflowError) as error:
        raise PruneHelperError("error.packed", kind=type(packed).__name__) from error


def _unpack(packed: dict, dtype: torch.dtype | None) -> StateDict:
    dtypes = [getattr(torch, str(name)) for name in packed["dtypes"]]
    if not all(isinstance(d, torch.dtype) for d in dtypes) or len(dtypes) != len(packed["keys"]):
        raise ValueError("not a pack_bitmask dict")
    floats = [i for i, d in enumerate(dtypes) if d.is_floating_point]
    sizes = [int(np.prod(packed["shapes"][i], dtype=np.int64)) for i in floats]
    nonzero = torch.from_numpy(np.unpackbits(packed["bits"].numpy(), count=sum(sizes)).astype(bool))
    flat = torch.zeros(sum(sizes), dtype=packed["values"].dtype)
    flat[nonzero] = packed["values"]
    pieces = dict(zip(floats, torch.split(flat, sizes)))
    state = {}
    for i, (key, shape) in enumerate(zip(packed["keys"], packed["shapes"])):
        if i in pieces:
            state[key] = pieces[i].reshape(shape).to(dtype or dtypes[i])
        else:
            state[key] = packed["exact"][key]
    return state


def serialized_size(state: StateDict | nn.Module) -> int:
    """Bytes `torch.save` writes for `state` (or a module's state_dict), whatever the file is called.

    Saved to an in-memory buffer, whose archive is always named "archive":
    the same bytes `ph.save_state` writes to any file. `torch.save(state,
    "name.pt")` names the archive after the file, so its size shifts with
    the length of the name.
    """
    if not isinstance(state, dict):
        state = check_state(state)
    buffer = io.BytesIO()
    try:
        torch.save(state, buffer)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        raise PruneHelperError("error.unsaveable", kind=type(state).__name__) from error
    return buffer.tell()


def compressed_size(state: StateDict) -> int:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return len(zlib.compress(buffer.getvalue(), 9))


def checkpoint_size_rows(model: nn.Module) -> tuple[float, list[dict]]:
    """(sparsity, rows): bytes of one pruned model saved six ways, ratio to dense, and its limit.

    Every row is measured: "dense" is the model before pruning (each
    `weight_orig` saved as `weight`), "removed" the state after
    `prune.remove`. Both hold as many numbers, so they come out the same
    size, which is the lesson. Limits: masks store everything twice (0.5×);
    zeros stored as zeros cannot beat dense (1×); a 1-bit mask plus 32- or
    16-bit values can reach `bitmask_limit`. zlib has no simple limit.
    """
    masked = {k: v.detach().cpu() for k, v in check_module(model).state_dict().items()}
    if not masked:
        raise PruneHelperError("error.no_parameters", module=type(model).__name__)
    removed = removed_state(masked)
    counts = [count_zeros(v) for v in removed.values()]
    total = sum(n for _, n in counts)
    sparsity = sum(z for z, _ in counts) / total if total else 0.0
    dense = serialized_size(dense_state(masked))
    variants = [
        ("dense", dense, 1.0),
        ("masked", serialized_size(masked), 0.5),
        ("removed", serialized_size(removed), 1.0),
        ("compressed", compressed_size(removed), None),
        ("bitmask_fp32", serialized_size(pack_bitmask(removed, torch.float32)), bitmask_limit(sparsity, 32)),
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
