"""Corpus: load German news articles from files into one tidy table, accounting for every item.

``articles, report = load_corpus(path)`` reads a file or a folder (see :mod:`medialens.corpus.load`
for the formats) and returns the articles table and a :class:`LoadReport` (found = loaded + skipped).

Modules: :mod:`~medialens.corpus.readers` (one reader per format), :mod:`~medialens.corpus.load`
(``load_corpus``, :class:`CsvOptions`), :mod:`~medialens.corpus.report` (:class:`LoadReport`,
:class:`Skipped`, :class:`Ignored`, :class:`Note`, :class:`CorpusError`), :mod:`~medialens.corpus.scan`
(which files a folder holds), :mod:`~medialens.corpus.csvrows` (CSV records by line),
:mod:`~medialens.corpus.values` (metadata types), :mod:`~medialens.corpus.outlets` (the only reader of the
outlet registry, and the join), :mod:`~medialens.corpus.duplicates` (exact, near-duplicate and edited copies),
:mod:`~medialens.corpus.exports` (Nexis Uni and Factiva export files, article by article) with
:mod:`~medialens.corpus.office` (DOCX and RTF as lines), :mod:`~medialens.corpus.summary` (corpus overview
tables for notebook 00, group coverage and date notes for every notebook).
"""

from medialens.corpus.duplicates import deduplicate_articles, flag_duplicates, jaccard, near_duplicate_groups
from medialens.corpus.load import ARTICLE_COLUMNS, CsvOptions, iter_texts, load_corpus, load_demo_corpus
from medialens.corpus.outlets import (
    UNKNOWN, join_outlets, outlet_index, outlet_registry, read_registry, registry_rows, unknown_outlets,
)
from medialens.corpus.readers import SIDECAR_NAME, SUFFIXES, clean_text, decode, german_share, language_problem, parse_date
from medialens.corpus.report import CorpusError, Ignored, LoadedCorpus, LoadReport, Note, Skipped

__all__ = [
    "ARTICLE_COLUMNS", "CorpusError", "CsvOptions", "Ignored", "LoadReport", "LoadedCorpus", "Note", "SIDECAR_NAME",
    "SUFFIXES", "Skipped", "UNKNOWN", "clean_text", "decode", "deduplicate_articles", "flag_duplicates", "german_share",
    "iter_texts", "jaccard", "join_outlets", "language_problem", "load_corpus", "load_demo_corpus",
    "near_duplicate_groups", "outlet_index", "outlet_registry", "parse_date", "read_registry", "registry_rows",
    "unknown_outlets",
]
