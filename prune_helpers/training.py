"""Real data and a short, reproducible training loop for the accuracy lessons.

The data is scikit-learn's `load_digits` (1,797 8×8 images, shipped with the
package: nothing is downloaded). With a seed and a fixed thread count the
same run gives the same weights, so notebooks can print accuracies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn
from torch.nn.utils import prune
from tqdm.auto import tqdm

from .messages import PruneHelperError, t
from .models import prunable_layers
from .sparsity import count_zeros

TEST_SIZE = 360


@dataclass
class Digits:
    train_x: torch.Tensor
    train_y: torch.Tensor
    test_x: torch.Tensor
    test_y: torch.Tensor


def load_digits_data(seed: int = 0, device: str | torch.device | None = None,
                     dtype: torch.dtype = torch.float32) -> Digits:
    """Digits scaled to [0, 1] as [N, 1, 8, 8], with 360 images held out for testing.

    `device` and `dtype` place the images where the model computes; the
    split depends only on `seed`, never on the device.
    """
    from sklearn.datasets import load_digits

    from .device import check_device
    from .validate import check_float_dtype, check_whole_seed

    seed, device = check_whole_seed(seed), check_device(device)
    dtype = check_float_dtype(dtype, allow_none=False)
    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float64).unsqueeze(1) / 16
    labels = torch.tensor(digits.target)
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    test, train = order[:TEST_SIZE], order[TEST_SIZE:]
    images, labels = images.to(device=device, dtype=dtype), labels.to(device)
    return Digits(images[train.to(labels.device)], labels[train.to(labels.device)],
                  images[test.to(labels.device)], labels[test.to(labels.device)])


def check_digits(data) -> Digits:
    """`data` as `load_digits_data` made it, or a catalog error naming what was passed instead.

    A `Digits` built by hand is checked too: four tensors with values, images
    in a floating dtype, one label (0–9, an integer) per image, all on one
    device. Otherwise training would stop in the middle of an epoch, with the
    model half trained.
    """
    from .validate import check_tensor

    if not isinstance(data, Digits):
        raise PruneHelperError("error.not_digits", kind=type(data).__name__)
    for images, labels, part in ((data.train_x, data.train_y, "train"), (data.test_x, data.test_y, "test")):
        if not isinstance(images, torch.Tensor) or not isinstance(labels, torch.Tensor):
            raise PruneHelperError("error.digits_contents", part=part, images=type(images).__name__,
                                   labels=type(labels).__name__)
        for tensor in (images, labels):
            check_tensor(tensor)
        fine = (images.is_floating_point() and images.dim() >= 2 and len(images) > 0
                and labels.dim() == 1 and len(labels) == len(images) and not labels.is_floating_point()
                and not labels.is_complex() and labels.dtype != torch.bool and labels.device == images.device
                and int(labels.min()) >= 0 and int(labels.max()) <= 9)
        if not fine:
            raise PruneHelperError("error.digits_contents", part=part, images=list(images.shape),
                                   labels=list(labels.shape))
    if data.train_x.shape[1:] != data.test_x.shape[1:]:  # the fit check tries test images only
        raise PruneHelperError("error.digits_contents", part="train", images=list(data.train_x.shape),
                               labels=list(data.train_y.shape))
    return data


def where(model: nn.Module) -> tuple[torch.device, torch.dtype]:
    """The device and dtype of `model`'s first floating-point parameter: inputs must match both."""
    from .validate import check_module

    check_module(model)
    parameter = next((p for p in model.parameters() if p.is_floating_point()), None)
    if parameter is None:
        raise PruneHelperError("error.no_float_parameters", model=type(model).__name__)
    return parameter.device, parameter.dtype


def _scores_in_eval_mode(model: nn.Module, images: torch.Tensor) -> torch.Tensor:
    """`model(images)` in eval mode without gradients, every module's train/eval mode put back afterwards."""
    modes = [module.training for module in model.modules()]
    model.eval()
    try:
        with torch.no_grad():
            return model(images)
    finally:
        for module, mode in zip(model.modules(), modes):
            module.training = mode


def correct_per_image(model: nn.Module, data: Digits) -> torch.Tensor:
    """1.0 for every test image `model` gets right, else 0.0 (on the CPU); the model's modes are left as they were.

    Unchecked: for a model and data that `check_fits_digits` has passed.
    """
    device, dtype = where(model)
    scores = _scores_in_eval_mode(model, data.test_x.to(device, dtype))
    return (scores.argmax(dim=1) == data.test_y.to(device)).double().cpu()


def _accuracy(model: nn.Module, data: Digits) -> float:
    """`accuracy` without its checks, for loops over copies of a model already checked; leaves it in eval mode."""
    percent = 100.0 * float(correct_per_image(model, data).mean())
    model.eval()
    return percent


