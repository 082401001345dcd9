"""The runnable examples in the docstrings stay true."""
from __future__ import annotations

import doctest

import pytest

import analyzer
from analyzer import copydetect, fingerprint, provenance, resources


@pytest.mark.parametrize("module", [analyzer, copydetect, fingerprint, provenance, resources])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
