# %% [markdown] lang="ko"
# # 나만의 프루닝
#
# `torch.nn.utils.prune`의 [[pruning]] 함수는 모두 `BasePruningMethod`라는 틀 위에 만들어져 있습니다. [[mask]]를 계산하는
# 함수 하나만 쓰면, 나만의 방법도 `weight_orig`, `weight_mask`, [[hook]], [[iterative]]까지 똑같이 동작합니다.
#
# **배울 것**
# - `BasePruningMethod`를 상속해 `compute_mask`를 쓰기: 하나 걸러 하나 없애기, [[threshold]]으로 없애기
# - 마스크를 직접 주는 `prune.custom_from_mask`, 아무것도 없애지 않는 `prune.identity`, 그리고 `prune.is_pruned`
# - N:M(2:4) [[sparsity]]을 나만의 방법으로 만들고 [[heatmap]]으로 무늬 확인하기

# %% [markdown] lang="en"
# # Custom pruning
#
# Every function in `torch.nn.utils.prune` is built on one framework, `BasePruningMethod`. Write one function that
# computes a mask, and your own method gets `weight_orig`, `weight_mask`, the hook and iterative pruning for free.
#
# **You will learn**
# - subclassing `BasePruningMethod` and writing `compute_mask` (every other weight; a threshold)
# - `prune.custom_from_mask` (you give the mask), `prune.identity` (removes nothing) and `prune.is_pruned`
# - building N:M (2:4) sparsity as a custom method and checking its pattern as a heatmap

# %% tags=["device-dependent"]
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 첫 번째 방법: 하나 걸러 하나
#
# `compute_mask(self, t, default_mask)`는 프루닝할 [[tensor]] `t`와 지금까지의 마스크 `default_mask`를 받아 새 마스크를
# 돌려줍니다. `PRUNING_TYPE`은 반복 프루닝에서 마스크를 합치는 방식을 알려 줍니다 (`"unstructured"`, `"structured"`,
# `"global"`). 다른 `prune.*` 함수처럼 쓰려면 `apply`를 부르는 작은 함수를 하나 만듭니다.

# %% [markdown] lang="en"
# ## A first method: every other weight
#
# `compute_mask(self, t, default_mask)` receives the tensor to prune, `t`, and the mask so far, `default_mask`, and
# returns the new mask. `PRUNING_TYPE` tells iterative pruning how to combine masks (`"unstructured"`,
# `"structured"` or `"global"`). A small function that calls `apply` makes it work like any other `prune.*` function.

# %%
class EveryOtherPruning(prune.BasePruningMethod):
    """Prune every other entry of the flattened tensor."""

    PRUNING_TYPE = "unstructured"

    def compute_mask(self, t, default_mask):
        mask = default_mask.clone()
        mask.view(-1)[::2] = 0
        return mask


def every_other_unstructured(module, name):
    EveryOtherPruning.apply(module, name)
    return module


layer = nn.Linear(6, 4).to(device)
every_other_unstructured(layer, "weight")
print(layer.weight_mask)
print(type(next(iter(layer._forward_pre_hooks.values()))).__name__, [name for name, _ in layer.named_buffers()])

# %% [markdown] lang="ko"
# 훅에는 우리가 만든 `EveryOtherPruning`이 들어 있고, [[buffer]] `weight_mask`도 똑같이 생겼습니다.
#
# ## 두 번째 방법: 문턱값
#
# `apply`에 넘긴 추가 인자는 생성자(`__init__`)로 전달됩니다. 절댓값이 `threshold` 이하인 [[weight]]를 없애는 방법입니다.
# 없앨 **개수**가 아니라 **문턱값**을 정한다는 점이 `l1_unstructured`와 다릅니다.

# %% [markdown] lang="en"
# The hook holds our `EveryOtherPruning`, and the buffer `weight_mask` appeared just the same.
#
# ## A second method: a threshold
#
# Extra arguments to `apply` go to the constructor (`__init__`). This method removes weights whose absolute value is
# at most `threshold`. Unlike `l1_unstructured`, you set a **cut-off value**, not a **count**.

# %%
class ThresholdPruning(prune.BasePruningMethod):
    """Prune every entry whose absolute value is at most `threshold`."""

    PRUNING_TYPE = "unstructured"

    def __init__(self, threshold):
        self.threshold = threshold

    def compute_mask(self, t, default_mask):
        return default_mask * (t.abs() > self.threshold)


conv = nn.Conv2d(4, 4, 3).to(device)
ThresholdPruning.apply(conv, "weight", threshold=0.08)
print(ph.t("table.sparsity"), f"{ph.sparsity(conv.weight):.3f}")
print(bool((conv.weight_orig.abs()[conv.weight_mask == 0] <= 0.08).all()))

