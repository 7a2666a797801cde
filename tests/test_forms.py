"""The hub's forms: "Ask us", refund requests and "Was this helpful?".

The browser tests run against a local server that answers like Netlify: it
applies site/_headers (so the generated Content-Security-Policy is enforced)
and records every POST as Netlify receives it, then answers a form post with
the page at the form's action, as Netlify shows the success page.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
import threading
from html.parser import HTMLParser
from pathlib import Path
from html import unescape as html_unescape
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from conftest import REPO, run_hubgen, serve_folder
from hubgen.render.forms import (
    CONTACT_FIELDS,
    CONTACT_FORM,
    FEEDBACK_FIELDS,
    FEEDBACK_FORM,
    HONEYPOT,
    REFUND_FORM,
    REFUND_TOPIC,
)
from hubgen.search.engine import SearchEngine
from test_headers import VIOLATIONS, NetlifyLikeHandler, _rules

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
FEEDBACK_PAGES = ["faq/", "pledge-states/", "refund-policy/"]


# -- reading the static HTML as Netlify's form detection does --------------------

class FormParser(HTMLParser):
    """Every <form data-netlify> of a page, with the names of its fields in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._open = {"attrs": a, "fields": [], "values": {}}
            self.forms.append(self._open)
        elif tag in ("input", "textarea", "select") and self._open is not None and a.get("name"):
            self._open["fields"].append(a["name"])
            self._open["values"][a["name"]] = a.get("value")

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def netlify_forms(page: Path) -> list[dict]:
    parser = FormParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return [form for form in parser.forms if form["attrs"].get("data-netlify") == "true"]


def the_form(page: Path, name: str) -> dict:
    found = [form for form in netlify_forms(page) if form["attrs"].get("name") == name]
    assert len(found) == 1, f"{page}: {len(found)} Netlify forms named {name!r}"
    return found[0]


@pytest.mark.parametrize("name", [CONTACT_FORM, REFUND_FORM])
def test_contact_and_refund_forms_are_in_the_static_html_with_every_field(built_site, name):
    form = the_form(built_site / "contact" / "index.html", name)
    assert form["fields"][:2] == ["form-name", HONEYPOT]  # form-name first, as posted
    assert form["values"]["form-name"] == name
    assert form["fields"][2:] == list(CONTACT_FIELDS)
    assert form["attrs"]["data-netlify-honeypot"] == HONEYPOT
    assert form["attrs"]["method"] == "post"
    action = urlsplit(form["attrs"]["action"]).path
    assert (built_site / "contact" / action / "index.html").is_file()  # lands on contact/thanks/


@pytest.mark.parametrize("path", FEEDBACK_PAGES)
def test_each_feedback_page_holds_the_feedback_form_with_every_field_the_script_posts(built_site, path):
    page = built_site / path / "index.html"
    form = the_form(page, FEEDBACK_FORM)
    assert form["fields"] == ["form-name", HONEYPOT, *FEEDBACK_FIELDS]
    assert form["values"]["page"] == path
    # The script names no field of its own: it posts this form, filled in.
    (script_file,) = (built_site / "assets" / "hubgen").glob("hubgen-helpful.*.js")
    script = script_file.read_text()
    posted = set(re.findall(r"form\.elements\.(\w+)", script))
    assert posted <= set(FEEDBACK_FIELDS) and "new FormData(form)" in script


def test_every_faq_entry_state_and_policy_section_gets_a_feedback_spot(built_site, hub):
    def spots(path):
        html = (built_site / path / "index.html").read_text()
        return re.findall(r'class="hubgen-helpful" data-entry="([^"]+)"', html)

    assert spots("faq/") == [entry.id for entry in hub.faq_entries]
    assert spots("pledge-states/") == [state.id for state in hub.pledge_states]
    policy = (built_site / "refund-policy" / "index.html").read_text()
    sections = re.findall(r'<h2 id="([^"]+)"', policy)
    assert sections and spots("refund-policy/") == sections


