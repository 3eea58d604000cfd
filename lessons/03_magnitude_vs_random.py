# %% [markdown] lang="ko"
# # 크기 기반 vs 무작위
#
# 무작위 [[pruning]]은 아무 [[weight]]나 없앱니다. [[magnitude]]은 "절댓값이 작은 가중치는 덜 중요하다"고 보고 작은 것부터
# 없앱니다. 같은 층, 같은 `amount`로 둘을 비교해 봅시다.
#
# **배울 것**
# - `prune.l1_unstructured`가 어떤 가중치를 남기는지 [[heatmap]]과 분포로 보기
# - 같은 `amount`에서 두 방법이 층의 출력을 얼마나 바꾸는지 (측정)
# - `importance_scores`로 "중요도"를 직접 정하는 법
# - `amount`를 비율로 줄 때와 개수로 줄 때
# - 슬라이더 하나로 두 방법을 나란히 비교하기

# %% [markdown] lang="en"
# # Magnitude vs random
#
# Random pruning removes any weight. Magnitude pruning assumes that weights with small absolute values
# matter less, and removes those first. Let us compare both on the same layer with the same `amount`.
#
# **You will learn**
# - which weights `prune.l1_unstructured` keeps (as heatmaps and as distributions)
# - how much each method changes the layer's output at the same `amount` (measured)
# - how to define "importance" yourself with `importance_scores`
# - `amount` as a fraction and as a count
# - how to compare both methods side by side with one slider

# %% tags=["device-dependent"]
import copy

import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 같은 층을 두 방법으로
#
# 층 하나를 만들고 복사본 두 개를 만듭니다. 하나는 무작위로, 하나는 크기 기반으로 절반을 없앱니다. 복사는 프루닝
# **전에** 합니다 (프루닝한 모듈의 복사는 [[lesson:remove_and_save]]에서 다루는 함정이 있습니다).

# %% [markdown] lang="en"
# ## One layer, two methods
#
# Build one layer and two copies of it. Prune half of one copy at random and half of the other by magnitude.
# Copy **before** pruning (copying a pruned module has a trap, covered in [[lesson:remove_and_save]]).

# %%
layer = nn.Conv2d(8, 8, 3).to(device)
by_random = copy.deepcopy(layer)
by_magnitude = copy.deepcopy(layer)
prune.random_unstructured(by_random, name="weight", amount=0.5)
prune.l1_unstructured(by_magnitude, name="weight", amount=0.5)
ph.plot_masks({"random_unstructured": by_random.weight_mask, "l1_unstructured": by_magnitude.weight_mask})

# %% [markdown] lang="ko"
# 두 [[mask]]는 모두 점점이 흩어져 있어서 비슷해 보입니다. 차이는 **어떤** 가중치가 남았는가입니다. 크기 기반 프루닝이라면
# 없앤 가중치 중 가장 큰 것도 남긴 가중치 중 가장 작은 것보다 작아야 합니다. 확인해 봅시다.

# %% [markdown] lang="en"
# Both masks are scattered and look alike. The difference is **which** weights survived. With magnitude pruning,
# even the largest removed weight must be smaller than the smallest kept one. Let us check.

# %% tags=["device-dependent"]
for name, pruned in [("random_unstructured", by_random), ("l1_unstructured", by_magnitude)]:
    magnitude = pruned.weight_orig.detach().abs()
    largest_removed = magnitude[pruned.weight_mask == 0].max()
    smallest_kept = magnitude[pruned.weight_mask == 1].min()
    print(f"{name:<20}", ph.t("out.removed_vs_kept", removed=largest_removed, kept=smallest_kept),
          bool(largest_removed <= smallest_kept))

# %% [markdown] lang="ko"
# ## 분포로 보기
#
# 0이 아닌 가중치의 분포를 프루닝 전과 비교합니다. 크기 기반 프루닝은 0 근처를 통째로 비워서 가운데에 구멍이 생깁니다.
# 무작위 프루닝은 모양은 그대로 두고 높이만 절반으로 줄입니다.

