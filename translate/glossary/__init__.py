"""The glossary layer: files that fix the English rendering of Arabic names and terms.

Typical use::

    from translate.glossary import load_glossaries

    glossary = load_glossaries([Path("newsroom.yaml")])  # default glossary included
    for match in glossary.matcher().find(line):
        print(match.surface, "->", match.rendering)
"""

from translate.glossary.format import (
    default_glossary_path,
    load_glossaries,
    load_glossary,
    merge_glossaries,
    read_glossary_file,
)
from translate.glossary.matcher import CLITIC_GLOSSES, Match, Matcher
from translate.glossary.model import ENTRY_TYPES, Entry, Glossary, Problem
from translate.glossary.schema import parse_glossary_text
from translate.glossary.variants import generate_variants, is_variant

__all__ = [
    "CLITIC_GLOSSES",
    "ENTRY_TYPES",
    "Entry",
    "Glossary",
    "Match",
    "Matcher",
    "Problem",
    "default_glossary_path",
    "generate_variants",
    "is_variant",
    "load_glossaries",
    "load_glossary",
    "merge_glossaries",
    "parse_glossary_text",
    "read_glossary_file",
]
