"""Korean particles (조사) that agree with the word before them.

A Korean particle depends on how the word before it ends: 편향은 but 마스크는,
편향이 but 마스크가, 필터로 but 편향으로. When that word is filled in later (a
glossary term in a lesson, a value in a catalog message), the particle is
written in a neutral form and chosen here:

    attach(final_sound("편향"), "은(는)")  -> "은"
    attach(final_sound("마스크"), "는")    -> "는"
    agree("'weight'", "이라는 파라미터")  -> "라는 파라미터"

How a word "ends" is read the way a Korean reader says it aloud:

- Hangul: the last syllable's final consonant (받침); ㄹ counts on its own,
  because 으로/로 treats it like a vowel (필터로, 커널로, 편향으로).
- Digits: the Korean reading of the number. 0 영, 1 일, 3 삼, 6 육, 7 칠,
  8 팔 end in a consonant (1, 7, 8 in ㄹ); 2 이, 4 사, 5 오, 9 구 do not.
  Trailing zeros of an integer are read as a place: 10 십, 100 백, 1000 천,
  10000 만 (all consonants). Digits after a decimal point are read one by
  one, so 0.20 ends in 영 and 0.25 in 오. A trailing % is 퍼센트, × is 배.
- Latin letters: an acronym (all capitals, or no vowel letter: GPU, CSR, fc)
  ends with the name of its last letter (L 엘, M 엠, N 엔, R 알; the others
  end in a vowel). A word follows the usual loanword spelling: -m, -n, -ng
  and a silent -e after them end in a consonant (norm 놈, line 라인), -l and
  -le in ㄹ (model 모델, module 모듈), -ck, -ic, -ook and a short vowel + p/b
  in a consonant (hook 훅, Gothic 고딕, step 스텝, zlib 지립); everything else
  gets a final 으/이 and ends in a vowel (weight 웨이트, bias 바이어스, mask 마스크).

When the end cannot be read (an empty value, only symbols), the neutral form
is kept, e.g. "은(는)", which is still correct Korean.
"""

from __future__ import annotations

import re

VOWEL, RIEUL, CONSONANT = "vowel", "rieul", "consonant"

# (after a consonant, after a vowel); ㄹ takes the consonant form except for 으로.
_PAIRS = {
    "은": ("은", "는"), "는": ("은", "는"),
    "이": ("이", "가"), "가": ("이", "가"),
    "을": ("을", "를"), "를": ("을", "를"),
    "과": ("과", "와"), "와": ("과", "와"),
}
# Copula-like endings: 이 after a consonant, dropped after a vowel (마스크라는, 편향이라는).
_COPULA = ("라는", "라고", "라면", "라서", "란", "나", "든", "랑", "야", "며", "고", "다")
_DIGIT_END = {"0": CONSONANT, "1": RIEUL, "2": VOWEL, "3": CONSONANT, "4": VOWEL,
              "5": VOWEL, "6": CONSONANT, "7": RIEUL, "8": RIEUL, "9": VOWEL}
_LETTER_END = {"l": RIEUL, "m": CONSONANT, "n": CONSONANT, "r": RIEUL}  # 엘, 엠, 엔, 알
_WORD_EXCEPTIONS = {"type": CONSONANT, "input": CONSONANT, "output": CONSONANT, "setup": CONSONANT}
_STRIP = " \t\n'\"`)]}>.,:;!?…*_"

# Neutral forms, longest first, and the bare particles they stand for.
_NEUTRAL = [
    ("으로(로)", "으로"), ("로(으로)", "으로"), ("(으)로", "으로"),
    ("은(는)", "은"), ("는(은)", "은"), ("이(가)", "이"), ("가(이)", "이"),
    ("을(를)", "을"), ("를(을)", "을"), ("과(와)", "과"), ("와(과)", "과"),
] + [(f"(이){ending}", f"이{ending}") for ending in sorted(_COPULA, key=len, reverse=True)]
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_ASCII_DIGITS = "0123456789"


