"""The hub's forms: "Ask us" on contact/, refund requests and "Was this helpful?".

Netlify Forms detects a form in the deployed static HTML by its
`data-netlify` attribute and keeps only the fields that form declares; a
submission names its form in a `form-name` field. So every form a script
posts is written here, in static HTML, with every field, and the scripts
(site_templates/assets/hubgen-ask.js, hubgen-helpful.js) post the form
elements themselves rather than fields of their own. This module owns the
names; templates and tests read them from here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from hubgen.labels import hub_labels, labels_for
from hubgen.refunds import term_sentences
from hubgen.markup import to_html
from hubgen.model import Hub, RefundPolicy, Route
from hubgen.urls import REFUND_POLICY_URL, THANKS_URL, contact_href, policy_headings, site_href

CONTACT_FORM = "contact"  #: Netlify form of "Ask us"
REFUND_FORM = "refund-request"  #: Netlify form of refund requests: a separate inbox
FEEDBACK_FORM = "feedback"  #: Netlify form of "Was this helpful?"
HONEYPOT = "bot-field"  #: hidden field only bots fill in (data-netlify-honeypot)

#: Fields of `contact` and `refund-request`, as the backer fills them in.
CONTACT_FIELDS = ("name", "email", "pledge_reference", "topic", "message")
#: Fields of `feedback`: the page path, the entry's anchor id, yes/no, what was missing.
FEEDBACK_FIELDS = ("page", "entry", "helpful", "comment")

PHOTO_FIELD = "photo"  #: the optional photo of `contact`, on topics with `photo: true`
#: Netlify Forms takes at most 8 MB in one submission (its Forms docs: "8 MB max
#: request size"); the form says so and refuses a bigger photo before sending.
PHOTO_LIMIT_MB = 8
#: What contact/thanks/ repeats of a sent message, each field under its label in the form.
SENT_FIELDS = (("name", "ask.name"), ("email", "ask.email"), ("pledge_reference", "ask.pledge"),
               ("topic", "ask.topic"), ("message", "ask.message"), (PHOTO_FIELD, "ask.photo"))

THANKS_HREF = site_href(THANKS_URL)  #: where a sent form lands (made relative on each page)
POLICY_HREF = site_href(REFUND_POLICY_URL)
#: the topic that sends refund-request, as an English hub words it (hubgen/labels/)
REFUND_TOPIC = labels_for("en")("ask.refund_topic")


def uses_netlify(hub: Hub) -> bool:
    """Whether a form host receives the forms (contact.form: netlify | mailto | none)."""
    return hub.contact.form == "netlify"


@dataclass
class TopicChoice:
    """One option of the topic list."""

    label: str  #: what the backer picks, and what the submission's `topic` says
    elsewhere: Route | None = None  #: a route someone else handles: show it instead of sending
    refund: bool = False  #: sends the refund-request form
    panel_id: str = ""  #: id of the "who handles this" panel, for topics someone else handles
    segments: tuple[str, ...] = ()  #: segment ids the topic is for: first for them, hidden from other segments
    photo: bool = False  #: offers the optional photo (only where the form host takes files)

    @property
    def contact_href(self) -> str:
        return contact_href(self.elsewhere.contact) if self.elsewhere else ""


def topic_choices(hub: Hub) -> list[TopicChoice]:
    t = hub_labels(hub)
    choices = [TopicChoice(route.topic, None if route.handled_by == "creator" else route,
                           panel_id="" if route.handled_by == "creator" else f"ask-elsewhere-{number}",
                           segments=tuple(route.segments),
                           photo=route.photo and route.handled_by == "creator" and uses_netlify(hub))
               for number, route in enumerate(hub.contact.routing, 1)]
    if hub.refund_policy is not None:
        choices.append(TopicChoice(t("ask.refund_topic"), refund=True))
    choices.append(TopicChoice(t("ask.other_topic")))
    return choices


@dataclass
class PolicySection:
    title: str  #: plain text
    anchor: str  #: the heading's id on refund-policy/
    gist: str  #: the section's first sentence, plain text


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\u201c])")
GIST_LIMIT = 220


def refund_summary(policy: RefundPolicy) -> list[PolicySection]:
    """Each second-level section of the policy with its first sentence, in the
    creator's own words: a summary that cannot say more than the policy does."""
    sections = []
    found = policy_headings(policy.body)
    lines = policy.body.splitlines()
    for index, (level, title, anchor, line) in enumerate(found):
        if level != 2:
            continue
        end = next((h[3] for h in found[index + 1:] if h[0] <= 2), len(lines))
        body = "\n".join(lines[line + 1:end])
        sections.append(PolicySection(_plain_text(title), anchor, first_sentence(_plain_text(body))))
    return sections


def first_sentence(text: str) -> str:
    sentence = SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    return sentence if len(sentence) <= GIST_LIMIT else sentence[:GIST_LIMIT].rsplit(" ", 1)[0] + "…"


_BLOCK_EDGE = re.compile(r"</?(?:p|li|ul|ol|br|h[1-6]|div|blockquote|pre|table|tr|td|th|dd|dt|dl)\b[^>]*>")


def _plain_text(markdown: str) -> str:
    """What a reader sees of some Markdown, as one line of text."""
    # A block's edge is a space; an inline tag is nothing ("the <a>contact page</a>, or").
    text = re.sub(r"<[^>]+>", "", _BLOCK_EDGE.sub(" ", to_html(markdown)))
    return " ".join(html.unescape(text).split())


@dataclass
class AskForm:
    """What the "Ask us" template needs; built once per build."""

    mode: str
    topics: list[TopicChoice]
    refund_summary: list[PolicySection] | None  #: None: no refund policy, no refund requests
    refund_terms: list[str]  #: the policy's terms as sentences (hubgen/refunds.py); [] when it states none
    contact: str = CONTACT_FORM
    refund: str = REFUND_FORM
    honeypot: str = HONEYPOT
    fields: tuple[str, ...] = CONTACT_FIELDS
    thanks_href: str = THANKS_HREF
    policy_href: str = POLICY_HREF
    photo: str = PHOTO_FIELD
    photo_limit_mb: int = PHOTO_LIMIT_MB
    sent_fields: tuple[tuple[str, str], ...] = SENT_FIELDS

    @property
    def takes_photo(self) -> bool:
        """Whether some topic offers a photo: the form then posts multipart/form-data."""
        return any(choice.photo for choice in self.topics)


def ask_form(hub: Hub) -> AskForm:
    policy = hub.refund_policy
    return AskForm(hub.contact.form, topic_choices(hub),
                   refund_summary(policy) if policy is not None else None,
                   term_sentences(policy, hub_labels(hub)))


@dataclass
class Feedback:
    """What "Was this helpful?" needs in templates (site_templates/helpful.html.j2)."""

    enabled: bool  #: only where a form host receives it (contact.form: netlify)
    name: str = FEEDBACK_FORM
    honeypot: str = HONEYPOT
    fields: tuple[str, ...] = FEEDBACK_FIELDS
    thanks_href: str = THANKS_HREF


def feedback(hub: Hub) -> Feedback:
    return Feedback(enabled=uses_netlify(hub))


def with_section_markers(body: str, marker) -> str:
    """The policy body with marker(anchor, title) at the end of each second-level section."""
    lines = body.splitlines()
    found = policy_headings(body)
    for index in reversed(range(len(found))):
        level, title, anchor, line = found[index]
        if level != 2:
            continue
        end = next((h[3] for h in found[index + 1:] if h[0] <= 2), len(lines))
        lines[end:end] = ["", marker(anchor, _plain_text(title)).strip(), ""]
    return "\n".join(lines)
