# %% [markdown] lang="ko"
# # 무작위 비구조적 프루닝
#
# 드디어 [[pruning]]을 합니다. `prune.random_unstructured`는 [[weight]]를 무작위로 골라 0으로 만드는 가장 단순한
# [[unstructured]]입니다. 한 줄짜리 호출이지만, 그 뒤에서 PyTorch는 모듈을 네 군데나 바꿉니다. 하나씩 찾아봅시다.
#
# **배울 것**
# - 프루닝 뒤 `named_parameters()`에 생기는 `weight_orig`, `named_buffers()`에 생기는 `weight_mask`
# - `weight`가 `weight_orig * weight_mask`로 다시 계산된다는 것 (`MulBackward0`)
# - `_forward_pre_hooks` 속의 `RandomUnstructured` 객체와, 그것이 매 [[forward]] 전에 하는 일
# - `amount`를 비율(실수)로 줄 때와 개수(정수)로 줄 때의 차이
# - 슬라이더로 `amount`를 바꾸며 [[mask]]를 [[heatmap]]으로 보기
# - 마스크가 [[buffer]]라서 `.to(device)`를 따라간다는 것
# - 비구조적 프루닝과 [[structured]]의 차이 (그림으로)

# %% [markdown] lang="en"
# # Random unstructured pruning
#
# Time to prune. `prune.random_unstructured` zeroes randomly chosen weights: the simplest kind of
# unstructured pruning. It is a one-line call, but behind it PyTorch changes the module in four places.
# Let us find each one.
#
# **You will learn**
# - the `weight_orig` that appears in `named_parameters()` and the `weight_mask` in `named_buffers()`
# - that `weight` is recomputed as `weight_orig * weight_mask` (`MulBackward0`)
# - the `RandomUnstructured` object in `_forward_pre_hooks`, and what it does before every forward pass
# - `amount` as a fraction (float) versus a count (int)
# - how to move `amount` with a slider and watch the mask as a heatmap
# - that masks are buffers, so they follow `.to(device)`
# - how unstructured and structured pruning differ (in pictures)

# %% tags=["device-dependent"]
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 프루닝 전
#
# 지난 수업의 층을 다시 만들고, 프루닝 전 상태를 `ph.snapshot`으로 기록해 둡니다. 나중에 무엇이 바뀌었는지 비교할
# 때 씁니다. 이 수업의 층은 일부러 **CPU에서** 만들고 프루닝합니다. `random_unstructured`는 [[tensor]]가 있는 [[device]]의 난수
# 생성기로 마스크를 뽑는데, CUDA의 난수 생성기는 같은 [[seed]]에서도 CPU와 다른 수를 뽑습니다. CPU에서 뽑아야 여러분이 보는
# 마스크가 여기 저장된 것과 같습니다. 수업 끝에서 이 층을 첫 셀에서 고른 `device`로 옮깁니다.

# %% [markdown] lang="en"
# ## Before pruning
#
# Build last lesson's layer again and record its state with `ph.snapshot`, to compare with later. This lesson builds
# and prunes its layer **on the CPU** on purpose: `random_unstructured` draws its mask from the random generator of the
# tensor's device, and CUDA's generator draws other numbers than the CPU's from the same seed. Drawn on the CPU, the
# mask you see is the one stored here. At the end of the lesson the layer moves to the `device` chosen in the first
# cell.

# %%
conv = nn.Conv2d(3, 2, 3, stride=1, padding=1)
before = ph.snapshot(conv)
print([name for name, _ in conv.named_parameters()])
print([name for name, _ in conv.named_buffers()])

# %% [markdown] lang="ko"
# ## 프루닝하기
#
# `name="weight"`는 프루닝할 [[parameter]]의 이름, `amount=0.5`는 없앨 비율(절반)입니다. 함수는 같은 모듈을 돌려주므로
# 셀 출력에 층이 그대로 보입니다.

# %% [markdown] lang="en"
# ## Pruning
#
# `name="weight"` names the parameter to prune; `amount=0.5` is the fraction to remove (half). The function
# returns the same module, which is why the cell shows the layer.

# %%
prune.random_unstructured(conv, name="weight", amount=0.5)

# %% [markdown] lang="ko"
# ### 바뀐 곳 1: 파라미터 이름이 `weight_orig`가 되었습니다

