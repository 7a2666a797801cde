"""`hubgen share`: one update, the same words in an email, plain text, a platform update and a post."""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_hubgen
from hubgen.share import PLATFORM_TAGS, SOCIAL_LIMIT

SITE = "https://help.tidewater.example/"
DELAY = "2026-11-21-lids-delayed"


@pytest.fixture
def delay_content(content_copy: Path) -> Path:
    """The example hub plus the kind of update a creator dreads writing."""
    (content_copy / "updates" / f"{DELAY}.md").write_text(
        "---\n"
        'title: "Lids held at the port 😬: \\"two more weeks\\""\n'
        "date: 2026-11-21\n"
        "tags: [delay, shipping]\n"
        "---\n"
        "The lids for the first 4,000 kettles are stuck at the port in Felixstowe.\n"
        "Customs want a second inspection & we cannot hurry it.\n\n"
        "## What it means for you\n\n"
        "- Kettles ship two weeks later than we said.\n"
        "- Your [address](/faq/#change-address) can still change until we pack.\n"
        "- Questions? Write to <support@tidewater.example>.\n\n"
        "<!-- do not mention the second supplier yet -->\n",
        encoding="utf-8")
    return content_copy


def share(content: Path, target: str, update: str = DELAY, *extra: str):
    return run_hubgen("share", update, str(content), "--to", target, *extra)


def test_email_is_an_rfc5322_message_with_text_and_html(delay_content):
    result = share(delay_content, "email")
    assert result.returncode == 0, result.stderr
    message = email.message_from_string(result.stdout, policy=email.policy.default)
    assert message["Subject"] == 'Lids held at the port 😬: "two more weeks"'
    assert message["From"].addresses[0].addr_spec == "support@tidewater.example"
    assert message["Date"].datetime.date().isoformat() == "2026-11-21"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "stuck at the port in Felixstowe" in plain and "stuck at the port in Felixstowe" in html
    assert "- Kettles ship two weeks later" in plain
    assert f"address ({SITE}faq/#change-address)" in plain
    assert f"{SITE}updates/{DELAY}/" in plain
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert f"{SITE}faq/#change-address" in hrefs
    assert all(h.startswith(("https://", "mailto:")) for h in hrefs), hrefs
    assert "second supplier" not in result.stdout  # comments are notes to self


def test_plain_text_keeps_the_words_and_makes_links_absolute(delay_content):
    result = share(delay_content, "text")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith('Lids held at the port 😬: "two more weeks"\n')
    assert "Customs want a second inspection & we cannot hurry it." in text
    assert "<" not in text and "&amp;" not in text
    assert f"({SITE}faq/#change-address)" in text
    assert text.rstrip().endswith(f"{SITE}updates/{DELAY}/")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.hrefs += [value for name, value in attrs if name == "href"]


def test_platform_fragment_uses_only_simple_tags(delay_content):
    result = share(delay_content, "kickstarter")
    assert result.returncode == 0, result.stderr
    parsed = _Tags()
    parsed.feed(result.stdout)
    assert parsed.tags <= PLATFORM_TAGS, parsed.tags - PLATFORM_TAGS
    assert {"p", "ul", "li", "a"} <= parsed.tags
    assert "<h2" in result.stdout or "<h3" in result.stdout  # the section heading survives
    assert all(h.startswith(("https://", "mailto:")) for h in parsed.hrefs), parsed.hrefs
    assert "second supplier" not in result.stdout
    assert "<!DOCTYPE" not in result.stdout and "<html" not in result.stdout


def test_social_post_fits_and_links_to_the_update(delay_content):
    result = share(delay_content, "social")
    assert result.returncode == 0, result.stderr
    post = result.stdout.rstrip("\n")
    assert len(post) <= SOCIAL_LIMIT
    assert post.endswith(f" {SITE}updates/{DELAY}/")
    assert "Lids held at the port" in post


def test_social_post_prefers_the_summary(delay_content):
    path = delay_content / "updates" / f"{DELAY}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "tags: [delay, shipping]\n", "tags: [delay, shipping]\nsummary: Customs hold the lids; kettles ship from 5 February.\n"),
        encoding="utf-8")
    post = share(delay_content, "social").stdout.rstrip("\n")
    assert post == f"Customs hold the lids; kettles ship from 5 February. {SITE}updates/{DELAY}/"


def test_a_long_title_is_shortened_on_a_word_boundary(delay_content):
    path = delay_content / "updates" / f"{DELAY}.md"
    long_title = "Why the lids are late " + "and what we are doing about it " * 12
    path.write_text(path.read_text(encoding="utf-8").replace(
        'title: "Lids held at the port 😬: \\"two more weeks\\""', f"title: {long_title.strip()}"), encoding="utf-8")
    post = share(delay_content, "social").stdout.rstrip("\n")
    assert len(post) <= SOCIAL_LIMIT
    text = post.rsplit(" ", 1)[0]
    assert text.endswith("…") and long_title.startswith(text[:-1].rstrip())


def test_backers_only_update_goes_to_backers_channels_but_never_social(example_content):
    slug = "2026-11-20-backer-only-colour-vote"
    refused = share(example_content, "social", slug)
    assert refused.returncode == 1
    assert "backers only" in refused.stderr and "Traceback" not in refused.stderr
    text = share(example_content, "text", slug)
    assert text.returncode == 0, text.stderr
    # It has no public page, so nothing links to one.
    assert f"updates/{slug}" not in text.stdout


@pytest.mark.parametrize("target", ["email", "text", "kickstarter", "social"])
def test_a_draft_goes_nowhere(example_content, target):
    result = share(example_content, target, "2026-11-22-draft-december-news")
    assert result.returncode == 1
    assert "draft" in result.stderr


def test_update_is_found_by_path_file_name_or_name_without_date(delay_content):
    for name in (f"updates/{DELAY}.md", f"{DELAY}.md", "lids-delayed"):
        result = share(delay_content, "social", name)
        assert result.returncode == 0, (name, result.stderr)


def test_unknown_update_suggests_the_closest_one(delay_content):
    result = share(delay_content, "text", "lids-delayd")
    assert result.returncode == 1
    assert f"did you mean {DELAY}" in result.stderr


def test_usage_errors_exit_2(delay_content):
    missing_target = run_hubgen("share", DELAY, str(delay_content))
    assert missing_target.returncode == 2
    wrong_target = share(delay_content, "fax")
    assert wrong_target.returncode == 2


def test_output_file_holds_the_message(delay_content, tmp_path):
    out = tmp_path / "delay.eml"
    result = share(delay_content, "email", DELAY, "-o", str(out))
    assert result.returncode == 0, result.stderr
    parsed = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert parsed["Subject"].startswith("Lids held at the port")


def test_share_prints_the_your_pledge_link_for_a_segment(example_content):
    result = run_hubgen("share", "--segment", "retailer", "--country", "de", "--waves", "wave-1,wave-2",
                        "--state", "locked", str(example_content))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("https://help.tidewater.example/delivery/"
                             "?country=DE&waves=wave-1,wave-2&segment=retailer&state=locked\n")
    only_segment = run_hubgen("share", "--segment", "retailer", str(example_content))
    assert only_segment.stdout == "https://help.tidewater.example/delivery/?segment=retailer\n"


def test_share_refuses_a_link_for_a_segment_the_hub_does_not_have(example_content):
    result = run_hubgen("share", "--segment", "retailers", str(example_content))
    assert result.returncode == 1
    assert "no segment 'retailers'; did you mean retailer?" in result.stderr
    assert result.stdout == ""
