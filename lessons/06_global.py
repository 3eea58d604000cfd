# %% [markdown] lang="ko"
# # 여러 층과 전역 프루닝
#
# 실제 모델에는 층이 여럿 있습니다. 여러 층을 [[pruning]]하는 방법은 두 가지입니다. 층마다 같은 비율로 없애는
# [[local]]과, 모든 층의 [[weight]]를 한데 모아 크기순으로 없애는 [[global]]입니다. 강좌의 나머지에서 쓸 작은 CNN으로
# 둘을 비교합니다.
#
# **배울 것**
# - `named_modules()`를 돌며 모든 `Conv2d`와 `Linear`를 프루닝하기
# - `prune.global_unstructured`에 `(모듈, 이름)` 쌍의 리스트를 넘기기, 그리고 `model.parameters()`를 넘길 때의 오류
# - 층별 [[sparsity]]을 표와 막대그래프로 보고, 지역과 전역이 왜 다른지 이해하기

# %% [markdown] lang="en"
# # Many layers and global pruning
#
# Real models have many layers. You can remove the same share from every layer (local pruning), or rank the weights of
# all layers together and remove the smallest (global pruning). We compare both on the small CNN used for the rest of
# the course.
#
# **You will learn**
# - looping over `named_modules()` to prune every `Conv2d` and `Linear`
# - passing `prune.global_unstructured` a list of `(module, name)` pairs, and the error you get with `model.parameters()`
# - reading per-layer sparsity as a table and a bar chart, and why local and global differ

# %% tags=["device-dependent"]
import copy

from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 작은 CNN
#
# `ph.small_cnn()`은 8 × 8 흑백 숫자 이미지를 위한 작은 CNN입니다 ([[lesson:real_model]]에서 실제로 학습합니다). [[convolution]] 3개와
# 선형 층 1개, [[parameter]] 93,962개입니다.

# %% [markdown] lang="en"
# ## A small CNN
#
# `ph.small_cnn()` is a small CNN for 8 × 8 greyscale digit images ([[lesson:real_model]] trains it). Three convolutions and one
# linear layer, 93,962 parameters.

# %%
base = ph.small_cnn(device=device)
print(base)
print(sum(p.numel() for p in base.parameters()))

# %% [markdown] lang="ko"
# ## 지역 프루닝: 층마다 같은 비율
#
# `named_modules()`는 모델 안의 모든 모듈을 이름과 함께 돌려줍니다. 그중 `Conv2d`와 `Linear`의 가중치만 50%씩
# 프루닝합니다. 두 방법을 같은 가중치에서 비교하려고 프루닝 **전에** 복사해 둡니다.

# %% [markdown] lang="en"
# ## Local pruning: the same share in every layer
#
# `named_modules()` yields every module in the model with its name. Prune 50% of the weight of each `Conv2d` and
# `Linear`. To compare both methods on the same weights, copy the model **before** pruning.

# %%
local = copy.deepcopy(base)
for name, module in local.named_modules():
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        prune.l1_unstructured(module, name="weight", amount=0.5)
ph.sparsity_report(local)

# %% [markdown] lang="ko"
# 모든 층의 가중치가 정확히 50%입니다. [[bias]]은 프루닝하지 않았으므로 0%이고, 그래서 전체 희소성은 50%보다 조금 낮습니다.
#
# ## 전역 프루닝: 모든 층을 한 줄로
#
# `prune.global_unstructured`는 `(모듈, 파라미터 이름)` 쌍의 리스트를 받아, 그 모든 가중치를 한 줄로 세운 다음 가장
# 작은 것부터 `amount`만큼 없앱니다.

# %% [markdown] lang="en"
# Every weight is exactly 50% sparse. Biases were not pruned (0%), which is why the total is a little below 50%.
#
# ## Global pruning: all layers in one ranking
#
# `prune.global_unstructured` takes a list of `(module, parameter name)` pairs, ranks all of those weights together and
# removes the smallest `amount` of them.

# %%
global_model = copy.deepcopy(base)
parameters_to_prune = [
    (module, "weight") for module in global_model.modules() if isinstance(module, (nn.Conv2d, nn.Linear))
]
prune.global_unstructured(parameters_to_prune, pruning_method=prune.L1Unstructured, amount=0.5)
ph.sparsity_report(global_model)

# %% [markdown] lang="ko"
# 전체 희소성은 같지만 층마다 크게 다릅니다. 마지막 "(모두 합침)" 줄이 50.0%가 아니라 49.9%인 것은 편향까지 함께 세기 때문입니다.
# 편향은 프루닝하지 않았으니 0이 없습니다. 공식 튜토리얼의 "전역 희소성"은 가중치만 셉니다. 가중치만 세면 정확히 50%입니다.
# 막대그래프로 층마다 나란히 봅시다.

# %% [markdown] lang="en"
# The total is the same, but the layers differ a lot. The last "(all)" row reads 49.9%, not 50.0%, because it counts
# the biases too, and they were not pruned. The official tutorial's "global sparsity" counts weights only; counted that
# way, it is exactly 50%. Compare the layers side by side as bars.

