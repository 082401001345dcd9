"""Write the labelled sets of issue 16 from the hand-written fragments in data/.

``python -m training.otherdocs_data`` (deterministic) writes

* ``data/criticism/documents.jsonl``: criticism documents (批评意见) in four shapes, each item
  with its target, label, style and instance flag;
* ``data/rectification/plans.jsonl``: rectification plans (整改方案) in five shapes, tables
  given as rows (``training.otherdocs_docx`` turns them into .docx), each item with its fields;
* ``data/opinions/pairs/<id>.txt`` + ``<id>.opinions.txt`` and ``data/opinions/labels.jsonl``:
  materials of data/corpus/written with opinion lists and each opinion's status.

Every fragment is dealt to train/dev/test by a hash of its text and a document only uses
fragments of its own split, so the test documents hold wordings nothing was tuned on.
"""
from __future__ import annotations

import hashlib
import json
import random
import re

import yaml

from training.corpus import DATA_DIR
from analyzer.resources import load_yaml, phrase_regex

CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
NAMES = ["张XX", "李XX", "王XX", "赵XX", "刘XX", "陈XX", "杨XX", "黄XX", "周XX", "吴XX", "孙某某", "郑某",
         "冯XX", "韩某某", "马XX", "朱某"]


def split_of(text: str) -> str:
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 10
    return "train" if h < 6 else "dev" if h < 8 else "test"


def doc_split(i: int) -> str:
    return "test" if i % 5 == 0 else "dev" if i % 5 == 1 else "train"


def _load(path: str) -> dict:
    return yaml.safe_load((DATA_DIR / path).read_text(encoding="utf-8"))


def _pool(items, split):
    kept = [x for x in items if split_of(x) == split]
    return kept or list(items)


def marker(style: str, n: int) -> str:
    return {"dot": f"{n}.", "dun": f"{n}、", "paren": f"（{n}）", "shi": f"{CN[n - 1]}是",
            "circle": CIRCLED[n - 1], "cn": f"{CN[n - 1]}、"}[style]


# --------------------------------------------------------------------------- criticism

TAILS = {"genuine": ["", "", "，希望你认真反思", "，群众对此有看法", "。建议你会后认真查找原因"],
         "praise": ["", "", "，希望你多保重"], "vague": ["", "", "，希望引起重视"],
         "suggestion_only": [""], "work_not_style": ["", "", "，希望你加把劲"]}


class CriticismItems:
    def __init__(self, split: str, rng: random.Random):
        data = _load("criticism/fragments.yaml")
        self.rng = rng
        self.genuine = {s: (_pool(v["behaviours"], split), _pool(v["instances"], split))
                        for s, v in data["genuine"].items()}
        self.other = {k: _pool(data[k], split) for k in ("praise", "vague", "suggestion_only", "work_not_style")}
        self.used: set[str] = set()

    def draw(self) -> dict:
        for _ in range(50):
            item = self._draw()
            head = item.pop("core")
            if head not in self.used:
                break
        self.used.add(head)
        return item

    def _draw(self) -> dict:
        rng = self.rng
        label = rng.choices(["genuine", "praise", "vague", "suggestion_only", "work_not_style"],
                            [45, 17, 13, 13, 12])[0]
        style, instance = None, False
        if label == "genuine":
            style = rng.choice(sorted(self.genuine))
            behaviours, instances = self.genuine[style]
            text = rng.choice(behaviours)
            core = text
            if rng.random() < 0.5:
                text += "。" + rng.choice(instances)
                instance = True
        else:
            text = core = rng.choice(self.other[label])
        text += rng.choice(TAILS[label])
        return {"text": text, "label": label, "style": style, "instance": instance, "core": core}


def _third_person(text: str, rng: random.Random) -> str:
    return text.replace("你", rng.choice(["他", "该同志"]))


