# %% [markdown] lang="ko"
# # 함정 클리닉과 다음 단계
#
# 강좌에서 만난 함정을 한자리에 모았습니다. 함정마다 **고장 난 셀**(일부러 실패하거나 잘못된 결과를 냄)과 **고친 셀**이
# 짝을 이룹니다. 오류 메시지를 직접 읽어 보고, 무엇이 원인인지 말로 설명할 수 있는지 확인해 보세요. 마지막에는 다음에
# 공부할 도구 세 가지를 짧은 예제로 소개합니다.
#
# **배울 것**
# - 열 가지 흔한 실수의 오류 메시지와 해결법
# - `torch.compile`과 [[pruning]]의 순서
# - [[mask]]를 씌운 채로 배포하면 생기는 일(TorchScript, `torch.export`, int8 양자화)과 제대로 된 순서
# - 큰 모델과 여러 GPU에서의 프루닝: 전역 순위와 마스크가 차지하는 메모리, 모든 랭크가 같은 마스크를 갖게 하기
# - 다음 단계: `torch.nn.utils.parametrize`, `torch.ao.pruning`, 2:4 [[semi-structured]]

# %% [markdown] lang="en"
# # Pitfall clinic and next steps
#
# The traps met in this course, gathered in one place. Each has a **broken cell** (it fails on purpose, or gives a wrong
# result) and a **fixed cell**. Read each error message yourself and check that you can say what causes it. At the end,
# three tools to learn next, each with a short example.
#
# **You will learn**
# - the error messages and fixes of ten common mistakes
# - the order of `torch.compile` and pruning
# - what goes wrong when a masked model is deployed (TorchScript, `torch.export`, int8 quantization), and the order
#   that works
# - pruning at scale and on several GPUs: the memory of global ranking and of masks, and the same masks on every rank
# - next steps: `torch.nn.utils.parametrize`, `torch.ao.pruning`, semi-structured (2:4) sparsity

# %% tags=["device-dependent"]
import copy

import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()
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
# **고장:** `weight`가 [[autograd]] 그래프의 중간 결과라서 복사가 거부됩니다.

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
# **고침:** `torch.no_grad()` 안에서 [[forward]]를 한 번 하거나, 프루닝하기 전에 복사하세요. 다만 `no_grad` 순전파의 효과는
# [[gradient]]를 기록하는 다음 순전파(학습 한 걸음)까지만 갑니다. 그 뒤에는 다시 실패하므로, 학습 중에는 `ph.copy_model(model)`이
# 안전합니다. 계산된 `weight`를 기록 없이 복사하고 순전파는 하지 않습니다.

# %% [markdown] lang="en"
# **Fixed:** run one forward pass inside `torch.no_grad()`, or copy before pruning. The `no_grad` pass only lasts
# until the next forward pass with gradients (a training step); after that deepcopy fails again, so during training
# `ph.copy_model(model)` is the safe choice: it copies the computed `weight` without its history and runs no forward
# pass.

# %%
with torch.no_grad():
    layer(torch.zeros(1, 4))
print(torch.equal(copy.deepcopy(layer).weight_mask, layer.weight_mask))
layer(torch.zeros(1, 4)).sum().backward()
print(torch.equal(ph.copy_model(layer).weight_mask, layer.weight_mask))

# %% [markdown] lang="ko"
# ## 3. `torch.compile` 뒤에 프루닝하기
#
# **고장(느림):** 컴파일한 뒤에 프루닝하면 모듈에 [[hook]]과 [[mask]] [[buffer]]가 새로 생겨서 컴파일된 그래프가 맞지 않게 되고, PyTorch가
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
    model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2)).to(device)
    x = torch.randn(4, 8).to(device)
    if prune_first:
        prune.l1_unstructured(model[0], name="weight", amount=0.5)
    compiled = torch.compile(model, backend="eager")
    compiled(x)
    if not prune_first:
        prune.l1_unstructured(model[0], name="weight", amount=0.5)
    correct = torch.equal(compiled(x), model(x))
    return counters["stats"]["unique_graphs"], correct


print(ph.t("out.prune_after_compile"), compiled_graphs(prune_first=False))

# %% [markdown] lang="ko"
# **고침:** 프루닝을 먼저 하고, 그다음에 컴파일하세요. 그래프가 하나뿐입니다.

# %% [markdown] lang="en"
# **Fixed:** prune first, then compile. One graph.

# %%
print(ph.t("out.prune_before_compile"), compiled_graphs(prune_first=True))

# %% [markdown] lang="ko"
# 순서를 지켜도 컴파일한 **뒤에** 프루닝 구조를 바꾸면 다시 컴파일합니다. 두 번째 프루닝(마스크가 `PruningContainer`로
# 바뀝니다)과 `prune.remove`(훅과 버퍼가 사라집니다)도 각각 그래프를 하나씩 더 만듭니다. 프루닝을 모두 마치고
# `remove`까지 한 뒤에 컴파일하는 것이 가장 쌉니다.

# %% [markdown] lang="en"
# Even in the right order, changing the pruning *after* compiling recompiles. A second pruning (the mask becomes a
# `PruningContainer`) and `prune.remove` (hook and buffers disappear) each add one more graph. Compiling once all
# pruning and `remove` are done is cheapest.

