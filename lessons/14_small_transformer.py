# %% [markdown] lang="ko"
# # 작은 트랜스포머 프루닝
#
# 지금까지는 [[convolution]] 신경망을 [[pruning]]했습니다. 요즘 큰 모델은 대부분 트랜스포머입니다. 트랜스포머에는 CNN에 없는 묶음이
# 두 가지 있습니다. [[attention-head]]와 MLP 뉴런입니다. 또 큰 언어 모델을 위해 나온 [[unstructured]] 방법인 Wanda도 있습니다. 이 수업에서는
# 손글씨 숫자로 [[parameter]] 18,154개짜리 작은 트랜스포머를 몇 초 만에 학습하고, 같은 `torch.nn.utils.prune` 호출로 둘 다 시험해 봅니다.
# 모델이 아주 작으므로 논문의 결론이 그대로 재현되지 않는 곳도 있습니다. 그런 곳은 그렇다고 말합니다.
#
# **배울 것**
# - 평범한 `nn.Linear`로 만든 작은 비전 트랜스포머를 float64로 학습하기
# - 헤드를 끄려면 어느 층의 어느 부분에 [[mask]]를 씌워야 하는지 (`attn.proj`의 열), 헤드를 하나씩 끄는 탐욕적 제거, 헤드를 끄고 켜는 체크박스
# - MLP 뉴런을 `ln_structured`로 없애기, 그리고 다시 나오는 [[bias]]의 함정
# - [[fine-tuning]] 없는 비구조적 프루닝: [[magnitude]] vs Wanda vs 무작위, 50%와 2:4를 `importance_scores`와 `BasePruningMethod`로
# - [[outlier-feature]]을 손으로 만들어, 큰 언어 모델에서 Wanda가 크게 이기는 까닭 보기

# %% [markdown] lang="en"
# # Pruning a small transformer
#
# So far we pruned convolutional networks. Most large models today are transformers. They have two kinds of group a
# CNN does not (attention heads and MLP neurons), and an unstructured method made for large language models (Wanda).
# This lesson trains a small transformer with 18,154 parameters on the handwritten digits in a few seconds, and
# tries both with the same `torch.nn.utils.prune` calls. The model is tiny, so some of the papers' findings do not
# reproduce; where they do not, the lesson says so.
#
# **You will learn**
# - training a small vision transformer built from plain `nn.Linear` layers, in float64
# - which part of which layer switches a head off (columns of `attn.proj`), greedy head removal, and checkboxes that
#   switch heads off and on
# - removing MLP neurons with `ln_structured`, and the bias trap once more
# - unstructured pruning without fine-tuning: magnitude vs Wanda vs random, at 50% and 2:4, through
#   `importance_scores` and a `BasePruningMethod`
# - outlier features made by hand, to see why Wanda wins by far on large language models

# %% tags=["device-dependent"]
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 모델
#
# 8 × 8 이미지를 4 × 4 조각 4개로 자르면 토큰 4개가 되고, 토큰마다 값이 16개입니다. `Linear(16, 32)`로 32차원이 된 토큰에
# 학습하는 위치 임베딩을 더하고, 블록 2개를 지나, 마지막 LayerNorm 뒤에 토큰의 평균을 `head(32 → 10)`에 넣습니다. 블록은
# LayerNorm을 먼저 거치는(pre-norm) 보통의 트랜스포머 블록입니다.
#
# - 어텐션: `x + proj(attention(q(x), k(x), v(x)))`. `q`, `k`, `v`, `proj`는 모두 `Linear(32, 32)`이고, 헤드는 4개, 헤드마다 8차원입니다.
# - MLP: `x + fc2(gelu(fc1(x)))`. `fc1`은 `Linear(32, 64)`, `fc2`는 `Linear(64, 32)`이므로 블록마다 뉴런이 64개입니다.
#
# 어텐션의 [[forward]]는 이렇습니다 (`ph.transformer.Attention`에 있는 그대로입니다).
#
# ```python
# def forward(self, x):                                    # x: [배치, 토큰 4, 32]
#     b, n, dim = x.shape
#     h, d = self.heads, dim // self.heads                 # 헤드 4개, 헤드마다 8
#     q, k, v = (layer(x).view(b, n, h, d).transpose(1, 2) for layer in (self.q, self.k, self.v))
#     weights = (q @ k.transpose(-2, -1) / math.sqrt(d)).softmax(dim=-1)
#     heads_out = (weights @ v).transpose(1, 2).reshape(b, n, dim)   # 헤드의 출력을 나란히
#     return self.proj(heads_out)
# ```
#
# 헤드 h는 `q`, `k`, `v`의 행 `8h`부터 `8h + 7`까지로 자기 몫을 계산하고, 그 결과는 `heads_out`의 같은 자리에 나란히 놓입니다.
# 그다음 `proj`가 헤드들의 출력을 섞습니다. 이 구조가 아래에서 헤드를 끄는 방법을 정합니다. 아래는 블록 하나와 파라미터 수입니다.

# %% [markdown] lang="en"
# ## The model
#
# Cutting an 8 × 8 image into four 4 × 4 patches gives 4 tokens of 16 values each. `Linear(16, 32)` makes them
# 32-dimensional, a learned position embedding is added, two blocks follow, and after a final LayerNorm the mean over
# the tokens goes into `head(32 → 10)`. Each block is an ordinary pre-norm transformer block:
#
# - attention: `x + proj(attention(q(x), k(x), v(x)))`, where `q`, `k`, `v` and `proj` are all `Linear(32, 32)`, with
#   4 heads of 8 dimensions each;
# - MLP: `x + fc2(gelu(fc1(x)))`, with `fc1` a `Linear(32, 64)` and `fc2` a `Linear(64, 32)`: 64 neurons per block.
#
# The attention's forward pass is this (exactly as in `ph.transformer.Attention`):
#
# ```python
# def forward(self, x):                                    # x: [batch, 4 tokens, 32]
#     b, n, dim = x.shape
#     h, d = self.heads, dim // self.heads                 # 4 heads of 8
#     q, k, v = (layer(x).view(b, n, h, d).transpose(1, 2) for layer in (self.q, self.k, self.v))
#     weights = (q @ k.transpose(-2, -1) / math.sqrt(d)).softmax(dim=-1)
#     heads_out = (weights @ v).transpose(1, 2).reshape(b, n, dim)   # the heads' outputs side by side
#     return self.proj(heads_out)
# ```
#
# Head h computes its share from rows `8h` to `8h + 7` of `q`, `k` and `v`, and its result lands in the same place of
# `heads_out`, next to the other heads'. Then `proj` mixes the heads' outputs. This layout decides how a head is
# switched off below. Here are one block and the parameter count.

# %%
data = ph.load_digits_data(device=device, dtype=torch.float64)
model = ph.tiny_vit(seed=0, device=device)
print(model.blocks[0])
print(ph.t("small_transformer.params", count=sum(p.numel() for p in model.parameters())))

# %% [markdown] lang="ko"
# 학습은 [[lesson:real_model]]과 같이 float64로 합니다. 그래서 아래의 정확도는 어느 CPU에서나 같게 출력됩니다. 20[[epoch]],
# 학습률 3e-3, 배치 64입니다.

# %% [markdown] lang="en"
# Training runs in float64, as in [[lesson:real_model]], so the accuracies below print the same on every CPU: 20
# epochs, learning rate 3e-3, batch 64.

# %% tags=["device-dependent"]
dense = ph.train(model, data, epochs=20, lr=3e-3, progress=False)
dense_accuracy = ph.accuracy(dense, data)
noise = 100 * (dense_accuracy / 100 * (1 - dense_accuracy / 100) / len(data.test_y)) ** 0.5
print(ph.t("small_transformer.dense", accuracy=dense_accuracy, noise=noise))

