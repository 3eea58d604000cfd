# %% [markdown] lang="ko"
# # 복권 가설
#
# [[Lesson:real_model]]에서는 학습한 모델의 [[weight]]를 대부분 [[pruning]]해도 정확도가 거의 그대로였습니다. 그렇다면
# 처음부터 그 작은 망만 학습하면 되지 않을까요? 보통은 잘 되지 않습니다. 남은 연결만 두고 값을 새로 뽑아 학습하면
# 정확도가 떨어집니다. Frankle과 Carbin(2019)은 이것을 이렇게 설명했습니다. 무작위로 초기화한 큰 망 안에는, **처음의 바로 그
# 초기값**에서 따로 학습해도 큰 망만큼 빨리, 그만큼 정확하게 배우는 작은 부분망이 이미 들어 있다는 것입니다. 이것이
# [[lottery-ticket]]입니다. 그 부분망은 연결, 곧 [[mask]]와 초기값이 짝을 이뤄 "당첨"된 복권이라서 [[winning-ticket]]이라고
# 부릅니다. 같은 연결에 초기값을 새로 뽑으면 당첨이 사라집니다. 당첨 복권은 학습하고, 가장 작은 가중치를 없애고, 남은
# 가중치를 초기값으로 되돌리는 일을 되풀이해서 찾습니다. 이 수업에서는 그 과정을 `torch.nn.utils.prune`으로 그대로
# 해 보고, 정말 초기값이 중요한지 두 가지 비교 대상과 견줍니다.
#
# **배울 것**
# - 당첨 복권을 찾는 반복 크기 프루닝(IMP) 루프를 진짜 PyTorch 호출로 쓰기: `prune.global_unstructured`로 20%씩
# - [[rewind]]: `torch.no_grad()` 아래에서 `weight_orig`에 초기값을 한 번 복사하면 되고, 마스크는 그대로 둔다는 것
# - 같은 학습량으로 세 가지를 비교하기: 당첨 복권 / 같은 마스크 + 새 초기값 / 무작위 마스크 + 원래 초기값
# - 같은 시험 이미지에서 두 모델의 차이를 재는 짝지은 표준 오차, 그리고 학습을 더 하면 달라지는 것
# - 논문의 결과와 비교하고, 이 작은 모델이 어디서 다른지 말하기

# %% [markdown] lang="en"
# # Lottery tickets
#
# In [[lesson:real_model]] most weights of a trained model could be pruned with accuracy almost unchanged. Why not, then,
# train just that small network from the start? Usually it does not work: keep the surviving connections, draw new
# values, train, and accuracy falls. Frankle and Carbin (2019) explained it like this: a randomly initialised large
# network already contains a small subnetwork that, trained on its own **from the very same initial values**, learns
# as fast and as well as the large one. That is the lottery ticket hypothesis. The subnetwork is called a winning
# ticket: its connections (the mask) and its initial values won the draw together, and with freshly drawn values the
# same connections lose. A winning ticket is found by repeating three steps: train, remove the smallest weights, and
# reset the remaining weights to their initial values. This lesson does exactly that with `torch.nn.utils.prune` and
# checks, against two baselines, whether the initial values really matter.
#
# **You will learn**
# - writing the loop that finds a winning ticket, iterative magnitude pruning (IMP), with the real PyTorch calls:
#   `prune.global_unstructured`, 20% per round
# - rewinding: one copy of the initial values into `weight_orig` under `torch.no_grad()`, and the mask stays
# - comparing three networks trained equally long: the ticket / the same mask with fresh initial values / a random mask
#   with the original initial values
# - the paired standard error of a difference between two models on the same test images, and what changes with longer
#   training
# - the paper's result, and where this small model differs

# %% tags=["device-dependent"]
import copy

import torch
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 데이터와 모델
#
# [[Lesson:real_model]]의 손글씨 숫자(8 × 8, 시험 이미지 360장)를 그대로 쓰고, 이번에는 [[dense]] 모델로 작은 MLP를
# 씁니다. 논문의 LeNet-300-100을 줄인 64-100-10 망으로, 여러 번 학습해도 몇 초면 끝납니다. 모델과 데이터는
# [[lesson:real_model]]처럼 float64여서 출력되는 정확도가 어느 CPU에서나 같습니다.
#
# `ph.small_mlp()`를 두 번 부릅니다. `initial`은 당첨 복권이 돌아갈 초기값이고, 학습은 늘 그 복사본으로 합니다.
# `fresh`는 같은 [[seed]]의 난수열에서 이어서 뽑은 **다른** 초기값이며, 아래의 비교 대상 (b)가 여기서 시작합니다.
# 프루닝하는 것은 가중치뿐이고 [[bias]]는 논문처럼 그대로 둡니다.

