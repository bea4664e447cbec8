"""Show shared helpers instead of importing them.

A lesson uses a helper from the ``snippets`` package with a section that holds only
imports, such as ``from snippets.train import accuracy, train_epoch``. Readers do not
have that package, so the build replaces such a section with the helpers' source
(and the module imports they need): pages show it in a collapsed block, notebooks
get it as a cell, and the build runs exactly that code. Each helper keeps one home
in ``snippets/``, where its doctests live; the doctest examples are left out of the
shown copy.
"""

import ast
import re
from pathlib import Path

SNIPPETS = Path(__file__).resolve().parents[1] / "snippets"
HELPER_IMPORT = re.compile(r"^from snippets\.(?P<module>\w+) import (?P<names>\w+(?:, *\w+)*)\s*$")
ANY_PROJECT_IMPORT = re.compile(r"^\s*(from|import)\s+(snippets|tools)\b", re.M)


class HelperError(ValueError):
    """A lesson imports the project in a way the build cannot show."""


def _without_doctests(lines: list[str], docstring: ast.Constant, offset: int) -> list[str]:
    """Drop the ``>>>`` examples (and what follows them) from a docstring's lines."""
    first, last = docstring.lineno - offset, docstring.end_lineno - offset  # 0-based, inclusive
    body = lines[first:last + 1]
    cut = next((i for i, line in enumerate(body) if line.strip().startswith(">>>")), None)
    if cut is None:
        return lines
    kept = body[:cut]
    while kept and not kept[-1].strip():
        kept.pop()
    if len(kept) == 1:  # a one-line docstring stays on one line
        return lines[:first] + [kept[0] + '"""'] + lines[last + 1:]
    indent = body[-1][: len(body[-1]) - len(body[-1].lstrip())]
    return lines[:first] + kept + [f'{indent}"""'] + lines[last + 1:]


def _definition_source(source_lines: list[str], node: ast.AST) -> str:
    start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    lines = source_lines[start - 1:node.end_lineno]
    body = getattr(node, "body", [])
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        lines = _without_doctests(lines, body[0].value, start)
    return "\n".join(lines)


def _used_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _module_parts(module: str, names: list[str], where: str):
    """Source of the named definitions (and of the module-level ones they use), and the imports they need."""
    path = SNIPPETS / f"{module}.py"
    if not path.exists():
        raise HelperError(f"{where}: there is no snippets/{module}.py")
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    definitions = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    wanted, queue = set(), list(names)
    while queue:  # helpers that call other helpers of the same module bring them along
        name = queue.pop()
        if name not in definitions:
            raise HelperError(f"{where}: snippets/{module}.py defines no function or class {name!r}")
        if name not in wanted:
            wanted.add(name)
            queue.extend(_used_names(definitions[name]) & definitions.keys())
    used = set().union(*(_used_names(definitions[name]) for name in wanted))
    lines = source.splitlines()
    imports = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound = {(alias.asname or alias.name).split(".")[0] for alias in node.names}
            if bound & used:
                imports.append(ast.get_source_segment(source, node))
    bodies = [_definition_source(lines, n) for n in tree.body if getattr(n, "name", None) in wanted]
    return imports, bodies


def expand(code: str, where: str) -> str | None:
    """The helpers' source for a section of ``from snippets.X import ...`` lines, else None."""
    statements = [line for line in code.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    matches = [HELPER_IMPORT.match(line) for line in statements]
    if not any(matches):
        if ANY_PROJECT_IMPORT.search(code):
            raise HelperError(f"{where}: import helpers with `from snippets.<module> import <names>`, in a section of their own")
        return None
    if not all(matches):
        raise HelperError(f"{where}: a section that imports helpers from snippets must hold nothing else")
    imports, bodies = [], []
    for match in matches:
        names = [name.strip() for name in match["names"].split(",")]
        module_imports, module_bodies = _module_parts(match["module"], names, where)
        imports += [line for line in module_imports if line not in imports]
        bodies += module_bodies
    return "\n".join(imports) + "\n\n\n" + "\n\n\n".join(bodies) + "\n"
