# %% [markdown] lang="ko"
# # 영구 적용과 저장
#
# [[pruning]]한 모델에는 `weight_orig`, `weight_mask`, [[hook]]이 붙어 있습니다. 학습이 끝나면 이것들을 정리하고 모델을 저장해야
# 합니다. 이때 많은 사람이 빠지는 함정이 몇 가지 있습니다. 하나씩 실제로 부딪혀 보고 고칩니다.
#
# **배울 것**
# - `prune.remove`로 프루닝을 영구히 적용하기 (모듈 하나씩), 모델 전체에 부를 때의 오류
# - `state_dict()`의 `_orig`/`_mask` 키, 저장 → 불러오기 왕복, 새 모델에 불러올 때의 함정과 올바른 방법 두 가지
# - 파일 크기 측정: [[mask]] 포함 파일은 **두 배 가까이 커지고**, 0을 저장하는 것만으로는 작아지지 않는다는 것
# - 프루닝한 모델에 `copy.deepcopy`를 쓸 때의 오류와 해결

# %% [markdown] lang="en"
# # Making it permanent and saving
#
# A pruned model carries `weight_orig`, `weight_mask` and hooks. Once training is done you clean them up and save the
# model. Several traps wait here; we run into each one for real and fix it.
#
# **You will learn**
# - making pruning permanent with `prune.remove` (one module at a time), and the error when calling it on a model
# - the `_orig`/`_mask` keys of `state_dict()`, a save → load round trip, the trap of loading into a fresh model and
#   two correct ways
# - measured file sizes: a file with masks is **almost twice as large**, and storing zeros alone makes nothing smaller
# - the error `copy.deepcopy` raises on a pruned model, and the fix

# %% tags=["device-dependent"]
import copy
import os
import shutil
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()
folder = Path(tempfile.mkdtemp())

# %% [markdown] lang="ko"
# ## `prune.remove`: 마스크를 가중치에 굳히기
#
# `prune.remove(module, "weight")`는 `weight = weight_orig * weight_mask`를 계산해 평범한 [[parameter]] `weight`로 저장하고,
# `weight_orig`, `weight_mask`, 훅을 지웁니다. 0은 **그대로** 남습니다. 되돌리는 것이 아니라 굳히는 것입니다.

# %% [markdown] lang="en"
# ## `prune.remove`: baking the mask into the weight
#
# `prune.remove(module, "weight")` computes `weight = weight_orig * weight_mask`, stores it as a plain parameter
# `weight`, and deletes `weight_orig`, `weight_mask` and the hook. The zeros **stay**: it makes pruning permanent,
# it does not undo it.

# %%
conv = nn.Conv2d(3, 2, 3)
prune.l1_unstructured(conv, name="weight", amount=0.5)
before = ph.snapshot(conv)
prune.remove(conv, "weight")
print([name for name, _ in conv.named_parameters()])
print([name for name, _ in conv.named_buffers()], len(conv._forward_pre_hooks), prune.is_pruned(conv))
print(ph.t("table.sparsity"), f"{ph.sparsity(conv.weight):.2f}")
ph.diff(before, ph.snapshot(conv))

# %% [markdown] lang="ko"
# `remove` 뒤에는 0을 0으로 붙잡아 둘 마스크가 없습니다. 0인 자리도 다시 [[gradient]]를 받으므로, 옵티마이저가 한 번만 움직여도
# 0이 사라집니다. 그래서 **[[fine-tuning]]은 `remove` 전에** 하세요. `remove` 뒤에 더 학습해야 한다면 마스크를 다시 씌우세요
# (예: `prune.custom_from_mask`).

# %% [markdown] lang="en"
# After `remove` no mask holds the zeros at zero. They receive gradients again, and one optimizer step brings them
# back. So **fine-tune before `remove`**; if you must train after it, apply the mask again (e.g. with
# `prune.custom_from_mask`).

# %%
layer = nn.Linear(8, 8).to(device)
prune.l1_unstructured(layer, name="weight", amount=0.5)
prune.remove(layer, "weight")
print(f"{ph.sparsity(layer.weight):.2f}")
optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
layer(torch.ones(1, 8).to(device)).sum().backward()
optimizer.step()
print(f"{ph.sparsity(layer.weight):.2f}")

