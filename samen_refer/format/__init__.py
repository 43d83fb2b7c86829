"""The pathway format: YAML read with line and column, the shapes of the files, the typed models built from them
(pathways, contacts, regions, scenarios, answers), their JSON Schema, the one layout a region file is written
in (``region_layout``, for ``regions import``), and where pathways live (also in an earlier git commit).

The format knows nothing of the engine, the checks, rendering or the terminal: it imports ``samen_refer.problem`` and
itself. Reading reports the problems of the YAML and the shapes, and builds a model of what could be read; the checks
that need the model, and loading a pathway for use, are in ``samen_refer.checks``; whether an outcome meets an
expectation is the engine's (``endings.unmet``).
"""
