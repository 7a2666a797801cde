"""A FAQ that grew past settings.faq_split_after: one page per category, old links still work."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import run_hubgen, serve_folder


def test_old_faq_links_reach_their_answer_once_the_faq_is_split(tmp_path, example_content, browser):
    """/faq/#id was the answer's address while the FAQ was one page; backers' bookmarks,
    feeds and old updates keep it after the FAQ grows into one page per category."""
    import shutil

    content = Path(shutil.copytree(example_content, tmp_path / "content"))
    hub_file = content / "hub.yaml"
    text = hub_file.read_text(encoding="utf-8")
    assert "faq_split_after: 40" in text
    hub_file.write_text(text.replace("faq_split_after: 40", "faq_split_after: 5"), encoding="utf-8")
    lint = run_hubgen("lint", str(content))
    assert lint.returncode == 0, lint.stdout + lint.stderr  # the updates' /faq/#id links still count
    result = run_hubgen("build", str(content), "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    faq = yaml.safe_load((content / "faq.yaml").read_text(encoding="utf-8"))
    category = faq[1]
    entry = category["questions"][0]
    server, url = serve_folder(tmp_path / "site")
    page = browser.new_page()
    try:
        page.goto(f"{url}faq/#{entry['id']}")
        page.wait_for_url(f"**/faq/*/#{entry['id']}")
        assert page.url != f"{url}faq/#{entry['id']}"
        assert page.locator(f"[id='{entry['id']}']").inner_text().strip().startswith(entry["q"][:20])
    finally:
        page.close()
        server.shutdown()
