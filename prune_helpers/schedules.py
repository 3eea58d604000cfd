"""Sparsity schedules for pruning while training (Zhu & Gupta 2017), and a widget to draw one.

The arithmetic is kept apart from PyTorch so that a lesson can print what a
schedule *should* do and then compare it with what repeated
`prune.global_unstructured` calls really did: the target sparsities, the
`amount` each call must pass (it applies to what is still left), and the
count PyTorch turns that amount into (Python's round, halves to even).
The widget draws the schedule as an inline SVG string: no matplotlib figure
per slider move, so an update takes well under a millisecond in the kernel.
"""

from __future__ import annotations

import html
import math
import numbers

import ipywidgets as widgets

from .explorer import _Displayable, _Panel, _slider_look, _with_class
from .messages import PruneHelperError, t
from .sparsity import percent
from .validate import check_amount, check_fraction, check_whole, is_number

CSS_ROOT = "ph-schedule"
CSS_FINAL = "ph-schedule-final"
CSS_INITIAL = "ph-schedule-initial"
CSS_STEPS = "ph-schedule-steps"
CSS_LABEL = "ph-schedule-label"
CSS_PLOT = "ph-schedule-plot"

MAX_STEPS = 100  # the number field's upper end: more calls than this would not be readable as dots


def _sequence(values, arg: str, example: str) -> list:
    """A list or tuple as a list; anything else (a lone number, a string, a tensor) is a slip."""
    if not isinstance(values, (list, tuple)):
        raise PruneHelperError("error.sequence_arg", arg=arg, kind=type(values).__name__, value=values, example=example)
    return list(values)


def cubic_schedule(s_i: float, s_f: float, n: int, power: float = 3) -> list[float]:
    """Target sparsity s_k = s_f + (s_i - s_f)(1 - k/n)^power for k = 0, 1, ..., n (n + 1 values).

    Zhu & Gupta's formula with k = (t - t0)/Δt: the first steps remove many
    weights while plenty are redundant, the last ones only a few, so training
    has time to recover. TF-MOT's PolynomialDecay (power 3 by default) and
    Distiller's AGP compute the same numbers; power=1 gives a straight line.
    """
    s_i, s_f = check_fraction(s_i, "s_i"), check_fraction(s_f, "s_f")
    if s_i > s_f:
        raise PruneHelperError("error.schedule_order", s_i=s_i, s_f=s_f)
    n = check_whole(n, "n", 1, 10, maximum=100_000)
    if not is_number(power) or not math.isfinite(power) or power <= 0:
        raise PruneHelperError("error.positive_arg", arg="power", value=power, example=3)
    values = [s_f + (s_i - s_f) * (1 - k / n) ** power for k in range(n + 1)]
    values[0], values[-1] = s_i, s_f  # exactly the two ends, whatever the float rounding in between
    return values


def amounts_between(schedule: list[float]) -> list[float]:
    """The `amount` each prune call must pass to move from one target sparsity to the next.

    `amount` is a share of the weights still left, not of all of them, so
    going from s_{k-1} to s_k takes a_k = 1 - (1 - s_k) / (1 - s_{k-1});
    the first call starts from a dense model (s_{-1} = 0). Once everything
    is gone (s = 1) there is nothing left to take, and the amount is 0.
    """
    example = "ph.cubic_schedule(0.0, 0.9, 10)"
    schedule = _sequence(schedule, "schedule", example)
    if not schedule:
        raise PruneHelperError("error.empty_input", arg="schedule", example=example)
    amounts, previous = [], 0.0
    for k, value in enumerate(schedule):
        value = check_fraction(value, f"schedule[{k}]")
        if value < previous:
            raise PruneHelperError("error.schedule_decreasing", k=k, value=value, previous=previous)
        amounts.append(0.0 if previous == 1.0 else min(1.0, max(0.0, 1 - (1 - value) / (1 - previous))))
        previous = value
    return amounts


def predicted_zeros(amounts: list[float], n_weights: int) -> list[int]:
    """Zeros after each of several prune calls in a row, counted the way PyTorch counts them.

    A float amount becomes round(amount × remaining), and Python's round
    takes halves to the even neighbour (round(2.5) = 2, round(3.5) = 4). Each
    call rounds on its own, so the total can end a weight or two away from
    round(s_k × n_weights). An int amount is a count, as in PyTorch.
    """
    example = "ph.amounts_between(ph.cubic_schedule(0.0, 0.9, 10))"
    amounts = _sequence(amounts, "amounts", example)
    n_weights = check_whole(n_weights, "n_weights", 0, 17024, maximum=10 ** 15)
    zeros, out = 0, []
    for amount in amounts:
        remaining = n_weights - zeros
        if isinstance(amount, numbers.Integral) and not isinstance(amount, bool) and not 0 <= amount <= remaining:
            raise PruneHelperError("error.amount_remaining", value=amount, name="weight", remaining=remaining)
        amount = check_amount(amount, n_weights)
        zeros += amount if isinstance(amount, int) else round(amount * remaining)
        out.append(zeros)
    return out


# --- the widget ------------------------------------------------------------------------------------------------

WIDTH, HEIGHT = 440, 230
LEFT, RIGHT, TOP, BOTTOM = 52, 14, 14, 44
INK = "var(--jp-ui-font-color1, #333333)"
FAINT = "var(--jp-border-color2, #dddddd)"
BLUE = "#1f77b4"


