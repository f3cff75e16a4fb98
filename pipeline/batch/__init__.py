"""Stage 4, batch: every coalition of an input folder through the report notebook on warm
kernels, in parallel and incrementally, with a manifest of what happened to each."""