# %% [markdown] lang="en"
# ### Change 1: the parameter is now called `weight_orig`

# %%
for name, p in conv.named_parameters():
    print(name, tuple(p.shape))

# %% [markdown] lang="ko"
# 원래 가중치 값은 하나도 지워지지 않았습니다. 이름만 `weight_orig`로 바뀌어 그대로 학습되는 파라미터로 남습니다.
#
# ### 바뀐 곳 2: 버퍼 `weight_mask`가 생겼습니다

# %% [markdown] lang="en"
# No original weight was deleted: they all stay, trainable, under the new name `weight_orig`.
#
# ### Change 2: a buffer `weight_mask` appeared

# %%
for name, b in conv.named_buffers():
    print(name, tuple(b.shape))
conv.weight_mask

# %% [markdown] lang="ko"
# 마스크는 가중치와 모양이 같고, 1은 남길 가중치, 0은 없앨 가중치입니다. 54개 중 정확히 27개가 0입니다.
#
# ### 바뀐 곳 3: `weight`는 이제 계산된 값입니다
#
# `conv.weight`는 더 이상 파라미터가 아니라 `weight_orig * weight_mask`를 곱해 만든 평범한 텐서입니다. 곱셈으로
# 만들어졌으므로 `grad_fn`이 `MulBackward0`입니다. [[autograd]]가 이 곱셈을 기록해 둔 것입니다.

# %% [markdown] lang="en"
# The mask has the weight's shape: 1 marks a weight to keep, 0 one to remove. Exactly 27 of the 54 are 0.
#
# ### Change 3: `weight` is now computed
#
# `conv.weight` is no longer a parameter but a plain tensor computed as `weight_orig * weight_mask`.
# Since a multiplication made it, its `grad_fn` is `MulBackward0` (the multiplication autograd recorded).

# %%
print(type(conv.weight).__name__, isinstance(conv.weight, nn.Parameter))
print(conv.weight.grad_fn)
print(torch.equal(conv.weight, conv.weight_orig * conv.weight_mask))

# %% [markdown] lang="ko"
# ### 바뀐 곳 4: 순전파 전 훅
#
# 모듈은 순전파 직전에 부를 [[hook]]을 `_forward_pre_hooks`라는 사전에 보관합니다. 이런 훅을 [[forward-pre-hook]]이라고
# 합니다. 프루닝이 여기에 `RandomUnstructured` 객체를 넣었습니다. (`0x...` 주소는 실행할 때마다 달라집니다.)

# %% [markdown] lang="en"
# ### Change 4: a forward pre-hook
#
# A module keeps forward pre-hooks in a dict called `_forward_pre_hooks`. Pruning put a
# `RandomUnstructured` object there. (The `0x...` address differs on every run.)

# %%
conv._forward_pre_hooks

# %%
hook = next(iter(conv._forward_pre_hooks.values()))
print(type(hook).__name__, hook._tensor_name, hook.amount)

# %% [markdown] lang="ko"
# ## 훅이 하는 일
#
# 훅은 순전파 **직전마다** `weight = weight_orig * weight_mask`를 다시 계산합니다. 직접 확인해 봅시다.
# `weight_orig`를 바꾸면 `weight`는 바로 바뀌지 않고, 순전파를 한 번 한 뒤에야 새 값으로 다시 계산됩니다.

# %% [markdown] lang="en"
# ## What the hook does
#
# The hook recomputes `weight = weight_orig * weight_mask` **right before every** forward pass. Let us
# check: change `weight_orig`, and `weight` stays stale until one forward pass recomputes it.

# %%
with torch.no_grad():
    conv.weight_orig.add_(1.0)
print(torch.equal(conv.weight, conv.weight_orig * conv.weight_mask))

output = conv(torch.randn(1, 3, 5, 5))
print(torch.equal(conv.weight, conv.weight_orig * conv.weight_mask))
print(bool((conv.weight[conv.weight_mask == 0] == 0).all()))

# %% [markdown] lang="ko"
# 첫 줄 `False`: 아직 순전파 전이라 `weight`는 옛 값입니다. 둘째 줄 `True`: 훅이 다시 계산했습니다. 셋째 줄 `True`:
# `weight_orig`가 바뀌어도 마스크가 0인 자리는 계속 0입니다.
#
# 학습할 때도 마찬가지입니다. 곱셈을 거쳐 [[backprop]]하므로 마스크가 0인 자리에서 `weight_orig`의 [[gradient]]는 0입니다. 그래서
# 없앤 가중치는 학습으로 되살아나지 않습니다.

