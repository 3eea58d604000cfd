# %% [markdown] lang="ko"
# # 반복 프루닝
#
# 실제로는 [[pruning]]을 한 번에 많이 하기보다, 조금씩 여러 번 하고 그 사이에 다시 학습하는 경우가 많습니다. 이것을
# [[iterative]]이라고 합니다. 같은 [[parameter]]를 여러 번 프루닝하면 PyTorch는 어떻게 기록하고, `amount`는 무엇을 기준으로 할까요?
#
# **배울 것**
# - 두 번째 프루닝 뒤 [[hook]] 자리에 생기는 `PruningContainer`와 그 안의 목록 보기
# - `amount`는 **아직 남아 있는** [[weight]]에 적용된다는 것: 0.2 다음 0.2는 40%가 아니라 36%
# - 누적 계산기와, 단계마다 [[mask]]를 보여 주는 슬라이더
# - 한 파라미터에 [[unstructured]]과 [[structured]]을 섞기

# %% [markdown] lang="en"
# # Iterative pruning
#
# In practice, rather than removing a lot at once, people often remove a little several times and retrain in between.
# When one parameter is pruned repeatedly, how does PyTorch record it, and what is `amount` relative to?
#
# **You will learn**
# - the `PruningContainer` that takes the hook's place after a second pruning, and how to list what it holds
# - that `amount` applies to the weights **still alive**: 0.2 then 0.2 is 36%, not 40%
# - a compounding calculator and a slider that shows the mask after each step
# - mixing unstructured and structured pruning on one parameter

# %% tags=["device-dependent"]
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 두 번 프루닝하기
#
# 가중치가 100 × 100 = 10,000개인 층을 `amount=0.2`로 두 번 프루닝합니다.

# %% [markdown] lang="en"
# ## Pruning twice
#
# Prune a layer with 100 × 100 = 10,000 weights twice with `amount=0.2`.

# %%
layer = nn.Linear(100, 100).to(device)
prune.l1_unstructured(layer, name="weight", amount=0.2)
print(ph.t("out.after_step", step=1, sparsity=ph.sparsity(layer.weight)))
prune.l1_unstructured(layer, name="weight", amount=0.2)
print(ph.t("out.after_step", step=2, sparsity=ph.sparsity(layer.weight)))

# %% [markdown] lang="ko"
# 0.4가 아니라 0.36입니다. 두 번째 `amount=0.2`는 처음 10,000개가 아니라 **남아 있던 8,000개**의 20%, 즉 1,600개를
# 더 없앴습니다. 그래서 남는 비율은 0.8 × 0.8 = 0.64입니다.
#
# ## 훅 자리의 `PruningContainer`
#
# 훅은 여전히 하나입니다. 다만 이제 `L1Unstructured` 대신 `PruningContainer`가 들어 있고, 그 안의 `_pruning_methods`에
# 지금까지의 프루닝이 순서대로 쌓여 있습니다. `ph.pruning_history`는 그것을 표로 보여 줍니다.

# %% [markdown] lang="en"
# 0.36, not 0.4. The second `amount=0.2` removed 20% of the **8,000 still alive**, i.e. 1,600 more, not 20% of the
# original 10,000. So 0.8 × 0.8 = 0.64 remains.
#
# ## The `PruningContainer` in the hook
#
# There is still one hook, but it now holds a `PruningContainer` instead of `L1Unstructured`, and its
# `_pruning_methods` lists every pruning so far, in order. `ph.pruning_history` shows them as a table.

# %%
hook = next(iter(layer._forward_pre_hooks.values()))
print(len(layer._forward_pre_hooks), type(hook).__name__)
print([type(method).__name__ for method in hook._pruning_methods])
ph.pruning_history(layer)

# %% [markdown] lang="ko"
# ## 누적 계산기
#
# `amount` a로 k번 프루닝하면 [[sparsity]]은 1 − (1 − a)^k입니다. 슬라이더로 확인해 보세요. [[widget]] 출력은 자동 검사에서
# 비교하지 않습니다. 아래 표는 같은 식으로 계산한 값과 실제로 프루닝해 잰 값을 나란히 보여 줍니다.

# %% [markdown] lang="en"
# ## Compounding calculator
#
# Pruning k times with `amount` a gives sparsity 1 − (1 − a)^k. Try it with the sliders. (Widget output is not
# compared by the automatic check.) The table below puts the formula next to sparsity measured by really pruning.

# %% tags=["nbval-ignore-output"]
ph.Calculator(ph.compounded_sparsity, "calc.compound", amount=(0.05, 0.9, 0.05, 0.2), steps=(1, 10, 1, 2))

# %%
layer = nn.Linear(100, 100).to(device)
masks = [layer.weight.detach().ne(0).float()]
for step in range(1, 6):
    prune.l1_unstructured(layer, name="weight", amount=0.2)
    masks.append(layer.weight_mask.clone())
    print(ph.t("out.formula_measured", step=step, formula=ph.compounded_sparsity(0.2, step),
               measured=ph.sparsity(layer.weight)))

