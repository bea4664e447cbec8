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


def test_the_hook_puts_alt_texts_on_figures_and_checks_their_count(monkeypatch):
    record = {"sections": {"plot": {"code": "plt.show()\n", "text": "", "value": None, "figures": ["png"]}}}
    monkeypatch.setitem(hooks.results, "01_tensors", record)
    match = next(EMBED.finditer(PAGE))
    shown = hooks._code_and_outputs("01_tensors", match, "lessons/01-tensors.md", "en")
    assert "![A sigmoid curve with our neuron marked](../assets/figures/01_tensors/plot-1.png)" in shown
    record["sections"]["plot"]["figures"] = ["png", "png"]
    with pytest.raises(PluginError, match="1 alt texts for the 2 figures of 'plot'"):
        hooks._code_and_outputs("01_tensors", match, "lessons/01-tensors.md", "en")