# %% [markdown] lang="en"
# ## As distributions
#
# Compare the nonzero weights with the layer before pruning. Magnitude pruning empties the region around zero,
# leaving a hole in the middle. Random pruning keeps the shape and halves the height.

# %%
ph.plot_histogram({ph.t("plot.before"): layer.weight, "l1_unstructured": by_magnitude.weight})

# %%
ph.plot_histogram({ph.t("plot.before"): layer.weight, "random_unstructured": by_random.weight})

# %% [markdown] lang="ko"
# ## 출력이 얼마나 바뀌나
#
# 작은 가중치는 출력에 조금만 기여하므로, 크기 기반 프루닝이 출력을 덜 바꿀 것이라고 예상할 수 있습니다. 무작위 입력
# 16장으로 원래 층과의 상대 오차 ‖y′ − y‖ / ‖y‖를 재 봅니다.

# %% [markdown] lang="en"
# ## How much does the output change?
#
# Small weights contribute little to the output, so magnitude pruning should change it less. Measure the relative
# error ‖y′ − y‖ / ‖y‖ against the original layer on 16 random inputs.

# %% tags=["device-dependent"]
x = torch.randn(16, 8, 10, 10).to(device)
with torch.no_grad():
    reference = layer(x)
    for name, pruned in [("random_unstructured", by_random), ("l1_unstructured", by_magnitude)]:
        error = (pruned(x) - reference).norm() / reference.norm()
        print(f"{name:<20}", ph.t("out.output_change", error=error))

# %% [markdown] lang="ko"
# 같은 50%를 없앴는데 크기 기반 쪽의 출력 변화가 더 작습니다. 학습된 모델에서는 이 차이가 정확도 차이로 이어집니다
# ([[lesson:real_model]]에서 실제 데이터로 잽니다). 다만 "작은 가중치 = 덜 중요"는 가정일 뿐, 늘 맞지는 않습니다.
#
# ## `importance_scores`: 중요도를 직접 정하기
#
# `l1_unstructured`는 기본으로 `|weight|`를 중요도로 씁니다. `importance_scores`에 같은 모양의 [[tensor]]를 넘기면 그 값이
# 작은 것부터 없앱니다. 예를 들어 0번 [[filter]]를 절대 건드리지 않으려면 그 자리에 무한대를 넣습니다. [[gradient]]와 곱한
# `|w × grad|`처럼 다른 중요도를 쓰는 연구도 많습니다.

# %% [markdown] lang="en"
# At the same 50%, the magnitude-pruned layer changes its output less. In a trained model this difference becomes an
# accuracy difference ([[lesson:real_model]] measures it on real data). Still, "small weight = unimportant" is an assumption,
# not a law.
#
# ## `importance_scores`: choosing importance yourself
#
# By default `l1_unstructured` ranks by `|weight|`. Pass a tensor of the same shape as `importance_scores` and it
# removes the entries with the smallest scores instead. To never touch filter 0, for instance, give it infinite
# scores. (Research uses many other scores, such as `|w × grad|`.)

# %%
protected = copy.deepcopy(layer)
scores = protected.weight.detach().abs().clone()
scores[0] = float("inf")
prune.l1_unstructured(protected, name="weight", amount=0.5, importance_scores=scores)
print(int(protected.weight_mask[0].sum()), "/", protected.weight_mask[0].numel())
print(f"{ph.sparsity(protected.weight):.3f}")

# %% [markdown] lang="ko"
# 0번 필터의 가중치 72개는 모두 남았고, 층 전체의 [[sparsity]]은 여전히 50%입니다. 없앨 개수는 그대로이고, 대상만 바뀌었습니다.
#
# ## `amount`: 비율과 개수
#
# 이 층의 가중치는 8 × 8 × 3 × 3 = 576개입니다. 비율 `0.1`은 `round(57.6)` = 58개, 개수 `58`도 58개입니다.

