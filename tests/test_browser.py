"""The three pages in a real headless Chromium (Debian's, driven by Playwright): they load
from disk with no console error and no request beyond the file itself, highlights match
the JSON, hostile text stays text, links between pages work, and a screenshot is not blank.

`make test` installs the browser when it is missing. Under CI a missing browser fails
these tests; elsewhere it skips them with the command that fixes it.
"""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path

import pytest
from html_fixtures import TEXT, eval_files, result_row, write_pages, write_results

from eval.browser import CHROMIUM

pytestmark = pytest.mark.browser

HOSTILE = (
    "Ceasefire talks stall <script>alert('headline')</script> in Geneva\n\n"
    "Russia said on Monday it would not return to the talks <img src=x onerror=alert(1)> until "
    "sanctions were eased, and accused Ukraine of shelling civilians.\n\n"
    "Ukraine's foreign minister said Kyiv was ready to meet <svg onload=alert(2)> at any time.\n\n"
    "The US urged both sides to return to the table </p></main><script>document.body.innerHTML=''</script>.\n"
)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from eval.browser import chromium

    with chromium() as b:
        yield b


def load(browser, path: Path):
    from eval.browser import open_page

    return open_page(browser, path)


def assert_clean(visit) -> None:
    assert visit.console_errors == []
    assert visit.network_requests == []


def assert_not_blank(page) -> None:
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50, "the screenshot is (nearly) one colour"
    assert shot.getbbox() is not None


def test_seed_article_page(cli, seed_path, tmp_path, browser):
    page_path = tmp_path / "seed.html"
    result = cli("analyze", seed_path, "--json", "--html", page_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    evidence = sum(len(s["evidence"]) for s in data["stances"])
    with load(browser, page_path) as (page, visit):
        assert_clean(visit)
        assert evidence > 0 and page.locator("mark.ev").count() == evidence
        assert page.locator("h1").inner_text() == data["title"]
        assert page.locator(".summ").count() >= len(data["summary"]["sentences"])
        # every highlight is focusable and described by a visible label naming actor, stance, role
        first = page.locator("mark.ev").first
        first.focus()
        assert page.evaluate("document.activeElement.tagName") == "MARK"
        label = page.locator("#" + first.get_attribute("aria-describedby"))
        assert label.is_visible() and label.inner_text().split(":")[0] in {s["actor"] for s in data["stances"]}
        assert " · " in label.inner_text()  # "Russia: confrontational 0.55 · speaker"
        assert page.locator("script").count() == 0
        assert_not_blank(page)


def test_hostile_article_renders_as_text(cli, tmp_path, browser):
    page_path = tmp_path / "hostile.html"
    result = cli("analyze", "-", "--json", "--html", page_path, input=HOSTILE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    with load(browser, page_path) as (page, visit):
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.reload()
        assert_clean(visit)
        assert page.locator("script").count() == 0 and page.locator("img").count() == 0
        assert page.locator("main svg").count() == 0  # the article's <svg onload> is text too
        text = page.locator("main").inner_text()
        assert "<img src=x onerror=alert(1)>" in text and "<svg onload=alert(2)>" in text
        assert "<script>document.body.innerHTML=''</script>" in text
        assert page.locator("mark.ev").count() == sum(len(s["evidence"]) for s in data["stances"])
        assert dialogs == []
        assert_not_blank(page)


def test_corpus_report_pages(cli, tmp_path, browser):
    rows = write_results(tmp_path / "results.jsonl", 300)
    write_pages(tmp_path / "pages", rows, 40)
    result = cli("report", tmp_path / "results.jsonl", "--out", tmp_path / "report", "--pages",
                 tmp_path / "pages", "--by", "month")
    assert result.exit_code == 0, result.output
    with load(browser, tmp_path / "report" / "report.html") as (page, visit):
        assert_clean(visit)
        assert page.locator("figure svg[role=img]").count() == 2
        assert "undated" in page.locator("main").inner_text()
        assert page.locator("script").count() == 0
        assert_not_blank(page)
        page.get_by_role("link", name="1–300").click()
        page.wait_for_load_state()
        assert page.locator("tbody tr").count() == 300
        link = page.locator("tbody a[href^='../pages/']").first
        link.click()
        page.wait_for_load_state()
        row = next(r for r in rows if r["id"] == page.locator("header code").inner_text())
        assert page.locator("mark.ev").count() == sum(len(s["evidence"]) for s in row["stances"]) > 0
        assert visit.console_errors == [] and all(r.startswith("file://") for r in visit.requests)


def test_eval_report_page(tmp_path, browser):
    from nlp.html import article_page, page_name
    from nlp.html.evaluation import eval_page

    (tmp_path / "articles").mkdir()
    row = result_row(1, random.Random(0))
    (tmp_path / "articles" / page_name("test-01")).write_text(article_page(row, TEXT, back="../report.html"))
    html = eval_page(eval_files(), config={"seed": 0},
                     pages={"test-01": f"articles/{page_name('test-01')}"})
    (tmp_path / "report.html").write_text(html)
    with load(browser, tmp_path / "report.html") as (page, visit):
        assert_clean(visit)
        text = page.locator("main").inner_text()
        assert "oracle" in text and "lead-3" in text
        assert page.locator("table caption", has_text="Confusion matrix").count() == 2
        assert_not_blank(page)
        page.locator("summary", has_text="Per article").click()
        page.get_by_role("link", name="test-01").click()
        page.wait_for_load_state()
        page.get_by_role("link", name="← Back to the report").click()
        page.wait_for_load_state()
        assert page.url.endswith("report.html") and visit.console_errors == []