# %% [markdown] lang="ko"
# 프루닝하지 않은 [[dense]] 모델의 정확도입니다. 시험 이미지는 360장이라 한 장이 0.28%p이고, `±` 뒤의 표준 오차는 0.78%p입니다. [[seed]]만 바꿔 8번 학습해 보니
# (수업 밖에서 미리 재었습니다) 시험 정확도는 96.88 ± 0.77%였습니다(± 뒤는 시드 사이의 표준 편차). 시드 0의 97.78%는 그중
# 잘 나온 편입니다. [[lesson:real_model]]의 작은 CNN(98.61%, 파라미터 93,962개)보다 조금 낮은 정확도를 5분의 1의 파라미터로
# 냅니다.

# %% [markdown] lang="en"
# With 360 test images one image is 0.28 points, and the standard error after `±` is 0.78 points. Trained with 8
# different seeds (measured offline, outside this lesson), test accuracy was 96.88 ± 0.77% (± is the standard deviation
# across seeds); seed 0's 97.78% is one of the better runs. That is a little below [[lesson:real_model]]'s CNN (98.61%,
# 93,962 parameters), with a fifth of the parameters.

# %% [markdown] lang="ko"
# ## 헤드 하나 끄기: 어디에 마스크를 씌울까
#
# 헤드 0이 하는 일을 모두 없애려면 어느 [[weight]]에 [[mask]]를 씌워야 할까요? 헤드 0의 출력은 `heads_out`의 0~7번 특징이고,
# 그것을 읽는 것은 `proj`의 **열** 0~7뿐입니다. 그러니 그 열에 마스크를 씌우면 헤드 0이 쓰는 것이 모두 사라집니다. 세 가지를 비교합니다.
#
# 1. `proj`의 열 0~7에 마스크 씌우기
# 2. `v`의 행 0~7과 그 편향에 마스크 씌우기. 헤드 0의 값(value)이 모두 0이 되므로 헤드 0의 출력도 0입니다.
# 3. `q`의 행 0~7에만 마스크 씌우기
#
# 마스크는 [[lesson:custom]]의 `prune.custom_from_mask`로 원하는 그대로 씌웁니다.

# %% [markdown] lang="en"
# ## Switching one head off: what to mask
#
# To remove everything head 0 does, which weights should be masked? Head 0's output is features 0–7 of `heads_out`, and
# only **columns** 0–7 of `proj` read them, so masking those columns removes everything head 0 writes. We compare three
# choices:
#
# 1. mask columns 0–7 of `proj`;
# 2. mask rows 0–7 of `v` and their bias: head 0's values are all zero, so its output is zero too;
# 3. mask only rows 0–7 of `q`.
#
# The masks are applied exactly as written with `prune.custom_from_mask` from [[lesson:custom]].

# %% tags=["device-dependent"]
d = 8
by_proj = ph.copy_model(dense)
proj = by_proj.blocks[0].attn.proj
columns = torch.ones_like(proj.weight)
columns[:, 0:d] = 0
prune.custom_from_mask(proj, name="weight", mask=columns)

by_v = ph.copy_model(dense)
v = by_v.blocks[0].attn.v
rows = torch.ones_like(v.weight)
rows[0:d, :] = 0
prune.custom_from_mask(v, name="weight", mask=rows)
prune.custom_from_mask(v, name="bias", mask=rows[:, 0])

by_q = ph.copy_model(dense)
prune.custom_from_mask(by_q.blocks[0].attn.q, name="weight", mask=rows)

with torch.no_grad():
    gap = (by_proj(data.test_x) - by_v(data.test_x)).abs().max()
print(ph.t("small_transformer.same_logits", gap=float(gap)))
for layer, trial in (("attn.proj", by_proj), ("attn.v", by_v), ("attn.q", by_q)):
    print(ph.t("small_transformer.masked_layer", layer=layer, accuracy=ph.accuracy(trial, data)))

# %% [markdown] lang="ko"
# `proj`의 열에 마스크를 씌운 모델과 `v`의 행과 편향에 마스크를 씌운 모델은 로짓이 비트 하나까지 같습니다. 둘 다 "헤드 0이
# 없는 모델"이고, 정확도는 97.78%에서 89.44%로 떨어집니다. `q`의 행에만 마스크를 씌우면 91.11%로 다른 값이 나옵니다. 헤드가 꺼진 것이 **아닙니다**.
# 질의(query)가 편향만 남아도 헤드는 여전히 주의를 기울이고 값을 섞어서 출력합니다. 주의를 기울이는 방식만 바뀐 다른 모델입니다.
#
# 두 방법 가운데 `proj`의 열이 편합니다. 헤드마다 마스크 하나로 끝나고 편향을 따로 다룰 필요가 없습니다 (`proj`의 편향은 모든
# 헤드가 함께 씁니다). 다만 어느 쪽이든 마스크를 씌운 것일 뿐이라서 헤드 0의 `q`, `k`, `v`는 여전히 계산되고 빨라지지도 않습니다.
# 정말 작게 만들려면 [[lesson:speed_and_size]]에서처럼 `q`, `k`, `v`의 행과 `proj`의 열을 잘라 낸 층을 새로 만들어야 합니다.
#
# ## 헤드를 하나씩 꺼 보기
#
# 이제 8개의 헤드를 하나씩 꺼 봅니다. 블록마다 모두 1인 마스크를 `custom_from_mask`로 **한 번만** 씌우고, 그다음에는
# `weight_mask` [[buffer]]를 그 자리에서 고칩니다. [[forward-pre-hook]]이 순전파 직전마다 `weight = weight_orig * weight_mask`를
# 다시 계산하므로, 고친 마스크가 다음 순전파에 바로 쓰입니다.

# %% [markdown] lang="en"
# Masking the columns of `proj` and masking the rows and bias of `v` give the same logits to the last bit: both are
# "the model without head 0", and accuracy drops from 97.78% to 89.44%. Masking only the rows of `q` gives 91.11%,
# another number: the head is **not** off. With a query that is only its bias, the head still attends and still
# writes a mix of its values; it is another model that merely attends differently.
#
# Of the two ways that work, the columns of `proj` are handier: one mask per head and no bias to handle (`proj`'s bias
# belongs to all heads together). Either way it is only masked: head 0's `q`, `k` and `v` are still computed and
# nothing runs faster. To really shrink the model, build new layers without those rows of `q`, `k`, `v` and columns of
# `proj`, as in [[lesson:speed_and_size]].
#
# ## Switching heads off one at a time
#
# Now switch each of the 8 heads off in turn. Each block gets an all-ones mask from `custom_from_mask` **once**; after
# that we edit the `weight_mask` buffer in place. The forward pre-hook recomputes `weight = weight_orig * weight_mask`
# right before every forward pass, so the edited mask is used at once.

# %% tags=["device-dependent"]
masked = ph.copy_model(dense)
for block in masked.blocks:
    prune.custom_from_mask(block.attn.proj, name="weight", mask=torch.ones_like(block.attn.proj.weight))

single = {}
for b, block in enumerate(masked.blocks):
    mask = block.attn.proj.weight_mask
    for h in range(block.attn.heads):
        mask[:, h * d : (h + 1) * d] = 0
        single[(b, h)] = ph.accuracy(masked, data)
        mask[:, h * d : (h + 1) * d] = 1
    print(ph.t("heads.block", block=b), " ".join(f"{single[(b, h)]:6.2f}" for h in range(block.attn.heads)))

# %% [markdown] lang="ko"
# 블록 0의 헤드는 하나만 꺼도 5~18%p가 떨어집니다 (헤드 1을 끄면 79.44%). 블록 1에서는 헤드 0이나 헤드 1을 끄면 거의 그대로이고
# (97.50%, 97.78%), 헤드 3은 6%p를 잃습니다.
#
# ## 탐욕적 제거: 가장 덜 아픈 헤드부터
#
# 여러 개를 끄면 어떨까요? 헤드 8개의 부분집합은 2^8 = 256개라서 모두 재 볼 수도 있지만, 헤드가 많은 모델에서는 불가능합니다.
# 그래서 흔히 **탐욕적으로** 고릅니다. 단계마다 남은 헤드를 하나씩 꺼 보고, 정확도가 가장 덜 떨어지는 헤드를 끕니다
# (8 + 7 + … + 1 = 36번 잽니다). `ph.greedy_head_removal`은 위의 마스크 편집을 이 순서로 되풀이합니다.