# %% [markdown] lang="en"
# ## Data and model
#
# The handwritten digits of [[lesson:real_model]] again (8 × 8, 360 test images), and as the dense model a small MLP this
# time: 64-100-10, LeNet-300-100 of the paper scaled down, so that training it many times takes seconds. Model and data
# are float64, as in [[lesson:real_model]], so the printed accuracies are the same on every CPU.
#
# `ph.small_mlp()` is called twice. `initial` holds the initial values a winning ticket returns to; training always
# happens on a copy of it. `fresh` is a **different** draw, the next numbers of the same seed's random sequence; the
# baseline (b) below starts from it. Only weights are pruned; biases stay, as in the paper.

# %%
EPOCHS, LR = 10, 3e-3
data = ph.load_digits_data(device=device, dtype=torch.float64)
initial = ph.small_mlp(device=device, dtype=torch.float64)
fresh = ph.small_mlp(device=device, dtype=torch.float64)
print(initial)
print(ph.t("lottery_tickets.weights", count=initial.fc1.weight.numel() + initial.fc2.weight.numel(),
           fc1=initial.fc1.weight.numel(), fc2=initial.fc2.weight.numel(),
           biases=initial.fc1.bias.numel() + initial.fc2.bias.numel()))
print(ph.t("lottery_tickets.same_draw", same=torch.equal(initial.fc1.weight, fresh.fc1.weight)))

# %% [markdown] lang="ko"
# ## 밀집 모델 학습
#
# 먼저 `initial`의 복사본을 10[[epoch]] 학습합니다. 학습률 3e-3의 Adam이고, 배치를 섞는 순서는 `ph.train`이 늘 같게
# 정합니다. 이 수업의 모든 모델은 정확히 이만큼 학습하므로, 아래의 비교는 같은 학습량에서의 비교입니다.

# %% [markdown] lang="en"
# ## Training the dense model
#
# First a copy of `initial` trains for 10 epochs: Adam at learning rate 3e-3, with the batch order `ph.train` always
# draws the same way. Every model in this lesson trains exactly this long, so every comparison below is at the same
# training budget.

# %% tags=["device-dependent"]
model = copy.deepcopy(initial)
ph.train(model, data, epochs=EPOCHS, lr=LR, progress=False)
dense = ph.accuracy(model, data)
print(ph.t("lottery_tickets.dense", epochs=EPOCHS, accuracy=dense))

# %% [markdown] lang="ko"
# 시험 이미지가 360장이라 한 장이 0.28%p이고, 이 정확도에서 한 번 잰 값의 표준 오차는 약 1.0%p입니다. 초기값만 바꾼
# 20개 시드로 따로 재어 보니 (이 노트북 밖에서 미리 잰 값) 밀집 모델은 96.9 ± 0.4%였고(± 뒤는 시드 사이의 표준 편차),
# 시드 0의 96.1%는 그 20개 가운데 가장 낮은 값입니다. 아래에서 이 시드의 당첨 복권이 밀집 모델을 꽤 앞서는 것은
# 그 탓도 있습니다.

# %% [markdown] lang="en"
# With 360 test images one image is 0.28 points, and a single measurement at this accuracy has a standard error of
# about 1.0 point. Measured offline over 20 seeds that change only the initial values, the dense model reaches
# 96.9 ± 0.4% (± is the standard deviation across seeds), and seed 0's 96.1% is the lowest of those 20. That is part of
# why this seed's winning ticket below leads the dense model by a fair margin.

# %% [markdown] lang="ko"
# ## 한 회차를 직접: 프루닝 → 되감기 → 다시 학습
#
# **프루닝.** 두 층의 가중치를 한데 모아 절댓값이 가장 작은 20%를 없앱니다. [[global]]이면서 [[magnitude]]입니다.
# `prune.global_unstructured`는 층마다 학습한 값을 담은 [[parameter]] `weight_orig`와 [[buffer]] `weight_mask`를
# 만듭니다.

