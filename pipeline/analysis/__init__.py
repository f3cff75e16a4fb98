"""Stage 2, analysis: clean answers in, one typed `CoalitionResult` out: scores, groups, roles,
governance, network, changes, comparisons and advice. Pure functions; no files but the
batch reference it reads."""
