"""Evaluation against public human-annotated gold data (readers and scorers behind `medialens eval`)."""
