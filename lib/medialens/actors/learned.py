"""A learned layer over the name rules: a token classifier with BIO Viterbi decoding.

The rules of :mod:`medialens.actors.rules.names` find and type names; this layer re-labels every
token of a sentence as ``O`` / ``B-X`` / ``I-X`` (X in PER, ORG, LOC) from features that include the
rules' own answer, so it can learn which cues the rules over- or under-trust and where they cut a
name too short or too long.

Features of a token (:func:`token_features`), all binary and named:

* the rules' BIO label and cue of the token (``r=B-PER``, ``rc=gazetteer``), of an untyped name run
  the rules found but did not type (``u=B|english-word``), and the rules' labels of the neighbours;
  every token of a run also gets the word before the run, the run's length and the flags of its last word;
* the word's shape, length, prefix and suffixes, the word itself, STTS tag (HanTa) and the tags and
  lower-cased words of the neighbours;
* lexicon membership (the lists the rules use): given name, gazetteer type, organisation word,
  place/surname ending, acronym, not-a-name, GeoNames place, faker surname, common noun, wordfreq
  band, title/organisation/place cue word.

The model (:func:`fit`) is an L2-regularised multinomial logistic regression per token (scikit-learn,
deterministic); decoding takes the best path over its logits in which ``I-X`` follows only ``B-X`` or
``I-X``. It is fitted on the ``tune`` half of GermEval 2014 dev (Benikova et al. 2014, CC BY 4.0) by
``benchmarks/ner_learned.py`` (:mod:`medialens.evaluation.ner_fit`), and its weights may ship in
:data:`MODEL_FILE` only while they beat the rules on the ``test`` half, which was not fitted on.
Without the file (the state of the repository: see ``data/lexicons/names/README.md`` for the figures)
:func:`medialens.actors.recognize` and the actors step use the rules' spans unchanged. A model file that
ships must also join the actors ``STEP``'s ``data`` globs, so that stored annotations are redone.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from medialens import config, nlp
from medialens.actors import resources
from medialens.actors.lexicon import _first_names, _place_prefixes, gazetteer
from medialens.actors.rules.cues import NameSpan, _cue, _ends_with, _is_acronym, _is_org_word, _not_a_name

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
MODEL_FILE = config.DATA_DIR / "models" / "ner_tagger.json"
_N = len(LABELS)
_BIAS = "<intercept>"


def _shape(word: str) -> str:
    """Character classes with runs collapsed: ``Xx``, ``X``, ``X-Xx``, ``d``, ``x``."""
    out = []
    for c in word:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)[:6]


def _bio(spans: Sequence[NameSpan], n: int, untyped: bool = False) -> tuple[list[str], list[str]]:
    """Per token the BIO label and the cue of the spans covering it (``O`` and ``""`` elsewhere)."""
    labels, cues = ["O"] * n, [""] * n
    for s in spans:
        for k in range(s.start, s.end):
            prefix = "B" if k == s.start else "I"
            labels[k] = prefix if untyped else f"{prefix}-{s.label}"
            cues[k] = s.cue
    return labels, cues


def _lexical(word: str) -> list[str]:
    """Features of the word alone (lexicon membership, form, frequency)."""
    out = [f"shape={_shape(word)}", f"suf3={word[-3:].lower()}", f"suf2={word[-2:].lower()}",
           f"pre3={word[:3].lower()}", f"len={min(len(word), 12) // 3}"]
    if not word[:1].isupper():
        return out + [f"low={word.lower()}"] if len(word) <= 4 or not word[:1].isalpha() else out
    out.append(f"w={word}")
    base = word[:-1] if word.endswith("s") and len(word) > 3 else word
    gaz = gazetteer().get(word) or gazetteer().get(base)
    flags = {
        "first": word in _first_names(), "gaz": bool(gaz), "org": _is_org_word(word), "acro": _is_acronym(word),
        "notname": _not_a_name(word), "placesuf": _ends_with(word, "place_suffixes.txt"),
        "persuf": _ends_with(word, "person_suffixes.txt"), "placepre": word in _place_prefixes(),
        "geo": word in resources.places() or base in resources.places(),
        "surname": word in resources.person_names()[2], "noun": word in resources.common_nouns(),
        "title": _cue(word, "person_titles.txt"), "orgcue": _cue(word, "org_cues.txt"),
        "placecue": _cue(word, "place_cues.txt"),
    }
    out += [f"is:{k}" for k, v in flags.items() if v]
    if gaz:
        out.append(f"gaz={gaz}")
    out.append(f"zde={min(int(resources.zipf(word)), 6)}")
    out.append(f"zen={min(int(resources.zipf(word, 'en')), 6)}")
    return out


def token_features(doc: nlp.Document, spans: Sequence[NameSpan], untyped: Sequence[NameSpan]) -> list[list[str]]:
    """The features of every token of ``doc`` (see the module docstring)."""
    tokens = doc.tokens
    n = len(tokens)
    rule, rule_cue = _bio(spans, n)
    run, run_cue = _bio(untyped, n, untyped=True)
    lexical = [_lexical(t.text) for t in tokens]
    starts = {s.token_start for s in doc.sentences}
    runs = _run_features(doc, list(spans) + list(untyped), lexical)
    out = []
    for k, tok in enumerate(tokens):
        first = k in starts
        prev = tokens[k - 1] if k and not first else None
        nxt = tokens[k + 1] if k + 1 < n and tokens[k + 1].sentence == tok.sentence else None
        feats = ["bias", f"r={rule[k]}", f"rc={rule_cue[k]}", f"r+rc={rule[k]}|{rule_cue[k]}",
                 f"u={run[k]}|{run_cue[k]}", f"pos={tok.pos}", f"r+pos={rule[k]}|{tok.pos}"]
        feats += lexical[k]
        feats.append(f"first={first}")
        if prev is not None:
            feats += [f"r-1={rule[k - 1]}", f"pos-1={prev.pos}", f"w-1={prev.text.lower()}",
                      f"pos-1+pos={prev.pos}|{tok.pos}"]
            feats += [f"-1{f}" for f in lexical[k - 1] if f.startswith(("is:", "shape="))]
        if nxt is not None:
            feats += [f"r+1={rule[k + 1]}", f"pos+1={nxt.pos}", f"w+1={nxt.text.lower()}",
                      f"pos+pos+1={tok.pos}|{nxt.pos}"]
            feats += [f"+1{f}" for f in lexical[k + 1] if f.startswith(("is:", "shape="))]
        out.append(feats + runs.get(k, []))
    return out


def _run_features(doc: nlp.Document, spans: Sequence[NameSpan], lexical: list[list[str]]) -> dict[int, list[str]]:
    """Features every token of a rule span or untyped run shares: the word before the run, its
    length, the lexicon flags of its last word."""
    tokens = doc.tokens
    out: dict[int, list[str]] = {}
    for s in spans:
        before = tokens[s.start - 1] if s.start and tokens[s.start - 1].sentence == tokens[s.start].sentence else None
        shared = [f"run.len={min(s.end - s.start, 4)}", f"run.before={before.text.lower() if before else '<s>'}",
                  f"run.before.pos={before.pos if before else '<s>'}|{s.label or 'untyped'}"]
        shared += [f"run.last.{f}" for f in lexical[s.end - 1] if f.startswith(("is:", "suf3="))]
        for k in range(s.start, s.end):
            out.setdefault(k, []).extend(shared)
    return out


def _allowed(prev: int, cur: int) -> bool:
    """BIO: ``I-X`` only after ``B-X`` or ``I-X`` (``prev`` -1 is the sentence start)."""
    label = LABELS[cur]
    if not label.startswith("I-"):
        return True
    return prev >= 0 and LABELS[prev][2:] == label[2:]


@dataclass
class LinearTagger:
    """Weights per feature (one per label) and label-transition weights (``prev`` -1 = start)."""

    weights: dict[str, list[float]]
    transitions: dict[tuple[int, int], float]

    def emissions(self, feats: Sequence[Sequence[str]]) -> list[list[float]]:
        rows = []
        intercept = self.weights.get(_BIAS, [0.0] * _N)
        for fs in feats:
            row = list(intercept)
            for f in fs:
                w = self.weights.get(f)
                if w is not None:
                    for j in range(_N):
                        row[j] += w[j]
            rows.append(row)
        return rows

    def decode(self, feats: Sequence[Sequence[str]]) -> list[int]:
        """The best label sequence (Viterbi over BIO-allowed transitions)."""
        if not feats:
            return []
        em = self.emissions(feats)
        trans = self.transitions
        score = [em[0][j] + trans.get((-1, j), 0.0) if _allowed(-1, j) else float("-inf") for j in range(_N)]
        back: list[list[int]] = []
        for row in em[1:]:
            new, ptr = [], []
            for j in range(_N):
                best, arg = float("-inf"), 0
                for i in range(_N):
                    if score[i] == float("-inf") or not _allowed(i, j):
                        continue
                    s = score[i] + trans.get((i, j), 0.0)
                    if s > best:
                        best, arg = s, i
                new.append(best + row[j])
                ptr.append(arg)
            score = new
            back.append(ptr)
        j = max(range(_N), key=lambda x: score[x])
        path = [j]
        for ptr in reversed(back):
            j = ptr[j]
            path.append(j)
        return path[::-1]


def fit(examples: Sequence[tuple[Sequence[Sequence[str]], Sequence[int]]], *, c: float = 0.1,
        min_count: int = 2) -> LinearTagger:
    """L2-regularised multinomial logistic regression over the tokens of ``(features, gold labels)`` sentences.

    Features seen in fewer than ``min_count`` tokens are dropped. Deterministic (lbfgs from zeros).
    Decoding adds no transition weights: the Viterbi path over the logits under the BIO constraint
    is the most probable well-formed labelling of the per-token model.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _ in examples for fs in feats for f in set(fs))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    column = {f: i for i, f in enumerate(names)}
    rows, cols, y = [], [], []
    for feats, gold in examples:
        for fs, label in zip(feats, gold):
            idx = sorted({column[f] for f in fs if f in column})
            rows.append(idx)
            y.append(label)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    matrix = csr_matrix((np.ones(indptr[-1]), np.concatenate([np.array(r, dtype=np.int64) for r in rows]), indptr),
                        shape=(len(rows), len(names)))
    model = LogisticRegression(C=c, max_iter=3000).fit(matrix, y)
    coef = np.zeros((_N, len(names)))
    intercept = np.full(_N, -1e6)  # a label never seen in training is never predicted
    for r, label in enumerate(model.classes_):
        coef[label], intercept[label] = model.coef_[r], model.intercept_[r]
    weights = {f: [round(float(v), 3) for v in coef[:, i]] for f, i in column.items()}
    weights = {f: w for f, w in weights.items() if any(w)}
    weights[_BIAS] = [round(float(v), 3) for v in intercept]
    return LinearTagger(weights, {})