def test_the_refund_summary_quotes_the_policy_and_links_its_sections(built_site, hub):
    html = (built_site / "contact" / "index.html").read_text()
    start = html.index('id="ask-refund"')
    summary = html[start:html.index("</aside>", start)]
    # The terms from the policy's front matter (refund_terms), said as the policy page says them.
    assert ("<li><strong>Full refund until your reward ships.</strong></li>\n"
            "<li><strong>Refund of the items you send back within 30 days of delivery.</strong></li>") in summary
    # First sentences, in the creator's words.
    assert "You can return an unused kettle within 30 days of delivery." in summary
    for anchor in re.findall(r'href="\.\./refund-policy/#([^"]+)"', summary):
        assert f'id="{anchor}"' in (built_site / "refund-policy" / "index.html").read_text()


def test_a_translated_policy_is_summed_up_as_its_page_reads(built_site):
    """The German policy keeps the original's anchors (`## Wann das Geld ankommt
    {#when-the-money-arrives}`), as the docs tell translators to: a tester found the
    `{#...}` printed in the summary on de/contact/ and in "Was this helpful?" on the
    policy, and a space before each comma where a link had been."""
    contact = (built_site / "de" / "contact" / "index.html").read_text(encoding="utf-8")
    start = contact.index('id="ask-refund"')
    summary = re.sub(r"<[^>]+>", "", contact[start:contact.index("</aside>", start)])
    assert "So beantragst du eine Rückerstattung: Schick einen Antrag über das Formular auf der Kontaktseite oder" \
           in html_unescape(summary)
    assert "{#" not in summary and " ," not in summary
    policy = (built_site / "de" / "refund-policy" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'data-title="([^"]*)"', policy)
    assert "Wann das Geld ankommt" in titles and not [title for title in titles if "{" in title]


# -- a server that records posts as Netlify receives them ---------------------------

class RecordingHandler(NetlifyLikeHandler):
    posts: list = []
    lock = threading.Lock()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        with self.lock:
            self.posts.append({"path": urlsplit(self.path).path,
                               "type": self.headers.get("Content-Type", ""),
                               "fields": parse_qsl(body, keep_blank_values=True)})
        # Netlify answers a form post with the page at its action (the success page).
        self.do_GET()


@pytest.fixture(scope="module")
def netlify(built_site: Path):
    handler = type("Handler", (RecordingHandler,), {"rules": _rules(built_site), "posts": []})
    server, url = serve_folder(built_site, handler)
    yield url, handler.posts
    server.shutdown()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(VIOLATIONS)
    yield page
    assert page.evaluate("window.__cspViolations") == []
    context.close()


def wait_for_post(page, posts: list, count: int) -> dict:
    page.wait_for_function("() => true")  # let the event loop turn
    for _ in range(50):
        if len(posts) >= count:
            return posts[count - 1]
        page.wait_for_timeout(100)
    raise AssertionError(f"no POST number {count}; got {posts}")


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus by Tab")


@pytest.fixture(scope="module")
def engine(built_site):
    return SearchEngine(json.loads((built_site / "search" / "search_index.json").read_text()))


MESSAGES = [
    "hi, the kettle came with a dent in the lid, what do I do now",
    "I moved house last month and need my kettle sent to the new address",
    "my card was declined when the campaign ended",
]


@pytest.mark.parametrize("message", MESSAGES)
def test_answers_appear_while_the_backer_types_ranked_as_search_ranks_them(phone, netlify, engine, message):
    url, _ = netlify
    phone.goto(url + "contact/")
    phone.locator("#ask-message").press_sequentially(message, delay=5)
    answers = phone.locator("#ask-answers li a")
    expected = engine.top(message, 3)
    assert expected, "the search finds nothing for this message"
    # The answers for the whole message, not for the words typed before a pause.
    phone.wait_for_function("q => document.getElementById('ask-answers').dataset.query === q", arg=message)
    shown = answers.evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert [title for title, _ in shown] == [hit.title for hit in expected]
    assert [urlsplit(href).path + ("#" + urlsplit(href).fragment if urlsplit(href).fragment else "")
            for _, href in shown] == ["/" + hit.location for hit in expected]
    # The answer is one tap away and opens where it is.
    answers.first.click()
    phone.wait_for_url("**/" + expected[0].location.split("#")[0] + "*")