# %%
torch._dynamo.reset()
counters.clear()
model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2)).to(device)
x = torch.randn(4, 8).to(device)
prune.l1_unstructured(model[0], name="weight", amount=0.5)
compiled = torch.compile(model, backend="eager")
compiled(x)
graphs = [counters["stats"]["unique_graphs"]]
prune.l1_unstructured(model[0], name="weight", amount=0.5)
compiled(x)
graphs.append(counters["stats"]["unique_graphs"])
prune.remove(model[0], "weight")
compiled(x)
graphs.append(counters["stats"]["unique_graphs"])
print(graphs)

# %% [markdown] lang="ko"
# ## 4. 장치가 다른 마스크
#
# **고장:** 모델은 GPU에 있는데 마스크 [[tensor]]를 CPU에서 만들어 `custom_from_mask`에 넘기면 [[device]]가 달라 실패합니다. 이 셀은 GPU가 없는
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
# **고침:** 마스크를 [[weight]]와 같은 장치로 옮기세요. 이 층은 처음 프루닝하는 것이었으므로 실패한 호출이 층을
# 바꾸지 않았고(버퍼 목록이 비어 있음), 바로 다시 부르면 됩니다. (프루닝 함수가 만든 마스크는 버퍼라서 `.to(device)`를
# 알아서 따라갑니다. 문제는 직접 만든 텐서입니다.)

# %% [markdown] lang="en"
# **Fixed:** move the mask to the weight's device. This was the layer's first pruning, so the failed call left it
# unchanged (no buffers yet), and calling again just works. (Masks made by the pruning functions are buffers and follow
# `.to(device)` by themselves; tensors you make yourself do not.)

# %%
print([name for name, _ in layer.named_buffers()])
prune.custom_from_mask(layer, name="weight", mask=mask.to(layer.weight.device))
print(layer.weight_mask.device.type)

# %% [markdown] lang="ko"
# **하지만 두 번째 프루닝이 실패하면 다릅니다.** 이미 프루닝한 층에 다시 프루닝하면 PyTorch는 먼저 기존 훅을 떼어 낸 뒤
# 새 마스크를 계산합니다. 그 계산이 실패하면 떼어 낸 훅을 되돌려 놓지 않습니다. 층에는 `weight_orig`와 옛 `weight_mask`가
# 남지만 훅이 없어서 `prune.is_pruned`는 `False`이고, 마스크는 더 이상 적용되지 않으며, `prune.remove`도 실패합니다.
# (`torch/nn/utils/prune.py`의 `BasePruningMethod.apply`가 이 순서로 동작합니다. 마지막 셀은 일부러 실패합니다.)
# 두 번째 프루닝 전에는 입력을 먼저 확인하세요. `ph.apply_method`는 무엇이든 바꾸기 전에 확인합니다.

# %% [markdown] lang="en"
# **A failed second pruning is another story.** Pruning an already pruned layer makes PyTorch take the existing hook off
# first and only then compute the new mask; if that fails, the hook is not put back. The layer keeps `weight_orig` and
# the old `weight_mask` but has no hook, so `prune.is_pruned` says `False`, the mask is no longer applied, and
# `prune.remove` fails. (`BasePruningMethod.apply` in `torch/nn/utils/prune.py` works in this order. The last cell
# fails on purpose.) Check inputs before a second pruning; `ph.apply_method` checks before it changes anything.

# %% tags=["raises-exception", "device-dependent"]
twice = nn.Linear(4, 2).to(device)
prune.l1_unstructured(twice, name="weight", amount=0.5)
prune.custom_from_mask(twice, name="weight", mask=torch.ones(2, 4, device="meta"))

# %%
print(len(twice._forward_pre_hooks), [name for name, _ in twice.named_buffers()], prune.is_pruned(twice))

# %% tags=["raises-exception"]
prune.remove(twice, "weight")

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
# **고침:** `nn.Sequential`로 감싸세요. 그리고 `summary`는 프루닝한 뒤에도 0을 [[parameter]]로 센다는 것을 기억하세요.

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
models = {ph.t("model.dense"): dense, ph.t("model.masked"): masked, ph.t("model.compact", share="50%"): ph.compact(masked)}
ph.speed_table(models, (1, 8, 8), batch_sizes=(1,), rounds=3)

# %% [markdown] lang="ko"
# **고침:** 구조적으로 프루닝하고 `ph.compact`(또는 Torch-Pruning)로 채널을 실제로 잘라 내세요 ([[lesson:speed_and_size]]). 마스크를 씌운
# 모델은 순전파마다 마스크를 곱하느라 더 느립니다.

# %% [markdown] lang="en"
# **Fixed:** prune structurally and cut the channels out with `ph.compact` (or Torch-Pruning), as in [[lesson:speed_and_size]]. A masked
# model is slower because it multiplies the mask before every forward pass.

# %% [markdown] lang="ko"
# ## 9. 마스크를 씌운 채로 배포하기
#
# 학습을 마친 모델은 보통 다른 형식으로 바꿔서 배포합니다. 그래프로 내보내거나(TorchScript, `torch.export`), 가중치를
# 8비트 정수로 줄이는 int8 양자화(quantization)를 합니다. 프루닝 훅과 마스크가 남아 있는 모델은 이 단계에서 걸립니다.
# 먼저 손글씨 숫자를 분류하는 작은 MLP(`Linear` 두 개)를 학습하고, 가중치의 80%를 [[global]]한 뒤 2[[epoch]]
# [[fine-tuning]]합니다. 배포할 곳은 CPU라서 이 절은 모두 CPU에서 계산합니다 (동적 int8 양자화는 CPU에서만 실행됩니다). 09
# 수업처럼 float64로 학습해서 어느 컴퓨터에서나 같은 숫자가 나오게 하고, 배포하기 전에 float32로 바꿉니다. 바꾼 뒤의
# `no_grad` 순전파는 훅이 `weight`를 float32로 다시 계산하게 합니다 (2번 함정처럼 복사도 할 수 있게 됩니다).

