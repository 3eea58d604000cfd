# %% [markdown] lang="ko"
# # 프루닝하면 정말 빨라지거나 작아질까?
#
# [[lesson:real_model]]에서 [[pruning]]으로 [[weight]]의 92%를 0으로 만들어도 정확도가 유지되는 것을 봤습니다. 그러면 모델이 12배 빨라지고 12배 작아질까요?
# 이번 수업에서는 같은 모델을 여러 형태로 만들어 **직접 잽니다**. [[mask]]만 씌운 모델, `prune.remove`한 모델, [[filter]]를
# 실제로 잘라 낸 모델, 그리고 기준이 되는 Torch-Pruning 라이브러리의 결과를 비교합니다.
#
# **배울 것**
# - `torch.utils.benchmark`로 공정하게 재기 (예열, 반복, 중앙값, 번갈아 재기)
# - 마스크는 모델을 **느리게** 만들고, `prune.remove`는 속도를 되돌릴 뿐이라는 것
# - [[structured]]에 이어 `ph.compact`로 [[compaction]]해야만 빨라진다는 것, 그리고 FLOP 수가 그 한계라는 것
# - 파일 크기: [[dense]], 마스크, remove, zlib 압축, 비트마스크, 잘라 낸 모델
# - 잘라 낸 모델을 저장하고 다시 불러오기 (채널 수를 함께 저장하거나 `torch.export`로), 그리고 `weights_only=True`가 통째로
#   저장한 모델을 거부하는 이유
# - CSR 희소 행렬의 [[compute-kernel]]이 도움이 될 때와 안 될 때, GPU의 2:4 [[semi-structured]]

# %% [markdown] lang="en"
# # Does pruning make it faster or smaller?
#
# [[Lesson:real_model]] zeroed 92% of the weights and kept the accuracy. Does the model become 12× faster and 12× smaller? This
# lesson builds the same model in several forms and **measures**: masked, after `prune.remove`, with filters physically
# cut out, and the result of the Torch-Pruning library as a reference.
#
# **You will learn**
# - measuring fairly with `torch.utils.benchmark` (warm-up, repeats, medians, interleaving)
# - that masks make a model **slower**, and `prune.remove` only restores the original speed
# - that only structured pruning plus physical compaction (`ph.compact`) is faster, with the FLOP count as its limit
# - file sizes: dense, masked, removed, compressed, bitmask, compacted
# - saving and reloading a compacted model (with its channel counts, or with `torch.export`), and why
#   `weights_only=True` refuses a whole pickled model
# - when sparse kernels (CSR) help and when they do not, and 2:4 semi-structured sparsity on GPUs

# %% tags=["device-dependent"]
import copy
import warnings

import torch
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 비교할 모델들
#
# 속도는 가중치의 값과 상관없으므로 학습하지 않은 `ph.small_cnn()`을 씁니다. `ph.prune_filters(model, 0.5)`는 모든 [[convolution]]에서
# `prune.ln_structured(..., dim=0)`로 필터의 절반에 마스크를 씌우고, [[lesson:structured]]에서 배운 대로 같은 필터의 [[bias]]에도
# `custom_from_mask`로 마스크를 씌웁니다. `ph.compact`는 빈 필터를 잘라 낸 새 모델을 만듭니다. 기준으로 Torch-Pruning의 `DependencyGraph`로도 같은 채널을
# 잘라 냅니다. 이 수업의 속도와 크기는 일부러 **CPU에서** 잽니다. 학습자의 노트북 컴퓨터처럼 GPU 없이 모델을 돌리는
# 곳에서 프루닝이 무엇을 바꾸는지 보려는 것이고, 이렇게 작은 모델은 GPU에서 계산보다 호출 비용이 커서 차이가 보이지
# 않습니다. GPU에서만 의미가 있는 2:4 [[sparsity]]은 끝에서 `device`로 잽니다.

