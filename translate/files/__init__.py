"""Batch conversion of files: plans (which inputs, which outputs), formats, the
persistent sentence cache, local and Ray engines, and the run that ties them together.
"""
