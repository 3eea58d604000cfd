import torch

import prune_helpers as ph
from prune_helpers import lesson


def test_cpu_is_chosen_and_explained_without_a_gpu(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    device = ph.pick_device()
    assert device == torch.device("cpu")
    assert capsys.readouterr().out.strip() == ph.t("device.cpu")


def test_cuda_is_preferred_and_named(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index: "Test GPU")
    device, why = ph.best_device()
    assert device.type == "cuda" and "Test GPU" in why


def test_mps_is_used_on_apple_silicon(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert ph.best_device()[0].type == "mps"


def test_language_comes_from_the_notebook_folder(tmp_path):
    assert lesson.language_from_folder(tmp_path / "ko") == "ko"
    assert lesson.language_from_folder(tmp_path / "en") == "en"
    assert lesson.language_from_folder(tmp_path) is None


def test_start_lesson_sets_language_seed_threads(monkeypatch, tmp_path, capsys):
    folder = tmp_path / "ko"
    folder.mkdir()
    monkeypatch.chdir(folder)
    threads = torch.get_num_threads()
    try:
        ph.start_lesson(seed=3, threads=1)
        assert ph.get_language() == "ko"
        assert torch.get_num_threads() == 1
        first = torch.rand(1)
        torch.manual_seed(3)
        assert torch.equal(first, torch.rand(1))
        assert "한국어" in capsys.readouterr().out
    finally:
        torch.set_num_threads(threads)


def test_pins_come_from_the_project_metadata():
    pins = lesson.pinned_requirements()
    assert pins["torch"] == "2.13.0"
    assert "pytest" not in pins  # test-only pins are extras


def test_version_table_flags_mismatches(monkeypatch):
    monkeypatch.setattr(lesson, "pinned_requirements", lambda: {"torch": "2.13.0", "numpy": "1.0", "nothere": "1"})
    monkeypatch.setattr(lesson, "installed_version", lambda p: {"torch": "2.13.0", "numpy": "2.4.6"}.get(p))
    status = {row[0]: row[3] for row in ph.check_versions().rows}
    assert status == {"torch": ph.t("versions.ok"), "numpy": ph.t("versions.mismatch"), "nothere": ph.t("versions.missing")}


def test_installed_version_drops_the_local_build_tag():
    assert lesson.installed_version("torch") == "2.13.0"


def test_start_lesson_says_once_when_installed_versions_differ_from_the_pins(monkeypatch, capsys):
    monkeypatch.setattr(lesson, "installed_version", lambda package: "9.9.9" if package == "torch" else
                        lesson.pinned_requirements()[package])
    ph.start_lesson("en")
    out = capsys.readouterr().out
    assert out.count("torch 9.9.9") == 1 and "may differ" in out
    monkeypatch.undo()
    ph.start_lesson("en")
    assert "may differ" not in capsys.readouterr().out
