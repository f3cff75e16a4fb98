"""Side tools around the pipeline: fictional example data, the empty responses template and the
questionnaire PDF."""
