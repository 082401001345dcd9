"""Copy detection on realistic 对照检查材料 text: verbatim, spun, reordered, mosaic,
quotations and boilerplate."""
import pytest

from training import spin as gen
from analyzer.copydetect import Canonicaliser, CopyDetector, nonspace_count
from analyzer.resources import load_quotations, load_spinning
from analyzer.library import Library

SPINNING = {
    "服务": ["效劳"], "基础": ["根底"], "发展": ["开展"], "提高": ["进步"], "加强": ["增强"],
    "认真": ["仔细"], "群众": ["大众"], "问题": ["题目"], "落实": ["施行"], "思想": ["思维"],
    "能力": ["才能"], "要求": ["需求"], "制度": ["轨制"], "建设": ["扶植"], "推进": ["促进"],
    "组织": ["构造"], "严格": ["严厉"], "领导": ["指导"], "深入": ["深化"], "学习": ["进修"],
}
QUOTES = ["照镜子、正衣冠、洗洗澡、治治病", "为民务实清廉", "全心全意为人民服务",
          "以整风精神开展批评和自我批评"]

A = """县委办公室主任专题民主生活会个人对照检查材料
按照县委教育实践活动领导小组的统一部署，我认真学习了规定篇目，围绕为民务实清廉，结合征求到的18条意见，对照“四风”查摆了自身存在的问题，现报告如下。
一是文稿把关走过场。去年县委办起草的各类文件有136件，其中不少是照抄照转上级文件，我在审核时只看格式和文字，没有认真推敲是否符合本县实际，导致有的文件下发后基层无法执行。
二是调研走马观花。2013年我到乡镇调研共14次，大多是陪同领导视察，提前打招呼、定路线，看的是准备好的点，听的是准备好的汇报，真正沉到村组了解群众困难的一次也没有。
三是服务基层意识不强。乡镇来县委办办事，有时我正在开会，让人在走廊里等了一个多小时，事后也没有主动解释，群众和基层干部对此意见较大。
产生这些问题的根源，在于理想信念有所动摇，宗旨意识有所淡化，把自己摆在了管理者而不是服务者的位置上，思想基础不够牢固。
下一步，我将严格落实各项整改措施：今年6月底前建立文件审核台账，每月深入基层调研不少于3天，每周四下午固定接待基层来访，切实提高服务群众的能力。"""

B = """某乡镇党委书记个人对照检查材料
这次专题民主生活会前，我按照照镜子、正衣冠、洗洗澡、治治病的总要求，通过座谈会、个别谈话等方式征求意见27条，现将个人查摆情况报告如下。
在形式主义方面，突出表现是重部署轻落实。镇里去年开了42次会议，不少会议是传达上级精神后就算完事，布置了工作却很少回头检查，一些项目推进缓慢，影响了全镇发展大局。
在官僚主义方面，主要是决策不够民主。镇敬老院改扩建工程投资80万元，我没有充分听取班子成员和群众代表的意见就拍板定案，后来因选址不当被迫返工，造成了资金浪费。
在享乐主义方面，主要是进取心减退。工作上满足于不出事，对招商引资等难啃的骨头不愿意去碰，周末很少下村，更多时间待在县城家里。
在奢靡之风方面，去年镇里公务接待费用超支4.6万元，有的接待超出了标准，我作为一把手负有直接责任。
今后我将坚持全心全意为人民服务的根本宗旨，以整风精神开展批评和自我批评，每月走访贫困户不少于10户，年内把公务接待费用压减三成。"""

