"""The schema of lexicon files: ``nlp/data/<lang>/<name>.yaml``.

A file holds groups; a group is one intent or word class (e.g. "budget question") with the
patterns that find it, optional ``exclude`` patterns that veto a match in the same utterance,
and must-match / must-not-match examples that the tests run (and that the semantic layer
uses as few-shot intent examples).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from analyzer.datafile import Regex, StrictModel


class Pattern(StrictModel):
    """One way to find a group: a lemma sequence or a regular expression (exactly one).

    ``lemmas`` elements each match one token: ``"бюджет|смета"`` alternatives, ``"*"`` any token,
    ``"вложи*"`` a prefix; a token matches by its lemma or its lower-cased text. Up to ``max_gap``
    other tokens may stand between consecutive elements. ``regex`` runs on the lower-cased text
    ("ё" folded to "е").
    """

    lemmas: list[str] | None = Field(default=None, min_length=1)
    regex: Regex | None = None
    max_gap: int = Field(default=3, ge=0, le=10)

    @model_validator(mode="after")
    def _exactly_one(self) -> "Pattern":
        if (self.lemmas is None) == (self.regex is None):
            raise ValueError("a pattern has exactly one of 'lemmas' or 'regex'")
        return self


class Examples(StrictModel):
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)


class Intents(StrictModel):
    """Few-shot examples for the semantic layer only: the rules need not match them.

    ``match``: paraphrases of the group; ``no_match``: texts near the file's intents that are none of
    its groups (scheduling, small talk, other questions). Both feed ``nlp/semantic``.
    """

    match: list[str] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


class Group(StrictModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    label: str | None = None  # what the detector reads: a topic, a kind, a product id ...
    score: float = Field(default=0.9, gt=0.0, le=1.0)
    patterns: list[Pattern] = Field(min_length=1)
    exclude: list[Pattern] = Field(default_factory=list)
    examples: Examples
    intents: Intents = Field(default_factory=Intents)


class LexiconFile(StrictModel):
    language: Literal["ru", "en"]
    description: str = ""
    groups: list[Group] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "LexiconFile":
        seen: set[str] = set()
        for g in self.groups:
            if g.id in seen:
                raise ValueError(f"duplicate group id {g.id!r}")
            seen.add(g.id)
        return self