# %% [markdown] lang="en"
# A single head off in block 0 costs 5 to 18 points (head 1 off: 79.44%). In block 1, heads 0 and 1 can go almost
# for free (97.50%, 97.78%), while head 3 costs 6 points.
#
# ## Greedy removal: the least painful head first
#
# What about several heads? The 8 heads have 2^8 = 256 subsets, few enough to try them all here, but not in a model
# with many heads. So heads are usually chosen **greedily**: at each step, try switching off each head still on, and
# switch off the one that costs least (8 + 7 + … + 1 = 36 measurements). `ph.greedy_head_removal` repeats the mask
# edits above in that order.

# %% tags=["device-dependent"]
steps = ph.greedy_head_removal(dense, data)
print(ph.t("small_transformer.greedy_header"))
for count, (head, value) in enumerate(steps):
    print(f"{count:>2}  {'—' if head is None else str(head):<7} {value:6.2f}")

# %% [markdown] lang="ko"
# 헤드 2개까지는 밀집 모델에서 1%p 안입니다 (96.94%). 세 번째부터는 크게 떨어져서, 절반인 4개를 끄면 84.72%, 모두 끄면 15%입니다
# (모든 헤드를 끄면 모델은 토큰끼리 정보를 주고받지 못하고, 토큰 4개를 따로 보고 평균을 냅니다). 256개를 모두 재 본 결과(수업 밖에서
# 재었습니다)와 견주면, 헤드 k개(k = 1~4)를 끈 가장 좋은 부분집합의 정확도는 97.78, 96.94, 90.56, 85.00%로 탐욕적 제거와 거의 같습니다.
#
# 이 표는 **시험 이미지로 헤드를 골랐으니** 조금 낙관적입니다. 실제로는 시험 데이터와 다른 검증 데이터로 골라야 합니다.
#
# **논문과 비교하면.** Michel 외(2019, "Are Sixteen Heads Really Better than One?")는 번역 모델과 BERT에서 헤드 대부분을 하나씩
# 꺼도 성능이 거의 그대로이고, 어떤 층은 헤드 하나만 남겨도 되며, 탐욕적으로 고르면 모델 전체에서 헤드의 상당 부분을 함께 끌 수
# 있다고 보였습니다(다만 헤드의 절반 넘게는 남겨야 했습니다). 이 작은 모델은 그 첫째 결과를 **재현하지 못합니다**. 하나씩 끌 때
# 1%p보다 적게 잃는 헤드는 8개 가운데 2개뿐이고, 시드 8개에서 잰 결과(수업 밖)로는 가장 아픈 헤드 하나가 평균 9.5%p를 가져갑니다. 함께 끌 때에는 헤드
# 2개(25%)까지 밀집 모델의 1%p 안이고, 4개를 가장 잘 골라 꺼도 정확도가 90.49 ± 3.10%로 떨어집니다. 헤드가 4개, 헤드마다
# 8차원, 토큰이 4개뿐인 모델에는 겹치는 헤드가 거의 없습니다. 남아도는 헤드는 모델이 클 때 생기는 것으로 보입니다.
#
# ## 헤드의 노름으로 고르면?
#
# 데이터 없이 [[weight]]만 보고 고를 수도 있습니다. 헤드의 `proj` 열 8개를 묶어 L2 [[norm]]을 재고, 가장 작은 헤드를 끕니다.
# `prune.ln_structured`는 열(`dim=1`)마다 순위를 매기므로, `importance_scores`로 **열마다 그 헤드의 노름**을 주고 `amount=8`로
# 열 8개를 없애면 헤드 하나가 통째로 꺼집니다.

# %% [markdown] lang="en"
# Up to 2 heads stay within 1 point of dense (96.94%). From the third on, accuracy falls fast: 84.72% with half the
# heads off, 15% with all of them off (then the tokens never exchange information, and the model averages what it
# sees in 4 separate patches). Compared with all 256 subsets (measured offline), the best subset with k heads off
# (k = 1 to 4) scores 97.78, 96.94, 90.56, 85.00%: greedy removal finds almost the same.
#
# This table is a little optimistic **because the heads were chosen on the test images**; in real work, choose them on
# validation data kept apart from the test set.
#
# **Compared with the paper.** Michel et al. (2019, "Are Sixteen Heads Really Better than One?") showed that in
# translation models and BERT most heads can be switched off one at a time with hardly any loss, that some layers can
# even be reduced to a single head, and that greedy removal can switch off a large share of the heads across the whole
# model (though the majority of heads had to stay). This small model does **not** reproduce the first finding: one at a
# time, only 2 of its 8 heads cost less than 1 point, and over 8 seeds (measured offline) the worst single head costs
# 9.5 points on average. Switched off together, 2 heads (25%) stay within 1 point of dense, and the best choice of 4
# heads leaves 90.49 ± 3.10%. With 4 heads of 8 dimensions and only 4 tokens, hardly any head duplicates another;
# spare heads seem to come with size.
#
# ## Choosing heads by their norm?
#
# Heads can also be chosen from the weights alone, without data: measure the L2 norm of each head's 8 columns of
# `proj` and switch off the smallest. `prune.ln_structured` ranks columns (`dim=1`), so giving it, through
# `importance_scores`, **each column its head's norm** and `amount=8` removes 8 columns: one whole head.

# %% tags=["device-dependent"]
by_norm = ph.copy_model(dense)
for b, block in enumerate(by_norm.blocks):
    weight = block.attn.proj.weight.detach()
    head_norms = weight.reshape(weight.shape[0], block.attn.heads, d).norm(dim=(0, 2))
    scores = head_norms.repeat_interleave(d).expand_as(weight)
    prune.ln_structured(block.attn.proj, name="weight", amount=d, n=2, dim=1, importance_scores=scores)
    off = int(block.attn.proj.weight_mask.sum(dim=0).reshape(block.attn.heads, d)[:, 0].argmin())
    print(ph.t("heads.block", block=b), ph.t("small_transformer.norm_pick",
                                              norms=[round(float(x), 3) for x in head_norms], head=off))
print(ph.t("small_transformer.both_norm_picks", accuracy=ph.accuracy(by_norm, data)))

# %% [markdown] lang="ko"
# 노름이 가장 작은 헤드는 블록 0의 헤드 3과 블록 1의 헤드 0입니다. 둘을 함께 끄면 90.28%로, 탐욕적으로 고른 두 헤드(96.94%)보다
# 7%p 가까이 낮습니다. 헤드 사이의 노름 차이는 많아야 12%라서 노름으로는 중요도를 거의 가리지 못합니다. Michel 외도 헤드의
# 중요도를 가중치의 크기가 아니라 데이터에서 잰 [[gradient]]로 어림했습니다.
#
# ## 헤드를 끄고 켜 보기
#
# 체크박스 하나가 헤드 하나입니다. 체크를 풀면 그 헤드가 꺼지고, 시험 이미지 360장의 정확도가 바로 다시 계산됩니다.
# [[widget]]은 모델을 한 번 복사해 블록마다 모두 1인 마스크를 한 번 씌우고, 체크박스가 바뀔 때마다 위처럼 `weight_mask`만 고칩니다
# (한 번에 몇 밀리초입니다).

# %% [markdown] lang="en"
# The smallest-norm heads are head 3 of block 0 and head 0 of block 1. Switching both off gives 90.28%, nearly 7
# points below the two heads greedy removal chose (96.94%). The heads' norms differ by at most 12%, so the norm
# hardly tells them apart. Michel et al., too, estimated a head's importance from gradients on data, not from the
# size of its weights.
#
# ## Switching heads off and on
#
# One checkbox per head: untick it and that head is off, and the accuracy on the 360 test images is computed again at
# once. The widget copies the model once, puts one all-ones mask on each block once, and on every checkbox change only
# edits `weight_mask` as above (a few milliseconds each time).

# %%
toggles = ph.HeadToggles(dense, data)
toggles

# %% [markdown] lang="ko"
# 코드로도 체크박스를 움직일 수 있습니다. 블록 0의 헤드 1을 끄고, 다시 켭니다.

