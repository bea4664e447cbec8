"""Formulas in the prose, typeset at build time: LaTeX to MathML.

Pages write LaTeX between ``$...$`` (inline) or ``$$...$$`` (display);
``pymdownx.arithmatex`` (generic mode) marks them, and the hook replaces each mark with
MathML from ``latex2mathml``. Browsers draw MathML themselves: no script, no web font,
no request to another host, and the formula reads left to right on Arabic pages too.
Notebooks keep the LaTeX, which Jupyter and Colab typeset.
"""

import html
import re

from latex2mathml.converter import convert

INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.S)
DISPLAY = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.S)


class FormulaError(ValueError):
    """A formula that cannot be typeset; the message quotes it."""


def to_mathml(tex: str, display: bool = False) -> str:
    """MathML for one LaTeX formula, always left to right."""
    depth = 0
    for char in re.sub(r"\\[{}]", "", tex):  # braces must balance (escaped ones aside)
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise FormulaError(f"cannot typeset ${tex}$: unbalanced braces")
    try:
        mathml = convert(tex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises several kinds of errors
        raise FormulaError(f"cannot typeset ${tex}$: {error}") from None
    if unknown := re.findall(r">(\\[A-Za-z]+)<", mathml):  # latex2mathml prints unknown commands as text
        raise FormulaError(f"cannot typeset ${tex}$: unknown command {unknown[0]}")
    return mathml.replace("<math ", '<math dir="ltr" ', 1)


def typeset(page_html: str) -> str:
    """Replace arithmatex's marks in a page's HTML with MathML."""
    page_html = DISPLAY.sub(lambda m: f'<div class="formula">{to_mathml(html.unescape(m["tex"]), True)}</div>', page_html)
    return INLINE.sub(lambda m: to_mathml(html.unescape(m["tex"])), page_html)
