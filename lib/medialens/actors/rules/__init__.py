"""Rules of the actors analysis: dictionary matching, name cues, generic name recognition."""
