"""Lexicons: per-language data files of patterns, loaded once, validated strictly."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analyzer.datafile import load_yaml_model
from analyzer.errors import LexiconError
from nlp.language import ProcessedUtterance
from nlp.lexicon.matcher import CompiledGroup, Match
from nlp.lexicon.schema import Group, LexiconFile

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = ["DATA_DIR", "Lexicon", "Match", "load_lexicon", "lexicon_files"]


class Lexicon:
    """All lexicon files of one language, by file name (``bant_questions`` for ``bant_questions.yaml``)."""

    def __init__(self, language: str, files: dict[str, LexiconFile]) -> None:
        self.language = language
        self.files = files
        self._compiled = {name: tuple(CompiledGroup(g) for g in f.groups) for name, f in files.items()}
        self._by_id = {g.group.id: g for groups in self._compiled.values() for g in groups}

    def groups(self, file: str) -> tuple[Group, ...]:
        return tuple(g.group for g in self._file(file))

    def find(self, utt: ProcessedUtterance, file: str) -> list[Match]:
        """Matches of every group of ``file`` in the utterance, in text order."""
        return sorted((m for g in self._file(file) for m in g.find(utt)), key=lambda m: (m.start, -m.end))

    def find_group(self, utt: ProcessedUtterance, group_id: str) -> list[Match]:
        try:
            return self._by_id[group_id].find(utt)
        except KeyError as e:
            raise LexiconError(f"{self.language}: no lexicon group {group_id!r}") from e

    def _file(self, file: str) -> tuple[CompiledGroup, ...]:
        try:
            return self._compiled[file]
        except KeyError as e:
            raise LexiconError(f"{self.language}: no lexicon file {file!r} in {DATA_DIR / self.language}") from e


def lexicon_files(language: str, data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted((data_dir / language).glob("*.yaml"))


@lru_cache(maxsize=None)
def load_lexicon(language: str, data_dir: Path = DATA_DIR) -> Lexicon:
    """Loads and validates every lexicon file of a language (once per process)."""
    files = {}
    for path in lexicon_files(language, data_dir):
        parsed = load_yaml_model(path, LexiconFile, error=LexiconError)
        if parsed.language != language:
            raise LexiconError(f"{path}:1 language: file says {parsed.language!r} but lives in {language}/")
        files[path.stem] = parsed
    return Lexicon(language, files)