# %% [markdown] lang="ko"
# 다섯 번 만에 67%입니다. 원하는 최종 희소성 s에 k번에 걸쳐 도달하려면 매번 a = 1 − (1 − s)^(1/k)를 쓰면 됩니다.
#
# ## 단계별 마스크 보기
#
# 슬라이더로 단계를 옮기면 그 단계의 마스크를 보여 줍니다. 그림은 보기 좋게 100 × 100 가운데 **왼쪽 위 20 × 20만** 잘라서
# 보여 주고, 그림 아래 글의 희소성도 이 조각의 것입니다. 그래서 위 표의 67.23%와 조금 다릅니다. 0이 된 자리는 다시 1이 되지 않습니다. 마스크는 곱해지기만
# 하므로 한 번 없앤 가중치는 돌아오지 않습니다.

# %% [markdown] lang="en"
# 67% after five steps. To reach a final sparsity s in k steps, use a = 1 − (1 − s)^(1/k) each time.
#
# ## The mask at each step
#
# Move the slider to see the mask after that step. For legibility the pictures show only the **top-left 20 × 20** of
# the 100 × 100 mask, and the sparsity under the picture is that crop's, so it differs a little from the 67.23% above. A zero never becomes one again: masks are only ever multiplied,
# so a pruned weight never comes back.

# %% tags=["nbval-ignore-output"]
steps = ph.MaskSteps([mask[:20, :20] for mask in masks], [f"{ph.t('steps.step')} {i}" for i in range(len(masks))])
steps

# %%
steps.slider.value = 5
print(steps.label.value)
print(all(bool((later <= earlier).all()) for earlier, later in zip(masks, masks[1:])))

# %% [markdown] lang="ko"
# ## 비구조적 프루닝과 구조적 프루닝을 섞기
#
# 한 파라미터에 다른 방법을 이어서 쓸 수도 있습니다. 먼저 낱개로 30%를 없애고, 이어서 [[filter]]의 절반을 통째로 없앱니다.
# 두 마스크가 곱해져서 흩어진 0과 빈 필터가 함께 보입니다.

# %% [markdown] lang="en"
# ## Mixing unstructured and structured
#
# Different methods can follow each other on one parameter. First remove 30% as single weights, then half of the
# filters whole. The two masks multiply, so scattered zeros and empty filters appear together.

# %%
conv = nn.Conv2d(4, 6, 3).to(device)
prune.l1_unstructured(conv, name="weight", amount=0.3)
prune.ln_structured(conv, name="weight", amount=0.5, n=2, dim=0)
print(ph.pruning_history(conv))
print(ph.t("table.sparsity"), f"{ph.sparsity(conv.weight):.4f}")
ph.plot_mask(conv, with_bias=False)

# %% [markdown] lang="ko"
# ## 정리
#
# - 같은 파라미터를 다시 프루닝하면 훅은 하나로 남고, 그 안의 `PruningContainer._pruning_methods`에 기록이 쌓입니다.
# - `amount`는 남아 있는 가중치에 적용됩니다. a로 k번이면 희소성은 1 − (1 − a)^k입니다 (0.2 두 번은 36%).
# - 마스크는 곱해지기만 하므로 없앤 가중치는 돌아오지 않습니다.
# - 비구조적 프루닝과 구조적 프루닝을 한 파라미터에 섞을 수 있고, 마스크가 곱해집니다.
#
# ## 연습 문제
#
# **[[exercise:1]].** `amount=0.5`로 두 번 프루닝하면 희소성은 얼마일까요? 소수로 답하세요.

# %% [markdown] lang="en"
# ## Summary
#
# - Pruning a parameter again keeps one hook; its `PruningContainer._pruning_methods` records every step.
# - `amount` applies to what is still alive: k times a gives sparsity 1 − (1 − a)^k (0.2 twice is 36%).
# - Masks are only multiplied, so pruned weights never come back.
# - Unstructured and structured pruning can be mixed on one parameter; their masks multiply.
#
# ## Exercises
#
# **[[exercise:1]].** What is the sparsity after pruning twice with `amount=0.5`? Answer as a decimal.

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 한 층의 `weight`를 `l1_unstructured`, `random_unstructured`, `ln_structured` 순서로 세 번 프루닝하면
# `PruningContainer` 안에 방법이 몇 개 기록되나요?

# %% [markdown] lang="en"
# **[[exercise:2]].** A layer's `weight` is pruned three times: `l1_unstructured`, `random_unstructured`, then `ln_structured`.
# How many methods does the `PruningContainer` hold?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 층 하나가 아니라 신경망 전체를 프루닝합니다.

# %% [markdown] lang="en"
# Next: pruning a whole network instead of one layer.
