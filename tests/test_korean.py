"""The Korean edition keeps the rules of lessons/TRANSLATION.md where a machine can check them.

- Particles (조사) agree with the word before them: after a glossary term the
  build expands, and after a value the catalog fills in.
- Every glossary term is glossed, 한글(English), at its first use in every
  Korean lesson, and one Korean word names one concept.
- A Korean notebook prints Korean: no English words in its outputs apart from
  code (identifiers, reprs, PyTorch's own errors, third-party tables) and numbers.
  This reads the stored outputs of notebooks/ko, so it passes once the notebooks
  are regenerated; point KOREAN_NOTEBOOKS at another folder to check freshly
  executed notebooks, or run `python tests/test_korean.py some.ipynb ...`.
- Korean and English lessons have the same headings (number and levels).
"""

from __future__ import annotations

import ast
import html
import os
import re
import string
import sys
from pathlib import Path

import nbformat
import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]

from lesson_build import build  # noqa: E402

from prune_helpers import messages  # noqa: E402
from prune_helpers.particles import CONSONANT, RIEUL, VOWEL, attach, final_sound, split_particle  # noqa: E402

LESSONS = build.lessons()
GLOSSARY = build.read_glossary()


# --- particles -----------------------------------------------------------------------------------


@pytest.mark.parametrize("word, end", [
    ("편향", CONSONANT), ("마스크", VOWEL), ("커널", RIEUL), ("필터", VOWEL), ("훅", CONSONANT),
    ("0", CONSONANT), ("1", RIEUL), ("2", VOWEL), ("3", CONSONANT), ("4", VOWEL), ("5", VOWEL),
    ("6", CONSONANT), ("7", RIEUL), ("8", RIEUL), ("9", VOWEL), ("10", CONSONANT), ("100", CONSONANT),
    ("1,562", VOWEL), ("0.20", CONSONANT), ("0.25", VOWEL), ("36.0%", VOWEL), ("12×", VOWEL),
    ("'weight'", VOWEL), ("'bias'", VOWEL), ("conv1", RIEUL), ("conv3", CONSONANT), ("fc", VOWEL),
    ("GPU", VOWEL), ("CSR", RIEUL), ("fp16", CONSONANT), ("fp32", VOWEL), ("NanumGothic", CONSONANT),
    ("Linear", VOWEL), ("Sequential", RIEUL), ("module", RIEUL), ("norm", CONSONANT), ("hook", CONSONANT),
    ("zlib", CONSONANT), ("Conv2d", VOWEL), ("None", CONSONANT), ("", None), ("…", None),
])
def test_final_sound_reads_words_numbers_and_code_as_a_korean_reader_does(word, end):
    assert final_sound(word) == end


@pytest.mark.parametrize("end, particle, expected", [
    (CONSONANT, "은(는)", "은"), (VOWEL, "은(는)", "는"), (RIEUL, "는", "은"),
    (CONSONANT, "가", "이"), (VOWEL, "이(가)", "가"), (CONSONANT, "를", "을"), (VOWEL, "을(를)", "를"),
    (CONSONANT, "와", "과"), (VOWEL, "과(와)", "와"),
    (CONSONANT, "로", "으로"), (RIEUL, "으로", "로"), (VOWEL, "(으)로", "로"), (CONSONANT, "로는", "으로는"),
    (VOWEL, "이라는", "라는"), (CONSONANT, "라는", "이라는"), (RIEUL, "(이)라고", "이라고"), (VOWEL, "이나", "나"),
    (None, "는", "은(는)"), (None, "로", "(으)로"),
])
def test_attach_chooses_the_particle_by_the_final_sound(end, particle, expected):
    assert attach(end, particle) == expected


