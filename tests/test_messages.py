import re
import string

import pytest

import prune_helpers as ph
from prune_helpers.messages import LANGUAGES, every_text

TEXTS = every_text()  # the shared catalog and every lesson pack's labels

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Texts that are the same in both languages on purpose (PyTorch names, formulas, arrows).
LANGUAGE_NEUTRAL = {"table.requires_grad", "table.amount", "computed.detail", "diff.kind_changed"}
# English texts that show Hangul on purpose (the font check must draw Korean glyphs).
HANGUL_IN_ENGLISH = {"font.check_title"}


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_message_exists_in_both_languages_with_the_same_placeholders(key):
    entry = TEXTS[key]
    assert set(entry) == set(LANGUAGES)
    assert placeholders(entry["ko"]) == placeholders(entry["en"])


@pytest.mark.parametrize("key", sorted(set(TEXTS) - LANGUAGE_NEUTRAL))
def test_korean_text_is_korean_and_english_text_is_not(key):
    assert HANGUL.search(TEXTS[key]["ko"]), TEXTS[key]["ko"]
    if key not in HANGUL_IN_ENGLISH:
        assert not HANGUL.search(TEXTS[key]["en"]), TEXTS[key]["en"]


def test_t_uses_the_current_language():
    ph.set_language("ko")
    assert ph.t("change.added") == "추가됨"
    ph.set_language("en")
    assert ph.t("change.added") == "added"


def test_unknown_language_is_refused_and_language_is_kept():
    ph.set_language("ko")
    with pytest.raises(ph.PruneHelperError, match="'ko'"):
        ph.set_language("fr")
    assert ph.get_language() == "ko"


def test_helper_error_is_both_value_and_type_error():
    error = ph.PruneHelperError("error.amount_nan")
    assert isinstance(error, ValueError) and isinstance(error, TypeError)
    assert error.key == "error.amount_nan"
