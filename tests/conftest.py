import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.built import run_build

SHARED_SITE = "PYTORCH_TUTORIALS_TEST_SITE"  # set for pytest-xdist workers: the site the controller built
SECOND_LOG = "second-build.log"


def build_twice(site_dir: Path) -> str:
    """Build the site with the project's build command, then again; the second build's log."""
    for attempt in ("first", "second"):
        done = run_build(site_dir)
        if done.returncode != 0:
            pytest.exit(f"the {attempt} site build failed:\n{done.stdout[-3000:]}{done.stderr[-5000:]}", returncode=1)
    return done.stdout + done.stderr


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    """With pytest-xdist (``make test`` runs ``pytest -n auto --dist worksteal``), build the site once, here,
    before any worker starts: no test then competes for the cores with the lessons' runs,
    whose timings the pages show."""
    site_dir = Path(tempfile.mkdtemp(prefix="tutorial-site-"))
    config.add_cleanup(lambda: shutil.rmtree(site_dir, ignore_errors=True))
    (site_dir / SECOND_LOG).write_text(build_twice(site_dir / "site"))
    os.environ[SHARED_SITE] = str(site_dir)  # the workers start after this and inherit it


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built twice with the project's build command: the directory and the second build's log."""
    if shared := os.environ.get(SHARED_SITE):
        return Path(shared) / "site", (Path(shared) / SECOND_LOG).read_text()
    site_dir = tmp_path_factory.mktemp("site")
    return site_dir, build_twice(site_dir)