def final_sound(text: str) -> str | None:
    """VOWEL, RIEUL or CONSONANT for how `text` ends when read aloud in Korean; None if unknown."""
    text = str(text).rstrip(_STRIP)
    if not text:
        return None
    last = text[-1]
    if _HANGUL.fullmatch(last):
        jong = (ord(last) - 0xAC00) % 28
        return VOWEL if jong == 0 else RIEUL if jong == 8 else CONSONANT
    if last == "%":
        return VOWEL  # 퍼센트
    if last in "×x" and len(text) > 1 and text[-2] in _ASCII_DIGITS:
        return VOWEL  # 배, 12× / 12x
    if last == "²":
        return CONSONANT  # 제곱
    if last in _ASCII_DIGITS:  # not str.isdigit: "³", "٣" and "１" are digits too, with no Korean reading here
        return _number_end(text)
    if last.isascii() and last.isalpha():
        word = re.search(r"[A-Za-z]+$", text).group(0)
        return _word_end(word)
    return None


def _number_end(text: str) -> str:
    number = re.search(r"[0-9,]*\.?[0-9]+$", text).group(0).replace(",", "")
    if "." in number:
        return _DIGIT_END[number[-1]]  # digits after the point are read one by one
    digits = number.lstrip("0") or "0"
    if digits == "0":
        return CONSONANT  # 영
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0:
        return _DIGIT_END[digits[-1]]
    if zeros >= 12 and zeros % 4 == 0:
        return VOWEL  # 조
    return CONSONANT  # 십, 백, 천, 만, 억


def _word_end(word: str) -> str:
    lower = word.lower()
    if lower in _WORD_EXCEPTIONS:
        return _WORD_EXCEPTIONS[lower]
    if (word.isupper() and len(word) > 1) or not re.search(r"[aeiouy]", lower):
        return _LETTER_END.get(lower[-1], VOWEL)  # acronym: the last letter's name
    if lower.endswith(("ng", "m", "n", "me", "ne")):
        return CONSONANT
    if lower.endswith(("l", "le")):
        return RIEUL
    if lower.endswith(("ck", "ic", "ook")):
        return CONSONANT
    if re.search(r"(^|[^aeiou])[aeiou][pb]$", lower):
        return CONSONANT  # step 스텝, web 웹, zlib 지립
    return VOWEL


def attach(word_end: str | None, particle: str) -> str:
    """The form of `particle` (bare or neutral) that agrees with a word ending in `word_end`.

    `word_end` is VOWEL, RIEUL, CONSONANT or None (unknown: the neutral form is returned).
    """
    bare = dict(_NEUTRAL).get(particle, particle)
    if bare in ("으로", "로") or bare.startswith(("으로", "로")):
        rest = bare[2:] if bare.startswith("으로") else bare[1:]
        if word_end is None:
            return f"(으)로{rest}"
        return ("으로" if word_end == CONSONANT else "로") + rest
    if bare in _PAIRS:
        after_consonant, after_vowel = _PAIRS[bare]
        if word_end is None:
            return f"{after_consonant}({after_vowel})"
        return after_vowel if word_end == VOWEL else after_consonant
    ending = bare[1:] if bare.startswith("이") and bare[1:] in _COPULA else bare
    if ending in _COPULA:
        if word_end is None:
            return f"(이){ending}"
        return ending if word_end == VOWEL else "이" + ending
    return particle


# A particle right after a word: a neutral form, or a bare particle that ends the word (space,
# punctuation, end of text). 으로/로 may go on (로서, 로는); copula endings are whole units.
# 이다/이고/이며 after a vowel-final word are correct formal Korean as they are, so only the endings
# whose 이 must go after a vowel (라는, 라고, 나, ...) are read as bare particles.
_DROPPING = _COPULA[:9]
_BARE = sorted([f"이{e}" for e in _DROPPING] + list(_DROPPING) + list(_PAIRS), key=len, reverse=True)
_PARTICLE = re.compile(
    "|".join(re.escape(form) for form, _ in _NEUTRAL)
    + "|(?:으로|로)(?:서|써|는|도|만|부터)?(?![\uac00-\ud7a3])"
    + "|(?:" + "|".join(re.escape(p) for p in _BARE) + r")(?![\uac00-\ud7a3])"
)


def split_particle(text: str) -> tuple[str, str]:
    """(particle, rest) if `text` starts with a particle, else ("", text)."""
    match = _PARTICLE.match(text)
    if not match:
        return "", text
    return match.group(0), text[match.end():]


def agree(word: str, following: str, end: str | None = None) -> str:
    """`following` with its leading particle (if any) made to agree with `word`.

    `end` overrides how the word ends (for a term written with a gloss after it,
    pass the Korean word's end).
    """
    particle, rest = split_particle(following)
    if not particle:
        return following
    return attach(final_sound(word) if end is None else end, particle) + rest
