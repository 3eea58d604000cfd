# %% [markdown] lang="ko"
# # 11. 함정 클리닉과 다음 단계
#
# 강좌에서 만난 함정을 한자리에 모았습니다. 각 함정마다 **고장 난 셀**(일부러 실패하거나 잘못된 결과를 냄)과 **고친 셀**이
# 짝을 이룹니다. 오류 메시지를 직접 읽어 보고, 무엇이 원인인지 말로 설명할 수 있는지 확인해 보세요. 마지막에는 다음에
# 공부할 도구 세 가지를 짧은 예제로 소개합니다.
#
# **배울 것**
# - 일곱 가지 흔한 실수의 오류 메시지와 해결법
# - `torch.compile`과 프루닝의 순서
# - 다음 단계: `torch.nn.utils.parametrize`, `torch.ao.pruning`, 반정형(2:4) 희소성

# %% [markdown] lang="en"
# # 11. Pitfall clinic and next steps
#
# The traps met in this course, gathered in one place. Each has a **broken cell** (it fails on purpose, or gives a wrong
# result) and a **fixed cell**. Read each error message yourself and check that you can say what causes it. At the end,
# three tools to learn next, each with a short example.
#
# **You will learn**
# - the error messages and fixes of seven common mistakes
# - the order of `torch.compile` and pruning
# - next steps: `torch.nn.utils.parametrize`, `torch.ao.pruning`, semi-structured (2:4) sparsity

# %%
import copy

import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
example = torch.randn(2, 1, 8, 8)

# %% [markdown] lang="ko"
# ## 1. 프루닝한 `state_dict`를 새 모델에 불러오기
#
# **고장:** 키가 `weight_orig`/`weight_mask`라서 새 모델의 `weight`와 맞지 않습니다.

# %% [markdown] lang="en"
# ## 1. Loading a pruned `state_dict` into a fresh model
#
# **Broken:** the keys are `weight_orig`/`weight_mask`, which do not match the fresh model's `weight`.

# %%
pruned = ph.small_cnn()
prune.global_unstructured(ph.prunable_layers(pruned), pruning_method=prune.L1Unstructured, amount=0.8)
state = pruned.state_dict()

# %% tags=["raises-exception"]
ph.small_cnn().load_state_dict(state)

# %% [markdown] lang="ko"
# **고침:** 새 모델에 `prune.identity`로 같은 구조를 먼저 만들거나 (`ph.load_into`가 해 줍니다), 저장하기 전에 `prune.remove`하세요.

# %% [markdown] lang="en"
# **Fixed:** build the same structure in the fresh model with `prune.identity` first (`ph.load_into` does it), or
# `prune.remove` before saving.

# %%
fresh = ph.load_into(ph.small_cnn(), state)
with torch.no_grad():
    print(torch.equal(fresh(example), pruned(example)))

# %% [markdown] lang="ko"
# ## 2. 프루닝 직후의 `copy.deepcopy`
#
# **고장:** `weight`가 자동 미분 그래프의 중간 결과라서 복사가 거부됩니다.

# %% [markdown] lang="en"
# ## 2. `copy.deepcopy` right after pruning
#
# **Broken:** `weight` is an intermediate result in the autograd graph, and deepcopy refuses it.

# %%
layer = nn.Linear(4, 4)
prune.l1_unstructured(layer, name="weight", amount=0.5)

# %% tags=["raises-exception"]
copy.deepcopy(layer)

# %% [markdown] lang="ko"
# **고침:** `torch.no_grad()` 안에서 순전파를 한 번 하거나, 프루닝하기 전에 복사하세요.

# %% [markdown] lang="en"
# **Fixed:** run one forward pass inside `torch.no_grad()`, or copy before pruning.

# %%
with torch.no_grad():
    layer(torch.zeros(1, 4))
print(torch.equal(copy.deepcopy(layer).weight_mask, layer.weight_mask))

# %% [markdown] lang="ko"
# ## 3. `torch.compile` 뒤에 프루닝하기
#
# **고장(느림):** 컴파일한 뒤에 프루닝하면 모듈에 훅과 버퍼가 새로 생겨서 컴파일된 그래프가 맞지 않게 되고, PyTorch가
# **다시 컴파일**합니다. 결과는 맞지만, 큰 모델에서 기본 백엔드(Inductor)로는 다시 컴파일하는 데 수십 초가 걸릴 수 있습니다
# (이 작은 모델도 여기서 14초). 여기서는 빠른 `backend="eager"`로 컴파일하고, `torch._dynamo`의 내부 카운터로 그래프 수만
# 셉니다 (내부 API라서 버전에 따라 바뀔 수 있습니다).