# %% [markdown] lang="en"
# The checkboxes can be moved from code too: switch head 1 of block 0 off, then on again.

# %% tags=["device-dependent"]
toggles.boxes[(0, 1)].value = False
print(toggles.label.value)
toggles.boxes[(0, 1)].value = True
print(toggles.label.value)

# %% [markdown] lang="ko"
# 위의 표와 같은 79.44%가 나오고, 다시 켜면 97.78%로 돌아옵니다. 이렇게 만들기 쉬워 보이는 다른 방법이 두 가지 있는데, 둘 다
# **틀립니다**.
#
# - **체크박스가 바뀔 때마다 `custom_from_mask`를 다시 부르기.** 두 번째 호출은 새 마스크를 옛 마스크에 **곱합니다**
#   ([[lesson:iterative]]의 `PruningContainer`). 모두 1인 마스크를 곱해도 0은 0이라서, 한 번 끈 헤드는 돌아오지 않습니다.
# - **`prune.remove`로 지운 뒤 다시 씌우기.** `prune.remove`는 `weight = weight_orig * weight_mask`를 굳혀서 0을 가중치에
#   써 넣습니다 ([[lesson:remove_and_save]]). 새 마스크가 모두 1이어도 가중치가 이미 0입니다.

# %% [markdown] lang="en"
# The same 79.44% as in the table above, and back to 97.78% when switched on again. Two other ways look just as easy,
# and both are **wrong**:
#
# - **calling `custom_from_mask` again on every change.** The second call **multiplies** its mask into the old one
#   (the `PruningContainer` of [[lesson:iterative]]). Multiplying by ones leaves zeros at zero, so a head once switched
#   off never comes back.
# - **`prune.remove`, then a new mask.** `prune.remove` bakes `weight = weight_orig * weight_mask` in, writing the zeros
#   into the weight ([[lesson:remove_and_save]]). The new mask may be all ones; the weights are zero already.

# %% tags=["device-dependent"]
off = torch.ones_like(dense.blocks[0].attn.proj.weight)
off[:, d : 2 * d] = 0

again = ph.copy_model(dense)
proj = again.blocks[0].attn.proj
prune.custom_from_mask(proj, name="weight", mask=off)
prune.custom_from_mask(proj, name="weight", mask=torch.ones_like(off))
print(ph.t("small_transformer.reapplied", ones=int(proj.weight_mask[:, d : 2 * d].sum()),
           accuracy=ph.accuracy(again, data)))

removed = ph.copy_model(dense)
proj = removed.blocks[0].attn.proj
prune.custom_from_mask(proj, name="weight", mask=off)
prune.remove(proj, "weight")
prune.custom_from_mask(proj, name="weight", mask=torch.ones_like(off))
print(ph.t("small_transformer.removed_then_reapplied", ones=int(proj.weight_mask[:, d : 2 * d].sum()),
           nonzero=int((proj.weight_orig[:, d : 2 * d] != 0).sum()), accuracy=ph.accuracy(removed, data)))

# %% [markdown] lang="ko"
# 첫째 방법은 마스크에 1이 하나도 돌아오지 않았고, 둘째 방법은 마스크는 모두 1이지만 가중치 256개가 모두 0입니다. 둘 다
# 정확도가 헤드 1을 끈 79.44% 그대로입니다. 마스크를 한 번 씌우고 그 자리에서 고치는 방법이 맞습니다. 매번 모델을
# 통째로 복사하는 방법도 맞지만 더 느립니다 (수업 밖에서 재어 보니 제자리 고치기보다 한 번에 1.3~1.8배 걸렸습니다).
#
# ## MLP 뉴런 없애기
#
# 블록 `b`의 뉴런 j는 `fc1`의 행 j와 편향 j, 그리고 `fc2`의 열 j입니다. [[lesson:structured]]에서 [[filter]]를 없앨 때처럼
# `ln_structured`로 `fc1`의 행(`dim=0`)을 없애면 편향은 그대로 남습니다. 그러면 "없앤" 뉴런은 입력과 상관없이 `gelu(편향)`이라는
# 상수를 계속 내보냅니다. 블록마다 뉴런의 75%를 없애고 확인합니다.

# %% [markdown] lang="en"
# The first way brought no ones back into the mask; the second has a mask of ones over 256 weights that are all zero.
# Both stay at 79.44%, head 1 off. Put the mask on once and edit it in place; copying the whole model on every change
# also works, but it is slower (measured offline: 1.3 to 1.8 times as long per change as editing in place).
#
# ## Removing MLP neurons
#
# Neuron j of block `b` is row j and bias j of `fc1`, and column j of `fc2`. As with filters in
# [[lesson:structured]], pruning rows of `fc1` (`dim=0`) with `ln_structured` leaves the bias: a "removed" neuron keeps
# outputting the constant `gelu(bias)`, whatever the input. Remove 75% of the neurons in each block and check.

# %% tags=["device-dependent"]
by_rows = ph.copy_model(dense)
for block in by_rows.blocks:
    prune.ln_structured(block.fc1, name="weight", amount=0.75, n=2, dim=0)
block = by_rows.blocks[0]
gone = block.fc1.weight_mask[:, 0] == 0
probes = (torch.zeros(1, 32, dtype=torch.float64, device=device), torch.ones(1, 32, dtype=torch.float64, device=device))
with torch.no_grad():
    outputs = [block.act(block.fc1(x))[:, gone] for x in probes]
print(ph.t("small_transformer.constant_neurons", gone=int(gone.sum()), nonzero=int((outputs[0] != 0).sum()),
           constant=torch.equal(outputs[0], outputs[1])))

# %% [markdown] lang="ko"
# 없앤 뉴런 48개는 모두 0이 아닌 값을 내보내고, 그 값은 입력이 달라도 같습니다. 뉴런을 정말 없애려면 두 가지 방법이 있습니다. 같은 뉴런의 `fc1`
# 편향에도 `custom_from_mask`로 마스크를 씌우거나(그러면 `gelu(0) = 0`), 뉴런의 출력을 읽는 `fc2`의 열에 마스크를 씌웁니다. 같은 뉴런을
# 두 방법으로 없애면 로짓이 똑같아야 합니다.

# %% [markdown] lang="en"
# Each of the 48 pruned neurons outputs a nonzero value, the same whatever the input. There are two ways to really remove a neuron: mask the same
# neurons' `fc1` bias too with `custom_from_mask` (then `gelu(0) = 0`), or mask the columns of `fc2` that read the
# neurons' outputs. Removing the same neurons both ways must give the very same logits.

# %% tags=["device-dependent"]
for block in by_rows.blocks:
    prune.custom_from_mask(block.fc1, name="bias", mask=block.fc1.weight_mask[:, 0])
by_columns = ph.copy_model(dense)
for source, block in zip(by_rows.blocks, by_columns.blocks):
    prune.custom_from_mask(block.fc2, name="weight", mask=source.fc1.weight_mask[:, 0].expand_as(block.fc2.weight))
with torch.no_grad():
    gap = (by_rows(data.test_x) - by_columns(data.test_x)).abs().max()
print(ph.t("small_transformer.same_neurons", gap=float(gap)))

# %% [markdown] lang="ko"
# 차이가 0이므로 두 방법은 같은 모델을 만듭니다. 이제 없애는 비율을 바꿔 가며 세 가지를 비교합니다. `fc1`의 행(가중치만),
# `fc1`의 행과 편향, 그리고 `ln_structured`로 `fc2`의 열(`dim=1`)을 없애는 방법입니다. 마지막 방법은 `fc1`의 행이 아니라
# `fc2`의 열의 노름으로 뉴런을 고르므로 없애는 뉴런이 다를 수 있습니다.

# %% [markdown] lang="en"
# The difference is zero: both ways make the same model. Now compare three ways at several shares: rows of `fc1`
# (weight only), rows of `fc1` with their bias, and columns of `fc2` (`dim=1`) with `ln_structured`. The last one
# ranks neurons by the norm of their `fc2` column instead of their `fc1` row, so it may pick other neurons.

