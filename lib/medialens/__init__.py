"""medialens: source attribution, actors, sentiment and framing for German-language news.

The package is organised as one-way data flow (see README "Map of the code"):
``corpus.load_corpus`` -> ``nlp.process`` -> analyses -> ``annotate`` -> notebooks -> ``figures``.
"""

__version__ = "0.1.0"