# %% [markdown] lang="en"
# ## One round by hand: prune → rewind → retrain
#
# **Prune.** Pool the weights of both layers and remove the 20% with the smallest absolute values (global magnitude
# pruning). `prune.global_unstructured` gives each layer a `weight_orig` (a parameter, the trained values) and a
# `weight_mask` (a buffer).

# %%
def kept_percent(masks):
    return 100 * sum(int(mask.sum()) for mask in masks.values()) / sum(mask.numel() for mask in masks.values())


prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.2)
before = ph.mask_copies(model)
print(ph.t("lottery_tickets.kept", kept=kept_percent(before), fc1=100 * float(before["fc1"].mean()),
           fc2=100 * float(before["fc2"].mean())))

# %% [markdown] lang="ko"
# 전체로는 정확히 80%가 남았지만 층마다 다릅니다. 학습한 뒤의 `fc2` 가중치가 `fc1`보다 평균적으로 크기 때문에, 전역
# 순위는 출력층 `fc2`에서 덜 가져갑니다. `ph.mask_copies`는 두 층의 마스크를 복사해 둡니다(`{"fc1": ..., "fc2": ...}`).
#
# **되감기.** 이제 남은 가중치를 학습 전의 값으로 되돌립니다. 하는 일은 층마다 `weight_orig`에 초기값을 **한 번 복사**하는
# 것뿐입니다(편향도 함께). 학습하는 파라미터에 제자리 복사를 하므로 `torch.no_grad()` 아래에서 합니다. 마스크는 건드리지
# 않습니다. 다시 프루닝하면 마스크가 하나 더 쌓이고, `prune.remove`를 하면 마스크를 잊어버립니다.

# %% [markdown] lang="en"
# Exactly 80% is kept overall, but not in every layer: after training, `fc2`'s weights are larger on average than
# `fc1`'s, so the global ranking takes fewer from the output layer `fc2`. `ph.mask_copies` keeps a copy of both
# layers' masks (`{"fc1": ..., "fc2": ...}`).
#
# **Rewind.** Now the surviving weights go back to their values before training. All it takes is **one copy** of the
# initial values into each layer's `weight_orig` (and the bias). It is an in-place write into a trained parameter, so it
# happens under `torch.no_grad()`. The mask is not touched: pruning again would stack another mask, and `prune.remove`
# would forget it.

# %%
with torch.no_grad():
    for name in ("fc1", "fc2"):
        layer, start = model.get_submodule(name), initial.get_submodule(name)
        layer.weight_orig.copy_(start.weight)  # the rewind: one copy; weight_mask stays as it is
        layer.bias.copy_(start.bias)
print(ph.t("lottery_tickets.stale", same=torch.equal(model.fc1.weight, initial.fc1.weight * model.fc1.weight_mask)))
with torch.no_grad():
    model(data.test_x[:1])  # a forward pass: the hook recomputes weight = weight_orig * weight_mask
print(ph.t("lottery_tickets.mask_same",
           same=all(torch.equal(mask, model.get_submodule(name).weight_mask) for name, mask in before.items())))
print(ph.t("lottery_tickets.init_where_kept", same=all(
    torch.equal(model.get_submodule(name).weight[mask == 1], initial.get_submodule(name).weight[mask == 1])
    for name, mask in before.items())))
print(ph.t("lottery_tickets.zero_where_pruned", zero=all(
    bool((model.get_submodule(name).weight[mask == 0] == 0).all()) for name, mask in before.items())))

# %% [markdown] lang="ko"
# 첫 줄이 "아니요"인 것에 주의하세요. `model.fc1.weight`는 [[forward-pre-hook]]이 [[forward]] 직전마다
# `weight_orig * weight_mask`로 다시 계산해 넣는 값이라, 복사한 직후에는 아직 학습한 값으로 계산된 옛 값입니다. 순전파를
# 한 번 하고 나면 나머지 세 줄대로입니다. 마스크는 그대로이고, 남긴 자리는 초기값과 똑같으며, 없앤 자리는 0입니다.
# `weight_orig`의 없앤 자리에도 초기값이 들어갔지만 마스크가 곱해지므로 쓰이지 않고, 그 자리의 [[gradient]]도 0이라
# 학습해도 움직이지 않습니다.
#
# **다시 학습.** 되감은 모델을 처음과 똑같이 10에폭 학습합니다. `ph.train`은 부를 때마다 옵티마이저를 새로 만들므로
# Adam의 상태도 처음부터 시작합니다.

