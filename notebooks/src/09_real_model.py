# %% [markdown] lang="ko"
# # 09. 실제 모델과 데이터
#
# 지금까지는 학습하지 않은 층을 프루닝했습니다. 이제 실제 데이터로 학습한 모델을 프루닝하고, 모든 초보자가 묻는 질문에
# 측정으로 답합니다: **얼마나 없애도 정확도가 유지될까?** 데이터는 scikit-learn에 들어 있는 손글씨 숫자(`load_digits`)라서
# 아무것도 내려받지 않습니다. 수업 전체가 CPU에서 30초 안에 끝납니다.
#
# **배울 것**
# - 작은 CNN을 몇 초 만에, 같은 결과가 나오게 학습하기 (`tqdm` 진행 막대)
# - 층별 [[sensitivity]] 검사: 어느 층이 프루닝에 약한가
# - 희소성에 따른 정확도: 한 번에 / 한 번에 + [[fine-tuning]] / 반복(점진적) 프루닝
# - 비정형 vs 구조적, 전역 vs 층마다 같은 비율
# - Han 외(2015)의 결과를 작게 재현하기: **12배 압축에 정확도 하락 0.5점 이내**

# %% [markdown] lang="en"
# # 09. A real model on real data
#
# So far we pruned untrained layers. Now we prune a model trained on real data and answer, with measurements, the
# question every beginner asks: **how much can go before accuracy suffers?** The data is the handwritten digits that
# ship with scikit-learn (`load_digits`), so nothing is downloaded. The whole lesson runs in under 30 seconds on a CPU.
#
# **You will learn**
# - training a small CNN in seconds, reproducibly (with a `tqdm` progress bar)
# - a per-layer sensitivity scan: which layers are fragile
# - accuracy against sparsity: one-shot, one-shot + fine-tuning, and iterative (gradual) pruning
# - unstructured vs structured, global vs the same share per layer
# - a small reproduction of Han et al. (2015): **12× compression within 0.5 points of dense accuracy**

# %%
import copy

import torch
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()

# %% [markdown] lang="ko"
# ## 데이터
#
# 8 × 8 흑백 숫자 이미지 1,797장 가운데 360장을 시험용으로 떼어 둡니다. 학습에는 쓰지 않고 정확도를 잴 때만 씁니다.

# %% [markdown] lang="en"
# ## Data
#
# 1,797 greyscale 8 × 8 digit images; 360 are held out for testing. They are never trained on, only used to measure
# accuracy.

# %%
data = ph.load_digits_data()
print(tuple(data.train_x.shape), tuple(data.test_x.shape))
print(torch.bincount(data.train_y).tolist())

# %% [markdown] lang="ko"
# ## 밀집 모델 학습
#
# 06 수업의 `ph.small_cnn()`을 12에폭 학습합니다. 시드와 스레드 수(1)가 고정되어 있어서 같은 컴퓨터에서는 매번 같은
# 가중치가 나옵니다. 진행 막대는 실행할 때마다 달라서 자동 검사에서 비교하지 않습니다. 이 작은 모델은 GPU에서 더 빠르지
# 않습니다(계산보다 호출 비용이 큽니다). 그래도 GPU로 학습하려면 `device=ph.pick_device()`를 넘기세요. 이때 출력된 정확도는
# 저장된 값과 조금 다를 수 있습니다.

# %% [markdown] lang="en"
# ## Training the dense model
#
# Train lesson 06's `ph.small_cnn()` for 12 epochs. The seed and the thread count (1) are fixed, so the same machine
# produces the same weights every time. The progress bar differs on every run and is not compared. This tiny model is
# not faster on a GPU (call overhead outweighs the work); to train there anyway, pass `device=ph.pick_device()`, and
# expect printed accuracies to differ slightly from the stored ones.

# %% tags=["nbval-ignore-output"]
torch.manual_seed(0)
dense = ph.train(ph.small_cnn(), data, epochs=12)

# %%
dense_accuracy = ph.accuracy(dense, data)
print(f"{dense_accuracy:.2f}%")