# %% [markdown] lang="ko"
# 나만의 방법도 반복 프루닝에 섞을 수 있습니다. 이어서 `l1_unstructured`를 부르면 `PruningContainer`에 둘 다 기록됩니다.

# %% [markdown] lang="en"
# Custom methods mix into iterative pruning too. Call `l1_unstructured` next, and the `PruningContainer` records both.

# %%
prune.l1_unstructured(conv, name="weight", amount=0.2)
ph.pruning_history(conv)

# %% [markdown] lang="ko"
# ## `custom_from_mask`, `identity`, `is_pruned`
#
# - `prune.custom_from_mask(module, name, mask)`: 마스크를 직접 정합니다. [[lesson:structured]]에서 [[bias]]에 마스크를 씌울 때 썼습니다.
# - `prune.identity(module, name)`: 모두 1인 마스크를 씌웁니다. 아무것도 없애지 않지만 프루닝 구조(`_orig`, `_mask`,
#   훅)를 만듭니다. [[lesson:remove_and_save]]에서 프루닝한 [[checkpoint]]를 불러올 때 썼습니다.
# - `prune.is_pruned(module)`: 모듈(또는 그 안의 어떤 모듈)에 프루닝 훅이 있는지 알려 줍니다.

# %% [markdown] lang="en"
# ## `custom_from_mask`, `identity`, `is_pruned`
#
# - `prune.custom_from_mask(module, name, mask)`: you decide the mask. [[Lesson:structured]] used it to mask a bias.
# - `prune.identity(module, name)`: an all-ones mask. It removes nothing but creates the pruning structure (`_orig`,
#   `_mask`, hook). [[Lesson:remove_and_save]] used it to load a pruned checkpoint.
# - `prune.is_pruned(module)`: whether the module (or any module inside it) has a pruning hook.

# %%
layer = nn.Linear(3, 2)
print(prune.is_pruned(layer))
prune.custom_from_mask(layer, name="bias", mask=torch.tensor([1.0, 0.0]))
print(layer.bias_mask, prune.is_pruned(layer))
other = nn.Linear(3, 2)
prune.identity(other, "weight")
print(prune.is_pruned(other), f"{ph.sparsity(other.weight):.1f}", [name for name, _ in other.named_parameters()])

# %% [markdown] lang="ko"
# ## N:M 희소성: 4개마다 2개 남기기
#
# 최신 NVIDIA GPU(Ampere 이후)는 **2:4** 무늬, 즉 연속한 가중치 4개마다 0이 아닌 값이 **많아야 2개**인 행렬을 특별한
# 회로로 빠르게 곱할 수 있습니다. 흩어진 0과 달리 무늬가 규칙적이라서 하드웨어가 활용할 수 있습니다. 각 묶음에서 크기가 큰 2개를
# 남기는 방법을 만들어 봅시다. PyTorch의 `to_sparse_semi_structured`는 이런 텐서를 GPU의 희소 [[compute-kernel]]이 곱할 수 있는 압축
# 형식으로 바꿉니다. 속도는 [[lesson:speed_and_size]]에서 다룹니다.
#
# `PRUNING_TYPE`은 `"global"`로 둡니다. 이미 프루닝한 층에 다시 적용하면 `PruningContainer`가 새 방법에 넘기는 텐서가
# 이 값에 따라 달라집니다. `"unstructured"`이면 **살아남은 값만** 1차원으로 모아 넘기므로 4개씩 묶은 것이 실제 행의 묶음이
# 아니게 됩니다. `"global"`이면 텐서 전체와 지금까지의 마스크를 넘깁니다.

# %% [markdown] lang="en"
# ## N:M sparsity: keep 2 of every 4
#
# Recent NVIDIA GPUs (Ampere and later) multiply matrices with a **2:4** pattern, **at most 2** nonzeros in every 4
# consecutive weights, fast with dedicated circuits. Unlike scattered zeros, the pattern is regular enough for hardware
# to exploit. Let us write a method that keeps the 2 largest weights in every group of 4. (PyTorch's
# `to_sparse_semi_structured` turns such a tensor into a compressed format that the GPU's sparse kernels multiply;
# [[lesson:speed_and_size]] covers speed.)
#
# `PRUNING_TYPE` is `"global"`. It decides what a `PruningContainer` hands the new method when the layer was pruned
# before: with `"unstructured"` it passes **only the surviving values**, flattened, so groups of 4 would no longer be
# groups of a row; with `"global"` it passes the whole tensor and the mask so far.

# %%
class TwoFourPruning(prune.BasePruningMethod):
    """Keep the 2 largest |w| in every group of 4 consecutive weights of a row."""

    PRUNING_TYPE = "global"

    def compute_mask(self, t, default_mask):
        groups = (t.detach().abs() * default_mask).reshape(-1, 4)
        keep = groups.topk(2, dim=1).indices
        mask = torch.zeros_like(groups).scatter_(1, keep, 1.0)
        return default_mask * mask.reshape(t.shape)