# %% tags=["device-dependent"]
amounts = [0.25, 0.5, 0.75, 0.875]
neurons = {"fc1": [], "fc1 + bias": [], "fc2": []}
for amount in amounts:
    trial = ph.copy_model(dense)
    for block in trial.blocks:
        prune.ln_structured(block.fc1, name="weight", amount=amount, n=2, dim=0)
    neurons["fc1"].append(ph.accuracy(trial, data))
    for block in trial.blocks:
        prune.custom_from_mask(block.fc1, name="bias", mask=block.fc1.weight_mask[:, 0])
    neurons["fc1 + bias"].append(ph.accuracy(trial, data))
    trial = ph.copy_model(dense)
    for block in trial.blocks:
        prune.ln_structured(block.fc2, name="weight", amount=amount, n=2, dim=1)
    neurons["fc2"].append(ph.accuracy(trial, data))
print(ph.t("small_transformer.mlp_header"))
for i, amount in enumerate(amounts):
    print(f"{amount:6.3f} " + " ".join(f"{values[i]:8.2f}" for values in neurons.values()))
ph.plot_curves([i / 8 for i in range(9)],
               {ph.t("small_transformer.curve_heads"): [value for _, value in steps],
                ph.t("small_transformer.curve_neurons"): ([0.0, *amounts], [dense_accuracy, *neurons["fc2"]])},
               ph.t("small_transformer.removed_axis"), ph.t("small_transformer.acc_axis"),
               ph.t("small_transformer.curve_title"), dense_accuracy, ph.t("small_transformer.dense_line"))

# %% [markdown] lang="ko"
# MLP는 뉴런의 75%를 없애도 95%쯤을 지킵니다 (`fc2` 열로 96.11%, `fc1` 행으로 95.00%, 밀집 모델은 97.78%). 87.5%(블록마다
# 64개 가운데 8개만 남김)에서도 92.78~94.72%입니다. 헤드의 75%(8개 가운데 6개)를 끄면 68.61%인 것과 크게 다릅니다(그림). 어텐션과 MLP의
# 파라미터 수는 거의 같은데(8,448개와 8,384개), 이 모델에서 남아도는 것은 MLP 쪽입니다. 헤드는 탐욕적 제거가 시험 이미지로
# 골랐는데도 그렇습니다. 다만 칸마다 1%p 안팎의 차이는 잡음입니다 (0.5에서 0.75로 갈 때 `fc2`가 오히려 오르는 것도 잡음입니다).
#
# 이 모델에서는 편향을 남겨 둔 것이 정확도를 거의 바꾸지 않습니다 (0.5에서 96.39%와 96.67%, 한 장 차이). 남은 상수는 `fc2`를
# 지나 모든 입력에 같은 값을 더할 뿐이기 때문입니다. 그래도 그 뉴런은 없어진 것이 아닙니다. 층을 잘라 내는 [[compaction]]을
# 하면 그 상수가 사라져서 모델이 바뀝니다.
#
# ## 미세 조정 없는 비구조적 프루닝: 크기 기반, Wanda, 무작위
#
# 큰 언어 모델은 프루닝한 뒤 다시 학습하기에는 너무 큽니다. 그래서 [[fine-tuning]] 없이 한 번에 프루닝하는 방법이 필요하고,
# Sun 외(2023)의 **Wanda**가 그런 방법입니다. 가중치 W_ij(출력 i, 입력 j)의 점수는 |W_ij| · ||X_j||_2입니다. X_j는 입력 특징 j가
# [[calibration]] 전체에서 가진 값들이고, ||X_j||_2는 그 L2 노름입니다. 작은 가중치라도 큰 입력에 곱해지면 남깁니다. 점수는 행(출력)마다
# 비교해서 행마다 같은 비율을 없앱니다.
#
# 블록 안의 Linear 12개(블록마다 `q`, `k`, `v`, `proj`, `fc1`, `fc2`)를 프루닝하고, 임베딩과 `head`는 밀집 그대로 둡니다.
# 보정 데이터는 학습 이미지 128장(토큰 512개)입니다. 입력의 노름은 `register_forward_hook`으로 건 순전파 [[hook]]으로 모읍니다.

# %% [markdown] lang="en"
# The MLP keeps about 95% with 75% of its neurons gone (96.11% by `fc2` columns, 95.00% by `fc1` rows, dense 97.78%),
# and 92.78 to 94.72% at 87.5% (8 of 64 neurons left per block). Switching off 75% of the heads (6 of 8) leaves 68.61%
# (see the figure). The
# attention and the MLP hold almost the same number of parameters (8,448 and 8,384); in this model the spare capacity
# is in the MLP, even though greedy removal chose the heads on the test images. Differences of about a point between
# cells are noise (`fc2` rising from 0.5 to 0.75 is noise too).
#
# Here the bias left in place barely changes accuracy (96.39% vs 96.67% at 0.5, one image): the leftover constant only
# adds the same value to every input after `fc2`. Still, the neuron is not gone, and compaction, which cuts the layers
# down, would drop that constant and change the model.
#
# ## Unstructured pruning without fine-tuning: magnitude, Wanda, random
#
# Large language models are too big to retrain after pruning, so they need methods that prune once, without
# fine-tuning. **Wanda** (Sun et al. 2023) is one. The score of weight W_ij (output i, input j) is |W_ij| · ||X_j||_2,
# where X_j holds the values input feature j takes over the calibration data and ||X_j||_2 is their L2 norm: a small
# weight that multiplies a large input is kept. Scores are compared within each row (output), and each row loses the
# same share.
#
# We prune the 12 Linear layers inside the blocks (`q`, `k`, `v`, `proj`, `fc1`, `fc2` in each) and leave the
# embedding and `head` dense. The calibration data is 128 training images (512 tokens). The input norms are collected
# with forward hooks (`register_forward_hook`).

# %%
def block_linears(model):
    return [(name, m) for name, m in model.named_modules() if name.startswith("blocks.") and isinstance(m, nn.Linear)]


def input_norms(model, images):
    norms, handles = {}, []
    for name, layer in block_linears(model):
        def hook(module, inputs, output, name=name):
            x = inputs[0].detach().reshape(-1, module.in_features)
            norms[name] = (x * x).sum(dim=0).sqrt()
        handles.append(layer.register_forward_hook(hook))
    with torch.no_grad():
        model(images)
    for handle in handles:
        handle.remove()
    return norms


calibration = data.train_x[:128]
norms = input_norms(dense, calibration)
wanda = {name: layer.weight.detach().abs() * norms[name] for name, layer in block_linears(dense)}
print(len(wanda), tuple(wanda["blocks.0.fc2"].shape), tuple(norms["blocks.0.fc2"].shape))

# %% [markdown] lang="ko"
# 층이 12개이고, 예를 들어 `blocks.0.fc2`의 점수는 가중치와 같은 (32, 64) 모양, 노름은 입력마다 하나씩 64개입니다. 점수는 가중치와
# 모양이 같으므로 `importance_scores=`로 그대로 넘길 수 있습니다 ([[lesson:global]]에서 본 인자입니다). 세 가지 무늬로 50%를 없앱니다.
#
# - **층마다 50%**: `prune.l1_unstructured`. 층 전체에서 점수가 작은 절반을 없앱니다.
# - **행마다 50%**: PyTorch에는 행마다 자르는 방법이 없으므로 `BasePruningMethod`를 상속해 만듭니다([[lesson:custom]]).
# - **2:4**: [[lesson:custom]]의 `TwoFourPruning`입니다. 행의 연속한 4개마다 2개를 남기는 [[semi-structured]]입니다.
#
# 두 방법 모두 `PRUNING_TYPE = "global"`로 둡니다. `"unstructured"`이면 이미 프루닝한 층에 다시 적용할 때 `PruningContainer`가
# **살아남은 값만** 1차원으로 모아 넘기므로, 행이 더는 행이 아니고 4개 묶음도 행의 묶음이 아니게 됩니다. `"global"`이면 [[tensor]]
# 전체와 지금까지의 마스크를 받습니다. `importance_scores`를 주면 `compute_mask`의 `t`로 가중치 대신 점수가 들어옵니다.