# %% [markdown] lang="en"
# ## The models to compare
#
# Speed does not depend on the weights' values, so an untrained `ph.small_cnn()` will do. `ph.prune_filters(model, 0.5)`
# masks half the filters of every convolution with `prune.ln_structured(..., dim=0)` and, as [[lesson:structured]] taught, the same
# filters' biases with `custom_from_mask`. `ph.compact` builds a new model with the empty filters cut out. As a
# reference, Torch-Pruning's `DependencyGraph` cuts the same channels. This lesson measures speed and size **on the
# CPU** on purpose: that is where a learner's laptop runs a model without a GPU, and on a GPU models this small are
# dominated by call overhead, which hides any difference. 2:4 sparsity, which only pays on a GPU, is timed on `device`
# at the end.

# %%
dense = ph.small_cnn()
masked = ph.prune_filters(copy.deepcopy(dense), 0.5)
example = torch.randn(8, 1, 8, 8)
with torch.no_grad():
    masked(example)
removed = copy.deepcopy(masked)
for module in removed.modules():
    for name in ("weight", "bias"):
        if hasattr(module, name + "_mask"):
            prune.remove(module, name)

# %%
compact_50 = ph.compact(masked)
compact_75 = ph.compact(ph.prune_filters(copy.deepcopy(dense), 0.75))
torch_pruning_50 = ph.compact_with_torch_pruning(masked, example)
print(compact_50)

# %% [markdown] lang="ko"
# 잘라 낸 모델은 마스크를 씌운 모델과 같은 값을 계산해야 합니다. Torch-Pruning의 결과와도 같아야 합니다.

# %% [markdown] lang="en"
# The compacted model must compute the same values as the masked one, and match Torch-Pruning's result.

# %%
with torch.no_grad():
    print(torch.allclose(compact_50(example), masked(example), atol=1e-5))
    print(torch.allclose(torch_pruning_50(example), compact_50(example), atol=1e-5))
models = {ph.t("model.dense"): dense, ph.t("model.masked"): masked, ph.t("model.removed"): removed,
          ph.t("model.compact", share="50%"): compact_50, ph.t("model.compact", share="75%"): compact_75,
          "Torch-Pruning 50%": torch_pruning_50}
for name, model in models.items():
    stored = sum(p.numel() for p in model.parameters())
    nonzero = sum(int(t.count_nonzero()) for t in ph.removed_state(model.state_dict()).values())
    print(f"{name:<18}", ph.t("out.model_counts", stored=stored, nonzero=nonzero, flops=ph.flops(model, example)))

# %% [markdown] lang="ko"
# 마스크를 씌운 모델과 `remove`한 모델은 0이 아닌 값이 줄었지만 **저장하는 값과 FLOP는 그대로**입니다. PyTorch는 0도
# 똑같이 곱하기 때문입니다 (`FlopCounterMode`도 0을 셉니다). 잘라 낸 모델만 FLOP가 줄었습니다. `conv2`와 `conv3`는
# [[in-channel]]과 [[out-channel]]이 모두 절반이 되어 계산이 약 4분의 1이 됩니다 (`conv1`은 입력이 하나뿐이라 출력만
# 절반이 됩니다). Torch-Pruning은 [[parameter]] 수까지 똑같은 모델을 만들었습니다.
#
# ## 속도 재기
#
# `ph.speed_table`은 `torch.utils.benchmark.Timer`로 각 모델을 예열한 뒤, 모든 모델을 한 번씩 번갈아 재는 라운드를
# 7번 반복하고 중앙값을 씁니다. "범위" 열은 라운드마다의 최솟값과 최댓값입니다. 두 모델의 범위가 겹치면 그 차이는 측정
# 잡음보다 크다고 말할 수 없습니다. 배치 1(한 장씩 추론)과 배치 256(한꺼번에 추론)을 잽니다. 오른쪽 끝 열은 FLOP 감소
# 비율, 즉 빨라질 수 있는 이론상 한계입니다.
#
# **시간은 컴퓨터와 그 순간의 부하에 따라 달라지므로 자동 검사는 이 셀을 비교하지 않습니다.** 아래 저장된 출력은 2코어
# CPU, 스레드 1개에서 잰 값입니다. 여러분의 컴퓨터에서 다시 실행해 보세요.

