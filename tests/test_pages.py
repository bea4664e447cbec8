"""How pages embed lesson code: the embed syntax and the figures' alternative text."""

import pytest
from mkdocs.exceptions import PluginError

from tools import hooks
from tools.pages import EMBED, alt_texts, embeds

PAGE = '''Text.

```python
--8<-- "snippets/lessons/01_tensors.py:plot"
```
<!-- alt: A sigmoid curve with our neuron marked -->

??? success "Solution"
    ```python
    --8<-- "snippets/lessons/01_tensors.py:exercise-1-solution"
    ```
    <!-- alt: First figure -->
    <!-- alt: Second figure -->

More text.
'''


def test_embeds_and_their_alt_texts():
    assert embeds(PAGE) == [("snippets/lessons/01_tensors.py", "plot"),
                            ("snippets/lessons/01_tensors.py", "exercise-1-solution")]
    assert [alt_texts(m) for m in EMBED.finditer(PAGE)] == [
        ["A sigmoid curve with our neuron marked"], ["First figure", "Second figure"]]


def _png(width: int, height: int = 10) -> str:
    import base64
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(width / 150, height / 150), dpi=150)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def test_the_hook_captions_figures_with_their_alt_text_and_checks_the_count(monkeypatch):
    record = {"sections": {"plot": {"code": "plt.show()\n", "text": "", "value": None, "figures": [_png(1500)]}}}
    monkeypatch.setitem(hooks.results, "01_tensors", record)
    match = next(EMBED.finditer(PAGE))
    shown = hooks._code_and_outputs("01_tensors", match, "lessons/01-tensors.md", "en")
    src = "../assets/figures/01_tensors/plot-1.png"
    assert f'[![A sigmoid curve with our neuron marked]({src}){{ .wide width="1000" loading=lazy }}]({src})' in shown
    assert "<figcaption>A sigmoid curve with our neuron marked</figcaption>" in shown
    record["sections"]["plot"]["figures"] = [_png(300)] * 2
    with pytest.raises(PluginError, match="1 alt texts for the 2 figures of 'plot'"):
        hooks._code_and_outputs("01_tensors", match, "lessons/01-tensors.md", "en")


def test_formulas_become_mathml_that_reads_left_to_right():
    from tools import formulas

    page = ('<p>A neuron: <span class="arithmatex">\\(y = f(\\sum_i w_i x_i + b)\\)</span>.</p>'
            '<div class="arithmatex">\\[\\frac{e^{x_i}}{\\sum_j e^{x_j}}\\]</div>')
    html = formulas.typeset(page)
    assert "arithmatex" not in html and html.count("<math dir=\"ltr\"") == 2
    assert '<div class="formula"><math dir="ltr" xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in html
    assert "<mfrac>" in html and "<msub><mi>w</mi><mi>i</mi></msub>" in html


def test_a_formula_that_cannot_be_typeset_fails_loudly():
    from tools import formulas

    with pytest.raises(formulas.FormulaError, match=r"cannot typeset \$x\^\{2\$: unbalanced braces"):
        formulas.typeset('<span class="arithmatex">\\(x^{2\\)</span>')
    with pytest.raises(formulas.FormulaError, match=r"unknown command \\sofmax"):
        formulas.to_mathml("\\sofmax(x)")
