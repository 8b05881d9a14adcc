"""Table identity check: annotate reference corpora and print a fingerprint per table.

Used while moving code (issue 16): the tables must stay byte-identical on the demo corpus, the
10kGNAD test CSV and the Wikinews dev folder. Run before and after a change and compare:

    .venv/bin/python benchmarks/table_identity.py --out /tmp/tables-before
    .venv/bin/python benchmarks/table_identity.py --out /tmp/tables-after --compare /tmp/tables-before

Each table is written as CSV (rows in corpus order, columns sorted by name so that a moved column does
not count as a change) after a line with its column types, and fingerprinted with SHA-256. ``--corpora demo`` limits the run. Annotation
uses a temporary cache, so nothing stored earlier is reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path


def _corpora(names):
    from medialens import config
    from medialens.corpus import CsvOptions

    known = {
        "demo": (config.DEMO_CORPUS_DIR, None),
        "10kgnad": (config.EVAL_DIR / "corpus-10kgnad-test.csv",
                    CsvOptions(delimiter=";", quotechar="'", header=False, columns=("label", "text"))),
        "wikinews-dev": (config.EVAL_DIR / "attribution-wikinews-dev", None),
    }
    for name in names:
        yield name, *known[name]


def fingerprint_tables(name, path, options, out: Path, n_jobs: int) -> dict[str, str]:
    from medialens.annotate import annotate
    from medialens.corpus import load_corpus

    articles, _ = load_corpus(path, csv_options=options)
    tables = {"articles": articles.drop(columns=["text"]),
              **annotate(articles, n_jobs=n_jobs, cache=False, progress=False)}
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    digests = {}
    for table_name, table in sorted(tables.items()):
        table = table[sorted(table.columns)]
        types = ",".join(f"{c}:{t}" for c, t in table.dtypes.astype(str).items())
        csv = f"# {types}\n" + table.to_csv(index=False, lineterminator="\n")
        (folder / f"{table_name}.csv").write_text(csv, encoding="utf-8")
        digests[table_name] = f"{hashlib.sha256(csv.encode()).hexdigest()[:16]}  {len(table)} rows"
    return digests


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for the CSVs and fingerprints.json")
    parser.add_argument("--corpora", default="demo,10kgnad,wikinews-dev")
    parser.add_argument("--compare", type=Path, help="an earlier --out folder to compare with")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("MEDIALENS_CACHE", tempfile.mkdtemp(prefix="medialens-identity-"))
    result = {}
    for name, path, options in _corpora(args.corpora.split(",")):
        result[name] = fingerprint_tables(name, path, options, args.out, args.jobs)
        for table, digest in result[name].items():
            print(f"{name:14s} {table:18s} {digest}", flush=True)
    (args.out / "fingerprints.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    if not args.compare:
        return 0
    before = json.loads((args.compare / "fingerprints.json").read_text())
    changed = [(c, t) for c in result for t in set(result[c]) | set(before.get(c, {}))
               if result[c].get(t) != before.get(c, {}).get(t)]
    for corpus, table in sorted(changed):
        print(f"CHANGED {corpus}/{table}: {before.get(corpus, {}).get(table)} -> {result[corpus].get(table)}")
    print("identical" if not changed else f"{len(changed)} tables changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
