"""The closed vocabularies of a coding (CONTRACT and house terms), named once for the schema and the readers."""

from __future__ import annotations

# How precisely a date is known (CONTRACT).
PRECISIONS = ("day", "month", "year", "period")
# A stance on negotiation (CONTRACT), in display order.
STANCES = ("supports", "conditional", "ambivalent", "opposes")
# Whose view a stance, aim or claim is: the author's own, one the author reports, or one the author
# reports and then criticises or rejects (a finding must never present the last two as the author's).
VIEWS = ("author", "reported", "reported_criticised")
# What an author's claim does in the argument: frames the problem, assesses a policy or recommends one.
CLAIM_KINDS = ("framing", "assessment", "recommendation")
# What a document says an armed group seeks.
AIM_KINDS = ("goal", "condition", "strategy", "general")
# The category of a coded list item (CONTRACT).
CATEGORIES = (
    "political",
    "military_security",
    "religious_ideological",
    "international",
    "organisational",
    "socio_economic",
    "legal_judicial",
)
# What a coded list is in the argument: the synthesis compares instruments, challenges and conditions.
ROLES = (
    "instrument",
    "argument",
    "position",
    "goal",
    "challenge",
    "condition",
    "cause",
    "outcome",
    "threat",
    "structure",
    "detail",
)
# Roles whose items are parts of something else (a plan, a membership, a sub-list), left out of category counts.
SUMMARY_EXCLUDED_ROLES = ("structure", "detail")
# Whether an analyst has checked an item (`reviewed`) or it is a machine's draft (`automatic`).
STATUSES = ("reviewed", "automatic")
# Who coded an item (an analyst, a machine, or the second, independent reader whose items entered the
# coding through adjudication): exported as the `coded_by` column of every coded dataset.
CODERS = ("analyst", "automatic", "second_reader")
# What a draft list is before an analyst gives it a role; automatic lists are never counted by role.
DRAFT_ROLE = "draft"