def test_only_real_particles_are_split_off():
    assert split_particle("는 뜻") == ("는", " 뜻")
    assert split_particle("이라는 이름") == ("이라는", " 이름")
    assert split_particle("로서 쓴다") == ("로서", " 쓴다")
    for text in ("의 모양", "에는", "개", "이다.", "이고 ", "입니다", "로그", "이름", " 는"):
        assert split_particle(text) == ("", text)


def test_expanded_glossary_terms_take_the_particle_of_the_korean_word():
    glossary = {"bias": build.Term("편향", "bias", "bias"), "filter": build.Term("필터", "filter", "filter"),
                "hook": build.Term("훅", "hook", "hook"), "autograd": build.Term("자동 미분", "autograd", "autograd")}
    text = build.expand_terms("[[bias]]는 [[filter]]으로, [[hook]]를 [[autograd]]가; [[bias]]은(는) [[bias]]의",
                              "ko", glossary, set())
    assert text == "편향(bias)은 필터(filter)로, 훅(hook)을 자동 미분(autograd)이; 편향은 편향의"
    assert build.expand_terms("[[bias]] and [[filter]]", "en", glossary, set()) == "bias and filter"


@pytest.mark.parametrize("key, values, expected", [
    ("error.unknown_name", {"module": "Conv2d", "name": "weight", "choices": "bias"}, "'weight'라는"),
    ("error.unknown_name", {"module": "Conv2d", "name": "conv1", "choices": "bias"}, "'conv1'이라는"),
    ("error.compact_constant", {"layer": "conv1", "channel": 3}, "채널 3은"),
    ("error.compact_constant", {"layer": "conv1", "channel": 2}, "채널 2는"),
    ("calc.compound", {"amount": 0.2, "steps": 2, "result": "36.0%"}, "amount=0.20으로"),
    ("calc.compound", {"amount": 0.2, "steps": 2, "result": "36.0%"}, "2 × 0.20이 아닙니다"),
    ("calc.compound", {"amount": 0.25, "steps": 3, "result": "57.8%"}, "amount=0.25로"),
    ("calc.compound", {"amount": 0.25, "steps": 3, "result": "57.8%"}, "3 × 0.25가 아닙니다"),
    ("error.unknown_exercise", {"value": "01-9", "choices": "01-1"}, "'01-9'는"),
    ("error.unknown_exercise", {"value": "01-3", "choices": "01-1"}, "'01-3'은"),
    ("font.found", {"font": "NanumGothic"}, "NanumGothic을"),
    ("result.target", {"met": True}, "달성 여부: 예"),
])
def test_catalog_particles_agree_with_the_values_filled_in(key, values, expected):
    previous = messages.get_language()
    messages.set_language("ko")
    try:
        assert expected in messages.t(key, **values)
    finally:
        messages.set_language(previous)


SAMPLES = {"str": ["weight", "conv1", "bias", "NanumGothic", "fc"], "int": [0, 1, 2, 3, 10], "float": [0.2, 0.25, 0.5, 1.0]}


def _sample_values(template: str, index: int) -> dict:
    values = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if name:
            kind = "float" if spec and spec[-1] in "f%eg" else "int" if spec and (spec[-1] in "d," or "," in spec) else "str"
            pool = SAMPLES[kind]
            values[name] = pool[index % len(pool)]
    return values


@pytest.mark.parametrize("key", sorted(messages.every_text()))
def test_every_particle_after_a_placeholder_agrees_whatever_the_value(key):
    template = messages.entry(key)["ko"]
    previous = messages.get_language()
    messages.set_language("ko")
    try:
        for index in range(5):
            parts = messages.filled_parts(template, _sample_values(template, index))
            for (value, is_value), (literal, _) in zip(parts, parts[1:]):
                particle, _ = split_particle(literal)
                if is_value and particle:
                    assert particle == attach(final_sound(value), particle), (key, value + literal)
    finally:
        messages.set_language(previous)


# --- glossary terms in the Korean lessons --------------------------------------------------------


