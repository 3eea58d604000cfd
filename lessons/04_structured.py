# %% [markdown] lang="ko"
# # 구조적 프루닝
#
# 지금까지의 [[pruning]]은 [[weight]]를 낱개로 없앴습니다. [[structured]]은 [[filter]] 전체, 채널 전체처럼
# **묶음**을 통째로 없앱니다. 그러면 층을 실제로 더 작은 층으로 바꿀 수 있습니다. 이번 수업에서 그 과정을 직접 해 봅니다.
#
# **배울 것**
# - `prune.ln_structured`(n = 1, 2, ∞)와 `prune.random_structured`
# - 필터, 곧 [[out-channel]] 단위로 자르는 `dim=0`과 [[in-channel]] 단위로 자르는 `dim=1`, `Linear`에서는 행과 열
# - 빈 필터를 잘라 내어 층을 정말 작게 만들기, 그리고 [[bias]]의 함정
# - 앞 층의 필터와 이 층의 필터를 모두 p씩 줄이면, 입력과 출력이 함께 줄어든 이 층의 가중치가 1 − (1 − p)²만큼 사라지는
#   이유 (계산기)

# %% [markdown] lang="en"
# # Structured pruning
#
# So far we removed single weights. Structured pruning removes whole **groups**, such as entire filters or
# channels. Then a layer can be replaced by a really smaller one. In this lesson you do exactly that.
#
# **You will learn**
# - `prune.ln_structured` (n = 1, 2, ∞) and `prune.random_structured`
# - `dim=0` (filters = output channels) versus `dim=1` (input channels), and rows versus columns on a `Linear`
# - how to cut empty filters out to make a layer really smaller, and the bias trap
# - why cutting a fraction p of the filters of a layer *and* of the layer before it removes 1 − (1 − p)² of this
#   layer's weights, whose inputs and outputs both shrank (a calculator)
#   (a calculator)

# %% tags=["device-dependent"]
import copy

import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 필터를 통째로: `dim=0`
#
# `prune.ln_structured(module, name, amount, n, dim)`은 `dim` 축을 따라 자른 조각마다 Ln [[norm]]을 재고, 노름이 가장 작은
# 조각부터 통째로 없앱니다. `dim=0`이면 조각은 필터(출력 채널) 하나입니다. `n`은 노름의 종류로, 1은 절댓값의 합,
# 2는 제곱합의 제곱근, ∞(`float("inf")`)는 가장 큰 절댓값입니다. `random_structured`는 무작위로 고릅니다.

# %% [markdown] lang="en"
# ## Whole filters: `dim=0`
#
# `prune.ln_structured(module, name, amount, n, dim)` measures the Ln norm of every slice along axis `dim` and removes
# the slices with the smallest norms, whole. With `dim=0` a slice is one filter (one output channel). `n` picks the
# norm: 1 sums absolute values, 2 is the square root of the sum of squares, ∞ (`float("inf")`) takes the largest
# absolute value. `random_structured` chooses at random.

# %%
layer = nn.Conv2d(4, 6, 3).to(device)
masks = {}
for n in (1, 2, float("inf")):
    pruned = copy.deepcopy(layer)
    prune.ln_structured(pruned, name="weight", amount=0.5, n=n, dim=0)
    masks[f"ln_structured n={n}"] = pruned.weight_mask
pruned = copy.deepcopy(layer)
prune.random_structured(pruned, name="weight", amount=0.5, dim=0)
masks["random_structured"] = pruned.weight_mask
ph.plot_masks(masks)

# %% [markdown] lang="ko"
# 네 그림 모두 가로줄(필터) 3개가 통째로 어둡습니다. 6개의 50%입니다. 어느 필터를 없앴는지는 노름마다 다를 수
# 있습니다. 필터마다 세 노름을 직접 계산해 비교해 봅시다.

# %% [markdown] lang="en"
# In all four pictures 3 rows (filters) are dark: 50% of 6. Which filters go can differ between norms. Compute the
# three norms of every filter yourself and compare.

# %% tags=["device-dependent"]
filters = layer.weight.detach().flatten(1)
for n in (1, 2, float("inf")):
    norms = filters.norm(p=n, dim=1)
    removed = sorted(norms.argsort()[:3].tolist())
    print(f"n={n:<4}", ph.t("out.filter_norms", norms=[round(v, 3) for v in norms.tolist()], removed=removed))
for label, mask in masks.items():
    print(f"{label:<22}", ph.t("out.empty_filters", filters=[i for i in range(6) if mask[i].sum() == 0]))