# %% [markdown] lang="en"
# The masked and removed models have fewer nonzeros but **store and compute exactly as much**: PyTorch multiplies by zero
# like any other number (`FlopCounterMode` counts those zeros too). Only the compacted models have fewer FLOPs: `conv2`
# and `conv3` lost half their inputs and half their outputs, so their work drops to about a quarter (`conv1` has a single input,
# so only its outputs were halved). Torch-Pruning built a model with
# the very same parameter count.
#
# ## Measuring speed
#
# `ph.speed_table` warms each model up with `torch.utils.benchmark.Timer`, then runs 7 rounds that time every model once,
# in turn, and reports medians. The min–max column gives the fastest and slowest round: where two models' spreads
# overlap, their difference is not larger than the measurement noise. Batch 1 (one image at a time) and batch 256 (many at once). The last column is the FLOP
# ratio: the theoretical limit of any speed-up.
#
# **Timings depend on the machine and its load, so the automatic check does not compare this cell.** The stored output
# was measured on a 2-core CPU with one thread. Run it again on yours.

# %% tags=["nbval-ignore-output"]
ph.speed_table(models, (1, 8, 8), batch_sizes=(1, 256), rounds=7)

# %% [markdown] lang="ko"
# 여기서 잰 결과 (2코어 CPU, 스레드 1개):
# - **마스크는 느립니다**: 배치 1에서 밀집 모델의 약 0.7배 속도입니다. [[forward]]마다 [[hook]]이 `weight_orig * weight_mask`를 다시
#   곱하기 때문입니다.
# - **`prune.remove`는 원래 속도로 돌려놓을 뿐입니다**: 모양이 같으니 계산량도 같습니다. 배치 256에서 밀집 모델보다 조금
#   빠르게 나올 때가 있지만 합성곱 때문이 아닙니다. 프로파일러로 보면 합성곱과 ReLU의 시간은 같고, 차이는 모두 0인 채널을
#   지나는 최대 풀링에서 납니다. 범위가 겹치면 잡음으로 보세요.
# - **잘라 낸 모델만 빨라집니다**: 필터 50%를 잘라 내면 배치 256에서 약 2.7–3.8배, 75%면 약 6.5–9배입니다 (여러 번 잰 범위). FLOP 한계(약 4배,
#   약 15.6배)에 못 미치는 것은 풀링, 활성화, 메모리 이동처럼 FLOP로 세지 않는 일이 있기 때문입니다. 배치 1에서는 호출
#   비용이 커서 이득이 작습니다 (약 1.7–2.2배).
# - Torch-Pruning의 모델은 구조가 같으므로 속도도 측정 오차 안에서 같습니다.

# %% [markdown] lang="en"
# What was measured here (2-core CPU, one thread):
# - **Masks are slower**: about 0.7× the dense speed at batch 1, because the hook multiplies `weight_orig * weight_mask`
#   before every forward pass.
# - **`prune.remove` only restores the original speed**: same shapes, same work. When it shows up slightly faster than
#   dense at batch 256, the convolutions are not why: profiled, convolutions and ReLU take the same time, and the
#   difference sits in max-pooling over channels that are all zeros. Where the spreads overlap, read it as noise.
# - **Only the compacted models are faster**: cutting 50% of the filters gives about 2.7–3.8× at batch 256, 75% about 6.5–9× (the range over several runs).
#   They stay below the FLOP limits (about 4× and 15.6×) because pooling, activations and memory traffic are not counted
#   as FLOPs. At batch 1 call overhead dominates and the gain is smaller (about 1.7–2.2×).
# - Torch-Pruning's model has the same structure, so the same speed within noise.

# %% [markdown] lang="ko"
# ## 파일 크기
#
# 이번에는 [[unstructured]]으로 가중치의 90%를 없앤 모델입니다. [[lesson:remove_and_save]]의 여섯 가지 저장 방식에, 필터를 잘라 낸 모델의 크기를
# 더해 비교합니다.