# %% [markdown] lang="en"
# ## 9. Deploying a model that still has masks
#
# A trained model is usually converted before deployment: exported as a graph (TorchScript, `torch.export`), or
# quantized to int8, its weights stored as 8-bit integers. A model that still carries pruning hooks and masks trips at
# this step. First, train a small MLP (two `Linear` layers) on the handwritten digits, prune 80% of its weights
# globally and fine-tune for 2 epochs. Deployment here targets the CPU, so this whole section computes on the CPU
# (dynamic int8 quantization runs on the CPU only). As in [[lesson:real_model]] the training is float64, so that every machine
# prints the same numbers, and the model is switched to float32 before deployment. The `no_grad` forward pass after
# the switch makes the hook recompute `weight` in float32 (and, as in pitfall 2, makes the model copyable).

# %%
import warnings

digits = ph.load_digits_data(dtype=torch.float64)
torch.manual_seed(0)
mlp = nn.Sequential(nn.Flatten(), nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10)).double()
ph.train(mlp, digits, epochs=10, progress=False)
dense_mlp = copy.deepcopy(mlp)
ph.prune_globally(mlp, 0.8)
ph.train(mlp, digits, epochs=2, lr=1e-3, progress=False)
print(ph.t("out.deploy_accuracy", dense=ph.accuracy(dense_mlp, digits), pruned=ph.accuracy(mlp, digits)))
mlp.float()
dense_mlp.float()
x = digits.test_x[:4].float()
with torch.no_grad():
    mlp(x)

# %% [markdown] lang="ko"
# **고장 1: TorchScript.** `torch.jit.script`는 모듈의 [[forward-pre-hook]]까지 컴파일하는데, 훅마다 이름(`__name__`)이 있는
# 함수이기를 기대합니다. 프루닝 훅은 함수가 아니라 객체(`CustomFromMask`)라서 이름이 없다는 오류로 실패합니다. 어차피
# PyTorch 문서는 TorchScript를 더 이상 권하지 않고(deprecated) `torch.export`를 쓰라고 안내합니다.

# %% [markdown] lang="en"
# **Broken 1: TorchScript.** `torch.jit.script` compiles a module's forward pre-hooks too and expects each to be a
# function with a name (`__name__`). The pruning hook is an object (`CustomFromMask`), not a function, so scripting
# fails for want of a name. PyTorch's documentation marks TorchScript as deprecated anyway and points to
# `torch.export`.

# %% tags=["raises-exception"]
torch.jit.script(mlp)

# %% [markdown] lang="ko"
# **고장 2: `torch.export`.** 내보내기는 되고 결과도 맞습니다. 하지만 내보낸 프로그램에는 `weight` 대신 `weight_orig`와
# `weight_mask`가 들어 있고, 그래프는 부를 때마다 둘을 곱합니다(`aten.mul` 두 번). 가중치를 두 벌 싣고 다니며 매번
# 마스크를 곱하는 셈입니다. (훅이 내보내는 도중에 `weight`를 덮어쓴다는 경고가 나와서 경고를 끕니다.)

# %% [markdown] lang="en"
# **Broken 2: `torch.export`.** Exporting works, and the results are right. But the exported program holds
# `weight_orig` and `weight_mask` instead of `weight`, and its graph multiplies them on every call (two `aten.mul`):
# two copies of the weights travel with it, and the mask is applied every time. (The hook overwrites `weight` during
# export, which triggers a warning; it is silenced here.)

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    program = torch.export.export(mlp, (x,))
with torch.no_grad():
    print(torch.equal(program.module()(x), mlp(x)))
print([name for name in program.state_dict if name.endswith(("_orig", "_mask"))])
print(sum(node.target == torch.ops.aten.mul.Tensor for node in program.graph.nodes))

# %% [markdown] lang="ko"
# **고장 3: int8 양자화.** `torch.ao.quantization.quantize_dynamic`은 `Linear` 층만 int8 층으로 바꾸고 [[convolution]]은
# 그대로 둡니다. 바꾸기는 되지만, 원래 층에 붙어 있던 순전파 전 훅까지 새 층에 옮겨 붙입니다. 새 층에는 `weight_orig`도
# `weight_mask`도 없으니 첫 순전파에서 훅이 실패합니다. (`torch.ao.quantization`은 PyTorch에서 빠질 예정이라 경고를 내므로
# 경고를 끕니다. 새 코드에는 torchao 패키지의 양자화를 쓰라고 안내합니다.)

# %% [markdown] lang="en"
# **Broken 3: int8 quantization.** `torch.ao.quantization.quantize_dynamic` replaces `Linear` layers only (convolutions
# stay as they are) with int8 layers. The conversion works, but it moves the old layer's forward pre-hooks onto the new
# layer too. The new layer has neither `weight_orig` nor `weight_mask`, so the hook fails at the first forward pass.
# (`torch.ao.quantization` is to be removed from PyTorch and warns so; the warning is silenced here. For new code
# PyTorch points to the quantization in the torchao package.)

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    quantized = torch.ao.quantization.quantize_dynamic(mlp, {nn.Linear}, dtype=torch.qint8)
print(quantized[1], [type(hook).__name__ for hook in quantized[1]._forward_pre_hooks.values()])

