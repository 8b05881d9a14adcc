"""Generated hostile folders: the loader counts what a careful reader of the folder counts (issue 18).

Hypothesis builds folders of corpus files -- good, broken and arbitrary -- with hidden entries, other
file types, dangling links, link loops, links out of the folder, FIFOs, sub-folders and sidecars, and
writes down beside each entry what a careful reader counts: one item per ``.txt``/``.json`` file, per
CSV record and JSONL line (blank lines are not records; a file without any counts once), one per JSON
array element; hidden entries, other suffixes and links that are not followed are listed as ignored and
not counted; an ``articles.csv`` beside ``.txt`` files is their metadata, not articles. The load must
then give exactly that count, ``found == loaded + skipped``, exactly the ignored entries, as many
articles loaded as there are good items (arbitrary bytes may go either way), and tables that can be
written. Every generated text is written for this test.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hostile import ENGLISH, SENTENCES, article

from medialens.annotate import AnnotatedCorpus, write_tables
from medialens.corpus import load_corpus

@dataclass
class Expected:
    """What a careful reader counts: one entry per item (True loaded, False skipped, None either)."""

    items: list[bool | None] = field(default_factory=list)
    ignored: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- content of one file


TXT_KINDS = {  # kind -> (bytes of the file for article number n, loaded?)
    "good": (lambda n: article(n).encode(), True),
    "seed": (lambda n: f" date 2022-01-05 {article(n)}".encode(), True),
    "utf16": (lambda n: b"\xff\xfe" + article(n).encode("utf-16-le"), True),
    "cp1252": (lambda n: f"„{article(n)}“".encode("cp1252"), True),
    "empty": (lambda n: b"", False),
    "spaces": (lambda n: b"  \n\t\n", False),
    "binary": (lambda n: b"\x00\x01PNG\x00" * 30, False),
    "english": (lambda n: ENGLISH.encode(), False),
    "bad date": (lambda n: f"date: gestern\n\n{article(n)}".encode(), False),
}

VALUES = st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.lists(st.text(max_size=3), max_size=2),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
EXTRA_KEYS = st.dictionaries(st.sampled_from(["source", "item", "source_file", "outlet_type", "tags", "Stichwort"]),
                             VALUES, max_size=3)
ARBITRARY_LINE = st.text(st.characters(exclude_characters="\n\x00\ufeff", codec="utf-8"), max_size=40)

JSONL_LINE = st.one_of(
    st.tuples(st.just("good"), EXTRA_KEYS), st.tuples(st.just("surrogate"), EXTRA_KEYS),
    st.tuples(st.sampled_from(["broken", "no text", "not an object", "deep", "blank"]), st.just(None)),
    st.tuples(st.just("arbitrary"), ARBITRARY_LINE),
)


def jsonl_file(lines, numbers) -> tuple[bytes, list[bool | None]]:
    out, items = [], []
    for kind, extra in lines:
        if kind in ("good", "surrogate"):
            n = next(numbers)
            text = article(n) + (" \ud800 Ende." if kind == "surrogate" else "")
            out.append(json.dumps({"text": text, "id": f"J{n}", **extra}))
            items.append(True)
        elif kind == "arbitrary":
            out.append(extra)
            items += [None] if extra.strip() else []
        else:
            out.append({"broken": '{"text": "Meldung', "no text": '{"title": "ohne"}', "not an object": "[1, 2]",
                        "deep": "[" * 5000 + "]" * 5000, "blank": "   "}[kind])
            items += [] if kind == "blank" else [False]
    return "\n".join(out).encode(), items or [False]  # a file without lines is one (skipped) item


CSV_ROW = st.sampled_from(["quoted", "paragraphs", "plain", "unclosed", "wrong count", "empty fields", "blank",
                           "over limit"])


def csv_rows_file(rows, extra: bool, numbers) -> tuple[str, list[bool], list[int]]:
    """A CSV text, its items (loaded or not) and the lines where the rows to skip start."""
    tail = ",Agentur,7,quelle.txt" if extra else ""
    lines, items, bad = ["id,text" + (",source,item,source_file" if extra else "")], [], []
    line = 2
    for kind in rows:
        n = next(numbers)
        text = article(n) + ("\n\nZweiter Absatz, mit Komma." if kind == "paragraphs" else "")
        text += f" {SENTENCES}" * 500 if kind == "over limit" else ""
        quoted = '"' + text.replace('"', '""') + '"'
        lines.append({"quoted": f"{n},{quoted}{tail}", "paragraphs": f"{n},{quoted}{tail}", "over limit": f"{n},{quoted}{tail}",
                      "plain": f"{n},{text.replace(',', '')}{tail}", "unclosed": f'{n},"{text}{tail}',
                      "wrong count": f"{n},a,b,c,d,e{tail}", "empty fields": ","*(1 + 3 * extra), "blank": ""}[kind])
        if kind != "blank":
            items.append(kind in ("quoted", "paragraphs", "plain"))
            bad += [] if items[-1] else [line]
        line += 1 + lines[-1].count("\n")
    return "\n".join(lines) + "\n", items, bad


def csv_file(rows, extra: bool, encoding: str, numbers) -> tuple[bytes, list[bool | None]]:
    text, items, _ = csv_rows_file(rows, extra, numbers)
    return text.encode(encoding), items or [False]  # header only: one skipped item


JSON_FILE = st.one_of(
    st.tuples(st.sampled_from(["good", "surrogate", "deep", "broken", "scalar"]), st.just(None)),
    st.tuples(st.just("array"), st.lists(st.sampled_from(["good", "no text", "not an object"]), max_size=4)),
)


def json_file(kind, elements, numbers) -> tuple[bytes, list[bool | None]]:
    if kind == "array":
        objects = [{"text": article(next(numbers))} if e == "good" else {"title": "x"} if e == "no text" else 5
                   for e in elements]
        return json.dumps(objects).encode(), [e == "good" for e in elements] or [False]
    text = {"good": lambda: json.dumps({"text": article(next(numbers))}),
            "surrogate": lambda: json.dumps({"text": article(next(numbers)) + " \udc80"}),
            "deep": lambda: "[" * 5000 + "]" * 5000, "broken": lambda: '{"text": ', "scalar": lambda: "17"}[kind]()
    return text.encode(), [kind in ("good", "surrogate")]


# --------------------------------------------------------------------------- entries of a folder

FILE = st.one_of(
    st.tuples(st.just("txt"), st.sampled_from(sorted(TXT_KINDS))),
    st.tuples(st.just("txt bytes"), st.binary(max_size=200)),
    st.tuples(st.just("office bytes"), st.tuples(st.sampled_from([".docx", ".rtf", ".html"]), st.binary(max_size=200))),
    st.tuples(st.just("jsonl"), st.lists(JSONL_LINE, max_size=5)),
    st.tuples(st.just("csv"), st.tuples(st.lists(CSV_ROW, max_size=6), st.booleans(),
                                        st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))),
    st.tuples(st.just("json"), JSON_FILE),
)
OTHER = st.sampled_from(["hidden file", "hidden folder", "other suffix", "no suffix", "dangling .txt",
                         "dangling other", "loop .txt", "fifo .txt", "fifo other", "link inside", "link outside"])


def folder_strategy(depth: int):
    entry = st.one_of(st.tuples(st.just("file"), FILE), st.tuples(st.just("other"), OTHER))
    if depth > 0:
        entry = st.one_of(entry, st.tuples(st.just("folder"), st.deferred(lambda: folder_strategy(depth - 1))))
    return st.tuples(st.lists(entry, max_size=6), st.sampled_from(["none", "sidecar", "data"]))


def write_file(path: Path, spec, numbers) -> list[bool | None]:
    kind, detail = spec
    if kind == "txt":
        content, loaded = TXT_KINDS[detail]
        path.with_suffix(".txt").write_bytes(content(next(numbers)))
        return [loaded]
    if kind == "txt bytes":
        path.with_suffix(".txt").write_bytes(detail)
        return [None]
    if kind == "office bytes":  # arbitrary bytes named as an export or a web page: no export, one item
        suffix, content = detail
        path.with_suffix(suffix).write_bytes(content)
        return [None]
    if kind == "jsonl":
        content, items = jsonl_file(detail, numbers)
        path.with_suffix(".jsonl").write_bytes(content)
        return items
    if kind == "csv":
        content, items = csv_file(*detail, numbers)
        path.with_suffix(".csv").write_bytes(content)
        return items
    content, items = json_file(*detail, numbers)
    path.with_suffix(".json").write_bytes(content)
    return items


def write_other(folder: Path, name: str, rel: str, kind: str, numbers, outside: Path, expected: Expected) -> None:
    path = folder / name
    if kind in ("hidden file", "hidden folder"):
        hidden = folder / f".{name}"
        if kind == "hidden file":
            hidden.with_suffix(".txt").write_text(article(next(numbers)), encoding="utf-8")
            expected.ignored.add(f"{rel}.{name}.txt")
        else:
            (hidden / "sub").mkdir(parents=True)
            (hidden / "sub" / "a.txt").write_text(article(next(numbers)), encoding="utf-8")
            expected.ignored.add(f"{rel}.{name}/")
    elif kind in ("other suffix", "no suffix"):
        target = path.with_suffix(".pdf") if kind == "other suffix" else path
        target.write_bytes(b"%PDF-1.4")
        expected.ignored.add(rel + target.name)
    elif kind in ("dangling .txt", "loop .txt", "fifo .txt"):
        target = path.with_suffix(".txt")
        if kind == "fifo .txt":
            os.mkfifo(target)
        else:
            target.symlink_to("missing.txt" if kind == "dangling .txt" else target.name)
        expected.items.append(False)
    elif kind in ("dangling other", "fifo other"):
        os.mkfifo(path) if kind == "fifo other" else path.symlink_to("missing")
        expected.ignored.add(rel + name)
    elif kind == "link inside":
        path.with_suffix(".txt").symlink_to(".")
        expected.ignored.add(rel + name + ".txt")
    else:  # a folder outside the corpus, holding one good article: followed
        target = outside / (rel.replace("/", "-") + name)
        target.mkdir(parents=True)
        (target / "a.txt").write_text(article(next(numbers)), encoding="utf-8")
        path.symlink_to(target)
        expected.items.append(True)


def build(folder: Path, rel: str, spec, numbers, outside: Path, expected: Expected) -> None:
    entries, articles_csv = spec
    folder.mkdir(parents=True, exist_ok=True)
    has_txt = False
    for i, (kind, detail) in enumerate(entries):
        name = f"e{i}"
        if kind == "file":
            expected.items += write_file(folder / name, detail, numbers)
            has_txt = has_txt or detail[0].startswith("txt")
        elif kind == "other":
            write_other(folder, name, rel, detail, numbers, outside, expected)
        else:
            build(folder / name, f"{rel}{name}/", detail, numbers, outside, expected)
    if articles_csv == "none":
        return
    if has_txt and articles_csv == "sidecar":  # metadata for the .txt files beside it: not articles
        (folder / "articles.csv").write_text("file,title\ne0.txt,Titel\nfehlt.txt,Nichts\n", encoding="utf-8")
        return
    n = next(numbers)  # a data CSV named articles.csv (beside .txt files: no 'file' column, a 'text' one)
    (folder / "articles.csv").write_text(f'id,text\nA{n},"{article(n)}"\n', encoding="utf-8")
    expected.items.append(True)


#: More examples for a longer search: MEDIALENS_HYPOTHESIS_EXAMPLES=2000 pytest tests/test_loader_hypothesis.py
EXAMPLES = int(os.environ.get("MEDIALENS_HYPOTHESIS_EXAMPLES", "60"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=folder_strategy(depth=2))
def test_generated_folders_are_counted_as_a_careful_reader_counts(spec):
    base = Path(tempfile.mkdtemp(prefix="medialens-hostile-"))
    try:
        numbers, expected = count(1), Expected()
        root = base / "corpus"
        build(root, "", spec, numbers, base / "outside", expected)
        (root / "zz-good").mkdir(exist_ok=True)  # one good article beside the generated entries
        (root / "zz-good" / "good.txt").write_text(article(next(numbers)), encoding="utf-8")
        expected.items.append(True)

        articles, report = load_corpus(root)

        assert report.found == len(expected.items), report.summary()
        assert report.found == report.loaded + len(report.skipped)
        assert {i.source for i in report.ignored} == expected.ignored, report.summary()
        sure = sum(item is True for item in expected.items)
        assert sure <= report.loaded <= sure + sum(item is None for item in expected.items), report.summary()
        assert all(s.reason for s in report.skipped) and all(i.reason for i in report.ignored)
        write_tables(AnnotatedCorpus(articles, report, {}), base / "out")
        assert len(pd.read_parquet(base / "out" / "articles.parquet")) == report.loaded
    finally:
        shutil.rmtree(base, ignore_errors=True)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(rows=st.lists(CSV_ROW, max_size=12), extra=st.booleans())
def test_generated_csv_rows_are_counted_by_record(rows, extra):
    """Every CSV record is loaded or skipped, each broken one reported by the line where it starts."""
    base = Path(tempfile.mkdtemp(prefix="medialens-csv-"))
    try:
        text, items, bad = csv_rows_file(rows, extra, count(1))
        (base / "a.csv").write_text(text, encoding="utf-8")
        (base / "b.txt").write_text(article(0), encoding="utf-8")
        articles, report = load_corpus(base)
        assert report.found == len(items or [False]) + 1 and report.loaded == sum(items) + 1, report.summary()
        expected = [f"line {line}" for line in bad] if items else [""]
        assert [s.item for s in report.skipped] == expected, report.summary()
    finally:
        shutil.rmtree(base, ignore_errors=True)
