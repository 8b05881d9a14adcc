"""Fit the learned name layer on GermEval 2014's ``tune`` half and compare it with the rules (issue 14).

    .venv/bin/python benchmarks/ner_learned.py            # print the figures
    .venv/bin/python benchmarks/ner_learned.py --write    # also write data/models/ner_tagger.json, if it wins

Deterministic: the same rules, lexicons and gold file give the same model. ``C`` is chosen by 5-fold
cross-validation inside ``tune`` (:mod:`medialens.evaluation.ner_fit`); the ``test`` half is scored
once, after fitting, for the report. The weights are written only when the model's micro F1 on the
``test`` half is above the rules' (the project's rule for shipping learned parameters); without the
file the actors step uses the rules' spans unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys

from medialens.actors import learned
from medialens.evaluation import ner, ner_fit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ner.DEFAULT_GOLD), help="GermEval 2014 dev TSV")
    parser.add_argument("--write", action="store_true", help=f"write {learned.MODEL_FILE} when the model wins")
    args = parser.parse_args(argv)
    model, summary = ner_fit.fit_tune(ner.read_germeval(args.gold))
    print(json.dumps({k: v for k, v in summary.items() if k != "citation"}, indent=1))
    wins = summary["held_out"]["learned"]["micro"] > summary["held_out"]["rules"]["micro"]
    print(f"learned layer {'beats' if wins else 'does not beat'} the rules on the held-out half")
    if args.write and wins:
        learned.save_model(model, learned.MODEL_FILE, summary)
        print(f"wrote {learned.MODEL_FILE} ({len(model.weights)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