def label_spans(labels: Sequence[int], offset: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` spans of a BIO label sequence (Viterbi output is always well formed)."""
    out = []
    for k, j in enumerate(labels):
        tag = LABELS[j]
        if tag.startswith("B-"):
            out.append([offset + k, offset + k + 1, tag[2:]])
        elif tag.startswith("I-"):
            out[-1][1] = offset + k + 1
    return [tuple(s) for s in out]


def relabel(doc: nlp.Document, spans: Sequence[NameSpan], untyped: Sequence[NameSpan],
            model: LinearTagger) -> list[NameSpan]:
    """The model's spans for ``doc``; a span equal to a rule span keeps the rule's cue and key."""
    feats = token_features(doc, spans, untyped)
    kept = {(s.start, s.end, s.label): s for s in spans if s.label in ("PER", "ORG", "LOC")}
    out = [s for s in spans if s.label not in ("PER", "ORG", "LOC")]
    for sentence in doc.sentences:
        labels = model.decode(feats[sentence.token_start : sentence.token_end])
        for start, end, label in label_spans(labels, sentence.token_start):
            out.append(kept.get((start, end, label)) or NameSpan(start, end, label, "learned", ""))
    return sorted(out, key=lambda s: s.start)


def save_model(model: LinearTagger, path: Path | str = MODEL_FILE, meta: dict | None = None) -> None:
    """Write the weights as compact JSON (sorted keys: the same model gives the same file)."""
    data = {
        "meta": meta or {},
        "labels": list(LABELS),
        "transitions": sorted([i, j, w] for (i, j), w in model.transitions.items()),
        "weights": dict(sorted(model.weights.items())),
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


@lru_cache(maxsize=2)
def load_model(path: str = str(MODEL_FILE)) -> LinearTagger | None:
    """The shipped model, or ``None`` when there is no model file (the rules' output is used)."""
    if not Path(path).exists():
        return None
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(data["labels"]) != LABELS:
        raise ValueError(f"{path}: labels {data['labels']} differ from {LABELS}")
    return LinearTagger(data["weights"], {(i, j): w for i, j, w in data["transitions"]})