def test_clearing_the_message_clears_the_answers(page, netlify):
    url, _ = netlify
    page.goto(url + "contact/")
    page.locator("#ask-message").press_sequentially("where is my parcel", delay=5)
    page.locator("#ask-answers li").first.wait_for()
    page.locator("#ask-message").fill("")
    page.wait_for_function("() => document.getElementById('ask-answers').hidden")


def test_a_topic_someone_else_handles_shows_them_instead_of_sending(phone, netlify, hub):
    url, _ = netlify
    phone.goto(url + "contact/")
    route = next(r for r in hub.contact.routing if r.handled_by != "creator")
    phone.select_option("#ask-topic", route.topic)
    panel = phone.locator(".hubgen-ask__elsewhere:visible")
    assert panel.count() == 1
    assert route.handled_by in panel.inner_text()
    assert panel.locator("a").get_attribute("href") == route.contact
    assert not phone.locator(".hubgen-ask__send button").is_visible()
    # Back to one of the creator's topics: the form sends again.
    mine = next(r for r in hub.contact.routing if r.handled_by == "creator")
    phone.select_option("#ask-topic", mine.topic)
    assert phone.locator(".hubgen-ask__elsewhere:visible").count() == 0
    assert phone.locator(".hubgen-ask__send button").is_visible()


def test_the_honeypot_is_out_of_sight_and_out_of_tab_order(phone, netlify):
    url, _ = netlify
    phone.goto(url + "contact/")
    trap = phone.locator(f"#ask-form input[name='{HONEYPOT}']")
    assert trap.count() == 1 and not trap.is_visible()
    focused = []
    for _ in range(60):
        phone.keyboard.press("Tab")
        focused.append(phone.evaluate("document.activeElement.name || ''"))
    assert HONEYPOT not in focused and "name" in focused


def test_a_backer_sends_a_question_keyboard_only_on_a_phone(phone, netlify, hub):
    url, posts = netlify
    before = len(posts)
    phone.goto(url + "contact/")
    tab_to(phone, "#ask-name")
    phone.keyboard.type("Ana Lima")
    phone.keyboard.press("Tab")
    phone.keyboard.type("ana@example.org")
    phone.keyboard.press("Tab")
    phone.keyboard.type("#4127")
    phone.keyboard.press("Tab")
    mine = next(r for r in hub.contact.routing if r.handled_by == "creator")
    phone.select_option("#ask-topic", mine.topic)  # a <select> opens a native picker; choosing is one step
    phone.focus("#ask-topic")
    phone.keyboard.press("Tab")
    phone.keyboard.type("The lid hinge squeaks since day one & the box had a hole <3")
    tab_to(phone, ".hubgen-ask__send button")  # past the suggested answers
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/contact/thanks/")
    post = wait_for_post(phone, posts, before + 1)
    assert post["path"] == "/contact/thanks/"
    assert post["type"] == "application/x-www-form-urlencoded"
    assert post["fields"] == [("form-name", CONTACT_FORM), (HONEYPOT, ""), ("name", "Ana Lima"),
                              ("email", "ana@example.org"), ("pledge_reference", "#4127"),
                              ("topic", mine.topic),
                              ("message", "The lid hinge squeaks since day one & the box had a hole <3")]
    assert "Thanks" in phone.locator("h1").inner_text()
    assert hub.contact.response_time in phone.locator("article").inner_text()


def test_an_empty_form_does_not_send(page, netlify):
    url, posts = netlify
    before = len(posts)
    page.goto(url + "contact/")
    page.click(".hubgen-ask__send button")
    page.wait_for_timeout(300)
    assert len(posts) == before and page.url.endswith("/contact/")