# %% tags=["raises-exception"]
quantized(x)

# %% [markdown] lang="ko"
# **고침: 순서를 지키세요.** 프루닝 → 미세 조정 → `prune.remove` → 내보내기 또는 양자화. `remove`로 마스크를 굳히면 훅도
# `weight_orig`와 `weight_mask`도 사라지고 0이 든 평범한 `weight`만 남아서 셋 다 됩니다. 양자화한 뒤에도 0은 0으로
# 남습니다 (int8의 0은 정확히 0.0입니다).

# %% [markdown] lang="en"
# **Fixed: keep the order.** Prune → fine-tune → `prune.remove` → export or quantize. `remove` bakes the masks in: the
# hooks, `weight_orig` and `weight_mask` disappear, a plain `weight` with zeros is left, and all three work. The zeros
# stay zeros after quantization (int8's 0 is exactly 0.0).

# %%
for module in mlp.modules():
    if hasattr(module, "weight_mask"):
        prune.remove(module, "weight")
scripted = torch.jit.script(mlp)
program = torch.export.export(mlp, (x,))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    quantized = torch.ao.quantization.quantize_dynamic(mlp, {nn.Linear}, dtype=torch.qint8)
    dense_int8 = torch.ao.quantization.quantize_dynamic(dense_mlp, {nn.Linear}, dtype=torch.qint8)
with torch.no_grad():
    print(torch.equal(scripted(x), mlp(x)), torch.equal(program.module()(x), mlp(x)))
    int8_accuracy = 100 * float((quantized(digits.test_x.float()).argmax(dim=1) == digits.test_y).double().mean())
print(list(program.state_dict), sum(node.target == torch.ops.aten.mul.Tensor for node in program.graph.nodes))
print(ph.t("out.int8_close", close=abs(int8_accuracy - ph.accuracy(mlp, digits)) < 1))
print(f"{ph.sparsity(mlp[1].weight):.2f}", f"{ph.sparsity(quantized[1].weight().dequantize()):.2f}")

# %% [markdown] lang="ko"
# 프루닝과 양자화의 효과는 **곱해집니다**. 크기는 `state_dict`를 `io.BytesIO`에 저장해서 재므로 파일 이름과 상관이
# 없고, 0이 많은 효과가 드러나도록 zlib으로 압축합니다. 프루닝은 0을 만들어 압축이 잘 되게 하고, int8은 남은 값 하나를
# 4바이트에서 1바이트로 줄입니다.

# %% [markdown] lang="en"
# The effects of pruning and quantization **multiply**. Sizes are measured by saving the `state_dict` to an
# `io.BytesIO`, so file names play no part, and compressed with zlib so that the zeros count. Pruning makes zeros that
# compress well; int8 stores each remaining value in 1 byte instead of 4.

# %%
import io
import zlib


def zlib_size(model):
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return len(zlib.compress(buffer.getvalue(), 9))


sizes = {"size.dense_fp32": zlib_size(dense_mlp), "size.pruned_fp32": zlib_size(mlp),
         "size.dense_int8": zlib_size(dense_int8), "size.pruned_int8": zlib_size(quantized)}
print(ph.t("size.zlib_title"))
for key, size in sizes.items():
    print(f"{ph.t(key):<18}", ph.t("out.smaller", ratio=sizes["size.dense_fp32"] / size))

# %% [markdown] lang="ko"
# 프루닝만으로 약 3배, int8만으로 약 4배, 둘을 합치면 8배 넘게 작아집니다. **하지만** 작아진 것은 파일입니다. 프루닝이
# 만든 0은 int8 모델에서도 여전히 곱해집니다 ([[lesson:speed_and_size]]). 그리고 동적 양자화는 `Linear` 층에만 적용되므로, 가중치가 거의
# 모두 합성곱에 있는 `ph.small_cnn()`은 거의 작아지지 않습니다.
#
# ## 10. 큰 모델과 여러 GPU
#
# 이 강좌의 모델은 작아서 드러나지 않지만, 모델이 커지면 `torch.nn.utils.prune`의 비용이 문제가 됩니다.
#
# **전역 순위는 모든 가중치를 한 줄로 세웁니다.** `prune.global_unstructured`는 순위를 매기려고 모든 층의 점수를
# `torch.nn.utils.parameters_to_vector`로 긴 벡터 하나로 이어 붙이고, 같은 길이의 마스크 벡터를 만든 뒤, `torch.topk`로
# 가장 작은 것들을 고릅니다. 가중치 70억 개를 bf16(2바이트)으로 가진 모델이라면 점수 벡터만 14 GB, 마스크 벡터가 또
# 14 GB이고, 절반을 없앨 때 `topk`가 돌려주는 번호(int64)만 28 GB입니다. 이것이 모두 한 [[device]]에 있어야 합니다. 여러
# GPU에 나눠 올린 모델이면 `parameters_to_vector`가 "Found two parameters on different devices" 오류를 냅니다. PyTorch
# 2.0에서는 가중치 60억 개짜리 모델의 전역 프루닝이 `nonzero is not supported for tensors with more than INT_MAX elements`
# 오류로 실패했다는 보고도 있습니다 (pytorch/pytorch 이슈 #100989). 큰 모델은 보통 층마다(또는 층 묶음마다) 따로 순위를
# 매깁니다.
#
# **마스크는 파라미터 메모리를 두 배로 만듭니다.** 마스크는 가중치와 모양도 자료형도 같은 [[buffer]]이고, 훅이 계산해 둔
# `weight`도 한 벌 더 있습니다. `ph.small_cnn()`의 모든 층을 프루닝하고 바이트를 세어 봅니다. 마지막 줄은
# `global_unstructured`가 순위를 매기려고 이어 붙인 벡터의 길이입니다.