def test_one_korean_word_per_concept_and_one_concept_per_word():
    koreans = [term.korean for term in GLOSSARY.values()]
    englishes = [term.english for term in GLOSSARY.values()]
    assert len(set(koreans)) == len(koreans)
    assert len(set(englishes)) == len(englishes)


def body_text(notebook) -> str:
    """The Korean markdown a learner reads, without the navigation lines and the headings."""
    cells = [c.source for c in notebook.cells[1:-1] if c.cell_type == "markdown"]
    lines = "\n".join(cells).splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))


def term_occurrences(text: str, glossary: dict = GLOSSARY) -> list[tuple[int, str, str]]:
    """(position, key, what follows) for every glossary term in `text`, longest terms first.

    A term counts where it starts a word (no Hangul right before it: 비트마스크 is
    not 마스크) and is not part of a longer term (순전파 전 훅 is not 순전파).
    """
    taken = [False] * len(text)
    found = []
    for key, term in sorted(glossary.items(), key=lambda item: -len(item[1].korean)):
        for match in re.finditer(rf"(?<![\uac00-\ud7a3]){re.escape(term.korean)}", text):
            if any(taken[match.start():match.end()]):
                continue
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
            found.append((match.start(), key, text[match.end():match.end() + 60]))
    return sorted(found)


def korean_notebook(lesson):
    return build.generate(lesson, "ko", LESSONS)


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_every_term_is_glossed_at_its_first_use_in_every_lesson(lesson):
    text = body_text(korean_notebook(lesson))
    first = {}
    for position, key, following in term_occurrences(text):
        first.setdefault(key, following)
    unglossed = {key: following[:30] for key, following in first.items()
                 if not following.startswith(f"({GLOSSARY[key].gloss})")}
    assert not unglossed, f"{lesson.stem}: first use without 한글(English): write [[key]] there: {unglossed}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_particles_after_glossary_terms_agree(lesson):
    text = body_text(korean_notebook(lesson))
    wrong = []
    for position, key, following in term_occurrences(text):
        term = GLOSSARY[key]
        rest = following[len(term.gloss) + 2:] if following.startswith(f"({term.gloss})") else following
        particle, _ = split_particle(rest)
        if particle and attach(final_sound(term.korean), particle) != particle:
            wrong.append(term.korean + rest[:10])
    assert not wrong, f"{lesson.stem}: {wrong}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_glosses_are_not_put_inside_parentheses(lesson):
    """`(… 자동 미분(autograd)이 …)` reads badly: the first use must not sit inside parentheses."""
    forms = [f"{term.korean}({term.gloss})" for term in GLOSSARY.values()]
    nested = []
    for paragraph in body_text(korean_notebook(lesson)).split("\n\n"):
        for form in forms:
            for match in re.finditer(re.escape(form), paragraph):
                before = paragraph[:match.start()]
                if before.count("(") > before.count(")"):
                    nested.append(paragraph[max(0, match.start() - 30):match.end()])
    assert not nested, f"{lesson.stem}: {nested}"


def korean_texts():
    """(where, text) for every Korean text a learner reads: lesson markdown, catalog messages and pack labels."""
    for lesson in LESSONS:
        yield lesson.stem, body_text(korean_notebook(lesson))
    for key, entry in messages.every_text().items():
        yield key, entry["ko"]


STYLE_RULES = [
    (r"[가-힣](니다|습니다|있다|없다|한다|된다):\s", "…다: + explanation (end the sentence, then explain)"),
    (r"(아요|어요|워요|해요|예요|에요|니까요|거든요|네요|군요|지요)[.!](\s|$)", "해요체 (write 합니다체)"),
    (r"(`|[A-Za-z0-9_)\]]) (을|를|은|는|이|가|으로|로|와|과|처럼)(?=[\s.,)])", "space before a particle after code"),
]


def style_problems(text: str) -> list[tuple[str, str]]:
    return [(rule, m.group(0)) for pattern, rule in STYLE_RULES for m in re.finditer(pattern, text)]


