"""One update, every channel: an email, plain text, a platform update, a social post.

A creator who must announce a delay writes it once, as an update file, and
`hubgen share` turns that file into what each other channel takes, with the
same words and absolute links back to the hub. Nothing here is published: it
is printed (or written to -o) for the creator to send or paste.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import textwrap
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from hubgen import urls
from hubgen.content_html import ALLOWED_ELEMENTS, SANITISER_ATTRIBUTES
from hubgen.errors import HubgenError
from hubgen.labels import hub_labels
from hubgen.model import Hub, Update
from hubgen.render.feeds import absolute_links, update_url
from hubgen.markup import to_html

TARGETS = ("email", "text", "kickstarter", "social")
SOCIAL_LIMIT = 280
# What a platform's update editor keeps when HTML is pasted into it (Kickstarter's,
# Indiegogo's and BackerKit's editors all take these and drop the rest).
PLATFORM_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h2", "h3"}
_OTHER_HEADING = re.compile(r"<(/?)h[1456](?=[\s>])")


class ShareError(HubgenError):
    """No update can be shared that way (exit 1): missing, a draft, or backers-only to social."""

    exit_code = 1


def find_update(hub: Hub, name: str) -> Update:
    """The update a creator means by `name`: its file name, with or without
    folder, `.md` or the date in front."""
    wanted = name.strip().replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".md")
    exact = [u for u in hub.updates if u.slug == wanted]
    by_end = [u for u in hub.updates if u.slug.endswith("-" + wanted)]
    found = exact or by_end
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = ", ".join(u.slug for u in found)
        raise ShareError(f"{name!r} matches {len(found)} updates ({names}); give the whole file name")
    close = difflib.get_close_matches(wanted, [u.slug for u in hub.updates], n=1)
    hint = f"; did you mean {close[0]}?" if close else "; the file names in updates/ are what it takes"
    raise ShareError(f"no update {name!r}{hint}")


def share(hub: Hub, update: Update, target: str) -> str:
    """The update as `target` takes it. Drafts go nowhere; backers-only updates
    go to channels only backers read (email, text, the platform), never social."""
    if update.draft:
        raise ShareError(f"{update.slug} is a draft; set `draft: false` when it is ready to go out")
    if target == "social" and not update.is_public:
        raise ShareError(f"{update.slug} is for backers only, and a social post is public; "
                         "share it --to email, text or kickstarter instead")
    return {"email": email_message, "text": plain_text, "kickstarter": platform_html,
            "social": social_post}[target](hub, update)


def pledge_link(hub: Hub, segment: str = "", country: str = "", waves: str = "", state: str = "") -> str:
    """The delivery/ address with a backer's choice in it ("Your pledge" takes it
    and keeps it in their browser), for a survey email to one segment. Each id is
    checked against the hub, so a typo never sends backers a link that shows nothing."""
    choice = {"segment": _known(segment, [s.id for s in hub.segments], "segment"),
              "country": _known(country.strip().upper(), [c for r in hub.shipping for c in r.countries], "country"),
              "waves": [_known(w.strip(), [w.id for w in hub.waves], "wave") for w in waves.split(",") if w.strip()],
              "state": _known(state, [s.id for s in hub.pledge_states], "pledge state")}
    return urls.pledge_link(hub.project.site_url, choice)


def _known(value: str, known: list[str], what: str) -> str:
    if not value or value in known:
        return value
    if not known:
        raise ShareError(f"the hub has no {what} ids, so there is no {what} {value!r}")
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"did you mean {close[0]}?" if close else "the hub has: " + ", ".join(known)
    raise ShareError(f"no {what} {value!r}; {hint}")


def _public_link(hub: Hub, update: Update) -> str:
    """The update's page on the hub, or "" when it has none (backers only)."""
    return update_url(hub, update) if update.is_public else ""


def _body_html(hub: Hub, update: Update) -> str:
    """The body as the hub shows it, every link absolute (it is read away from the hub).

    The command refuses content the build would refuse (cli.share runs lint), and
    what goes out is cleaned by the same allow-list besides (hubgen.content_html):
    no script, form or tracking pixel reaches a mail program whatever happens."""
    base = update_url(hub, update)
    html = to_html(update.body)
    if hidden := urls.hidden_update_urls(hub):  # no page to open: such links are left out, as on the hub
        html = urls.unlinked(html, urls.update_url(update.slug), hub.project.site_url, hidden.__contains__)
    html = absolute_links(html, base, hub.project.site_url)
    own = hub.project.site_url.rstrip("/") + "/"

    def from_the_hub(tag: str, attribute: str, value: str) -> str | None:
        # An image from elsewhere in an email tells its host who opened it: a
        # tracking pixel. Lint refuses them (HUB185); one let through as a warning stops here.
        loads = attribute in ("src", "srcset", "poster") and tag in ("img", "source", "video", "audio", "track")
        return None if loads and not all(url.startswith(own) for url in value.replace(",", " ").split()
                                          if "/" in url) else value

    return nh3.clean(html, tags=set(ALLOWED_ELEMENTS), attributes=SANITISER_ATTRIBUTES,
                     attribute_filter=from_the_hub, url_schemes={"http", "https", "mailto"}, link_rel=None,
                     strip_comments=True)