# %% [markdown] lang="ko"
# 프루닝하지 않은 이름에 `remove`를 부르면 PyTorch가 오류를 냅니다. `ph.remove_pruning`은 같은 경우를 여러분의 언어로
# 설명합니다. (아래 셀은 일부러 실패합니다.)

# %% [markdown] lang="en"
# Calling `remove` on a name that was never pruned raises an error. `ph.remove_pruning` explains the same case in your
# language. (The next cell fails on purpose.)

# %% tags=["raises-exception"]
ph.remove_pruning(conv, "bias")

# %% [markdown] lang="ko"
# ## 함정: 모델 전체에 `prune.remove`
#
# `prune.remove`는 모듈 **하나**의 파라미터 하나에만 작동합니다. 모델(`nn.Sequential`)에 부르면 모델 자신에는
# `weight`가 없으므로 실패합니다.

# %% [markdown] lang="en"
# ## Trap: `prune.remove` on a whole model
#
# `prune.remove` works on one parameter of **one** module. Called on a model (`nn.Sequential`), it fails, because the
# model itself has no `weight`.

# %%
model = ph.small_cnn()
prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.9)

# %% tags=["raises-exception"]
prune.remove(model, "weight")

# %% [markdown] lang="ko"
# **해결:** 층을 돌면서 프루닝된 것만 `remove`합니다. 하지만 잠깐, 먼저 마스크를 유지한 채 저장하는 법부터 봅시다.
# 아래에서 모델을 복사해 쓰므로 `remove`는 나중에 합니다.
#
# ## `state_dict()`의 키
#
# 프루닝한 모델의 `state_dict()`에는 `weight`가 없고 `weight_orig`와 `weight_mask`가 있습니다.

# %% [markdown] lang="en"
# **Fix:** loop over the layers and `remove` only those that are pruned. But first, let us save the model with its masks;
# we will `remove` later.
#
# ## The keys of `state_dict()`
#
# A pruned model's `state_dict()` has no `weight`, but `weight_orig` and `weight_mask`.

# %%
print([key for key in model.state_dict() if key.startswith("conv1.")])
print([key for key in ph.small_cnn().state_dict() if key.startswith("conv1.")])

# %% [markdown] lang="ko"
# ## 함정: 프루닝한 체크포인트를 새 모델에 불러오기
#
# 저장은 잘 됩니다. 하지만 새로 만든 (프루닝하지 않은) 모델에 불러오면 키가 맞지 않아 실패합니다. `torch.load`에는
# 항상 `weights_only=True`를 주세요. [[tensor]]만 읽고, 파일에 숨은 파이썬 객체는 실행하지 않습니다. PyTorch 2.6부터는 이것이
# `torch.load`의 기본값이지만, 읽는 사람이 알 수 있고 이전 버전에서도 안전하도록 이 강좌는 늘 적어 줍니다.

# %% [markdown] lang="en"
# ## Trap: loading a pruned checkpoint into a fresh model
#
# Saving works. Loading into a freshly built (unpruned) model fails: the keys do not match. Always pass
# `weights_only=True` to `torch.load`: it reads tensors only and never runs Python objects hidden in the file. It has
# been `torch.load`'s default since PyTorch 2.6; the course writes it out so readers see it and older versions are
# safe too.

# %%
masked_path = folder / "masked.pt"
torch.save(model.state_dict(), masked_path)
fresh = ph.small_cnn()

# %% tags=["raises-exception"]
fresh.load_state_dict(torch.load(masked_path, weights_only=True))

# %% [markdown] lang="ko"
# **올바른 방법 1: 마스크를 유지합니다.** 새 모델에도 같은 자리에 프루닝 구조를 먼저 만듭니다. `prune.identity`는 아무것도
# 없애지 않고 `weight_orig`, `weight_mask`, 훅만 만듭니다. 그러면 키가 맞아서 불러올 수 있고, 마스크도 함께 돌아옵니다.

# %% [markdown] lang="en"
# **Correct way 1: keep the masks.** Create the pruning structure in the fresh model first. `prune.identity` removes
# nothing; it only creates `weight_orig`, `weight_mask` and the hook. Then the keys match, and the masks come back too.

