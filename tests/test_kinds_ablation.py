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


def test_head_cut_keeps_as_many_lines_of_four_to_eight_as_fit_in_900_characters():
    from training.kinds_ablation import head_cut

    line = "我局认真组织开展作风建设专项整治，" * 9  # 153 characters
    page = "\n\n".join([line] * 10)
    assert head_cut(page).count("\n") + 1 == 5  # 5 lines are 765 characters, 6 are 918
    assert head_cut("\n".join(["短行"] * 12)).count("\n") + 1 == 8
    assert head_cut("\n".join([line * 2] * 6)).count("\n") + 1 == 4  # not even four fit: four


def test_pos_sequence_keeps_pronouns_as_words_and_tags_the_rest():
    from training.kinds_ablation import pos_sequence

    tags = pos_sequence("我们完成了全年任务。")
    assert tags[0] == "我们" and "v" in tags and "。" in tags and "任务" not in tags
