"""Do the ranks of a data-parallel job hold the same masks? A few CPU processes find out.

Under DistributedDataParallel every rank (process) holds a copy of the
model, and the gradients are averaged across ranks. That only makes sense if
every rank prunes the same weights. `masks_agree_across_ranks` starts a
small job on this machine (the `gloo` backend over 127.0.0.1, no GPU needed),
lets every rank prune the same layer with `prune.random_unstructured`, gathers
all masks and reports whether they are equal.

Each rank is a fresh Python running `_rank_worker.py` by its path: a notebook
cannot hand a function of its own to another process, and running the file
by path imports only torch, not this package with its plotting and widgets,
so the job starts in about the time `import torch` takes.
"""

from __future__ import annotations

import json
import numbers
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .messages import PruneHelperError

SYNCS = (None, "broadcast", "ddp")
MAX_WORLD_SIZE = 4
TIMEOUT_S = 120
WORKER = Path(__file__).with_name("_rank_worker.py")


def _check_scenarios(scenarios) -> list[tuple[bool, str | None]]:
    """A non-empty list of (seed_per_rank, sync) pairs: a real bool and one of `SYNCS`."""
    if isinstance(scenarios, (str, bytes)) or not isinstance(scenarios, Sequence) or len(scenarios) == 0:
        raise PruneHelperError("error.scenarios", value=scenarios)
    checked = []
    for scenario in scenarios:
        if (isinstance(scenario, (str, bytes)) or not isinstance(scenario, Sequence) or len(scenario) != 2
                or not isinstance(scenario[0], (bool, np.bool_))
                or not (scenario[1] is None or (isinstance(scenario[1], str) and scenario[1] in SYNCS))):
            raise PruneHelperError("error.scenarios", value=scenario)
        checked.append((bool(scenario[0]), scenario[1]))
    return checked


def _check_world_size(world_size) -> int:
    if (not isinstance(world_size, numbers.Integral) or isinstance(world_size, (bool, np.bool_))
            or not 2 <= world_size <= MAX_WORLD_SIZE):
        raise PruneHelperError("error.world_size", value=world_size, maximum=MAX_WORLD_SIZE)
    return int(world_size)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def masks_agree_across_ranks(scenarios: Sequence[tuple[bool, str | None]], world_size: int = 2) -> list[bool]:
    """For each (seed_per_rank, sync) scenario: do all ranks end up with the same mask?

    `world_size` processes (2 to 4) are started on this machine with the
    `gloo` backend over 127.0.0.1 and run every scenario in turn, so the
    start-up cost (a few seconds: each process imports torch) is paid once.
    In each scenario every rank builds the same `nn.Linear(16, 8)` and prunes
    half its weights with `prune.random_unstructured`, after seeding with its
    rank number (`seed_per_rank=True`) or with 0 on every rank. `sync` is what
    happens next: None (nothing), "broadcast" (`dist.broadcast` of rank 0's
    mask into every rank's `weight_mask`) or "ddp" (wrapping the model in
    `DistributedDataParallel`, which copies rank 0's parameters and buffers,
    masks included, to every rank when it is built). Bad input is refused
    before any process starts.
    """
    scenarios = _check_scenarios(scenarios)
    world_size = _check_world_size(world_size)
    arguments = [str(world_size), str(_free_port()), json.dumps(scenarios)]
    ranks = [subprocess.Popen([sys.executable, str(WORKER), str(rank), *arguments], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for rank in range(world_size)]
    outputs = []
    try:
        for rank in ranks:
            outputs.append(rank.communicate(timeout=TIMEOUT_S))
    except subprocess.TimeoutExpired:
        for rank in ranks:
            rank.kill()
        raise
    failed = [(number, process.returncode, err) for number, (process, (_, err)) in enumerate(zip(ranks, outputs))
              if process.returncode != 0]
    if failed:
        number, code, err = failed[0]
        raise RuntimeError(f"rank {number} exited with {code}:\n{err[-2000:]}")
    return json.loads(outputs[0][0])