# %% [markdown] lang="en"
# Note the "no" on the first line. `model.fc1.weight` is what the forward pre-hook recomputes as
# `weight_orig * weight_mask` before every forward pass, so right after the copy it is still the old product of the
# trained values. After one forward pass the other three lines hold: the mask is unchanged, the kept weights are
# exactly the initial values, and the pruned ones are zero. The pruned positions of `weight_orig` received initial
# values too, but the mask multiplies them away, and their gradient is zero, so training never moves them.
#
# **Retrain.** The rewound model trains exactly as at first, 10 epochs. `ph.train` builds a new optimizer on every
# call, so Adam's state starts afresh too.

# %% tags=["device-dependent"]
ph.train(model, data, epochs=EPOCHS, lr=LR, progress=False)
first = ph.accuracy(model, data)
print(ph.t("lottery_tickets.first_round", epochs=EPOCHS, accuracy=first))

# %% [markdown] lang="ko"
# ## 전체 루프와 두 비교 대상
#
# 이 세 걸음을 14회차까지 되풀이합니다. 회차마다 남은 가중치의 20%를 없애므로 0.8¹⁴ = 4.4%가 남습니다. 되감기는 위의 복사를
# 모든 층에 하는 `ph.rewind_(model, initial)`로 씁니다. 모델의 층과 모양이 `initial`과 다르거나 프루닝한 층이 없으면
# 아무것도 바꾸지 않고 오류를 냅니다.
#
# 2회차마다 같은 [[sparsity]]에서 두 모델을 처음부터 따로 만들어 **같은 10에폭**을 학습합니다.
# - **(b) 재초기화**: 당첨 복권과 **같은 마스크**를 `fresh`에 `prune.custom_from_mask`로 씌웁니다. 다른 것은 초기값뿐이므로,
#   (a)와 (b)의 차이는 초기값의 몫입니다.
# - **(c) 무작위 마스크**: **원래 초기값** `initial`에서 층마다 같은 개수를 `prune.random_unstructured`로 무작위로 없앱니다.
#   다른 것은 마스크뿐이므로, (a)와 (c)의 차이는 IMP가 고른 마스크의 몫입니다.
#
# 마지막 열은 `ph.paired_difference`가 잰 (a) − (b)와 그 표준 오차입니다. 두 모델이 같은 360장으로 시험을 보므로,
# 둘 다 맞히거나 둘 다 틀린 이미지는 차이에 아무 영향이 없고 한쪽만 맞힌 이미지만 셉니다. 그래서 이 표준 오차는 정확도
# 하나의 표준 오차(약 1%p)보다 작습니다.
#
# 공정성에 대해 한 가지 더 말해 둡니다. 당첨 복권의 마스크를 찾는 데에는 회차마다 10에폭씩, 모두 합쳐 훨씬 많은 학습이
# 들었습니다. 여기서 같게 맞춘 것은 마스크가 정해진 뒤 초기값에서 시작하는 마지막 10에폭입니다.

# %% [markdown] lang="en"
# ## The whole loop and two baselines
#
# These three steps repeat up to round 14. Each round removes 20% of the weights still alive, so 0.8¹⁴ = 4.4% remain.
# The rewind is `ph.rewind_(model, initial)`, the copy above for every layer; if the model's layers or shapes differ
# from `initial`'s, or no layer is pruned, it changes nothing and raises an error.
#
# Every second round, two models are built from scratch at the same sparsity and trained for **the same 10 epochs**:
# - **(b) reinit**: the ticket's **same mask** put on `fresh` with `prune.custom_from_mask`. Only the initial values
#   differ, so (a) − (b) is what the initial values are worth.
# - **(c) random mask**: the **original initial values** `initial`, with the same number of weights per layer removed at
#   random by `prune.random_unstructured`. Only the mask differs, so (a) − (c) is what IMP's choice of mask is worth.
#
# The last column is (a) − (b) with its standard error, from `ph.paired_difference`. Both models sit the same 360 test
# images, so images both get right, or both wrong, do not move the difference; only images exactly one of them gets right
# count. That is why this standard error is smaller than the one of a single accuracy (about 1 point).
#
# One more word on fairness: finding the ticket's mask took 10 epochs in every round, far more training in all. What is
# equal here is the last 10 epochs, from the initial values, once the mask is fixed.

