"""The output layer: advice, reports, handouts, the list of exercises, diagrams, the Twine story and the phone guide,
for people and for machines; the interactive session; writing a file someone asked for.

Only this layer imports Rich (``show``, ``session``, ``practice``) and Jinja2. It may import every other layer
except the command line.
"""