# %%
ph.plot_layer_sparsity({ph.t("plot.local"): local, ph.t("plot.global"): global_model})

# %% [markdown] lang="ko"
# ## 희소성을 직접 셀 때의 함정
#
# `ph.sparsity_report` 없이 직접 세어 봅시다. 흔한 실수는 `model.parameters()`의 0을 세는 것입니다. 프루닝한 층의
# 파라미터는 `weight_orig`이고, 여기에는 원래 값이 모두 그대로 있습니다. 0은 [[forward-pre-hook]]이 계산하는 `weight`에만 있습니다.
# 그래서 첫 줄은 0%에 가깝고, 층의 `weight`나 [[mask]]를 센 둘째 줄이 실제 값입니다. 둘째 줄은 가중치만 세므로 정확히
# 50%입니다.

# %% [markdown] lang="en"
# ## Counting sparsity yourself: a trap
#
# Let us count without `ph.sparsity_report`. The common mistake is counting zeros over `model.parameters()`: a pruned
# layer's parameter is `weight_orig`, which still holds every original value. The zeros live only in `weight`, which the
# forward pre-hook computes. So the first line reads almost 0%; counting each layer's `weight` (or its mask), the second
# line, gives the truth, exactly 50% because it counts weights only.

# %%
parameters = list(global_model.parameters())
print(f"{sum(int((p == 0).sum()) for p in parameters) / sum(p.numel() for p in parameters):.1%}")
weights = [module.weight for module, _ in ph.prunable_layers(global_model)]
print(f"{sum(int((w == 0).sum()) for w in weights) / sum(w.numel() for w in weights):.1%}")

# %% [markdown] lang="ko"
# **왜 다를까요?** PyTorch는 층을 만들 때 가중치를 ±1/√(입력 수) 범위에서 고릅니다. 입력이 많은 층(`conv3`: 64 × 3 × 3 =
# 576)은 가중치가 작고, 입력이 적은 층(`conv1`: 1 × 3 × 3 = 9)은 가중치가 큽니다. 전역 순위에서는 작은 가중치가 많은
# 큰 층이 많이 잘리고, 작은 층은 거의 남습니다. 학습된 모델에서도 층마다 크기가 달라서 비슷한 일이 생깁니다. 이것은
# 장점일 수도 있고(파라미터가 많은 층은 덜 민감한 경우가 많음) 위험일 수도 있습니다(한 층이 거의 다 사라질 수 있음).
# [[lesson:real_model]]에서 정확도로 비교합니다.

# %% [markdown] lang="en"
# **Why?** PyTorch initialises weights within ±1/√(fan-in). Layers with many inputs (`conv3`: 64 × 3 × 3 = 576) get
# small weights; layers with few inputs (`conv1`: 1 × 3 × 3 = 9) get large ones. In a global ranking the big layers,
# full of small weights, lose the most and the small layers keep almost everything. Trained models have per-layer
# scales too, so the same happens there. That can help (big layers are often less sensitive) or hurt (a layer can
# almost vanish). [[Lesson:real_model]] compares them by accuracy.

# %%
for name, module in base.named_modules():
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        fan_in = module.weight[0].numel()
        print(f"{name:<6}", ph.t("out.fan_in", fan_in=fan_in, mean=module.weight.abs().mean()))

# %% [markdown] lang="ko"
# ## 흔한 실수: `model.parameters()`를 넘기기
#
# `global_unstructured`에 `model.parameters()`를 넘기면 알아보기 힘든 오류가 납니다. 아래 셀은 일부러 실패합니다.

# %% [markdown] lang="en"
# ## A common mistake: passing `model.parameters()`
#
# Passing `model.parameters()` to `global_unstructured` fails with a puzzling error. The next cell fails on purpose.

# %% tags=["raises-exception"]
prune.global_unstructured(base.parameters(), pruning_method=prune.L1Unstructured, amount=0.5)

# %% [markdown] lang="ko"
# `too many values to unpack (expected 2)`는 함수가 리스트의 항목마다 `(모듈, 이름)` 두 개를 꺼내려 했는데 [[tensor]]를
# 받았다는 뜻입니다. 프루닝은 모듈에 [[hook]]과 [[buffer]]를 달아야 하므로 텐서만으로는 할 수 없습니다. **해결:** 위처럼 쌍의
# 리스트를 만드세요 (`ph.prunable_layers(model)`도 같은 리스트를 만듭니다). 오류가 난 모델은 바뀌지 않았습니다.

# %% [markdown] lang="en"
# `too many values to unpack (expected 2)`: the function unpacks each item as a `(module, name)` pair but got a tensor.
# Pruning must attach a hook and buffers to a module, so a tensor alone is not enough. **Fix:** build the list of
# pairs as above (`ph.prunable_layers(model)` builds the same list). The model that raised the error was not changed.

# %%
print(prune.is_pruned(base))
print(len(ph.prunable_layers(base)))