# %% [markdown] lang="en"
# ## File size
#
# Now a model with 90% of its weights removed by unstructured pruning. Compare [[lesson:remove_and_save]]'s six formats, plus the size of
# the compacted models.

# %%
unstructured_90 = ph.prune_globally(copy.deepcopy(dense), 0.9)
print(ph.checkpoint_sizes(unstructured_90))
dense_bytes = ph.serialized_size(dense.state_dict())
for share, model in (("50%", compact_50), ("75%", compact_75)):
    size = ph.serialized_size(model.state_dict())
    print(f"{ph.t('model.compact', share=share):<12}", ph.t("out.compact_size", size=size, ratio=dense_bytes / size))

# %% [markdown] lang="ko"
# 마스크를 포함한 [[checkpoint]]는 두 배로 **커지고**, `remove`하면 밀집 모델과 같은 크기로 돌아오며, zlib으로 압축하면
# 약 6배, 비트마스크 + fp32 값으로 약 7배(한계 7.5배), fp16 값이면 10배 넘게 작아집니다. 필터를 잘라 낸 모델은 특별한 형식 없이도 평범한 체크포인트 그대로 작습니다.

# %% [markdown] lang="en"
# A checkpoint with masks **grows** twice as large, stays dense-sized after `remove`, and shrinks about 6× with zlib, about
# 7× as bitmask + fp32 values (limit 7.5×), and over 10× with fp16 values. The compacted models are small as plain
# checkpoints, with no special format.

# %% [markdown] lang="ko"
# ## 잘라 낸 모델을 저장하고 다시 불러오기
#
# 잘라 낸 모델은 평범한 체크포인트로 작게 저장되지만, 다시 불러올 때 함정이 있습니다. `state_dict`에는 [[tensor]]만 있고
# 층을 어떤 모양으로 만들어야 하는지는 없습니다. **고장:** 원래 클래스로 만든 새 모델(`ph.small_cnn()`)에 불러오면 층마다
# 모양이 맞지 않는다는 오류가 납니다. (두 번째 셀은 일부러 실패합니다.)

# %% [markdown] lang="en"
# ## Saving and reloading a compacted model
#
# A compacted model saves small as a plain checkpoint, but loading it back has a trap: a `state_dict` holds tensors,
# not how to build the layers. **Broken:** loading it into a fresh model of the original class (`ph.small_cnn()`)
# fails with a size mismatch in every layer. (The second cell fails on purpose.)

# %%
import shutil
import tempfile
from pathlib import Path

folder = Path(tempfile.mkdtemp())
torch.save(compact_50.state_dict(), folder / "compact_50.pt")

# %% tags=["raises-exception"]
ph.small_cnn().load_state_dict(torch.load(folder / "compact_50.pt", weights_only=True))

# %% [markdown] lang="ko"
# **고침 1: 다시 만드는 데 필요한 것도 함께 저장합니다.** 합성곱마다 남은 [[out-channel]] 수를 `state_dict`와 함께 저장하고,
# 불러올 때는 그 수로 모델을 다시 만든 뒤 값을 넣습니다. 정수와 텐서만 든 딕셔너리라서 `weights_only=True`로 그대로
# 읽힙니다. `small_cnn_with`는 `ph.small_cnn()`의 합성곱과 마지막 `Linear`를 주어진 채널 수에 맞는 층으로 바꿔 끼우는 작은
# 함수입니다.

# %% [markdown] lang="en"
# **Fixed, way 1: save what rebuilding needs, too.** Save each convolution's number of output channels with the
# `state_dict`; to load, rebuild the model with those numbers, then load the values. A dict of ints and tensors reads
# fine with `weights_only=True`. `small_cnn_with` is a small function that swaps `ph.small_cnn()`'s convolutions and
# final `Linear` for layers with the given channel counts.

# %%
def small_cnn_with(channels):
    model = ph.small_cnn()
    inputs = 1
    for name, outputs in channels.items():
        setattr(model, name, torch.nn.Conv2d(inputs, outputs, 3, padding=1))
        inputs = outputs
    model.fc = torch.nn.Linear(inputs, 10)
    return model