# %% [markdown] lang="en"
# First line `False`: before a forward pass, `weight` holds old values. Second `True`: the hook recomputed
# it. Third `True`: wherever the mask is 0, the weight stays 0 even though `weight_orig` changed.
#
# Training works the same way. Backpropagation goes through the multiplication, so `weight_orig`'s
# gradient is 0 wherever the mask is 0: pruned weights do not come back through training.

# %%
output.sum().backward()
print(bool((conv.weight_orig.grad[conv.weight_mask == 0] == 0).all()))
with torch.no_grad():
    conv.weight_orig.sub_(1.0)

# %% [markdown] lang="ko"
# ## 프루닝 전에 만든 옵티마이저
#
# 프루닝은 파라미터를 새로 만들지 않습니다. 원래의 `weight` 파라미터 객체를 `weight_orig`라는 이름으로 다시 등록할
# 뿐입니다. 그래서 프루닝 **전에** 만든 옵티마이저도 그대로 `weight_orig`를 학습합니다 (`prune.remove`는 같은 객체를 다시
# `weight`로 돌려줍니다). 다만 **가중치 감쇠**(weight decay)나 모멘텀은 기울기와 상관없이 값을 움직이므로, 마스크가 0인
# 자리의 `weight_orig`도 바뀝니다. 계산에 쓰이는 `weight`는 그래도 0입니다.

# %% [markdown] lang="en"
# ## An optimizer made before pruning
#
# Pruning creates no new parameter: it registers the original `weight` Parameter object again under the name
# `weight_orig`. So an optimizer built **before** pruning keeps training `weight_orig` (`prune.remove` hands the same
# object back as `weight`). **Weight decay** and momentum, though, move values regardless of the gradient, so
# `weight_orig` changes where the mask is 0 too; the `weight` used in the computation stays 0.

# %%
layer = nn.Linear(4, 2)
optimizer = torch.optim.SGD(layer.parameters(), lr=0.1, weight_decay=0.5)
prune.l1_unstructured(layer, name="weight", amount=0.5)
print(layer.weight_orig is optimizer.param_groups[0]["params"][0])
hidden = layer.weight_orig.detach()[layer.weight_mask == 0].clone()
layer(torch.ones(1, 4)).sum().backward()
optimizer.step()
print(torch.equal(hidden, layer.weight_orig.detach()[layer.weight_mask == 0]))
print(bool((layer.weight[layer.weight_mask == 0] == 0).all()))

# %% [markdown] lang="ko"
# ## 편향도 프루닝하기
#
# 같은 함수를 `name="bias"`로 부르면 [[bias]]도 프루닝됩니다. `ph.diff`는 프루닝 전 기록과 지금을 비교해 바뀐 것을 모두
# 보여 줍니다. 이름이 바뀐 파라미터, 새 버퍼, 새 훅, 그리고 계산된 속성이 된 `weight`와 `bias`입니다.

# %% [markdown] lang="en"
# ## Pruning the bias too
#
# The same function with `name="bias"` prunes the bias. `ph.diff` compares the snapshot from before with
# now and lists every change: renamed parameters, new buffers, new hooks, and `weight` and `bias` turned
# into computed attributes.

# %%
prune.random_unstructured(conv, name="bias", amount=0.5)
ph.diff(before, ph.snapshot(conv))

# %%
ph.describe(conv)

# %% [markdown] lang="ko"
# [[sparsity]]과 마스크 그림으로 결과를 확인합니다. 왼쪽 그림에서 가로 한 줄이 [[filter]] 하나이고, 3×3 블록 하나가
# [[in-channel]] 하나에 쓰는 [[kernel]]입니다(한 칸은 가중치 하나). 오른쪽 좁은 그림은 편향 마스크입니다.

# %% [markdown] lang="en"
# Check the result as sparsity and as a picture of the masks. In the left picture, one row is one filter and
# one block is the 3×3 kernel for one input channel. The narrow picture on the right is the bias mask.

# %%
ph.sparsity_report(conv)