# %% tags=["device-dependent"]
ticket = {100.0: dense, kept_percent(before): first}
reinit_accuracy, random_accuracy, lines = {}, {}, []
for round_ in range(2, 15):
    prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.2)
    ph.rewind_(model, initial)  # the copy above, for every layer: masks stay
    ph.train(model, data, epochs=EPOCHS, lr=LR, progress=False)
    masks = ph.mask_copies(model)
    kept = kept_percent(masks)
    ticket[kept] = ph.accuracy(model, data)
    if round_ % 2 == 1:
        continue
    reinit_model, random_model = copy.deepcopy(fresh), copy.deepcopy(initial)
    for name, mask in masks.items():
        prune.custom_from_mask(reinit_model.get_submodule(name), "weight", mask=mask)  # (b)
        prune.random_unstructured(random_model.get_submodule(name), "weight", amount=int((mask == 0).sum()))  # (c)
    for baseline in (reinit_model, random_model):
        ph.train(baseline, data, epochs=EPOCHS, lr=LR, progress=False)
    reinit_accuracy[kept], random_accuracy[kept] = ph.accuracy(reinit_model, data), ph.accuracy(random_model, data)
    difference, error = ph.paired_difference(model, reinit_model, data)
    lines.append(f"{round_:5d}{kept:8.1f}{100 * float(masks['fc1'].mean()):8.1f}{100 * float(masks['fc2'].mean()):8.1f}"
                 f"{ticket[kept]:13.1f}{reinit_accuracy[kept]:13.1f}{random_accuracy[kept]:13.1f}"
                 f"{difference:+10.1f} ± {error:.1f}")
print(ph.t("lottery_tickets.header"))
print(f"{0:5d}{100:8.1f}{100:8.1f}{100:8.1f}{dense:13.1f}{'-':>13}{'-':>13}")
print("\n".join(lines))

# %% [markdown] lang="ko"
# 0회차는 프루닝하지 않은 밀집 모델입니다. 읽는 법은 이렇습니다.
# - **(a) 당첨 복권**은 가중치가 26.2% 남는 6회차까지 밀집 모델(96.1%) 이상이고(그림을 보면 21.0%인 7회차도),
#   10.7%에서도 1.7%p만 낮습니다. 4.4%에서야 88.9%로 떨어집니다.
# - **(a) − (b)** 열은 모든 회차에서 0보다 큽니다. 64%의 +0.6 ± 0.4%p는 표준 오차의 두 배 안이라 잡음과 가리기 어렵지만,
#   41%부터는 +1.7~+5.6%p로 표준 오차의 두 배를 넘습니다. 10.7%의 +0.8 ± 0.8%p만 예외입니다. 시드 하나로는 이렇게
#   들쭉날쭉합니다.
# - **(c) 무작위 마스크**는 희소할수록 무너집니다. 10.7%에서 84.7%, 4.4%에서는 46.9%입니다. IMP가 고른 마스크 없이는 같은
#   초기값도 소용이 없습니다.
# - `fc1 %`와 `fc2 %`를 보면 전역 프루닝이 출력층을 알아서 아낍니다. 4.4%가 남을 때 `fc2`에는 9.4%가 남습니다.

# %% [markdown] lang="en"
# Round 0 is the unpruned dense model. How to read it:
# - **(a) the ticket** stays at or above the dense model (96.1%) up to round 6 (26.2% kept; the figure shows round 7,
#   21.0%, too), and is only 1.7 points lower at 10.7%; at 4.4% it drops to 88.9%.
# - **(a) − (b)** is above zero in every round. +0.6 ± 0.4 at 64% is within two standard errors, hard to tell from
#   noise, but from 41% on it is +1.7 to +5.6 points, more than twice its standard error, except +0.8 ± 0.8 at 10.7%:
#   a single seed is that uneven.
# - **(c) the random mask** collapses as sparsity grows: 84.7% at 10.7%, 46.9% at 4.4%. Without the mask IMP chose,
#   the same initial values are no help.
# - `fc1 %` and `fc2 %` show global pruning sparing the output layer by itself: with 4.4% kept overall, `fc2` keeps 9.4%.