channels = {name: layer.out_channels for name, layer in compact_50.named_children() if isinstance(layer, torch.nn.Conv2d)}
torch.save({"channels": channels, "state": compact_50.state_dict()}, folder / "compact_50.pt")
saved = torch.load(folder / "compact_50.pt", weights_only=True)
rebuilt = small_cnn_with(saved["channels"])
rebuilt.load_state_dict(saved["state"])
print(saved["channels"])
with torch.no_grad():
    print(torch.equal(rebuilt(example), compact_50(example)))

# %% [markdown] lang="ko"
# **이렇게는 하지 마세요: 모델 객체를 통째로 저장하기.** `torch.save(compact_50, ...)`는 모델 객체를 파이썬의 pickle로
# 통째로 저장하므로 층의 모양까지 담깁니다. 하지만 PyTorch 2.6부터 `torch.load`의 기본값이 `weights_only=True`라서 이
# 파일은 읽지 않고 거부합니다 (다음 셀은 일부러 실패합니다). 이것은 좋은 일입니다. pickle을 푸는 일은 파일에 적힌
# 파이썬 코드를 무엇이든 실행할 수 있는 일이라서, 남에게 받은 파일을 `weights_only=False`로 여는 것은 그 사람이 만든
# 프로그램을 실행하는 것과 같습니다. 게다가 이런 파일은 저장할 때 쓴 클래스 코드를 불러올 수 있는 곳에서만 열립니다.

# %% [markdown] lang="en"
# **Not like this: saving the whole model object.** `torch.save(compact_50, ...)` pickles the entire model object, so
# the layer shapes come along. But since PyTorch 2.6 `torch.load` defaults to `weights_only=True` and refuses such a
# file (the next cell fails on purpose). That is a good thing: unpickling can run any Python code written into the
# file, so opening someone else's file with `weights_only=False` means running their program. Such a file also opens
# only where the class code it was saved with can be imported.

# %%
torch.save(compact_50, folder / "whole_model.pt")

# %% tags=["raises-exception"]
torch.load(folder / "whole_model.pt")

# %% [markdown] lang="ko"
# **고침 2: 내보낸 프로그램으로 저장합니다.** `torch.export.export`는 모델이 하는 계산을 그래프로 기록하고,
# `torch.export.save`는 그 그래프를 가중치와 함께 저장합니다. 불러올 때 클래스 코드가 필요 없습니다. 예제 입력의 배치
# 크기 8이 그래프에 고정되지 않도록 첫 차원을 `torch.export.Dim`으로 열어 둡니다 (그러지 않으면 다른 배치 크기에서
# 실패합니다). 다만 PyTorch 문서가 경고하듯 `torch.export.load`도 안에서 pickle을 쓰므로, 믿을 수 있는 파일만 여세요.
# 마지막 줄은 이 수업에서 만든 임시 파일을 지웁니다.

# %% [markdown] lang="en"
# **Fixed, way 2: save an exported program.** `torch.export.export` records the model's computation as a graph, and
# `torch.export.save` stores that graph with the weights; loading needs no class code. The first dimension is declared
# dynamic with `torch.export.Dim`, so that the example's batch size of 8 is not baked into the graph (otherwise any
# other batch size fails). As PyTorch's documentation warns, `torch.export.load` uses pickle too: open only files you
# trust. The last line deletes the temporary files this lesson wrote.

# %%
program = torch.export.export(compact_50, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))
torch.export.save(program, folder / "compact_50.pt2")
loaded = torch.export.load(folder / "compact_50.pt2").module()
with torch.no_grad():
    print([torch.equal(loaded(x), compact_50(x)) for x in (example, example[:1], torch.randn(3, 1, 8, 8))])
shutil.rmtree(folder)

