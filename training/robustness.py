"""Robustness suites: the test split of the written corpus in the shapes reviewers receive.

``python -m training.robustness`` analyses every test material of the four-styles rubric as

- ``clean``: the material as written, one paragraph per line;
- ``one_paragraph``: every line pasted into one run-on line (as web pages and chat pastes give it);
- ``noisy``: web-page furniture around and inside it (breadcrumb, source/dateline, a site name,
  section, column tag or byline above the title, page navigation and widget bars, date stamps,
  watermark, copyright/download footers, editor and source sign-offs, anti-scraping tokens
  inside lines, pinyin glosses), generated from templates with a seeded random generator;
- ``excerpt``: from the middle of the first problem paragraph to the last measure (no title,
  preamble or closing), as an excerpt quoted on a page;
- ``one_paragraph_noisy``: the noisy page with every line pasted into one (the hardest shape:
  the furniture is glued to the text around it);
- ``pdf_text``: copied from a PDF viewer into a text box: every paragraph wrapped at 24 columns,
  a page number (- 2 -) every 30 lines;
- ``traditional``: the material in traditional script (OpenCC ``s2t``), as a Hong Kong or Taiwan
  mirror or a converted repost gives it;

and reports, per shape, coverage document macro-F1, depth Spearman with the expert grades,
deep/shallow pairs won, how many furniture lines were (even partly) judged as content, how many
noise paragraphs hold text of the material, and how many inserted tokens were left in; with
``traditional``, also the shipped kind model on the kind corpus's split as written and in
traditional script (:func:`kind_traditional`). Settings
are chosen with ``--split dev``; the test figures go into the model cards (``--cards``). The
shapes are made from the split's documents only, and the noise templates are written for this
script, not taken from ``data/lexicons/noise.yaml``.
"""
from __future__ import annotations

import argparse
import json
import random

from training.corpus import LabelledDocument, load_corpus

from . import shapes

SHAPES = ("clean", "one_paragraph", "noisy", "excerpt", "one_paragraph_noisy", "pdf_text", "traditional")
PDF_COLUMNS, PDF_PAGE_LINES = 24, 30

_SITES = ["XX范文网", "第一公文网", "某某写作网", "学习材料网", "党建文秘网", "优质范文大全网"]
_DOMAINS = ["www.fanwen-xx.com", "www.gongwen123.cn", "m.xiezuo8.net", "wenmi.example.org"]
_TOP = [
    "首页 > 范文大全 > 对照检查材料 > 正文",
    "当前位置：首页 » 党建材料 » 民主生活会",
    "您的位置：主页 › 公文写作 › 心得体会 › 正文",
    "网站首页 / 工作总结 / 对照检查",
]
_DATELINE = [
    "来源：{site} 作者：佚名 发布时间：2023-0{m}-1{d} 浏览次数：{n}",
    "发布日期：2022/1{d}/0{m} 10:2{d} 阅读量：{n} 字号：大 中 小",
    "文章来源：{site}  点击：{n}  责任编辑：小王",
    "【字体：大 中 小】 更新时间：2021-0{m}-2{d} 来源：{site}",
]
# a line between the dateline and the title: a site name, a site section, a column tag or a byline
_HEAD = ["{site}", "党建园地", "学习频道", "【学习贯彻党的二十届三中全会精神】", "文/{author}", "某某县委组织部 {author}"]
_MIDDLE = ["第{p}页 共{q}页", "{domain}", "- {p} -", "{site} 版权所有", "展开全文", "相关推荐：对照检查材料范文10篇",
           "字号变大 | 字号变小", "收藏 分享 举报", "2023-0{m}-1{d} 1{d}:3{d} 阅读 {n}次"]
_BOTTOM = [
    "本文由{site}整理，复制请注明出处。",
    "上一篇：XX镇党委班子对照检查材料  下一篇：整改落实情况报告范文",
    "版权所有 © 2015-2023 {site} All Rights Reserved 京ICP备12345678号",
    "下载全文（Word版，可编辑） 立即下载",
    "声明：本站部分文章来自网友投稿，如有侵权请联系删除。",
    "猜你喜欢：2023年主题教育专题民主生活会个人对照检查材料",
    "扫描二维码关注{site}公众号",
    "（责编：{author}）",
    "据《某某日报》",
    "下载{site}客户端，随时随地看范文",
    "以上就是小编为大家整理的内容，希望对大家有所帮助。",
    "全媒体记者：{author} 通讯员：{author2}",
]
_AUTHORS = ["周明远", "刘晓", "陈一帆", "王立新", "赵小禾", "孙敏"]
_TOKEN_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789#@$&*~"
_PINYIN = {"数": "shù", "据": "jù", "会": "huì", "议": "yì", "调": "diào", "研": "yán", "群": "qún",
           "众": "zhòng", "学": "xué", "习": "xí", "作": "zuò", "风": "fēng"}


def test_documents(rubric: str = "four-styles", split: str = "test") -> list[LabelledDocument]:
    """The written materials of ``split`` (test; dev or train for choosing settings) and ``rubric``."""
    return [d for d in load_corpus() if d.path.parent.name == "written" and d.split == split
            and d.rubric == rubric]