# %% [markdown] lang="en"
# There are 12 layers; for example the scores of `blocks.0.fc2` have the weight's shape (32, 64), and the norms one
# value per input, 64. Having the weights' shape, the scores go straight into `importance_scores=` (the argument seen
# in [[lesson:global]]). We remove 50% in three patterns:
#
# - **50% per layer**: `prune.l1_unstructured`, which removes the half with the smallest scores in the whole layer;
# - **50% per row**: PyTorch has no per-row method, so we subclass `BasePruningMethod` ([[lesson:custom]]);
# - **2:4**: the `TwoFourPruning` of [[lesson:custom]], semi-structured sparsity that keeps 2 of every 4 consecutive
#   weights of a row.
#
# Both methods set `PRUNING_TYPE = "global"`. With `"unstructured"`, applied to a layer pruned before, the
# `PruningContainer` would hand over **only the surviving values**, flattened, so rows would no longer be rows and
# groups of 4 no longer groups of a row; with `"global"` the method receives the whole tensor and the mask so far.
# Given `importance_scores`, `compute_mask` receives the scores as `t` instead of the weights.

# %%
class RowPruning(prune.BasePruningMethod):
    """In every row, prune the `amount` share of entries with the smallest scores."""

    PRUNING_TYPE = "global"

    def __init__(self, amount):
        self.amount = amount

    def compute_mask(self, t, default_mask):
        scores = t.detach().abs().masked_fill(default_mask == 0, -1.0)
        keep = t.shape[1] - round(self.amount * t.shape[1])
        top = scores.topk(keep, dim=1).indices
        return default_mask * torch.zeros_like(default_mask).scatter_(1, top, 1.0)


class TwoFourPruning(prune.BasePruningMethod):
    """Keep the 2 largest scores in every group of 4 consecutive entries of a row."""

    PRUNING_TYPE = "global"

    def compute_mask(self, t, default_mask):
        groups = (t.detach().abs() * default_mask).reshape(-1, 4)
        keep = groups.topk(2, dim=1).indices
        return default_mask * torch.zeros_like(groups).scatter_(1, keep, 1.0).reshape(t.shape)


def prune_blocks(model, pattern, scores=None):
    trial = ph.copy_model(model)
    for name, layer in block_linears(trial):
        importance = None if scores is None else scores[name]
        if pattern == "layer":
            prune.l1_unstructured(layer, name="weight", amount=0.5, importance_scores=importance)
        elif pattern == "row":
            RowPruning.apply(layer, "weight", 0.5, importance_scores=importance)
        else:
            TwoFourPruning.apply(layer, "weight", importance_scores=importance)
    return trial


def random_scores(model, seed):
    generator = torch.Generator().manual_seed(seed)
    return {name: torch.rand(layer.weight.shape, generator=generator, dtype=torch.float64).to(device)
            for name, layer in block_linears(model)}

# %% [markdown] lang="ko"
# 무작위는 점수를 `torch.rand`로 뽑습니다. CPU의 생성기로 뽑은 뒤 `device`로 옮기므로 어느 [[device]]에서나 같은 점수가 나옵니다.
# 시드 3개의 평균을 씁니다.

# %% [markdown] lang="en"
# Random draws its scores with `torch.rand` (from a CPU generator, then moved to `device`, so every device sees the
# same draws), averaged over 3 seeds.

# %% tags=["device-dependent"]
patterns = {"layer": ph.t("small_transformer.per_layer"), "row": ph.t("small_transformer.per_row"), "2:4": "2:4"}
print(ph.t("small_transformer.table_header"))
for pattern, label in patterns.items():
    by_magnitude = ph.accuracy(prune_blocks(dense, pattern), data)
    by_wanda = ph.accuracy(prune_blocks(dense, pattern, wanda), data)
    by_chance = [ph.accuracy(prune_blocks(dense, pattern, random_scores(dense, 1000 + s)), data) for s in range(3)]
    print(f"{label:<12} {by_magnitude:8.2f} {by_wanda:8.2f} {sum(by_chance) / 3:8.2f}")

# %% [markdown] lang="ko"
# 밀집 모델은 97.78%입니다. 미세 조정 없이 가중치의 절반을 없애도 크기 기반과 Wanda는 87~94%를 지키고, 무작위는 31~32%로
# 무너집니다. 여기서는 크기 기반이 Wanda보다 높습니다. 층마다 50%와 행마다 50%에서는 3장, 2:4에서는 16장(4.44%p) 차이이고,
# 2:4의 이 차이는 아래 시드 8개 가운데 크기 기반이 가장 크게 앞선 값(−4.4)입니다. 시드 8개에서 잰 결과(수업 밖)가 더 믿을 만합니다.
#
# | 시드 8개, 평균 ± 표준 편차 | 크기 기반 | Wanda | Wanda − 크기 기반 (같은 모델끼리) |
# |---|---|---|---|
# | 행마다 50% | 93.99 ± 2.62 | 94.24 ± 1.42 | +0.24 (−2.2 ~ +3.1) |
# | 2:4 | 91.39 ± 1.91 | 91.81 ± 2.64 | +0.42 (−4.4 ~ +3.6) |
#
# 차이는 잡음 안입니다. **이 모델에서는 Wanda가 크기 기반보다 낫다고 말할 수 없습니다.** 아래에서 두 마스크가 얼마나 같은지와
# 입력 노름이 얼마나 고른지를 확인하면 그 까닭이 보입니다.

# %% [markdown] lang="en"
# The dense model scores 97.78%. With half the weights gone and no fine-tuning, magnitude and Wanda keep 87 to 94%,
# while random collapses to 31–32%. Here magnitude is ahead of Wanda: by 3 images at 50% per layer and per row, and by
# 16 images (4.44 points) at 2:4, magnitude's largest lead among the eight seeds below (−4.4). Eight seeds (measured
# offline) say more:
#
# | 8 seeds, mean ± standard deviation | magnitude | Wanda | Wanda − magnitude (same model) |
# |---|---|---|---|
# | 50% per row | 93.99 ± 2.62 | 94.24 ± 1.42 | +0.24 (−2.2 to +3.1) |
# | 2:4 | 91.39 ± 1.91 | 91.81 ± 2.64 | +0.42 (−4.4 to +3.6) |
#
# The differences are noise: **in this model Wanda cannot be said to beat magnitude.** How alike the two masks are,
# and how even the input norms are, shows why.

# %% tags=["device-dependent"]
per_row = prune_blocks(dense, "row", wanda)
two_four = prune_blocks(dense, "2:4", wanda)
print(ph.t("small_transformer.groups_ok", ok=all(bool((layer.weight_mask.reshape(-1, 4).sum(dim=1) == 2).all())
                                                 for _, layer in block_linears(two_four))))