# %% [markdown] lang="ko"
# ## 희소 행렬 연산 커널: 언제 도움이 되나
#
# 비구조적 프루닝의 0을 건너뛰는 방법도 있습니다. 0이 아닌 값만 저장하는 희소 행렬 형식(CSR)과, 그 형식을 곱하는 전용
# 연산 커널입니다.
# 2048 × 2048 가중치에 입력 64개를 곱하는 시간을 희소성에 따라 잽니다. (PyTorch의 CSR 지원은 아직 베타라서 경고를 끕니다.
# 시간은 자동 검사에서 비교하지 않습니다.)

# %% [markdown] lang="en"
# ## Sparse kernels: when do they help?
#
# Unstructured zeros can be skipped too: a sparse format (CSR) stores only the nonzeros, with its own multiplication
# kernel. Time a 2048 × 2048 weight times 64 inputs at several sparsities. (PyTorch's CSR support is still beta, so its
# warning is silenced. Timings are not compared by the automatic check.)

# %% tags=["nbval-ignore-output"]
from torch.utils import benchmark  # here, not at the top: on a CUDA build without a GPU it warns on stderr

warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")
weight = torch.randn(2048, 2048)
inputs = torch.randn(2048, 64)
for sparsity in (0.5, 0.9, 0.99):
    w = weight * (torch.rand_like(weight) >= sparsity)
    csr = w.to_sparse_csr()
    dense_ms = benchmark.Timer("w @ x", globals={"w": w, "x": inputs}).blocked_autorange(min_run_time=0.2).median * 1e3
    csr_ms = benchmark.Timer("w @ x", globals={"w": csr, "x": inputs}).blocked_autorange(min_run_time=0.2).median * 1e3
    print(ph.t("out.csr", sparsity=sparsity, dense=dense_ms, csr=csr_ms, ratio=dense_ms / csr_ms))

# %% [markdown] lang="ko"
# 여기서 잰 결과, CSR은 희소성 50%에서 밀집 곱셈보다 **약 2배 느렸고**, 90%에서는 약 2–2.5배, 99%에서는 약 20배 이상 빨랐습니다.
# 밀집 곱셈은 고도로 최적화되어 있어서, 0을 건너뛰는 이득이 색인을 따라가는 비용을 넘으려면 0이 아주 많아야 합니다.
# 게다가 합성곱은 이 방식으로 바로 빨라지지 않습니다.
#
# ## GPU의 2:4 반구조적 희소성
#
# 연산 능력(compute capability)이 8.0 이상인 최신 NVIDIA GPU에는 [[lesson:custom]]의 2:4 무늬를 위한 전용 연산 커널이 있습니다. 첫 셀은
# 그런 GPU가 있을 때만 fp16 행렬을 2:4 압축 형식으로 바꾸고, 없으면 왜 건너뛰는지 알려 줍니다 (GPU에서는 출력이 달라서
# `device-dependent` 태그가 붙어 있습니다). 둘째 셀은 밀집과 2:4 행렬 곱의 시간을 잽니다. 시간은 컴퓨터마다 달라서 자동 검사에서
# 비교하지 않습니다.

# %% [markdown] lang="en"
# Measured here: at 50% CSR is **about 2× slower** than the dense product, about 2–2.5× faster at 90%, and only at 99%
# about 20× faster or more. Dense multiplication is highly optimised; skipping zeros only pays once there are so many that it
# outweighs following the indices. And convolutions do not get faster this way at all.
#
# ## 2:4 semi-structured sparsity on GPUs
#
# [[Lesson:custom]]'s 2:4 pattern has dedicated kernels on recent NVIDIA GPUs (compute capability 8.0 or higher). The first
# cell turns an fp16 matrix into the 2:4 compressed format only when such a GPU is present, and otherwise says why it
# skips (its output differs on a GPU, hence the `device-dependent` tag). The second times the dense and the 2:4 matrix
# product; timings differ between machines, so the automatic check does not compare them.

# %% tags=["device-dependent"]
has_2_4_kernels = device.type == "cuda" and torch.cuda.get_device_capability() >= (8, 0)
if has_2_4_kernels:
    from torch.sparse import to_sparse_semi_structured

    pattern = torch.tensor([0, 0, 1, 1], dtype=torch.float16, device=device).tile((4096, 1024))
    a = torch.randn(4096, 4096, dtype=torch.float16, device=device) * pattern
    b = torch.randn(4096, 4096, dtype=torch.float16, device=device)
    a_sparse = to_sparse_semi_structured(a)
    print(type(a_sparse).__name__)
