import pytest

from tests.built import run_build


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built twice with the project's build command: the directory and the second build's log."""
    site_dir = tmp_path_factory.mktemp("site")
    first = run_build(site_dir)
    assert first.returncode == 0, first.stdout + first.stderr
    second = run_build(site_dir)
    assert second.returncode == 0, second.stdout + second.stderr
    return site_dir, second.stdout + second.stderr
