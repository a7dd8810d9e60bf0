"""Text handling: Arabic normalisation, sentence splitting, protected spans.

The lowest layer besides :mod:`translate.errors` and :mod:`translate.options`: it knows
nothing of models, glossaries or files.
"""
