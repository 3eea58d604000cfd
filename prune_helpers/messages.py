"""The one ko/en message catalog: every text the helpers print, plot or raise.

Keeping all learner-facing text here means a Korean learner never meets an
English-only message, and a test can check that both languages have every key
with the same placeholders. What one lesson alone prints (its labels, its
exercises' hints) lives in that lesson's pack (`packs/NN_name.py`); `t()`
finds it there, so lessons call `ph.t(key)` either way.
"""

from __future__ import annotations

import functools
import os
import string

from . import particles

LANGUAGES = ("ko", "en")
_DEFAULT_LANGUAGE = "en"
_current = {"language": os.environ.get("PRUNE_HELPERS_LANG", _DEFAULT_LANGUAGE)}
if _current["language"] not in LANGUAGES:
    _current["language"] = _DEFAULT_LANGUAGE

CATALOG: dict[str, dict[str, str]] = {
    # --- language and lesson start -------------------------------------------------
    "language.name": {"ko": "한국어", "en": "English"},
    "language.unknown": {
        "ko": "{value!r}은(는) 지원하지 않는 언어입니다. 'ko' 또는 'en' 중 하나를 쓰세요.",
        "en": "Unsupported language: {value!r}. Use 'ko' or 'en'.",
    },
    "lesson.started": {
        "ko": "언어: {language} · 난수 시드(seed): {seed} · 토치 스레드: {threads}",
        "en": "Language: {language} · random seed: {seed} · torch threads: {threads}",
    },
    "lesson.versions_differ": {
        "ko": "고정된 버전과 다르게 설치된 패키지가 있습니다 ({packages}). 수업은 그대로 돌지만, 출력되는 숫자가 저장된 값과 조금 다를 수 있습니다.",
        "en": "Some packages differ from the pinned versions ({packages}). The lesson still runs, but printed numbers may differ slightly from the stored ones.",
    },
    # --- device ----------------------------------------------------------------------
    "device.cuda": {
        "ko": "CUDA GPU를 찾았습니다 ({name}). 계산에 'cuda'를 씁니다.",
        "en": "Found a CUDA GPU ({name}). Computing on 'cuda'.",
    },
    "device.mps": {
        "ko": "Apple GPU(MPS)를 찾았습니다. 계산에 'mps'를 씁니다.",
        "en": "Found an Apple GPU (MPS). Computing on 'mps'.",
    },
    "device.forced": {
        "ko": "환경 변수 {variable}의 값대로 '{device}'에서 계산합니다.",
        "en": "Computing on '{device}', as the environment variable {variable} asks.",
    },
    "error.device_variable": {
        "ko": "환경 변수 {variable}의 값 {value!r}에 해당하는 장치가 이 컴퓨터에 없습니다. 쓸 수 있는 값: {choices}. 값을 고치거나 변수를 지우세요.",
        "en": "The environment variable {variable} asks for {value!r}, which this machine does not have. Available: {choices}. Fix the value or unset the variable.",
    },
    "device.cpu": {
        "ko": "GPU가 없어서 'cpu'를 씁니다. 이 강좌는 CPU만으로 충분합니다.",
        "en": "No GPU found, so computing on 'cpu'. Every lesson runs fine on a CPU.",
    },
    # --- versions and checks ---------------------------------------------------------
    "versions.package": {"ko": "패키지", "en": "package"},
    "versions.pinned": {"ko": "고정 버전", "en": "pinned"},
    "versions.installed": {"ko": "설치된 버전", "en": "installed"},
    "versions.status": {"ko": "상태", "en": "status"},
    "versions.ok": {"ko": "일치", "en": "ok"},
    "versions.mismatch": {"ko": "다름: 저장된 출력과 달라질 수 있음", "en": "differs: outputs may differ"},
    "versions.missing": {"ko": "설치 안 됨", "en": "not installed"},
    "font.found": {
        "ko": "한글 글꼴 {font}을(를) 찾았습니다. 그림 제목의 한글이 제대로 보입니다.",
        "en": "Korean font {font} found: Korean titles in plots will render.",
    },
    "font.missing": {
        "ko": "한글 글꼴을 찾지 못했습니다. 'pip install koreanize-matplotlib'을 실행한 뒤 주피터 커널을 다시 시작하세요.",
        "en": "No Korean font found. Run 'pip install koreanize-matplotlib', then restart the kernel.",
    },
    "font.check_title": {"ko": "한글 글꼴 확인: 가중치 −1.5 … +1.5", "en": "Font check: 한글 and weights −1.5 … +1.5"},
    # --- errors: every one says what to do -------------------------------------------
    "error.not_module": {
        "ko": "nn.Module이 필요한데 {kind} 값을 받았습니다. conv = nn.Conv2d(3, 2, 3)처럼 만든 층을 넘기세요.",
        "en": "Expected an nn.Module but got a {kind}. Pass a layer, e.g. conv = nn.Conv2d(3, 2, 3).",
    },
    "error.not_tensor": {
        "ko": "torch.Tensor가 필요한데 {kind} 값을 받았습니다. conv.weight 같은 텐서를 넘기세요.",
        "en": "Expected a torch.Tensor but got a {kind}. Pass e.g. conv.weight.",
    },
    "error.unknown_name": {
        "ko": "{module}에는 {name!r}(이)라는 파라미터가 없습니다. name을 이 중 하나로 고치세요: {choices}.",
        "en": "{module} has no parameter named {name!r}. Use one of: {choices}.",
    },
    "error.no_parameters": {
        "ko": "{module}에는 프루닝할 파라미터가 없습니다. Conv2d나 Linear처럼 weight가 있는 층을 넘기세요.",
        "en": "{module} has no parameters to prune. Pass a layer with a weight, such as Conv2d or Linear.",
    },
    "error.amount_type": {
        "ko": "amount에는 비율(0.0~1.0 사이 실수)이나 개수(0 이상의 정수)를 넣으세요. 받은 값: {kind} {value!r}. 예: amount=0.5",
        "en": "amount must be a fraction (a float from 0.0 to 1.0) or a count (an int ≥ 0), but got the {kind} {value!r}. Use e.g. amount=0.5",
    },
    "error.amount_nan": {
        "ko": "amount가 NaN(숫자가 아님)입니다. 0.0~1.0 사이의 비율을 넣으세요. 예: amount=0.5",
        "en": "amount is NaN (not a number). Use a fraction from 0.0 to 1.0, e.g. amount=0.5.",
    },
    "error.amount_fraction_range": {
        "ko": "비율로 준 amount={value}: 0.0 이상 1.0 이하여야 합니다. 절반을 없애려면 amount=0.5를 쓰세요.",
        "en": "A fractional amount={value} must be between 0.0 and 1.0. To remove half, use amount=0.5.",
    },
    "error.amount_count_range": {
        "ko": "개수로 준 amount={value}: 0 이상 {numel} 이하여야 합니다 ({name}의 원소는 {numel}개). 비율로 주려면 amount=0.5처럼 실수를 쓰세요.",
        "en": "A count amount={value} must be between 0 and {numel} ({name} has {numel} elements). For a fraction, use a float such as amount=0.5.",
    },
    "error.unknown_method": {
        "ko": "알 수 없는 프루닝 방법 {value!r}입니다. 다음 중 하나를 쓰세요: {choices}.",
        "en": "Unknown pruning method {value!r}. Use one of: {choices}.",
    },
    "error.already_pruned": {
        "ko": "이 모듈은 이미 프루닝되어 있습니다. 탐색기에는 프루닝하지 않은 층이 필요하니, 새 층을 만들거나 먼저 prune.remove(module, {name!r})를 실행하세요.",
        "en": "This module is already pruned. The explorer needs a clean layer: build a new one, or run prune.remove(module, {name!r}) first.",
    },
    "error.unknown_exercise": {
        "ko": "연습 문제 {value!r}은(는) 없습니다. 이 중 하나를 쓰세요: {choices}.",
        "en": "There is no exercise {value!r}. Use one of: {choices}.",
    },
    "error.not_pruned_picture": {
        "ko": "{module}의 {name!r}에는 아직 마스크가 없습니다. 먼저 prune.random_unstructured(module, name={name!r}, amount=0.5)처럼 프루닝하세요.",
        "en": "{name!r} of {module} has no mask yet. Prune it first, e.g. prune.random_unstructured(module, name={name!r}, amount=0.5).",
    },
    "error.not_pruned": {
        "ko": "{module}의 {name!r}은(는) 프루닝된 적이 없어서 prune.remove를 할 수 없습니다. 먼저 prune.l1_unstructured 같은 함수로 프루닝하거나 prune.is_pruned(module)로 확인하세요.",
        "en": "{name!r} of {module} was never pruned, so there is nothing for prune.remove to make permanent. Prune it first (e.g. prune.l1_unstructured), or check with prune.is_pruned(module).",
    },
    "error.file_missing": {
        "ko": "{path}에 체크포인트 파일이 없습니다. 경로를 확인하거나 먼저 ph.save_state(model, path)로 저장하세요.",
        "en": "No checkpoint file at {path}. Check the path, or save one first with ph.save_state(model, path).",
    },
    "error.unsafe_checkpoint": {
        "ko": "{path}에는 텐서가 아닌 파이썬 객체(pickle)가 들어 있어서 weights_only=True로는 불러올 수 없습니다. 믿을 수 있는 곳에서 받은 파일만 쓰고, 모델은 state_dict()로 저장하세요.",
        "en": "{path} holds pickled Python objects, not just tensors, so loading with weights_only=True refused it. Use files only from sources you trust, and save models with state_dict().",
    },
    "error.corrupt_checkpoint": {
        "ko": "{path}을(를) 읽을 수 없습니다. 파일이 잘렸거나 손상되었습니다. 원래 모델에서 체크포인트를 다시 저장하세요.",
        "en": "Cannot read {path}: the file is truncated or corrupted. Save the checkpoint again from the original model.",
    },
    "error.checkpoint_key": {
        "ko": "체크포인트의 키 {key!r}에 맞는 자리가 모델에 없습니다. 저장할 때와 같은 구조의 모델을 만들어 넘기세요.",
        "en": "The checkpoint key {key!r} has no place in this model. Pass a model built with the same layers as the saved one.",
    },
    "error.checkpoint_shape": {
        "ko": "{key!r}의 모양이 다릅니다(체크포인트 {saved}, 모델 {model}). 저장할 때와 같은 크기로 모델을 만들어 넘기세요.",
        "en": "{key!r} has another shape: checkpoint {saved}, model {model}. Pass a model built with the same sizes as the saved one.",
    },
    "error.compact_unsupported": {
        "ko": "ph.compact는 {layer}을(를) 다시 만들 수 없습니다. Conv2d, BatchNorm2d, Linear, 활성화 함수, 풀링으로 이루어진 nn.Sequential을 넘기세요. 그 밖의 모델은 Torch-Pruning(tp.DependencyGraph)을 쓰세요.",
        "en": "ph.compact cannot rebuild {layer}. Pass an nn.Sequential of Conv2d, BatchNorm2d, Linear, activations and pooling; for other models use Torch-Pruning (tp.DependencyGraph).",
    },
    "error.compact_constant": {
        "ko": "{layer} 층의 채널 {channel}은(는) 가중치가 0인데도 편향 때문에 0이 아닌 값을 내보냅니다. 그대로 잘라 내면 출력이 바뀝니다. 편향에도 마스크를 씌우려면 prune.custom_from_mask(layer, name=\"bias\", mask=...)를 부르거나 ph.prune_filters(model, amount)를 쓰세요.",
        "en": "Channel {channel} of layer {layer} has zero weights but still outputs a nonzero value through its bias; cutting it would change the output. Mask the bias too: prune.custom_from_mask(layer, name=\"bias\", mask=...), or use ph.prune_filters(model, amount).",
    },
    "error.seed_type": {
        "ko": "seed에는 정수나 None을 넣으세요. 받은 값: {kind} {value!r}. 예: seed=0",
        "en": "seed must be an int or None, but got the {kind} {value!r}. Use e.g. seed=0.",
    },
    "error.structured_needs_2d": {
        "ko": "{method} 방법은 dim=0 축의 조각을 통째로 없애므로 2차원 이상의 텐서가 필요합니다. {name}의 모양: {shape}. 이 텐서에는 random_unstructured나 l1_unstructured를 쓰세요.",
        "en": "{method} removes whole slices along dim 0, so it needs a tensor with at least 2 dimensions, but {name} has shape {shape}. Use random_unstructured or l1_unstructured for it.",
    },
    "error.amount_remaining": {
        "ko": "개수로 준 amount={value}: 이미 프루닝된 {name}에 남은 것은 {remaining}개뿐이라서 0 이상 {remaining} 이하여야 합니다 (구조적 방법은 dim=0 조각을 셉니다). 남은 것의 비율로 주려면 amount=0.5처럼 실수를 쓰세요.",
        "en": "A count amount={value} must be between 0 and {remaining}: {name} is already pruned and only {remaining} remain (structured methods count slices along dim 0). For a share of what remains, use a float such as amount=0.5.",
    },
    "error.amount_fraction_only": {
        "ko": "슬라이더의 amount는 0.0~1.0 사이의 비율입니다. 받은 값: {kind} {value!r}. amount=0.5처럼 실수를 쓰세요.",
        "en": "The slider's amount is a fraction from 0.0 to 1.0, but got the {kind} {value!r}. Use a float such as amount=0.5.",
    },
    "error.fraction_arg": {
        "ko": "{arg}에는 0.0 이상 1.0 이하의 비율을 넣으세요. 받은 값: {value!r}. 예: {arg}=0.5",
        "en": "{arg} must be a fraction from 0.0 to 1.0, but got {value!r}. Use e.g. {arg}=0.5.",
    },
    "error.count_arg": {
        "ko": "{arg}에는 {minimum} 이상의 정수를 넣으세요. 받은 값: {value!r}. 예: {arg}={example}",
        "en": "{arg} must be a whole number of at least {minimum}, but got {value!r}. Use e.g. {arg}={example}.",
    },
    "error.count_range": {
        "ko": "{arg}에는 {minimum} 이상 {maximum:,} 이하의 정수를 넣으세요. 받은 값: {value!r}. 예: {arg}={example}",
        "en": "{arg} must be a whole number from {minimum} to {maximum:,}, but got {value!r}. Use e.g. {arg}={example}.",
    },
    "error.positive_arg": {
        "ko": "{arg}에는 0보다 큰 수를 넣으세요. 받은 값: {value!r}. 예: {arg}={example}",
        "en": "{arg} must be a positive number, but got {value!r}. Use e.g. {arg}={example}.",
    },
    "error.device": {
        "ko": "{value!r}은(는) 이름이 틀렸거나 이 컴퓨터에서 쓸 수 없는 장치입니다. device=ph.pick_device() 또는 device=\"cpu\"를 쓰세요.",
        "en": "The device {value!r} is unknown or not available on this machine. Use device=ph.pick_device() or device=\"cpu\".",
    },
    "error.n_m": {
        "ko": "N:M 희소성은 m개마다 n개를 남기므로 0 ≤ n ≤ m, m ≥ 1인 정수가 필요합니다. 받은 값: n={n!r}, m={m!r}. ph.n_m_sparsity(2, 4)처럼 쓰세요.",
        "en": "N:M sparsity keeps n of every m weights, so it needs whole numbers with 0 ≤ n ≤ m and m ≥ 1, but got n={n!r}, m={m!r}. Use e.g. ph.n_m_sparsity(2, 4).",
    },
    "error.norm_type": {
        "ko": "n에는 0보다 큰 수(노름의 차수)를 넣으세요. 받은 값: {kind} {value!r}. 예: n=2 (L2 노름) 또는 n=1",
        "en": "n must be a positive number (the order of the norm), but got the {kind} {value!r}. Use e.g. n=2 (L2 norm) or n=1.",
    },
    "error.not_state": {
        "ko": "모델이나 그 state_dict()가 필요한데 {kind} 값을 받았습니다. 예: model 또는 model.state_dict()를 넘기세요.",
        "en": "Expected a model or its state_dict() but got a {kind}. Pass e.g. model or model.state_dict().",
    },
    "error.state_value": {
        "ko": "state_dict의 키 {key!r}에 텐서가 아닌 {kind} 값이 들어 있습니다. model.state_dict()처럼 텐서만 담긴 사전을 넘기세요.",
        "en": "The state_dict entry {key!r} holds a {kind}, not a tensor. Pass a dict of tensors such as model.state_dict().",
    },
    "error.path_type": {
        "ko": "파일 경로가 필요한데 {kind} 값을 받았습니다. \"checkpoint.pt\" 같은 문자열이나 pathlib.Path를 넘기세요.",
        "en": "Expected a file path but got a {kind}. Pass a string or a pathlib.Path, e.g. \"checkpoint.pt\".",
    },
    "error.folder_missing": {
        "ko": "{folder} 폴더가 없습니다. 먼저 Path({folder!r}).mkdir(parents=True, exist_ok=True)로 만들거나 경로를 확인하세요.",
        "en": "There is no folder {folder}. Create it first with Path({folder!r}).mkdir(parents=True, exist_ok=True), or check the path.",
    },
    "error.write_failed": {
        "ko": "{path}에 파일을 쓸 수 없습니다. 폴더이거나 쓰기 권한이 없는 경로입니다. 쓸 수 있는 폴더 안의 파일 경로를 넘기세요.",
        "en": "Cannot write the file {path}: it is a folder, or writing there is not allowed. Pass a file path inside a folder you can write to.",
    },
    "error.checkpoint_missing": {
        "ko": "모델에는 {key!r} 자리가 있는데 체크포인트에는 이 키가 없습니다. 같은 층과 같은 프루닝 구조로 저장한 체크포인트를 넘기세요.",
        "en": "The model expects {key!r}, but the checkpoint has no such key. Pass a checkpoint saved from a model with the same layers and the same pruning.",
    },
    "error.checkpoint_dense_into_pruned": {
        "ko": "체크포인트에는 프루닝하지 않은 {key!r} 값이 있는데, 모델의 이 자리는 프루닝되어 있습니다(_orig와 _mask가 필요합니다). 새 모델에 불러오거나, 먼저 prune.remove(module, {name!r})로 모델의 프루닝을 굳히세요.",
        "en": "The checkpoint holds a plain {key!r}, but this place in the model is pruned (it needs _orig and _mask). Load it into a fresh model, or first make the model's pruning permanent with prune.remove(module, {name!r}).",
    },
    "error.checkpoint_orphan": {
        "ko": "체크포인트에 {key!r} 키는 있지만 짝이 되는 {partner!r} 키가 없습니다. 프루닝한 텐서는 _orig와 _mask가 함께 있어야 합니다. 손대지 않은 state_dict()를 다시 저장해 넘기세요.",
        "en": "The checkpoint has {key!r} but not its partner {partner!r}; a pruned tensor needs both _orig and _mask. Save the untouched state_dict() again and pass that.",
    },
    "error.compact_batchnorm": {
        "ko": "{layer} 층의 {channel}번 채널: 가중치와 편향은 0이지만 뒤따르는 BatchNorm 층({norm})이 0이 아닌 상수를 내보냅니다(bias − 정규화한 running_mean). 그대로 잘라 내면 출력이 바뀝니다. 그 BatchNorm의 weight와 bias에도 같은 채널 마스크를 씌우세요. prune.custom_from_mask(bn, name=\"weight\", mask=...)와 name=\"bias\"로 씌우면 됩니다.",
        "en": "Channel {channel} of layer {layer} has zero weights and bias, but the BatchNorm after it ({norm}) still outputs a nonzero constant (its bias minus the normalised running mean); cutting it would change the output. Mask that BatchNorm's weight and bias with the same channel mask: prune.custom_from_mask(bn, name=\"weight\", mask=...) and name=\"bias\".",
    },
    "error.compact_empty": {
        "ko": "{layer} 층의 필터가 모두 프루닝되어, 잘라 내고 나면 채널이 하나도 남지 않습니다. 필터가 적어도 하나 남도록 더 작은 amount로 프루닝하세요.",
        "en": "Every filter of layer {layer} is pruned, so the compacted layer would have no channel left. Prune with a smaller amount so that at least one filter stays.",
    },
    "error.no_prunable_layers": {
        "ko": "{module}에는 Conv2d나 Linear 층이 없어서 전역 프루닝할 가중치가 없습니다. ph.small_cnn()처럼 Conv2d나 Linear 층이 있는 모델을 넘기세요.",
        "en": "{module} has no Conv2d or Linear layer, so there is no weight to prune globally. Pass a model with Conv2d or Linear layers, such as ph.small_cnn().",
    },
    "error.no_filters": {
        "ko": "{module}에는 프루닝할 필터가 없습니다. 마지막 Conv2d/Linear 층은 모델의 출력을 만들어서 그대로 두고, 그 앞에 Conv2d나 Linear 층이 없습니다. 은닉층이 있는 모델을 넘기거나, 한 층만 프루닝하려면 ph.apply_method(layer, \"weight\", \"ln_structured\", 0.5)를 쓰세요.",
        "en": "{module} has no filters to prune: the last Conv2d/Linear layer makes the model's outputs and stays whole, and there is no Conv2d or Linear layer before it. Pass a model with hidden layers, or prune one layer with ph.apply_method(layer, \"weight\", \"ln_structured\", 0.5).",
    },
    "error.example_input": {
        "ko": "예시 입력(모양 {shape})을 모델에 넣을 수 없습니다. 모델이 받는 입력과 같은 모양의 텐서를 넘기세요. 예: ph.small_cnn()이라면 torch.zeros(1, 1, 8, 8)",
        "en": "The example input (shape {shape}) does not fit the model. Pass a tensor shaped like the model's input, e.g. torch.zeros(1, 1, 8, 8) for ph.small_cnn().",
    },
    "error.input_shape": {
        "ko": "input_shape에는 배치 축을 뺀 입력 모양을 양의 정수 튜플로 넣으세요. 받은 값: {value!r}. 예: (1, 8, 8)",
        "en": "input_shape must be the input's shape without the batch axis, as a tuple of positive ints, but got {value!r}. Use e.g. (1, 8, 8).",
    },
    "error.empty_input": {
        "ko": "{arg}에 아무것도 없습니다. 적어도 하나를 넣으세요. 예: {example}",
        "en": "{arg} is empty. Pass at least one entry, e.g. {example}.",
    },
    "error.not_snapshot": {
        "ko": "diff는 ph.snapshot(module)이 돌려준 목록 두 개를 비교하는데 {kind} 값을 받았습니다. before = ph.snapshot(conv)처럼 만들어 넘기세요.",
        "en": "diff compares two lists returned by ph.snapshot(module), but got a {kind}. Pass e.g. before = ph.snapshot(conv).",
    },
    "error.empty_tensor": {
        "ko": "원소가 없는 텐서(모양 {shape})는 그릴 수 없습니다. 원소가 있는 마스크를 넘기세요.",
        "en": "A tensor with no elements (shape {shape}) cannot be drawn. Pass a mask with elements.",
    },
    "error.group_needs_2d": {
        "ko": "group 구분선은 2차원 마스크(Linear의 weight)에만 그릴 수 있습니다. 이 마스크의 모양: {shape}. group=None으로 그리거나 Linear 층의 마스크를 넘기세요.",
        "en": "group separators can only be drawn on a 2-D mask (a Linear weight), but this mask has shape {shape}. Draw it with group=None, or pass a Linear layer's mask.",
    },
    "error.dtype": {
        "ko": "dtype에는 torch.float16 같은 부동소수점 자료형이나 None(텐서마다 원래 자료형 유지)을 넣으세요. 받은 값: {value!r}.",
        "en": "dtype must be a floating-point torch dtype such as torch.float16, or None to keep each tensor's own dtype, but got {value!r}. Use e.g. dtype=torch.float16.",
    },
    "error.packed": {
        "ko": "ph.pack_bitmask가 만든 사전(키: keys, shapes, dtypes, bits, values)이 필요한데 {kind} 값을 받았습니다. packed = ph.pack_bitmask(state)가 돌려준 것을 넘기세요.",
        "en": "Expected the dict that ph.pack_bitmask makes (keys, shapes, dtypes, bits, values) but got a {kind}. Pass what packed = ph.pack_bitmask(state) returns.",
    },
    "error.lazy_module": {
        "ko": "{module}에 아직 크기가 정해지지 않은 지연(lazy) 파라미터가 있습니다. 먼저 입력을 한 번 통과시키세요. 예: model(data.train_x[:2])",
        "en": "{module} still has lazy parameters whose size is not set yet. Pass one input through it first, e.g. model(data.train_x[:2]).",
    },
    "error.meta_tensor": {
        "ko": "{what}은(는) 값이 없는 'meta' 장치에 있습니다. 값이 있는 텐서나 모델을 넘기세요. 예: model.to_empty(device='cpu') 뒤에 가중치를 불러오기",
        "en": "{what} is on the 'meta' device, which holds no values. Pass a tensor or model with values, e.g. model.to_empty(device='cpu') and then load its weights.",
    },
    "error.sparse_tensor": {
        "ko": "{what}은(는) 희소 레이아웃({layout}) 텐서입니다. 보통의 밀집 텐서로 바꿔서 넘기세요. 예: tensor.to_dense()",
        "en": "{what} is a tensor with the sparse layout {layout}. Pass an ordinary dense tensor, e.g. tensor.to_dense().",
    },
    "error.prune_dtype": {
        "ko": "{name}의 자료형이 {dtype}입니다. torch.nn.utils.prune은 부동소수점 실수 텐서만 프루닝합니다. 먼저 바꾸세요. 예: layer.float()",
        "en": "{name} holds {dtype} values; torch.nn.utils.prune prunes real floating-point tensors only. Use e.g. layer.float() first.",
    },
    "error.checkpoint_mismatch": {
        "ko": "이 체크포인트는 {model} 모델에 맞지 않아 PyTorch가 불러오지 못합니다. 모델은 그대로입니다. 저장할 때와 같은 구조로 만든 모델을 넘기세요. 예: ph.load_into(ph.small_cnn(), \"model.pt\")",
        "en": "This checkpoint does not fit {model}, and PyTorch cannot load it; the model is unchanged. Pass a model built like the one that was saved, e.g. ph.load_into(ph.small_cnn(), \"model.pt\").",
    },
    "error.unsaveable": {
        "ko": "torch.save로 저장할 수 없는 값이 들어 있습니다 ({kind}). 텐서, 숫자, 문자열, 목록, 딕셔너리만 넣으세요. 예: model.state_dict()",
        "en": "It holds something torch.save cannot store ({kind}). Use tensors, numbers, strings, lists and dicts only, e.g. model.state_dict().",
    },
    "error.curve_range": {
        "ko": "곡선 {label}에 그릴 수 없을 만큼 큰 값({value})이 있습니다. 절댓값이 10¹⁵ 이하인 수를 넣으세요. 예: [98.1, 97.5]",
        "en": "The curve {label} has a value too large to draw ({value}). Use numbers no larger than 10¹⁵, e.g. [98.1, 97.5].",
    },
    "error.flag_arg": {
        "ko": "{arg}에는 True나 False를 넣으세요. 받은 값: {value!r}. 예: {arg}=False",
        "en": "{arg} must be True or False, but got {value!r}. Use e.g. {arg}=False.",
    },
    "error.slider_name": {
        "ko": "슬라이더 이름으로 {name!r}은(는) 쓸 수 없습니다. 문장의 {{result}} 자리에 공식의 결과가 들어가기 때문입니다. 다른 이름을 쓰세요. 예: amount",
        "en": "A slider cannot be called {name!r}: the sentence's {{result}} holds the formula's value. Use another name, e.g. amount.",
    },
    "error.weight_not_parameter": {
        "ko": "{module}의 {name}은(는) 파라미터가 아니라 다른 파라미터에서 계산되는 값입니다 (weight_norm 같은 방식). torch.nn.utils.prune은 이런 텐서를 프루닝할 수 없으니 먼저 되돌리세요. 예: torch.nn.utils.remove_weight_norm(layer)",
        "en": "{name} of {module} is not a parameter but computed from others (as weight_norm does), and torch.nn.utils.prune cannot prune it. Use e.g. torch.nn.utils.remove_weight_norm(layer) first.",
    },
    "error.formula_args": {
        "ko": "공식이 받는 인자({params})와 슬라이더 이름({names})이 맞지 않습니다. 인자마다 같은 이름의 슬라이더를 하나씩 넘기세요. 예: amount=(0.0, 1.0, 0.05, 0.2)",
        "en": "The formula takes ({params}), but the sliders are named ({names}). Pass one slider per argument, with its name, e.g. amount=(0.0, 1.0, 0.05, 0.2).",
    },
    "error.mask_values": {
        "ko": "{module}의 {name}_mask에 0과 1이 아닌 값이 있습니다. 프루닝 마스크는 0(프루닝)과 1(유지)로만 이루어져야 합니다. 예: prune.custom_from_mask(layer, name=\"{name}\", mask=(mask > 0).float())처럼 0과 1로 바꿔서 만드세요.",
        "en": "{name}_mask of {module} holds values other than 0 and 1, but a pruning mask is 0 (pruned) or 1 (kept). Use e.g. prune.custom_from_mask(layer, name=\"{name}\", mask=(mask > 0).float()).",
    },
    "error.text_values": {
        "ko": "메시지 {key!r}에 채울 값이 맞지 않습니다. 이 값들을 이름으로 넘기세요: {names}. 예: ph.t(\"error.not_module\", kind=\"int\")",
        "en": "The values for message {key!r} do not fit it. Pass these by name: {names}. Use e.g. ph.t(\"error.not_module\", kind=\"int\").",
    },
    "error.unknown_text": {
        "ko": "{key!r}은(는) 카탈로그에 없는 메시지 키입니다. \"calc.compound\"처럼 prune_helpers.messages.CATALOG에 있는 키를 쓰세요.",
        "en": "No catalog message has the key {key!r}. Use a key from prune_helpers.messages.CATALOG, e.g. \"calc.compound\".",
    },
    "error.not_callable": {
        "ko": "formula에는 함수가 필요한데 {kind} 값을 받았습니다. 예: ph.compounded_sparsity를 넘기세요.",
        "en": "formula must be a function, but got a {kind}. Pass e.g. ph.compounded_sparsity.",
    },
    "error.slider_spec": {
        "ko": "슬라이더 {name}: (최소, 최대, 간격, 시작값) 네 숫자가 필요하고 최소 ≤ 시작값 ≤ 최대, 간격 > 0이어야 합니다. 받은 값: {value!r}. amount=(0.05, 0.9, 0.05, 0.2)처럼 쓰세요.",
        "en": "Slider {name} needs four numbers (min, max, step, start) with min ≤ start ≤ max and step > 0, but got {value!r}. Use e.g. amount=(0.05, 0.9, 0.05, 0.2).",
    },
    "error.titles": {
        "ko": "제목의 개수({titles})가 마스크의 개수({masks})와 다릅니다. 마스크마다 제목을 하나씩 넣으세요.",
        "en": "There are {titles} titles for {masks} masks. Pass one title per mask.",
    },
    "error.curve_length": {
        "ko": "곡선 {label!r}: 값은 {values}개인데 x는 {xs}개입니다. x의 개수와 같거나 적은 수의 값을 넣으세요.",
        "en": "Curve {label!r} has {values} values but x has only {xs}. Pass at most as many values as x has.",
    },
    "error.scenarios": {
        "ko": "scenarios 인자에는 (seed_per_rank, sync) 쌍의 리스트를 넘기세요. seed_per_rank 자리에는 True 또는 False, sync 자리에는 None, 'broadcast', 'ddp' 가운데 하나를 씁니다. 예: [(True, None), (True, 'broadcast')]. 받은 값: {value!r}",
        "en": "scenarios must be a list of (seed_per_rank, sync) pairs: seed_per_rank True or False, sync one of None, 'broadcast', 'ddp'. E.g. [(True, None), (True, 'broadcast')]. Got: {value!r}",
    },
    "error.world_size": {
        "ko": "world_size 인자에는 2 이상 {maximum} 이하의 정수를 넘기세요. 이 컴퓨터에 프로세스를 그 수만큼 띄웁니다. 받은 값: {value!r}",
        "en": "world_size must be a whole number from 2 to {maximum} (that many processes are started on this machine), but got {value!r}.",
    },
    "error.no_masks": {
        "ko": "{module} 모델에는 마스크가 있는 층이 없습니다. 되감기와 마스크 복사는 프루닝한 모델에만 할 수 있으므로, 먼저 prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.2)처럼 프루닝하세요.",
        "en": "{module} has no layer with a mask, and rewinding or copying masks needs a pruned model. Prune it first, e.g. prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.2).",
    },
    "error.rewind_layers": {
        "ko": "두 모델의 Conv2d/Linear 층이 다릅니다 (model: {model} / initial: {initial}). initial에는 프루닝한 모델을 복사해 온 바로 그 초기 모델을 넘기세요. 예: initial = ph.small_mlp() 다음에 model = copy.deepcopy(initial).",
        "en": "The two models have different Conv2d/Linear layers (model: {model}; initial: {initial}). Pass as initial the very model the pruned one was copied from, e.g. initial = ph.small_mlp(), then model = copy.deepcopy(initial).",
    },
    "error.rewind_shape": {
        "ko": "층 {layer}의 {name} 모양이 model에서는 {shape}, initial에서는 {expected}입니다. 모양이 같아야 되감을 수 있으므로, 프루닝한 모델을 복사해 온 바로 그 초기 모델을 initial로 넘기세요.",
        "en": "Layer {layer}'s {name} has shape {shape} in model but {expected} in initial. Rewinding needs the same shapes: pass as initial the very model the pruned one was copied from.",
    },
    # --- tables ----------------------------------------------------------------------
    "table.kind": {"ko": "종류", "en": "kind"},
    "table.name": {"ko": "이름", "en": "name"},
    "table.shape": {"ko": "모양", "en": "shape"},
    "table.requires_grad": {"ko": "requires_grad", "en": "requires_grad"},
    "table.device": {"ko": "장치", "en": "device"},
    "table.change": {"ko": "변화", "en": "change"},
    "table.detail": {"ko": "설명", "en": "detail"},
    "table.layer": {"ko": "층", "en": "layer"},
    "table.zeros": {"ko": "0의 개수", "en": "zeros"},
    "table.total": {"ko": "전체 개수", "en": "total"},
    "table.sparsity": {"ko": "희소성", "en": "sparsity"},
    "table.all": {"ko": "(모두 합침)", "en": "(all)"},
    "table.step": {"ko": "단계", "en": "step"},
    "table.method": {"ko": "방법", "en": "method"},
    "table.amount": {"ko": "amount", "en": "amount"},
    "table.empty": {"ko": "(없음)", "en": "(none)"},
    "kind.parameter": {"ko": "파라미터", "en": "parameter"},
    "kind.buffer": {"ko": "버퍼", "en": "buffer"},
    "kind.hook": {"ko": "순전파 전 훅", "en": "forward pre-hook"},
    "kind.computed": {"ko": "계산된 속성", "en": "computed attribute"},
    "hook.detail": {"ko": "{method}: 순전파 직전마다 {name} 값을 다시 계산", "en": "{method}: recomputes {name} before every forward"},
    "computed.detail": {"ko": "{name}_orig * {name}_mask", "en": "{name}_orig * {name}_mask"},
    "change.added": {"ko": "추가됨", "en": "added"},
    "change.removed": {"ko": "사라짐", "en": "removed"},
    "change.renamed": {"ko": "이름 바뀜", "en": "renamed"},
    "change.changed": {"ko": "바뀜", "en": "changed"},
    "change.none": {"ko": "달라진 것이 없습니다.", "en": "Nothing changed."},
    "diff.renamed": {"ko": "{old} → {new} (원래 값이 여기에 보관됨)", "en": "{old} → {new} (the original values live here now)"},
    "diff.unrenamed": {"ko": "{old} → {new} (마스크를 곱한 값이 굳어짐)", "en": "{old} → {new} (the mask is multiplied in)"},
    "diff.shape": {"ko": "모양 {shape}", "en": "shape {shape}"},
    "diff.kind_changed": {"ko": "{old} → {new}", "en": "{old} → {new}"},
    # --- sparsity schedules (schedules.py) -------------------------------------------
    "error.sequence_arg": {
        "ko": "{arg}에는 값의 리스트를 넣으세요. 받은 값: {kind} {value!r}. 예: {arg}={example}",
        "en": "{arg} must be a list of values, but got the {kind} {value!r}. Use e.g. {arg}={example}.",
    },
    "error.schedule_order": {
        "ko": "처음 희소성 s_i={s_i}, 최종 희소성 s_f={s_f}. s_i는 s_f보다 클 수 없습니다. 프루닝은 가중치를 되살리지 않으므로 희소성은 늘기만 합니다. 예: ph.cubic_schedule(0.0, 0.9, 10)",
        "en": "The initial sparsity s_i={s_i} is above the final sparsity s_f={s_f}. Pruning never restores weights, so sparsity can only grow: use s_i ≤ s_f, e.g. ph.cubic_schedule(0.0, 0.9, 10).",
    },
    "error.schedule_decreasing": {
        "ko": "schedule[{k}] = {value}, 바로 앞의 값 = {previous}. 프루닝은 가중치를 되살리지 않으므로 스케줄의 값은 줄어들 수 없습니다. 예: ph.cubic_schedule(0.0, 0.9, 10)",
        "en": "schedule[{k}] = {value} is below the value before it, {previous}. Pruning never restores weights, so a schedule can only grow, e.g. ph.cubic_schedule(0.0, 0.9, 10).",
    },
    "widget.fallback_schedule": {
        "ko": "▶ 이 셀을 실행하면 슬라이더와 입력 칸으로 희소성 스케줄을 바꿔 가며 그래프를 볼 수 있습니다.",
        "en": "▶ Run this cell to change the sparsity schedule with a slider and number fields and watch its graph.",
    },
    "schedule.final": {"ko": "최종 s_f", "en": "final s_f"},
    "schedule.initial": {"ko": "처음 s_i", "en": "initial s_i"},
    "schedule.steps": {"ko": "단계 수 n", "en": "steps n"},
    "schedule.label": {
        "ko": "희소성 {initial} → {final}, {steps}단계 · amount: k=1에서 {first:.3f}, k={steps}에서 {last:.3f}",
        "en": "sparsity {initial} → {final} in {steps} steps · amount {first:.3f} at k=1, {last:.3f} at k={steps}",
    },
    "schedule.tooltip": {
        "ko": "k={k} · 목표 희소성 {sparsity} · amount {amount:.4f}",
        "en": "k={k} · target sparsity {sparsity} · amount {amount:.4f}",
    },
    "schedule.x_axis": {"ko": "프루닝 단계 k", "en": "pruning step k"},
    "schedule.y_axis": {"ko": "목표 희소성", "en": "target sparsity"},
    "schedule.repr": {
        "ko": "희소성 스케줄 {initial} → {final}, {steps}단계",
        "en": "sparsity schedule {initial} → {final}, {steps} steps",
    },
    # --- plots -----------------------------------------------------------------------
    "plot.mask_title": {"ko": "{name}의 마스크: {kept}개 남김, {pruned}개 제거 (희소성 {sparsity})", "en": "Mask of {name}: {kept} kept, {pruned} pruned (sparsity {sparsity})"},
    "plot.out_axis": {"ko": "출력 채널 (필터)", "en": "output channel (filter)"},
    "plot.in_axis": {"ko": "입력 채널", "en": "input channel"},
    "plot.out_axis_linear": {"ko": "출력 특징 (행)", "en": "output feature (row)"},
    "plot.in_axis_linear": {"ko": "입력 특징 (열)", "en": "input feature (column)"},
    "plot.kept": {"ko": "남김 (1)", "en": "kept (1)"},
    "plot.pruned": {"ko": "제거 (0)", "en": "pruned (0)"},
    "plot.hist_title": {"ko": "0이 아닌 가중치의 분포 (0의 개수 {zeros})", "en": "Distribution of nonzero weights (zeros: {zeros})"},
    "plot.hist_x": {"ko": "가중치 값", "en": "weight value"},
    "plot.hist_y": {"ko": "개수", "en": "count"},
    "plot.picture": {"ko": "[그림] {title}", "en": "[figure] {title}"},
    "plot.sparsity_axis": {"ko": "희소성 (%)", "en": "sparsity (%)"},
    "plot.layer_sparsity_title": {"ko": "층별 가중치 희소성", "en": "Weight sparsity per layer"},
    # --- a small transformer (prune_helpers/transformer.py) -------------------------
    "error.not_transformer": {
        "ko": "어텐션 헤드가 있는 모델이 필요한데 받은 것은 {kind} 객체입니다. model = ph.tiny_vit()처럼 만든 모델(blocks 안의 attn.proj와 attn.heads)을 넘기세요.",
        "en": "Expected a model with attention heads but got a {kind}. Pass a model built like model = ph.tiny_vit() (blocks with attn.proj and attn.heads).",
    },
    "error.head_index": {
        "ko": "이 모델에는 {value!r}에 해당하는 헤드가 없습니다. (블록, 헤드) 정수 쌍을 모아 넘기세요. 마지막 헤드는 {last}입니다. 예: [(0, 1), (1, 3)]",
        "en": "This model has no head {value!r}. Pass (block, head) pairs of ints; the last head is {last}. Use e.g. [(0, 1), (1, 3)].",
    },
    "error.head_masks_present": {
        "ko": "이 모델의 attn.proj에는 이미 마스크가 있습니다. custom_from_mask를 다시 부르면 마스크가 곱해져서 꺼진 헤드가 돌아오지 않습니다. 헤드는 ph.set_heads_off(model, off)로 바꾸세요.",
        "en": "attn.proj of this model already has a mask. Another custom_from_mask would multiply into it, and a head switched off could never come back. Switch heads with ph.set_heads_off(model, off).",
    },
    "error.no_head_masks": {
        "ko": "이 모델의 attn.proj에는 헤드를 끄고 켤 마스크가 없습니다. 먼저 ph.add_head_masks(model)를 실행하세요.",
        "en": "attn.proj of this model has no mask to switch heads with. Run ph.add_head_masks(model) first.",
    },
    "error.not_digits": {
        "ko": "data에는 ph.load_digits_data()가 돌려준 데이터를 넘기세요. 받은 것은 {kind} 객체입니다.",
        "en": "data must be what ph.load_digits_data() returns, but got a {kind}. Pass e.g. data = ph.load_digits_data().",
    },
    "error.digits_contents": {
        "ko": "data의 {part} 부분이 숫자 데이터 모양이 아닙니다 (이미지 {images}, 레이블 {labels}). 이미지마다 0~9 사이 정수 레이블이 하나씩, 같은 장치에 있어야 합니다. ph.load_digits_data()가 돌려준 데이터를 넘기세요.",
        "en": "The {part} part of data is not shaped like the digits (images {images}, labels {labels}): each image needs one whole-number label from 0 to 9, on the same device. Pass what ph.load_digits_data() returns.",
    },
    "error.batch_of_one": {
        "ko": "학습 이미지 {n}장을 batch_size={batch_size}로 나누면 마지막 배치에 이미지가 한 장만 남는데, BatchNorm은 이미지가 두 장 이상이어야 학습할 수 있습니다. batch_size를 바꾸세요. 예: batch_size={example}",
        "en": "Splitting {n} training images into batches of {batch_size} leaves one image in the last batch, and BatchNorm needs at least two to train. Use another batch_size, e.g. batch_size={example}.",
    },
    "error.device_arg": {
        "ko": "device에는 이 컴퓨터에서 계산할 수 있는 장치를 넣으세요. 받은 값: {value!r}. 예: device=ph.pick_device() 또는 device='cpu'",
        "en": "device must be a device this computer can compute on, but got {value!r}. Use e.g. device=ph.pick_device() or device='cpu'.",
    },
    "error.device_missing": {
        "ko": "이 컴퓨터에는 {value} 장치가 없습니다. device=ph.pick_device()로 있는 장치를 고르세요 (GPU가 없으면 'cpu').",
        "en": "This computer has no {value} device. Use device=ph.pick_device(), which picks one that is here ('cpu' when there is no GPU).",
    },
    "error.dtype_arg": {
        "ko": "dtype에는 부동소수점 자료형을 넣으세요. 받은 값: {value!r}. 예: dtype=torch.float32 (보통) 또는 dtype=torch.float64",
        "en": "dtype must be a floating-point type, but got {value!r}. Use e.g. dtype=torch.float32 (the usual) or dtype=torch.float64.",
    },
    "error.seed_int": {
        "ko": "seed에는 정수를 넣으세요. 받은 값: {kind} {value!r}. 예: seed=0",
        "en": "seed must be a whole number, but got the {kind} {value!r}. Use e.g. seed=0.",
    },
    "error.number_arg": {
        "ko": "{arg}에는 유한한 수를 넣으세요. 받은 값: {value!r}. 예: {arg}={example}",
        "en": "{arg} must be a finite number, but got {value!r}. Use e.g. {arg}={example}.",
    },
    "error.fraction_list": {
        "ko": "{arg}에는 0.0 이상 1.0 이하 비율의 목록을 넣으세요. 받은 것: {kind}. 예: {arg}=[0.5, 0.9]",
        "en": "{arg} must be a list of fractions from 0.0 to 1.0, but got a {kind}. Use e.g. {arg}=[0.5, 0.9].",
    },
    "error.model_digits_input": {
        "ko": "{model} 모델에 숫자 이미지(모양 {shape})를 넣을 수 없습니다. 8×8 숫자 이미지용으로 만든 모델을 넘기세요. 예: ph.small_cnn(), ph.small_mlp()",
        "en": "{model} cannot take the digit images (shape {shape}). Pass a model built for the 8×8 digits, e.g. ph.small_cnn() or ph.small_mlp().",
    },
    "error.model_digits_output": {
        "ko": "{model} 모델의 출력 모양이 {shape}입니다. 숫자를 분류하려면 이미지마다 점수가 10개, 곧 [{n}, 10] 모양이어야 합니다. 숫자용 모델을 넘기세요. 예: ph.small_cnn()",
        "en": "{model} gives an output of shape {shape}; classifying the digits needs 10 scores per image, shape [{n}, 10]. Use e.g. ph.small_cnn().",
    },
    "error.no_float_parameters": {
        "ko": "{model} 모델에는 부동소수점 파라미터가 없어서 숫자 이미지를 처리할 수 없습니다. ph.small_cnn()처럼 층이 있는 모델을 넘기세요.",
        "en": "{model} has no floating-point parameters, so it cannot compute on the digit images. Pass a model with layers, e.g. ph.small_cnn().",
    },
    "error.nothing_to_train": {
        "ko": "{model} 모델에는 학습할 수 있는 파라미터(requires_grad=True)가 없습니다. ph.small_cnn()처럼 층이 있는 모델을 넘기세요.",
        "en": "{model} has no parameter that can learn (requires_grad=True). Pass a model with layers, e.g. ph.small_cnn().",
    },
    "error.prune_fn": {
        "ko": "prune_fn에는 (모델, 희소성)을 받아 프루닝한 모델을 돌려주는 함수를 넣으세요. 받은 것: {kind}. 예: prune_fn=ph.prune_globally",
        "en": "prune_fn must be a function that takes (model, sparsity) and returns the pruned model, but got a {kind}. Use e.g. prune_fn=ph.prune_globally.",
    },
    "error.prune_fn_result": {
        "ko": "prune_fn이 돌려준 값이 모델이 아닙니다 ({kind}). 함수 끝에 `return model`을 넣으세요.",
        "en": "prune_fn returned a {kind}, not the pruned model. Use `return model` as its last line.",
    },
    "error.curve_values": {
        "ko": "곡선 {label}의 값에는 숫자 목록을 넣으세요. 받은 것: {kind}. 예: [98.1, 97.5] 또는 (x 값 목록, y 값 목록)",
        "en": "The curve {label} must be a list of numbers, but got a {kind}. Use e.g. [98.1, 97.5], or (x values, y values).",
    },
    "error.vit_shape": {
        "ko": "이 TinyViT는 만들 수 없습니다. patch({patch})가 8의 약수가 되고 dim({dim})이 heads({heads})로 나누어떨어지게 고르세요. 예: TinyViT(patch=4, dim=32, heads=4)",
        "en": "Cannot build this TinyViT: patch ({patch}) must divide 8 and dim ({dim}) must be divisible by heads ({heads}). Use e.g. TinyViT(patch=4, dim=32, heads=4).",
    },
    "error.outlier_scale": {
        "ko": "scale에는 0보다 큰 유한한 수를 넣으세요. 받은 값: {value!r}. 반올림이 생기지 않게 2의 거듭제곱을 쓰세요. 예: scale=16.0",
        "en": "scale must be a finite number above 0, but got {value!r}. Use a power of two so nothing is rounded, e.g. scale=16.0.",
    },
    "error.feature_index": {
        "ko": "features에는 0부터 {last}까지의 서로 다른 정수를 하나 이상 넣으세요. 받은 값: {value!r}. 예: features=(0, 1)",
        "en": "features must hold one or more different ints from 0 to {last}, but got {value!r}. Use e.g. features=(0, 1).",
    },
    "heads.block": {"ko": "블록 {block}", "en": "block {block}"},
    "heads.head": {"ko": "헤드 {head}", "en": "head {head}"},
    "heads.accuracy": {
        "ko": "켜진 헤드 {on}/{total}개 · 시험 정확도 {accuracy:.2f}% (모든 헤드를 켰을 때 {dense:.2f}%)",
        "en": "heads on: {on} of {total} · test accuracy {accuracy:.2f}% (all heads on: {dense:.2f}%)",
    },
    "widget.fallback_heads": {
        "ko": "▶ 이 셀을 실행하면 헤드마다 하나씩 있는 체크박스로 헤드를 끄고 켜며 정확도를 볼 수 있습니다.",
        "en": "▶ Run this cell to switch heads off and on, one checkbox per head, and watch the accuracy.",
    },
    # --- sizes -----------------------------------------------------------------------
    "size.title": {"ko": "같은 모델을 여섯 가지 방식으로 저장한 크기 (희소성 {sparsity})", "en": "One model saved six ways (sparsity {sparsity})"},
    "size.format": {"ko": "저장 방식", "en": "format"},
    "size.bytes": {"ko": "바이트", "en": "bytes"},
    "size.ratio": {"ko": "밀집보다 작아진 배율", "en": "smaller than dense"},
    "size.limit": {"ko": "이론상 한계", "en": "limit"},
    "size.dense": {"ko": "밀집 (프루닝 전)", "en": "dense (before pruning)"},
    "size.masked": {"ko": "마스크 포함 (_orig + _mask)", "en": "masked (_orig + _mask)"},
    "size.removed": {"ko": "prune.remove 후 (0도 저장)", "en": "after prune.remove (zeros stored)"},
    "size.compressed": {"ko": "prune.remove 후 + zlib 압축", "en": "after prune.remove + zlib"},
    "size.bitmask_fp32": {"ko": "비트마스크 + fp32 값", "en": "bitmask + fp32 values"},
    "size.bitmask_fp16": {"ko": "비트마스크 + fp16 값 (손실 있음: 값을 반올림)", "en": "bitmask + fp16 values (lossy: values rounded)"},
    "yes": {"ko": "예", "en": "yes"},
    "no": {"ko": "아니요", "en": "no"},
    "semi.skip": {
        "ko": "건너뜀: 2:4 반구조적 희소성의 연산 커널은 연산 능력(compute capability) 8.0 이상인 NVIDIA GPU에만 있습니다. 이 컴퓨터에는 그런 GPU가 없습니다 (CPU용 연산 커널은 없습니다).",
        "en": "Skipped: 2:4 semi-structured sparse kernels exist only on NVIDIA GPUs with compute capability 8.0 or higher, and this machine has none (there is no CPU kernel).",
    },
    # --- speed ---------------------------------------------------------------------
    "speed.variant": {"ko": "모델", "en": "variant"},
    "speed.batch": {"ko": "배치", "en": "batch"},
    "speed.ms": {"ko": "중앙값 (ms)", "en": "median (ms)"},
    "speed.spread": {"ko": "최소–최대 (ms)", "en": "min–max (ms)"},
    "speed.speedup": {"ko": "밀집 대비 속도", "en": "speed-up"},
    "speed.flop_ratio": {"ko": "FLOP 감소 (한계)", "en": "FLOP ratio (limit)"},
    # --- explorer --------------------------------------------------------------------
    "explorer.method": {"ko": "방법", "en": "method"},
    "explorer.label": {
        "ko": "희소성 {sparsity}: {numel}개 중 {zeros}개가 0 (amount={amount:.2f})",
        "en": "Sparsity {sparsity}: {zeros} of {numel} are zero (amount={amount:.2f})",
    },
    "explorer.code": {"ko": "방금 실행한 PyTorch 코드:", "en": "The PyTorch call just made:"},
    "explorer.repr": {
        "ko": "AmountExplorer({method}, amount={amount:.2f}, 희소성 {sparsity})",
        "en": "AmountExplorer({method}, amount={amount:.2f}, sparsity {sparsity})",
    },
    "compare.label": {
        "ko": "희소성 {sparsity} · 남은 가중치의 평균 |w| {magnitude}",
        "en": "sparsity {sparsity} · mean |w| of kept weights {magnitude}",
    },
    "heatmap.bias": {"ko": "편향", "en": "bias"},
    "heatmap.bias_note": {
        "ko": "맨 오른쪽에 따로 떨어진 열은 편향입니다. 이 탐색기는 편향을 프루닝하지 않으므로 모두 남습니다.",
        "en": "The separate column on the right is the bias: the explorer does not prune it, so it is all kept.",
    },
    "heatmap.entry_axis": {"ko": "원소 번호", "en": "element index"},
    # what a widget cell shows before it has run (JupyterLab on an unrun notebook, GitHub, nbviewer)
    "widget.fallback": {
        "ko": "▶ 이 셀을 실행하면 직접 움직여 볼 수 있는 위젯이 나타납니다.",
        "en": "▶ Run this cell to get an interactive widget.",
    },
    "widget.fallback_explorer": {
        "ko": "▶ 이 셀을 실행하면 슬라이더와 히트맵으로 직접 해 볼 수 있습니다.",
        "en": "▶ Run this cell to use the interactive explorer (slider + heatmap).",
    },
    "widget.fallback_compare": {
        "ko": "▶ 이 셀을 실행하면 슬라이더 하나로 방법별 히트맵을 나란히 비교할 수 있습니다.",
        "en": "▶ Run this cell to compare the methods side by side (one slider, one heatmap per method).",
    },
    "widget.fallback_steps": {
        "ko": "▶ 이 셀을 실행하면 슬라이더로 단계마다 마스크를 넘겨 볼 수 있습니다.",
        "en": "▶ Run this cell to step through the masks with a slider.",
    },
    "widget.fallback_calculator": {
        "ko": "▶ 이 셀을 실행하면 슬라이더로 값을 바꿔 가며 결과를 볼 수 있습니다.",
        "en": "▶ Run this cell to move the sliders and watch the result.",
    },
    "steps.step": {"ko": "단계", "en": "step"},
    "steps.label": {"ko": "{title}: 희소성 {sparsity}", "en": "{title}: sparsity {sparsity}"},
    # --- words helpers and several lessons print (what one lesson alone prints is in its pack) ---
    "train.progress": {"ko": "학습", "en": "train"},
    "slider.steps": {"ko": "횟수", "en": "steps"},
    "model.dense": {"ko": "밀집", "en": "dense"},
    "model.masked": {"ko": "마스크", "en": "masked"},
    "model.compact": {"ko": "잘라 낸 {share}", "en": "compact {share}"},
    # --- exercises -------------------------------------------------------------------
    "exercise.no_answer": {
        "ko": "[{id}] 아직 답이 없습니다. answer=None 자리에 답을 넣고 셀을 다시 실행하세요.",
        "en": "[{id}] No answer yet. Put your answer in place of answer=None and run the cell again.",
    },
    "exercise.correct": {"ko": "[{id}] 정답입니다! {why}", "en": "[{id}] Correct! {why}"},
    "exercise.wrong": {"ko": "[{id}] 아직 아닙니다. 힌트: {hint}", "en": "[{id}] Not yet. Look again at: {hint}"},
    "exercise.form": {
        "ko": "[{id}] 아직 아닙니다. {problem} 힌트: {hint}",
        "en": "[{id}] Not yet. {problem} Look again at: {hint}",
    },
    "form.string_number": {
        "ko": "답이 문자열({value!r})입니다. 따옴표를 빼고 숫자로 쓰세요.",
        "en": "Your answer is a string ({value!r}): write the number without quotes.",
    },
    "form.string_bool": {
        "ko": "답이 문자열({value!r})입니다. 따옴표 없이 True 또는 False로 쓰세요.",
        "en": "Your answer is a string ({value!r}): write True or False without quotes.",
    },
    "form.string_list": {
        "ko": "답이 문자열({value!r})입니다. 따옴표를 빼고 값들을 리스트 [ ]나 튜플 ( )로 묶어 쓰세요.",
        "en": "Your answer is a string ({value!r}): write the values themselves in a list [ ] or a tuple ( ), without quotes.",
    },
    "form.single_name": {
        "ko": "답이 문자열 하나입니다. 이 문제는 이름들의 리스트로 답하세요. 예: ['a', 'b']",
        "en": "Your answer is a single string; this question wants a list of names, e.g. ['a', 'b'].",
    },
    "form.bool_for_number": {
        "ko": "답이 True/False 값({value!r})입니다. 이 문제는 숫자로 답하세요.",
        "en": "Your answer is True/False ({value!r}), but this question wants a number.",
    },
    "form.number_for_bool": {
        "ko": "답이 숫자({value!r})입니다. 이 문제는 True 또는 False로 답하세요.",
        "en": "Your answer is a number ({value!r}); answer this question with True or False.",
    },
    "form.not_number": {
        "ko": "답의 자료형이 {kind}입니다. 이 문제는 숫자 하나로 답하세요.",
        "en": "Your answer has the type {kind}; this question wants one number.",
    },
    "form.several_values": {
        "ko": "답에 값이 {count}개 들어 있습니다. 이 문제는 숫자 하나로 답하세요.",
        "en": "Your answer holds {count} values; this question wants one number.",
    },
    "form.not_list": {
        "ko": "답의 자료형이 {kind}입니다. 이 문제는 여러 값을 리스트 [ ]로 묶어 답하세요.",
        "en": "Your answer has the type {kind}; this question wants several values in a list [ ].",
    },
    "form.not_text": {
        "ko": "답의 자료형이 {kind}입니다. 이 문제는 따옴표로 감싼 이름(문자열)으로 답하세요. 예: 'name'",
        "en": "Your answer has the type {kind}; this question wants a name in quotes (a string), e.g. 'name'.",
    },
    "form.percent": {
        "ko": "답이 1보다 큽니다({value!r}). 백분율이 아니라 소수로 답하세요(0.25가 25%입니다).",
        "en": "Your answer ({value!r}) is more than 1: answer with a decimal fraction (0.25 means 25%), not a percentage.",
    },
}