def _on_the_hub_html(hub: Hub, link: str) -> str:
    """The closing line with the update's page linked: the label's words escaped, the link as HTML."""
    before, _, after = hub_labels(hub)("share.on_the_hub", link="\0").partition("\0")
    return f'<p>{escape(before)}<a href="{escape(link)}">{escape(link)}</a>{escape(after)}</p>'


def plain_text(hub: Hub, update: Update) -> str:
    parts = [update.title, "=" * min(len(update.title), 72), "", html_to_text(_body_html(hub, update))]
    link = _public_link(hub, update)
    if link:
        parts += ["", hub_labels(hub)("share.on_the_hub", link=link)]
    return "\n".join(parts).rstrip() + "\n"


def platform_html(hub: Hub, update: Update) -> str:
    """An HTML fragment with only the simple tags a platform's editor keeps."""
    html = _OTHER_HEADING.sub(r"<\1h3", _body_html(hub, update))
    link = _public_link(hub, update)
    if link:
        html += "\n" + _on_the_hub_html(hub, link)
    return nh3.clean(html, tags=PLATFORM_TAGS, attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True) + "\n"


def social_post(hub: Hub, update: Update) -> str:
    """At most SOCIAL_LIMIT characters: the summary (or the title) and the link."""
    link = update_url(hub, update)
    text = " ".join((update.summary or update.title).split())
    room = SOCIAL_LIMIT - len(link) - 1
    if len(text) > room:
        text = textwrap.shorten(text, width=room, placeholder="…")
    return f"{text} {link}\n"


def _header_text(text: str) -> str:
    """`text` as one line of a mail header (RFC 5322 2.2): a line break in a title would
    start a header of its own (Bcc:), so every run of spaces and control characters is one space."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f\u2028\u2029]", " ", text).split())


def email_message(hub: Hub, update: Update) -> str:
    """An RFC 5322 message: plain text and HTML alternatives, Subject = the title."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = _header_text(update.title)
    message["From"] = formataddr((_header_text(hub.project.creator), _header_text(hub.contact.email)))
    message["To"] = "undisclosed-recipients:;"
    sent = dt.datetime.combine(update.date, dt.time(), tzinfo=dt.timezone.utc)
    message["Date"] = format_datetime(sent)
    host = urlsplit(hub.project.site_url).hostname or "hubgen.invalid"
    message["Message-ID"] = f"<{update.slug}@{host}>"
    message.set_content(plain_text(hub, update))
    message.add_alternative(_html_document(hub, update), subtype="html")
    return message.as_string()


def _html_document(hub: Hub, update: Update) -> str:
    link = _public_link(hub, update)
    footer = _on_the_hub_html(hub, link) if link else ""
    return (f'<!DOCTYPE html>\n<html lang="{escape(hub.project.language)}"><head><meta charset="utf-8">'
            f"<title>{escape(update.title)}</title></head><body>\n<h1>{escape(update.title)}</h1>\n"
            f"{_body_html(hub, update)}\n{footer}\n</body></html>\n")


class _TextWriter(HTMLParser):
    """HTML fragment to readable plain text: paragraphs, list bullets, links as "text (URL)"."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: list[str] = []
        self.link_text: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.out.append("\n\n")
        if tag == "li":
            self.out.append("\n- ")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")
            self.link_text.append(len(self.out))

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.out.append("\n\n")
        if tag == "a" and self.href:
            href, start = self.href.pop(), self.link_text.pop()
            text = "".join(self.out[start:]).strip()
            if href and href != text and not href.startswith("#"):
                self.out.append(f" ({href.removeprefix('mailto:')})")

    def handle_data(self, data):
        # Plain text has no layout but line breaks: runs of white space are one
        # space, as the browser shows them (code blocks lose their indentation).
        self.out.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = [line.strip() for line in "".join(self.out).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    return writer.text()