def check_fits_digits(model: nn.Module, data) -> tuple[torch.device, torch.dtype]:
    """Where `model` computes, once two test images have gone through it and come out as 10 scores each.

    The training helpers call this before they move, switch or train
    anything, so a model built for other inputs is refused with a sentence,
    not with a matrix-shape error from deep inside the forward pass, and
    stays exactly as it was. The trial runs in eval mode without gradients
    (no BatchNorm statistics move) and puts every module's mode back.
    """
    from .device import check_device

    data = check_digits(data)
    device, dtype = where(model)
    check_device(device)  # a model on 'meta' has no numbers to compute with
    try:
        scores = _scores_in_eval_mode(model, data.test_x[:2].to(device, dtype))
    except Exception as error:  # whatever a foreign model raises here, the answer is the same
        raise PruneHelperError("error.model_digits_input", model=type(model).__name__,
                               shape=list(data.test_x.shape)) from error
    if not isinstance(scores, torch.Tensor) or scores.dim() != 2 or scores.shape[0] != 2 or scores.shape[1] < 10:
        shape = list(scores.shape) if isinstance(scores, torch.Tensor) else type(scores).__name__
        raise PruneHelperError("error.model_digits_output", model=type(model).__name__, shape=shape, n=2)
    return device, dtype


def train(model: nn.Module, data: Digits, epochs: int, lr: float = 3e-3, seed: int = 0,
          batch_size: int = 64, device: str | torch.device | None = None, progress: bool = True) -> nn.Module:
    """Adam + cross-entropy, shuffled by its own CPU generator so the global random state is untouched.

    Trains where the model is (or on `device`, if given), feeding images in
    the model's dtype. The shuffling generator lives on the CPU, so the
    batches are the same on every device. Works the same on a pruned model:
    gradients reach `weight_orig` only through the mask, so pruned weights
    stay zero.
    """
    from .device import check_device
    from .validate import check_flag, check_number, check_whole, check_whole_seed

    epochs, batch_size = check_whole(epochs, "epochs", 0, 2), check_whole(batch_size, "batch_size", 1, 64)
    progress = check_flag(progress, "progress")
    lr, seed = check_number(lr, "lr", 0.003, positive=True), check_whole_seed(seed)
    device = check_device(device)
    check_fits_digits(model, data)
    if not any(p.requires_grad and p.is_floating_point() for p in model.parameters()):
        raise PruneHelperError("error.nothing_to_train", model=type(model).__name__)
    n = len(data.train_y)
    has_batch_norm = any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules())
    if has_batch_norm and (batch_size == 1 or n % batch_size == 1):
        other = next((b for b in [*range(batch_size - 1, 1, -1), *range(batch_size + 1, n + 1)] if n % b != 1), 2)
        raise PruneHelperError("error.batch_of_one", n=n, batch_size=batch_size, example=other)
    if device is not None:
        model.to(device)
    device, dtype = where(model)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    steps = range(epochs * ((n + batch_size - 1) // batch_size))
    # No elapsed time or rate in the text: stored notebooks stay the same on every run.
    bar = tqdm(steps, desc=t("train.progress"), leave=False, disable=not progress, bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt}")
    train_x, train_y = data.train_x.to(device, dtype), data.train_y.to(device)
    # Dropout and other random layers draw from the global generators: fork them, seeded, so a model
    # with Dropout trains the same for one seed and the learner's random state is left as it was.
    cuda = [device.index if device.index is not None else torch.cuda.current_device()] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=cuda):
        torch.manual_seed(seed)
        for _ in range(epochs):
            order = torch.randperm(n, generator=generator).to(device)
            for start in range(0, n, batch_size):
                index = order[start : start + batch_size]
                optimizer.zero_grad()
                nn.functional.cross_entropy(model(train_x[index]), train_y[index]).backward()
                optimizer.step()
                bar.update()
    bar.refresh()
    bar.close()
    return model.eval()


def accuracy(model: nn.Module, data: Digits, device: str | torch.device | None = None) -> float:
    """Test accuracy in percent, computed where the model is (or on `device`, if given)."""
    from .device import check_device

    device = check_device(device)
    check_fits_digits(model, data)
    if device is not None:
        model.to(device)
    return _accuracy(model, data)


def weights_kept(model: nn.Module) -> float:
    """Share of all parameters (weights and biases) that are nonzero; a shared tensor counts once."""
    from .messages import PruneHelperError
    from .sparsity import sparsity_totals

    zeros, total = sparsity_totals(model)
    if total == 0:
        raise PruneHelperError("error.no_parameters", module=type(model).__name__)
    return (total - zeros) / total


def _stored_weights(layers: list[tuple[nn.Module, str]]) -> list[tuple[nn.Module, str]]:
    """`layers`, each checked to keep its weight as a parameter (or as a pruned `weight_orig`).

    Old-style `weight_norm` and parametrizations compute `weight` from other
    tensors on every call; `torch.nn.utils.prune` cannot prune such a
    weight and fails halfway through its own bookkeeping.
    """
    for module, name in layers:
        if name not in module._parameters and name + "_orig" not in module._parameters:
            raise PruneHelperError("error.weight_not_parameter", module=type(module).__name__, name=name)
        mask = module._buffers.get(name + "_mask")
        if mask is not None and not bool(((mask == 0) | (mask == 1)).all()):  # counting zeros assumes 0/1 masks
            raise PruneHelperError("error.mask_values", module=type(module).__name__, name=name)
    return layers


def _global_layers(model: nn.Module) -> list[tuple[nn.Module, str]]:
    """`prunable_layers`, with a weight shared by several layers listed once (at its first layer)."""
    from .messages import PruneHelperError
    from .validate import check_module

    layers, seen = [], set()
    for module, name in _stored_weights(prunable_layers(check_module(model))):
        underlying = module._parameters.get(name + "_orig", module._parameters.get(name))
        if id(underlying) not in seen:
            seen.add(id(underlying))
            layers.append((module, name))
    if not layers:
        raise PruneHelperError("error.no_prunable_layers", module=type(model).__name__)
    return layers


def prune_globally(model: nn.Module, sparsity: float) -> nn.Module:
    """Prune the Conv/Linear weights of `model` until `sparsity` of them is zero.

    Works on an already pruned model, and after `prune.remove` too: every
    zero already there (masked, or baked in by `prune.remove`) counts as
    pruned, and the new pruning picks the smallest of the *nonzero* weights.
    Plain L1 scores would rank the baked-in zeros first and "prune" them
    again, so a 50%-sparse model asked for 70% stayed at 50%. A target below
    the current sparsity changes nothing (pruning never restores weights).
    """
    from .validate import check_fraction

    layers = _global_layers(model)
    sparsity = check_fraction(sparsity, "sparsity")
    counts = [count_zeros(getattr(m, n)) for m, n in layers]
    to_prune = round(sparsity * sum(n for _, n in counts)) - sum(z for z, _ in counts)
    if to_prune > 0:
        scores = {}
        for module, name in layers:
            weight = getattr(module, name).detach()
            scores[(module, name)] = weight.abs().masked_fill(weight == 0, float("inf"))
        prune.global_unstructured(layers, pruning_method=prune.L1Unstructured, importance_scores=scores,
                                  amount=to_prune)
    return model


def sensitivity_scan(model: nn.Module, data: Digits, sparsities: list[float]) -> dict[str, list[float]]:
    """Accuracy when each layer alone is pruned (l1_unstructured) to each sparsity."""
    from .methods import copy_model
    from .validate import check_fractions

    sparsities = check_fractions(sparsities, "sparsities")
    check_fits_digits(model, data)
    _stored_weights(prunable_layers(model))
    results = {}
    for path, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            results[path] = []
            for sparsity in sparsities:
                trial = copy_model(model)  # deepcopy refuses a freshly pruned model
                prune.l1_unstructured(trial.get_submodule(path), name="weight", amount=sparsity)
                results[path].append(_accuracy(trial, data))  # a pruned copy of the checked model
    return results


def accuracy_curve(model: nn.Module, data: Digits, sparsities: list[float],
                   prune_fn: Callable[[nn.Module, float], nn.Module], fine_tune_epochs: int = 0,
                   progress: bool = False) -> list[float]:
    """Accuracy of a fresh copy of `model` pruned one-shot to each sparsity (then fine-tuned)."""
    from .methods import copy_model
    from .validate import accepts, check_fractions, check_whole

    sparsities = check_fractions(sparsities, "sparsities")
    if not callable(prune_fn) or isinstance(prune_fn, nn.Module) or not accepts(prune_fn, None, None):
        raise PruneHelperError("error.prune_fn", kind=type(prune_fn).__name__)
    fine_tune_epochs = check_whole(fine_tune_epochs, "fine_tune_epochs", 0, 2)
    check_fits_digits(model, data)
    results = []
    for sparsity in sparsities:
        trial = prune_fn(copy_model(model), sparsity)  # copy_model: deepcopy refuses a freshly pruned model
        if not isinstance(trial, nn.Module):
            raise PruneHelperError("error.prune_fn_result", kind=type(trial).__name__)
        if fine_tune_epochs:
            train(trial, data, fine_tune_epochs, lr=1e-3, progress=progress)
        results.append(accuracy(trial, data))
    return results


def iterative_pruning(model: nn.Module, data: Digits, schedule: list[float], epochs_per_step: int = 2,
                      progress: bool = False) -> tuple[nn.Module, list[float]]:
    """Gradual pruning: prune to each sparsity of `schedule` in turn, fine-tuning after each step."""
    from .methods import copy_model
    from .validate import check_fractions, check_whole

    schedule = check_fractions(schedule, "schedule")
    epochs_per_step = check_whole(epochs_per_step, "epochs_per_step", 0, 2)
    check_fits_digits(model, data)
    _global_layers(model)
    model = copy_model(model)  # the learner's model stays as it was; deepcopy refuses a freshly pruned one
    results = []
    for sparsity in schedule:
        prune_globally(model, sparsity)
        train(model, data, epochs_per_step, lr=1e-3, progress=progress)
        results.append(_accuracy(model, data))  # train has just checked it
    return model, results