C = """市教育局党组书记对照检查材料
在理论学习方面，我对学习重视不够，以干代学的现象比较突出，去年党组中心组集中学习12次，我因出差和开会缺席了5次，自学也多是泛泛浏览，没有结合教育工作深入思考。
在联系群众方面，我下到学校的次数偏少，去年只去了农村学校4次，对乡村教师待遇低、住房难的问题了解不深，也没有拿出切实可行的解决办法。
在履职尽责方面，对校园安全隐患排查抓得不细，城区两所学校的校舍安全问题拖了一年多才列入维修计划，反映出我对群众的安危冷暖放在心上不够。
在廉洁自律方面，我能够遵守中央八项规定精神，但对局属单位的财务管理监督不严，个别学校存在乱收费现象，我负有领导责任。
整改中，我将在9月底前完成全市中小学校舍安全排查，年内为乡村教师新建周转房200套，每季度到农村学校调研不少于2次。"""

D = """县卫生局局长个人对照检查材料
对照为民务实清廉的要求，我深刻反思了自己在思想、作风和工作中存在的差距，查找出以下几个方面的问题。
一是医疗服务质量监管不到位。去年全县医疗纠纷达到23起，其中县医院占了一半以上，我满足于听汇报、看报表，没有到病房和门诊实地了解患者的感受。
二是基层卫生院建设推进不力。全县14个乡镇卫生院中有5个设备老化，群众看小病也要跑到县城，我虽然多次在会上强调，但没有拿出专项资金解决。
三是对干部管理偏松。局机关有的同志上班时间玩手机、炒股票，我碍于情面没有严肃批评，导致机关作风松散。
我将严格执行中央八项规定，年内为5个乡镇卫生院更新设备，每月到基层医院现场办公一次，认真解决群众看病难的问题。"""


@pytest.fixture
def detector():
    return CopyDetector(SPINNING, QUOTES)


def paragraphs(text):
    return text.split("\n")


def test_canonicaliser_maps_spun_words_and_keeps_offsets():
    canon = Canonicaliser(SPINNING)("打牢思维根底，效劳大众！")
    assert canon.text == "打牢思想基础服务群众"
    assert (int(canon.start[2]), int(canon.end[3])) == (2, 4)  # 思想 <- 思维 at 2..4


def test_verbatim_paragraph_found_with_offsets(detector):
    copied = paragraphs(A)[3]  # 调研走马观花
    b_paras = paragraphs(B)
    doc = "\n".join(b_paras[:3] + [copied] + b_paras[3:])
    detector.add_peer("A.txt", A)
    result = detector.check("new.txt", doc)
    assert [s["source"] for s in result["sources"]] == ["A.txt"]
    (frag,) = result["sources"][0]["fragments"]
    assert (frag["start"], frag["end"]) == (doc.index(copied), doc.index(copied) + len(copied))
    assert (frag["source_start"], frag["source_end"]) == (A.index(copied), A.index(copied) + len(copied))
    # quotations and stock sentences are neither copied nor the author's own: out of the denominator
    assert result["chars"] + result["quoted_chars"] == nonspace_count(doc)
    assert result["ratio"] == pytest.approx(nonspace_count(copied) / result["chars"], abs=0.01)


@pytest.mark.parametrize("rate", [0.3, 0.6])
def test_spun_copy_found_with_ratio(detector, rate):
    variant = gen.spin(gen.source("A.txt", A), rate, seed=3, table=SPINNING)
    assert variant.text != A
    detector.add_peer("A.txt", A)
    detector.add_peer("C.txt", C)
    result = detector.check("spun.txt", variant.text)
    assert result["sources"][0]["source"] == "A.txt"
    assert result["ratio"] == pytest.approx(variant.shares["A.txt"], abs=0.1)


def test_reordered_copy_found(detector):
    variant = gen.reordered(gen.source("B.txt", B), seed=1)
    detector.add_peer("B.txt", B)
    result = detector.check("reordered.txt", variant.text)
    assert result["sources"][0]["source"] == "B.txt"
    assert result["ratio"] + result["quoted_ratio"] >= 0.95  # B quotes official formulations
    assert result["quoted_ratio"] > 0.05
    assert len(result["sources"][0]["fragments"]) >= 5  # one per moved paragraph at least


