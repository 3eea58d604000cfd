# %% [markdown] lang="ko"
# # 10. 프루닝하면 정말 빨라질까?
#
# 09 수업에서 가중치의 92%를 0으로 만들어도 정확도가 유지되는 것을 봤습니다. 그러면 모델이 12배 빨라지고 12배 작아질까요?
# 이번 수업에서는 같은 모델을 여러 형태로 만들어 **직접 잽니다**: 마스크만 씌운 모델, `prune.remove`한 모델, 필터를 실제로
# 잘라 낸 모델, 그리고 기준으로 쓰는 Torch-Pruning 라이브러리의 결과.
#
# **배울 것**
# - `torch.utils.benchmark`로 공정하게 재기 (예열, 반복, 중앙값, 번갈아 재기)
# - 마스크는 모델을 **느리게** 만들고, `prune.remove`는 속도를 되돌릴 뿐이라는 것
# - 구조적 프루닝 + 물리적 압축(`ph.compact`)만이 빨라진다는 것, 그리고 FLOP 수가 그 한계라는 것
# - 파일 크기: 밀집, 마스크, remove, 압축, 비트마스크, 압축된 모델
# - 희소 행렬 커널(CSR)이 도움이 될 때와 안 될 때, GPU의 2:4 반정형 희소성

# %% [markdown] lang="en"
# # 10. Does pruning make it faster or smaller?
#
# Lesson 09 zeroed 92% of the weights and kept the accuracy. Does the model become 12× faster and 12× smaller? This
# lesson builds the same model in several forms and **measures**: masked, after `prune.remove`, with filters physically
# cut out, and the result of the Torch-Pruning library as a reference.
#
# **You will learn**
# - measuring fairly with `torch.utils.benchmark` (warm-up, repeats, medians, interleaving)
# - that masks make a model **slower**, and `prune.remove` only restores the original speed
# - that only structured pruning plus physical compaction (`ph.compact`) is faster, with the FLOP count as its limit
# - file sizes: dense, masked, removed, compressed, bitmask, compacted
# - when sparse kernels (CSR) help and when they do not, and 2:4 semi-structured sparsity on GPUs

# %%
import copy
import warnings

import torch
from torch.nn.utils import prune
from torch.utils import benchmark

import prune_helpers as ph

ph.start_lesson()

# %% [markdown] lang="ko"
# ## 비교할 모델들
#
# 속도는 가중치의 값과 상관없으므로 학습하지 않은 `ph.small_cnn()`을 씁니다. `ph.prune_filters(model, 0.5)`는 모든 합성곱에
# `prune.ln_structured(..., dim=0)`로 필터의 절반을 가리고, 04 수업에서 배운 대로 같은 필터의 편향도 `custom_from_mask`로
# 가립니다. `ph.compact`는 빈 필터를 잘라 낸 새 모델을 만듭니다. 기준으로 Torch-Pruning의 `DependencyGraph`로도 같은 채널을
# 잘라 냅니다.

# %% [markdown] lang="en"
# ## The models to compare
#
# Speed does not depend on the weights' values, so an untrained `ph.small_cnn()` will do. `ph.prune_filters(model, 0.5)`
# masks half the filters of every convolution with `prune.ln_structured(..., dim=0)` and, as lesson 04 taught, the same
# filters' biases with `custom_from_mask`. `ph.compact` builds a new model with the empty filters cut out. As a
# reference, Torch-Pruning's `DependencyGraph` cuts the same channels.

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
models = {"dense": dense, "masked": masked, "removed": removed, "compact 50%": compact_50,
          "compact 75%": compact_75, "Torch-Pruning 50%": torch_pruning_50}
for name, model in models.items():
    stored = sum(p.numel() for p in model.parameters())
    nonzero = sum(int(t.count_nonzero()) for t in ph.removed_state(model.state_dict()).values())
    print(f"{name:<18} stored {stored:>6,}  nonzero {nonzero:>6,}  FLOPs {ph.flops(model, example):>9,}")

