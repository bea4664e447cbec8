"""Sybil: the doctests of the snippets package, and the lesson code embedded in pages."""

import os
from doctest import ELLIPSIS

from sybil import Sybil
from sybil.evaluators.doctest import NUMBER
from sybil.parsers.doctest import DocTestParser

from tests.page_examples import parse_embedded_code

# Code under test runs on the CPU with a non-interactive plot backend, as in the build.
os.environ["MPLBACKEND"] = "Agg"

helper_doctests = Sybil(parsers=[DocTestParser(optionflags=ELLIPSIS | NUMBER)], patterns=["snippets/*.py"])
# The English pages stand for all four: tests/test_parity.py checks that the
# other languages embed the same sections in the same order.
page_examples = Sybil(parsers=[parse_embedded_code], patterns=["docs/en/*.md", "docs/en/**/*.md"])

pytest_collect_file = (helper_doctests + page_examples).pytest()