# %%
ph.plot_mask(conv)

# %% [markdown] lang="ko"
# ## `amount`: 비율(실수)과 개수(정수)
#
# `amount`가 **실수**이면 비율입니다. `round(amount × 원소 수)`개를 없앱니다. **정수**이면 없앨 개수 그 자체입니다.
# 그래서 `amount=1`(정수)은 하나만, `amount=1.0`(실수)은 전부를 없앱니다.
#
# 파이썬의 `round`는 학교에서 배운 반올림과 다릅니다. 정확히 .5인 값은 **짝수 쪽**으로 보냅니다. `round(2.5)`는 2,
# `round(3.5)`는 4입니다. 그래서 원소가 10개인 텐서에 `amount=0.25`를 주면 3개가 아니라 2개가 없어집니다.
# (PyTorch의 `torch/nn/utils/prune.py`가 `round(amount * tensor_size)`로 셉니다.)

# %% [markdown] lang="en"
# ## `amount`: a fraction (float) or a count (int)
#
# A **float** `amount` is a fraction: `round(amount × number of elements)` entries are removed. An **int**
# is the count itself. So `amount=1` (int) removes one weight, and `amount=1.0` (float) removes them all.
#
# Python's `round` is not the rounding taught at school: a value exactly halfway goes to the **even** neighbour.
# `round(2.5)` is 2 and `round(3.5)` is 4. So `amount=0.25` on a tensor of 10 elements removes 2 entries, not 3.
# (PyTorch's `torch/nn/utils/prune.py` counts with `round(amount * tensor_size)`.)

# %%
for amount in (0.5, 0.3, 10, 1, 1.0):
    layer = nn.Conv2d(3, 2, 3)
    prune.random_unstructured(layer, name="weight", amount=amount)
    zeros = int((layer.weight_mask == 0).sum())
    print(f"amount={amount!r:<4} -> {zeros:2d} / {layer.weight_mask.numel()}")

print(round(2.5), round(3.5))
ten = nn.Linear(10, 1, bias=False)
prune.random_unstructured(ten, name="weight", amount=0.25)
print(int((ten.weight_mask == 0).sum()))

# %% [markdown] lang="ko"
# 범위를 벗어난 값은 PyTorch가 거절합니다. 아래 셀은 일부러 실패합니다 (54개보다 많이 없앨 수는 없습니다).

# %% [markdown] lang="en"
# PyTorch refuses values out of range. The next cell fails on purpose (you cannot remove more than 54).

# %% tags=["raises-exception"]
prune.random_unstructured(nn.Conv2d(3, 2, 3), name="weight", amount=100)

# %% [markdown] lang="ko"
# `prune_helpers`의 함수는 같은 실수를 여러분의 언어로, 고치는 법과 함께 알려 주고 모듈은 건드리지 않습니다.
# `ph.apply_method`는 `prune.*` 함수를 부르기 전에 입력을 검사하고, 실제로 실행한 PyTorch 호출을 돌려줍니다.

# %% [markdown] lang="en"
# `prune_helpers` functions report the same mistake in your language, say how to fix it, and leave the
# module untouched. `ph.apply_method` checks its input before calling the `prune.*` function, and returns
# the PyTorch call it actually made.

# %% tags=["raises-exception"]
ph.apply_method(nn.Conv2d(3, 2, 3), "weight", "random_unstructured", amount=100)

# %%
layer = nn.Conv2d(3, 2, 3)
print(ph.apply_method(layer, "weight", "random_unstructured", amount=0.25))
print(ph.count_zeros(layer.weight), f"{ph.sparsity(layer.weight):.3f}")

# %% [markdown] lang="ko"
# 54개의 25%는 13.5개라서 반올림한 14개가 0이 되었습니다. 그래서 희소성은 0.25가 아니라 14 / 54 ≈ 0.259입니다.
#
# ## 슬라이더로 `amount` 바꿔 보기
#
# 아래 탐색기의 슬라이더를 움직이면 **새 층 복사본**을 그 `amount`로 한 번만 프루닝하고, 마스크 그림과 희소성을
# 다시 그립니다. 아래쪽에는 방금 실행한 실제 PyTorch 호출이 보입니다. "방법"에서 다른 프루닝 함수도 골라 보세요
# (`*_structured`는 필터 전체를 없앱니다). 탐색기는 넘겨준 층을 바꾸지 않습니다.
#
# [[widget]] 화면은 실행할 때마다 새로 만들어지므로 자동 검사는 이 셀의 출력을 비교하지 않습니다.