def test_style_rules_catch_what_they_should():
    assert len(style_problems("모듈을 네 군데 바꿉니다: 파라미터와 버퍼.")) == 1
    assert len(style_problems("없앨 수 있으니까요. 그래서")) == 1
    assert len(style_problems("`conv.weight` 를 넘기고 nn.Conv2d(3, 2, 3) 처럼 씁니다.")) == 2
    assert style_problems("**고장:** 실행하세요. 될까요? `weight`를 `nn.Conv2d(3, 2, 3)`처럼 씁니다.") == []


def test_korean_style_rules_a_machine_can_check():
    """합니다체 only; no "…다:" followed by an explanation; no space between code and its particle."""
    problems = [(where, *problem) for where, text in korean_texts() for problem in style_problems(text)]
    assert not problems, problems


def test_first_use_of_pruning_also_gives_the_other_korean_name():
    assert GLOSSARY["pruning"].gloss == "pruning, 가지치기"


# --- headings ------------------------------------------------------------------------------------


def heading_levels(notebook) -> list[int]:
    levels = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            levels += [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", cell.source, flags=re.M)]
    return levels


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_korean_and_english_lessons_have_the_same_headings(lesson):
    ko, en = (heading_levels(build.generate(lesson, language, LESSONS)) for language in build.LANGUAGES)
    assert ko == en


# --- no English in what a Korean notebook prints -------------------------------------------------

# Printed by third-party code on purpose: torchsummary's table.
THIRD_PARTY = re.compile(
    r"Layer \(type\)|Output Shape|Param #|(Non-)?[Tt]rainable params|Total params|Input size \(MB\)"
    r"|Forward/backward pass size \(MB\)|Params size \(MB\)|Estimated Total Size \(MB\)"
)
# Names that are code or proper nouns, whatever the language: Python and PyTorch words in reprs, units, products.
ALLOWED = {
    "True", "False", "None", "tensor", "Tensor", "Parameter", "device", "type", "dtype", "cpu", "cuda", "mps", "meta",
    "object", "at", "grad_fn", "requires_grad", "Sequential", "OrderedDict", "Size", "torch",
    "CPU", "GPU", "CUDA", "NVIDIA", "Apple", "MPS", "PyTorch", "NanumGothic", "zlib", "fp16", "fp32", "float32",
    "float64", "FLOP", "FLOPs", "CSR", "ms", "MB", "B", "Torch-Pruning", "Torch", "Pruning", "L1", "Ln", "amount", "x", "inf", "nan",
}
def _package_names() -> set[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = project["dependencies"] + [p for group in project["optional-dependencies"].values() for p in group]
    return {re.split(r"[=<>\[ ]", pin)[0] for pin in pins}


def _course_names() -> set[str]:
    import prune_helpers as ph

    return {name for name, _ in ph.small_cnn().named_modules() if name} | {"weight", "bias"}


ALLOWED |= _package_names()  # the version table names the pinned packages
ALLOWED |= _course_names()  # the course model's layer names and PyTorch's parameter names, in tables
ALLOWED |= {name for name in dir(torch.nn) if name[:1].isupper()}  # PyTorch's layer classes: Linear, Flatten, ...
ALLOWED |= {name for name in dir(torch.nn.utils.prune) if not name.startswith("_")}  # remove, identity, ...
REPR = re.compile(r"<[^<>]* at 0x[0-9a-fA-F]+>")
# Code inside a line: a keyword argument or call (stride=, Conv2d(), a module's name in a repr ((fc): ...),
# a quoted string ('cpu'), and numbers (2.00e+00).
CODE_IN_LINE = re.compile(
    r"[A-Za-z_][\w.]*\([^()]*\)|[A-Za-z_][A-Za-z0-9_]*(?==|\()|(?<=\()[A-Za-z_][A-Za-z0-9_]*(?=\):)|'[^'\n]*'"
    r"|(?<![A-Za-z_])\d+(?:[.,]\d+)*(?:e[+-]?\d+)?"
)
GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])\([^()\uac00-\ud7a3]*\)")  # 한글(English) is a gloss, not English text
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