def test_mosaic_sources_found_with_shares(detector):
    variant = gen.mosaic([gen.source(n, t) for n, t in [("A.txt", A), ("C.txt", C), ("D.txt", D)]], seed=5)
    for name, text in [("A.txt", A), ("B.txt", B), ("C.txt", C), ("D.txt", D)]:
        detector.add_peer(name, text)
    result = detector.check("mosaic.txt", variant.text)
    found = {s["source"]: s["ratio"] for s in result["sources"]}
    for name, share in variant.shares.items():
        if share >= 0.2:
            assert found[name] == pytest.approx(share, abs=0.1)
    assert result["ratio"] == pytest.approx(1.0, abs=0.1)


def test_partial_copy_from_library(tmp_path, detector):
    variant = gen.partial(gen.source("D.txt", D), gen.source("C.txt", C), 0.4, seed=2)
    with Library(tmp_path / "lib.db", detector.fingerprinter) as lib:
        lib.add_many([("A.txt", A), ("B.txt", B), ("D.txt", D)])
        result = CopyDetector(SPINNING, QUOTES, lib).check("partial.txt", variant.text)
    assert [s["source"] for s in result["sources"]] == ["D.txt"]
    assert result["ratio"] == pytest.approx(variant.shares["D.txt"], abs=0.1)


def test_quotations_are_quoted_not_copied(detector):
    detector.add_peer("B.txt", B)
    doc = ("我将按照照镜子、正衣冠、洗洗澡、治治病的总要求，坚持全心全意为人民服务，"
           "以整风精神开展批评和自我批评，深刻查摆自身在联系群众方面的差距。")
    result = detector.check("q.txt", doc)
    assert result["ratio"] == 0
    assert result["quoted_ratio"] > 0.5


def test_independent_materials_sharing_quotations_and_stock_phrases(detector):
    for name, text in [("A.txt", A), ("B.txt", B), ("C.txt", C)]:
        detector.add_peer(name, text)
    assert detector.check("D.txt", D)["ratio"] < 0.1
    assert detector.check("B.txt", B)["quoted_ratio"] > 0


def test_a_document_checked_alone_reports_as_against_unrelated_sources(detector):
    """Alone (no library, no peers) a document is matched against quotations and stock sentences
    only, without fingerprints; the copy object is the one the full search gives when the sources
    share nothing with it."""
    doc = B + "\n理论学习不够系统深入，学用结合不够紧密。根源在于宗旨意识淡化，对群众的冷暖关心不够。"
    roles = [(0, 12, "heading"), (12, len(B), "problem"), (len(B), len(doc), "cause")]
    alone = detector.check("B2.txt", doc, roles=roles)
    detector.add_peer("other.txt", "今天天气晴朗，我们去公园散步，看见湖面上有几只白鹭。")
    assert detector.check("B2.txt", doc, roles=roles) == alone
    assert alone["sources"] == [] and alone["ratio"] == 0 and alone["quoted_ratio"] > 0.05
    assert len(alone["quotations"]) >= 3 and set(alone["sections"]) == {"problem", "cause"}


def _library_with_stock(path, stock, count):
    """A library whose first ``count`` documents contain ``stock`` in different contexts."""
    lib = Library(path, CopyDetector(SPINNING, QUOTES).fingerprinter)
    paras = [p for text in (A, B, C, D) for p in paragraphs(text)[1:]]
    lib.add_many((f"p{i}.txt", f"{stock}，{p}" if i < count else p) for i, p in enumerate(paras))
    return lib