# %% [markdown] lang="ko"
# ## `global_unstructured`에 대해 알아 둘 세 가지
#
# 1. 쌍의 리스트에 편향을 넣으면 **편향도 가중치와 같은 순위에** 들어갑니다. 편향은 보통 크기가 달라서, 의도와 다르게
#    많이 잘리거나 거의 안 잘릴 수 있습니다.
# 2. `importance_scores`는 `(모듈, 이름)` 쌍을 키로 하는 **딕셔너리**입니다. 키가 없는 쌍은 원래 값을 점수로 씁니다.
#    아래에서는 층마다 평균 크기로 나눈 점수를 주어, 층의 크기 차이를 없애고 순위를 매깁니다.
# 3. 구조적 방법(`prune.LnStructured` 등)은 받지 않습니다. 층마다 크기가 다른 [[norm]]을 한 줄로 세우는 것이 의미가 없기
#    때문이라고 PyTorch 문서가 설명합니다. (셋째 셀은 일부러 실패합니다.)

# %% [markdown] lang="en"
# ## Three more things about `global_unstructured`
#
# 1. Put biases in the list of pairs and **they join the same ranking as the weights**. Biases usually have another
#    scale, so they may be cut far more or far less than you meant.
# 2. `importance_scores` is a **dict keyed by `(module, name)` pairs**; a pair without a key is scored by its own
#    values. Below, each layer's scores are divided by that layer's mean magnitude, which removes the scale differences
#    between layers before ranking.
# 3. Structured methods (`prune.LnStructured` and the like) are refused: PyTorch's documentation explains that ranking
#    norms of differently sized layers together makes little sense. (The third cell fails on purpose.)

# %%
with_bias = copy.deepcopy(base)
pairs = [(m, name) for m in with_bias.modules() if isinstance(m, (nn.Conv2d, nn.Linear)) for name in ("weight", "bias")]
prune.global_unstructured(pairs, pruning_method=prune.L1Unstructured, amount=0.5)
print(" ".join(f"{name}.bias {ph.sparsity(m.bias):.2f}" for name, m in with_bias.named_children() if hasattr(m, "bias_mask")))

# %%
scored = copy.deepcopy(base)
pairs = ph.prunable_layers(scored)
scores = {(m, name): getattr(m, name).detach().abs() / getattr(m, name).detach().abs().mean() for m, name in pairs}
prune.global_unstructured(pairs, pruning_method=prune.L1Unstructured, importance_scores=scores, amount=0.5)
print(" ".join(f"{name} {ph.sparsity(m.weight):.2f}" for name, m in scored.named_children() if hasattr(m, "weight_mask")))

# %% tags=["raises-exception"]
prune.global_unstructured(ph.prunable_layers(copy.deepcopy(base)), pruning_method=prune.LnStructured, amount=0.5, n=2, dim=0)

# %% [markdown] lang="ko"
# ## 정리
#
# - 여러 층을 프루닝하려면 `named_modules()`를 돌며 원하는 종류의 층마다 `prune.*`를 부릅니다 (지역 프루닝).
# - `prune.global_unstructured(쌍의 리스트, pruning_method=prune.L1Unstructured, amount=...)`는 모든 가중치를 함께 순위
#   매깁니다. 전체 희소성은 같아도 층마다 희소성이 달라집니다.
# - `model.parameters()`가 아니라 `(모듈, "weight")` 쌍의 리스트를 넘겨야 합니다.
# - `ph.sparsity_report`와 `ph.plot_layer_sparsity`로 층별 희소성을 확인하세요.
#
# ## 연습 문제
#
# **[[exercise:1]].** 가중치 크기가 10배 차이 나는 두 층을 `global_unstructured(amount=0.5)`로 프루닝하면 두 층이 모두 정확히
# 50%씩 프루닝될까요? `True` 또는 `False`로 답하세요.

# %% [markdown] lang="en"
# ## Summary
#
# - To prune many layers, loop over `named_modules()` and call `prune.*` on each layer of the kinds you want (local).
# - `prune.global_unstructured(list of pairs, pruning_method=prune.L1Unstructured, amount=...)` ranks all weights
#   together: the same total, but different sparsity per layer.
# - Pass a list of `(module, "weight")` pairs, not `model.parameters()`.
# - Check per-layer sparsity with `ph.sparsity_report` and `ph.plot_layer_sparsity`.
#
# ## Exercises
#
# **[[exercise:1]].** Two layers whose weights differ in size by a factor of 10 are pruned with `global_unstructured(amount=0.5)`.
# Is each layer exactly 50% pruned? Answer `True` or `False`.

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** `ph.small_cnn()`의 모든 `Conv2d`와 `Linear` 가중치를 전역 프루닝하려면 `(모듈, 이름)` 쌍이 몇 개 필요할까요?

# %% [markdown] lang="en"
# **[[exercise:2]].** How many `(module, name)` pairs do you need to globally prune the weights of every `Conv2d` and `Linear` in
# `ph.small_cnn()`?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 프루닝을 영구히 적용하고, 프루닝한 모델을 저장하고 불러옵니다.

# %% [markdown] lang="en"
# Next: making pruning permanent, and saving and loading pruned models.