# %%
for module, name in ph.prunable_layers(fresh):
    prune.identity(module, name)
fresh.load_state_dict(torch.load(masked_path, weights_only=True))
x = torch.randn(4, 1, 8, 8)
with torch.no_grad():
    print(torch.equal(fresh(x), model(x)), f"{ph.sparsity(fresh.conv3.weight):.3f}")

# %% [markdown] lang="ko"
# `ph.save_state`와 `ph.load_into`는 같은 일을 안전하게 합니다. 저장할 때는 임시 파일에 쓴 뒤 바꿔치기해서 도중에
# 실패해도 예전 파일이 남고, 불러올 때는 `weights_only=True`로 읽고 모든 키와 모양을 먼저 확인한 뒤에야 모델을 바꿉니다.

# %% [markdown] lang="en"
# `ph.save_state` and `ph.load_into` do the same safely: saving writes a temporary file and swaps it in, so a failure
# halfway leaves the old file intact; loading reads with `weights_only=True` and checks every key and shape before it
# changes the model.

# %%
ph.save_state(model, folder / "checkpoint.pt")
restored = ph.load_into(ph.small_cnn(), ph.load_state(folder / "checkpoint.pt"))
with torch.no_grad():
    print(torch.equal(restored(x), model(x)), prune.is_pruned(restored))

# %% [markdown] lang="ko"
# **올바른 방법 2: 마스크를 굳히고 저장합니다.** 학습이 끝났다면 프루닝된 층마다 `prune.remove`를 부른 뒤 저장합니다.
# 그러면 평범한 `weight` 키만 남아서 아무 새 모델에나 그대로 불러올 수 있습니다. 프루닝한 모델을 `deepcopy`하려면 먼저
# `no_grad`로 [[forward]]를 한 번 해 둡니다 (이유는 이 수업의 마지막에 나옵니다).

# %% [markdown] lang="en"
# **Correct way 2: bake the masks in, then save.** When training is done, call `prune.remove` on every pruned layer
# and save. Only plain `weight` keys remain, and any fresh model loads them directly. To `deepcopy` a pruned model,
# first run one forward pass under `no_grad` (the end of this lesson explains why).

# %%
with torch.no_grad():
    model(torch.zeros(1, 1, 8, 8))
permanent = copy.deepcopy(model)
for module in permanent.modules():
    if prune.is_pruned(module) and hasattr(module, "weight_mask"):
        prune.remove(module, "weight")
removed_path = folder / "removed.pt"
torch.save(permanent.state_dict(), removed_path)
plain = ph.small_cnn()
plain.load_state_dict(torch.load(removed_path, weights_only=True))
with torch.no_grad():
    print(torch.equal(plain(x), model(x)))

# %% [markdown] lang="ko"
# ## 파일 크기: 프루닝은 파일을 작게 만들까?
#
# [[sparsity]] 90%인 이 모델을 여러 방식으로 저장해 크기를 잽니다. 먼저 실제 파일 세 개입니다. `torch.save`는 zip 묶음을 쓰는데,
# 묶음 안의 항목을 파일 이름을 딴 폴더 아래에 넣습니다(`dense/data.pkl`처럼). 그래서 파일 이름의 길이만 달라도 크기가 몇십
# 바이트 달라집니다. 공정하게 재려고 세 파일 모두 이름을 `model.pt`로 같게 하고 폴더만 나눠 저장합니다.

# %% [markdown] lang="en"
# ## File size: does pruning make the file smaller?
#
# Save this 90%-sparse model several ways and measure. First, three real files. `torch.save` writes a zip archive and
# puts its entries under a folder named after the file (`dense/data.pkl`), so file names of different lengths alone
# change the size by tens of bytes. To measure fairly, all three files get the same name, `model.pt`, in folders of
# their own.

# %%
sizes = {}
for label, state in [("dense", ph.small_cnn().state_dict()), ("masked", model.state_dict()),
                     ("removed", permanent.state_dict())]:
    path = folder / label / "model.pt"
    path.parent.mkdir()
    torch.save(state, path)
    sizes[label] = os.path.getsize(path)
for label, size in sizes.items():
    print(f"{ph.t('model.' + label):<8} {size:>9,} B  {size / sizes['dense']:.2f}×")