def test_boilerplate_shared_by_many_library_documents_is_not_copying(tmp_path):
    # not in the curated stock bank: only the library's document frequency can excuse it
    stock = "把农村公路养护和客运班线延伸作为年度民生实事清单逐项推进并按季度通报进展"
    doc = f"这次对照检查，我{stock}，把自己摆进去、把职责摆进去，逐条查找差距。"
    with _library_with_stock(tmp_path / "many.db", stock, 8) as lib:  # 8 of 22 documents
        det = CopyDetector(SPINNING, QUOTES, lib)
        assert det.boiler_threshold() == 3
        result = det.check("new.txt", doc)
        assert result["ratio"] == 0
        assert result["quoted_ratio"] >= len(stock) / nonspace_count(doc) - 0.1
    with _library_with_stock(tmp_path / "few.db", stock, 2) as lib:  # shared by only 2: copying
        assert CopyDetector(SPINNING, QUOTES, lib).check("new.txt", doc)["ratio"] > 0.5


def test_widely_copied_template_still_counts(tmp_path):
    with Library(tmp_path / "lib.db", CopyDetector(SPINNING, QUOTES).fingerprinter) as lib:
        lib.add_many((f"copy{i}.txt", A + f"\n第{i}稿") for i in range(6))
        det = CopyDetector(SPINNING, QUOTES, lib)
        assert det.check("new.txt", A)["ratio"] > 0.9


def test_peer_with_same_name_is_skipped(detector):
    detector.add_peer("A.txt", A)
    assert detector.check("A.txt", A)["sources"] == []
    assert detector.check("A.txt", A, skip=())["ratio"] == 0


def test_compare_side_by_side(detector):
    spun = gen.spin(gen.source("C.txt", C), 0.5, seed=9, table=SPINNING).text
    frags = detector.compare(spun, C)["sources"][0]["fragments"]
    assert sum(f["end"] - f["start"] for f in frags) >= 0.9 * len(spun)
    assert all(f["source_end"] > f["source_start"] for f in frags)


def test_spun_copy_with_synonyms_the_table_lacks():
    variant = gen.spin(gen.source("A.txt", A), 0.6, seed=4, table=SPINNING)
    half = dict(list(SPINNING.items())[::2])  # the detector knows only half of the pairs
    ratios = []
    for settings in ({"gap": 0, "paraphrase_min": 1.01}, {"paraphrase_min": 1.01}, {}):
        det = CopyDetector(half, QUOTES, **settings)
        det.add_peer("A.txt", A)
        ratios.append(det.check("spun.txt", variant.text)["ratio"])
    assert ratios[0] < ratios[1] <= ratios[2]  # gaps join pieces; sentence alignment adds the rest
    assert ratios[2] == pytest.approx(variant.shares["A.txt"], abs=0.05)


def test_data_file_helpers(tmp_path):
    spinning = tmp_path / "spinning.tsv"
    spinning.write_text("# a comment\noriginal\tspun\n服务\t效劳\n服务\t办事\n\n基础\t根底\n", encoding="utf-8")
    assert load_spinning(spinning) == {"服务": ["效劳", "办事"], "基础": ["根底"]}
    quotes = tmp_path / "quotations.txt"
    quotes.write_text("# 总要求\n照镜子、正衣冠、洗洗澡、治治病\n\n为民务实清廉\n", encoding="utf-8")
    assert load_quotations(quotes) == ["照镜子、正衣冠、洗洗澡、治治病", "为民务实清廉"]
    spinning.write_text("original\tspun\n服务 效劳\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2"):
        load_spinning(spinning)


def test_stock_sentences_of_the_bank_are_not_copying(detector):
    stock = "理论学习不够系统深入，学用结合不够紧密。调查研究不够深入，联系群众不够紧密。"
    detector.add_peer("weak1.txt", "XX镇副镇长个人对照检查材料。" + stock + "今后要进一步加强学习。")
    result = detector.check("weak2.txt", "XX乡乡长对照检查。" + stock + "下一步我将认真整改。")
    assert result["ratio"] < 0.1 and result["quoted_ratio"] > 0.3


