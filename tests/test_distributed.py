"""masks_agree_across_ranks: a real two-process gloo job, and clear errors for bad input before anything starts."""

import time

import pytest

import prune_helpers as ph
from prune_helpers import distributed


def test_ranks_seeded_differently_disagree_and_every_fix_makes_them_agree():
    started = time.perf_counter()
    scenarios = [(False, None), (True, None), (True, "broadcast"), (True, "ddp")]
    assert ph.masks_agree_across_ranks(scenarios) == [True, False, True, True]
    assert time.perf_counter() - started < 30  # one start-up for all scenarios, not one per scenario


@pytest.mark.parametrize("scenarios", [
    [], (), "broadcast", None, 3, [True], [(True,)], [(True, None, 2)], [(1, None)], [("True", None)],
    [(True, "Broadcast")], [(True, "all_reduce")], [(True, 0)], [True, None], [(True, None), "ddp"],
])
@pytest.mark.parametrize("language", ["ko", "en"])
def test_bad_scenarios_are_refused_before_any_process_starts(monkeypatch, scenarios, language):
    monkeypatch.setattr(distributed, "_free_port", lambda: pytest.fail("a process was about to start"))
    ph.set_language(language)
    try:
        with pytest.raises(ph.PruneHelperError) as error:
            ph.masks_agree_across_ranks(scenarios)
        assert error.value.key == "error.scenarios"
        assert ("seed_per_rank" in str(error.value)) and (("받은 값" in str(error.value)) == (language == "ko"))
    finally:
        ph.set_language("en")


@pytest.mark.parametrize("world_size", [0, 1, 5, 2.0, True, "2", None])
def test_bad_world_size_is_refused_before_any_process_starts(monkeypatch, world_size):
    monkeypatch.setattr(distributed, "_free_port", lambda: pytest.fail("a process was about to start"))
    with pytest.raises(ph.PruneHelperError) as error:
        ph.masks_agree_across_ranks([(True, None)], world_size=world_size)
    assert error.value.key == "error.world_size"
    assert "2 to 4" in str(error.value)


def test_numpy_bools_and_tuples_are_accepted_as_scenarios():
    import numpy as np

    assert distributed._check_scenarios(((np.bool_(True), "ddp"), [False, None])) == [(True, "ddp"), (False, None)]
