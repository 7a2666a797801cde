"""HUB11x: contact details, so a backer who still needs help can write."""

from __future__ import annotations

import re

from hubgen.content_format import ADDR_SPEC, STARTER_EMAIL, STARTER_SITE_URL, form_on
from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule

EMAIL = re.compile(ADDR_SPEC)


@rule("HUB110", "contact-email-missing", Severity.ERROR,
      "contact.email is missing.", """
The contact page, every "still stuck?" link and the mail subject line all
use this address. Without it backers cannot reach you from the hub.

Bad:
    contact:
      response_time: within 2 business days
Good:
    contact:
      email: help@example.com
      response_time: within 2 business days
""")
def contact_email_missing(context: LintContext):
    contact = context.hub.contact
    if not contact.email:
        yield Finding(contact.where, "there is no contact email",
                      "add 'email: you@example.com' under 'contact:' in hub.yaml")


@rule("HUB111", "contact-email-invalid", Severity.ERROR,
      "An email address in contact is not one valid address.", """
A mistyped address makes every "write to us" link fail silently for the
backer. Checked for `contact.email` and for routing entries whose contact is
an email address: each must be one address (an RFC 5322 addr-spec,
name@example.com) with nothing before or after it. Anything after the domain
would travel into every `mailto:` link the hub writes, where `?bcc=` or
`&cc=` sends each backer's message to someone else too; so this rule cannot
be ignored or made a warning.

Bad:
    email: help@example
    email: help at example.com
    email: help@example.com?bcc=someone@elsewhere.example
Good:
    email: help@example.com
""", enforced=True)
def contact_email_invalid(context: LintContext):
    contact = context.hub.contact
    if contact.email:
        yield from _address_problem(contact.email, contact.marks.at("email"), "")
    for route in contact.routing:
        if route.contact == contact.email:
            continue  # the creator's own address, reported above
        address = route.contact.removeprefix("mailto:")
        if "@" in address and "://" not in address:
            yield from _address_problem(address, route.marks.at("contact"), f" for '{route.topic}'")


def _address_problem(address: str, where, what_for: str):
    if EMAIL.fullmatch(address):
        return
    start = EMAIL.match(address)
    if start:
        rest = address[start.end():]
        yield Finding(where, f"'{address}'{what_for} is not one email address: {rest!r} follows the address "
                      f"'{start.group()}', and in a mailto: link it would change who gets the message",
                      f"write only the address: {start.group()}")
    else:
        yield Finding(where, f"'{address}'{what_for} is not an email address",
                      "write it as name@example.com" + (", or give a URL" if what_for else ""))


@rule("HUB114", "starter-placeholder", Severity.WARNING,
      "The contact email or site_url is still what `hubgen init` wrote.", f"""
`hubgen init` cannot know your address or where the hub will live, so it
writes {STARTER_EMAIL} and {STARTER_SITE_URL}. Published as they are,
every "write to us" link sends backers' mail to nobody, and the feeds, the
calendar subscription and shared links point at a site that is not yours.

Bad:
    project:
      site_url: {STARTER_SITE_URL}
    contact:
      email: {STARTER_EMAIL}
Good:
    project:
      site_url: https://driftwood-games.github.io/help/
    contact:
      email: help@driftwood-games.example
""")
def starter_placeholder(context: LintContext):
    hub = context.hub
    if hub.contact.email == STARTER_EMAIL:
        yield Finding(hub.contact.marks.at("email"), f"contact.email is still {STARTER_EMAIL}, which hubgen "
                      "init wrote: backers' messages to it reach nobody", "write the address you read mail at")
    if hub.project.site_url == STARTER_SITE_URL:
        yield Finding(context.project_key("site_url"), f"project.site_url is still {STARTER_SITE_URL}, which "
                      "hubgen init wrote: feeds, the calendar and shared links would point there",
                      "write the address the hub will be published at")


@rule("HUB113", "netlify-form-off-netlify", Severity.ERROR,
      "The contact form is a Netlify form, but the hub is not published on Netlify.", """
Only Netlify receives Netlify forms. Any other host (GitHub Pages, a web
server) answers the form's POST with an error page, and the backer's message
is lost. Left out, `contact.form` follows `project.host`: a Netlify form on
Netlify, the backer's email program (mailto) everywhere else.

Bad:
    project:
      host: github-pages
    contact:
      form: netlify
Good:
    project:
      host: github-pages
    contact:
      form: mailto
""")
def netlify_form_off_netlify(context: LintContext):
    hub = context.hub
    if hub.contact.form == "netlify" and hub.project.host != "netlify":
        yield Finding(hub.contact.marks.at("form"),
                      f"'form: netlify' sends backers' messages to Netlify, but project.host is "
                      f"'{hub.project.host}': there the form's POST gets an error page and the message is lost",
                      f"write 'form: {form_on(hub.project.host)}' (the backer's email program) or leave "
                      "'form:' out; or, if the hub is published on Netlify, write 'host: netlify' under 'project:'")


@rule("HUB112", "contact-response-time-missing", Severity.WARNING,
      "contact.response_time is missing.", """
Backers who know when to expect an answer do not write twice. The contact
page shows this next to the address.

Bad:
    contact:
      email: help@example.com
Good:
    contact:
      email: help@example.com
      response_time: within 2 business days
""")
def contact_response_time_missing(context: LintContext):
    contact = context.hub.contact
    if not contact.response_time and "response_time" not in contact.marks.invalid:
        yield Finding(contact.where, "the contact details do not say how soon backers get an answer",
                      "add for example 'response_time: within 2 business days' under 'contact:'")