def test_a_refund_request_goes_to_its_own_form_with_the_pledge_reference(phone, netlify):
    url, posts = netlify
    phone.goto(url + "contact/")
    summary = phone.locator("#ask-refund")
    assert not summary.is_visible()  # only beside a refund request
    phone.fill("#ask-name", "Tomasz Nowak")
    phone.fill("#ask-email", "tomasz@example.net")
    phone.select_option("#ask-topic", REFUND_TOPIC)
    assert summary.is_visible() and "30 days" in summary.inner_text()
    phone.fill("#ask-message", "Please cancel my order, I pledged twice by mistake.")
    before = len(posts)
    phone.click(".hubgen-ask__send button")
    phone.wait_for_timeout(300)
    assert len(posts) == before  # no pledge reference yet: the browser asks for it
    assert phone.evaluate("document.activeElement.id") == "ask-pledge"
    phone.keyboard.type("KS-88213")
    phone.click(".hubgen-ask__send button")
    phone.wait_for_url("**/contact/thanks/")
    post = wait_for_post(phone, posts, before + 1)
    fields = dict(post["fields"])
    assert post["fields"][0] == ("form-name", REFUND_FORM)
    assert fields["pledge_reference"] == "KS-88213" and fields["topic"] == REFUND_TOPIC


def test_feedback_yes_posts_the_entry_to_the_hubs_own_origin(page, netlify, hub):
    url, posts = netlify
    before = len(posts)
    page.goto(url + "faq/")
    entry = hub.faq_entries[1]
    spot = page.locator(f".hubgen-helpful[data-entry='{entry.id}']")
    spot.locator("[data-helpful='yes']").click()
    post = wait_for_post(page, posts, before + 1)
    assert post["path"] == "/" and post["type"] == "application/x-www-form-urlencoded"
    assert post["fields"] == [("form-name", FEEDBACK_FORM), (HONEYPOT, ""), ("page", "faq/"),
                              ("entry", entry.id), ("helpful", "yes"), ("comment", "")]
    spot.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert spot.locator("[data-helpful]").count() == 0  # answered once


def test_feedback_no_asks_what_was_missing_and_offers_the_contact_form(phone, netlify, hub):
    url, posts = netlify
    before = len(posts)
    phone.goto(url + "pledge-states/")
    state = hub.pledge_states[5]
    spot = phone.locator(f".hubgen-helpful[data-entry='{state.id}']")
    # Keyboard only: from the state's heading link, Tab to "No".
    phone.focus(f"h2#{state.id} a.headerlink")
    tab_to(phone, f".hubgen-helpful[data-entry='{state.id}'] [data-helpful='no']")
    phone.keyboard.press("Enter")
    comment = spot.get_by_label("What was missing?")
    assert phone.evaluate("document.activeElement.tagName") == "TEXTAREA"
    phone.keyboard.type("Can I still change my colour after the lock?")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "Send"
    phone.keyboard.press("Enter")
    post = wait_for_post(phone, posts, before + 1)
    assert post["path"] == "/" and post["fields"][0] == ("form-name", FEEDBACK_FORM)
    assert dict(post["fields"]) == {"form-name": FEEDBACK_FORM, HONEYPOT: "", "page": "pledge-states/",
                                    "entry": state.id, "helpful": "no",
                                    "comment": "Can I still change my colour after the lock?"}
    spot.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert comment.count() == 0
    # The contact form, with the question filled in.
    spot.get_by_role("link", name=re.compile("Ask us")).focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/contact/?question=*")
    assert state.label in phone.input_value("#ask-message")
    phone.locator("#ask-answers li").first.wait_for()  # answers about it, before a word is typed


def test_without_javascript_there_is_no_widget_and_the_form_still_sends(browser, netlify, hub):
    url, posts = netlify
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "faq/")
    assert page.locator("[data-helpful]").count() == 0
    assert not page.locator("form.hubgen-feedback").is_visible()
    before = len(posts)
    page.goto(url + "contact/")
    page.fill("#ask-name", "Sam")
    page.fill("#ask-email", "sam@example.com")
    page.select_option("#ask-topic", hub.contact.routing[-1].topic)
    page.fill("#ask-message", "Is the kettle induction-safe?")
    page.click(".hubgen-ask__send button")
    page.wait_for_url("**/contact/thanks/")
    assert dict(wait_for_post(page, posts, before + 1)["fields"])["form-name"] == CONTACT_FORM
    context.close()


