"""Stage 3, report: a `CoalitionResult` in, the client's files out: charts, sentences, HTML and
the PDF in the firm's house style, scores.json, and the portfolio overview."""
