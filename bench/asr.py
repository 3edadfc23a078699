"""ASR speed and accuracy on the sample calls: faster-whisper beam 1 / 5, openai-whisper on the same weights.

Prints, per configuration, audio seconds, wall seconds, real-time factor, peak RSS and WER (per language),
then the time to transcribe a 5-minute stereo call (sample calls concatenated) with the default settings.
Each configuration runs in its own process so peak RSS is its own.

    .venv/bin/python bench/asr.py                 # everything (openai-whisper on 2 calls: it is ~5x slower)
    .venv/bin/python bench/asr.py --only 5min     # just the 5-minute stereo timing
    .venv/bin/python bench/asr.py --calls ru_good_call en_good_call --openai-calls 1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "sample_calls"
CONFIGS = {
    "faster-whisper beam 1": {"asr_beam_size": 1},
    "faster-whisper beam 5": {"asr_beam_size": 5},
    "openai-whisper beam 1": {"asr_engine": "openai-whisper", "asr_beam_size": 1},
}
FIVE_MIN_S = 300.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds used so far: on a shared machine, CPU time / cores estimates the wall time on an idle one."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker(config: dict, calls: list[str]) -> dict:
    """Runs in a child process: loads the engine, transcribes the calls, reports numbers as JSON."""
    from analyzer.contract import load_transcript
    from analyzer.settings import Settings
    from asr import transcribe
    from asr.engines import get_engine
    from asr.evaluate import word_error_rate

    settings = Settings(**config)
    started = time.perf_counter()
    get_engine(settings)
    load_s = time.perf_counter() - started
    rows = []
    for name in calls:
        audio = next(p for p in SAMPLES.glob(f"{name}.*") if p.suffix in (".ogg", ".flac", ".wav"))
        started = time.perf_counter()
        hyp = transcribe(audio, settings=settings)
        wall = time.perf_counter() - started
        ref_path = SAMPLES / f"{name}.transcript.json"
        ref = load_transcript(ref_path) if ref_path.exists() else None
        rows.append({"call": name, "language": hyp.language, "audio_s": hyp.duration_s, "wall_s": wall,
                     "wer": word_error_rate(ref, hyp) if ref else None,
                     "words": sum(len(u.text.split()) for u in ref.utterances) if ref else 0})
    return {"load_s": load_s, "rows": rows, "peak_rss_mb": _peak_rss_mb()}


def five_minute_call(out: Path) -> Path:
    """Stereo sample calls back to back, cut at 5 minutes, as 16 kHz WAV."""
    import numpy as np

    from asr.audio import load_audio

    parts, total = [], 0.0
    for path in sorted(SAMPLES.glob("ru_*.ogg")):
        audio = load_audio(path, max_audio_s=3600)
        if audio.channels == 2:
            parts.append(audio.samples)
            total += audio.duration_s
        if total >= FIVE_MIN_S:
            break
    samples = np.concatenate(parts, axis=1)[:, : int(FIVE_MIN_S * 16000)]
    with wave.open(str(out), "wb") as w:
        w.setnchannels(2), w.setsampwidth(2), w.setframerate(16000)
        w.writeframes((np.clip(samples.T, -1, 1) * 32767).astype("<i2").tobytes())
    return out


def five_minute_worker(path: str) -> dict:
    from analyzer.settings import Settings
    from asr import transcribe
    from asr.engines import get_engine

    settings = Settings()
    started = time.perf_counter()
    get_engine(settings)
    load_s = time.perf_counter() - started
    runs, cpu = [], []
    for _ in range(2):  # the first run also pays one-off costs (VAD session, allocator warm-up)
        started, cpu_started = time.perf_counter(), _cpu_s()
        t = transcribe(path, settings=settings)
        runs.append(time.perf_counter() - started)
        cpu.append(_cpu_s() - cpu_started)
    return {"load_s": load_s, "runs_s": runs, "cpu_s": cpu, "utterances": len(t.utterances),
            "peak_rss_mb": _peak_rss_mb()}


def _child(kind: str, payload: object) -> dict:
    cmd = [sys.executable, __file__, "--worker", json.dumps({"kind": kind, "payload": payload})]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _table(name: str, result: dict) -> None:
    rows = result["rows"]
    audio = sum(r["audio_s"] for r in rows)
    wall = sum(r["wall_s"] for r in rows)
    wer = {}
    for lang in sorted({r["language"] for r in rows}):
        mine = [r for r in rows if r["language"] == lang and r["wer"] is not None]
        words = sum(r["words"] for r in mine)
        wer[lang] = sum(r["wer"] * r["words"] for r in mine) / words if words else float("nan")
    wer_text = "  ".join(f"WER {k} {v:.3f}" for k, v in wer.items())
    print(f"{name:24s} calls {len(rows):2d}  audio {audio:7.1f} s  wall {wall:6.1f} s  RTF {wall / audio:.3f}  "
          f"load {result['load_s']:.1f} s  peak RSS {result['peak_rss_mb']:.0f} MB  {wer_text}")
    for r in rows:
        print(f"    {r['call']:26s} {r['language']}  {r['audio_s']:6.1f} s  wall {r['wall_s']:5.1f} s  "
              f"RTF {r['wall_s'] / r['audio_s']:.3f}  WER {r['wer']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", nargs="*", help="sample call names (default: all)")
    parser.add_argument("--openai-calls", type=int, default=2, help="how many calls openai-whisper runs on")
    parser.add_argument("--only", choices=["samples", "5min"], help="run one part only")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        job = json.loads(args.worker)
        result = (five_minute_worker(job["payload"]) if job["kind"] == "5min"
                  else worker(job["payload"]["config"], job["payload"]["calls"]))
        print(json.dumps(result))
        return 0
    calls = args.calls or sorted(p.name.removesuffix(".transcript.json") for p in SAMPLES.glob("*.transcript.json"))
    print(f"cores {os.cpu_count()}, OMP_NUM_THREADS {os.environ['OMP_NUM_THREADS']}, "
          f"load average {os.getloadavg()[0]:.1f} (other processes slow every number down)")
    if args.only != "5min":
        stereo_first = sorted(calls, key=lambda c: (not (SAMPLES / f"{c}.gold.yaml").read_text().count("stereo"), c))
        for name, config in CONFIGS.items():
            subset = stereo_first[: args.openai_calls] if config.get("asr_engine") == "openai-whisper" else calls
            _table(name, _child("samples", {"config": config, "calls": subset}))
    if args.only != "samples":
        with tempfile.TemporaryDirectory() as tmp:
            path = five_minute_call(Path(tmp) / "five_minutes.wav")
            r = _child("5min", str(path))
        cores = os.cpu_count() or 1
        print(f"5-minute stereo call, default settings: model load {r['load_s']:.1f} s, transcription "
              f"{r['runs_s'][0]:.1f} s (first) / {r['runs_s'][1]:.1f} s (second), target <= 15 s; CPU time "
              f"{r['cpu_s'][1]:.1f} s = {r['cpu_s'][1] / cores:.1f} s on {cores} idle cores; "
              f"peak RSS {r['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
