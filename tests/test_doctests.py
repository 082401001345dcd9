"""The runnable examples in the docstrings stay true."""
from __future__ import annotations

import doctest

import pytest

import analyzer
from analyzer import (batch, copydetect, fingerprint, ingest, prefilter, provenance, resources, thresholds, unionfind,
                      workers)


@pytest.mark.parametrize("module", [analyzer, batch, copydetect, fingerprint, ingest, prefilter, provenance, resources,
                                    thresholds, unionfind, workers])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