# %% [markdown] lang="en"
# Pruning alone gives about 3×, int8 alone about 4×, both together over 8×. **But** what shrank is the file: the
# zeros from pruning are still multiplied in the int8 model ([[lesson:speed_and_size]]). And dynamic quantization applies to `Linear`
# layers only, so `ph.small_cnn()`, whose weights sit almost all in convolutions, hardly shrinks.
#
# ## 10. Large models and several GPUs
#
# The models in this course are too small to show it, but the costs of `torch.nn.utils.prune` grow with the model.
#
# **Global ranking puts every weight in one line.** To rank, `prune.global_unstructured` concatenates the scores of
# all layers into one long vector with `torch.nn.utils.parameters_to_vector`, builds a mask vector of the same length,
# and picks the smallest with `torch.topk`. For a model with 7 billion weights in bf16 (2 bytes), the score vector
# alone is 14 GB, the mask vector another 14 GB, and the indices (int64) that `topk` returns when pruning half are
# 28 GB, all on one device: for a model spread over several GPUs, `parameters_to_vector` fails with "Found two
# parameters on different devices". With PyTorch 2.0, global pruning of a model with 6 billion weights was reported to
# fail with `nonzero is not supported for tensors with more than INT_MAX elements` (pytorch/pytorch issue #100989).
# Large models are usually ranked layer by layer (or block by block) instead.
#
# **Masks double parameter memory.** A mask is a buffer of the weight's shape and dtype, and the weight the hook
# computed is one more copy. Prune every layer of `ph.small_cnn()` and count bytes. The last line is the length of
# the vector `global_unstructured` concatenated to rank.

# %%
def tensor_bytes(tensors):
    return sum(tensor.numel() * tensor.element_size() for tensor in tensors)


model = ph.small_cnn()
before = tensor_bytes([*model.parameters(), *model.buffers()])
ph.prune_globally(model, 0.5)
after = tensor_bytes([*model.parameters(), *model.buffers()])
computed = after + tensor_bytes([module.weight for module, _ in ph.prunable_layers(model)])
print(ph.t("out.mask_memory", before=before, after=after, ratio=after / before, computed=computed,
           computed_ratio=computed / before))
print(len(torch.nn.utils.parameters_to_vector([module.weight for module, _ in ph.prunable_layers(model)])))

# %% [markdown] lang="ko"
# 마스크 때문에 약 2배, 계산된 `weight`까지 치면 약 3배입니다. `prune.remove`하면 1배로 돌아옵니다. (다음 단계 1의
# 파라미터화는 계산된 `weight`를 붙잡아 두지 않고 읽을 때마다 다시 계산하며, 마스크를 `bool`로 만들면 가중치 하나에
# 1바이트입니다.)
#
# **여러 GPU에서는 모든 랭크가 같은 마스크를 가져야 합니다.** 분산 데이터 병렬(`DistributedDataParallel`, DDP)에서는
# 프로세스(랭크)마다 모델을 한 벌씩 들고 [[gradient]]를 평균합니다. 랭크마다 마스크가 다르면 랭크마다 다른 희소 모델을
# 학습하게 되고, 랭크 0이 저장한 [[checkpoint]]에는 랭크 0의 마스크만 남습니다. 흔한 원인은 랭크마다 [[seed]]를 다르게
# 주는 습관(데이터 증강을 랭크마다 다르게 하려고)과 `random_unstructured` 같은 무작위 프루닝이 만나는 것입니다.
# `ph.masks_agree_across_ranks`는 이 컴퓨터에 프로세스 두 개를 띄워(`gloo` 백엔드, 127.0.0.1, GPU 없이) 확인합니다.
# 경우마다 두 랭크가 같은 `Linear` 층을 만들어 절반을 무작위로 프루닝하고, 모든 마스크를 모아(`all_gather`) 비교합니다.
# 프로세스를 띄우느라 몇 초 걸립니다.
# - `(False, None)`: 모든 랭크가 같은 시드
# - `(True, None)`: 랭크마다 다른 시드
# - `(True, "broadcast")`: 프루닝한 뒤 `dist.broadcast`로 랭크 0의 마스크를 모든 랭크에 복사
# - `(True, "ddp")`: 프루닝한 뒤 DDP로 감쌈. DDP는 감쌀 때 랭크 0의 파라미터와 버퍼(마스크 포함)를 모든 랭크에 복사합니다.