def set_language(language: str) -> str:
    """Choose the language of every helper text from now on ('ko' or 'en')."""
    if not isinstance(language, str) or language not in LANGUAGES:
        raise PruneHelperError("language.unknown", value=language)
    _current["language"] = language
    return language


def get_language() -> str:
    """The language helper texts are written in now: 'ko' or 'en'."""
    return _current["language"]


def t(key: str, /, **values) -> str:
    """Return catalog text `key` in the current language, filled with `values`.

    A Korean particle right after a placeholder is made to agree with the value
    filled in (see `particles`): "{name!r}이라는" gives "'weight'라는" and
    "'conv1'이라는", "채널 {channel}은(는)" gives "채널 2는" and "채널 3은". A
    `True`/`False` value is written as a word of the current language.
    """
    try:
        template = entry(key)[_current["language"]]
    except (KeyError, TypeError):  # TypeError: an unhashable key
        raise PruneHelperError("error.unknown_text", key=key) from None
    try:
        return fill(template, values)
    except (KeyError, IndexError, AttributeError, ValueError) as error:
        if isinstance(error, PruneHelperError):
            raise
        needed = sorted({field.split(".")[0].split("[")[0] for _, field, _, _ in _pieces(template) if field})
        raise PruneHelperError("error.text_values", key=key, names=", ".join(needed)) from None