# %% [markdown] lang="ko"
# ## 그림: 남은 가중치에 따른 정확도
#
# 가로축은 남은 가중치의 비율이고 로그 눈금입니다. 회차마다 남은 몫에 0.8이 곱해지므로 점이 고르게 놓입니다. 논문의
# 그림처럼 100%가 왼쪽, 희소한 쪽이 오른쪽입니다. 당첨 복권은 모든 회차, 두 비교 대상은 2회차마다 잰 값입니다.

# %% [markdown] lang="en"
# ## Figure: accuracy against weights kept
#
# The horizontal axis is the share of weights kept, on a log scale: each round multiplies it by 0.8, so the points are
# evenly spaced. As in the paper's figures, 100% is on the left and the sparse end on the right. The ticket is measured
# every round, the baselines every second round.

# %% tags=["device-dependent"]
ph.plot_kept_curves({ph.t("lottery_tickets.curve_ticket"): (list(ticket), list(ticket.values())),
                     ph.t("lottery_tickets.curve_reinit"): (list(reinit_accuracy), list(reinit_accuracy.values())),
                     ph.t("lottery_tickets.curve_random"): (list(random_accuracy), list(random_accuracy.values()))},
                    ph.t("lottery_tickets.x_axis"), ph.t("lottery_tickets.y_axis"), ph.t("lottery_tickets.title"),
                    dense, ph.t("lottery_tickets.dense_line"))

# %% [markdown] lang="ko"
# ## 여러 시드로 본 결론
#
# 한 시드는 들쭉날쭉하므로, 초기값만 바꾼 20개 시드로 같은 실험을 이 노트북 밖에서 미리 했습니다 (모든 회차에서 비교,
# ± 뒤는 시드 사이의 표준 편차). 짝지은 표준 오차는 한 번 잰 (a) − (b)에서 0.3~1.8%p였습니다.
# - **(a) − (b)**: 80%에서 +0.2 ± 0.6%p(잡음), 64%에서 +0.9 ± 0.4, 26%에서 +2.0 ± 0.7, 10.7%에서 +2.0 ± 1.0,
#   4.4%에서 +4.8 ± 1.9%p. 64%부터는 20개 시드 **모두**에서 0 이상이었습니다.
# - **(a) − 밀집**: 80%에서 26%까지 +0.2~+0.4%p, 21%에서 0.0, 16.8%에서 −0.6, 10.7%에서 −2.2, 4.4%에서 −6.8%p. 이 모델의
#   당첨 복권은 가중치 약 20%까지 밀집 모델을 따라잡고, 그보다 희소하면 뒤처집니다.
# - **(c) 무작위 마스크**: 4.4%에서 51.9 ± 4.6%로 무너집니다 (당첨 복권은 90.1 ± 1.3%).
#
# **주의: 학습을 더 하면 (b)와의 차이가 줄어듭니다.** 에폭을 20으로 늘려 10개 시드로 다시 재면 밀집 모델은 97.8%이고,
# 당첨 복권은 16.8%까지 밀집 모델과 0.4%p 안에서 같습니다. 그런데 (a) − (b)는 80%~26%에서 +0.1~+0.6%p로, 한 번 잰 값의
# 짝지은 표준 오차(0.3~0.9%p)와 같은 크기로 줄어듭니다. 10개 시드의 평균으로는 아직 조금 양수이지만, 한 번의 실행으로는
# 0과 가릴 수 없습니다. 뚜렷한 차이는 21% 이하에서만 남습니다(+1.0~+3.1%p). 그러니
# 10에폭에서 중간 희소성의 차이 가운데 일부는 "당첨 복권이 더 좋은 곳에 이른다"가 아니라 "당첨 복권이 **더 빨리** 배운다"는
# 뜻입니다. 같은 학습량이라는 비교 조건이 짧으면, 학습 속도와 최종 정확도가 섞여 보입니다.

