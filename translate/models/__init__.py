"""The model store: catalogue, download, safe archive extraction, conversion to
CTranslate2, installed model folders, and the one resolver from a model name or path to
a loadable folder.
"""
