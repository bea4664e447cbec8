"""The built site in a real browser (Debian's Chromium, driven by Playwright), served on a
random port under a sub-path, as a reader would meet it anywhere but the configured address."""

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tools.i18n import LANGUAGES

CHROMIUM = Path("/usr/bin/chromium")
LESSON = "lessons/01-tensors/"
SEARCH = {"en": ["tensor"], "ar": ["تنسور", "موتر"], "ru": ["тензор"], "zh": ["张量"]}
ENGLISH_INTERFACE = ["Dark mode", "Light mode", "Permanent link", "Copy to clipboard", "Download the notebook",
                     "Made with", "Not found"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    """The site under http://127.0.0.1:<random port>/course/."""
    root = tmp_path_factory.mktemp("served")
    (root / "course").symlink_to(site[0], target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/course/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "Chromium is missing: run `make setup` (installs Debian's chromium package)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that records console errors and refuses (and records) requests to other hosts."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))

    def only_local(route):
        if urlparse(route.request.url).hostname != "127.0.0.1":
            page.problems.append(f"request to another host: {route.request.url}")
            return route.abort()
        return route.continue_()

    page.route("**/*", only_local)
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lesson_in_a_real_browser(served, page, lang):
    page.goto(f"{served}{lang}/{LESSON}")
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content pre')).direction") == "ltr"
    formula = page.evaluate("""(() => { const m = document.querySelector('.md-content math');
        return m && {width: m.getBoundingClientRect().width, dir: getComputedStyle(m).direction}; })()""")
    assert formula and formula["width"] > 50 and formula["dir"] == "ltr", formula  # typeset, left to right

    dead = page.evaluate("""[...document.querySelectorAll('a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => id && !document.getElementById(id))""")
    assert not dead, f"in-page links that lead nowhere: {dead}"

    if lang != "en":
        shown = page.evaluate("""document.body.innerText + ' ' + [...document.querySelectorAll('[title],[aria-label]')]
            .map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-label') || '')).join(' ')""")
        assert not [s for s in ENGLISH_INTERFACE if s in shown]

    for other in LANGUAGES:  # the language menu lands on the same lesson, on this port and sub-path
        if other == lang:
            continue
        page.goto(f"{served}{lang}/{LESSON}")
        page.hover(".md-header__option .md-select")
        page.click(f'a.md-select__link[hreflang="{other}"]')
        page.wait_for_load_state()
        assert page.url == f"{served}{other}/{LESSON}"

    for term in SEARCH[lang]:
        page.goto(f"{served}{lang}/")
        page.click("input.md-search__input")
        page.fill("input.md-search__input", term)
        page.keyboard.press("End")  # Material searches on key events
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        hits = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
        assert any(LESSON in hit for hit in hits), (term, hits)
    assert not page.problems, page.problems


def test_on_a_phone_the_page_fits_and_wide_figures_stay_legible(served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{served}ar/lessons/04-nonlinear-regression/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    widths = page.eval_on_selector_all("img.wide", "images => images.map(i => i.getBoundingClientRect().width)")
    assert widths and min(widths) >= 600, widths  # they scroll inside their box instead of shrinking
    context.close()


def test_the_light_or_dark_choice_and_the_section_survive_a_language_switch(served, page):
    page.goto(f"{served}en/lessons/02-autograd/#why-gradients")
    page.click("label.md-header__button[for^='__palette']:visible")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="zh"]')
    page.wait_for_load_state()
    assert page.url == f"{served}zh/lessons/02-autograd/#why-gradients"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("document.getElementById('why-gradients') !== null")