@pytest.mark.parametrize("width, scheme", [(390, "dark"), (1280, "light")])
def test_open_forms_have_no_axe_violations(browser, netlify, width, scheme):
    assert AXE.is_file(), "axe-core is missing: run `npm install` in the repository"
    url, _ = netlify
    # axe is injected as an inline script, which the hub's own CSP rightly refuses.
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  bypass_csp=True)
    page = context.new_page()
    found = []
    page.goto(url + "contact/")
    page.select_option("#ask-topic", REFUND_TOPIC)
    page.locator("#ask-message").press_sequentially("refund please, my parcel never came", delay=5)
    page.locator("#ask-answers li").first.wait_for()
    found += axe(page, "contact/ (refund)")
    page.select_option("#ask-topic", index=1)
    found += axe(page, "contact/ (routed elsewhere)")
    page.goto(url + "faq/")
    page.locator("[data-helpful='no']").first.click()
    found += axe(page, "faq/ (what was missing?)")
    context.close()
    assert not found, "\n".join(found)


def axe(page, where: str) -> list[str]:
    # Colours are judged once nothing is fading in or out (Material's back-to-top
    # button fades in when the page scrolls): mid-transition colours are not what a reader sees.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']})")
    return [f"{where}: {v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]


@pytest.fixture(scope="module")
def hub(example_content):
    from hubgen.pipeline import load_hub

    return load_hub(example_content).hub


# -- contact.form: mailto and none ---------------------------------------------------

def build_with_form(content: Path, out: Path, mode: str) -> Path:
    """Build `content` with `contact.form: mode` written into its hub.yaml, as a creator would."""
    hub_yaml = content / "hub.yaml"
    text, count = re.subn(r"(?m)^  form: \w+", f"  form: {mode}", hub_yaml.read_text(encoding="utf-8"))
    assert count == 1
    hub_yaml.write_text(text, encoding="utf-8")
    result = run_hubgen("build", str(content), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def mailto_site(example_content, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mailto")
    shutil.copytree(example_content, folder / "content")
    site = build_with_form(folder / "content", folder / "site", "mailto")
    server, url = serve_folder(site, type("Handler", (RecordingHandler,), {"rules": _rules(site), "posts": []}))
    yield site, url
    server.shutdown()


def test_mailto_hub_declares_no_netlify_form_and_no_feedback(mailto_site):
    site, _ = mailto_site
    for page in site.rglob("*.html"):
        assert netlify_forms(page) == [], page
        assert "class=\"hubgen-helpful\"" not in page.read_text(), page
    assert not (site / "contact" / "thanks").exists()


def test_mailto_opens_the_email_program_with_every_field_filled_in(phone, mailto_site, hub):
    _, url = mailto_site
    phone.goto(url + "contact/")
    link = phone.locator("#ask-send-mail")
    phone.fill("#ask-name", "Ana Lima")
    phone.fill("#ask-email", "ana@example.org")
    phone.fill("#ask-pledge", "#4127")
    mine = next(r for r in hub.contact.routing if r.handled_by == "creator")
    phone.select_option("#ask-topic", mine.topic)
    phone.fill("#ask-message", "The lid hinge squeaks & the box had a hole?")
    href = link.get_attribute("href")
    address, query = href.split("?", 1)
    assert address == "mailto:" + hub.contact.email
    fields = dict(parse_qsl(query))
    assert fields["subject"] == f"{hub.project.name}: {mine.topic}"
    body = fields["body"].splitlines()
    assert body[0] == "The lid hinge squeaks & the box had a hole?"
    # Every field under the label the form shows for it.
    assert "Your name: Ana Lima" in body and "Your email: ana@example.org" in body
    assert "Pledge reference: #4127" in body and f"Topic: {mine.topic}" in body


def test_mailto_still_suggests_answers_and_routes_topics(phone, mailto_site, hub):
    _, url = mailto_site
    phone.goto(url + "contact/")
    phone.locator("#ask-message").press_sequentially("where is my parcel", delay=5)
    phone.locator("#ask-answers li").first.wait_for()
    route = next(r for r in hub.contact.routing if r.handled_by != "creator")
    phone.select_option("#ask-topic", route.topic)
    assert not phone.locator("#ask-send-mail").is_visible()
    assert route.handled_by in phone.locator(".hubgen-ask__elsewhere:visible").inner_text()


def test_an_incomplete_mailto_form_asks_before_opening_the_email_program(page, mailto_site):
    _, url = mailto_site
    page.goto(url + "contact/")
    page.click("#ask-send-mail")
    page.wait_for_timeout(200)
    assert page.url.endswith("/contact/")
    assert page.evaluate("document.activeElement.id") == "ask-name"


def test_form_none_leaves_the_email_and_the_routing_table(content_copy, tmp_path, hub):
    site = build_with_form(content_copy, tmp_path / "site", "none")
    contact = (site / "contact" / "index.html").read_text()
    article = contact.split('<article', 1)[1].split("</article>", 1)[0]
    # No form sends anything: the one form left is the "How can we help?" search box.
    assert re.findall(r"<form[^>]*>", article) == [f'<form class="hubgen-answers" role="search" '
                                                    f'action="../search/" method="get" data-hubgen-answers>']
    assert f"mailto:{hub.contact.email}" in contact and 'id="routing"' in contact
    assert not list(site.rglob("thanks"))
    assert all(netlify_forms(page) == [] for page in site.rglob("*.html"))


def test_the_mailto_contact_page_passes_the_nu_checker(mailto_site, java):
    from test_html_valid import nu_errors

    site, _ = mailto_site
    assert nu_errors(java, site / "contact" / "index.html") == []


def test_pasted_quotes_and_html_in_topics_are_shown_and_sent_as_typed(content_copy, tmp_path, browser):
    hub_yaml = content_copy / "hub.yaml"
    text = hub_yaml.read_text()
    topic = 'Damaged kettles & "dented" lids <b>urgent</b>'
    other = "<script>alert(1)</script> Couriers"
    text = text.replace("    - topic: Refunds, changes to locked orders, damaged kettles\n      handled_by: creator\n",
                        f"    - topic: '{topic}'\n      handled_by: creator\n"
                        f"    - topic: Parcels in customs\n      handled_by: '{other}'\n"
                        f"      contact: https://courier.example/help?a=1&b=2\n")
    hub_yaml.write_text(text)
    out = tmp_path / "site"
    result = run_hubgen("build", str(content_copy), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "contact" / "index.html").read_text()
    assert "<script>alert(1)" not in html and "<b>urgent" not in html
    handler = type("Handler", (RecordingHandler,), {"rules": _rules(out), "posts": []})
    server, url = serve_folder(out, handler)
    try:
        page = browser.new_page()
        page.goto(url + "contact/")
        page.select_option("#ask-topic", "Parcels in customs")
        panel = page.locator(".hubgen-ask__elsewhere:visible")
        assert other in panel.inner_text()
        assert panel.locator("a").get_attribute("href") == "https://courier.example/help?a=1&b=2"
        page.select_option("#ask-topic", topic)
        page.fill("#ask-name", "Lee")
        page.fill("#ask-email", "lee@example.com")
        page.fill("#ask-message", "Spout bent")
        page.click(".hubgen-ask__send button")
        page.wait_for_url("**/contact/thanks/")
        assert dict(handler.posts[-1]["fields"])["topic"] == topic
        page.close()
    finally:
        server.shutdown()


def test_a_double_tap_on_yes_posts_once(page, netlify, hub):
    url, posts = netlify
    page.goto(url + "faq/")
    entry = hub.faq_entries[3]
    before = len(posts)
    page.locator(f".hubgen-helpful[data-entry='{entry.id}'] [data-helpful='yes']").dblclick()
    page.locator(f".hubgen-helpful[data-entry='{entry.id}']").get_by_role("status").filter(
        has_text="Thank you").wait_for()
    page.wait_for_timeout(300)
    assert [dict(p["fields"])["entry"] for p in posts[before:]] == [entry.id]


def test_a_split_faq_asks_on_each_category_page(tmp_path):
    from contentkit import MINIMAL, write_content
    from hubgen.pipeline import load_hub

    faq = textwrap.dedent(MINIMAL["faq.yaml"]) + textwrap.dedent("""\
        - category: Payments
          questions:
            - id: card-declined
              q: My card was declined, what now?
              a: Update your card on Kickstarter within 7 days.
            - id: charged-twice
              q: Why was I charged twice?
              a: The second charge is the pledge manager's add-ons.
        """)
    hub_yaml = textwrap.dedent(MINIMAL["hub.yaml"]) + "settings:\n  faq_split_after: 1\n"
    content = write_content(tmp_path, {"faq.yaml": faq, "hub.yaml": hub_yaml})
    out = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    split = load_hub(content).hub
    assert split.faq_is_split
    for category in split.faq:
        page = out / "faq" / category.slug / "index.html"
        assert the_form(page, FEEDBACK_FORM)["values"]["page"] == f"faq/{category.slug}/"
        spots = re.findall(r'class="hubgen-helpful" data-entry="([^"]+)"', page.read_text())
        assert spots == [entry.id for entry in category.entries]


# -- a host that does not take the post: the message is never lost ----------------------

class RefusingHandler(NetlifyLikeHandler):
    """A static host without form handling: GitHub Pages answers a POST with 405,
    a plain web server (python -m http.server) with 501; or the connection drops."""

    refusal = 405

    def do_POST(self):
        if self.refusal == 0:  # the network fails: no answer at all
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.send_error(self.refusal)


# What a backer types: a sentence with &, ?, # and a line break, and an emoji.
TYPED_MESSAGE = "Kettle #2 arrived dented & the lid won't close?\nPhotos on request 🙏 cc=me@example.org"


def parse_mailto(href: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The recipients and the header fields a mailto: URL gives an email program (RFC 6068)."""
    assert href.startswith("mailto:"), href
    to, _, query = href.removeprefix("mailto:").partition("?")
    return [unquote(address) for address in to.split(",")], parse_qsl(query, keep_blank_values=True)


def fill_in_a_question(page, hub, message: str = TYPED_MESSAGE) -> None:
    page.fill("#ask-name", "Zoë O'Brien & Co")
    page.fill("#ask-email", "zoe@example.org")
    page.fill("#ask-pledge", "#4127?")
    mine = next(r for r in hub.contact.routing if r.handled_by == "creator")
    page.select_option("#ask-topic", mine.topic)
    page.fill("#ask-message", message)


def assert_one_recipient_and_the_fields_as_typed(href: str, address: str, subject: str) -> None:
    recipients, fields = parse_mailto(href)
    assert recipients == [address]
    assert [name for name, _ in fields] == ["subject", "body"]  # no cc, no bcc, nothing else
    values = dict(fields)
    assert values["subject"] == subject
    body = values["body"].split("\r\n")
    assert "\n".join(body[:2]) == TYPED_MESSAGE
    assert "Your name: Zoë O'Brien & Co" in body and "Pledge reference: #4127?" in body


@pytest.mark.parametrize("refusal", [405, 501, 0], ids=["405", "501", "network-error"])
def test_a_post_the_host_refuses_keeps_the_message_and_offers_the_address(phone, built_site, hub, refusal):
    handler = type("Handler", (RefusingHandler,), {"rules": _rules(built_site), "refusal": refusal})
    server, url = serve_folder(built_site, handler)
    try:
        phone.goto(url + "contact/")
        fill_in_a_question(phone, hub)
        phone.click(".hubgen-ask__send button")
        failed = phone.locator("#ask-failed")
        failed.wait_for(state="visible")
        assert phone.url == url + "contact/"  # never an error page
        assert phone.input_value("#ask-message") == TYPED_MESSAGE  # not a word lost
        assert phone.evaluate("document.activeElement.id") == "ask-failed"  # read out at once
        text = failed.inner_text()
        assert "Your message was not sent" in text and hub.contact.email in text
        mine = next(r for r in hub.contact.routing if r.handled_by == "creator")
        assert_one_recipient_and_the_fields_as_typed(phone.get_attribute("#ask-failed-mail", "href"),
                                                     hub.contact.email, f"{hub.project.name}: {mine.topic}")
        # Changed after the failure: the email follows.
        phone.fill("#ask-message", TYPED_MESSAGE + " Thanks!")
        _, fields = parse_mailto(phone.get_attribute("#ask-failed-mail", "href"))
        assert dict(fields)["body"].startswith(TYPED_MESSAGE.replace("\n", "\r\n") + " Thanks!\r\n")
    finally:
        server.shutdown()


def test_the_failure_notice_has_no_axe_violations(browser, built_site, hub):
    handler = type("Handler", (RefusingHandler,), {"rules": _rules(built_site), "refusal": 405})
    server, url = serve_folder(built_site, handler)
    found = []
    for scheme in ("dark", "light"):
        # axe is injected as an inline script, which the hub's own CSP rightly refuses.
        context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme, bypass_csp=True)
        page = context.new_page()
        page.goto(url + "contact/")
        fill_in_a_question(page, hub)
        page.click(".hubgen-ask__send button")
        page.locator("#ask-failed").wait_for(state="visible")
        found += axe(page, f"contact/ after a refused post ({scheme})")
        context.close()
    server.shutdown()
    assert not found, "\n".join(found)


# An address that is one RFC 5322 addr-spec, with & and ? in its local part.
ODD_ADDRESS = "orders&help?desk@tidewater.example"


@pytest.fixture(scope="module")
def odd_address_site(example_content, tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd-address")
    shutil.copytree(example_content, folder / "content")
    hub_yaml = folder / "content" / "hub.yaml"
    text, count = re.subn(r"(?m)^  email: .*$", f"  email: {ODD_ADDRESS}", hub_yaml.read_text(encoding="utf-8"))
    assert count == 1
    hub_yaml.write_text(text, encoding="utf-8")
    site = build_with_form(folder / "content", folder / "site", "mailto")
    server, url = serve_folder(site, type("Handler", (RecordingHandler,), {"rules": _rules(site), "posts": []}))
    yield url
    server.shutdown()


def test_the_mailto_a_backer_gets_has_one_recipient_and_the_fields_as_typed(phone, odd_address_site, hub):
    phone.goto(odd_address_site + "contact/")
    fill_in_a_question(phone, hub)
    mine = next(r for r in hub.contact.routing if r.handled_by == "creator")
    assert_one_recipient_and_the_fields_as_typed(phone.get_attribute("#ask-send-mail", "href"), ODD_ADDRESS,
                                                 f"{hub.project.name}: {mine.topic}")
    # The link on the page itself (no script yet) names the same one recipient.
    written = re.search(r'href="(mailto:[^"]*)"', (phone.content()))
    assert parse_mailto(html_unescape(written.group(1)))[0] == [ODD_ADDRESS]


@pytest.mark.parametrize("where, smuggled", [
    ("email", "support@tidewater.example?bcc=collector@elsewhere.example"),
    ("email", "support@tidewater.example&cc=collector@elsewhere.example"),
    ("email", "support@tidewater.example\n  bcc: collector@elsewhere.example"),
    ("routing", "orders@tidewater.example?cc=collector@elsewhere.example"),
])
def test_an_address_that_smuggles_recipients_stops_the_build_at_its_line(content_copy, tmp_path, where, smuggled):
    """However settings.lint is set: HUB111 cannot be ignored."""
    hub_yaml = content_copy / "hub.yaml"
    text = hub_yaml.read_text(encoding="utf-8")
    if where == "email":
        text, count = re.subn(r"(?m)^  email: .*$", lambda m: f'  email: "{smuggled}"'.replace("\n", "\\n"), text)
    else:
        text, count = re.subn(r"(?m)^      contact: https://\S+$", f"      contact: {smuggled}", text, count=1)
    assert count == 1
    text += "  lint:\n    ignore: [HUB111]\n" if re.search(r"(?m)^settings:", text) else ""
    hub_yaml.write_text(text, encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if smuggled.split("\n")[0].split("?")[0] in l
                and ("email:" in l if where == "email" else "contact:" in l))
    result = run_hubgen("build", str(content_copy), "-o", str(tmp_path / "site"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"hub.yaml:{line}:" in result.stderr and "HUB111" in result.stderr
    assert "is not one email address" in result.stderr and "would change who gets the message" in result.stderr
    assert not (tmp_path / "site").exists()