# %% [markdown] lang="ko"
# 마스크를 씌운 모델과 `remove`한 모델은 0이 아닌 값이 줄었지만 **저장하는 값과 FLOP는 그대로**입니다. PyTorch는 0도
# 똑같이 곱하기 때문입니다 (`FlopCounterMode`도 0을 셉니다). 잘라 낸 모델만 FLOP가 줄었습니다: 합성곱의 입력과 출력 채널이
# 모두 절반이 되어 약 4분의 1입니다. Torch-Pruning은 파라미터 수까지 똑같은 모델을 만들었습니다.
#
# ## 속도 재기
#
# `ph.speed_table`은 `torch.utils.benchmark.Timer`로 각 모델을 예열한 뒤, 모든 모델을 한 번씩 번갈아 재는 라운드를
# 3번 반복하고 중앙값을 씁니다. 배치 1(한 장씩 추론)과 배치 256(한꺼번에 추론)을 잽니다. 오른쪽 끝 열은 FLOP 감소
# 비율, 즉 빨라질 수 있는 이론상 한계입니다.
#
# **시간은 컴퓨터와 그 순간의 부하에 따라 달라지므로 자동 검사는 이 셀을 비교하지 않습니다.** 아래 저장된 출력은 2코어
# CPU, 스레드 1개에서 잰 값입니다. 여러분의 컴퓨터에서 다시 실행해 보세요.

# %% [markdown] lang="en"
# The masked and removed models have fewer nonzeros but **store and compute exactly as much**: PyTorch multiplies by zero
# like any other number (`FlopCounterMode` counts those zeros too). Only the compacted models have fewer FLOPs: every
# convolution lost half its inputs and half its outputs, about a quarter of the work. Torch-Pruning built a model with
# the very same parameter count.
#
# ## Measuring speed
#
# `ph.speed_table` warms each model up with `torch.utils.benchmark.Timer`, then runs 3 rounds that time every model once,
# in turn, and reports medians. Batch 1 (one image at a time) and batch 256 (many at once). The last column is the FLOP
# ratio: the theoretical limit of any speed-up.
#
# **Timings depend on the machine and its load, so the automatic check does not compare this cell.** The stored output
# was measured on a 2-core CPU with one thread. Run it again on yours.

# %% tags=["nbval-ignore-output"]
ph.speed_table(models, (1, 8, 8), batch_sizes=(1, 256), rounds=3)

# %% [markdown] lang="ko"
# 여기서 잰 결과 (2코어 CPU, 스레드 1개):
# - **마스크는 느립니다**: 배치 1에서 밀집 모델의 약 0.7배 속도입니다. 순전파마다 훅이 `weight_orig * weight_mask`를 다시
#   곱하기 때문입니다.
# - **`prune.remove`는 원래 속도로 돌려놓을 뿐입니다**: 모양이 같으니 계산량도 같습니다. 배치 256에서 약 10% 빠르게 나오는
#   것은 합성곱 때문이 아닙니다. 프로파일러로 보면 합성곱 시간은 같고, 모두 0인 채널에서 ReLU와 최대 풀링이 조금 빨리
#   도는 것뿐입니다.
# - **잘라 낸 모델만 빨라집니다**: 필터 50%를 잘라 내면 배치 256에서 약 2.7–3.6배, 75%면 약 6.5–8.4배입니다 (여러 번 잰 범위). FLOP 한계(약 4배,
#   약 15.6배)에 못 미치는 것은 풀링, 활성화, 메모리 이동처럼 FLOP로 세지 않는 일이 있기 때문입니다. 배치 1에서는 호출
#   비용이 커서 이득이 작습니다 (약 1.7배).
# - Torch-Pruning의 모델은 구조가 같으므로 속도도 측정 오차 안에서 같습니다.

# %% [markdown] lang="en"
# What was measured here (2-core CPU, one thread):
# - **Masks are slower**: about 0.7× the dense speed at batch 1, because the hook multiplies `weight_orig * weight_mask`
#   before every forward pass.
# - **`prune.remove` only restores the original speed**: same shapes, same work. The ~10% gain at batch 256 does not come
#   from the convolutions: the profiler shows them taking the same time; ReLU and max-pooling simply run a little faster
#   over channels that are all zeros.
# - **Only the compacted models are faster**: cutting 50% of the filters gives about 2.7–3.6× at batch 256, 75% about 6.5–8.4× (the range over several runs).
#   They stay below the FLOP limits (about 4× and 15.6×) because pooling, activations and memory traffic are not counted
#   as FLOPs. At batch 1 call overhead dominates and the gain is smaller (about 1.7×).
# - Torch-Pruning's model has the same structure, so the same speed within noise.

# %% [markdown] lang="ko"
# ## 파일 크기
#
# 이번에는 비정형 프루닝으로 가중치의 90%를 없앤 모델입니다. 07 수업의 여섯 가지 저장 방식에, 필터를 잘라 낸 모델의 크기를
# 더해 비교합니다.