# %% [markdown] lang="ko"
# ## 층별 민감도
#
# 한 번에 **한 층만** 프루닝하고 (미세 조정 없이) 정확도를 잽니다. 이렇게 하면 어느 층이 프루닝에 약한지 알 수 있습니다.

# %% [markdown] lang="en"
# ## Per-layer sensitivity
#
# Prune **one layer at a time** (no fine-tuning) and measure accuracy. This shows which layers are fragile.

# %%
sparsities = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95]
scan = ph.sensitivity_scan(dense, data, sparsities)
for layer, accuracies in scan.items():
    print(f"{layer:<6}", " ".join(f"{value:5.1f}" for value in accuracies))
ph.plot_curves(sparsities, scan, ph.t("plot.sparsity_frac_axis"), ph.t("plot.acc_axis"), ph.t("plot.sensitivity_title"),
               dense_accuracy, ph.t("plot.dense"))

# %% [markdown] lang="ko"
# 가중치가 288개뿐인 `conv1`과 마지막 `fc`는 많이 없애면 정확도가 무너지고, 가중치가 73,728개인 `conv3`는 80%까지 그대로이고
# 90%에서도 조금만 떨어집니다. 모델 전체의 가중치는 대부분 둔감한 층에 있습니다. 그래서 층마다 같은 비율보다 전역 프루닝이
# 유리할 수 있습니다 (아래에서 확인).
#
# ## 희소성에 따른 정확도: 세 가지 방식
#
# 모든 층을 전역 L1로 프루닝합니다 (`ph.prune_globally`는 06 수업의 `prune.global_unstructured` 호출을 감싼 것입니다).
# - **한 번에**: 프루닝만 하고 바로 잽니다.
# - **한 번에 + 미세 조정**: 프루닝한 뒤 2에폭 더 학습합니다. 마스크 덕분에 없앤 가중치는 계속 0입니다.
# - **반복**: 50% → 70% → … 순서로 조금씩 늘리며 단계마다 2에폭씩 학습합니다.

# %% [markdown] lang="en"
# `conv1` (only 288 weights) and the final `fc` collapse when pruned hard, while `conv3` (73,728 weights) is unchanged up
# to 80% and loses only a little at 90%. Most of the model's weights sit in insensitive layers, which is why global pruning can beat the same share per
# layer (checked below).
#
# ## Accuracy against sparsity: three ways
#
# Prune all layers with global L1 (`ph.prune_globally` wraps lesson 06's `prune.global_unstructured` call).
# - **One-shot**: prune and measure straight away.
# - **One-shot + fine-tuning**: prune, then train 2 more epochs. The masks keep pruned weights at zero.
# - **Iterative**: raise sparsity step by step, 50% → 70% → …, training 2 epochs after each step.

# %%
sparsities = [0.5, 0.7, 0.8, 0.9, 0.95]
one_shot = ph.accuracy_curve(dense, data, sparsities, ph.prune_globally)
fine_tuned = ph.accuracy_curve(dense, data, sparsities, ph.prune_globally, fine_tune_epochs=2)
_, iterative = ph.iterative_pruning(dense, data, sparsities, epochs_per_step=2)
curves = {ph.t("curve.oneshot"): one_shot, ph.t("curve.finetune"): fine_tuned, ph.t("curve.iterative"): iterative}
for label, values in curves.items():
    print(" ".join(f"{value:5.1f}" for value in values), "|", label)
ph.plot_curves(sparsities, curves, ph.t("plot.sparsity_frac_axis"), ph.t("plot.acc_axis"), ph.t("plot.curves_title"),
               dense_accuracy, ph.t("plot.dense"))

# %% [markdown] lang="ko"
# 미세 조정 없이 한 번에 90% 넘게 없애면 정확도가 크게 떨어집니다. 2에폭만 다시 학습해도 대부분 회복됩니다. 반복 방식은
# 높은 희소성에서 가장 안정적이지만, 단계마다 학습하므로 학습을 더 많이 합니다 (95%에 이를 때까지 10에폭).
#
# ## 비정형 vs 구조적
#
# 공정하게 비교하려면 "마스크의 0"이 아니라 **실제로 없어진 파라미터**로 비교해야 합니다. 구조적 프루닝은 필터를 없앤 뒤
# `ph.compact`로 층을 정말 작게 다시 만들어 파라미터를 셉니다 (10 수업에서 자세히 봅니다).

