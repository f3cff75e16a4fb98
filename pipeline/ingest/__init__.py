"""Stage 1, ingest: a survey export in, a clean table of answers out, with every received row
either used or rejected with its reason."""