# %% [markdown] lang="en"
# 25% of 54 is 13.5, rounded to 14 zeros. So the sparsity is 14 / 54 ≈ 0.259, not exactly 0.25.
#
# ## Moving `amount` with a slider
#
# Move the explorer's slider: each move prunes a **fresh copy** of the layer once at that `amount` and
# redraws the mask and the sparsity. Underneath is the real PyTorch call it just made. Try other pruning
# functions under "method" (`*_structured` removes whole filters). The explorer never changes the layer
# you give it.
#
# (A widget's view is created anew on every run, so the automatic check does not compare this cell's output.)

# %% tags=["nbval-ignore-output"]
explorer = ph.AmountExplorer(nn.Conv2d(3, 2, 3, stride=1, padding=1))
explorer

# %% [markdown] lang="ko"
# 코드로 슬라이더를 움직일 수도 있습니다. 0.9 다음에 0.1로 옮기면 희소성은 10% 근처입니다. 같은 층을 두 번 프루닝했다면
# 0.9로 없앤 것 위에 더 없애서 90%가 넘었을 것입니다. 탐색기는 매번 새 복사본에서 시작하므로 누적되지 않습니다.
# 같은 층을 여러 번 프루닝할 때 일어나는 일은 뒤의 [[iterative]] 수업에서 다룹니다.

# %% [markdown] lang="en"
# Code can move the slider too. Going to 0.9 and then to 0.1 leaves about 10% sparsity. Had the same layer been
# pruned twice, the second pruning would have come on top of the first, past 90%. The explorer starts from a
# fresh copy every time, so nothing compounds. (What happens when one layer is pruned repeatedly is the
# topic of the later lesson on iterative pruning.)

# %%
explorer.slider.value = 0.9
explorer.slider.value = 0.1
print(explorer.call)
print(explorer.label.value)

# %% [markdown] lang="ko"
# ## 마스크는 버퍼라서 `.to(device)`를 따라갑니다
#
# 버퍼는 파라미터처럼 `.to(device)`로 함께 옮겨지고 `state_dict()`에도 저장됩니다. 그래서 프루닝한 층을 GPU로
# 옮겨도 마스크를 따로 옮길 필요가 없습니다. 아래 셀은 어느 장치에서든 같은 결과를 출력하도록 장치 이름 대신
# 비교 결과만 출력합니다.

# %% [markdown] lang="en"
# ## Masks are buffers, so they follow `.to(device)`
#
# Like parameters, buffers move with `.to(device)` and are saved in `state_dict()`. So a pruned layer moved
# to a GPU needs no separate step for its masks. To print the same on any machine, the cell below prints
# comparisons instead of device names.

# %%
conv.to(device)
masks_moved = all(m.device.type == device.type for m in (conv.weight_mask, conv.bias_mask))
print(masks_moved)
output = conv(torch.randn(1, 3, 5, 5).to(device))
print(conv.weight.device == conv.weight_orig.device)
print(list(conv.state_dict()))
conv = conv.to("cpu")

# %% [markdown] lang="ko"
# `state_dict()`에는 `weight`가 아니라 `weight_orig`와 `weight_mask`가 저장됩니다. 그래서 프루닝한 모델의 [[checkpoint]]를
# 새 모델에 그대로 불러오면 키가 맞지 않습니다. 저장과 불러오기는 뒤의 수업에서 자세히 다룹니다.
#
# ## 비구조적 vs 구조적 프루닝
#
# 지금까지 한 것은 **비구조적** 프루닝입니다. 가중치를 낱개로, 어디서든 골라 없앱니다. **구조적** 프루닝은 필터 전체나
# 채널 전체처럼 묶음을 통째로 없앱니다. 같은 50%라도 무늬가 전혀 다릅니다. 두 층을 실제로 프루닝해 비교해 봅시다.