# %% [markdown] lang="en"
# ## File size
#
# Now a model with 90% of its weights removed by unstructured pruning. Compare lesson 07's six formats, plus the size of
# the compacted models.

# %%
unstructured_90 = ph.prune_globally(copy.deepcopy(dense), 0.9)
print(ph.checkpoint_sizes(unstructured_90))
dense_bytes = ph.serialized_size(dense.state_dict())
for name in ("compact 50%", "compact 75%"):
    size = ph.serialized_size(models[name].state_dict())
    print(f"{name:<12} {size:>8,} bytes  {dense_bytes / size:.2f}× smaller")

# %% [markdown] lang="ko"
# 마스크를 포함한 체크포인트는 두 배로 **커지고**, `remove`해도 그대로이며, 압축(zlib)해야 약 6배, 비트마스크 + fp32 값으로 약
# 7배(한계 7.5배), fp16 값이면 10배 넘게 작아집니다. 필터를 잘라 낸 모델은 특별한 형식 없이도 평범한 체크포인트 그대로 작습니다.
#
# ## 희소 행렬 커널: 언제 도움이 되나
#
# 비정형 프루닝의 0을 건너뛰는 방법도 있습니다: 0이 아닌 값만 저장하는 희소 행렬 형식(CSR)과 그 곱셈 커널입니다.
# 2048 × 2048 가중치에 입력 64개를 곱하는 시간을 희소성에 따라 잽니다. (PyTorch의 CSR 지원은 아직 베타라서 경고를 끕니다.
# 시간은 자동 검사에서 비교하지 않습니다.)

# %% [markdown] lang="en"
# A checkpoint with masks **grows** twice as large, stays dense-sized after `remove`, and shrinks about 6× with zlib, about
# 7× as bitmask + fp32 values (limit 7.5×), and over 10× with fp16 values. The compacted models are small as plain
# checkpoints, with no special format.
#
# ## Sparse kernels: when do they help?
#
# Unstructured zeros can be skipped too: a sparse format (CSR) stores only the nonzeros, with its own multiplication
# kernel. Time a 2048 × 2048 weight times 64 inputs at several sparsities. (PyTorch's CSR support is still beta, so its
# warning is silenced. Timings are not compared by the automatic check.)

# %% tags=["nbval-ignore-output"]
warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")
weight = torch.randn(2048, 2048)
inputs = torch.randn(2048, 64)
for sparsity in (0.5, 0.9, 0.99):
    w = weight * (torch.rand_like(weight) >= sparsity)
    csr = w.to_sparse_csr()
    dense_ms = benchmark.Timer("w @ x", globals={"w": w, "x": inputs}).blocked_autorange(min_run_time=0.2).median * 1e3
    csr_ms = benchmark.Timer("w @ x", globals={"w": csr, "x": inputs}).blocked_autorange(min_run_time=0.2).median * 1e3
    print(f"sparsity {sparsity:.0%}: dense {dense_ms:6.2f} ms  CSR {csr_ms:6.2f} ms  -> {dense_ms / csr_ms:5.2f}×")

# %% [markdown] lang="ko"
# 여기서 잰 결과: 50%에서는 CSR이 밀집 곱셈보다 **2배 이상 느리고**, 90%에서 약 2배, 99%에서야 약 20배 빨라졌습니다.
# 밀집 곱셈은 고도로 최적화되어 있어서, 0을 건너뛰는 이득이 색인을 따라가는 비용을 넘으려면 0이 아주 많아야 합니다.
# 게다가 합성곱은 이 방식으로 바로 빨라지지 않습니다.
#
# ## GPU의 2:4 반정형 희소성
#
# 08 수업의 2:4 무늬는 최신 NVIDIA GPU(compute capability 8.0 이상)에 전용 커널이 있습니다. 이 셀은 그런 GPU가 있을 때만
# fp16 행렬 곱을 밀집과 2:4로 비교하고, 없으면 왜 건너뛰는지 알려 줍니다. (컴퓨터마다 출력이 달라서 자동 검사에서
# 비교하지 않습니다.)