# %% [markdown] lang="en"
# All 72 weights of filter 0 stayed, and the layer is still 50% sparse: the count is unchanged, only the target moved.
#
# ## `amount`: fraction and count
#
# This layer has 8 × 8 × 3 × 3 = 576 weights. The fraction `0.1` is `round(57.6)` = 58 weights; the count `58` is 58.

# %%
for amount in (0.1, 58):
    pruned = copy.deepcopy(layer)
    prune.l1_unstructured(pruned, name="weight", amount=amount)
    print(f"amount={amount!r:<4} -> {int((pruned.weight_mask == 0).sum())} / {pruned.weight_mask.numel()}")

# %% [markdown] lang="ko"
# ## 슬라이더로 나란히 비교하기
#
# 슬라이더 하나가 두 복사본을 같은 `amount`로 프루닝합니다. 오른쪽 글자는 남은 가중치의 평균 크기입니다. 크기 기반
# 쪽이 늘 더 크고, `amount`가 커질수록 차이가 벌어집니다. [[widget]] 셀의 출력은 자동 검사에서 비교하지 않습니다.

# %% [markdown] lang="en"
# ## Side by side with a slider
#
# One slider prunes both copies with the same `amount`. The text shows the mean magnitude of the kept weights: always
# larger for magnitude pruning, and the gap widens as `amount` grows. (Widget output is not compared by the
# automatic check.)

# %% tags=["nbval-ignore-output"]
comparison = ph.MethodComparison(layer, methods=("random_unstructured", "l1_unstructured"))
comparison

# %% tags=["device-dependent"]
comparison.slider.value = 0.8
for method, magnitude in comparison.kept_magnitude.items():
    print(f"{method:<20}", ph.t("out.mean_kept", magnitude=magnitude))

# %% [markdown] lang="ko"
# ## 정리
#
# - `prune.l1_unstructured`는 절댓값이 가장 작은 가중치부터 없앱니다. 없앤 것 중 가장 큰 것 ≤ 남긴 것 중 가장 작은 것.
# - 같은 `amount`에서 크기 기반 프루닝이 층의 출력을 덜 바꿉니다 (이 층에서 측정).
# - `importance_scores`로 순위를 매길 값을 바꿀 수 있습니다. 없앨 개수는 `amount`가 정합니다.
# - `amount`: 실수는 `round(amount × 원소 수)`, 정수는 그 개수.
#
# ## 연습 문제
#
# **[[exercise:1]].** 가중치가 `[0.3, -0.9, 0.05, 0.6, -0.1, 0.2]`인 층에 `prune.l1_unstructured(..., amount=0.5)`를 하면 어떤
# 값들이 남을까요? 값의 리스트로 답하세요.

# %% [markdown] lang="en"
# ## Summary
#
# - `prune.l1_unstructured` removes the smallest absolute values first: the largest removed ≤ the smallest kept.
# - At the same `amount`, magnitude pruning changes the layer's output less (measured on this layer).
# - `importance_scores` changes what is ranked; `amount` still decides how many go.
# - `amount`: a float means `round(amount × elements)`, an int means that count.
#
# ## Exercises
#
# **[[exercise:1]].** A layer has the weights `[0.3, -0.9, 0.05, 0.6, -0.1, 0.2]`. Which values remain after
# `prune.l1_unstructured(..., amount=0.5)`? Answer with a list of values.

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 가중치가 10개인 층에 `amount=0.25`를 주면 몇 개가 0이 될까요?

# %% [markdown] lang="en"
# **[[exercise:2]].** How many of a layer's 10 weights become zero with `amount=0.25`?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 낱개가 아니라 필터와 채널을 통째로 없애는 [[structured]]을 배웁니다.

# %% [markdown] lang="en"
# Next: structured pruning, which removes whole filters and channels instead of single weights.