# %% [markdown] lang="en"
# ## Conclusions from many seeds
#
# One seed is uneven, so the same experiment was run offline over 20 seeds that change only the initial values, with
# both baselines in every round (± is the standard deviation across seeds). The paired standard error of a single
# (a) − (b) measurement was 0.3 to 1.8 points.
# - **(a) − (b)**: +0.2 ± 0.6 points at 80% (noise), +0.9 ± 0.4 at 64%, +2.0 ± 0.7 at 26%, +2.0 ± 1.0 at 10.7%,
#   +4.8 ± 1.9 at 4.4%. From 64% down it was ≥ 0 in **all** 20 seeds.
# - **(a) − dense**: +0.2 to +0.4 points from 80% to 26%, 0.0 at 21%, −0.6 at 16.8%, −2.2 at 10.7%, −6.8 at 4.4%. This
#   model's winning tickets keep up with the dense model down to about 20% of the weights, and fall behind beyond.
# - **(c) the random mask** collapses to 51.9 ± 4.6% at 4.4% (the ticket: 90.1 ± 1.3%).
#
# **Caveat: with longer training the gap to (b) shrinks.** With 20 epochs instead of 10 (10 seeds), the dense model
# reaches 97.8% and the ticket stays within 0.4 points of it down to 16.8%. But (a) − (b) falls to +0.1 to +0.6 points
# from 80% to 26%, the size of a single measurement's paired standard error (0.3 to 0.9): still slightly positive on
# average over 10 seeds, but one run cannot tell it from zero. A clear gap remains only at 21% and below (+1.0 to
# +3.1). So part of the mid-sparsity gap at 10 epochs does not mean "the ticket gets somewhere
# better" but "the ticket learns **faster**". When the equal training budget is short, learning speed and final accuracy
# cannot be told apart.

# %% [markdown] lang="ko"
# ## 논문의 결과와 비교
#
# Frankle과 Carbin(2019)은 MNIST의 LeNet(완전 연결망)과 CIFAR-10의 Conv-2/4/6에서, 가중치의 10~20% 미만만 남기고도
# 밀집 모델의 정확도에 이르는 당첨 복권을 찾았습니다. 그보다 가중치를 더 남긴 당첨 복권은 밀집 모델보다 더 빨리 배우고
# 정확도도 더 높았습니다. 같은 마스크를 무작위로 다시 초기화하면 더 느리게 배우고 정확도도 뒤처졌습니다. 이 수업의 작은
# 모델도 방향은 같습니다. 초기값이 중요하고(a > b), 당첨 복권은 같은 마스크를 다시 초기화한 것보다 더 빨리 배웁니다. 다른
# 점은 밀집 모델을 따라잡는 한계가 10% 아래가 아니라 20% 근처라는 것입니다. 가중치가 7,400개뿐인 망은
# LeNet-300-100(약 26만 개)보다 덜어 낼 여유가 훨씬 적습니다. 또 시험 이미지 360장으로는 1%p보다 작은 차이를 한 번의
# 실행으로 가릴 수 없어서 여러 시드가 필요했습니다.
#
# 더 깊은 망(논문의 VGG-19, ResNet-18)에서는 학습률을 낮추거나 학습률 워밍업을 해야 당첨 복권을 찾을 수 있었습니다. 이후의
# 연구인 Frankle 외(2020)의 선형 모드 연결성(linear mode connectivity) 논문은 0번째 반복이 아니라 **학습 초반의 한
# 반복**으로 되감습니다. 이 수업의 `initial`을 학습 초반에 저장한 복사본으로 바꾸면 되는 일이지만, 여기서는 방향만 알려
# 둡니다.

# %% [markdown] lang="en"
# ## Compared with the paper
#
# Frankle and Carbin (2019) found, for LeNet (fully connected) on MNIST and Conv-2/4/6 on CIFAR-10, winning tickets
# with fewer than 10–20% of the weights that still reach the dense model's accuracy; tickets that kept more than that
# learned faster than the dense model and reached higher accuracy. Randomly re-initialising the same mask made it learn
# slower and fall behind. This lesson's small model points the same way: the initial values matter (a > b), and the
# ticket learns faster than the same mask re-initialised. It differs in where the ticket stops keeping up with the
# dense model: near 20% of the weights, not below 10%. A network of only 7,400 weights has far less to spare than
# LeNet-300-100 (about 266,000). And with 360 test images, differences below 1 point cannot be told apart in one run,
# which is why several seeds were needed.
#
# For deeper networks (VGG-19 and ResNet-18 in the paper), finding winning tickets needed a lower learning rate or a
# learning-rate warm-up. Later work (Frankle et al., 2020, "linear mode connectivity") rewinds not to iteration 0 but
# to **an early iteration** of training. Here that would mean replacing `initial` with a copy saved early in training;
# this is only a pointer.