else:
    print(ph.t("semi.skip"))

# %% tags=["nbval-ignore-output"]
def median_ms(x, y):
    return benchmark.Timer("x @ y", globals={"x": x, "y": y}).blocked_autorange(min_run_time=0.5).median * 1e3


if has_2_4_kernels:
    dense_ms, sparse_ms = median_ms(a, b), median_ms(a_sparse, b)
    print(ph.t("semi.result", device=torch.cuda.get_device_name(), dense=dense_ms, sparse=sparse_ms,
               ratio=dense_ms / sparse_ms))

# %% [markdown] lang="ko"
# ## 정리
#
# - 마스크만 씌운 모델은 **더 느립니다** (배치 1에서 약 0.7배). `prune.remove`는 원래 속도로 돌려놓을 뿐이고, 파일도 밀집 모델과 같은 크기입니다.
# - 구조적으로 프루닝하고 채널을 **물리적으로 잘라 내야** 빨라지고 작아집니다. 필터 50%를 잘라 내면 배치 256에서 약 3–4배입니다.
#   FLOP 감소가 그 한계입니다. `ph.compact`의 결과는 Torch-Pruning과 같습니다.
# - 비구조적 프루닝의 0은 저장 형식(비트마스크 + 값)을 바꿔야 파일이 작아지고, 희소 연산 커널은 99% 같은 아주 높은
#   희소성에서만 빨라집니다. 2:4 반구조적 희소성은 지원하는 GPU에서만 빨라집니다.
# - 잘라 낸 모델의 `state_dict`는 원래 클래스에 맞지 않습니다. 채널 수를 함께 저장해 다시 만들거나 `torch.export`로
#   저장하세요. 모델 객체를 통째로 저장하면 `torch.load`(기본값 `weights_only=True`)가 거부합니다. pickle을 푸는 일은
#   아무 코드나 실행할 수 있기 때문입니다.
# - 속도는 중앙값으로, 같은 실행 안에서 번갈아 잰 비율로 비교하세요.
#
# ## 연습 문제
#
# **[[exercise:1]].** 합성곱 층의 입력 채널과 출력 채널을 모두 절반으로 줄이면 FLOP는 몇 분의 1이 되나요? 정수로 답하세요 (예: 3분의 1이면 3).

# %% [markdown] lang="en"
# ## Summary
#
# - A masked model is **slower** (about 0.7× at batch 1). `prune.remove` only restores the original speed, and the file
#   stays the same size.
# - Speed and size come only from structured pruning plus **physically removing** channels: about 3–4× at batch 256 for
#   50% of the filters, bounded by the FLOP reduction. `ph.compact` matches Torch-Pruning.
# - Unstructured zeros shrink a file only with another storage format (bitmask + values), and sparse kernels pay off only
#   at very high sparsity such as 99%. 2:4 semi-structured sparsity is faster only on GPUs that support it.
# - A compacted `state_dict` no longer fits the original class: save the channel counts and rebuild, or save with
#   `torch.export`. A whole pickled model is refused by `torch.load` (default `weights_only=True`), because unpickling
#   can run any code.
# - Compare speed by medians, and by ratios measured in the same run, interleaved.
#
# ## Exercises
#
# **[[exercise:1]].** Halving both the input and the output channels of a convolution divides its FLOPs by what? Answer with an
# integer (3 for a third).

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** float32 가중치 하나는 0이든 아니든 체크포인트에서 몇 바이트를 차지하나요?

# %% [markdown] lang="en"
# **[[exercise:2]].** How many bytes does one float32 weight take in a checkpoint, zero or not?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 지금까지 만난 함정을 한자리에 모아 고치고, 다음에 공부할 것을 소개합니다.

# %% [markdown] lang="en"
# The next lesson gathers every trap met so far, fixes each one, and points to what to learn next.