# %% [markdown] lang="en"
# `state_dict()` holds `weight_orig` and `weight_mask`, not `weight`. That is why a pruned model's
# checkpoint does not load straight into a fresh model: the keys differ. A later lesson covers saving and
# loading in detail.
#
# ## Unstructured vs structured pruning
#
# So far we did **unstructured** pruning: single weights, chosen anywhere. **Structured** pruning removes
# whole groups, such as entire filters or channels. At the same 50% the pattern looks completely different.
# Let us prune two layers for real and compare.

# %%
layer_a = nn.Conv2d(4, 6, 3)
layer_b = nn.Conv2d(4, 6, 3)
prune.random_unstructured(layer_a, name="weight", amount=0.5)
prune.random_structured(layer_b, name="weight", amount=0.5, dim=0)
ph.plot_masks({
    ph.t("plot.unstructured_title"): layer_a.weight_mask,
    ph.t("plot.structured_title"): layer_b.weight_mask,
})

# %% [markdown] lang="ko"
# 왼쪽은 점점이 흩어진 0, 오른쪽은 필터(가로줄) 3개가 통째로 0입니다. 흩어진 0은 계산할 숫자의 개수를 줄이지 못해서
# 보통 속도를 높이지 않습니다. 통째로 빈 필터는 층에서 잘라 내면 층이 정말 작아집니다. 이 차이는 뒤의 수업에서
# 직접 재 봅니다.
#
# ## 정리
#
# - `prune.random_unstructured(module, name="weight", amount=0.5)`는 모듈의 네 군데를 바꿉니다. 파라미터
#   `weight_orig`, 버퍼 `weight_mask`, 순전파 전 훅 `RandomUnstructured`, 계산된 속성 `weight`입니다.
# - `weight`는 순전파 직전마다 `weight_orig * weight_mask`로 다시 계산되며 (`MulBackward0`), 없앤 자리의 기울기는 0입니다.
# - `amount`: 실수는 비율 (`round(amount × 원소 수)`개), 정수는 개수입니다.
# - 마스크는 버퍼라서 `.to(device)`와 `state_dict()`를 따라갑니다.
# - 마스크를 씌운 것만으로는 모델이 작아지거나 빨라지지 않습니다. 가중치 0도 여전히 저장되고 계산됩니다.
#
# ## 연습 문제
#
# **[[exercise:1]].** `nn.Conv2d(3, 2, 3)`의 가중치에 `prune.random_unstructured(..., amount=0.5)`를 하면 0이 되는 가중치는 몇 개인가요?

# %% [markdown] lang="en"
# Left: zeros scattered one by one. Right: 3 whole filters (rows) are zero. Scattered zeros do not reduce the
# number of values to compute with, so they usually bring no speed-up. Empty filters can be cut out of the
# layer, which makes it really smaller. Later lessons measure this difference.
#
# ## Summary
#
# - `prune.random_unstructured(module, name="weight", amount=0.5)` changes the module in four places: the
#   parameter `weight_orig`, the buffer `weight_mask`, the forward pre-hook `RandomUnstructured`, and the
#   computed attribute `weight`.
# - `weight` is recomputed as `weight_orig * weight_mask` before every forward pass (`MulBackward0`); pruned
#   positions get zero gradient.
# - `amount`: a float is a fraction (`round(amount × elements)` entries), an int is a count.
# - Masks are buffers, so they follow `.to(device)` and `state_dict()`.
# - A mask alone makes a model neither smaller nor faster: the zeros are still stored and computed with.
#
# ## Exercises
#
# **[[exercise:1]].** After `prune.random_unstructured(..., amount=0.5)` on the weight of `nn.Conv2d(3, 2, 3)`, how
# many weights are zero?

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 같은 가중치에 `amount=0.3`을 주면 몇 개가 0이 될까요?

# %% [markdown] lang="en"
# **[[exercise:2]].** With `amount=0.3` on the same weight, how many become zero?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:3]].** `weight`와 `bias`를 모두 프루닝한 뒤 `named_buffers()`에 나오는 이름을 모두 리스트로 적으세요.

# %% [markdown] lang="en"
# **[[exercise:3]].** After pruning both `weight` and `bias`, list every name that `named_buffers()` yields.

# %%
ph.check("[[exercise:3]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 무작위 대신 크기가 작은 가중치부터 없애는 [[magnitude]]과 비교합니다.

# %% [markdown] lang="en"
# Next, we compare random pruning with magnitude pruning, which removes the smallest weights first.
