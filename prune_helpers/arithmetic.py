"""The sparsity arithmetic the lessons teach, as plain functions (tested, and used by calculators)."""

from __future__ import annotations

import numbers

from .messages import PruneHelperError
from .validate import check_fraction, check_whole


def compounded_sparsity(amount: float, steps: int) -> float:
    """Sparsity after pruning a fraction `amount` of what is *left*, `steps` times.

    `prune.*` applies a new amount to the weights still alive, so 0.2 twice is
    1 - 0.8 * 0.8 = 0.36, not 0.4.
    """
    amount, steps = check_fraction(amount, "amount"), check_whole(steps, "steps", 0, 2, maximum=10 ** 9)
    return 1.0 - (1.0 - amount) ** steps


def removed_between(p_out: float, p_in: float) -> float:
    """Share of a layer's weights removed when a fraction p_out of its output
    channels and p_in of its input channels (the previous layer's outputs) go.

    With the same p for both this is 1 - (1 - p)².
    """
    p_out, p_in = check_fraction(p_out, "p_out"), check_fraction(p_in, "p_in")
    return 1.0 - (1.0 - p_out) * (1.0 - p_in)


def n_m_sparsity(n: int, m: int) -> float:
    """Sparsity of N:M pruning, which keeps n weights in every group of m (so 0 ≤ n ≤ m, m ≥ 1)."""
    whole = all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in (n, m))
    if not whole or not 0 <= n <= m or m < 1:
        raise PruneHelperError("error.n_m", n=n, m=m)
    return 1.0 - n / m


def bitmask_limit(sparsity: float, value_bits: int = 32, dense_bits: int = 32) -> float:
    """Best size ratio (dense / packed) for a 1-bit mask plus the kept values.

    Dense stores dense_bits per weight; packed stores 1 bit per weight plus
    value_bits per kept weight. At 90% sparsity: 7.6× with fp32 values,
    12.3× with fp16.
    """
    sparsity = check_fraction(sparsity, "sparsity")
    value_bits, dense_bits = check_whole(value_bits, "value_bits", 1, 16, maximum=1024), check_whole(dense_bits, "dense_bits", 1, 32, maximum=1024)
    return dense_bits / (1 + value_bits * (1.0 - sparsity))