# %% [markdown] lang="ko"
# ## 입력 채널을 통째로: `dim=1`
#
# `dim=1`이면 조각은 입력 채널 하나입니다. 모든 필터에서 같은 입력 채널이 사라지므로 그림에서 **세로줄**이 어두워집니다.
# `Linear`의 가중치 `[출력, 입력]`에서는 `dim=0`이 행(출력 뉴런), `dim=1`이 열(입력 특징)입니다.

# %% [markdown] lang="en"
# ## Whole input channels: `dim=1`
#
# With `dim=1` a slice is one input channel. The same input channel disappears from every filter, so **columns** go
# dark. For a `Linear` weight `[out, in]`, `dim=0` means rows (output neurons) and `dim=1` means columns (input features).

# %%
by_input = copy.deepcopy(layer)
prune.ln_structured(by_input, name="weight", amount=0.5, n=2, dim=1)
linear = nn.Linear(8, 6).to(device)
rows, columns = copy.deepcopy(linear), copy.deepcopy(linear)
prune.ln_structured(rows, name="weight", amount=0.5, n=2, dim=0)
prune.ln_structured(columns, name="weight", amount=0.5, n=2, dim=1)
ph.plot_masks({"Conv2d dim=1": by_input.weight_mask, "Linear dim=0": rows.weight_mask, "Linear dim=1": columns.weight_mask})

# %% [markdown] lang="ko"
# ## 왜 구조적 프루닝은 모델을 정말 작게 만들 수 있나
#
# [[mask]]만 씌우면 0이 저장되고 계산도 그대로입니다. 하지만 필터 전체가 0이면 그 필터를 **잘라 낸** 더 작은 층을
# 만들 수 있습니다. 그 필터가 만들던 출력 채널이 사라지므로 다음 층의 해당 입력 채널도 함께 잘라 냅니다.
#
# [[convolution]] 두 개짜리 작은 신경망에서 첫 층 필터의 절반을 없애 봅시다. 먼저 **함정**이 있습니다. `ln_structured`는
# `weight`에만 마스크를 씌웁니다. 편향은 남아 있어서, "없앤" 필터도 `relu(bias)`라는 상수를 계속 출력합니다.

# %% [markdown] lang="en"
# ## Why structured pruning can really shrink a model
#
# A mask alone stores the zeros and computes with them as before. But when an entire filter is zero, you can build a
# smaller layer with that filter **cut out**. Its output channel disappears, so the matching input channel of the next
# layer goes too.
#
# Let us remove half of the first layer's filters in a small two-convolution network. First, **the trap**:
# `ln_structured` masks only `weight`. The bias stays, so a "removed" filter keeps outputting the constant `relu(bias)`.

# %%
net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 16, 3, padding=1)).to(device)
x = torch.randn(2, 3, 6, 6).to(device)
prune.ln_structured(net[0], name="weight", amount=0.5, n=2, dim=0)
kept = [i for i in range(8) if net[0].weight_mask[i].sum() > 0]
removed = [i for i in range(8) if i not in kept]
with torch.no_grad():
    hidden = net[1](net[0](x))
print(ph.t("out.kept_filters", filters=kept))
print(ph.t("out.removed_filter_output", value=hidden[:, removed].abs().max()))

# %% [markdown] lang="ko"
# 0이 아닙니다. 필터를 정말 없앤 것과 같게 하려면 같은 필터의 편향에도 마스크를 씌워야 합니다. 원하는 마스크를 그대로 씌우는
# `prune.custom_from_mask`를 씁니다.

# %% [markdown] lang="en"
# Not zero. To match truly removing the filter, mask the same filters' biases too. `prune.custom_from_mask` applies
# exactly the mask you give it.

# %%
bias_mask = net[0].weight_mask.flatten(1).amax(dim=1)
prune.custom_from_mask(net[0], name="bias", mask=bias_mask)
with torch.no_grad():
    masked_output = net(x)
    print(ph.t("out.removed_filter_output", value=net[1](net[0](x))[:, removed].abs().max()))

# %% [markdown] lang="ko"
# 이제 남은 필터만으로 더 작은 층 두 개를 만들고 가중치를 옮겨 담습니다. 첫 층은 출력 채널 `kept`만, 둘째 층은 입력
# 채널 `kept`만 남깁니다. 출력이 마스크를 씌운 신경망과 같은지, [[parameter]]가 얼마나 줄었는지 봅시다.

