"""The ablation's figures (training.kinds_ablation): accuracy, and non-materials given a material kind, overall, on
the fresh sets and per set."""
from training.kinds_ablation import figures


def test_figures_count_leaks_only_for_non_materials_given_a_material_kind():
    gold = ["other", "opinions", "personal", "work_report", "other"]
    pred = ["collective", "opinions", "other", "work_report", "criticism"]
    sets = ["fresh9", "fresh9", "kinds", "fresh11", "fresh11"]
    out = figures(gold, pred, sets)
    assert out["all"] == {"accuracy": 0.4, "leaks": 1}  # other -> criticism is wrong but no leak
    assert out["fresh"] == {"accuracy": 0.5, "leaks": 1}
    assert out["kinds"] == {"accuracy": 0.0, "leaks": 0}  # a material lost is no leak
    assert out["fresh11"] == {"accuracy": 0.5, "leaks": 0}
