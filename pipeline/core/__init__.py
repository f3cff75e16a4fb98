"""The ground floor: what every stage shares. The survey instrument, a coalition folder and its
settings, report languages, findings and errors, and where the package's own files live.
Imports nothing from the stages above."""
