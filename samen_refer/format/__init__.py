"""The pathway format: YAML read with line and column, the shapes of the files, the typed models built from them
(pathways, contacts, scenarios, answers), their JSON Schema, and where pathways live (also in an earlier git commit).

The format knows nothing of rendering or the terminal: it imports ``samen_refer.problem`` and itself; only
``scenario`` follows a scenario's answers through the engine (``engine.route``) to check it against its pathway.
"""