# %% [markdown] lang="ko"
# ## 정리
#
# - [[lottery-ticket]]: 무작위 초기값의 큰 망 안에, 같은 초기값에서 따로 학습해도 큰 망만큼 배우는 작은 부분망(당첨 복권)이
#   있습니다. 마스크와 초기값이 짝입니다.
# - 찾는 법(IMP)은 학습 → `prune.global_unstructured`로 남은 가중치의 20% 제거 → 되감기 → 다시 학습을 되풀이하는 것입니다.
#   20%씩 14회차면 0.8¹⁴ = 4.4%가 남습니다.
# - 되감기는 `torch.no_grad()` 아래에서 `weight_orig`에 초기값을 한 번 복사하는 것입니다. 마스크는 그대로이고,
#   `weight`는 다음 순전파에서 초기값 × 마스크가 됩니다.
# - 같은 10에폭에서, 같은 마스크에 새 초기값(b)은 64%부터 20개 시드 어디에서도 당첨 복권보다 높지 않았고, 무작위 마스크(c)는
#   희소할수록 무너졌습니다. 당첨 복권은 가중치 약 20%까지 밀집 모델을 따라잡았습니다.
# - 20에폭에서는 (a) − (b)가 21% 이하에서만 뚜렷합니다. 짧은 학습에서 보이는 차이의 일부는 당첨 복권이 더 빨리 배우기
#   때문입니다. 같은 이미지로 잰 두 모델의 차이는 짝지은 표준 오차로 읽습니다.

# %% [markdown] lang="en"
# ## Summary
#
# - The lottery ticket hypothesis: a randomly initialised large network contains a small subnetwork (a winning ticket)
#   that, trained alone from the same initial values, learns as well as the whole. Mask and initial values go together.
# - Finding it (IMP) repeats: train → remove 20% of the remaining weights with `prune.global_unstructured` → rewind →
#   retrain. 14 rounds of 20% leave 0.8¹⁴ = 4.4%.
# - Rewinding is one copy of the initial values into `weight_orig` under `torch.no_grad()`. The mask stays, and `weight`
#   becomes initial values × mask at the next forward pass.
# - At the same 10 epochs, the same mask with fresh initial values (b) never scored above the ticket, in any of the 20
#   seeds, from 64% down, and a random mask (c) collapsed as sparsity grew. The ticket kept up with the dense model
#   down to about 20% of the weights.
# - At 20 epochs (a) − (b) is clear only at 21% and below: part of the gap after short training is the ticket learning
#   faster. A difference between two models measured on the same images is read with its paired standard error.

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 답을 `answer=None` 자리에 넣고 셀을 실행하세요.
#
# **[[exercise:1]].** 가중치가 100,000개인 층을 `amount=0.2`로 5번 프루닝하면 남는 가중치의 비율은 얼마일까요? 소수로
# 답하세요 (예: 절반이면 0.5).

# %% [markdown] lang="en"
# ## Exercises
#
# Put your answer in place of `answer=None` and run the cell.
#
# **[[exercise:1]].** A layer with 100,000 weights is pruned 5 times with `amount=0.2`. What share of its weights is
# kept? Answer with a decimal (e.g. 0.5 for half).

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 이 수업의 되감기(`weight_orig.copy_(...)`)는 `weight_mask`를 바꿀까요? `True` 또는 `False`로
# 답하세요.

# %% [markdown] lang="en"
# **[[exercise:2]].** Does this lesson's rewind (`weight_orig.copy_(...)`) change `weight_mask`? Answer `True` or
# `False`.

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:3]].** 되감은 직후, 순전파를 한 번도 하기 전에 `layer.weight`는 벌써 `weight_orig * weight_mask`(초기값 ×
# 마스크)와 같을까요? `True` 또는 `False`로 답하세요.

# %% [markdown] lang="en"
# **[[exercise:3]].** Right after the rewind, before any forward pass, is `layer.weight` already equal to
# `weight_orig * weight_mask` (initial values × mask)? Answer `True` or `False`.

# %%
ph.check("[[exercise:3]]", answer=None)
