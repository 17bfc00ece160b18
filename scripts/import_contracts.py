"""Two import-linter contract types for what import-linter itself does not see: names, not modules.

- ``private_names``: a name that starts with one underscore is private to the module that defines it
  (for a package, to the package's own modules), and a module whose name starts with one is private
  to its package. ``from nolan.enquiries.notifications import _send`` in chasing,
  or ``notifications._send(...)`` after importing the module, is reported with its file and line.
- ``local_imports``: an import of Nolan's own code inside a function is there only to break a real
  start-up order problem (a model imported before the apps are ready, a task module before the
  worker is configured), and says which in a comment on its line or the line above.

`make test` runs them with the layer and cycle contracts (see ``[tool.importlinter]`` in
pyproject.toml); `.venv/bin/lint-imports` runs them alone.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    text: str


def _source(module: str) -> Path | None:
    """The module's file, found without importing it (importing a Django module needs settings)."""
    top, _, rest = module.partition(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest.split(".")) if rest else None
    if base is None:
        return Path(spec.origin) if spec.origin else None
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _absolute(importer: str, importer_is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer if importer_is_package else importer.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    return f"{base}.{node.module}" if node.module else base


NOT_A_REASON = re.compile(r"noqa(:\s*[A-Z0-9, ]+)?|type:\s*ignore(\[[^]]*\])?|pragma:[^#]*")


def _says_why(line: str) -> bool:
    """A comment with words in it, beyond a linter's own markers."""
    if "#" not in line:
        return False
    comment = NOT_A_REASON.sub("", line.split("#", 1)[1])
    return any(ch.isalpha() for ch in comment)


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class _Modules:
    """Which of the graph's modules are packages, found once per run."""

    def __init__(self, graph, root: str):
        self.paths: dict[str, Path] = {}
        for module in sorted(graph.modules):
            if not _within(module, root):
                continue
            path = _source(module)
            if path is not None:
                self.paths[module] = path

    def is_package(self, module: str) -> bool:
        path = self.paths.get(module)
        return bool(path and path.name == "__init__.py")

    def known(self, module: str) -> bool:
        return module in self.paths


class _Base(Contract):
    root = fields.StringField(required=False)
    guidance = fields.StringField(required=False)

    def _modules(self, graph) -> _Modules:
        root = self.root or self.session_options.get("root_package") or "nolan"
        return _Modules(graph, root)

    def render_broken_contract(self, check: ContractCheck) -> None:
        for finding in check.metadata["findings"]:
            where = os.path.relpath(finding.path)
            output.print_error(f"{where}:{finding.line}: {finding.text}", bold=False)
        output.new_line()
        if self.guidance:
            output.print(self.guidance)


class PrivateNamesContract(_Base):
    type_name = "private_names"

    def check(self, graph, verbose: bool) -> ContractCheck:
        modules = self._modules(graph)
        findings: list[Finding] = []
        for importer, path in modules.paths.items():
            importer_is_package = modules.is_package(importer)
            tree = ast.parse(path.read_text(), filename=str(path))
            aliases: dict[str, str] = {}  # local name -> Nolan module it is bound to
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        if modules.known(alias.name) and alias.asname:
                            aliases[alias.asname] = alias.name
                elif isinstance(node, ast.ImportFrom):
                    source = _absolute(importer, importer_is_package, node)
                    for alias in node.names:
                        submodule = f"{source}.{alias.name}"
                        if modules.known(submodule):
                            aliases[alias.asname or alias.name] = submodule
                            if _private(alias.name) and not _within(importer, source):
                                findings.append(
                                    Finding(str(path), node.lineno, f"imports the private module {submodule}")
                                )
                        # Private to ``source`` itself (for a package, its own modules too), not to
                        # its siblings: a name another module needs is public.
                        elif modules.known(source) and _private(alias.name) and not _within(importer, source):
                            findings.append(
                                Finding(
                                    str(path),
                                    node.lineno,
                                    f"imports {alias.name} from {source}, a name private to {source}",
                                )
                            )
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and node.value.id in aliases
                    and _private(node.attr)
                ):
                    source = aliases[node.value.id]
                    if not _within(importer, source):
                        findings.append(
                            Finding(
                                str(path),
                                node.lineno,
                                f"uses {node.value.id}.{node.attr}, a name private to {source}",
                            )
                        )
        findings = sorted(set(findings))
        return ContractCheck(kept=not findings, metadata={"findings": findings})


class LocalImportsContract(_Base):
    type_name = "local_imports"

    def check(self, graph, verbose: bool) -> ContractCheck:
        modules = self._modules(graph)
        root = self.root or self.session_options.get("root_package") or "nolan"
        findings: list[Finding] = []
        for importer, path in modules.paths.items():
            if ".migrations." in importer:
                continue
            importer_is_package = modules.is_package(importer)
            text = path.read_text()
            lines = text.splitlines()
            tree = ast.parse(text, filename=str(path))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.ImportFrom):
                        imported = _absolute(importer, importer_is_package, node)
                    elif isinstance(node, ast.Import):
                        imported = node.names[0].name
                    else:
                        continue
                    if not _within(imported, root):
                        continue
                    here = lines[node.lineno - 1]
                    # A comment above a run of imports speaks for the whole run.
                    number = node.lineno - 2
                    while number >= 0 and lines[number].strip().startswith(("from ", "import ")):
                        number -= 1
                    above = lines[number].strip() if number >= 0 else ""
                    if _says_why(here) or (above.startswith("#") and _says_why(above)):
                        continue
                    findings.append(
                        Finding(
                            str(path),
                            node.lineno,
                            f"imports {imported} inside {function.name}() without a comment saying why",
                        )
                    )
        findings = sorted(set(findings))
        return ContractCheck(kept=not findings, metadata={"findings": findings})