# %% [markdown] lang="en"
# Now build two smaller layers from the kept filters and copy the weights over: the first keeps output channels
# `kept`, the second keeps input channels `kept`. Check that the output matches the masked network, and count the
# parameters.

# %%
small = nn.Sequential(nn.Conv2d(3, len(kept), 3, padding=1), nn.ReLU(), nn.Conv2d(len(kept), 16, 3, padding=1))
small.to(device)
with torch.no_grad():
    small[0].weight.copy_(net[0].weight[kept])
    small[0].bias.copy_(net[0].bias[kept])
    small[2].weight.copy_(net[2].weight[:, kept])
    small[2].bias.copy_(net[2].bias)
    difference = (small(x) - masked_output).abs().max()
print(ph.t("out.largest_difference", value=difference))
print(ph.t("out.parameters", before=sum(p.numel() for p in net.parameters()),
           after=sum(p.numel() for p in small.parameters())))

# %% [markdown] lang="ko"
# 출력은 같고 (차이는 0이거나 많아야 부동소수점 반올림 수준), 파라미터는 1,392개에서 704개로 줄었습니다 (마스크를 씌운 신경망은
# `weight_orig`에 모든 값을 그대로 갖고 있습니다). 이번에는 마스크가 아니라
# 층 자체가 작아졌습니다. 실제로 얼마나 빨라지는지는 [[lesson:speed_and_size]]에서 측정합니다.
#
# ## 필터는 어느 축일까
#
# `dim=0`이 필터(출력 채널)인 것은 `Conv2d`와 `Linear`가 가중치를 `[출력, 입력, ...]` 순서로 저장하기 때문입니다. 모든 층이
# 그렇지는 않습니다. `ConvTranspose2d`는 `[입력, 출력, kH, kW]`로 저장하므로 출력 채널을 자르려면 `dim=1`을 써야 합니다.
# Hugging Face GPT-2의 `Conv1D`도 `[입력, 출력]` 순서입니다. 프루닝하기 전에 `weight.shape`와 층의 문서를 확인하세요.
#
# 필터를 없앨 때 따라오는 것도 있습니다. 필터 뒤에 `BatchNorm2d`가 있으면, 필터의 출력이 0이어도 배치 정규화가 자기 편향을
# 더해 **상수**를 내보냅니다. 편향의 함정과 똑같으니 배치 정규화의 같은 채널에도 마스크를 씌워야 합니다. 잔차 연결(`x + f(x)`)로
# 더해지는 채널들은 여러 층에 걸쳐 묶여 있어서 함께 잘라야 합니다. 이런 묶음을 자동으로 찾는 것이 Torch-Pruning 같은
# 라이브러리의 의존성 그래프입니다 ([[lesson:speed_and_size]]).

# %% [markdown] lang="en"
# The output matches (the difference is zero, or at most floating-point rounding) and the parameters dropped from 1,392 to 704 (the masked network still holds every value in `weight_orig`). This
# time the layer itself shrank, not just a mask. [[Lesson:speed_and_size]] measures how much faster that really is.
#
# ## Which axis is a filter?
#
# `dim=0` means filters (output channels) because `Conv2d` and `Linear` store weights as `[out, in, ...]`. Not every
# layer does. `ConvTranspose2d` stores `[in, out, kH, kW]`, so cutting its output channels takes `dim=1`; Hugging Face
# GPT-2's `Conv1D` stores `[in, out]` too. Check `weight.shape` and the layer's documentation before pruning.
#
# Removing a filter drags other things along. If a `BatchNorm2d` follows the filter, its output is a **constant** even
# though the filter outputs 0: batch norm adds its own bias. It is the bias trap again, so mask that batch-norm channel
# too. Channels added together by a residual connection (`x + f(x)`) are tied across layers and must be cut together;
# finding such groups automatically is what dependency graphs in libraries such as Torch-Pruning do ([[lesson:speed_and_size]]).

# %%
up = nn.ConvTranspose2d(4, 6, 3).to(device)
print(tuple(up.weight.shape))
prune.ln_structured(up, name="weight", amount=0.5, n=2, dim=1)
print([i for i in range(6) if up.weight_mask[:, i].sum() == 0])