def test_prepared_store_gives_the_same_texts_and_checks(tmp_path):
    """A batch prepares each document once and saves it (PreparedStore): read back it equals
    preparing again (offsets, hashes, sentences, bigram matrix), a check against the library
    reads it instead and reports the same, and other fingerprinting settings do not find it."""
    from analyzer.fingerprint import Fingerprinter, PreparedStore

    fp = Fingerprinter(SPINNING)
    texts = {"A.txt": A, "B.txt": B, "C.txt": C, "D.txt": D, "x.txt": "效劳𠀀群众，打牢思维根底\n\n一句话没有句号"}
    with PreparedStore(tmp_path / "prepared.sqlite", fp) as store:
        for text in texts.values():
            store.put(fp.prepare(text))
    store = PreparedStore(tmp_path / "prepared.sqlite", fp)
    for text in texts.values():
        fresh, saved = fp.prepare(text), store.get(text)
        assert (saved.text, saved.canon.text) == (fresh.text, fresh.canon.text)
        for a, b in [(fresh.canon.start, saved.canon.start), (fresh.canon.end, saved.canon.end),
                     (fresh.hashes, saved.hashes), (fresh.fp_pos, saved.fp_pos), (fresh.para, saved.para),
                     (fresh.sentences, saved.sentences)]:
            assert a.dtype == b.dtype and a.tolist() == b.tolist()
        assert (fresh.sentence_bigrams != saved.sentence_bigrams).nnz == 0
    assert store.get("不在库里的一段话。") is None
    assert PreparedStore(tmp_path / "prepared.sqlite", Fingerprinter({})).get(A) is None
    doc = C[:120] + B[40:200] + A[100:260]
    with Library(tmp_path / "lib.db", fp) as lib:
        lib.add_many(list(texts.items()))
        plain, stored = CopyDetector(SPINNING, QUOTES, lib), CopyDetector(SPINNING, QUOTES, lib)
        stored.store = store
        prepared = []
        prepare = stored.fingerprinter.prepare
        stored.fingerprinter.prepare = lambda text: prepared.append(text) or prepare(text)
        expected = plain.check("doc.txt", doc)
        assert len(expected["sources"]) == 3
        assert stored.check("doc.txt", doc) == expected
        assert prepared == [doc]  # the sources came from the store


def _quoted_by_brute_force(text: str, quotes: list[str], need: list[int]) -> list[bool]:
    """Characters of ``text`` inside a common substring with a quotation at least as long as that
    quotation's ``need``: every maximal diagonal run of equal characters, tried one by one."""
    out = [False] * len(text)
    for q, n in zip(quotes, need):
        for i in range(len(text)):
            for j in range(len(q)):
                if text[i] != q[j] or (i and j and text[i - 1] == q[j - 1]):
                    continue  # not the start of a maximal run
                length = 0
                while i + length < len(text) and j + length < len(q) and text[i + length] == q[j + length]:
                    length += 1
                if length >= n:
                    out[i:i + length] = [True] * length
    return out


def test_quotation_mask_marks_every_long_enough_run_of_each_quotation():
    from analyzer.copydetect import QuotationMatcher
    from analyzer.fingerprint import Fingerprinter

    quotes = ["全心全意为人民服务", "坚持以人民为中心的发展思想", "学思想强党性重实践建新功", "人民人民人民人民"]
    stock = ["理论学习不够系统深入", "学习不够深入"]
    matcher = QuotationMatcher([(quotes, 8), (stock, 10)], Fingerprinter({}))
    texts = ["我们要全心全意为人民服务坚持以人民为中心", "理论学习不够系统深入学思想强党性重实践建新功",
             "人民人民人民人民人民人民", "学习不够深入全心全意为人民", "为人民服务坚持以人民为中心的发展思想学习不够深入",
             "", "人民"]
    need = [min(len(q), 8) for q in quotes] + [min(len(s), 10) for s in stock]
    for text in texts:
        assert matcher.mask(text).tolist() == _quoted_by_brute_force(text, quotes + stock, need), text
