"""Browser harness: Playwright drives Debian's Chromium (no browser download exists here) on a live server.

Without Chromium the browser tests skip with a message, except under CI=true, where they fail.
"""

import os
import shutil

import pytest

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install -y chromium), so the browser tests cannot run."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the main thread, so Django would refuse the test's own
    # database calls as "async-unsafe". The guard is lifted only while a browser module runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server, transactional_db):
    """A fresh browser page on the live server, once at desktop size and once at phone size (390 by 844)."""
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[request.param])
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.viewport_name = request.param
    yield page
    context.close()
