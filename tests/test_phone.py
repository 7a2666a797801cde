"""The example hub on a 390 px phone with a touch screen, in headless Chromium."""

from __future__ import annotations

import base64
import re

import pytest

from conftest import run_hubgen, serve_folder, serve_with_forms
from hubgen.pipeline import load_hub

@pytest.fixture(scope="module")
def hub(example_content):
    return load_hub(example_content).hub


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def in_view(page, selector: str) -> bool:
    """Whether the element's top edge lies inside the window."""
    return page.evaluate("""s => {
        const box = document.querySelector(s).getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
    }""", selector)


def test_tapping_a_search_result_on_the_open_page_scrolls_to_the_answer(phone, site_url):
    phone.goto(site_url + "faq/")
    phone.locator("label.md-header__button[for='__search']").first.tap()
    phone.locator("input.md-search__input").press_sequentially("the lid came dented in the post", delay=10)
    result = phone.locator(".md-search-result__item > a[href$='faq/#damaged']").first
    result.wait_for()
    # Material locks the page's scroll a moment after the search opens: tap as a backer
    # would, once the results have been read.
    phone.wait_for_function("document.body.hasAttribute('data-md-scrolllock')")
    result.tap()
    phone.wait_for_url(re.compile("#damaged$"))
    phone.wait_for_timeout(1000)  # Material restores the old scroll position 100 ms after closing
    assert in_view(phone, "[id='damaged']"), f"scrolled to {phone.evaluate('window.scrollY')}"
    assert not phone.evaluate("document.getElementById('__search').checked"), "the search closed"
    assert not phone.evaluate("document.body.hasAttribute('data-md-scrolllock')"), "the page scrolls again"


def test_a_topic_someone_else_handles_hides_the_message_box_and_keeps_the_text(phone, site_url):
    phone.goto(site_url + "contact/")
    message = "I can't log in to the pledge manager since Tuesday"
    phone.locator("#ask-message").tap()
    phone.locator("#ask-message").fill(message)
    phone.locator("#ask-topic").select_option(label="Logging in to the pledge manager, password resets")
    elsewhere = phone.locator(".hubgen-ask__elsewhere:not([hidden])")
    assert "BackerKit support" in elsewhere.inner_text()
    assert elsewhere.locator("a[href='https://help.backerkit.com']").is_visible()
    assert not phone.locator(".hubgen-ask__send").is_visible(), "nothing to send to the creator"
    assert not phone.locator("#ask-message").is_visible(), "the message box is hidden with Send"
    assert not phone.locator("label[for='ask-message']").is_visible()
    # Back to a topic the creator answers: the backer's words are still there.
    phone.locator("#ask-topic").select_option(label="Refunds, changes to locked orders, damaged kettles")
    assert phone.locator("#ask-message").is_visible()
    assert phone.locator("#ask-message").input_value() == message
    assert phone.locator(".hubgen-ask__send").is_visible()


