"""The one ko/en message catalog: every text the helpers print, plot or raise.

Keeping all learner-facing text here means a Korean learner never meets an
English-only message, and a test can check that both languages have every key
with the same placeholders.
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
    "plot.unstructured_title": {"ko": "비구조적: 낱개 가중치를 제거", "en": "Unstructured: single weights removed"},
    "plot.structured_title": {"ko": "구조적: 필터 전체를 제거", "en": "Structured: whole filters removed"},
    "plot.local": {"ko": "지역 (층마다 50%)", "en": "local (50% per layer)"},
    "plot.global": {"ko": "전역 (전체 50%)", "en": "global (50% overall)"},
    "plot.before": {"ko": "프루닝 전", "en": "before pruning"},
    "plot.sparsity_axis": {"ko": "희소성 (%)", "en": "sparsity (%)"},
    "plot.layer_sparsity_title": {"ko": "층별 가중치 희소성", "en": "Weight sparsity per layer"},
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
    "plot.acc_axis": {"ko": "시험 정확도 (%)", "en": "test accuracy (%)"},
    "plot.params_gone_axis": {"ko": "없어진 파라미터의 비율 (편향 포함)", "en": "share of all parameters gone (biases included)"},
    "plot.sparsity_frac_axis": {"ko": "없앤 가중치의 비율", "en": "share of weights removed"},
    "plot.sensitivity_title": {"ko": "층별 민감도: 한 층만 프루닝했을 때 (미세 조정 없음)", "en": "Sensitivity: one layer pruned at a time (no fine-tuning)"},
    "plot.curves_title": {"ko": "희소성에 따른 정확도 (전역 L1)", "en": "Accuracy against sparsity (global L1)"},
    "plot.structure_title": {"ko": "실제로 없앤 파라미터에 따른 정확도", "en": "Accuracy against parameters really removed"},
    "plot.dense": {"ko": "밀집 모델", "en": "dense model"},
    "curve.oneshot": {"ko": "한 번에 (미세 조정 없음)", "en": "one-shot (no fine-tuning)"},
    "curve.finetune": {"ko": "한 번에 + 미세 조정 2에폭", "en": "one-shot + 2 epochs fine-tuning"},
    "curve.iterative": {"ko": "반복 (단계마다 2에폭)", "en": "iterative (2 epochs per step)"},
    "curve.unstructured": {"ko": "비구조적 + 미세 조정", "en": "unstructured + fine-tuning"},
    "curve.structured": {"ko": "구조적 (필터) + 미세 조정", "en": "structured (filters) + fine-tuning"},
    "curve.global": {"ko": "전역", "en": "global"},
    "curve.uniform": {"ko": "층마다 같은 비율", "en": "uniform per layer"},
    "result.dense_longer": {
        "ko": "밀집 + {epochs}에폭 더 학습: {accuracy:.1f}%",
        "en": "dense + {epochs} more epochs: {accuracy:.1f}%",
    },
    "result.structured_point": {
        "ko": "구조적: 파라미터 {removed:.1%} 제거 → 정확도 {accuracy:.1f}%",
        "en": "structured: {removed:.1%} of parameters removed → {accuracy:.1f}% accuracy",
    },
    "yes": {"ko": "예", "en": "yes"},
    "no": {"ko": "아니요", "en": "no"},
    "result.compression": {
        "ko": "밀집 {dense:.2f}% → 프루닝 {pruned:.2f}% ({change:+.2f}%p) · 남은 파라미터 {kept:.2%} → {ratio:.1f}배 압축",
        "en": "dense {dense:.2f}% → pruned {pruned:.2f}% ({change:+.2f} points) · parameters kept {kept:.2%} → {ratio:.1f}× compression",
    },
    "result.target": {
        "ko": "목표(12배 이상 압축, 정확도 하락 0.5%p 이내) 달성 여부: {met}",
        "en": "Target (≥ 12× compression, within 0.5 points of dense) met: {met}",
    },
    "semi.skip": {
        "ko": "건너뜀: 2:4 반구조적 희소성의 연산 커널은 연산 능력(compute capability) 8.0 이상인 NVIDIA GPU에만 있습니다. 이 컴퓨터에는 그런 GPU가 없습니다 (CPU용 연산 커널은 없습니다).",
        "en": "Skipped: 2:4 semi-structured sparse kernels exist only on NVIDIA GPUs with compute capability 8.0 or higher, and this machine has none (there is no CPU kernel).",
    },
    "semi.result": {
        "ko": "{device}: 밀집 {dense:.3f} ms, 2:4 희소 {sparse:.3f} ms → {ratio:.2f}배",
        "en": "{device}: dense {dense:.3f} ms, 2:4 sparse {sparse:.3f} ms → {ratio:.2f}×",
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
    "calc.compound": {
        "ko": "amount={amount:.2f}(으)로 {steps}번 프루닝하면 희소성은 {result}입니다 ({steps} × {amount:.2f}이(가) 아닙니다)",
        "en": "Pruning amount={amount:.2f} {steps} times gives sparsity {result} (not {steps} × {amount:.2f})",
    },
    "calc.between": {
        "ko": "출력 채널 {p_out:.0%}, 입력 채널 {p_in:.0%}을(를) 없애면 두 층 사이 가중치의 {result}이(가) 사라집니다",
        "en": "Removing {p_out:.0%} of output and {p_in:.0%} of input channels removes {result} of the weights between the layers",
    },
    # --- lesson outputs: what the lessons' own code cells print ------------------------
    "train.progress": {"ko": "학습", "en": "train"},
    "slider.steps": {"ko": "횟수", "en": "steps"},
    "model.dense": {"ko": "밀집", "en": "dense"},
    "model.masked": {"ko": "마스크", "en": "masked"},
    "model.removed": {"ko": "remove 후", "en": "removed"},
    "model.compact": {"ko": "잘라 낸 {share}", "en": "compact {share}"},
    "out.removed_vs_kept": {
        "ko": "없앤 것 중 최대 {removed:.4f} · 남긴 것 중 최소 {kept:.4f}",
        "en": "largest removed {removed:.4f}  smallest kept {kept:.4f}",
    },
    "out.output_change": {"ko": "출력의 상대 변화 {error:.3f}", "en": "relative output change {error:.3f}"},
    "out.mean_kept": {"ko": "남은 가중치의 평균 |w| {magnitude:.4f}", "en": "mean |w| kept {magnitude:.4f}"},
    "out.filter_norms": {"ko": "노름 {norms} · 없앨 필터 {removed}", "en": "norms {norms}  removed filters {removed}"},
    "out.empty_filters": {"ko": "빈 필터 {filters}", "en": "empty filters {filters}"},
    "out.kept_filters": {"ko": "남긴 필터 {filters}", "en": "kept filters {filters}"},
    "out.removed_filter_output": {
        "ko": "없앤 필터가 내보내는 가장 큰 값 {value:.4f}",
        "en": "largest output of a removed filter {value:.4f}",
    },
    "out.largest_difference": {"ko": "가장 큰 차이 {value:.2e}", "en": "largest difference {value:.2e}"},
    "out.parameters": {"ko": "파라미터 {before} -> {after}", "en": "parameters {before} -> {after}"},
    "out.removed_formula": {
        "ko": "p={p:.2f}: 없어지는 비율 {removed:.4f}, 식 1-(1-p)^2 = {formula:.4f}",
        "en": "p={p:.2f}: removed {removed:.4f}, formula 1-(1-p)^2 = {formula:.4f}",
    },
    "out.after_step": {"ko": "{step}단계 뒤: {sparsity:.4f}", "en": "after step {step}: {sparsity:.4f}"},
    "out.formula_measured": {
        "ko": "{step}단계: 식 {formula:.4f} · 측정 {measured:.4f}",
        "en": "step {step}: formula {formula:.4f}  measured {measured:.4f}",
    },
    "out.fan_in": {
        "ko": "입력 수(fan-in) {fan_in:4d} · 평균 |w| {mean:.4f}",
        "en": "fan-in {fan_in:4d}  mean |w| {mean:.4f}",
    },
    "out.model_counts": {
        "ko": "저장된 값 {stored:>6,} · 0이 아닌 값 {nonzero:>6,} · FLOP {flops:>10,}",
        "en": "stored {stored:>6,}  nonzero {nonzero:>6,}  FLOPs {flops:>10,}",
    },
    "out.compact_size": {
        "ko": "{size:>8,}바이트 · 밀집보다 {ratio:.2f}배 작음",
        "en": "{size:>8,} bytes  {ratio:.2f}× smaller",
    },
    "out.csr": {
        "ko": "희소성 {sparsity:.0%}: 밀집 {dense:6.2f} ms · CSR {csr:6.2f} ms → {ratio:5.2f}배",
        "en": "sparsity {sparsity:.0%}: dense {dense:6.2f} ms  CSR {csr:6.2f} ms  -> {ratio:5.2f}×",
    },
    "out.prune_after_compile": {"ko": "컴파일한 뒤 프루닝:", "en": "prune after compile :"},
    "out.prune_before_compile": {"ko": "프루닝한 뒤 컴파일:", "en": "prune before compile:"},
    "out.finetune": {
        "ko": "미세 조정 에폭 {epochs} · 정확도 {accuracy:.1f}% · 가중치 희소성 {sparsity:.2f}",
        "en": "fine-tuning epochs {epochs} · accuracy {accuracy:.1f}% · weight sparsity {sparsity:.2f}",
    },
    "out.deploy_accuracy": {
        "ko": "밀집 {dense:.1f}% → 프루닝 80% + 미세 조정 {pruned:.1f}%",
        "en": "dense {dense:.1f}% → pruned 80% + fine-tuned {pruned:.1f}%",
    },
    "out.int8_close": {
        "ko": "int8 모델의 정확도가 fp32 모델과 1%p 이내: {close}",
        "en": "int8 accuracy within 1 point of fp32: {close}",
    },
    "size.zlib_title": {
        "ko": "zlib으로 압축한 크기, 밀집 fp32 모델과 비교",
        "en": "zlib-compressed size, compared with the dense fp32 model",
    },
    "size.dense_fp32": {"ko": "밀집 fp32", "en": "dense fp32"},
    "size.pruned_fp32": {"ko": "프루닝 80% fp32", "en": "pruned 80% fp32"},
    "size.dense_int8": {"ko": "밀집 int8", "en": "dense int8"},
    "size.pruned_int8": {"ko": "프루닝 80% + int8", "en": "pruned 80% + int8"},
    "out.smaller": {"ko": "{ratio:.1f}배 작음", "en": "{ratio:.1f}× smaller"},
    "out.mask_memory": {
        "ko": "파라미터 + 버퍼 {before:,}바이트 → 프루닝 뒤 {after:,}바이트 ({ratio:.2f}배) · 계산된 weight까지 {computed:,}바이트 ({computed_ratio:.2f}배)",
        "en": "parameters + buffers {before:,} bytes → after pruning {after:,} bytes ({ratio:.2f}×) · with the computed weights {computed:,} bytes ({computed_ratio:.2f}×)",
    },
    "out.masks_agree": {"ko": "모든 랭크의 마스크가 같음: {agree}", "en": "all ranks hold the same mask: {agree}"},
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
    "ex.00-1.hint": {
        "ko": "GPU가 없는 컴퓨터에서 torch.cuda.is_available()이 무엇을 돌려주는지, 그때 pick_device가 고르는 장치 이름(문자열)을 생각해 보세요.",
        "en": "what torch.cuda.is_available() returns without a GPU, and which device name (a string) pick_device falls back to.",
    },
    "ex.00-1.why": {"ko": "GPU가 없으면 모든 계산은 CPU에서 합니다.", "en": "Without a GPU, everything runs on the CPU."},
    "ex.00-2.hint": {
        "ko": "시드를 정한 뒤 torch.rand를 두 번 부르면, 두 번째 값은 난수열의 다음 값입니다. True 또는 False로 답하세요.",
        "en": "after seeding, a second torch.rand call draws the *next* number of the sequence. Answer True or False.",
    },
    "ex.00-2.why": {
        "ko": "시드는 난수열의 시작점을 정할 뿐, 뽑을 때마다 다음 값으로 넘어갑니다.",
        "en": "A seed fixes where the sequence starts; every draw moves it on.",
    },
    "ex.01-1.hint": {
        "ko": "weight.shape의 첫 번째 축이 무엇인지, 그리고 nn.Conv2d의 두 번째 인자가 무엇인지 다시 보세요.",
        "en": "what the first axis of weight.shape means, and what the second argument of nn.Conv2d is.",
    },
    "ex.01-1.why": {"ko": "필터 하나가 출력 채널 하나를 만듭니다.", "en": "Each filter makes one output channel."},
    "ex.01-2.hint": {
        "ko": "weight의 원소 수(네 축의 곱)와 bias의 원소 수를 더하세요. p.numel()이 도와줍니다.",
        "en": "add the number of elements of weight (the product of its four axes) and of bias. p.numel() helps.",
    },
    "ex.01-2.why": {"ko": "파라미터 수는 모든 파라미터 텐서의 원소 수의 합입니다.", "en": "A parameter count is the sum of the elements of every parameter tensor."},
    "ex.01-3.hint": {
        "ko": "weight 모양은 [출력 채널, 입력 채널, 커널 높이, 커널 너비] 순서입니다. 튜플로 답하세요.",
        "en": "a weight's shape is [out_channels, in_channels, kernel height, kernel width]. Answer with a tuple.",
    },
    "ex.01-3.why": {"ko": "축의 순서를 알면 어떤 조각을 잘라 낼지 고를 수 있습니다.", "en": "Knowing the axis order tells you which slices you can cut."},
    "ex.02-1.hint": {
        "ko": "amount가 실수이면 전체 원소 수에 곱한 뒤 반올림한 개수만큼 0이 됩니다. 원소 수는 몇 개였나요?",
        "en": "a float amount is multiplied by the number of elements and rounded. How many elements were there?",
    },
    "ex.02-1.why": {"ko": "amount=0.5는 '원소의 절반'이라는 뜻입니다.", "en": "amount=0.5 means 'half of the elements'."},
    "ex.02-2.hint": {
        "ko": "실수 amount × 원소 수를 계산하고 반올림(round)하세요.",
        "en": "compute float amount × number of elements, then round it.",
    },
    "ex.02-2.why": {"ko": "PyTorch는 round(amount × 원소 수)개를 제거합니다.", "en": "PyTorch removes round(amount × number of elements) entries."},
    "ex.02-3.hint": {
        "ko": "프루닝은 마스크를 파라미터가 아니라 버퍼로 등록합니다. 이름 끝에 붙는 말을 떠올리고, 이름들의 리스트로 답하세요.",
        "en": "pruning registers masks as buffers, not parameters. Recall the suffix, and answer with a list of names.",
    },
    "ex.02-3.why": {
        "ko": "버퍼는 학습되지 않지만 state_dict에 저장되고 .to(device)를 따라갑니다.",
        "en": "Buffers are not trained, but they are saved in the state_dict and follow .to(device).",
    },
    "ex.03-1.hint": {
        "ko": 'l1_unstructured는 절댓값 |w|가 가장 작은 것부터 없앱니다. 부호는 상관없습니다. 남는 값들을 리스트로 답하세요.',
        "en": 'l1_unstructured removes the smallest absolute values |w| first; the sign does not matter. Answer with a list of the values that stay.',
    },
    "ex.03-1.why": {"ko": '크기 기반 프루닝은 값의 크기만 봅니다. -0.9는 크기가 큰 가중치입니다.', "en": 'Magnitude pruning looks at size only: -0.9 is a large weight.'},
    "ex.03-2.hint": {
        "ko": 'amount × 원소 수를 먼저 계산하세요. 파이썬의 round는 .5로 끝나는 수를 가장 가까운 짝수로 반올림합니다.',
        "en": "compute amount × elements first; Python's round sends a number ending in .5 to the nearest even integer.",
    },
    "ex.03-2.why": {"ko": 'PyTorch는 round(amount × 원소 수)를 쓰고, round(2.5)는 짝수 쪽으로 반올림됩니다.', "en": 'PyTorch uses round(amount × elements), and round(2.5) rounds to the even side.'},
    "ex.04-1.hint": {
        "ko": 'dim=0이면 필터 단위로 셉니다. 필터는 몇 개이고, 그 가운데 amount만큼은 몇 개인가요?',
        "en": 'with dim=0 the unit is a filter. How many filters are there, and how many is that amount of them?',
    },
    "ex.04-1.why": {"ko": '구조적 프루닝의 amount는 dim 축의 조각 수에 곱해집니다.', "en": 'A structured amount is a share of the slices along dim.'},
    "ex.04-2.hint": {
        "ko": '남는 가중치는 (1 − p_out) × (1 − p_in)입니다. 없어지는 비율을 소수로 답하세요.',
        "en": 'the weights that stay are (1 − p_out) × (1 − p_in). Answer with the removed share as a decimal.',
    },
    "ex.04-2.why": {"ko": '출력과 입력 채널을 함께 줄이면 효과가 곱해져서 1 − (1 − p)²만큼 사라집니다.', "en": 'Cutting output and input channels multiplies: 1 − (1 − p)².'},
    "ex.05-1.hint": {
        "ko": '두 번째 amount는 아직 남아 있는 가중치에만 적용됩니다. 소수로 답하세요.',
        "en": 'the second amount applies only to the weights still alive. Answer as a decimal.',
    },
    "ex.05-1.why": {"ko": '반복 프루닝은 누적되므로 1 − (1 − 0.5)²입니다.', "en": 'Iterative pruning compounds: 1 − (1 − 0.5)².'},
    "ex.05-2.hint": {
        "ko": '같은 파라미터를 여러 번 프루닝하면 훅은 하나뿐이고, 그 안의 PruningContainer가 방법을 모아 둡니다.',
        "en": 'pruning one parameter several times keeps one hook; the PruningContainer inside it collects the methods.',
    },
    "ex.05-2.why": {"ko": 'PruningContainer._pruning_methods에 호출마다 하나씩 쌓입니다.', "en": 'PruningContainer._pruning_methods gains one entry per call.'},
    "ex.06-1.hint": {
        "ko": '전역 프루닝은 모든 층의 가중치를 한 줄로 세워 크기를 비교합니다. 한 층의 가중치가 모두 작으면 어떻게 될까요? True 또는 False로 답하세요.',
        "en": "global pruning ranks the weights of all layers together. What if one layer's weights are all small? Answer True or False.",
    },
    "ex.06-1.why": {"ko": '전역 프루닝은 층마다 다른 희소성을 만듭니다.', "en": 'Global pruning gives each layer its own sparsity.'},
    "ex.06-2.hint": {
        "ko": 'Conv2d와 Linear 층을 세어 보세요. ReLU나 풀링 층에는 가중치가 없습니다.',
        "en": 'count the Conv2d and Linear layers; ReLU and pooling layers have no weights.',
    },
    "ex.06-2.why": {"ko": '(모듈, 이름) 쌍 하나가 가중치 텐서 하나입니다.', "en": 'Each (module, name) pair is one weight tensor.'},
    "ex.07-1.hint": {
        "ko": 'prune.remove는 weight_orig와 weight_mask를 곱해 평범한 파라미터 weight 하나로 굳힙니다. 그러면 버퍼는 무엇이 남나요?',
        "en": 'prune.remove folds weight_orig and weight_mask back into a plain parameter weight. Which buffers remain?',
    },
    "ex.07-1.why": {"ko": 'remove 뒤에는 마스크가 사라지고 0은 weight 안에 그대로 남습니다.', "en": 'After remove the mask is gone and the zeros stay inside weight.'},
    "ex.07-2.hint": {
        "ko": '마스크를 씌운 state_dict에는 weight_orig와 weight_mask가 모두 들어 있습니다. 둘 다 같은 크기의 float 텐서입니다.',
        "en": 'a masked state_dict holds both weight_orig and weight_mask, two float tensors of the same size.',
    },
    "ex.07-2.why": {"ko": '마스크도 float32라서 파일이 약 두 배가 됩니다.', "en": 'The mask is float32 too, so the file roughly doubles.'},
    "ex.08-1.hint": {
        "ko": '2:4는 4개마다 2개를 남깁니다. 0이 되는 비율을 소수로 답하세요.',
        "en": '2:4 keeps 2 of every 4. Answer with the zero share as a decimal.',
    },
    "ex.08-1.why": {"ko": 'N:M 희소성은 1 − N/M입니다.', "en": 'N:M sparsity is 1 − N/M.'},
    "ex.08-2.hint": {
        "ko": 'prune.identity는 아무것도 없애지 않지만 weight_orig, weight_mask, 훅을 만듭니다. True 또는 False로 답하세요.',
        "en": 'prune.identity removes nothing, yet it creates weight_orig, weight_mask and the hook. Answer True or False.',
    },
    "ex.08-2.why": {"ko": 'is_pruned는 프루닝 훅이 있는지만 봅니다.', "en": 'is_pruned only checks for a pruning hook.'},
    "ex.09-1.hint": {
        "ko": '압축 배율은 (전체 파라미터) ÷ (남은 파라미터)입니다. 남은 비율의 역수를 계산해 정수로 답하세요.',
        "en": 'compression is (all parameters) ÷ (parameters kept): take the reciprocal of the kept share and answer with an integer.',
    },
    "ex.09-1.why": {"ko": '8.3%만 남기면 1 / 0.083 ≈ 12배입니다.', "en": 'Keeping 8.3% means 1 / 0.083 ≈ 12×.'},
    "ex.09-2.hint": {
        "ko": 'ph.small_cnn()의 층마다 weight.numel()을 비교해 보세요. 층 이름(문자열)으로 답하세요.',
        "en": "compare weight.numel() for each layer of ph.small_cnn(). Answer with the layer's name (a string).",
    },
    "ex.09-2.why": {"ko": '가중치가 적은 층은 하나하나가 중요해서 프루닝에 민감한 경우가 많습니다.', "en": 'A layer with few weights relies on each of them, so it is often sensitive.'},
    "ex.10-1.hint": {
        "ko": '합성곱의 FLOP는 입력 채널 수 × 출력 채널 수에 비례합니다. 둘 다 절반이 되면 몇 분의 일이 되나요? 배율을 정수로 답하세요.',
        "en": "a convolution's FLOPs scale with input channels × output channels. If both halve, by what factor do they drop? Answer with an integer.",
    },
    "ex.10-1.why": {"ko": '두 축이 모두 절반이면 0.5 × 0.5 = 1/4입니다.', "en": 'Both axes halved: 0.5 × 0.5 = 1/4.'},
    "ex.10-2.hint": {
        "ko": 'float32는 몇 비트이고, 1바이트는 몇 비트인가요? 바이트 수를 정수로 답하세요.',
        "en": 'how many bits is a float32, and how many bits are in a byte? Answer with the number of bytes.',
    },
    "ex.10-2.why": {"ko": '0도 float32로 저장하면 다른 숫자와 똑같이 4바이트를 차지합니다.', "en": 'A zero stored as float32 takes the same 4 bytes as any number.'},
    "ex.11-1.hint": {
        "ko": "global_unstructured에는 가중치가 있는 층마다 (모듈, 'weight') 쌍이 하나씩 필요합니다. ReLU에는 가중치가 없습니다.",
        "en": "global_unstructured needs one (module, 'weight') pair per layer with weights; ReLU has none.",
    },
    "ex.11-1.why": {"ko": '쌍의 리스트가 곧 프루닝할 텐서의 목록입니다.', "en": 'The list of pairs is the list of tensors to prune.'},
    "ex.11-2.hint": {
        "ko": '마스크는 버퍼입니다. 버퍼는 .to(device)를 따라가나요? True 또는 False로 답하세요.',
        "en": 'masks are buffers. Do buffers follow .to(device)? Answer True or False.',
    },
    "ex.11-2.why": {"ko": '버퍼는 파라미터와 함께 옮겨지므로 마스크를 따로 옮길 필요가 없습니다.', "en": 'Buffers move with the parameters, so masks need no separate move.'},
}


def set_language(language: str) -> str:
    """Choose the language of every helper text from now on ('ko' or 'en')."""
    if language not in LANGUAGES:
        raise PruneHelperError("language.unknown", value=language)
    _current["language"] = language
    return language


def get_language() -> str:
    return _current["language"]


def t(key: str, /, **values) -> str:
    """Return catalog text `key` in the current language, filled with `values`.

    A Korean particle right after a placeholder is made to agree with the value
    filled in (see `particles`): "{name!r}이라는" gives "'weight'라는" and
    "'conv1'이라는", "채널 {channel}은(는)" gives "채널 2는" and "채널 3은". A
    `True`/`False` value is written as a word of the current language.
    """
    return fill(CATALOG[key][_current["language"]], values)


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
