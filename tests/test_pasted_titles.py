"""A title pasted from a chat in 【】 (【个人对照检查材料】) names the material: it is not a site's column tag
(【学习贯彻…】), so it is never greyed out as noise. Found by the newuser try-out; invented text."""
from __future__ import annotations

BODY = ["一、查摆的问题",
        "形式主义方面：今年上半年我主持召开专题会议23次，会后形成纪要的不到一半，部署多、落实少。",
        "官僚主义方面：商户反映占道经营整治一刀切，我没有到现场了解情况就要求从严处理。"]


def test_bracketed_material_title_is_not_noise(analyzer):
    report = analyzer.analyze("\n".join(["【个人对照检查材料】"] + BODY), "paste.txt").to_dict()
    assert report["paragraphs"][0]["role"] != "noise"


def test_bracketed_column_tag_is_still_noise(analyzer):
    report = analyzer.analyze("\n".join(["【党员风采】"] + BODY), "paste.txt").to_dict()
    assert report["paragraphs"][0]["role"] == "noise"
