"""Lesson 07 (Making it permanent and saving): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (07 → "07-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_int


def _buffers_after_remove() -> int:
    conv = nn.Conv2d(3, 2, 3)
    prune.l1_unstructured(conv, name="weight", amount=0.5)
    prune.remove(conv, "weight")
    return len(list(conv.named_buffers()))


def _masked_size_ratio() -> int:
    from prune_helpers.storage import serialized_size

    layer = nn.Linear(256, 256)
    dense = serialized_size(layer.state_dict())
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    return round(serialized_size(layer.state_dict()) / dense)


EXERCISES = {
    1: Exercise(
        expected=_buffers_after_remove,
        normalize=as_int,
        hint={
            "ko": 'prune.remove는 weight_orig와 weight_mask를 곱해 평범한 파라미터 weight 하나로 굳힙니다. 그러면 버퍼는 무엇이 남나요?',
            "en": 'prune.remove folds weight_orig and weight_mask back into a plain parameter weight. Which buffers remain?',
        },
        why={"ko": 'remove 뒤에는 마스크가 사라지고 0은 weight 안에 그대로 남습니다.', "en": 'After remove the mask is gone and the zeros stay inside weight.'},
        right=0,
        wrong=1,
    ),
    2: Exercise(
        expected=_masked_size_ratio,
        normalize=as_int,
        hint={
            "ko": '마스크를 씌운 state_dict에는 weight_orig와 weight_mask가 모두 들어 있습니다. 둘 다 같은 크기의 float 텐서입니다.',
            "en": 'a masked state_dict holds both weight_orig and weight_mask, two float tensors of the same size.',
        },
        why={"ko": '마스크도 float32라서 파일이 약 두 배가 됩니다.', "en": 'The mask is float32 too, so the file roughly doubles.'},
        right=2,
        wrong=1,
    ),
}

LABELS: dict[str, dict[str, str]] = {}
