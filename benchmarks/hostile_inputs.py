"""Hostile inputs for the loader and the table writer (issue 18, items 2-5 and 8): outcome, time, counts.

Each case builds a folder holding one good article (``good/article.txt``) beside one kind of bad input,
loads it with :func:`medialens.corpus.load_corpus` (timed, and the duplicate step in it separately), writes the tables with
:func:`medialens.annotate.write_tables` (articles and load report only; no annotation) and prints one
row per case: what happened, how long it took, what the loader counted, and what a careful reader of the
folder counts (``expect``: articles found and loaded, written out by hand for each case below).

    .venv/bin/python benchmarks/hostile_inputs.py            # the table (Markdown)
    .venv/bin/python benchmarks/hostile_inputs.py --json     # the same rows as JSON
    .venv/bin/python benchmarks/hostile_inputs.py --big      # and the size cases (about a minute)
    .venv/bin/python benchmarks/hostile_inputs.py --case fifo --keep /tmp/hostile   # one case, folder kept

A careful reader counts one item per file with a corpus suffix (``.txt .jsonl .csv .tsv .html .htm
.json``; a CSV or JSONL file: one per record, at least one), does not count hidden entries, other
suffixes or a sidecar ``articles.csv`` (metadata for the ``.txt`` files beside it), and expects those to
be listed as ignored. Runs on any version of the loader (attributes a version lacks count as ``-``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hostile import article, cell as _csv_cell  # noqa: E402 - the same texts as the loader tests


@dataclass
class Case:
    name: str
    what: str
    build: Callable[[Path], None]
    found: int  # a careful reader's count of articles in the folder (the good article included)
    loaded: int
    ignored: int = 0
    check_out: Callable[[Path, Path], str] | None = None  # (folder, out) -> problem or ""


def _rows_csv(root: Path, name: str, header: str, rows: list[str]) -> None:
    (root / name).write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


def _unclosed(root: Path) -> None:
    rows = [f"{i},{_csv_cell(article(100 + i))}" for i in range(1, 11)]
    rows[3] = f'4,"{article(104)}'  # quote opened, never closed
    _rows_csv(root, "data.csv", "id,text", rows)


def _over_limit(root: Path) -> None:
    rows = [f"1,{_csv_cell(article(201))}", f"2,{_csv_cell(article(202) + ' x' * 70_000)}",
            f"3,{_csv_cell(article(203))}"]
    _rows_csv(root, "data.csv", "id,text", rows)


def _link(target: str, name: str) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        os.symlink(target, root / name)
    return build


def _dir_loop(root: Path) -> None:
    (root / "sub").mkdir()
    (root / "sub" / "a.txt").write_text(article(301), encoding="utf-8")
    os.symlink("..", root / "sub" / "back")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "pipe.txt")


def _hidden_unsupported(root: Path) -> None:
    (root / ".hidden.txt").write_text(article(401), encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (root / ".ipynb_checkpoints").mkdir()
    (root / ".ipynb_checkpoints" / "a-checkpoint.txt").write_text(article(402), encoding="utf-8")


def _jsonl(root: Path, lines: list[dict | str], name: str = "data.jsonl") -> None:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=True) for line in lines)
    (root / name).write_text(text + "\n", encoding="utf-8")


def _surrogate_jsonl(root: Path) -> None:
    _jsonl(root, [{"text": article(501)}, {"text": article(502) + " \ud800 Ende."}])


def _surrogate_json(root: Path) -> None:
    (root / "one.json").write_text(json.dumps({"text": article(503) + " \udc80"}, ensure_ascii=True))


def _utf16(root: Path) -> None:
    (root / "le.txt").write_bytes(b"\xff\xfe" + article(601).encode("utf-16-le"))
    (root / "be.txt").write_bytes(b"\xfe\xff" + article(602).encode("utf-16-be"))


def _mixed(root: Path) -> None:
    _jsonl(root, [{"text": article(701), "tags": ["a", "b"]}, {"text": article(702), "tags": "c"},
                  {"text": article(703), "tags": 3}])


def _deep_json(root: Path) -> None:
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    _jsonl(root, ["[" * 100_000 + "]" * 100_000, {"text": article(801)}], name="deep.jsonl")


def _colliding_csv(root: Path) -> None:
    _rows_csv(root, "data.csv", "text,source,item,source_file,outlet_type",
              [f"{_csv_cell(article(901 + i))},Agentur,{i},x.txt,state_media" for i in range(3)])


def _colliding_jsonl(root: Path) -> None:
    _jsonl(root, [{"text": article(911 + i), "source": "Agentur", "item": i, "source_file": "y"} for i in range(3)])


def _articles_csv_data(root: Path) -> None:
    _rows_csv(root, "articles.csv", "id,text", [f"A{i},{_csv_cell(article(1001 + i))}" for i in range(3)])


def _sidecar_text(root: Path) -> None:
    (root / "good" / "b.txt").write_text(article(1101), encoding="utf-8")
    _rows_csv(root / "good", "articles.csv", "file,title,text", ["b.txt,Titel,Kurzfassung"])


def _blank_rows(root: Path) -> None:
    _rows_csv(root, "data.csv", "id,text", [f"1,{_csv_cell(article(1201))}", "", ",", f"2,{_csv_cell(article(1202))}"])


def _formulas(root: Path) -> None:
    _rows_csv(root, "data.csv", "id,title,text",
              [f"F1,=HYPERLINK(\"http://example.org\"),{_csv_cell(article(1301))}",
               f"F2,+49 30 1234,{_csv_cell('-' + article(1302))}",
               f"F3,@SUM(A1),{_csv_cell(article(1303))}"])


def _formula_check(folder: Path, out: Path) -> str:
    import csv

    with open(out / "articles.csv", encoding="utf-8", newline="") as handle:
        cells = [c for row in csv.reader(handle) for c in row]
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    return f"{len(risky)} formula-like cells in articles.csv" if risky else ""


def _out_link_check(folder: Path, out: Path) -> str:
    victim = folder.parent / "victim-outside.txt"
    return "" if victim.read_text(encoding="utf-8") == "bleibt\n" else "target of the planted link overwritten"


def _non_utf8_name(root: Path) -> None:
    with open(os.path.join(os.fsencode(root), b"Pr\xe4sident.txt"), "wb") as handle:
        handle.write(article(1401).encode())


def _deep_folders(root: Path) -> None:
    folder = os.fsencode(root)
    for _ in range(1200):  # deeper than Python's recursion limit (mkdir one level at a time)
        folder = os.path.join(folder, b"d")
        os.mkdir(folder)
    with open(os.path.join(folder, b"tief.txt"), "wb") as handle:
        handle.write(article(1402).encode())


def varied(n: int, words: int = 60) -> str:
    """A German text of ``words`` words, the words of the test sentences in an order drawn from ``n``."""
    import random

    vocabulary = article(0).replace(",", "").replace(".", "").split()
    rng = random.Random(n)
    return " ".join(rng.choice(vocabulary) for _ in range(words)) + "."


def _big_text(root: Path) -> None:  # one article of 50 MB (lines of 100 words)
    with open(root / "gross.txt", "w", encoding="utf-8") as handle:
        size, n = 0, 0
        while size < 50_000_000:
            line = varied(n, 100) + "\n"
            handle.write(line)
            size, n = size + len(line.encode()), n + 1


def _long_line(root: Path) -> None:  # one article of 2 million characters on one line
    text = " ".join(varied(n, 100) for n in range(3_000))
    (root / "zeile.txt").write_text(text[:2_000_000], encoding="utf-8")


def _many_files(root: Path) -> None:
    for n in range(5_000):
        (root / f"a{n:05d}.txt").write_text(varied(n), encoding="utf-8")


def _big_csv(root: Path) -> None:  # 20,000 rows of two paragraphs; row 3 opens a quote it never closes
    rows = [f"{n},{_csv_cell(varied(n) + chr(10) + chr(10) + varied(n + 10**6))}" for n in range(20_000)]
    rows[2] = f'2,"{varied(2)}'
    _rows_csv(root, "gross.csv", "id,text", rows)


def _big_jsonl(root: Path) -> None:
    _jsonl(root, [{"text": varied(n), "tags": ["a"] if n % 2 else "b"} for n in range(20_000)])


#: Size cases (``--big``): the loader's time on large inputs (annotation time is not measured here).
BIG = [
    Case("big_text_50mb", "one .txt article of 50 MB", _big_text, 2, 2),
    Case("long_line_2m", "one .txt article of 2,000,000 characters on one line", _long_line, 2, 2),
    Case("many_files_5000", "5,000 .txt files of 60 words", _many_files, 5_001, 5_001),
    Case("csv_20000_rows", "CSV, 20,000 two-paragraph rows, row 3 with an unclosed quote", _big_csv, 20_001, 20_000),
    Case("jsonl_20000_lines", "JSONL, 20,000 lines, 'tags' a list or a string", _big_jsonl, 20_001, 20_001),
]

CASES = [
    Case("csv_columns_source_item", "CSV columns source, item, source_file, outlet_type", _colliding_csv, 4, 4),
    Case("jsonl_keys_source_item", "JSONL keys source, item, source_file", _colliding_jsonl, 4, 4),
    Case("csv_unclosed_quote", "CSV, 10 rows, row 4 opens a quote it never closes", _unclosed, 11, 10),
    Case("csv_header_only", "CSV with a header row only", lambda r: _rows_csv(r, "h.csv", "id,text", []), 2, 1),
    Case("csv_blank_rows", "CSV with a blank line and a row of empty fields", _blank_rows, 4, 3),
    Case("csv_field_over_limit", "CSV, 3 rows, one text of 140,000 characters", _over_limit, 4, 3),
    Case("articles_csv_as_data", "data CSV named articles.csv, no .txt beside it", _articles_csv_data, 4, 4),
    Case("sidecar_with_text", "sidecar articles.csv with a text column beside .txt", _sidecar_text, 2, 2),
    Case("dangling_link", "gone.txt -> missing file", _link("missing.txt", "gone.txt"), 2, 1),
    Case("dangling_link_other", "gone -> missing file (no corpus suffix)", _link("missing", "gone"), 1, 1, 1),
    Case("symlink_loop_file", "loop.txt -> loop.txt", _link("loop.txt", "loop.txt"), 2, 1),
    Case("symlink_loop_dir", "sub/back -> .. (folder loop)", _dir_loop, 2, 2, 1),
    Case("fifo", "pipe.txt is a FIFO", _fifo, 2, 1),
    Case("hidden_unsupported", ".hidden.txt, notes.pdf, .ipynb_checkpoints/", _hidden_unsupported, 1, 1, 3),
    Case("jsonl_lone_surrogate", "JSONL, 2 lines, one text with \\ud800", _surrogate_jsonl, 3, 3),
    Case("json_lone_surrogate", "JSON file whose text has \\udc80", _surrogate_json, 2, 2),
    Case("utf16_bom", "UTF-16 LE and BE text files with BOM", _utf16, 3, 3),
    Case("deep_json", "JSON nested 100,000 deep (.json and a .jsonl line)", _deep_json, 4, 2),
    Case("jsonl_mixed_types", "JSONL field 'tags': a list, a string, a number", _mixed, 4, 4),
    Case("csv_formula_cells", "CSV cells starting with =, +, -, @", _formulas, 4, 4, check_out=_formula_check),
    Case("non_utf8_name", "a file named Pr\\xe4sident.txt (Latin-1 bytes)", _non_utf8_name, 2, 2),
    Case("deep_folders", "a .txt file 1,200 folders deep", _deep_folders, 2, 2),
    Case("out_symlink", "--out folder holds articles.csv -> a file outside", lambda root: None, 1, 1,
         check_out=_out_link_check),
]


def _counts(report) -> dict:
    ignored = getattr(report, "ignored", None)
    notes = getattr(report, "notes", None)
    return {"found": report.found, "loaded": report.loaded, "skipped": len(report.skipped),
            "ignored": "-" if ignored is None else len(ignored), "notes": "-" if notes is None else len(notes)}


@contextmanager
def _timed_duplicates():
    """Seconds spent in the duplicate step of the load (issue 18 item 7, not the loader's reading)."""
    from medialens.corpus import load

    spent, real = [0.0], load.flag_duplicates

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    load.flag_duplicates = timed
    try:
        yield spent
    finally:
        load.flag_duplicates = real


def run_case(case: Case, base: Path) -> dict:
    from medialens.annotate import AnnotatedCorpus, write_tables
    from medialens.corpus import load_corpus

    folder = base / case.name / "corpus"
    (folder / "good").mkdir(parents=True)
    (folder / "good" / "article.txt").write_text(article(0), encoding="utf-8")
    case.build(folder)
    out = base / case.name / "out"
    if case.name == "out_symlink":
        out.mkdir()
        (base / case.name / "victim-outside.txt").write_text("bleibt\n", encoding="utf-8")
        os.symlink(base / case.name / "victim-outside.txt", out / "articles.csv")
    row = {"case": case.name, "input": case.what, "expect": f"{case.found}/{case.loaded}/{case.ignored}"}
    t0 = time.perf_counter()
    with _timed_duplicates() as duplicates:
        try:
            articles, report = load_corpus(folder)
            row.update(_counts(report))
            row["load"] = "ok"
        except Exception as exc:  # the point of the benchmark: show what escapes
            row["load"] = f"{type(exc).__name__}: {str(exc)[:100]}"
            row["traceback"] = traceback.format_exc(limit=3)
    row["load_s"] = round(time.perf_counter() - t0, 2)
    row["dup_s"] = round(duplicates[0], 2)
    if row["load"] == "ok":
        try:
            write_tables(AnnotatedCorpus(articles, report, {}), out)
            row["write"] = "ok"
        except Exception as exc:
            row["write"] = f"{type(exc).__name__}: {str(exc)[:100]}"
        if case.check_out:
            row["write"] += " / " + (case.check_out(folder, out) or "checked")
    counted = (row.get("found"), row.get("loaded"), row.get("ignored"))
    wrote = row.get("write", "").endswith("checked") or row.get("write") == "ok"
    row["as_expected"] = counted == (case.found, case.loaded, case.ignored) and wrote
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", help="run only this case (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON rows instead of a Markdown table")
    parser.add_argument("--keep", type=Path, help="build the folders here and keep them")
    parser.add_argument("--big", action="store_true", help="the size cases too (50 MB text, 20,000 rows ...)")
    args = parser.parse_args(argv)
    cases = [c for c in CASES + BIG * args.big if not args.case or c.name in args.case]
    base = args.keep or Path(tempfile.mkdtemp(prefix="medialens-hostile-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        rows = [run_case(case, base) for case in cases]
    finally:
        if not args.keep:  # rm, not shutil.rmtree: the deep_folders case is deeper than its recursion
            subprocess.run(["rm", "-rf", str(base)], check=False)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    columns = ["case", "input", "load", "write", "load_s", "dup_s", "found", "loaded", "skipped", "ignored", "notes", "expect",
               "as_expected"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")).replace("|", "/").replace("\n", " ") for c in columns) + " |")
    print(f"\nload_s = seconds of load_corpus, of which dup_s in the duplicate step; expect = a careful reader's "
          f"found/loaded/ignored; {sum(r['as_expected'] for r in rows)} of {len(rows)} cases as expected")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
