"""Glossary enforcement: where the glossary meets decoding.

The only package that imports both :mod:`translate.glossary` and
:mod:`translate.engine`. It places each matched term's rendering in a sentence that the
model itself produced or ranked.
"""