# %% [markdown] lang="ko"
# 가중치의 모양은 `(4, 6, 3, 3)`, 곧 입력 4개 × 출력 6개입니다. `dim=1`로 잘랐더니 출력 채널 6개 가운데 3개가 통째로
# 비었습니다.
#
# ## 계산기: 두 층의 채널을 함께 줄이면
#
# 어떤 층의 출력 채널을 비율 p_out만큼, 입력 채널(= 앞 층의 출력 채널)을 p_in만큼 없애면 그 층의 가중치는
# (1 − p_out) × (1 − p_in)만 남습니다. 모든 층에서 같은 p를 쓰면 첫 층이 아닌 합성곱마다 입력과 출력이 함께 줄어서, 그
# 층의 가중치가 1 − (1 − p)²만큼 사라집니다.
# p = 0.5면 75%입니다. 위의 두 층짜리 신경망에서 첫 층은 출력만 줄어서 절반이, 둘째 층은 입력만 줄어서 절반이 사라졌습니다.

# %% [markdown] lang="en"
# The weight's shape is `(4, 6, 3, 3)`: 4 inputs × 6 outputs. Cut along `dim=1`, 3 of the 6 output channels are
# empty.
#
# ## Calculator: cutting the channels of two layers
#
# Remove a fraction p_out of a layer's output channels and p_in of its input channels (= the previous layer's output
# channels), and (1 − p_out) × (1 − p_in) of its weights remain. With the same p everywhere, every convolution after the
# first loses inputs and outputs at once, so 1 − (1 − p)² of its weights disappear: 75% for p = 0.5. In the two-layer network above, the first layer lost only outputs and the
# second only inputs, so each lost half.

# %% tags=["nbval-ignore-output"]
ph.Calculator(ph.removed_between, "calc.between", p_out=(0.0, 0.9, 0.05, 0.5), p_in=(0.0, 0.9, 0.05, 0.5))

# %%
for p in (0.25, 0.5, 0.75):
    print(ph.t("out.removed_formula", p=p, removed=ph.removed_between(p, p), formula=1 - (1 - p) ** 2))

# %% [markdown] lang="ko"
# ## 정리
#
# - `ln_structured`는 `dim` 축의 조각을 Ln 노름이 작은 것부터 통째로 없앱니다. `random_structured`는 무작위로 고릅니다.
# - `dim=0`은 필터(출력 채널, Linear의 행), `dim=1`은 입력 채널(Linear의 열)입니다.
# - `ln_structured`는 편향에는 마스크를 씌우지 않습니다. 필터를 없앤 것과 같게 하려면 편향에도 `custom_from_mask`로
#   마스크를 씌우세요.
# - 빈 필터를 잘라 내면 층이 정말 작아지고 출력은 같습니다. 다음 층의 입력 채널도 함께 줄어듭니다.
# - 앞 층과 이 층의 필터를 모두 p씩 줄이면 이 층의 가중치는 1 − (1 − p)²만큼 줄어듭니다.
#
# ## 연습 문제
#
# **[[exercise:1]].** `nn.Conv2d(8, 16, 3)`에 `prune.ln_structured(..., amount=0.25, n=2, dim=0)`를 하면 필터 몇 개가 통째로 0이 되나요?

# %% [markdown] lang="en"
# ## Summary
#
# - `ln_structured` removes whole slices along `dim`, smallest Ln norm first; `random_structured` picks at random.
# - `dim=0` means filters (output channels, rows of a Linear); `dim=1` means input channels (columns of a Linear).
# - `ln_structured` does not mask the bias. To match removing a filter, mask the bias with `custom_from_mask` too.
# - Cutting out empty filters makes a layer really smaller with the same output; the next layer loses the matching
#   input channels.
# - Cutting a fraction p of the filters of a layer and of the layer before it removes 1 − (1 − p)² of this layer's
#   weights.
#
# ## Exercises
#
# **[[exercise:1]].** After `prune.ln_structured(..., amount=0.25, n=2, dim=0)` on `nn.Conv2d(8, 16, 3)`, how many filters are
# entirely zero?

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 어떤 합성곱 층의 필터 절반을 없애고, 그 앞 층의 필터도 절반을 없앴습니다(그래서 이 층의 입력 채널도 절반이
# 됩니다). 이 층의 가중치 가운데 얼마가 사라지나요? 소수로 답하세요.

# %% [markdown] lang="en"
# **[[exercise:2]].** A convolution loses half its filters, and the layer before it loses half of its filters too (so this
# layer also loses half its input channels). What share of this layer's weights disappears? Answer as a decimal.

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 같은 파라미터를 여러 번 프루닝하면 어떤 일이 생기는지 봅니다.

# %% [markdown] lang="en"
# Next: what happens when the same parameter is pruned several times.
