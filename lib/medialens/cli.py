"""Command line: ``medialens load | annotate | actors | eval | figures | bench | seed``.

Thin over the library: each command parses arguments, calls one library function and prints.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

#: ``medialens eval KIND``: each kind is a module ``medialens.evaluation.KIND`` with
#: ``add_arguments(parser)`` and ``run(args) -> int``.
EVAL_KINDS = {
    "attribution": "quotation attribution against German Wikinews gold (Petersen-Frey & Biemann 2024)",
    "ner": "generic name recognition against GermEval 2014 (Benikova et al. 2014)",
    "sentiment": "textblob-de baseline and news scorer against GerNTSA (Goerlich)",
    "frames": "framing measures (naming, causal, distancing) and the topic dictionary against the hand-coded samples",
}


def _add_csv_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("CSV input (see medialens.corpus.CsvOptions)")
    g.add_argument("--delimiter", help="field separator (default ',' or tab for .tsv)")
    g.add_argument("--quotechar", default='"', help="quote character (default '\"')")
    g.add_argument("--no-header", action="store_true", help="the CSV has no header row; name columns with --columns")
    g.add_argument("--columns", help="comma-separated column names for --no-header, e.g. label,text")
    g.add_argument("--text-column", default="text", help="column holding the article text (default text)")
    g.add_argument("--max-field", type=int, default=None,
                   help="longest CSV field read, in characters (default 131072); a row with a longer one is skipped")


def _csv_options(args: argparse.Namespace):
    from medialens.corpus import CsvOptions

    columns = tuple(c.strip() for c in args.columns.split(",")) if args.columns else None
    limit = {} if args.max_field is None else {"max_field": args.max_field}
    return CsvOptions(delimiter=args.delimiter, quotechar=args.quotechar, header=not args.no_header,
                      columns=columns, text_column=args.text_column, **limit)


def _cmd_load(args: argparse.Namespace) -> int:
    from medialens.corpus import load_corpus

    from medialens.corpus.outlets import unknown_outlets_text

    articles, report = load_corpus(args.corpus, csv_options=_csv_options(args))
    print(report.summary())
    print(articles.groupby("outlet_type", dropna=False).size().rename("articles").to_string())
    print(unknown_outlets_text(articles))
    return 0


def _cmd_annotate(args: argparse.Namespace) -> int:
    from medialens.annotate import annotate_corpus, write_tables

    annotated = annotate_corpus(args.corpus, csv_options=_csv_options(args), cache=not args.no_cache,
                                n_jobs=args.jobs)
    print(annotated.report.summary())
    for path, rows in write_tables(annotated, args.out).items():
        print(f"wrote {path} ({rows} rows)")
    return 0


def _cmd_actors(args: argparse.Namespace) -> int:
    from medialens.actors.review import write_review
    from medialens.annotate import annotate_corpus

    annotated = annotate_corpus(args.corpus, csv_options=_csv_options(args), cache=not args.no_cache,
                                n_jobs=args.jobs)
    print(annotated.report.summary())
    table = write_review(annotated.mentions, annotated.sentences, args.out, min_mentions=args.min_mentions)
    print(f"wrote {args.out}: {len(table)} actors (edit name/type/subtype/merge_into/drop in a copy, then pass "
          f"it as the notebooks' actors_file)")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    """Run ``medialens eval KIND``.

    An evaluation module has ``add_arguments(parser)`` and either ``evaluate(args) -> dict`` (the
    metrics; ``format_result(result) -> str`` prints them, ``data_paths(args)`` names the gold data) or
    the older ``run(args) -> int``. With ``--save`` the metrics of ``evaluate`` are stored in
    ``results/eval/KIND.json`` (:mod:`medialens.evaluation.results`) for the notebooks.
    """
    module = args.eval_module
    if not hasattr(module, "evaluate"):
        if getattr(args, "save", False):
            raise ValueError(f"medialens eval {args.kind} cannot --save yet (its module has no evaluate())")
        return module.run(args)
    result = module.evaluate(args)
    print(module.format_result(result))
    if args.save:
        from medialens.evaluation.results import save_result

        import shlex

        command = "medialens " + shlex.join(args.argv)
        path = save_result(args.kind, result, command=command, data=module.data_paths(args))
        print(f"saved {path}")
    return 0


def _csv_option_values(args: argparse.Namespace) -> dict:
    """The CSV flags given on the command line as ``CsvOptions`` fields (defaults left out)."""
    values = {"delimiter": args.delimiter, "quotechar": None if args.quotechar == '"' else args.quotechar,
              "header": False if args.no_header else None,
              "columns": [c.strip() for c in args.columns.split(",")] if args.columns else None,
              "text_column": None if args.text_column == "text" else args.text_column}
    return {k: v for k, v in values.items() if v is not None}


def _cmd_figures(args: argparse.Namespace) -> int:
    from medialens.notebooks import parse_parameter, run_notebooks

    parameters = dict(parse_parameter(p) for p in args.param)
    written = run_notebooks(corpus=args.corpus, figures_dir=args.out, pattern=args.notebooks, parameters=parameters,
                            csv_options=_csv_option_values(args) or None, build=args.executed)
    print(f"\n{len(written)} figure files written:")
    for path in written:
        print(f"  {path}")
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from medialens import bench

    explicit = args.delimiter or args.no_header or args.columns or args.quotechar != '"' or args.text_column != "text"
    return bench.run(args, csv_options=_csv_options(args) if explicit else None)


def _cmd_seed(args: argparse.Namespace) -> int:
    from medialens.annotate.runner import keep_worker_files
    from medialens.nlp import seed

    done = seed.build_seed(n_jobs=args.jobs, progress=not args.no_progress)
    keep_worker_files()  # the name lists and the import memo every worker process reads
    if done["built"]:
        print(f"seeded {done['analysed']:,} of {done['forms']:,} word forms in {done['seconds']} s: {done['path']}")
    else:
        print(f"seed already built ({done['forms']:,} analysed forms): {done['path']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and documentation)."""
    from medialens import __version__

    parser = argparse.ArgumentParser(
        prog="medialens",
        description="Source attribution, actors, sentiment and framing for German-language news.",
    )
    parser.add_argument("--version", action="version", version=f"medialens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_corpus_commands(sub)
    _add_eval_command(sub)
    _add_bench_command(sub)
    _add_seed_command(sub)
    _add_figures_command(sub)
    return parser


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """``--jobs`` and ``--no-cache`` of the commands that annotate."""
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write cached results")


def _add_corpus_commands(sub) -> None:
    """``load``, ``annotate`` and ``actors``: a corpus in, a report or tables out."""
    p = sub.add_parser("load", help="load a corpus and print the load report")
    p.add_argument("corpus", type=Path, help="corpus file or folder")
    _add_csv_options(p)
    p.set_defaults(func=_cmd_load)

    p = sub.add_parser("annotate", help="annotate a corpus and write the analysis tables as CSV")
    p.add_argument("corpus", type=Path, help="corpus file or folder")
    p.add_argument("--out", type=Path, required=True, help="output folder for the tables")
    _add_run_options(p)
    _add_csv_options(p)
    p.set_defaults(func=_cmd_annotate)

    p = sub.add_parser("actors", help="write the discovered actors of a corpus as a CSV to review and edit",
                       description="Write every actor of a corpus (counts, name variants, links, type guess, "
                                   "two example sentences) as a CSV; edit a copy and pass it as actors_file.")
    p.add_argument("--corpus", type=Path, required=True, help="corpus file or folder")
    p.add_argument("--out", type=Path, default=Path("actors.csv"), help="CSV to write (default actors.csv)")
    p.add_argument("--min-mentions", type=int, default=1, help="leave out actors with fewer mentions")
    _add_run_options(p)
    _add_csv_options(p)
    p.set_defaults(func=_cmd_actors)


def _add_eval_command(sub) -> None:
    """``eval KIND``: one subcommand per evaluation module (:data:`EVAL_KINDS`), each with its own options."""
    p = sub.add_parser("eval", help="score an analysis against human-annotated gold data")
    kinds = p.add_subparsers(dest="kind", required=True)
    for kind, help_text in EVAL_KINDS.items():
        module = importlib.import_module(f"medialens.evaluation.{kind}")
        k = kinds.add_parser(kind, help=help_text, description=help_text)
        module.add_arguments(k)
        k.add_argument("--save", action="store_true",
                       help=f"store the figures in results/eval/{kind}.json (what the notebooks quote)")
        k.set_defaults(func=_cmd_eval, eval_module=module)


def _add_bench_command(sub) -> None:
    p = sub.add_parser("bench", help="time annotation cold, warm and after one edit against a naive pipeline",
                       description="Time annotation cold, warm and after one edit against a naive pipeline "
                                   "(default corpus: the 1,028 10kGNAD test articles in ../shared/eval).")
    from medialens import bench

    bench.add_arguments(p)
    _add_csv_options(p)
    p.set_defaults(func=_cmd_bench)


def _add_seed_command(sub) -> None:
    p = sub.add_parser("seed", help="analyse the most frequent German word forms once (makes annotation fast)",
                       description="Store HanTa's analyses of wordfreq's 200,000 most frequent German word forms "
                                   "in the cache (once per HanTa model; minutes), so annotation looks them up.")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_seed)


def _add_figures_command(sub) -> None:
    p = sub.add_parser("figures", help="execute every notebook headless and write figures/",
                       description="Execute the numbered notebooks headless (papermill) and write their charts.")
    p.add_argument("--corpus", type=Path, default=None, help="corpus (default: the synthetic demo corpus)")
    p.add_argument("--out", type=Path, default=None,
                   help="figure folder (default: figures/ for the demo corpus, figures/<corpus name>/ otherwise)")
    p.add_argument("--notebooks", default="[0-9][0-9]-*.ipynb", help="glob of notebooks to run")
    p.add_argument("--executed", type=Path, default=None,
                   help="folder for the executed copies of the notebooks (default: build/notebooks)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a notebook parameter, e.g. --param group_a=news_agency or --param phases=None (a Python "
                        "literal or plain text; repeatable); each notebook gets the ones its parameters cell declares")
    _add_csv_options(p)
    p.set_defaults(func=_cmd_figures)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``medialens`` console script."""
    from medialens.config import CacheError
    from medialens.corpus import CorpusError

    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    try:
        return int(args.func(args) or 0)
    except (CorpusError, CacheError, FileNotFoundError, ValueError) as exc:
        print(f"medialens: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