# %% [markdown] lang="ko"
# 마스크를 포함한 파일은 프루닝 전보다 **두 배 가까이 큽니다**. `weight_orig`에 원래 값이 모두 있고, 같은 크기의 float
# 마스크가 하나 더 있기 때문입니다. `prune.remove` 뒤에는 프루닝 전과 크기가 똑같습니다. 0도 4바이트짜리 숫자이기
# 때문입니다.
#
# 정말 작게 하려면 0을 저장하지 않아야 합니다. `ph.checkpoint_sizes`는 같은 모델을 여섯 가지로 저장해 비교합니다.
# 그 가운데에는 zlib 압축, 그리고 "0이 아닌 자리"를 1비트씩 적은 비트마스크와 0이 아닌 값만 저장하는 방식(fp32, fp16)이
# 있습니다. 오른쪽 열은 이론상 한계입니다. 비트마스크 방식은 [[weight]]마다 1비트 + 남은 가중치마다 32(또는 16)비트이므로 90%에서 약 7.5배
# (fp16이면 약 12배)를 넘을 수 없습니다.

# %% [markdown] lang="en"
# The file with masks is **almost twice as large** as before pruning: `weight_orig` holds every original value, plus a
# float mask of the same size. After `prune.remove` the size equals the unpruned file exactly: a zero is still a 4-byte
# number.
#
# To really shrink the file, stop storing zeros. `ph.checkpoint_sizes` saves the same model six ways: zlib compression,
# and a bitmask with one bit per weight marking nonzeros plus only the nonzero values (fp32 or fp16). The right-hand
# column is the theoretical limit: a bitmask costs 1 bit per weight plus 32 (or 16) bits per kept weight, so at 90% it
# cannot beat about 7.5× (about 12× with fp16).

# %%
ph.checkpoint_sizes(model)

# %% [markdown] lang="ko"
# 비트마스크 + fp32는 약 7배, fp16 값이면 10배가 넘게 작아집니다. 비트마스크 형식도 텐서만 담고 있어서
# `weights_only=True`로 불러올 수 있고, fp32 방식은 원래 값 그대로 되돌립니다. fp16 방식은 값을 16비트로 반올림하므로
# **손실이 있습니다**(양자화입니다). 되돌린 가중치가 원래 값과 조금(약 1e-4까지) 다릅니다.

# %% [markdown] lang="en"
# The bitmask with fp32 values is about 7× smaller, and over 10× with fp16 values. The bitmask format holds tensors only,
# so it loads with `weights_only=True`, and the fp32 variant unpacks to exactly the original values. The fp16 variant
# rounds values to 16 bits, so it is **lossy** (that is quantization): unpacked weights differ slightly, up to about
# 1e-4.

# %%
packed_path = folder / "packed" / "model.pt"
packed_path.parent.mkdir()
removed = ph.removed_state(model.state_dict())
torch.save(ph.pack_bitmask(removed), packed_path)
unpacked = ph.unpack_bitmask(torch.load(packed_path, weights_only=True))
print(all(torch.equal(unpacked[key], removed[key]) for key in removed))
print(f"{sizes['dense'] / os.path.getsize(packed_path):.2f}×")

# %% [markdown] lang="ko"
# ## 함정: 프루닝한 모델의 `copy.deepcopy`
#
# 프루닝한 직후의 모델은 복사할 수 없습니다. `weight`가 [[autograd]] 그래프의 중간 결과, 곧 `weight_orig * weight_mask`로
# **계산된** 텐서라서 복사 규칙이 막고 있기 때문입니다. (아래 셀은 일부러 실패합니다.)

# %% [markdown] lang="en"
# ## Trap: `copy.deepcopy` of a pruned model
#
# A freshly pruned model cannot be copied: `weight` is a **computed** tensor (`weight_orig * weight_mask`, an
# intermediate result in the autograd graph), and deepcopy refuses those. (The next cell fails on purpose.)

# %%
just_pruned = ph.small_cnn()
prune.l1_unstructured(just_pruned.conv1, name="weight", amount=0.5)

# %% tags=["raises-exception"]
copy.deepcopy(just_pruned)