# %% [markdown] lang="en"
# ## 3. Pruning after `torch.compile`
#
# **Broken (slow):** pruning after compiling adds hooks and buffers to the module, the compiled graph no longer fits,
# and PyTorch **recompiles**. The result is right, but with the default backend (Inductor) a recompile of a large model
# can take tens of seconds (14 s even for a tiny model here). This cell compiles with the fast `backend="eager"` and
# counts graphs with an internal counter of `torch._dynamo` (internal, so it may change between versions).

# %%
import torch._dynamo
from torch._dynamo.utils import counters


def compiled_graphs(prune_first):
    torch._dynamo.reset()
    counters.clear()
    model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2))
    x = torch.randn(4, 8)
    if prune_first:
        prune.l1_unstructured(model[0], name="weight", amount=0.5)
    compiled = torch.compile(model, backend="eager")
    compiled(x)
    if not prune_first:
        prune.l1_unstructured(model[0], name="weight", amount=0.5)
    correct = torch.equal(compiled(x), model(x))
    return counters["stats"]["unique_graphs"], correct


print("prune after compile :", compiled_graphs(prune_first=False))

# %% [markdown] lang="ko"
# **고침:** 프루닝을 먼저 하고, 그다음에 컴파일하세요. 그래프가 하나뿐입니다.

# %% [markdown] lang="en"
# **Fixed:** prune first, then compile. One graph.

# %%
print("prune before compile:", compiled_graphs(prune_first=True))

# %% [markdown] lang="ko"
# ## 4. 장치가 다른 마스크
#
# **고장:** 모델은 GPU에 있는데 마스크를 CPU에서 만들어 `custom_from_mask`에 넘기면 장치가 달라 실패합니다. 이 셀은 GPU가 없는
# 컴퓨터에서도 같은 실수를 보여 주려고 GPU 대신 `meta` 장치(모양만 있고 값은 없는 가짜 장치)를 씁니다.

# %% [markdown] lang="en"
# ## 4. A mask on another device
#
# **Broken:** the model lives on a GPU, but the mask passed to `custom_from_mask` was made on the CPU, so the devices
# differ. To show the same mistake on machines without a GPU, this cell uses the `meta` device (shapes without values)
# in place of a GPU.

# %%
layer = nn.Linear(4, 2).to("meta")
mask = torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0]])

# %% tags=["raises-exception"]
prune.custom_from_mask(layer, name="weight", mask=mask)

# %% [markdown] lang="ko"
# **고침:** 마스크를 가중치와 같은 장치로 옮기세요. 실패한 호출은 층을 바꾸지 않았으므로 (버퍼 목록이 비어 있음) 바로 다시 부르면 됩니다. (프루닝 함수가 만든 마스크는 버퍼라서 `.to(device)`를 알아서 따라갑니다.
# 문제는 직접 만든 텐서입니다.)

# %% [markdown] lang="en"
# **Fixed:** move the mask to the weight's device. The failed call left the layer unchanged (no buffers yet), so just call it again. (Masks made by the pruning functions are buffers and follow
# `.to(device)` by themselves; tensors you make yourself do not.)

# %%
print([name for name, _ in layer.named_buffers()])
prune.custom_from_mask(layer, name="weight", mask=mask.to(layer.weight.device))
print(layer.weight_mask.device.type)

# %% [markdown] lang="ko"
# ## 5. `global_unstructured`에 `model.parameters()` 넘기기
#
# **고장:**

# %% [markdown] lang="en"
# ## 5. Passing `model.parameters()` to `global_unstructured`
#
# **Broken:**

# %%
model = ph.small_cnn()

# %% tags=["raises-exception"]
prune.global_unstructured(model.parameters(), pruning_method=prune.L1Unstructured, amount=0.5)

# %% [markdown] lang="ko"
# **고침:** `(모듈, "weight")` 쌍의 리스트를 넘기세요.

# %% [markdown] lang="en"
# **Fixed:** pass a list of `(module, "weight")` pairs.