# %% [markdown] lang="en"
# That is about 2× for the masks, about 3× counting the computed `weight`; `prune.remove` brings it back to 1×. (The
# parametrization of next step 1 keeps no computed `weight`, recomputing it on every read, and a `bool` mask takes
# 1 byte per weight.)
#
# **On several GPUs, every rank must hold the same masks.** Under distributed data parallel
# (`DistributedDataParallel`, DDP) every process (rank) holds a copy of the model and the gradients are averaged.
# With different masks, each rank trains a different sparse model, and the checkpoint rank 0 saves keeps rank 0's
# masks only. A common cause: seeding each rank differently (for different data augmentation per rank) meets a
# random method such as `random_unstructured`. `ph.masks_agree_across_ranks` checks this on this machine with two
# processes (the `gloo` backend, 127.0.0.1, no GPU needed): in each case both ranks build the same `Linear` layer,
# prune half of it at random, gather all masks (`all_gather`) and compare them. Starting the processes takes a few
# seconds.
# - `(False, None)`: the same seed on every rank
# - `(True, None)`: a different seed on each rank
# - `(True, "broadcast")`: after pruning, `dist.broadcast` copies rank 0's mask to every rank
# - `(True, "ddp")`: after pruning, wrap in DDP, which copies rank 0's parameters and buffers (masks included) to every
#   rank when it wraps

# %%
scenarios = [(False, None), (True, None), (True, "broadcast"), (True, "ddp")]
for (seed_per_rank, sync), agree in zip(scenarios, ph.masks_agree_across_ranks(scenarios)):
    print(f"seed_per_rank={seed_per_rank!r:<5} sync={sync!r:<11}", ph.t("out.masks_agree", agree=agree))

# %% [markdown] lang="ko"
# 랭크마다 시드가 다르면 마스크가 어긋나는데, 어디에서도 오류가 나지 않습니다. 고치는 방법은 셋입니다. 모든 랭크에서
# 같은 시드로 프루닝하거나, 프루닝한 뒤 랭크 0의 마스크를 `dist.broadcast`로 나눠 주거나, 프루닝을 마친 뒤에 DDP로
# 감쌉니다. 조심할 것이 있습니다. 학습 중에 조금씩 늘리는 [[iterative]]처럼 DDP로 감싼 **뒤에** 프루닝하면, 감쌀 때의
# 복사는 이미 지나갔습니다. DDP는 순전파마다 버퍼를 맞추기도 하지만, 감쌀 때 모델에 버퍼가 하나도 없었다면 그것도 하지
# 않습니다. 그러니 학습 중에 프루닝한다면 프루닝할 때마다 `dist.broadcast`로 마스크를 맞추세요. L1처럼 값으로 고르는
# 방법은 모든 랭크의 가중치가 같으므로 보통 같은 마스크를 고르지만, `dist.broadcast` 한 줄이면 확실합니다.

# %% [markdown] lang="en"
# Different seeds per rank, and the masks disagree, with no error anywhere. Three fixes: prune with the same seed on
# every rank, broadcast rank 0's masks with `dist.broadcast` after pruning, or wrap in DDP once pruning is done. One
# caution: pruning **after** wrapping, as iterative pruning during training does, comes after the copy made at
# wrapping time. DDP also syncs buffers before each forward pass, but not at all if the model had no buffer when it was
# wrapped. So when pruning during training, broadcast the masks after every pruning step. Methods that pick by value,
# such as L1, usually pick the same masks, since every rank holds the same weights; one broadcast line makes it
# certain.

# %% [markdown] lang="ko"
# ## 다음 단계 1: `torch.nn.utils.parametrize`
#
# `prune`의 훅 방식 대신, 파라미터에 "계산 단계"를 끼우는 더 새로운 방식입니다. 마스크를 곱하는 작은 모듈을 등록하면 같은
# 효과가 나고, `deepcopy`도 바로 되고, `remove_parametrizations`로 굳힐 수 있습니다.

# %% [markdown] lang="en"
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
# ### 훅이 돌지 않는 곳: 모듈 밖에서 쓰이는 파라미터
#
# 프루닝 훅은 **그 모듈의** `forward`가 불릴 때만 `weight`를 다시 계산합니다. `nn.MultiheadAttention`은 `out_proj`를
# 부르지 않고 `out_proj.weight`를 직접 읽어 씁니다. 그래서 `out_proj`를 프루닝하면 `weight`가 프루닝할 때 한 번 계산된
# 텐서로 남고, 두 번째 [[backprop]]에서 "Trying to backward through the graph a second time" 오류가 납니다. 임베딩과 출력 층이
# 가중치를 함께 쓰는 모델도 같은 사각지대가 있습니다. (`mha.in_proj_weight`처럼 MultiheadAttention 자신의 파라미터는
# 괜찮습니다.) 두 번째 셀은 일부러 실패합니다.

# %% [markdown] lang="en"
# ### Where the hook never runs: parameters used outside their module
#
# The pruning hook recomputes `weight` only when **its own module's** `forward` runs. `nn.MultiheadAttention` never
# calls `out_proj`; it reads `out_proj.weight` directly. Prune `out_proj`, and its `weight` stays the tensor computed
# once at pruning time: the second backward pass fails with "Trying to backward through the graph a second time". A
# model whose embedding and output layer share one weight has the same blind spot. (MultiheadAttention's own
# parameters, such as `mha.in_proj_weight`, are fine.) The second cell fails on purpose.

# %%
attention = nn.MultiheadAttention(8, 2, batch_first=True).to(device)
prune.l1_unstructured(attention.out_proj, name="weight", amount=0.5)
tokens = torch.randn(2, 5, 8).to(device)
attention(tokens, tokens, tokens)[0].sum().backward()

# %% tags=["raises-exception"]
attention(tokens, tokens, tokens)[0].sum().backward()

# %% [markdown] lang="ko"
# **고침:** 파라미터화는 파라미터를 읽을 **때마다** 다시 계산하므로 누가 어디서 읽든 마스크가 적용됩니다. 마스크는
# `prune.L1Unstructured`의 `compute_mask`로 `l1_unstructured`와 똑같이 만듭니다.

