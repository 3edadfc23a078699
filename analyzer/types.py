"""Domain types passed between callgrade's stages.

Every stage is a function from one of these immutable values to another:
``Transcript -> Detection``s ``-> RubricResult -> LeadRecord -> CallAnalysis``.
Library objects (faster-whisper segments, spaCy docs, ORM rows) never leave the
package that created them; only these types cross package boundaries.

Times are seconds from the start of the recording (``*_s``); character offsets
index into ``Utterance.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Mapping

Speaker = Literal["manager", "client", "unknown"]
SPEAKERS: tuple[Speaker, ...] = ("manager", "client", "unknown")

ItemStatus = Literal["pass", "fail", "na", "error"]
Temperature = Literal["cold", "warm", "hot"]
Category = Literal["strategic", "perspective", "operational", "problem"]
LeadStatus = Literal["unqualified", "mql", "sql", "disqualified"]


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its timing and the recogniser's confidence."""

    text: str
    start_s: float
    end_s: float
    probability: float | None = None


@dataclass(frozen=True, slots=True)
class Utterance:
    """A stretch of speech by one speaker."""

    speaker: Speaker
    start_s: float
    end_s: float
    text: str
    channel: int | None = None
    words: tuple[Word, ...] = ()
    language: str | None = None  # set when it differs from the call's language


@dataclass(frozen=True, slots=True)
class AsrInfo:
    """How a transcript was made, so every result can say where it came from."""

    engine: str
    model: str
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Transcript:
    """A call's speech, speaker-labelled and in time order."""

    utterances: tuple[Utterance, ...]
    language: str
    call_id: str | None = None
    started_at: datetime | None = None
    duration_s: float | None = None
    asr: AsrInfo | None = None
    # How sure the role assignment is (1.0 for stereo channels, lower for diarized mono).
    roles_confidence: float | None = None

    @property
    def end_s(self) -> float:
        """The call's length: the stated duration, else the last utterance's end."""
        if self.duration_s is not None:
            return self.duration_s
        return max((u.end_s for u in self.utterances), default=0.0)

    @property
    def call_date(self) -> date | None:
        return self.started_at.date() if self.started_at else None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quote that points back into the transcript.

    ``quote == transcript.utterances[utterance].text[char_start:char_end]`` always holds.
    """

    utterance: int
    speaker: Speaker
    start_s: float
    end_s: float
    char_start: int
    char_end: int
    quote: str

    @classmethod
    def of(cls, transcript: Transcript, index: int, char_start: int = 0, char_end: int | None = None) -> Evidence:
        """Evidence for ``utterances[index].text[char_start:char_end]`` (the whole utterance by default).

        Times are narrowed to the quoted words when word timings are known.
        """
        utt = transcript.utterances[index]
        end = len(utt.text) if char_end is None else char_end
        if not 0 <= char_start <= end <= len(utt.text):
            raise ValueError(f"span {char_start}:{end} outside utterance {index} of length {len(utt.text)}")
        start_s, end_s = _span_times(utt, char_start, end)
        return cls(index, utt.speaker, start_s, end_s, char_start, end, utt.text[char_start:end])


def _span_times(utt: Utterance, char_start: int, char_end: int) -> tuple[float, float]:
    """Start/end seconds of a character span, from word timings when they line up with the text."""
    if not utt.words or (char_start == 0 and char_end == len(utt.text)):
        return utt.start_s, utt.end_s
    pos, starts, ends = 0, [], []
    for word in utt.words:
        token = word.text.strip()
        found = utt.text.find(token, pos) if token else -1
        if found < 0:
            return utt.start_s, utt.end_s
        pos = found + len(token)
        if found < char_end and pos > char_start:
            starts.append(word.start_s)
            ends.append(word.end_s)
    if not starts:
        return utt.start_s, utt.end_s
    return min(starts), max(ends)


@dataclass(frozen=True, slots=True)
class Detection:
    """Something a detector found in a call, with the evidence for it.

    ``attributes`` holds the type-specific fields of CONTRACTS.md (``topic``, ``value``,
    ``manager_response``, ...); values are plain JSON-able data or ``Evidence``.
    """

    type: str
    speaker: Speaker
    evidence: Evidence
    detector: str
    score: float = 1.0
    attributes: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.attributes.get(key, default)


@dataclass(frozen=True, slots=True)
class Metrics:
    """Conversation statistics per speaker role."""

    talk_ratio: Mapping[str, float]
    longest_monologue_s: Mapping[str, float]
    questions: Mapping[str, int]
    interruptions: Mapping[str, int]
    silence_share: float
    longest_silence_s: float
    words_per_minute: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One rubric item's verdict, backed by evidence."""

    id: str
    status: ItemStatus
    points: float
    max_points: float
    evidence: tuple[Evidence, ...] = ()
    message: str = ""
    tip: str = ""
    title: str = ""
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RubricResult:
    """The manager's grade against one rubric version."""

    rubric: str
    rubric_version: int
    score: float
    max_score: float
    items: tuple[ItemResult, ...]
    language: str = "ru"

    def item(self, item_id: str) -> ItemResult | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None = None
    company: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Budget:
    """Money the client can spend; ``amount`` for one figure, ``min``/``max`` for a range."""

    amount: float | None
    currency: str | None
    period: Literal["month", "year", "one_off"] | None
    evidence: Evidence | None = None
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True, slots=True)
class Authority:
    decision_maker: Literal["self", "other", "joint"]
    role: str | None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Need:
    summary: str
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    """When the client wants to act; ``date`` is the last day of the period named."""

    date: date | None
    text: str
    evidence: Evidence | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class NextStep:
    date: date | None
    topic: str | None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Signal:
    """A reason to disqualify the lead."""

    code: str
    evidence: Evidence | None = None
    call_id: str | None = None  # the call the evidence points into, once leads span several calls


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An earlier value of a lead field, kept when a later call changed it."""

    field: str
    value: Any
    call_id: str | None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class LeadRecord:
    """Qualification data for a lead, from one call or merged across calls. Unknown facts are ``None``."""

    contact: Contact = Contact()
    budget: Budget | None = None
    authority: Authority | None = None
    need: Need | None = None
    timeline: Timeline | None = None
    next_step: NextStep | None = None
    products_of_interest: tuple[str, ...] = ()
    cross_sell_offered: tuple[str, ...] = ()
    temperature: Temperature | None = None
    category: Category | None = None
    status: LeadStatus = "unqualified"
    disqualification_signals: tuple[Signal, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    contradictions: tuple[Detection, ...] = ()
    call_ids: tuple[str, ...] = ()
    # Which call each current fact (budget, authority, need, timeline, next_step, contact) was stated in.
    fact_calls: Mapping[str, str] = field(default_factory=dict)
    # In how many of the lead's calls each buying cue was heard ("warm.need_stated": 2, "postponed": 3).
    cue_calls: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CallAnalysis:
    """Everything callgrade knows about one call."""

    transcript: Transcript
    metrics: Metrics
    detections: tuple[Detection, ...]
    grade: RubricResult | None
    lead: LeadRecord | None
    versions: Mapping[str, str]
    call_id: str | None = None
