"""Learned scorer: logistic regression over lexicon, target-scope and lemma features.

The model is small and readable: every feature has a name (``lex:neg_sum``, ``near:Gewalt``,
``lemma:Einigung``) and a prediction is explained by the features that pushed it toward the predicted
class (:meth:`LearnedScorer.explain`: coefficient x value, largest first), as the rules explain a
score by their driver words.

Features of one target (:func:`target_features`):

* ``lex:*`` - the rules' view of the target's sentence: sum, squashed polarity, positive and negative
  sums and counts, and the same sums weighted by the target scope (:mod:`medialens.sentiment.scope`);
* ``lemma:*`` - the lemmas of the sentence (binary), ``near:*`` - the lemmas with scope weight 1
  outside the target itself (its clause, attached words), each scaled by ``term_weight``.

Fitting needs scikit-learn (pinned in pyproject.toml). Whether the model is used at all is decided by
``medialens eval sentiment``: its parameters may ship as a data file only when it beats the rules on
folds it was not fitted on (GerNTSA, Goerlich, CC BY 4.0; see ``evaluation/sentiment.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from medialens import nlp
from medialens.sentiment import rules, scope
from medialens.sentiment.lexicon import SentimentLexicon, load_lexicon

#: Inverse regularisation strength and the value of a present lemma feature per model, chosen by
#: 5-fold grouped cross-validation inside the development (tune) half of GerNTSA only, over
#: C in {0.03, 0.1, 0.3, 1} x term weight in {0.1, 0.3, 1}: "learned" = lemma features only,
#: "combined" = lemma and lexicon features.
SETTINGS = {"learned": (1.0, 0.3), "combined": (0.1, 0.1)}
DEFAULT_C, DEFAULT_TERM_WEIGHT = SETTINGS["combined"]
LEX_FEATURES = ("sum", "polarity", "pos_sum", "neg_sum", "pos_count", "neg_count",
                "scope_sum", "scope_polarity", "scope_pos_sum", "scope_neg_sum")


def _lemma(token: nlp.Token) -> str:
    lemma = token.lemma if token.lemma and token.lemma != "--" else token.text
    return lemma if token.pos in ("NN", "NE") else lemma.lower()


def target_features(doc: nlp.Document, start: int, end: int, lexicon: SentimentLexicon | None = None) -> tuple[dict, list]:
    """Named numeric features and lemma terms of the target at characters ``[start, end)``.

    Returns:
        ``(lex, terms)``: ``{"lex:sum": …}`` and ``["lemma:Einigung", "near:Gewalt", …]``.
    """
    lex = lexicon or load_lexicon()
    tokens, first, last = rules.target_tokens(doc, start, end)
    values = np.array([c for c, _, _ in rules.analyse_tokens(tokens, lex)])
    weights = np.array(scope.target_weights(tokens, first, last, lex.tie_prepositions))
    scoped = values * weights
    numbers = [values.sum(), rules.normalise(values.sum()), values[values > 0].sum(), values[values < 0].sum(),
               (values > 0).sum(), (values < 0).sum(), scoped.sum(), rules.normalise(scoped.sum()),
               scoped[scoped > 0].sum(), scoped[scoped < 0].sum()]
    lex_features = {f"lex:{name}": float(v) for name, v in zip(LEX_FEATURES, numbers)}
    words = [t for t in tokens if not t.pos.startswith("$")]
    terms = sorted({f"lemma:{_lemma(t)}" for t in words})
    terms += sorted({f"near:{_lemma(tokens[k])}" for k in range(len(tokens))
                     if weights[k] == 1.0 and not first <= k <= last and not tokens[k].pos.startswith("$")})
    return lex_features, terms


@dataclass(frozen=True)
class LearnedScorer:
    """A fitted model: feature names, standardisation of the lexicon features, coefficients per class."""

    labels: tuple[str, ...]
    features: tuple[str, ...]
    means: dict
    scales: dict
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray
    term_weight: float

    def _vector(self, lex: dict, terms: Sequence[str]) -> np.ndarray:
        index = {name: k for k, name in enumerate(self.features)}
        x = np.zeros(len(self.features))
        for name, value in lex.items():
            if name in index:
                x[index[name]] = (value - self.means[name]) / self.scales[name]
        for term in terms:
            if term in index:
                x[index[term]] = self.term_weight
        return x

    def probabilities(self, lex: dict, terms: Sequence[str]) -> np.ndarray:
        """Class probabilities (order :attr:`labels`) of one target's features."""
        z = self.coef @ self._vector(lex, terms) + self.intercept
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, lex: dict, terms: Sequence[str]) -> str:
        """The most probable label."""
        return self.labels[int(np.argmax(self.probabilities(lex, terms)))]

    def explain(self, lex: dict, terms: Sequence[str], k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` features that pushed hardest toward the predicted class: ``(name, coef x value)``
        relative to the mean of the other classes' coefficients, largest first."""
        x = self._vector(lex, terms)
        cls = int(np.argmax(self.coef @ x + self.intercept))
        others = np.delete(self.coef, cls, axis=0).mean(axis=0)
        push = (self.coef[cls] - others) * x
        order = np.argsort(-push, kind="stable")[:k]
        return [(self.features[j], float(push[j])) for j in order if push[j] > 0]


def fit(
    examples: Sequence[tuple[dict, list]], labels: Sequence[str], *, C: float = DEFAULT_C,
    term_weight: float = DEFAULT_TERM_WEIGHT, min_count: int = 2, label_order: Sequence[str] = rules.LABELS,
) -> LearnedScorer:
    """Fit a multinomial logistic regression (class-balanced weights, L2) on target features.

    Args:
        examples: ``target_features`` outputs.
        labels: gold labels, one per example.
        C: inverse regularisation strength.
        term_weight: value of a present lemma feature (lexicon features are standardised).
        min_count: a term must occur in this many examples to become a feature.
    """
    from sklearn.linear_model import LogisticRegression

    if len(examples) != len(labels) or not examples:
        raise ValueError("need as many labels as examples, and at least one")
    lex_names = sorted(examples[0][0])
    counts: dict[str, int] = {}
    for _, terms in examples:
        for term in set(terms):
            counts[term] = counts.get(term, 0) + 1
    term_names = sorted(t for t, c in counts.items() if c >= min_count)
    lex_matrix = np.array([[ex[0][name] for name in lex_names] for ex in examples], dtype=float)
    means = dict(zip(lex_names, lex_matrix.mean(axis=0)))
    scales = {name: (s if s > 0 else 1.0) for name, s in zip(lex_names, lex_matrix.std(axis=0))}
    draft = LearnedScorer(tuple(label_order), tuple(lex_names + term_names), means, scales,
                          np.zeros((len(label_order), 1)), np.zeros(len(label_order)), term_weight)
    X = np.array([draft._vector(lex, terms) for lex, terms in examples])
    y = np.array([list(label_order).index(label) for label in labels])
    if len(set(y)) != len(label_order):
        raise ValueError(f"every label must occur in the training data: {sorted(set(labels))}")
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(X, y)
    return LearnedScorer(draft.labels, draft.features, means, scales, model.coef_, model.intercept_, term_weight)