# %% [markdown] lang="en"
# **Fixed:** a parametrization is recomputed **every time** the parameter is read, whoever reads it, so the mask always
# applies. The mask comes from `prune.L1Unstructured`'s `compute_mask`, exactly as `l1_unstructured` makes it.

# %%
attention = nn.MultiheadAttention(8, 2, batch_first=True).to(device)
weight = attention.out_proj.weight.detach()
mask = prune.L1Unstructured(amount=0.5).compute_mask(weight, torch.ones_like(weight))
parametrize.register_parametrization(attention.out_proj, "weight", ApplyMask(mask))
for step in range(2):
    attention(tokens, tokens, tokens)[0].sum().backward()
print(f"{ph.sparsity(attention.out_proj.weight):.2f}")

# %% [markdown] lang="ko"
# ## 다음 단계 2: `torch.ao.pruning`
#
# PyTorch의 `torch.ao.pruning`은 학습 중에 [[sparsity]]을 점점 높이는 희소화 도구(sparsifier)를 제공합니다. 알아 둘 점이
# 있습니다. PyTorch의 희소성 담당 개발자가 2024년에 `torch.nn.utils.prune`은 더 이상 유지 보수되지 않으니 `WeightNormSparsifier`를
# 쓰라고 답했습니다(pytorch/ao 이슈 #724). 희소화 도구는 지금 torchao 패키지에서 개발되고, 거기에는 Wanda 희소화 도구도
# 있습니다. 그래도 이 강좌에서 배운 것은 그대로 쓰입니다. 희소화 도구도 마스크를 파라미터화로 씌우고, 같은 자리를
# 고릅니다. 먼저 `l1_unstructured`와 같은 마스크를 만드는지 확인합니다.

# %% [markdown] lang="en"
# ## Next step 2: `torch.ao.pruning`
#
# PyTorch's `torch.ao.pruning` offers "sparsifiers" that raise sparsity during training. Worth knowing: in 2024 a PyTorch
# sparsity developer answered that `torch.nn.utils.prune` is no longer maintained and recommended `WeightNormSparsifier`
# (pytorch/ao issue #724). Sparsifiers are now developed in the torchao package, which also has a Wanda sparsifier.
# What this course taught still applies: a sparsifier, too, applies masks through a parametrization and picks the same
# entries. First, check that it reproduces `l1_unstructured`'s mask.

# %%
from torch.ao.pruning import WeightNormSparsifier

model = nn.Sequential(nn.Linear(16, 8)).to(device)
reference = copy.deepcopy(model)
prune.l1_unstructured(reference[0], name="weight", amount=0.5)
sparsifier = WeightNormSparsifier(sparsity_level=0.5, sparse_block_shape=(1, 1), zeros_per_block=1)
sparsifier.prepare(model, config=[{"tensor_fqn": "0.weight"}])
sparsifier.step()
print(torch.equal(model[0].parametrizations.weight[0].mask.float(), reference[0].weight_mask))

# %% [markdown] lang="ko"
# 블록 크기 1 × 1에서 [[norm]]이 작은 절반을 고르는 것은 `l1_unstructured(amount=0.5)`와 같은 일이라 마스크가 똑같습니다.
# 이제 2:4 무늬(블록 4칸마다 0 두 개)를 만들어 봅시다. `squash_mask()`는 `prune.remove`처럼 마스크를 굳힙니다.

# %% [markdown] lang="en"
# With 1 × 1 blocks, picking the half with the smallest norms is what `l1_unstructured(amount=0.5)` does, so the masks
# are identical. Now a 2:4 pattern (two zeros in every block of 4). `squash_mask()` bakes the masks in, like
# `prune.remove`.

# %%
model = nn.Sequential(nn.Linear(16, 8)).to(device)
sparsifier = WeightNormSparsifier(sparsity_level=1.0, sparse_block_shape=(1, 4), zeros_per_block=2)
sparsifier.prepare(model, config=[{"tensor_fqn": "0.weight"}])
sparsifier.step()
sparsifier.squash_mask()
weight = model[0].weight.detach()
print(f"{ph.sparsity(weight):.2f}", bool(((weight.reshape(-1, 4) == 0).sum(dim=1) == 2).all()))

# %% [markdown] lang="ko"
# 실제 배포에서는 이어서 `to_sparse_semi_structured`로 가중치를 GPU의 2:4 희소 [[compute-kernel]]이 곱할 수 있는 압축 형식으로 바꿉니다.
# 희소화 도구 → `squash_mask` → `to_sparse_semi_structured`의 전체 흐름은 그런 GPU(연산 능력 8.0 이상)에서만 돌아서, 이 셀은
# GPU가 없으면 건너뛴다고만 알립니다. GPU에서는 출력이 달라지므로 `device-dependent` 태그가 붙어 있습니다.

# %% [markdown] lang="en"
# In deployment the next step is `to_sparse_semi_structured`, which turns the weight into the compressed format that the
# GPU's 2:4 sparse kernels multiply. The whole chain, sparsifier → `squash_mask` → `to_sparse_semi_structured`, runs only
# on such a GPU (compute capability 8.0 or higher); without one, this cell only says it skips. Its output differs on a
# GPU, so it carries the `device-dependent` tag.