def criticism_document(i: int, rng: random.Random) -> dict:
    split = doc_split(i)
    pool = CriticismItems(split, rng)
    shape = ["per_member", "summary", "record", "runon", "per_member"][(i + i // 5) % 5]
    names = rng.sample(NAMES, 6)
    author, targets = names[0], names[1:rng.randint(3, 5)]
    lines: list[str] = []
    items: list[dict] = []
    skipped = None

    def add(target, style):
        it = pool.draw()
        if style == "third":
            it["text"] = _third_person(it["text"], rng)
        it["target"] = target
        items.append(it)
        return it

    if shape in ("per_member", "runon"):
        lines.append(rng.choice([f"{author}同志在专题民主生活会上拟提出的批评意见",
                                 f"对班子成员的相互批评意见（{author}）",
                                 f"{author}同志会前准备的批评意见（送督导组审阅）"]))
        if rng.random() < 0.6:
            lines.append("按照会前准备要求，本着对同志负责的态度，现对班子其他成员提出如下批评意见：")
        if rng.random() < 0.5:
            skipped = rng.choice([n for n in NAMES if n not in names])
            members = targets + [skipped]
            rng.shuffle(members)
            lines.append("班子成员：" + "、".join(members) + "。")
        for k, t in enumerate(targets, 1):
            head = rng.choice([f"对{t}同志：", f"对{t}同志的批评意见：", f"{CN[k - 1]}、对{t}同志",
                               f"（{CN[k - 1]}）给{t}同志提的意见"])
            layout = rng.choice(["lines", "lines", "inline", "shi"])
            mstyle = rng.choice(["dot", "dun", "paren", "circle"])
            its = [add(t, "second") for _ in range(rng.randint(2, 4))]
            if layout == "lines":
                lines.append(head)
                lines += [f"{marker(mstyle, n)}{it['text']}。" for n, it in enumerate(its, 1)]
            elif layout == "inline":
                sep = "：" if not head.endswith("：") else ""
                lines.append(head + sep + "；".join(f"{marker(mstyle, n)}{it['text']}" for n, it in enumerate(its, 1)) + "。")
            else:
                lines.append(head)
                lines.append("；".join(f"{marker('shi', n)}{it['text']}" for n, it in enumerate(its, 1)) + "。")
    elif shape == "summary":
        t = targets[0]
        lines.append(rng.choice([f"关于{t}同志的批评意见汇总", f"{t}同志收到的批评意见（汇总稿）",
                                 f"班子成员对{t}同志的批评意见汇总表"]))
        lines.append(f"（会前由督导组汇总，共{rng.randint(6, 12)}条，按提出人顺序排列）")
        third = rng.random() < 0.5
        mstyle = rng.choice(["dot", "dun", "paren", "cn"])
        for n in range(1, rng.randint(6, 10)):
            it = add(t, "third" if third else "second")
            lines.append(f"{marker(mstyle, n)}{it['text']}。")
        targets = [t]
    else:  # record
        lines.append(rng.choice(["XX局党组专题民主生活会相互批评情况记录", "XX镇党委班子专题民主生活会记录（相互批评部分）"]))
        lines.append(f"时间：2024年1月{rng.randint(10, 28)}日  地点：机关三楼会议室")
        pairs = []
        for t in targets:
            critics = rng.sample([n for n in names if n != t], 2)
            pairs += [(c, t) for c in critics]
        rng.shuffle(pairs)
        for c, t in pairs[:rng.randint(4, 6)]:
            head = rng.choice([f"{c}对{t}提出批评：", f"{c}同志批评{t}同志：", f"{c}：对{t}同志提两点意见，"])
            its = [add(t, "third") for _ in range(rng.randint(1, 3))]
            if len(its) == 1:
                lines.append(head + its[0]["text"] + "。")
            else:
                lines.append(head + "；".join(f"{marker('shi', n)}{it['text']}" for n, it in enumerate(its, 1)) + "。")
        targets = sorted({it["target"] for it in items})
    if shape == "runon":
        lines = ["".join(lines)]
    return {"id": f"crit{i:03d}", "split": split, "shape": shape, "text": "\n".join(lines), "items": items,
            "never_criticised": [skipped] if skipped else []}


# --------------------------------------------------------------------------- rectification

FIELD_LABELS = {"problem": ["问题", "存在问题", "整改问题"], "measure": ["措施", "整改措施"],
                "owner": ["责任人", "责任领导", "责任单位"], "deadline": ["时限", "完成时限", "整改时限"],
                "standard": ["目标", "整改目标", "完成标准"]}


class PlanParts:
    """Problems come with the concrete measure written for them (the two lists are parallel)."""

    def __init__(self, split: str, rng: random.Random):
        d = _load("rectification/fragments.yaml")
        self.rng = rng
        pairs = list(zip(d["problems"], d["measures"]["concrete"]))
        self.pairs = [pq for pq in pairs if split_of(pq[0]) == split] or pairs
        self.vague = _pool(d["measures"]["vague"], split)
        self.named, self.unnamed = _pool(d["owners"]["named"], split), _pool(d["owners"]["unnamed"], split)
        self.dates, self.ongoing = _pool(d["deadlines"]["date"], split), _pool(d["deadlines"]["ongoing"], split)
        self.measurable = _pool(d["standards"]["measurable"], split)
        self.unmeasurable = _pool(d["standards"]["unmeasurable"], split)

    def draw(self, used: set) -> dict:
        rng = self.rng
        fresh = [pq for pq in self.pairs if pq[0] not in used] or self.pairs
        problem, concrete_measure = rng.choice(fresh)
        used.add(problem)
        concrete = rng.random() < 0.72
        o = rng.random()
        owner_kind = "named" if o < 0.7 else "unnamed" if o < 0.85 else "none"
        dl = rng.random()
        deadline_type = "date" if dl < 0.55 else "ongoing" if dl < 0.82 else None
        st = rng.random()
        standard_kind = "measurable" if st < 0.5 else "unmeasurable" if st < 0.72 else "none"
        return {
            "problem": problem,
            "measure": concrete_measure if concrete else rng.choice(self.vague), "measure_concrete": concrete,
            "owner_written": {"named": lambda: rng.choice(self.named), "unnamed": lambda: rng.choice(self.unnamed),
                              "none": lambda: None}[owner_kind](),
            "owner_named": owner_kind == "named",
            "deadline_written": rng.choice(self.dates if deadline_type == "date" else self.ongoing) if deadline_type else None,
            "deadline_type": deadline_type,
            "standard_written": {"measurable": lambda: rng.choice(self.measurable),
                                 "unmeasurable": lambda: rng.choice(self.unmeasurable),
                                 "none": lambda: None}[standard_kind](),
            "standard_measurable": standard_kind == "measurable",
        }


def _gold(part: dict, deadline_text: str | None = None) -> dict:
    owner = part["owner_written"] if part["owner_named"] else None
    deadline = {"text": deadline_text or part["deadline_written"], "type": part["deadline_type"]} \
        if part["deadline_type"] else None
    standard = part["standard_written"] if part["standard_measurable"] else None
    missing = [f for f, v in (("measure", part["measure_concrete"] or None), ("owner", owner),
                              ("deadline", deadline), ("standard", standard)) if not v]
    return {"problem": part["problem"], "measure": part["measure"], "measure_concrete": part["measure_concrete"],
            "owner": owner, "deadline": deadline, "standard": standard, "missing": missing}


def _prose(n: int, mstyle: str, p: dict, rng: random.Random) -> str:
    head = rng.choice([f"针对{p['problem']}的问题，", f"关于{p['problem']}的问题。", f"{p['problem']}。整改措施："])
    out = f"{marker(mstyle, n)}{head}{p['measure']}。"
    if p["owner_written"]:
        out += rng.choice([f"由{p['owner_written']}负责。", f"责任人：{p['owner_written']}。",
                           f"{p['owner_written']}牵头抓好落实。"])
    if p["deadline_written"]:
        d = p["deadline_written"]
        out += (rng.choice([f"{d}完成。", f"完成时限：{d}。", f"时限：{d}。"]) if p["deadline_type"] == "date"
                else rng.choice([f"{d}。", f"时限：{d}。"]))
    if p["standard_written"]:
        out += rng.choice([f"确保{p['standard_written']}。", f"整改目标：{p['standard_written']}。",
                           f"实现{p['standard_written']}。"])
    return out


def _labelled(n: int, mstyle: str, p: dict, rng: random.Random, multiline: bool) -> list[str]:
    fields = [("problem", p["problem"]), ("measure", p["measure"]), ("owner", p["owner_written"]),
              ("deadline", p["deadline_written"]), ("standard", p["standard_written"])]
    parts = [f"{rng.choice(FIELD_LABELS[f])}：{v}" for f, v in fields if v]
    if multiline:
        return [f"{marker(mstyle, n)}{parts[0]}"] + [x + "。" for x in parts[1:]]
    return [f"{marker(mstyle, n)}" + "；".join(parts) + "。"]


def rectification_plan(i: int, rng: random.Random) -> dict:
    split = doc_split(i)
    parts = PlanParts(split, rng)
    shape = ["labelled", "prose", "docx_table", "text_table", "runon"][(i + i // 5) % 5]
    n_items = rng.randint(7, 11)
    unit = rng.choice(["XX县委办公室", "XX镇党委", "XX局党组", "XX街道党工委", "XX公司党委", "XX医院党委"])
    title = rng.choice([f"{unit}专题民主生活会查摆问题整改方案", f"{unit}关于专题民主生活会查摆问题的整改清单",
                        f"{unit}专题民主生活会整改落实方案"])
    intro = rng.choice(["为切实抓好专题民主生活会查摆问题的整改落实，制定本方案。",
                        "对照民主生活会查摆出的问题，逐项明确整改措施、责任人和完成时限，具体如下：",
                        "根据会上查摆和会前征求意见情况，班子研究确定以下整改事项。"])
    used: set = set()
    draws = [parts.draw(used) for _ in range(n_items)]
    golds = []
    doc: dict = {"id": f"plan{i:03d}", "split": split, "shape": shape, "format": "txt"}
    mstyle = rng.choice(["dot", "dun", "paren", "cn"])
    if shape in ("docx_table", "text_table"):
        header = ["序号", "存在问题", "整改措施", "责任领导", "完成时限", "整改目标"]
        rows = []
        prev = None
        for n, p in enumerate(draws, 1):
            owner_cell, deadline_cell = p["owner_written"] or "", p["deadline_written"] or ""
            deadline_text = None
            if prev and rng.random() < 0.3:  # 同上: this row repeats the row above
                p.update(owner_written=prev["owner_written"], owner_named=prev["owner_named"])
                owner_cell = "同上" if prev["owner_written"] else ""
            if prev and prev["deadline_type"] and rng.random() < 0.3:
                p.update(deadline_written=prev["deadline_written"], deadline_type=prev["deadline_type"])
                deadline_cell, deadline_text = "同上", prev["deadline_written"]
            rows.append([str(n), p["problem"], p["measure"], owner_cell, deadline_cell, p["standard_written"] or ""])
            golds.append(_gold(p, deadline_text))
            prev = p
        if shape == "docx_table":
            doc.update(format="docx", before=[title, intro], header=header, rows=rows, after=["XX年X月X日"])
            text_lines = None
        else:
            sep = rng.choice(["\t", " | ", "｜"])
            text_lines = [title, intro, sep.join(header)] + [sep.join(c or "—" if sep != "\t" else c for c in r)
                                                           for r in rows]
    else:
        golds = [_gold(p) for p in draws]
        text_lines = [title, intro]
        multiline = rng.random() < 0.5
        for n, p in enumerate(draws, 1):
            if shape == "labelled":
                text_lines += _labelled(n, mstyle, p, rng, multiline)
            else:
                text_lines.append(_prose(n, mstyle, p, rng))
        if shape == "runon":
            text_lines = [title + intro + "".join(text_lines[2:])]
    if text_lines is not None:
        doc["text"] = "\n".join(text_lines)
    doc["items"] = golds
    return doc


# --------------------------------------------------------------------------- opinions

def opinion_pairs(rng: random.Random, per_split: dict[str, int]) -> list[dict]:
    """Opinion lists for written materials: answered (a problem paragraph of the material
    examines the opinion's manifestation group), generic (only an inserted stock pledge
    touches its category) and ignored (nothing in the material touches its category)."""
    from training.corpus import load_corpus
    from analyzer.coverage import PatternMatcher
    from analyzer.resources import load_rubric

    rubric = load_rubric("four-styles")
    matcher = PatternMatcher(rubric)
    data = _load("opinions/wordings.yaml")
    out = []
    for split, count in per_split.items():
        docs = [d for d in load_corpus(split) if d.rubric == "four-styles" and d.meta.get("script") == "simplified"]
        docs.sort(key=lambda d: d.meta["id"])
        rng.shuffle(docs)
        wordings = {c: {g: _pool(ws, split) for g, ws in groups.items()} for c, groups in data["opinions"].items()}
        stock = {c: _pool(s, split) for c, s in data["stock"].items()}
        made = 0
        for d in docs:
            if made >= count:
                break
            texts = [p.text for p in d.paragraphs]
            matches = [matcher.match(t) for t in texts]
            touched = {m.category for ms in matches for m in ms}
            answerable: dict[tuple[str, str], list[int]] = {}
            for i, (p, ms) in enumerate(zip(d.paragraphs, matches)):
                if p.role != "problem":
                    continue
                for m in ms:
                    if not m.denied and m.category in p.styles and m.group in wordings.get(m.category, {}):
                        answerable.setdefault((m.category, m.group), [])
                        if i not in answerable[(m.category, m.group)]:
                            answerable[(m.category, m.group)].append(i)
            bridge = load_yaml("lexicons/opinion_bridge.yaml")["groups"]
            whole = "".join(texts)
            examined = {m.category for p, ms in zip(d.paragraphs, matches) if p.role in ("problem", "cause", "measure")
                        for m in ms if not m.denied}
            named = {c for p, t in zip(d.paragraphs, texts) if p.role != "heading" for c in matcher.named(t)}
            quiet = {(c, g) for c, groups in wordings.items() for g in groups
                     if g not in {m.group for ms in matches for m in ms} and c not in named
                     and not any(re.search(phrase_regex(b), whole) for b in bridge.get(g, []))}
            if len(answerable) < 2 or not quiet:
                continue
            chosen = rng.sample(sorted(answerable), min(len(answerable), rng.randint(2, 4)))
            opinions = [{"text": rng.choice(wordings[c][g]), "status": "answered", "category": c, "group": g,
                         "paragraphs": answerable[(c, g)]} for c, g in chosen]
            paragraphs = list(texts)
            free = sorted({c for c, _ in quiet if c not in examined and c not in d.meta.get("covered", [])})
            generic_cat = rng.choice(free) if free and rng.random() < 0.7 else None
            if generic_cat:
                sentence = rng.choice(stock[generic_cat])
                measure_idx = [i for i, p in enumerate(d.paragraphs) if p.role == "measure"]
                where = measure_idx[-1] if measure_idx else len(paragraphs) - 1
                paragraphs[where] = paragraphs[where] + sentence
                groups = sorted(g for c, g in quiet if c == generic_cat)
                for g in rng.sample(groups, min(2, len(groups))):
                    opinions.append({"text": rng.choice(wordings[generic_cat][g]), "status": "generic",
                                     "category": generic_cat, "group": g, "paragraphs": [where]})
            rest = sorted((c, g) for c, g in quiet if c != generic_cat)
            for c, g in rng.sample(rest, min(len(rest), rng.randint(2, 3))):
                opinions.append({"text": rng.choice(wordings[c][g]), "status": "ignored", "category": c,
                                 "group": g, "paragraphs": []})
            rng.shuffle(opinions)
            seen = set()
            opinions = [o for o in opinions if not (o["text"] in seen or seen.add(o["text"]))]
            pid = f"op-{d.meta['id']}"
            out.append({"id": pid, "split": split, "material": d.meta["id"], "text": "\n".join(paragraphs),
                        "opinions": opinions, "list_format": rng.choice(["numbered", "plain", "docx", "xlsx"])})
            made += 1
    return out


OPINION_PREFIX = ["{n}. ", "{n}、", "（{n}）", ""]


def write_opinion_pairs(pairs: list[dict]) -> None:
    folder = DATA_DIR / "opinions" / "pairs"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    labels = []
    for k, p in enumerate(pairs):
        (folder / f"{p['id']}.txt").write_text(p["text"] + "\n", encoding="utf-8")
        prefix = OPINION_PREFIX[k % len(OPINION_PREFIX)] if p["list_format"] in ("numbered", "plain") else ""
        if p["list_format"] == "plain":
            prefix = ""
        lines = [prefix.format(n=n) + o["text"] for n, o in enumerate(p["opinions"], 1)]
        (folder / f"{p['id']}.opinions.txt").write_text(
            "征求到的意见建议\n" * (k % 3 == 0) + "\n".join(lines) + "\n", encoding="utf-8")
        labels.append({k2: v for k2, v in p.items() if k2 != "text"})
    with open(DATA_DIR / "opinions" / "labels.jsonl", "w", encoding="utf-8") as fh:
        for row in labels:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_jsonl(path, rows) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> dict:
    rng = random.Random(16)
    crit = [criticism_document(i, rng) for i in range(40)]
    _write_jsonl(DATA_DIR / "criticism" / "documents.jsonl", crit)
    plans = [rectification_plan(i, rng) for i in range(48)]
    _write_jsonl(DATA_DIR / "rectification" / "plans.jsonl", plans)
    pairs = opinion_pairs(rng, {"train": 24, "dev": 12, "test": 12})
    write_opinion_pairs(pairs)
    counts = {
        "criticism": {s: [sum(d["split"] == s for d in crit), sum(len(d["items"]) for d in crit if d["split"] == s)]
                      for s in ("train", "dev", "test")},
        "rectification": {s: [sum(d["split"] == s for d in plans),
                              sum(len(d["items"]) for d in plans if d["split"] == s)] for s in ("train", "dev", "test")},
        "opinions": {s: [sum(p["split"] == s for p in pairs), sum(len(p["opinions"]) for p in pairs if p["split"] == s)]
                     for s in ("train", "dev", "test")},
    }
    return counts


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=1))