# %% [markdown] lang="ko"
# **해결:** (1) 프루닝하기 **전에** 복사하거나, (2) `torch.no_grad()` 안에서 순전파를 한 번 하세요. 훅이 `weight`를
# 기울기 기록 없이 다시 계산하므로 복사할 수 있게 됩니다. 두 번째 방법은 기울기를 기록하는 다음 순전파(학습 한 걸음)까지만
# 통합니다. 그 순전파가 기록이 있는 `weight`를 다시 만들어서 `deepcopy`가 또 실패합니다. 복사하기 직전마다 `no_grad`
# 순전파를 하거나, 계산된 `weight`를 기록 없이 복사하고 순전파는 전혀 하지 않는 `ph.copy_model(model)`을 쓰세요.

# %% [markdown] lang="en"
# **Fix:** (1) copy **before** pruning, or (2) run one forward pass inside `torch.no_grad()`. The hook recomputes
# `weight` without gradient history, and the copy works. The second fix lasts only until the next forward pass *with*
# gradients (any training step): that pass writes a `weight` with history again, and deepcopy fails again. Repeat the
# `no_grad` pass right before each copy, or use `ph.copy_model(model)`, which copies the computed `weight` without
# its history and runs no forward pass at all.

# %%
with torch.no_grad():
    just_pruned(torch.zeros(1, 1, 8, 8))
copied = copy.deepcopy(just_pruned)
print(prune.is_pruned(copied), torch.equal(copied.conv1.weight_mask, just_pruned.conv1.weight_mask))

# %% [markdown] lang="ko"
# 이 수업에서 만든 임시 파일을 지웁니다.

# %% [markdown] lang="en"
# Delete the temporary files this lesson wrote.

# %%
shutil.rmtree(folder)
print(folder.exists())

# %% [markdown] lang="ko"
# ## 정리
#
# - `prune.remove(module, name)`은 마스크를 가중치에 굳히고 `_orig`, `_mask`, 훅을 지웁니다. 0은 남습니다. 모듈마다 부르세요.
# - 프루닝한 `state_dict()`에는 `weight_orig`/`weight_mask`가 있습니다. 새 모델에 불러오려면 `prune.identity`로 구조를
#   먼저 만들거나(마스크 유지), 저장 전에 `prune.remove`하세요(마스크 굳히기). `torch.load`에는 `weights_only=True`.
# - 마스크 포함 파일은 약 2배 커지고, `remove` 뒤에는 프루닝 전과 같은 크기입니다. 0을 저장하지 않아야(비트마스크 +
#   값) 작아집니다. 90%에서 약 7배, fp16이면 10배 이상입니다.
# - 프루닝 직후 `deepcopy`는 실패합니다. 프루닝 전에 복사하거나 `no_grad` 순전파를 한 번 하세요.
#
# ## 연습 문제
#
# **[[exercise:1]].** `weight`만 프루닝한 `Conv2d`에 `prune.remove(conv, "weight")`를 하면 [[buffer]]는 몇 개 남나요?

# %% [markdown] lang="en"
# ## Summary
#
# - `prune.remove(module, name)` bakes the mask into the weight and deletes `_orig`, `_mask` and the hook; the zeros
#   stay. Call it per module.
# - A pruned `state_dict()` holds `weight_orig`/`weight_mask`. To load it into a fresh model, create the structure with
#   `prune.identity` first (masks kept), or `prune.remove` before saving (masks baked in). Use `weights_only=True`.
# - A file with masks is about 2× larger, and after `remove` it is exactly the unpruned size. Only not storing zeros
#   (bitmask + values) shrinks it: about 7× at 90%, over 10× with fp16.
# - `deepcopy` fails right after pruning: copy before pruning, or run one `no_grad` forward pass.
#
# ## Exercises
#
# **[[exercise:1]].** A `Conv2d` had only its `weight` pruned. How many buffers remain after `prune.remove(conv, "weight")`?

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** 큰 `Linear` 층을 프루닝하고 마스크째 저장하면, 파일은 프루닝 전의 약 몇 배가 될까요? 정수로 답하세요.

# %% [markdown] lang="en"
# **[[exercise:2]].** A large `Linear` layer is pruned and saved with its masks. About how many times the unpruned size is the
# file? Answer with an integer.

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 나만의 프루닝 방법을 만듭니다.

# %% [markdown] lang="en"
# Next: writing your own pruning method.