# %% tags=["device-dependent"]
if device.type == "cuda" and torch.cuda.get_device_capability() >= (8, 0):
    from torch.sparse import to_sparse_semi_structured

    chain = nn.Sequential(nn.Linear(128, 128)).half().to(device).eval()
    sparsifier = WeightNormSparsifier(sparsity_level=1.0, sparse_block_shape=(1, 4), zeros_per_block=2)
    sparsifier.prepare(chain, config=[{"tensor_fqn": "0.weight"}])
    sparsifier.step()
    sparsifier.squash_mask()
    inputs = torch.randn(64, 128, dtype=torch.float16, device=device)
    with torch.no_grad():
        expected = chain(inputs)
        chain[0].weight = nn.Parameter(to_sparse_semi_structured(chain[0].weight), requires_grad=False)
        print(type(chain[0].weight.data).__name__, torch.allclose(chain(inputs), expected, atol=1e-2))
else:
    print(ph.t("semi.skip"))

# %% [markdown] lang="ko"
# ## 다음 단계 3: 2:4 반구조적 희소성
#
# 2:4 무늬의 가중치는 `torch.sparse.to_sparse_semi_structured`로 바꾸면 지원하는 NVIDIA GPU에서 실제로 빨라집니다. [[lesson:speed_and_size]]의
# 마지막 셀이 GPU가 있을 때 그 속도를 잽니다. 더 읽을거리: PyTorch 공식 문서의 `torch.sparse`, Torch-Pruning의
# [[structured]], 그리고 Han 외(2015) "Learning both Weights and Connections for Efficient Neural Networks".
#
# ## 정리
#
# - 새 모델에 불러오기: `prune.identity`로 구조를 만들거나 `prune.remove` 후 저장. `deepcopy`: `no_grad` 순전파 뒤에.
# - 프루닝은 `torch.compile` **전에**. 마스크는 가중치와 같은 장치에.
# - `global_unstructured`에는 `(모듈, 이름)` 쌍의 리스트, `prune.remove`는 모듈마다, `torchsummary`에는 `nn.Sequential`.
# - 마스크로는 빨라지지 않습니다. 채널을 잘라 내야 합니다.
# - 배포 순서는 프루닝 → 미세 조정 → `prune.remove` → 내보내기·양자화입니다. 마스크가 남은 모델은 TorchScript에서
#   실패하고, `torch.export`에는 가중치가 두 벌 실리고, int8 모델은 첫 순전파에서 실패합니다. 프루닝과 양자화로 줄어드는
#   크기는 곱해집니다.
# - 전역 순위는 모든 가중치를 벡터 하나로 모으고, 마스크는 파라미터 메모리를 두 배로 만듭니다. 여러 GPU에서는 모든 랭크가
#   같은 마스크를 갖게 하세요 (같은 시드, `dist.broadcast`, 또는 프루닝을 마친 뒤 DDP로 감싸기).
# - 다음 단계: `parametrize`, `torch.ao.pruning`, 반구조적 희소성.
#
# ## 연습 문제
#
# **[[exercise:1]].** `nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2))`의 가중치를 모두 [[global]]하려면 `global_unstructured`에
# 쌍이 몇 개 든 리스트를 넘겨야 하나요?

# %% [markdown] lang="en"
# ## Next step 3: semi-structured (2:4) sparsity
#
# Weights with a 2:4 pattern, converted with `torch.sparse.to_sparse_semi_structured`, really run faster on supported
# NVIDIA GPUs. The last cell of [[lesson:speed_and_size]] measures it when a GPU is present. Further reading: PyTorch's `torch.sparse`
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
# - Deploy in this order: prune → fine-tune → `prune.remove` → export or quantize. With masks left in, TorchScript
#   fails, `torch.export` carries two copies of the weights, and the int8 model fails at its first forward pass. The
#   size savings of pruning and quantization multiply.
# - Global ranking gathers every weight into one vector, and masks double parameter memory. On several GPUs, give every
#   rank the same masks (the same seed, `dist.broadcast`, or wrapping in DDP once pruning is done).
# - Next steps: `parametrize`, `torch.ao.pruning`, semi-structured sparsity.
#
# ## Exercises
#
# **[[exercise:1]].** To globally prune every weight of `nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2))`, how many
# pairs must the list passed to `global_unstructured` hold?

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 프루닝한 층을 `.to(device)`로 옮기면 `weight_mask`도 함께 옮겨질까요? `True` 또는 `False`로 답하세요.

# %% [markdown] lang="en"
# **[[exercise:2]].** When a pruned layer is moved with `.to(device)`, does its `weight_mask` move too? Answer `True` or `False`.

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 이제 `torch.nn.utils.prune`의 모든 부분을 쓰고 정직하게 잴 수 있습니다. 남은 세 수업은 논문과 포럼에서 다음으로 만나게 될
# 생각을 같은 도구로 다룹니다. [[lesson:lottery_tickets]]에서는 희소한 신경망이 왜 학습될 수 있는지,
# [[lesson:pruning_while_training]]에서는 실제 학습 과정에서 어떻게 조금씩 프루닝하는지, [[lesson:small_transformer]]에서는
# 트랜스포머를 어떻게 프루닝하는지 봅니다.

# %% [markdown] lang="en"
# You can now use every part of `torch.nn.utils.prune` and measure it honestly. The last three lessons take the same
# tools to the ideas you will meet next in papers and forums: why sparse networks can train at all
# ([[lesson:lottery_tickets]]), how real training pipelines prune gradually ([[lesson:pruning_while_training]]), and how
# pruning applies to transformers ([[lesson:small_transformer]]).
