"""Shared fixtures: realistic materials and an analyser built once per test session."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

# the tests read the labelled corpus from this checkout, also when they exercise an installed
# wheel (which carries only what the runtime reads): see training/corpus.py
REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("JINGZI_DATA", str(REPO / "data"))


def _import_training() -> None:
    """Make the checkout's ``training`` package (model building and evaluation, not installed)
    importable without putting the checkout on sys.path, where it would shadow the installed
    ``analyzer``."""
    if "training" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location("training", REPO / "training" / "__init__.py",
                                                  submodule_search_locations=[str(REPO / "training")])
    module = importlib.util.module_from_spec(spec)
    sys.modules["training"] = module
    spec.loader.exec_module(module)


_import_training()

def kind_decider():
    """A kind model whose decision rules are tested by hand-made rows of probabilities (:func:`kind_row`): the rules,
    not a model's weights, are under test."""
    from analyzer.kinds import KindModel

    model = KindModel(margin=0.8)
    model.margin_ = 0.8
    return model


def kind_row(**p: float):
    """A row of kind probabilities: the kinds named get theirs, the others share what is left equally."""
    import numpy as np

    from analyzer.kinds import KINDS

    row = np.full(len(KINDS), (1 - sum(p.values())) / (len(KINDS) - len(p)))
    for kind, q in p.items():
        row[KINDS.index(kind)] = q
    return row


GOOD = """XX县水利局局长专题民主生活会个人对照检查材料
根据县委教育实践活动领导小组的统一部署，会前我认真学习了规定篇目，征求意见23条，与班子成员逐一谈心谈话。现将个人对照检查情况报告如下。
一、存在的主要问题
（一）形式主义方面
一是文山会海问题突出。今年以来我主持召开的局务会、推进会共48次，有的会议以会议落实会议，布置完就算落实；局里发文96件，其中近一半是转发上级文件。
二是调研走马观花。去年全年我下基层调研只有11次，有一次到城关镇查看防汛工程，只在堤坝上看了半小时就回城，没有进村入户听取群众意见。
（二）官僚主义方面
群众办事难的问题没有解决。比如今年3月，李家村村民为农田灌溉用水许可来局里跑了4趟，我知道后只是批评了经办科室，没有从制度上解决推诿扯皮的问题。
（三）享乐主义方面
精神懈怠，满足现状。到水利局工作五年后，我觉得工作已经上了轨道，开拓进取的劲头不如从前，对小型水库除险加固工程进度滞后的问题抓得不紧。
（四）奢靡之风方面
公务接待把关不严。2013年上级检查组来局调研，我同意在酒店安排了超标准接待，人均超出标准80元；局办公楼装修时，我的办公室面积超出规定6平方米。
二、产生问题的原因
一是理想信念有所动摇，放松了主观世界改造，世界观、人生观、价值观这个“总开关”拧得不紧。
二是宗旨意识淡化，群众观点树得不牢，对群众的疾苦感受不深，习惯于坐在办公室听汇报。
三是政绩观出现偏差，热衷于抓看得见的工程，党性修养锻炼不够，对中央八项规定的严肃性认识不足。
三、整改措施
一是2014年10月底前，每月下基层不少于4天，由我本人带队，办公室建立调研台账。
二是压缩会议文件，全年会议减少三分之一，文件减少30%，由办公室主任负责，年底前完成。
三是公务接待严格执行标准，办公室面积超标部分9月底前完成腾退，接受纪检组监督。
恳请同志们批评指正。
"""

WEAK = """XX镇副镇长个人对照检查材料
根据上级安排，结合自身实际，现将对照检查情况报告如下。
1.理论学习不够系统深入，学习的自觉性不强。
2.调查研究不够深入，联系群众不够紧密。
3.工作创新意识不够强，开拓进取精神不足。
4.本人在奢靡之风方面严格遵守中央八项规定，不存在问题。
产生以上问题的原因，主要是工作忙、任务重，基层条件差，事务性工作多，客观上挤占了学习时间。
今后，我将进一步加强理论学习，不断提高自身素质，切实改进工作作风，努力做好各项工作。
"""

WORK_SUMMARY = """今年以来，在县委、县政府的正确领导下，我局紧紧围绕全县中心工作，扎实开展各项工作，取得了显著成效。
全年完成招商引资12.6亿元，同比增长15.3%，圆满完成了县委下达的目标任务。
我局被评为全省商务系统先进单位，荣获全市招商引资工作一等奖，累计完成项目签约28个。
社会消费品零售总额达到46.8亿元，同比增长12.1%，外贸进出口总额再创新高。
当然，工作中也存在一些不足，主要是学习不够、调研不够。
今后我们将进一步加强学习，不断提高工作水平。
"""


@pytest.fixture(scope="session")
def analyzer():
    from analyzer import Analyzer

    return Analyzer()