print(ph.t("small_transformer.rows_ok", ok=all(bool((layer.weight_mask.sum(dim=1) == layer.in_features // 2).all())
                                               for _, layer in block_linears(per_row))))
magnitude_row = prune_blocks(dense, "row")
agree = [float((a.weight_mask == b.weight_mask).double().mean())
         for (_, a), (_, b) in zip(block_linears(magnitude_row), block_linears(per_row))]
print(ph.t("small_transformer.agreement", low=min(agree), high=max(agree)))
print(ph.t("small_transformer.norm_ratio", ratio=max(float(n.max() / n.median()) for n in norms.values())))

# %% [markdown] lang="ko"
# 두 방법의 마스크는 층마다 88~92%의 원소에서 같습니다. 입력 특징의 노름은 가장 큰 것도 중앙값의 2.2배를 넘지 않습니다.
# 모든 입력이 비슷한 크기라면 ||X_j||는 점수의 순위를 조금밖에 바꾸지 못하므로 Wanda는 크기 기반과 거의 같은 가중치를 고릅니다.
#
# ## 이상치 특징을 손으로 만들기
#
# Sun 외(2023)의 LLaMA-7B에서는 이야기가 다릅니다. 가중치의 50%를 미세 조정 없이 없앤 뒤 WikiText에서 잰 [[perplexity]]는
# 밀집 5.68, 크기 기반 17.29, Wanda 7.26이었습니다 (낮을수록 좋습니다). 크기 기반은 모델을 망가뜨리고 Wanda는 거의 지킵니다.
# Dettmers 외(2022)는 그 까닭이 될 만한 것을 보였습니다. 파라미터가 67억 개쯤 되는 트랜스포머부터는 몇 개의 특징 차원이 층마다 되풀이하여
# 다른 차원보다 훨씬 큰 값을 가집니다. 이런 이상치 특징에 곱해지는 가중치는 작아도 출력에 크게 기여하는데, 크기 기반
# 프루닝은 |W|만 보므로 바로 그 가중치를 먼저 없앱니다. Wanda는 ||X_j||를 곱하므로 남깁니다.
#
# 우리 모델에는 이상치가 없으니 몇 개 만들어 봅시다. 블록마다 LayerNorm 뒤의 특징 0과 1을 16배로 키우고(LayerNorm의 가중치와 편향을
# 16배), 그 특징을 읽는 층(`q`, `k`, `v`, `fc1`)의 열을 16으로 나눕니다. 모델이 계산하는 함수는 **똑같습니다**. 16은 2의 거듭제곱이라
# 반올림도 생기지 않습니다. 바뀌는 것은 가중치와 입력의 크기뿐입니다.

# %% [markdown] lang="en"
# The two methods' masks agree on 88 to 92% of entries in every layer, and no input feature's norm is more than 2.2
# times the median. When all inputs have about the same size, ||X_j|| hardly changes the ranking, so Wanda picks
# almost the same weights as magnitude.
#
# ## Outlier features made by hand
#
# LLaMA-7B tells another story (Sun et al. 2023). With 50% of the weights removed and no fine-tuning, WikiText
# perplexity (lower is better) was 5.68 dense, 17.29 with magnitude pruning and 7.26 with Wanda: magnitude breaks the
# model, Wanda nearly keeps it. Dettmers et al. (2022) showed what is likely behind it: from about 6.7 billion parameters on,
# transformers systematically carry much larger values than elsewhere in a few feature dimensions, layer after
# layer. A weight that multiplies such an outlier feature contributes a lot to the output even when it is small;
# magnitude pruning sees only |W| and removes exactly those weights first, while Wanda multiplies by ||X_j|| and keeps
# them.
#
# Our model has no outliers, so let us make some. In every block, multiply features 0 and 1 after each LayerNorm by 16
# (the LayerNorm's weight and bias) and divide the columns of the layers that read them (`q`, `k`, `v`, `fc1`) by 16.
# The model computes **the very same function** (16 is a power of two, so nothing is even rounded); only the sizes of
# weights and inputs change.

# %% tags=["device-dependent"]
big = ph.with_outlier_features(dense, features=(0, 1), scale=16.0)
with torch.no_grad():
    change = (big(data.test_x) - dense(data.test_x)).abs().max()
big_norms = input_norms(big, calibration)
big_wanda = {name: layer.weight.detach().abs() * big_norms[name] for name, layer in block_linears(big)}
print(ph.t("small_transformer.outlier_model", change=float(change),
           ratio=max(float(n.max() / n.median()) for n in big_norms.values())))
big_row = prune_blocks(big, "row")
same = all(torch.equal(a.weight_mask, b.weight_mask)
           for (_, a), (_, b) in zip(block_linears(per_row), block_linears(prune_blocks(big, "row", big_wanda))))
kept = sum(int((a.weight_mask == b.weight_mask).sum()) for (_, a), (_, b) in zip(block_linears(magnitude_row), block_linears(big_row)))
print(ph.t("small_transformer.outlier_masks", same=same,
           share=kept / sum(layer.weight_mask.numel() for _, layer in block_linears(big_row))))
print(ph.t("small_transformer.outlier_header"))
for pattern in ("row", "2:4"):
    print(f"{patterns[pattern]:<12} {ph.accuracy(prune_blocks(big, pattern), data):8.2f} "
          f"{ph.accuracy(prune_blocks(big, pattern, big_wanda), data):8.2f}")

# %% [markdown] lang="ko"
# 로짓은 전혀 바뀌지 않았는데, 이상치 특징이 생겨서 노름의 최댓값이 중앙값의 20배가 되었습니다. Wanda의 마스크는 비트 하나까지
# 그대로입니다. |W_ij / 16| · ||16 X_j|| = |W_ij| · ||X_j||이므로 점수가 바뀌지 않기 때문입니다. 크기 기반의 마스크는 원소의 3.6%가
# 바뀌었습니다. 16으로 나눈 열의 가중치가 작아 보여서 먼저 없어지기 때문입니다.
#
# 시드 0에서는 정확도 차이가 거의 보이지 않습니다 (행마다 50%에서 크기 기반은 93.61% 그대로, 2:4에서 91.11% → 90.83%, 한 장).
# 시드 8개(수업 밖에서 재었습니다)에서는 차이가 보입니다.
#
# | 시드 8개, 평균 ± 표준 편차 | 크기 기반: 원래 모델 | 크기 기반: 이상치 모델 | Wanda: 두 모델 모두 |
# |---|---|---|---|
# | 행마다 50% | 93.99 ± 2.62 | 91.81 ± 3.80 | 94.24 ± 1.42 |
# | 2:4 | 91.39 ± 1.91 | 87.92 ± 5.52 | 91.81 ± 2.64 |
#
# 같은 함수인데 크기 기반은 평균 2.2%p(행마다, 시드 8개 가운데 7개에서 떨어지고 1개는 그대로)와 3.5%p(2:4, 8개 모두에서 떨어짐)를
# 잃습니다. 이상치 모델에서 Wanda는 크기 기반보다 평균 +2.4%p(행마다, 8개 가운데 5개에서 앞섬)와 +3.9%p(2:4, 8개 가운데 7개)
# 높습니다. 시드마다 흩어짐이 커서(같은 모델끼리 차이의 표준 편차 3.3%p와 6.0%p) 크기는 대략적으로만 믿을 수 있지만, 방향은
# 논문과 같습니다. 블록마다 특징 두 개를 16배로 키운 것만으로 생긴 차이입니다. 큰 언어 모델에서는 이상치가 층마다 되풀이되고
# 모델이 그 특징에 크게 기대므로, 크기 기반이 잘못 고르는 가중치가 훨씬 많고 그 가중치가 훨씬 중요해서 차이도 훨씬 커집니다.

# %% [markdown] lang="en"
# The logits did not change at all, yet the outlier features push the largest norm to 20 times the median. Wanda's
# masks are the same to the last bit, because |W_ij / 16| · ||16 X_j|| = |W_ij| · ||X_j||: the scores do not move.
# Magnitude's masks changed on 3.6% of the entries: the weights in the columns divided by 16 look small and go first.
#
# On seed 0 the accuracies barely show it (50% per row: magnitude stays at 93.61%; 2:4: 91.11% → 90.83%, one image).
# Eight seeds (measured offline) do:
#
# | 8 seeds, mean ± standard deviation | magnitude, original model | magnitude, outlier model | Wanda, either model |
# |---|---|---|---|
# | 50% per row | 93.99 ± 2.62 | 91.81 ± 3.80 | 94.24 ± 1.42 |
# | 2:4 | 91.39 ± 1.91 | 87.92 ± 5.52 | 91.81 ± 2.64 |
#
# The function is the same, yet magnitude loses 2.2 points on average per row (lower in 7 of 8 seeds, equal in the
# other) and 3.5 points at 2:4 (lower in all 8). On the outlier model Wanda beats magnitude by +2.4 points per row
# (ahead in 5 of 8 seeds) and +3.9 at 2:4 (7 of 8). The spread over seeds is large (the paired differences have
# standard deviations of 3.3 and 6.0 points), so trust the sizes only roughly, but the direction is the paper's. This
# came from making two features 16 times larger; in large language models the outliers recur layer after layer and
# the model leans heavily on them, so magnitude misjudges far more weights, and far more important ones, and the gap
# grows far larger.

# %% [markdown] lang="ko"
# ## 정직하게 말하면
#
# - **헤드.** 헤드를 끄는 올바른 방법은 `proj`의 열(또는 `v`의 행과 편향)에 마스크를 씌우는 것이고, `q`에만 씌우면 꺼지지 않습니다. 하지만 이
#   작은 모델에서는 헤드가 거의 남아돌지 않습니다. 8개 가운데 2개만 1%p 안에서 끌 수 있어서, 큰 모델에서 헤드 대부분을 하나씩은 끌 수
#   있다는 Michel 외(2019)의 결과는 재현되지 않습니다. 노름으로 고른 헤드는 데이터로 고른 헤드보다 7%p 가까이 나빴습니다.
# - **MLP 뉴런.** 뉴런의 75%를 없애도 정확도는 2~3%p쯤만 떨어집니다. 이 모델에서는 헤드보다 뉴런을 없애는 편이 훨씬 쌉니다. 뉴런을
#   정말 없애려면 `fc1`의 편향에도 마스크를 씌우거나 `fc2`의 열에 씌워야 합니다.
# - **Wanda.** 이상치가 없는 이 모델에서 Wanda와 크기 기반은 마스크가 90% 가까이 같고 정확도 차이는 잡음 안입니다. 함수를 바꾸지 않고
#   이상치만 만들면 Wanda는 그대로이고 크기 기반은 떨어집니다. LLaMA-7B의 큰 차이(퍼플렉서티 17.29와 7.26)는 이 작은 모델로 재현한
#   것이 아니라, 그 차이가 생기는 구조를 작게 보인 것입니다.
# - 모두 마스크를 씌운 것뿐이라서 작아지거나 빨라지지 않았습니다. 헤드와 뉴런은 그것을 뺀 층을 새로 만들어야 빨라질 수 있고,
#   50%를 없앤 세 가지 무늬 가운데 빨라질 수 있는 것은 2:4뿐이며, 그것도 2:4를 지원하는 GPU에서입니다
#   ([[lesson:speed_and_size]]).

# %% [markdown] lang="en"
# ## Honestly
#
# - **Heads.** The right way to switch a head off is to mask columns of `proj` (or rows and bias of `v`); masking `q`
#   alone does not switch it off. But this small model has hardly any spare heads: only 2 of 8 can go within 1 point,
#   so Michel et al.'s (2019) finding that most heads of large models can go one at a time does not reproduce here.
#   Heads chosen by their norm did nearly 7 points worse than heads chosen on data.
# - **MLP neurons.** Removing 75% of the neurons costs only about 2 to 3 points: in this model neurons are far cheaper to
#   remove than heads. To really remove a neuron, mask the `fc1` bias too, or mask the `fc2` columns.
# - **Wanda.** Without outliers, Wanda's and magnitude's masks are nearly 90% the same and their accuracies differ by
#   noise. Adding outliers without changing the function leaves Wanda untouched and drags magnitude down. LLaMA-7B's
#   large gap (perplexity 17.29 vs 7.26) is not reproduced by this small model; what it shows, in small, is the
#   mechanism behind that gap.
# - Everything here is only masked: nothing got smaller or faster. Heads and neurons can run faster only once the
#   layers are rebuilt without them; of the three 50% patterns, only 2:4 can run faster, and only on GPUs that support
#   it ([[lesson:speed_and_size]]).

# %% [markdown] lang="ko"
# ## 정리
#
# - 트랜스포머를 평범한 `nn.Linear`로 만들면 헤드와 뉴런이 가중치의 정해진 행과 열이 되어 `torch.nn.utils.prune`으로 마스크를 씌울 수 있습니다.
# - 헤드 h를 끄려면 `proj`의 열 `8h`부터 `8h + 7`까지에 `custom_from_mask`로 마스크를 씌웁니다. 끄고 켜기를 되풀이하려면 마스크를 한 번만 씌우고
#   `weight_mask`를 그 자리에서 고칩니다. `custom_from_mask`를 다시 부르거나 `prune.remove` 뒤에 다시 씌우면 헤드가 돌아오지 않습니다.
# - `ln_structured`로 `fc1`의 행을 없애면 뉴런은 `gelu(편향)`을 계속 내보냅니다. 편향에도 마스크를 씌우거나 `fc2`의 열에 씌우세요.
# - 미세 조정 없는 프루닝은 `importance_scores=`로 점수를 바꾸고(Wanda: |W| · ||X||), 행마다 자르기나 2:4처럼 PyTorch에 없는 무늬는
#   `PRUNING_TYPE = "global"`인 `BasePruningMethod`로 만듭니다.
# - Wanda가 크기 기반을 이기는 것은 이상치 특징이 있을 때입니다. 큰 언어 모델에는 있고, 이 작은 모델에는 없습니다.
#
# ## 연습 문제
#
# **[[exercise:1]].** 이 수업의 어텐션에서 `q`, `k`, `v`, `proj` 가운데 어느 층의 입력 열 8개에 마스크를 씌워야 헤드 하나가
# 완전히 꺼질까요? 층 이름을 문자열로 답하세요.

# %% [markdown] lang="en"
# ## Summary
#
# - Build a transformer from plain `nn.Linear` layers, and its heads and neurons become fixed rows and columns of
#   weights that `torch.nn.utils.prune` can mask.
# - To switch head h off, mask columns `8h` to `8h + 7` of `proj` with `custom_from_mask`. To switch heads off and on
#   again and again, apply the mask once and edit `weight_mask` in place; calling `custom_from_mask` again, or
#   `prune.remove` and a new mask, never brings a head back.
# - Pruning rows of `fc1` with `ln_structured` leaves a neuron outputting `gelu(bias)`: mask the bias too, or mask the
#   columns of `fc2`.
# - Pruning without fine-tuning changes the scores through `importance_scores=` (Wanda: |W| · ||X||); patterns PyTorch
#   lacks, per row or 2:4, are a `BasePruningMethod` with `PRUNING_TYPE = "global"`.
# - Wanda beats magnitude when there are outlier features: large language models have them, this small model does not.
#
# ## Exercises
#
# **[[exercise:1]].** In this lesson's attention, masking 8 input columns of which layer (`q`, `k`, `v` or `proj`)
# switches one head off completely? Answer with the layer's name as a string.

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 4 × 8 가중치 행렬의 각 행에 2:4 프루닝을 하면 0이 아닌 가중치가 몇 개 남나요?

# %% [markdown] lang="en"
# **[[exercise:2]].** A 4 × 8 weight matrix is pruned row by row to 2:4. How many weights stay nonzero?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:3]].** 입력 특징 j를 16배로 키우고 그 특징을 읽는 가중치의 열 j를 16으로 나눕니다. Wanda의 점수 |W_ij| · ||X_j|| 가운데
# 바뀌는 것이 있을까요? `True` 또는 `False`로 답하세요.

# %% [markdown] lang="en"
# **[[exercise:3]].** Input feature j is multiplied by 16 and column j of the weights reading it divided by 16. Does
# any of Wanda's scores |W_ij| · ||X_j|| change? Answer `True` or `False`.

# %%
ph.check("[[exercise:3]]", answer=None)

# %% [markdown] lang="ko"
# ## 강좌를 마치며
#
# 이것으로 강좌를 모두 마쳤습니다. 층 하나에 마스크를 씌우는 데서 시작해 학습한 CNN과 작은 트랜스포머까지 프루닝했고, 그때마다
# 정확도와 크기와 속도를 재고 잡음과 논문의 결과와 견주었습니다. 다른 컴퓨터에서 다시 시작하거나 환경을 새로 갖추려면
# [[title:setup]]로 돌아가세요. 이제 여러분의 모델에서 같은 질문을 던져 보세요. 무엇을 없앴고, 정확도는 얼마나 잃었고, 그 차이는
# 잡음보다 큰가요?

# %% [markdown] lang="en"
# ## You have finished the course
#
# That is the whole course. You started by masking a single layer and went on to prune a trained CNN and a small
# transformer, measuring accuracy, size and speed each time and weighing them against the noise and the papers. To
# start again on another machine, or to set up a fresh environment, go back to [[title:setup]]. Now ask the same
# questions of your own models: what was removed, how much accuracy was lost, and is the difference larger than the
# noise?