def entry(key: str) -> dict[str, str]:
    """The {"ko": ..., "en": ...} texts of `key`: from this catalog, or else from a lesson's pack."""
    if key in CATALOG:
        return CATALOG[key]
    from .packs import all_labels

    return all_labels()[key]


def every_text() -> dict[str, dict[str, str]]:
    """The shared catalog and every pack's labels, hints and explanations: what the text tests read."""
    from .packs import all_labels

    return {**CATALOG, **all_labels()}


_FORMATTER = string.Formatter()


@functools.lru_cache(maxsize=None)
def _pieces(template: str) -> tuple:
    return tuple(_FORMATTER.parse(template))


def fill(template: str, values: dict) -> str:
    """`template.format(**values)`, with each particle after a placeholder agreeing with its value."""
    return "".join(text for text, _ in filled_parts(template, values))


def filled_parts(template: str, values: dict) -> list[tuple[str, bool]]:
    """The filled template as (text, is_value) parts, literal text and values in turn."""
    parts, previous = [], None
    for literal, field, spec, conversion in _pieces(template):
        if literal:
            parts.append((particles.agree(previous, literal) if previous is not None else literal, False))
        if field is None:
            continue
        value = _FORMATTER.get_field(field, (), values)[0]
        if isinstance(value, bool) and conversion is None:
            value = CATALOG["yes" if value else "no"][_current["language"]]
        previous = _FORMATTER.format_field(_FORMATTER.convert_field(value, conversion), spec or "")
        parts.append((previous, True))
    return parts


class PruneHelperError(ValueError, TypeError):
    """A learner-facing error whose message comes from the catalog.

    It is both a ValueError and a TypeError so that code catching either of the
    built-in errors that PyTorch itself would raise still catches it.
    """

    def __init__(self, key: str, /, **values):
        self.key = key
        self.values = values
        super().__init__(t(key, **values))