# %% [markdown] lang="en"
# Pruning over 90% one-shot without fine-tuning hurts badly; just 2 epochs of retraining recover most of it. Iterative
# pruning is the steadiest at high sparsity, but it also trains more (10 epochs by the time it reaches 95%).
#
# ## Unstructured vs structured
#
# A fair comparison counts **parameters really gone**, not zeros in a mask. For structured pruning we remove filters,
# rebuild the layers really smaller with `ph.compact`, and count (lesson 10 looks at this closely).

# %%
total = sum(p.numel() for p in dense.parameters())
structured_removed, structured_accuracy = [], []
for fraction in (0.25, 0.5, 0.75):
    pruned = ph.prune_filters(copy.deepcopy(dense), fraction)
    ph.train(pruned, data, epochs=2, lr=1e-3, progress=False)
    structured_accuracy.append(ph.accuracy(pruned, data))
    structured_removed.append(1 - sum(p.numel() for p in ph.compact(pruned).parameters()) / total)
for removed, value in zip(structured_removed, structured_accuracy):
    print(f"structured: {removed:.3f} removed -> {value:.1f}%")
ph.plot_curves(sparsities, {ph.t("curve.unstructured"): fine_tuned,
                            ph.t("curve.structured"): (structured_removed, structured_accuracy)},
               ph.t("plot.sparsity_frac_axis"), ph.t("plot.acc_axis"), ph.t("plot.structure_title"),
               dense_accuracy, ph.t("plot.dense"))

# %% [markdown] lang="ko"
# 같은 양을 없앴을 때 비정형 프루닝이 정확도를 더 잘 지킵니다: 어느 가중치든 골라 없앨 수 있으니까요. 대신 구조적
# 프루닝은 층이 정말 작아져서 빨라집니다. 비정형 프루닝의 흩어진 0은 그렇지 않습니다. 이 맞바꿈이 10 수업의 주제입니다.
#
# ## 전역 vs 층마다 같은 비율
#
# 06 수업에서 전역 프루닝이 층마다 다른 희소성을 만드는 것을 봤습니다. 정확도에는 어떤 영향이 있을까요? (미세 조정 없이 비교)

# %% [markdown] lang="en"
# For the same amount removed, unstructured pruning keeps accuracy better: it may pick any weight. Structured pruning,
# in return, makes layers really smaller and faster; scattered unstructured zeros do not. That trade-off is lesson 10.
#
# ## Global vs the same share per layer
#
# Lesson 06 showed that global pruning gives each layer its own sparsity. What does that do to accuracy? (compared
# without fine-tuning)

# %%
def prune_uniformly(model, sparsity):
    for module, name in ph.prunable_layers(model):
        prune.l1_unstructured(module, name=name, amount=sparsity)
    return model


uniform = ph.accuracy_curve(dense, data, sparsities, prune_uniformly)
for label, values in {ph.t("curve.global"): one_shot, ph.t("curve.uniform"): uniform}.items():
    print(" ".join(f"{value:5.1f}" for value in values), "|", label)

# %% [markdown] lang="ko"
# 층마다 같은 비율로 자르면 민감한 `conv1`과 `fc`도 똑같이 잘려서 정확도가 훨씬 빨리 떨어집니다. 전역 프루닝은 둔감한
# `conv3`에서 대부분을 가져옵니다.
#
# ## Han 외(2015) 작게 재현하기: 12배 압축
#
# Han 외(2015)는 LeNet의 가중치를 12분의 1로 줄이고도 정확도를 잃지 않았습니다 (프루닝 → 재학습 반복). 같은 일을 해 봅시다:
# 50% → 75% → 87.5% → 92%로 점점 프루닝하고 단계마다 2에폭씩 학습합니다. 92%면 편향까지 합친 전체 파라미터의 8.3% 이하만
# 남습니다 (12배 압축).