# %% [markdown] lang="en"
# Measured here: at 50% CSR is **over 2× slower** than the dense product, about 2× faster at 90%, and only at 99% about
# 20× faster. Dense multiplication is highly optimised; skipping zeros only pays once there are so many that it
# outweighs following the indices. And convolutions do not get faster this way at all.
#
# ## 2:4 semi-structured sparsity on GPUs
#
# Lesson 08's 2:4 pattern has dedicated kernels on recent NVIDIA GPUs (compute capability 8.0 or higher). This cell
# compares a dense and a 2:4 fp16 matrix product only when such a GPU is present, and otherwise says why it skips.
# (Its output differs between machines, so the automatic check does not compare it.)

# %% tags=["nbval-ignore-output"]
device = ph.best_device()[0]
if device.type == "cuda" and torch.cuda.get_device_capability() >= (8, 0):
    from torch.sparse import to_sparse_semi_structured

    pattern = torch.tensor([0, 0, 1, 1], dtype=torch.float16, device=device).tile((4096, 1024))
    a = torch.randn(4096, 4096, dtype=torch.float16, device=device) * pattern
    b = torch.randn(4096, 4096, dtype=torch.float16, device=device)
    try:
        a_sparse = to_sparse_semi_structured(a)
        dense_ms = benchmark.Timer("a @ b", globals={"a": a, "b": b}).blocked_autorange(min_run_time=0.5).median * 1e3
        sparse_ms = benchmark.Timer("a @ b", globals={"a": a_sparse, "b": b}).blocked_autorange(min_run_time=0.5).median * 1e3
        print(ph.t("semi.result", device=torch.cuda.get_device_name(), dense=dense_ms, sparse=sparse_ms,
                   ratio=dense_ms / sparse_ms))
    except (RuntimeError, NotImplementedError) as error:
        print(type(error).__name__, error)
else:
    print(ph.t("semi.skip"))

# %% [markdown] lang="ko"
# ## 정리
#
# - 마스크만 씌운 모델은 **더 느립니다** (배치 1에서 약 0.7배). `prune.remove`는 원래 속도로 돌려놓을 뿐이고, 파일도 그대로입니다.
# - 구조적으로 프루닝하고 채널을 **물리적으로 잘라 내야** 빨라지고 작아집니다: 필터 50%에서 배치 256 기준 약 3배.
#   FLOP 감소가 그 한계입니다. `ph.compact`의 결과는 Torch-Pruning과 같습니다.
# - 비정형 프루닝의 0은 저장 형식(비트마스크 + 값)을 바꿔야 파일이 작아지고, 희소 커널은 99% 같은 아주 높은 희소성에서만
#   빨라집니다. 2:4 반정형 희소성은 지원하는 GPU에서만 빨라집니다.
# - 속도는 중앙값으로, 같은 실행 안에서 번갈아 잰 비율로 비교하세요.
#
# ## 연습 문제
#
# **10-1.** 합성곱 층의 입력 채널과 출력 채널을 모두 절반으로 줄이면 FLOP는 몇 분의 1이 되나요? 정수로 답하세요 (예: 3분의 1이면 3).

# %% [markdown] lang="en"
# ## Summary
#
# - A masked model is **slower** (about 0.7× at batch 1). `prune.remove` only restores the original speed, and the file
#   stays the same size.
# - Speed and size come only from structured pruning plus **physically removing** channels: about 3× at batch 256 for
#   50% of the filters, bounded by the FLOP reduction. `ph.compact` matches Torch-Pruning.
# - Unstructured zeros shrink a file only with another storage format (bitmask + values), and sparse kernels pay off only
#   at very high sparsity such as 99%. 2:4 semi-structured sparsity is faster only on GPUs that support it.
# - Compare speed by medians, and by ratios measured in the same run, interleaved.
#
# ## Exercises
#
# **10-1.** Halving both the input and the output channels of a convolution divides its FLOPs by what? Answer with an
# integer (3 for a third).

# %%
ph.check("10-1", answer=None)

# %% [markdown] lang="ko"
# **10-2.** float32 가중치 하나는 0이든 아니든 체크포인트에서 몇 바이트를 차지하나요?

# %% [markdown] lang="en"
# **10-2.** How many bytes does one float32 weight take in a checkpoint, zero or not?

# %%
ph.check("10-2", answer=None)

# %% [markdown] lang="ko"
# 마지막 수업에서는 지금까지 만난 함정을 한자리에 모아 고치고, 다음에 공부할 것을 소개합니다.

# %% [markdown] lang="en"
# The last lesson gathers every trap met so far, fixes each one, and points to what to learn next.