def is_code_word(word: str) -> bool:
    word = word.strip(".-")
    return (
        len(word) <= 1  # one letter: a formula's p, |w|
        or word in ALLOWED or "_" in word or "." in word or any(ch.isdigit() for ch in word)
        or re.search(r"[a-z][A-Z]", word) is not None  # CamelCase: ThresholdPruning
    )


def is_code_line(line: str) -> bool:
    """A line that is itself a Python expression (a printed call, list or repr) is code."""
    stripped = line.strip()
    if not stripped or not re.search(r"[(\[{=]", stripped):
        return False
    try:
        ast.parse(stripped, mode="eval")
    except SyntaxError:
        return False
    return True


def output_texts(notebook):
    """(cell index, text) for everything a learner reads in the outputs."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                yield index, output.text
            elif output.output_type == "error":
                if output.ename == "PruneHelperError":  # ours: translated; PyTorch's own errors are shown on purpose
                    yield index, output.evalue
            else:
                data = output.get("data", {})
                if build.WIDGET_VIEW not in data and "text/plain" in data:
                    yield index, data["text/plain"]


def widget_texts(notebook):
    """Labels and texts of the stored widgets (slider names, label and HTML values), tags removed."""
    state = notebook.metadata.get("widgets", {}).get(build.WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        fields = model.get("state", {})
        for name in ("description", "value"):
            if isinstance(fields.get(name), str) and fields[name].strip():
                yield "widget", html.unescape(re.sub(r"<[^>]+>", " ", fields[name]))


def english_in_outputs(notebook) -> list[tuple[int | str, str]]:
    """(cell index or "widget", English word) for every English word a Korean notebook prints outside code."""
    found = []
    for index, text in [*output_texts(notebook), *widget_texts(notebook)]:
        text = GLOSS.sub("", REPR.sub("", THIRD_PARTY.sub("", text)))
        for line in text.splitlines():
            if is_code_line(line):
                continue
            line = CODE_IN_LINE.sub(" ", line)
            found += [(index, word) for word in WORD.findall(line) if not is_code_word(word)]
    return found


KOREAN_NOTEBOOKS = Path(os.environ.get("KOREAN_NOTEBOOKS", ROOT / "notebooks" / "ko"))


@pytest.mark.parametrize("path", sorted(KOREAN_NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_korean_notebooks_print_no_english(path):
    """Reads stored outputs: passes once notebooks/ko has been regenerated from the current sources."""
    found = english_in_outputs(nbformat.read(path, as_version=4))
    assert not found, f"{path.name}: English in the outputs (cell, word): {found}"


def test_the_output_check_finds_english_and_lets_code_through():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('print(f"largest removed {x}")')])
    notebook.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="largest removed 0.12\n"),
        nbformat.v4.new_output("stream", name="stdout", text="['weight_orig', 'bias_mask'] Conv2d(3, 2)\n"),
        nbformat.v4.new_output("stream", name="stdout", text="<MulBackward0 object at 0x7f0000000000>\n희소성(sparsity) 50%\n"),
        nbformat.v4.new_output("error", ename="RuntimeError", evalue="PyTorch says so", traceback=[]),
    ]
    assert english_in_outputs(notebook) == [(0, "largest"), (0, "removed")]


if __name__ == "__main__":  # python tests/test_korean.py notebooks/ko/*.ipynb
    problems = 0
    for argument in sys.argv[1:]:
        for index, word in english_in_outputs(nbformat.read(argument, as_version=4)):
            print(f"{argument}: cell {index}: {word}")
            problems += 1
    sys.exit(1 if problems else 0)