def _token(rng: random.Random) -> str:
    while True:
        t = "".join(rng.choice(_TOKEN_CHARS) for _ in range(rng.randint(4, 8)))
        if sum(c.isdigit() for c in t) and sum(c.isalpha() for c in t):
            return t


def noisy(doc: LabelledDocument, seed: int = 0) -> tuple[str, list[str], list[str]]:
    """The material with page furniture and inserted tokens; also the furniture lines and the
    tokens inserted into content lines."""
    rng = random.Random(f"{doc.id}-{seed}")
    site, domain = rng.choice(_SITES), rng.choice(_DOMAINS)
    author, author2 = rng.sample(_AUTHORS, 2)
    fill = {"site": site, "domain": domain, "m": rng.randint(1, 9), "d": rng.randint(0, 9),
            "n": rng.randint(100, 9999), "p": 1, "q": rng.randint(2, 4), "author": author, "author2": author2}
    furniture = [rng.choice(_TOP).format(**fill), rng.choice(_DATELINE).format(**fill),
                 rng.choice(_HEAD).format(**fill)]
    lines = list(furniture)
    tokens = []
    body = [p.text for p in doc.paragraphs]
    middle = rng.randrange(2, len(body)) if len(body) > 3 else len(body)
    for k, text in enumerate(body):
        if k == middle:
            furniture.append(rng.choice(_MIDDLE).format(**fill))
            lines.append(furniture[-1])
        if len(text) > 30 and rng.random() < 0.4:  # a scraping token at a random place
            at = rng.randrange(5, len(text) - 5)
            tokens.append(_token(rng))
            text = text[:at] + tokens[-1] + text[at:]
        if rng.random() < 0.15:  # pinyin glosses on the first glossable characters
            glossed = [c + (f"({_PINYIN[c]})" if c in _PINYIN else "") for c in text]
            text = "".join(glossed)
        lines.append(text)
    furniture += [t.format(**fill) for t in rng.sample(_BOTTOM, 3)]
    lines += furniture[-3:]
    return "\n".join(lines), furniture, tokens


def shaped(doc: LabelledDocument, shape: str) -> tuple[str, list[str], list[str]]:
    """(text, furniture lines, tokens inserted into content) of ``doc`` in ``shape``."""
    if shape == "clean":
        return doc.text, [], []
    if shape == "one_paragraph":
        return shapes.one_paragraph(doc)[0], [], []
    if shape == "noisy":
        return noisy(doc)
    if shape == "one_paragraph_noisy":
        text, furniture, tokens = noisy(doc)
        return text.replace("\n", ""), furniture, tokens
    if shape == "pdf_text":
        return pdf_text(doc.text)
    if shape == "traditional":
        return traditional(doc.text), [], []
    return shapes.excerpt(doc)[0], [], []


def pdf_text(text: str) -> tuple[str, list[str], list[str]]:
    """``text`` as a PDF viewer copies it (the ``pdf_text`` shape), with its page numbers as furniture."""
    from analyzer.ingest import _width

    lines, furniture = [], []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if _width(line + ch) > PDF_COLUMNS:
                lines.append(line)
                line = ""
                if len(lines) % PDF_PAGE_LINES == 0:
                    furniture.append(f"- {len(lines) // PDF_PAGE_LINES} -")
                    lines.append(furniture[-1])
            line += ch
        lines.append(line)
    return "\n".join(lines), furniture, []


def traditional(text: str) -> str:
    """``text`` in traditional script (the ``traditional`` shape)."""
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def kind_traditional(split: str = "test") -> dict:
    """The shipped kind model on the kind corpus's ``split`` as written (``clean``) and in
    traditional script, each read as the tool reads it (``ingest.from_text``): accuracy,
    non-materials given a material kind, and documents whose kind the script changed."""
    from analyzer import modelstore
    from analyzer.ingest import from_text
    from analyzer.kinds import MATERIAL_KINDS
    from training.kinds_corpus import load_kinds_corpus, shaped

    docs = [d for d in load_kinds_corpus() if d.split == split]
    model, gold = modelstore.load("kinds"), [d.kind for d in docs]
    clean = model.predict([shaped(d, "clean") for d in docs])
    read = [from_text(traditional(shaped(d, "clean")), d.id).text for d in docs]
    pred = model.predict(read)
    out = {}
    for shape, kinds in (("clean", clean), ("traditional", pred)):
        out[shape] = {"documents": len(docs), "accuracy": round(sum(g == k for g, k in zip(gold, kinds)) / len(docs), 4),
                      "non_material_given_material_kind": sum(g not in MATERIAL_KINDS and k in MATERIAL_KINDS
                                                              for g, k in zip(gold, kinds))}
    out["traditional"]["kind_changed"] = sorted(d.id for d, a, b in zip(docs, clean, pred) if a != b)
    out["traditional"]["text_changed"] = sum(r != shaped(d, "clean") for d, r in zip(docs, read))
    return out


