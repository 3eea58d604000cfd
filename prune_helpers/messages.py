"""The one ko/en message catalog: every text the helpers print, plot or raise.

Keeping all learner-facing text here means a Korean learner never meets an
English-only message, and a test can check that both languages have every key
with the same placeholders.
"""

from __future__ import annotations

import os

LANGUAGES = ("ko", "en")
_DEFAULT_LANGUAGE = "en"
_current = {"language": os.environ.get("PRUNE_HELPERS_LANG", _DEFAULT_LANGUAGE)}
if _current["language"] not in LANGUAGES:
    _current["language"] = _DEFAULT_LANGUAGE

CATALOG: dict[str, dict[str, str]] = {
    # --- language and lesson start -------------------------------------------------
    "language.name": {"ko": "한국어", "en": "English"},
    "language.unknown": {
        "ko": "지원하지 않는 언어입니다: {value!r}. 'ko' 또는 'en' 중 하나를 쓰세요.",
        "en": "Unsupported language: {value!r}. Use 'ko' or 'en'.",
    },
    "lesson.started": {
        "ko": "언어: {language} · 난수 시드(seed): {seed} · 토치 스레드: {threads}",
        "en": "Language: {language} · random seed: {seed} · torch threads: {threads}",
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
        "ko": "한글 글꼴 {font}을(를) 찾았습니다: 그림 제목의 한글이 제대로 보입니다.",
        "en": "Korean font {font} found: Korean titles in plots will render.",
    },
    "font.missing": {
        "ko": "한글 글꼴을 찾지 못했습니다. 'pip install koreanize-matplotlib'을 실행한 뒤 커널을 다시 시작하세요.",
        "en": "No Korean font found. Run 'pip install koreanize-matplotlib', then restart the kernel.",
    },
    "font.check_title": {"ko": "한글 글꼴 확인: 가중치 −1.5 … +1.5", "en": "Font check: 한글 and weights −1.5 … +1.5"},
    # --- errors: every one says what to do -------------------------------------------
    "error.not_module": {
        "ko": "nn.Module이 필요한데 {kind} 값을 받았습니다. 예: conv = nn.Conv2d(3, 2, 3) 처럼 층을 만들어 넘기세요.",
        "en": "Expected an nn.Module but got a {kind}. Pass a layer, e.g. conv = nn.Conv2d(3, 2, 3).",
    },
    "error.not_tensor": {
        "ko": "torch.Tensor가 필요한데 {kind} 값을 받았습니다. 예: conv.weight 를 넘기세요.",
        "en": "Expected a torch.Tensor but got a {kind}. Pass e.g. conv.weight.",
    },
    "error.unknown_name": {
        "ko": "{module}에는 {name!r}이라는 파라미터가 없습니다. name을 이 중 하나로 고치세요: {choices}.",
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
        "ko": "비율로 준 amount={value}: 0.0 이상 1.0 이하여야 합니다. 절반을 없애려면 amount=0.5 를 쓰세요.",
        "en": "A fractional amount={value} must be between 0.0 and 1.0. To remove half, use amount=0.5.",
    },
    "error.amount_count_range": {
        "ko": "개수로 준 amount={value}: 0 이상 {numel} 이하여야 합니다 ({name}의 원소는 {numel}개). 비율로 주려면 amount=0.5 처럼 실수를 쓰세요.",
        "en": "A count amount={value} must be between 0 and {numel} ({name} has {numel} elements). For a fraction, use a float such as amount=0.5.",
    },
    "error.unknown_method": {
        "ko": "알 수 없는 프루닝 방법 {value!r}입니다. 다음 중 하나를 쓰세요: {choices}.",
        "en": "Unknown pruning method {value!r}. Use one of: {choices}.",
    },
    "error.already_pruned": {
        "ko": "이 모듈은 이미 프루닝되어 있습니다. 탐색기는 깨끗한 층이 필요합니다: 새 층을 만들거나 먼저 prune.remove(module, {name!r})를 실행하세요.",
        "en": "This module is already pruned. The explorer needs a clean layer: build a new one, or run prune.remove(module, {name!r}) first.",
    },
    "error.unknown_exercise": {
        "ko": "연습 문제 {value!r}는 없습니다. 이 중 하나를 쓰세요: {choices}.",
        "en": "There is no exercise {value!r}. Use one of: {choices}.",
    },
    "error.not_pruned_picture": {
        "ko": "{module}의 {name!r}에는 아직 마스크가 없습니다. 먼저 prune.random_unstructured(module, name={name!r}, amount=0.5) 처럼 프루닝하세요.",
        "en": "{name!r} of {module} has no mask yet. Prune it first, e.g. prune.random_unstructured(module, name={name!r}, amount=0.5).",
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
    "table.empty": {"ko": "(없음)", "en": "(none)"},
    "kind.parameter": {"ko": "파라미터", "en": "parameter"},
    "kind.buffer": {"ko": "버퍼", "en": "buffer"},
    "kind.hook": {"ko": "forward pre-hook", "en": "forward pre-hook"},
    "kind.computed": {"ko": "계산된 속성", "en": "computed attribute"},
    "hook.detail": {"ko": "{method}: forward 직전마다 {name} 값을 다시 계산", "en": "{method}: recomputes {name} before every forward"},
    "computed.detail": {"ko": "{name}_orig * {name}_mask", "en": "{name}_orig * {name}_mask"},
    "change.added": {"ko": "추가됨", "en": "added"},
    "change.removed": {"ko": "사라짐", "en": "removed"},
    "change.renamed": {"ko": "이름 바뀜", "en": "renamed"},
    "change.changed": {"ko": "바뀜", "en": "changed"},
    "change.none": {"ko": "달라진 것이 없습니다.", "en": "Nothing changed."},
    "diff.renamed": {"ko": "{old} → {new} (원래 값이 여기에 보관됨)", "en": "{old} → {new} (the original values live here now)"},
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
    "plot.unstructured_title": {"ko": "비정형: 낱개 가중치를 제거", "en": "Unstructured: single weights removed"},
    "plot.structured_title": {"ko": "구조적: 필터 전체를 제거", "en": "Structured: whole filters removed"},
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
    # --- exercises -------------------------------------------------------------------
    "exercise.no_answer": {
        "ko": "[{id}] 아직 답이 없습니다. answer=None 자리에 답을 넣고 셀을 다시 실행하세요.",
        "en": "[{id}] No answer yet. Put your answer in place of answer=None and run the cell again.",
    },
    "exercise.correct": {"ko": "[{id}] 정답입니다! {why}", "en": "[{id}] Correct! {why}"},
    "exercise.wrong": {"ko": "[{id}] 아직 아닙니다. 다시 볼 곳: {hint}", "en": "[{id}] Not yet. Look again at: {hint}"},
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
    "ex.01-3.why": {"ko": "축의 순서를 알면 어떤 조각을 잘라낼지 고를 수 있습니다.", "en": "Knowing the axis order tells you which slices you can cut."},
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
}


def set_language(language: str) -> str:
    """Choose the language of every helper text from now on ('ko' or 'en')."""
    if language not in LANGUAGES:
        raise PruneHelperError("language.unknown", value=language)
    _current["language"] = language
    return language


def get_language() -> str:
    return _current["language"]


def t(key: str, **values) -> str:
    """Return catalog text `key` in the current language, filled with `values`."""
    return CATALOG[key][_current["language"]].format(**values)


class PruneHelperError(ValueError, TypeError):
    """A learner-facing error whose message comes from the catalog.

    It is both a ValueError and a TypeError so that code catching either of the
    built-in errors that PyTorch itself would raise still catches it.
    """

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(t(key, **values))
