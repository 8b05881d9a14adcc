"""Every ``medialens eval`` figure with the fast pipeline beside the exact one (issue 17's acceptance rule).

Runs ``medialens eval KIND`` twice per kind in subprocesses -- ``MEDIALENS_NLP=exact`` (SoMaJo + HanTa,
the reference) and the default fast pipeline -- with a temporary cache each, takes every number the
command prints, in order, and compares them pairwise. Rates (numbers between 0 and 1 printed with a
decimal point) must move by at most 0.005; counts are listed when they differ.

    .venv/bin/python benchmarks/eval_exact.py                 # all kinds
    .venv/bin/python benchmarks/eval_exact.py attribution ner # some

Prints one line per kind and every rate that moved by more than 0.005; exits 1 when any did.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

KINDS = ("attribution", "ner", "sentiment", "frames")
TOLERANCE = 0.005
#: ``medialens eval KIND`` (it prints the figures).
_RUN = "import sys; from medialens.cli import main; sys.exit(main(['eval', sys.argv[1]]))"
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:[.,]\d+)*%?")


def run_eval(kind: str, pipeline: str) -> str:
    with tempfile.TemporaryDirectory(prefix=f"medialens-eval-{pipeline}-") as cache:
        env = {**os.environ, "MEDIALENS_NLP": pipeline, "MEDIALENS_CACHE": cache,
               "MEDIALENS_WORDS": os.environ.get("MEDIALENS_WORDS", os.path.join(os.getcwd(), ".cache", "words"))}
        done = subprocess.run([sys.executable, "-c", _RUN, kind], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def numbers(text: str) -> list[tuple[str, float]]:
    out = []
    for token in _NUMBER.findall(text):
        value = token.rstrip("%").replace(",", "")
        try:
            number = float(value) / (100 if token.endswith("%") else 1)
        except ValueError:
            continue
        out.append((token, number))
    return out


def compare(kind: str) -> tuple[str, list[str], bool]:
    exact, fast = run_eval(kind, "exact"), run_eval(kind, "fast")
    a, b = numbers(exact), numbers(fast)
    if len(a) != len(b):
        return f"{kind}: outputs differ in layout ({len(a)} vs {len(b)} numbers)", [], False
    moved, changed_counts, worst = [], 0, 0.0
    for (ta, x), (tb, y) in zip(a, b):
        is_rate = ("." in ta or ta.endswith("%")) and 0 <= x <= 1
        if is_rate:
            worst = max(worst, abs(x - y))
            if abs(x - y) > TOLERANCE:
                moved.append(f"  {kind}: {ta} (exact) -> {tb} (fast)")
        elif x != y:
            changed_counts += 1
    line = (f"{kind}: {len(a)} numbers, largest change of a rate {worst:.4f} "
            f"({'within' if not moved else 'OVER'} {TOLERANCE}); {changed_counts} counts differ")
    return line, moved, not moved


def main(argv: list[str]) -> int:
    ok = True
    for kind in argv or KINDS:
        line, moved, good = compare(kind)
        print(line, flush=True)
        for m in moved:
            print(m)
        ok &= good
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