# %%
pairs = [(m, "weight") for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
prune.global_unstructured(pairs, pruning_method=prune.L1Unstructured, amount=0.5)
print(ph.sparsity_report(model).rows[-1])

# %% [markdown] lang="ko"
# ## 6. 모델 전체에 `prune.remove`
#
# **고장:**

# %% [markdown] lang="en"
# ## 6. `prune.remove` on a whole model
#
# **Broken:**

# %% tags=["raises-exception"]
prune.remove(model, "weight")

# %% [markdown] lang="ko"
# **고침:** 프루닝된 모듈마다 부르세요.

# %% [markdown] lang="en"
# **Fixed:** call it on each pruned module.

# %%
for module in model.modules():
    if hasattr(module, "weight_mask"):
        prune.remove(module, "weight")
print(prune.is_pruned(model), f"{ph.sparsity(model.conv3.weight):.2f}")

# %% [markdown] lang="ko"
# ## 7. `torchsummary`에 층 하나만 넘기기
#
# **고장:**

# %% [markdown] lang="en"
# ## 7. Passing a single layer to `torchsummary`
#
# **Broken:**

# %%
from torchsummary import summary

conv = nn.Conv2d(1, 4, 3)

# %% tags=["raises-exception"]
summary(conv, (1, 8, 8), device="cpu")

# %% [markdown] lang="ko"
# **고침:** `nn.Sequential`로 감싸세요. 그리고 `summary`는 프루닝한 뒤에도 0을 파라미터로 센다는 것을 기억하세요.

# %% [markdown] lang="en"
# **Fixed:** wrap it in `nn.Sequential`, and remember that `summary` still counts pruned zeros as parameters.

# %%
summary(nn.Sequential(conv), (1, 8, 8), device="cpu")

# %% [markdown] lang="ko"
# ## 8. 마스크로 빨라지기를 기대하기
#
# **고장(기대):** "가중치의 50%를 없앴으니 두 배 빨라지겠지." 잰 결과는 반대입니다. (시간은 자동 검사에서 비교하지 않습니다.)

# %% [markdown] lang="en"
# ## 8. Expecting masks to bring speed
#
# **Broken (expectation):** "half the weights are gone, so it must be twice as fast." Measurement says the opposite.
# (Timings are not compared by the automatic check.)

# %% tags=["nbval-ignore-output"]
dense = ph.small_cnn()
masked = ph.prune_filters(copy.deepcopy(dense), 0.5)
ph.speed_table({"dense": dense, "masked": masked, "compact": ph.compact(masked)}, (1, 8, 8), batch_sizes=(1,), rounds=3)

# %% [markdown] lang="ko"
# **고침:** 구조적으로 프루닝하고 `ph.compact`(또는 Torch-Pruning)로 채널을 실제로 잘라 내세요 (10 수업). 마스크를 씌운
# 모델은 순전파마다 마스크를 곱하느라 더 느립니다.
#
# ## 다음 단계 1: `torch.nn.utils.parametrize`
#
# `prune`의 훅 방식 대신, 파라미터에 "계산 단계"를 끼우는 더 새로운 장치입니다. 마스크를 곱하는 작은 모듈을 등록하면 같은
# 효과가 나고, `deepcopy`도 바로 되고, `remove_parametrizations`로 굳힐 수 있습니다.

# %% [markdown] lang="en"
# **Fixed:** prune structurally and cut the channels out with `ph.compact` (or Torch-Pruning), as in lesson 10. A masked
# model is slower because it multiplies the mask before every forward pass.
#
# ## Next step 1: `torch.nn.utils.parametrize`
#
# A newer mechanism than `prune`'s hooks: it inserts a "computation step" in front of a parameter. Register a small
# module that multiplies by a mask and you get the same effect; `deepcopy` works right away, and
# `remove_parametrizations` bakes it in.

# %%
import torch.nn.utils.parametrize as parametrize


class ApplyMask(nn.Module):
    def __init__(self, mask):
        super().__init__()
        self.register_buffer("mask", mask)

    def forward(self, weight):
        return weight * self.mask


layer = nn.Linear(4, 4)
parametrize.register_parametrization(layer, "weight", ApplyMask((layer.weight.abs() > 0.2).float()))
print([name for name, _ in layer.named_parameters()])
print(f"{ph.sparsity(layer.weight):.2f}", type(copy.deepcopy(layer)).__name__)
parametrize.remove_parametrizations(layer, "weight")
print([name for name, _ in layer.named_parameters()], f"{ph.sparsity(layer.weight):.2f}")

# %% [markdown] lang="ko"
# ## 다음 단계 2: `torch.ao.pruning`
#
# PyTorch의 `torch.ao.pruning`은 학습 중에 희소성을 점점 높이는 "sparsifier"를 제공합니다. `WeightNormSparsifier`로 2:4
# 무늬(블록 4칸마다 0 두 개)를 만들어 봅시다. `squash_mask()`는 `prune.remove`처럼 마스크를 굳힙니다.

# %% [markdown] lang="en"
# ## Next step 2: `torch.ao.pruning`
#
# PyTorch's `torch.ao.pruning` offers "sparsifiers" that raise sparsity during training. Let us make a 2:4 pattern (two
# zeros in every block of 4) with `WeightNormSparsifier`. `squash_mask()` bakes the masks in, like `prune.remove`.

# %%
from torch.ao.pruning import WeightNormSparsifier

model = nn.Sequential(nn.Linear(16, 8))
sparsifier = WeightNormSparsifier(sparsity_level=1.0, sparse_block_shape=(1, 4), zeros_per_block=2)
sparsifier.prepare(model, config=[{"tensor_fqn": "0.weight"}])
sparsifier.step()
sparsifier.squash_mask()
weight = model[0].weight.detach()
print(f"{ph.sparsity(weight):.2f}", bool(((weight.reshape(-1, 4) == 0).sum(dim=1) == 2).all()))

# %% [markdown] lang="ko"
# ## 다음 단계 3: 반정형(2:4) 희소성
#
# 2:4 무늬의 가중치는 `torch.sparse.to_sparse_semi_structured`로 바꾸면 지원하는 NVIDIA GPU에서 실제로 빨라집니다. 10 수업의
# 마지막 셀이 GPU가 있을 때 그 속도를 잽니다. 더 읽을거리: PyTorch 공식 문서의 `torch.sparse`, Torch-Pruning의 구조적
# 프루닝, 그리고 Han 외(2015) "Learning both Weights and Connections for Efficient Neural Networks".
#
# ## 정리
#
# - 새 모델에 불러오기: `prune.identity`로 구조를 만들거나 `prune.remove` 후 저장. `deepcopy`: `no_grad` 순전파 뒤에.
# - 프루닝은 `torch.compile` **전에**. 마스크는 가중치와 같은 장치에.
# - `global_unstructured`에는 `(모듈, 이름)` 쌍의 리스트, `prune.remove`는 모듈마다, `torchsummary`에는 `nn.Sequential`.
# - 마스크로는 빨라지지 않습니다: 채널을 잘라 내야 합니다.
# - 다음 단계: `parametrize`, `torch.ao.pruning`, 반정형 희소성.
#
# ## 연습 문제
#
# **11-1.** `nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2))`의 가중치를 모두 전역 프루닝하려면 `global_unstructured`에
# 쌍이 몇 개 든 리스트를 넘겨야 하나요?

# %% [markdown] lang="en"
# ## Next step 3: semi-structured (2:4) sparsity
#
# Weights with a 2:4 pattern, converted with `torch.sparse.to_sparse_semi_structured`, really run faster on supported
# NVIDIA GPUs. The last cell of lesson 10 measures it when a GPU is present. Further reading: PyTorch's `torch.sparse`
# documentation, Torch-Pruning for structured pruning, and Han et al. (2015), "Learning both Weights and Connections
# for Efficient Neural Networks".
#
# ## Summary
#
# - Loading into a fresh model: build the structure with `prune.identity`, or `prune.remove` before saving.
#   `deepcopy`: after a `no_grad` forward pass.
# - Prune **before** `torch.compile`. Keep masks on the weight's device.
# - `global_unstructured` takes a list of `(module, name)` pairs, `prune.remove` goes module by module, `torchsummary`
#   needs `nn.Sequential`.
# - Masks bring no speed: cut the channels out.
# - Next steps: `parametrize`, `torch.ao.pruning`, semi-structured sparsity.
#
# ## Exercises
#
# **11-1.** To globally prune every weight of `nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2))`, how many
# pairs must the list passed to `global_unstructured` hold?

# %%
ph.check("11-1", answer=None)

# %% [markdown] lang="ko"
# **11-2.** 프루닝한 층을 `.to(device)`로 옮기면 `weight_mask`도 함께 옮겨질까요? `True` 또는 `False`로 답하세요.

# %% [markdown] lang="en"
# **11-2.** When a pruned layer is moved with `.to(device)`, does its `weight_mask` move too? Answer `True` or `False`.

# %%
ph.check("11-2", answer=None)

# %% [markdown] lang="ko"
# 강좌를 마쳤습니다. 수고하셨습니다! 처음부터 다시 보려면 [00 환경 설정](00_setup.ipynb)으로 가세요.

# %% [markdown] lang="en"
# You have finished the course. Well done! To start over, go to [00 Setup](00_setup.ipynb).