linear = nn.Linear(16, 8).to(device)
TwoFourPruning.apply(linear, "weight")
groups = linear.weight_mask.reshape(-1, 4)
print(ph.t("table.sparsity"), f"{ph.sparsity(linear.weight):.2f}", bool((groups.sum(dim=1) == 2).all()))
ph.plot_mask(linear, with_bias=False, group=4)

# %% [markdown] lang="ko"
# 모든 행이 4칸씩 묶여 있고, 묶음마다 정확히 2칸이 어둡습니다. 희소성은 1 − 2/4 = 50%입니다. 같은 50%라도
# 무작위 [[unstructured]]의 마스크에는 이런 규칙이 없습니다.
#
# 이미 프루닝한 층에 쌓아도 묶음이 유지되는지 봅시다. 앞선 프루닝이 만든 0이 있는 묶음은 0이 아닌 값이 2개보다 적을 수
# 있습니다. 하드웨어의 조건은 "많아야 2개"이므로 괜찮습니다.

# %% [markdown] lang="en"
# Every row is split into groups of 4, and exactly 2 cells of each group are dark. The sparsity is
# 1 − 2/4 = 50%. A random unstructured mask at the same 50% has no such regularity.
#
# Does the grouping survive stacking on an earlier pruning? A group that already had zeros may keep fewer than 2
# nonzeros; the hardware asks for "at most 2", so that is fine.

# %%
stacked = nn.Linear(16, 8).to(device)
prune.l1_unstructured(stacked, name="weight", amount=0.3)
TwoFourPruning.apply(stacked, "weight")
kept_per_group = stacked.weight_mask.reshape(-1, 4).sum(dim=1)
print(int(kept_per_group.max()), bool((kept_per_group <= 2).all()), f"{ph.sparsity(stacked.weight):.2f}")

# %% [markdown] lang="ko"
# 앞의 30%와 2:4가 합쳐져서 희소성이 50%보다 높아졌지만, 모든 묶음은 여전히 0이 아닌 값이 많아야 2개입니다.
#
# ## 정리
#
# - `prune.BasePruningMethod`를 상속하고 `compute_mask(t, default_mask)`와 `PRUNING_TYPE`을 정하면 나만의 방법이 됩니다.
#   `Method.apply(module, name, ...)`로 적용하고, 추가 인자는 생성자로 갑니다.
# - `custom_from_mask`는 마스크를 직접 주고, `identity`는 구조만 만들고, `is_pruned`는 프루닝 여부를 알려 줍니다.
# - N:M 희소성은 규칙적인 무늬 덕분에 하드웨어가 빠르게 처리할 수 있습니다. 2:4의 희소성은 50%입니다. 다른 프루닝 위에
#   쌓을 방법은 `PRUNING_TYPE = "global"`로 두어 텐서 전체를 받게 하세요.
#
# ## 연습 문제
#
# **[[exercise:1]].** 2:4 희소성을 적용한 층의 희소성은 얼마인가요? 소수로 답하세요.

# %% [markdown] lang="en"
# The earlier 30% and the 2:4 pattern add up to more than 50% sparsity, yet every group still has at most 2 nonzeros.
#
# ## Summary
#
# - Subclass `prune.BasePruningMethod`, define `compute_mask(t, default_mask)` and `PRUNING_TYPE`, and you have a
#   pruning method. Apply it with `Method.apply(module, name, ...)`; extra arguments go to the constructor.
# - `custom_from_mask` takes your mask, `identity` only builds the structure, `is_pruned` says whether a module is pruned.
# - N:M sparsity has a regular pattern that hardware can exploit. 2:4 means 50% sparsity. A method meant to stack on
#   other pruning sets `PRUNING_TYPE = "global"`, so it receives the whole tensor.
#
# ## Exercises
#
# **[[exercise:1]].** What is the sparsity of a layer with 2:4 sparsity? Answer as a decimal.

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** `prune.identity(conv, "weight")` 뒤에 `prune.is_pruned(conv)`는 무엇을 돌려줄까요?

# %% [markdown] lang="en"
# **[[exercise:2]].** What does `prune.is_pruned(conv)` return after `prune.identity(conv, "weight")`?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 여기까지가 `torch.nn.utils.prune` API 전체입니다. 다음 수업부터는 실제 데이터로 학습한 모델을 프루닝하고 정확도, 크기,
# 속도를 정직하게 잽니다.

# %% [markdown] lang="en"
# That covers the whole `torch.nn.utils.prune` API. From the next lesson on, we prune a model trained on real data and
# measure accuracy, size and speed honestly.