def _windows(text: str, size: int = 6, step: int = 3) -> list[str]:
    text = "".join(text.split())
    return [text[k:k + size] for k in range(0, max(len(text) - size, 0) + 1, step)]


def _normalised(text: str) -> str:
    from analyzer.errors import JingziError
    from analyzer.ingest import from_text

    try:
        return "".join(from_text(text).text.split())
    except JingziError:  # a furniture line with no Chinese (- 2 -, a URL)
        return "".join(text.split())


def noise_errors(report, doc: LabelledDocument, furniture: list[str]) -> tuple[int, int]:
    """(furniture lines with a part in a judged paragraph, noise paragraphs holding material text),
    found by 6-character windows that occur in one and not the other (a footer may name a title
    the material also has)."""
    judged = "".join(p.text for p in report.paragraphs if p.role != "noise")
    material = _normalised(doc.text)  # traditional characters converted, as the report's text is
    page = _normalised("\n".join(furniture))
    missed = sum(any(w in judged and w not in material for w in _windows(_normalised(line)))
                 for line in furniture)
    lost = sum(any(w in material and w not in page for w in _windows(p.text))
               for p in report.paragraphs if p.role == "noise")
    return missed, lost


def evaluate(docs: list[LabelledDocument], shapes=SHAPES, analyzer=None) -> dict:
    """Per shape: coverage macro-F1, depth Spearman, pairs won, noise judged / content lost."""
    from scipy.stats import spearmanr
    from sklearn.metrics import f1_score

    from analyzer import Analyzer

    # the corpus holds materials only: the kind is set, so that these figures measure structure,
    # coverage and depth on each shape, not the kind classifier (models/kinds.md has its shapes)
    analyzer = analyzer or Analyzer(kind="personal")
    out = {}
    for shape in shapes:
        gold, pred, grades, scores, by_id = [], [], [], [], {}
        noise_judged = content_as_noise = tokens_left = 0
        for doc in docs:
            text, furniture, tokens = shaped(doc, shape)
            report = analyzer.analyze(text, doc.id)
            for cid, entry in report.coverage.items():
                gold.append(cid in doc.meta["covered"])
                pred.append(entry["covered"])
            grades.append(doc.meta["depth"])
            scores.append(report.depth["score"])
            by_id[doc.id] = report.depth["score"]
            missed, lost = noise_errors(report, doc, furniture)
            noise_judged += missed
            content_as_noise += lost
            judged = "".join(p.text for p in report.paragraphs if p.role != "noise")
            tokens_left += sum(t in judged for t in tokens)
        pairs = {}
        for doc in docs:
            pair = doc.meta.get("pair")
            if pair:
                pairs.setdefault(pair["group"], {})[pair["version"]] = doc.id
        pairs = [v for v in pairs.values() if "deep" in v and "shallow" in v]
        out[shape] = {
            "documents": len(docs),
            "coverage_macro_f1": round(f1_score(gold, pred, average="macro", zero_division=0), 4),
            "depth_spearman": round(float(spearmanr(grades, scores).statistic), 4),
            "pairs_won": sum(by_id[v["deep"]] > by_id[v["shallow"]] for v in pairs),
            "pairs": len(pairs),
            "noise_lines": sum(len(shaped(d, shape)[1]) for d in docs),
            "noise_lines_judged": noise_judged,
            "noise_paragraphs_with_material_text": content_as_noise,
            "inserted_tokens": sum(len(shaped(d, shape)[2]) for d in docs),
            "inserted_tokens_judged": tokens_left,
        }
    return out


def markdown(results: dict) -> str:
    rows = ["| shape | coverage macro-F1 | depth Spearman | deeper of pair wins | furniture lines (partly) judged "
            "| noise paragraphs holding material text | inserted tokens left in judged text |",
            "|---|---|---|---|---|---|---|"]
    for shape, r in results.items():
        rows.append(f"| {shape} | {r['coverage_macro_f1']:.3f} | {r['depth_spearman']:.3f} | "
                    f"{r['pairs_won']}/{r['pairs']} | {r['noise_lines_judged']}/{r['noise_lines']} | "
                    f"{r['noise_paragraphs_with_material_text']} | "
                    f"{r['inserted_tokens_judged']}/{r['inserted_tokens']} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    parser.add_argument("--cards", action="store_true",
                        help="also write the figures into the model cards (models/*.md) as `python -m training` does")
    parser.add_argument("--split", default="test", choices=("test", "dev", "train"),
                        help="dev or train: for choosing settings (test is never tuned on)")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES),
                        help="only these shapes (default: all)")
    args = parser.parse_args()
    if args.cards:
        from training.train import add_robustness

        add_robustness()
    docs = test_documents(split=args.split)
    results = evaluate(docs, shapes=args.shapes)
    print(json.dumps(results, indent=2) if args.json else
          f"{len(docs)} {args.split} materials (four-styles)\n\n" + markdown(results))
    if "traditional" in args.shapes:
        print(f"\nkinds, {args.split} split as written and in traditional script:",
              json.dumps(kind_traditional(args.split), ensure_ascii=False))


if __name__ == "__main__":
    main()
