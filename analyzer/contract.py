"""The public JSON shapes of ``../shared/CONTRACTS.md``: domain types to and from plain dicts.

This is the only place that knows the wire format, so the CLI, the API and the evaluation
tools all speak exactly the same JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping

from analyzer.errors import TranscriptError
from analyzer.types import (
    SPEAKERS,
    AsrInfo,
    CallAnalysis,
    Detection,
    Evidence,
    ItemResult,
    LeadRecord,
    Metrics,
    RubricResult,
    Transcript,
    Utterance,
    Word,
)

_ROUND = 3


# --------------------------------------------------------------------------- output
def evidence_to_dict(ev: Evidence | None) -> dict[str, Any] | None:
    if ev is None:
        return None
    return {
        "utterance": ev.utterance,
        "speaker": ev.speaker,
        "start_s": round(ev.start_s, _ROUND),
        "end_s": round(ev.end_s, _ROUND),
        "char_start": ev.char_start,
        "char_end": ev.char_end,
        "quote": ev.quote,
    }


def _plain(value: Any) -> Any:
    """Turns attribute values (Evidence, dates, nested dataclasses, tuples) into JSON-able data."""
    if isinstance(value, Evidence):
        return evidence_to_dict(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def transcript_to_dict(t: Transcript) -> dict[str, Any]:
    out: dict[str, Any] = {
        "call_id": t.call_id,
        "language": t.language,
        "started_at": t.started_at.isoformat() if t.started_at else None,
        "duration_s": round(t.end_s, _ROUND),
        "utterances": [],
    }
    for u in t.utterances:
        item: dict[str, Any] = {
            "speaker": u.speaker,
            "start_s": round(u.start_s, _ROUND),
            "end_s": round(u.end_s, _ROUND),
            "text": u.text,
        }
        if u.channel is not None:
            item["channel"] = u.channel
        if u.language:
            item["language"] = u.language
        if u.words:
            item["words"] = [
                {"text": w.text, "start_s": round(w.start_s, _ROUND), "end_s": round(w.end_s, _ROUND),
                 "probability": None if w.probability is None else round(w.probability, _ROUND)}
                for w in u.words
            ]
        out["utterances"].append(item)
    if t.asr is not None:
        out["asr"] = {"engine": t.asr.engine, "model": t.asr.model, "options": _plain(t.asr.options)}
    if t.roles_confidence is not None:
        out["roles_confidence"] = round(t.roles_confidence, _ROUND)
    return out


def detection_to_dict(d: Detection) -> dict[str, Any]:
    out: dict[str, Any] = {"type": d.type}
    if "topic" in d.attributes:
        out["topic"] = d.attributes["topic"]
    out.update({
        "speaker": d.speaker,
        "utterance": d.evidence.utterance,
        "start_s": round(d.evidence.start_s, _ROUND),
        "end_s": round(d.evidence.end_s, _ROUND),
        "char_start": d.evidence.char_start,
        "char_end": d.evidence.char_end,
        "quote": d.evidence.quote,
    })
    for key, value in d.attributes.items():
        if key != "topic":
            out[key] = _plain(value)
    out["score"] = round(d.score, _ROUND)
    out["detector"] = d.detector
    return out


def metrics_to_dict(m: Metrics) -> dict[str, Any]:
    return _plain(m)


def item_to_dict(i: ItemResult) -> dict[str, Any]:
    out = {
        "id": i.id, "title": i.title, "status": i.status, "points": i.points, "max_points": i.max_points,
        "evidence": [evidence_to_dict(e) for e in i.evidence], "message": i.message, "tip": i.tip,
    }
    if i.error:
        out["error"] = i.error
    return out


def grade_to_dict(g: RubricResult | None) -> dict[str, Any] | None:
    if g is None:
        return None
    return {
        "rubric": g.rubric, "rubric_version": g.rubric_version, "language": g.language,
        "score": round(g.score, 1), "max_score": g.max_score,
        "items": [item_to_dict(i) for i in g.items],
    }


def lead_to_dict(lead: LeadRecord | None) -> dict[str, Any] | None:
    if lead is None:
        return None
    out = _plain(lead)
    out["contradictions"] = [detection_to_dict(d) for d in lead.contradictions]
    return out


def analysis_to_dict(a: CallAnalysis) -> dict[str, Any]:
    """The CONTRACTS.md call analysis JSON."""
    return {
        "call_id": a.call_id,
        "transcript": transcript_to_dict(a.transcript),
        "metrics": metrics_to_dict(a.metrics),
        "detections": [detection_to_dict(d) for d in a.detections],
        "grade": grade_to_dict(a.grade),
        "lead": lead_to_dict(a.lead),
        "versions": dict(a.versions),
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- input
def _num(raw: Mapping[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TranscriptError(f"{where}.{key}: expected a number, got {value!r}")
    return float(value)


def _parse_started_at(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as e:
        raise TranscriptError(f"started_at: not an ISO 8601 date-time: {value!r}") from e


def transcript_from_dict(raw: Any) -> Transcript:
    """Parses a CONTRACTS.md transcript, with a located error for anything off-contract."""
    if not isinstance(raw, Mapping):
        raise TranscriptError("transcript: expected a JSON object")
    utts_raw = raw.get("utterances")
    if not isinstance(utts_raw, list):
        raise TranscriptError("utterances: expected a list")
    utterances = []
    for i, u in enumerate(utts_raw):
        where = f"utterances[{i}]"
        if not isinstance(u, Mapping):
            raise TranscriptError(f"{where}: expected an object")
        speaker = str(u.get("speaker", "unknown")).lower()
        if speaker not in SPEAKERS:
            raise TranscriptError(f"{where}.speaker: must be one of {', '.join(SPEAKERS)}, got {speaker!r}")
        text = u.get("text")
        if not isinstance(text, str):
            raise TranscriptError(f"{where}.text: expected a string")
        start, end = _num(u, "start_s", where), _num(u, "end_s", where)
        if end < start:
            raise TranscriptError(f"{where}: end_s {end} is before start_s {start}")
        words = tuple(
            Word(str(w.get("text", "")), _num(w, "start_s", f"{where}.words[{j}]"),
                 _num(w, "end_s", f"{where}.words[{j}]"), w.get("probability"))
            for j, w in enumerate(u.get("words") or [])
        )
        channel = u.get("channel")
        utterances.append(Utterance(speaker, start, end, text, int(channel) if channel is not None else None,
                                    words, u.get("language")))
    for i in range(1, len(utterances)):
        if utterances[i].start_s < utterances[i - 1].start_s:
            raise TranscriptError(f"utterances[{i}]: utterances must be in time order of start_s")
    asr_raw = raw.get("asr")
    asr = AsrInfo(str(asr_raw.get("engine", "")), str(asr_raw.get("model", "")), dict(asr_raw.get("options") or {})) \
        if isinstance(asr_raw, Mapping) else None
    language = str(raw.get("language") or "auto")
    duration = raw.get("duration_s")
    return Transcript(
        utterances=tuple(utterances),
        language=language,
        call_id=raw.get("call_id"),
        started_at=_parse_started_at(raw.get("started_at")),
        duration_s=float(duration) if isinstance(duration, (int, float)) else None,
        asr=asr,
        roles_confidence=raw.get("roles_confidence"),
    )


_PREFIX = re.compile(r"^\s*(manager|client|менеджер|клиент)\s*[:：]\s*(.*)$", re.IGNORECASE)
_ROLE = {"manager": "manager", "менеджер": "manager", "client": "client", "клиент": "client"}
_WORDS_PER_S = 2.5  # conversational speech, for synthesised times
_TURN_GAP_S = 0.4


def transcript_from_text(text: str, *, language: str = "auto", call_id: str | None = None,
                         started_at: datetime | None = None) -> Transcript:
    """Parses a plain-text transcript: one ``Manager:``/``Клиент:``-prefixed utterance per line.

    Lines without a prefix continue the previous utterance. Times are synthesised from word counts.
    """
    turns: list[tuple[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _PREFIX.match(line)
        if m:
            turns.append((_ROLE[m.group(1).lower()], m.group(2).strip()))
        elif turns:
            turns[-1] = (turns[-1][0], f"{turns[-1][1]} {line.strip()}")
        else:
            raise TranscriptError(
                f"line {lineno}: expected a 'Manager:'/'Client:' (or 'Менеджер:'/'Клиент:') prefix",
                details={"line": lineno},
            )
    if not turns:
        raise TranscriptError("transcript is empty: no 'Manager:'/'Client:' lines")
    utterances, t = [], 0.0
    for speaker, body in turns:
        duration = max(0.6, len(body.split()) / _WORDS_PER_S)
        utterances.append(Utterance(speaker, round(t, 3), round(t + duration, 3), body))  # type: ignore[arg-type]
        t += duration + _TURN_GAP_S
    if language == "auto":
        language = guess_language(" ".join(b for _, b in turns))
    return Transcript(tuple(utterances), language, call_id=call_id, started_at=started_at, duration_s=round(t, 3))


def guess_language(text: str) -> str:
    """``ru`` when Cyrillic letters dominate, else ``en`` (enough for ru/en calls)."""
    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    return "ru" if cyr >= lat else "en"


def load_transcript(path: str | Path) -> Transcript:
    """Reads a transcript file: CONTRACTS.md JSON (``.json``) or plain text with role prefixes."""
    p = Path(path)
    try:
        body = p.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise TranscriptError(f"{p}: no such file") from e
    except UnicodeDecodeError as e:
        raise TranscriptError(f"{p}: not UTF-8 text") from e
    return parse_transcript(body, name=str(p))


def parse_transcript(body: str, *, name: str = "transcript") -> Transcript:
    """Parses transcript text: JSON when it looks like JSON, else the plain-text format."""
    stripped = body.lstrip()
    if stripped.startswith("{"):
        try:
            raw = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise TranscriptError(f"{name}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}") from e
        try:
            t = transcript_from_dict(raw)
        except TranscriptError as e:
            raise TranscriptError(f"{name}: {e.message}", details=e.details) from e
        if t.language == "auto":
            t = _with_language(t, guess_language(" ".join(u.text for u in t.utterances)))
        return t
    return transcript_from_text(body)


def _with_language(t: Transcript, language: str) -> Transcript:
    return replace(t, language=language)


# --------------------------------------------------------------------------- stored results back to types
_DETECTION_KEYS = {"type", "speaker", "utterance", "start_s", "end_s", "char_start", "char_end", "quote", "score",
                   "detector"}


def evidence_from_dict(raw: Mapping[str, Any] | None) -> Evidence | None:
    """The inverse of ``evidence_to_dict``."""
    if raw is None:
        return None
    return Evidence(int(raw["utterance"]), raw.get("speaker", "unknown"), float(raw["start_s"]), float(raw["end_s"]),
                    int(raw.get("char_start", 0)), int(raw.get("char_end", len(raw["quote"]))), raw["quote"])


def _is_evidence(value: Any) -> bool:
    return isinstance(value, Mapping) and {"utterance", "start_s", "end_s", "quote"} <= value.keys()


def detection_from_dict(raw: Mapping[str, Any]) -> Detection:
    """The inverse of ``detection_to_dict``: nested evidence objects become ``Evidence`` again."""
    attributes = {k: evidence_from_dict(v) if _is_evidence(v) else v
                  for k, v in raw.items() if k not in _DETECTION_KEYS}
    evidence = evidence_from_dict(raw)
    assert evidence is not None
    return Detection(raw["type"], raw["speaker"], evidence, raw["detector"], float(raw.get("score", 1.0)), attributes)


def _typed(hint: Any, value: Any) -> Any:
    """Rebuilds one value of a lead dataclass field from its plain JSON form, following the type hint."""
    import types
    import typing

    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _typed(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        return tuple(_typed(args[0], v) for v in value)
    if hint is Evidence:
        return evidence_from_dict(value)
    if hint is Detection:
        return detection_from_dict(value)
    if hint is date:
        return date.fromisoformat(value)
    if is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return hint(**{f.name: _typed(hints[f.name], value.get(f.name)) for f in fields(hint)
                       if f.name in value})
    return value


def lead_from_dict(raw: Mapping[str, Any]) -> LeadRecord:
    """The inverse of ``lead_to_dict``, so a stored merged lead can be merged with the next call."""
    return _typed(LeadRecord, raw)


def analysis_from_dict(raw: Mapping[str, Any]) -> CallAnalysis:
    """The inverse of ``analysis_to_dict``, so stored analyses can be merged again (e.g. in call order)."""
    return CallAnalysis(
        transcript_from_dict(raw["transcript"]), _typed(Metrics, raw["metrics"]),
        tuple(detection_from_dict(d) for d in raw.get("detections") or []), _typed(RubricResult, raw.get("grade")),
        lead_from_dict(raw["lead"]) if raw.get("lead") else None, dict(raw.get("versions") or {}), raw.get("call_id"),
    )
