"""Turn structure of a call: who speaks when, and which utterances answer which.

A turn is a run of consecutive utterances by one speaker (ASR often splits one turn into several
utterances). Detectors use these to count client turns and to find the reply to an utterance.
"""

from __future__ import annotations

from analyzer.types import Transcript


def turn_number(transcript: Transcript, index: int) -> int:
    """1-based number of the turn holding utterance ``index`` among its speaker's turns."""
    speaker = transcript.utterances[index].speaker
    count, previous = 0, None
    for u in transcript.utterances[: index + 1]:
        if u.speaker == speaker and previous != speaker:
            count += 1
        previous = u.speaker
    return count


def reply_turn(transcript: Transcript, index: int, speaker: str, *, within: int = 3) -> list[int]:
    """Indices of ``speaker``'s first turn after utterance ``index``.

    Only looks ``within`` utterances ahead for the turn to start (a reply that comes much later is no
    reply); the turn then runs until someone else speaks.
    """
    utts = transcript.utterances
    start = next((i for i in range(index + 1, min(len(utts), index + 1 + within)) if utts[i].speaker == speaker), None)
    if start is None:
        return []
    end = start
    while end + 1 < len(utts) and utts[end + 1].speaker == speaker:
        end += 1
    return list(range(start, end + 1))


def following_turns(transcript: Transcript, index: int, speaker: str, *, turns: int = 2) -> list[int]:
    """Indices of ``speaker``'s next ``turns`` turns after utterance ``index`` (stops at the call's end)."""
    out, seen, previous = [], 0, transcript.utterances[index].speaker
    for i in range(index + 1, len(transcript.utterances)):
        who = transcript.utterances[i].speaker
        if who == speaker and previous != speaker:
            seen += 1
            if seen > turns:
                break
        if who == speaker and seen:
            out.append(i)
        previous = who
    return out