@pytest.fixture(scope="module")
def busy_hub_url(tmp_path_factory, example_content):
    """A hub whose home page is crowded above the fold: a long status line, two
    pinned notices with summaries."""
    import shutil

    content = tmp_path_factory.mktemp("busy") / "content"
    shutil.copytree(example_content, content)
    hub = content / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8").replace(
        'status: "Manufacturing: the first production run of 4,000 kettles"',
        'status: "Manufacturing: the first run of 4,000 kettles is on the line in Porto; the second '
        'run, with the copper lids, follows in March once the hinge supplier delivers"'), encoding="utf-8")
    update = content / "updates" / "2026-11-12-mass-production-started.md"
    update.write_text(update.read_text(encoding="utf-8").replace("summary:", "pinned: true\nsummary:", 1),
                      encoding="utf-8")
    site = content.parent / "site"
    result = run_hubgen("build", str(content), "-o", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_folder(site)
    yield url
    server.shutdown()


def test_how_can_we_help_comes_first_on_a_phone_once_and_in_view(phone, busy_hub_url):
    phone.goto(busy_hub_url)
    assert phone.locator(".hubgen-status").is_visible() and phone.locator(".hubgen-notice").count() == 2
    assert phone.evaluate("document.body.innerText.split('How can we help?').length - 1") == 1
    heading = phone.get_by_role("heading", name="How can we help?")
    box = phone.get_by_role("searchbox", name="How can we help?")
    assert heading.is_visible() and box.is_visible()
    assert box.bounding_box()["y"] + box.bounding_box()["height"] <= 844, "the answer box is below the fold"
    first_after_title = phone.evaluate("""() => {
        const after = document.querySelector('article h1').nextElementSibling;
        return after && after.querySelector('h2') ? after.querySelector('h2').textContent : '';
    }""")
    assert first_after_title == "How can we help?", "the question comes right under the page title"
    assert heading.bounding_box()["y"] < phone.locator(".hubgen-status").bounding_box()["y"]


@pytest.fixture
def phone_without_script(browser):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_the_answer_box_asks_the_search_page_and_points_to_the_topics(
        phone_without_script, site_url):
    page = phone_without_script
    page.goto(site_url)
    topics = page.locator(".hubgen-answers__topics a")
    assert topics.count() >= 3 and topics.first.is_visible(), "the FAQ's topics, for a browser without scripts"
    assert page.locator("noscript, .hubgen-answers").get_by_role("link", name="questions and answers").is_visible()
    box = page.get_by_role("searchbox", name="How can we help?")
    box.tap()
    box.fill("my kettle arrived dented")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=my\+kettle\+arrived\+dented$"))
    page.go_back()
    name = topics.nth(1).inner_text()
    topics.nth(1).tap()
    page.wait_for_url(re.compile(r"/faq/"))
    assert page.get_by_role("heading", name=name).first.is_visible()


# The smallest PNG there is: one transparent pixel, as a phone's camera would send a bigger one.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def photo_hub(tmp_path_factory, example_content):
    """The example hub where damage reports offer a photo (routing: photo: true)."""
    import shutil

    content = tmp_path_factory.mktemp("photo") / "content"
    shutil.copytree(example_content, content)
    hub = content / "hub.yaml"
    topic = "    - topic: Refunds, changes to locked orders, damaged kettles\n      handled_by: creator\n"
    assert topic in hub.read_text(encoding="utf-8")
    hub.write_text(hub.read_text(encoding="utf-8").replace(topic, topic + "      photo: true\n"), encoding="utf-8")
    site = content.parent / "site"
    result = run_hubgen("build", str(content), "-o", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_a_damage_report_takes_a_photo_and_the_thanks_page_repeats_what_was_sent(phone, photo_hub, hub):
    server, url, posts = serve_with_forms(photo_hub)
    phone.goto(url + "contact/")
    photo_field = phone.locator("#ask-photo-field")
    phone.locator("#ask-topic").select_option(label="Parcels stuck with the courier after they left our warehouse")
    assert not photo_field.is_visible(), "a photo only where it helps: damage and missing parts"
    phone.locator("#ask-topic").select_option(label="Refunds, changes to locked orders, damaged kettles")
    assert photo_field.is_visible()
    assert "up to 8 MB" in photo_field.inner_text(), "the host's limit is stated"
    phone.locator("#ask-name").fill("Mira Kowalczyk")
    phone.locator("#ask-email").fill("mira@example.org")
    message = "The lid came dented 😞\nThe box looked fine, the kettle didn't."
    phone.locator("#ask-message").fill(message)
    phone.locator("#ask-photo").set_input_files(files=[{"name": "dented-lid.png", "mimeType": "image/png",
                                                        "buffer": PIXEL}])
    phone.get_by_role("button", name="Send").tap()
    phone.wait_for_url(re.compile(r"/contact/thanks/$"))
    assert len(posts) == 1 and posts[0]["type"].startswith("multipart/form-data")
    assert b'filename="dented-lid.png"' in posts[0]["body"] and PIXEL in posts[0]["body"]
    sent = phone.locator("[data-hubgen-sent]")
    assert sent.is_visible()
    text = sent.inner_text()
    assert "What you sent" in text and "Mira Kowalczyk" in text and "mira@example.org" in text
    assert "Refunds, changes to locked orders, damaged kettles" in text and "dented-lid.png" in text
    assert sent.locator("dd[data-field='message']").inner_text() == message
    assert not sent.locator("dt", has_text="Pledge reference").is_visible(), "nothing given, nothing repeated"
    assert f"We answer {hub.contact.response_time}" in phone.locator("article").inner_text()
    assert not axe_violations(phone), "WCAG 2.2 AA with what was sent on screen"
    server.shutdown()


def axe_violations(page) -> list[str]:
    from test_accessibility import AXE, WCAG_TAGS

    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", WCAG_TAGS)
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]


@pytest.mark.usefixtures("node_modules")  # axe-core comes from npm
def test_the_photo_field_is_accessible_and_valid_html(phone, photo_hub, java):
    from test_html_valid import nu_errors

    assert not nu_errors(java, photo_hub / "contact")
    server, url = serve_folder(photo_hub)
    try:
        phone.goto(url + "contact/")
        phone.locator("#ask-topic").select_option(label="Refunds, changes to locked orders, damaged kettles")
        assert phone.locator("#ask-photo").is_visible()
        assert phone.get_by_label("Photo of the damage or the missing part").count() == 1
        assert not axe_violations(phone)
    finally:
        server.shutdown()