def schedule_svg(schedule: list[float], amounts: list[float] | None = None, power: float = 3) -> str:
    """The schedule as an inline SVG: the cubic curve, one dot per prune call, the final sparsity dashed.

    Hovering over a dot shows its k, target sparsity and amount. Plain text
    is built here, so the kernel does no drawing work beyond formatting
    a few hundred numbers.
    """
    amounts = amounts_between(schedule) if amounts is None else amounts
    n = len(schedule) - 1
    s_i, s_f = schedule[0], schedule[-1]
    span_x, span_y = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(k: float) -> float:
        return LEFT + span_x * (k / n if n else 0.5)

    def y(s: float) -> float:
        return TOP + span_y * (1 - s)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11" role="img">']
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'style="stroke:{FAINT}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" style="fill:{INK}">'
                     f'{tick:.0%}</text>')
    step = max(1, math.ceil(n / 10))
    for k in range(0, n + 1, step):
        parts.append(f'<text x="{x(k):.1f}" y="{TOP + span_y + 15}" text-anchor="middle" style="fill:{INK}">{k}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(s_f):.1f}" y2="{y(s_f):.1f}" '
                 f'style="stroke:{INK};stroke-dasharray:4 3;stroke-opacity:0.6"/>')
    if n:
        samples = [k / 8 for k in range(8 * n + 1)]
        curve = " ".join(f"{x(k):.1f},{y(s_f + (s_i - s_f) * (1 - k / n) ** power):.1f}" for k in samples)
        parts.append(f'<polyline points="{curve}" style="fill:none;stroke:{BLUE};stroke-width:1.5"/>')
    for k, (s, a) in enumerate(zip(schedule, amounts)):
        tip = html.escape(t("schedule.tooltip", k=k, sparsity=percent(s), amount=a))
        parts.append(f'<circle cx="{x(k):.1f}" cy="{y(s):.1f}" r="3.5" style="fill:{BLUE}">'
                     f'<title>{tip}</title></circle>')
    parts.append(f'<text x="{LEFT + span_x / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" style="fill:{INK}">'
                 f'{html.escape(t("schedule.x_axis"))}</text>')
    parts.append(f'<text transform="translate(13 {TOP + span_y / 2:.1f}) rotate(-90)" text-anchor="middle" '
                 f'style="fill:{INK}">{html.escape(t("schedule.y_axis"))}</text>')
    parts.append("</svg>")
    return "".join(parts)


class ScheduleExplorer(_Displayable):
    """Move `final` (or set `final.value`), or type in `initial` and `steps`, and watch the schedule redraw.

    Each change recomputes `schedule` and `amounts` with the pure functions
    above and redraws `plot` (an SVG in a widgets.HTML) and `label`. The
    initial sparsity can never exceed the final one: its field's maximum
    follows the slider.
    """

    def __init__(self, s_i: float = 0.0, s_f: float = 0.9, n: int = 10, power: float = 3):
        cubic_schedule(s_i, s_f, n, power)  # every check, before any widget exists
        self.power = power
        self.final = _with_class(widgets.FloatSlider(value=s_f, min=0.0, max=1.0, step=0.01, readout_format=".2f",
                                                     description=t("schedule.final"), **_slider_look()), CSS_FINAL)
        self.initial = _with_class(widgets.BoundedFloatText(value=s_i, min=0.0, max=s_f, step=0.05,
                                                            description=t("schedule.initial"),
                                                            style={"description_width": "72px"}), CSS_INITIAL)
        self.steps = _with_class(widgets.BoundedIntText(value=n, min=1, max=max(MAX_STEPS, n), step=1,
                                                        description=t("schedule.steps"),
                                                        style={"description_width": "72px"}), CSS_STEPS)
        self.label = _with_class(widgets.HTML(), CSS_LABEL)
        self.plot = _with_class(widgets.HTML(), CSS_PLOT)
        fields = widgets.HBox([self.initial, self.steps], layout=widgets.Layout(flex_flow="row wrap"))
        panel = _Panel([self.final, fields, self.label, self.plot], "widget.fallback_schedule")
        self.widget = _with_class(panel, CSS_ROOT)
        self._quiet = False
        self.final.observe(self._on_final, names="value")
        self.initial.observe(self._on_field, names="value")
        self.steps.observe(self._on_field, names="value")
        self.update()

    def _on_final(self, change) -> None:
        self._quiet = True  # lowering initial.max may lower initial.value: one redraw, below, is enough
        try:
            self.initial.max = change["new"]
        finally:
            self._quiet = False
        self.update()

    def _on_field(self, change) -> None:
        if not self._quiet:
            self.update()

    def update(self) -> None:
        s_f = float(self.final.value)
        s_i = min(float(self.initial.value), s_f)
        self.schedule = cubic_schedule(s_i, s_f, int(self.steps.value), self.power)
        self.amounts = amounts_between(self.schedule)
        first = self.amounts[min(1, len(self.amounts) - 1)]  # k = 1: the first call that follows the schedule
        self.label.value = html.escape(t("schedule.label", initial=percent(s_i), final=percent(s_f),
                                         steps=len(self.schedule) - 1, first=first, last=self.amounts[-1]))
        self.plot.value = schedule_svg(self.schedule, self.amounts, self.power)

    def __repr__(self) -> str:
        return t("schedule.repr", initial=percent(self.schedule[0]), final=percent(self.schedule[-1]),
                 steps=len(self.schedule) - 1)
