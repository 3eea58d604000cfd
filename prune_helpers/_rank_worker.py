"""One rank of `masks_agree_across_ranks`, run as a script: `python _rank_worker.py RANK WORLD PORT SCENARIOS`.

Run by path in a fresh Python, it imports only torch (not prune_helpers,
with its plotting and widgets), so the processes start in about the time
`import torch` takes. Rank 0 prints one JSON list of booleans: for each
scenario, whether every rank ended up with the same mask.
"""

import json
import os
import sys
from datetime import timedelta

# Run by path, Python puts this folder first on sys.path: keep the package's own modules (plots, tables, ...)
# from shadowing anything torch imports.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != HERE]

import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn.parallel import DistributedDataParallel  # noqa: E402
from torch.nn.utils import prune  # noqa: E402

TIMEOUT_S = 60


def main(rank: int, world_size: int, port: int, scenarios: list) -> None:
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world_size,
                            timeout=timedelta(seconds=TIMEOUT_S))
    try:
        agree = []
        for seed_per_rank, sync in scenarios:
            torch.manual_seed(0)
            model = nn.Sequential(nn.Linear(16, 8))  # the same weights on every rank
            # A common habit: seed each rank with its number, so that data augmentation differs between ranks.
            torch.manual_seed(rank if seed_per_rank else 0)
            prune.random_unstructured(model[0], name="weight", amount=0.5)
            if sync == "broadcast":
                dist.broadcast(model[0].weight_mask, src=0)  # in place: every rank now holds rank 0's mask
            elif sync == "ddp":
                DistributedDataParallel(model)  # wrapping copies rank 0's parameters and buffers to every rank
            masks = [torch.empty_like(model[0].weight_mask) for _ in range(world_size)]
            dist.all_gather(masks, model[0].weight_mask)
            agree.append(all(torch.equal(mask, masks[0]) for mask in masks))
        if rank == 0:
            print(json.dumps(agree))
        dist.barrier()  # no rank tears down while another still talks to it (that aborted a rank now and then)
    finally:
        dist.destroy_process_group()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4]))
    sys.stdout.flush()
    # Leave without running C++ destructors: after a DDP was built, tearing down its threads at exit aborted
    # a rank now and then ("terminate called without an active exception"), though all its work was done.
    os._exit(0)
