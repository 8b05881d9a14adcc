"""Write N templated short texts as a JSONL corpus, for timing the loader's duplicate step.

Issue 18 measured the old near-duplicate search at 6.4 s for 1,000, 46 s for 3,000 and 570 s for
10,000 templated texts: texts that share their boilerplate fall into the same MinHash buckets and every
pair in a bucket was compared. The texts here are synthetic (fictional towns, numbers drawn with a
fixed seed): one template, five slots.

    .venv/bin/python benchmarks/templated_corpus.py 10000 /tmp/templated-10k.jsonl
    .venv/bin/medialens bench /tmp/templated-10k.jsonl --load-only
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

TOWNS = ["Wendelstadt", "Seeburg", "Hollbach", "Kirchwald", "Altmoor", "Brunnfeld", "Talbach", "Oberweiler"]


def templated_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` texts of one template (about 35 words) with five random slots."""
    rng = random.Random(seed)
    return [f"Die Feuerwehr in {rng.choice(TOWNS)} meldet für den {rng.randint(1, 28)}. Februar insgesamt "
            f"{rng.randint(1, 999)} Einsätze. Ein Sprecher sagte, die Lage sei ruhig geblieben. Am Abend habe es "
            f"{rng.randint(1, 99)} Unfälle gegeben, darunter {rng.randint(1, 20)} mit Verletzten in "
            f"{rng.choice(TOWNS)}." for _ in range(n)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of texts")
    parser.add_argument("out", type=Path, help="JSONL file to write")
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as fh:
        for k, text in enumerate(templated_texts(args.n), start=1):
            fh.write(json.dumps({"article_id": f"t{k:06d}", "outlet": "Templat-Anzeiger", "date": "2023-02-07",
                                 "text": text, "synthetic": True}, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} texts to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
