"""``python -m training [--overrides FILE]``: rebuild every model under ``models/`` and write the cards.

Training is a job for a checkout of the repository (the installed wheel carries no corpus).
"""
from __future__ import annotations

import argparse
import json
import sys

from analyzer.errors import JingziError

from training import train
from training.overrides import load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training",
        description="用 data/ 重新训练 models/ 中的全部模型并输出测试集指标 / rebuild every model in models/ "
                    "from data/ and print the held-out metrics.")
    parser.add_argument("--overrides", metavar="FILE",
                        help="审核人员的覆盖意见（工作台导出的 overrides.jsonl），并入覆盖模型训练标签 / reviewers' "
                             "overrides (overrides.jsonl exported by `jingzi serve`) added to the coverage training labels.")
    parser.add_argument("--denials-only", action="store_true",
                        help="只重新训练否认句分类器及其说明 / rebuild the denial classifier and its card only; "
                             "the other models are kept")
    args = parser.parse_args(argv)
    if args.denials_only and args.overrides:
        parser.error("--overrides concerns the coverage models, which --denials-only keeps")
    if args.overrides:
        try:
            load(args.overrides)
        except (OSError, ValueError) as exc:
            parser.error(str(exc))
    try:
        results = train.main_denials() if args.denials_only else train.main(args.overrides)
    except JingziError as exc:
        print(f"错误 Error: [{exc.code}] {exc.message}", file=sys.stderr)
        return 2
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
