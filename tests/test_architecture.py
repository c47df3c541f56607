"""The layers hold: pages are stubs over services, imports run one way, one module reads the env."""

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_MODULE = ROOT / "src" / "civic_challenge" / "config.py"
# The CLI starts the app in a child process and hands it the environment, adding demo mode.
CLI_MODULE = ROOT / "src" / "civic_challenge" / "cli.py"
PAGE_IMPORTS_ALLOWED = ("streamlit", "civic_challenge.ui", "civic_challenge.services")
ENVIRONMENT_READERS = {"environ", "environb", "getenv"}


def _page_files() -> list[Path]:
    pages = sorted((ROOT / "pages").glob("*.py"))
    app = ROOT / "app.py"
    return [*pages, app] if app.exists() else pages


def _imported_modules(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")


def _allowed_in_a_page(module: str) -> bool:
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or module == "__future__":
        return True
    return any(module == ok or module.startswith(f"{ok}.") for ok in PAGE_IMPORTS_ALLOWED)


def _reads_environment(path: Path) -> list[int]:
    """Line numbers where the file touches os.environ / os.getenv, however it was imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        reads_os_attribute = (
            isinstance(node, ast.Attribute)
            and node.attr in ENVIRONMENT_READERS
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        )
        imports_from_os = (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(alias.name in ENVIRONMENT_READERS for alias in node.names)
        )
        if reads_os_attribute or imports_from_os:
            lines.append(node.lineno)
    return lines


def test_there_are_pages():
    assert list((ROOT / "pages").glob("*.py")), "pages/ holds no screens yet"


@pytest.mark.parametrize("path", _page_files(), ids=lambda path: path.name)
def test_a_page_imports_only_streamlit_ui_and_services(path: Path):
    forbidden = sorted(m for m in set(_imported_modules(path)) if not _allowed_in_a_page(m))
    assert forbidden == [], (
        f"{path.relative_to(ROOT)} imports {forbidden}: a page reads widgets, calls a service and "
        "renders; move the query or the logic into civic_challenge.services (or ui for widgets)"
    )


def test_only_the_settings_module_reads_the_environment():
    files = [*(ROOT / "src").rglob("*.py"), *_page_files()]
    readers = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if path not in {SETTINGS_MODULE, CLI_MODULE} and (lines := _reads_environment(path))
    }
    assert readers == {}, "read settings through civic_challenge.config.get_settings() instead"


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
