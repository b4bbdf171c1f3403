"""Layer 7, figures: each `plot_<thing>(data, *, ax=None) -> Figure` builds one figure.

Topic modules (`figures.actors`, `figures.positions`, `figures.lists`) declare
`FIGURES`, a mapping from a file stem to a function of the repaired corpus;
`figures.registry` lists them and saves them; `figures.render` holds the font,
the house style and the run-time Arabic label helper. Imports `analysis` and
every layer below it.
"""