# %% [markdown] lang="en"
# Cutting the same share everywhere also cuts the sensitive `conv1` and `fc`, so accuracy falls much sooner. Global
# pruning takes most of its zeros from the insensitive `conv3`.
#
# ## A small reproduction of Han et al. (2015): 12× compression
#
# Han et al. (2015) shrank LeNet's weights 12× without losing accuracy, by repeatedly pruning and retraining. Let us do
# the same: prune gradually 50% → 75% → 87.5% → 92%, training 2 epochs after each step. At 92%, at most 8.3% of all
# parameters, biases included, remain (12× compression).

# %%
pruned, steps = ph.iterative_pruning(dense, data, [0.5, 0.75, 0.875, 0.92], epochs_per_step=2)
kept = ph.weights_kept(pruned)
change = steps[-1] - dense_accuracy
print(ph.t("result.compression", dense=dense_accuracy, pruned=steps[-1], change=change, kept=kept, ratio=1 / kept))
print(ph.t("result.target", met=1 / kept >= 12 and change >= -0.5))
ph.sparsity_report(pruned)

# %% [markdown] lang="ko"
# 12배로 압축했는데 정확도는 밀집 모델과 같은 수준입니다 (시험 이미지 360장에서 1장이 0.28점입니다). **하지만 정직하게
# 말하면**, 이것은 마스크의 0입니다. 파일도 그대로이고 (07 수업), 계산도 빨라지지 않습니다 (10 수업). 정확도를 지키며 0을
# 많이 만들 수 있다는 것과, 그것이 작고 빠른 모델이 되는 것은 다른 이야기입니다.
#
# ## 정리
#
# - `load_digits`로 작은 CNN을 CPU에서 몇 초 만에 학습하고, 시드와 스레드 수를 고정해 같은 결과를 얻었습니다.
# - 층마다 민감도가 다릅니다: 가중치가 적은 층(`conv1`, `fc`)이 약하고 큰 층(`conv3`)은 강합니다.
# - 한 번에 많이 없애면 미세 조정이 꼭 필요하고, 반복 프루닝이 높은 희소성에서 가장 안정적입니다.
# - 같은 양을 없애면 비정형이 정확도를 더 잘 지키지만, 구조적 프루닝만 층을 실제로 줄입니다.
# - 12배 압축(남은 파라미터 8.3% 이하)에서도 정확도가 0.5점 안으로 유지되었습니다. 다만 마스크만으로는 작아지지도
#   빨라지지도 않습니다.
#
# ## 연습 문제
#
# **09-1.** 파라미터의 8.3%만 남기면 몇 배 압축인가요? 정수로 답하세요.

# %% [markdown] lang="en"
# 12× compression, and accuracy stays at the dense level (one of the 360 test images is 0.28 points). **But, honestly**,
# these are zeros in masks: the file is no smaller (lesson 07) and nothing runs faster (lesson 10). Being able to zero
# most weights without losing accuracy is one thing; turning that into a small, fast model is another.
#
# ## Summary
#
# - A small CNN trains on `load_digits` in seconds on a CPU; a fixed seed and thread count make it reproducible.
# - Layers differ in sensitivity: small layers (`conv1`, `fc`) are fragile, the big `conv3` is robust.
# - Pruning a lot at once needs fine-tuning; iterative pruning is the steadiest at high sparsity.
# - For the same amount removed, unstructured pruning keeps accuracy better, but only structured pruning really
#   shrinks layers.
# - At 12× compression (at most 8.3% of parameters kept) accuracy stayed within 0.5 points. Masks alone, though, make
#   the model neither smaller nor faster.
#
# ## Exercises
#
# **09-1.** Keeping 8.3% of the parameters is how many times compression? Answer with an integer.

# %%
ph.check("09-1", answer=None)

# %% [markdown] lang="ko"
# **09-2.** `ph.small_cnn()`에서 가중치가 가장 적은 층의 이름은 무엇인가요? (위의 민감도 검사와 비교해 보세요.)

# %% [markdown] lang="en"
# **09-2.** Which layer of `ph.small_cnn()` has the fewest weights? (Compare with the sensitivity scan above.)

# %%
ph.check("09-2", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 드디어 "프루닝하면 정말 빨라질까?"를 잽니다.

# %% [markdown] lang="en"
# Next: measuring whether pruning really makes anything faster.
