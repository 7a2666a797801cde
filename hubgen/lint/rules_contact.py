"""HUB11x: contact details, so a backer who still needs help can write."""

from __future__ import annotations

import re

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule

EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[A-Za-z]{2,}$")


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
      "An email address in contact is not a valid address.", """
A mistyped address makes every "write to us" link fail silently for the
backer. Checked for `contact.email` and for routing entries whose contact is
an email address.

Bad:
    email: help@example
    email: help at example.com
Good:
    email: help@example.com
""")
def contact_email_invalid(context: LintContext):
    contact = context.hub.contact
    if contact.email and not EMAIL.match(contact.email):
        yield Finding(contact.marks.at("email"), f"'{contact.email}' is not an email address",
                      "write it as name@example.com")
    for route in contact.routing:
        if route.contact == contact.email:
            continue  # the creator's own address, reported above
        address = route.contact.removeprefix("mailto:")
        if "@" in address and "://" not in address and not EMAIL.match(address):
            yield Finding(route.marks.at("contact"), f"'{route.contact}' for '{route.topic}' is not an email address",
                          "write it as name@example.com, or give a URL")


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
