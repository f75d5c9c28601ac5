"""Decisions, signings, proposals and agenda items about the Charter and action plans.

A sentence is a decision when it has an action verb (sign, adopt, decide, support) in a
past form, or in any form inside a decision formula ("föreslår … besluta:", "RESOLVED:",
"beantragen wir:"), about something the extractor knows: the Charter, an action plan or a
follow-up report. Statements about many signatories at once ("111 kommuner har…"), generic
duties ("each signatory shall…") and CEMR's own adoption of the Charter are left out.
Concrete decisions are merged so that each is reported once.

- ``sentences``: sentences with their offsets, decision formulas;
- ``cues``: action verbs, the Charter named, counts and generic duties;
- ``type_and_status``: what a decision is about and how far it got;
- ``bodies``: the organisation, its deciding body, the office holder who signs;
- ``fields``: case number, paragraph, date, page, evidence;
- ``extract``: the decisions of a whole text; ``merge``: one per concrete decision.
"""

from .extract import Context, extract_decisions

__all__ = ["Context", "extract_decisions"]
