"""Product catalogues for cross-sell: a generic default plus an optional per-company file.

A catalogue lists products with the patterns that name them per language and, optionally, the
client needs each one serves (so an offer tied to a stated need counts as justified). The company
file (``settings.catalogue``) adds products and replaces default products with the same id.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from analyzer.datafile import StrictModel, load_yaml_model
from analyzer.errors import DataFileError
from analyzer.settings import Settings
from nlp.language import ProcessedUtterance
from nlp.lexicon import DATA_DIR
from nlp.lexicon.matcher import CompiledPattern
from nlp.lexicon.schema import Pattern

DEFAULT_CATALOGUE = DATA_DIR / "catalogue" / "default.yaml"
# Recognised speech mishears product names ("враховку" for "страховку"): in ASR text a long word this
# close to a one-word product name names it.
FUZZY_MIN_LETTERS = 6
FUZZY_MIN_RATIO = 0.8
Language = Literal["ru", "en"]


class Product(StrictModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_.-]*$")
    names: dict[Language, str] = Field(min_length=1)  # display names
    patterns: dict[Language, list[Pattern]] = Field(min_length=1)
    needs: dict[Language, list[Pattern]] = Field(default_factory=dict)


class CatalogueFile(StrictModel):
    description: str = ""
    products: list[Product] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "CatalogueFile":
        ids = [p.id for p in self.products]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate product ids: {', '.join(duplicates)}")
        return self


class Catalogue:
    """Products ready to match against processed utterances."""

    def __init__(self, products: list[Product]) -> None:
        self.products = {p.id: p for p in products}
        self._names = {p.id: {lg: [CompiledPattern(x) for x in xs] for lg, xs in p.patterns.items()} for p in products}
        self._needs = {p.id: {lg: [CompiledPattern(x) for x in xs] for lg, xs in p.needs.items()} for p in products}

    def mentions(self, utt: ProcessedUtterance, *, fuzzy: bool = False) -> list[tuple[str, int, int]]:
        """``(product id, start, end)`` of every product named in the utterance, in text order;
        ``fuzzy`` (for ASR text) also accepts near spellings of one-word names."""
        found = []
        for pid, by_lang in self._names.items():
            patterns = by_lang.get(utt.language, ())
            spans = [s for p in patterns for s in p.spans(utt)] or (_near(patterns, utt) if fuzzy else [])
            if spans:
                found.append((pid, *min(spans)))
        return sorted(found, key=lambda f: f[1])

    def serves_need(self, product: str, utt: ProcessedUtterance) -> bool:
        """Whether the utterance states a need this product serves."""
        return any(p.spans(utt) for p in self._needs.get(product, {}).get(utt.language, ()))

    def name(self, product: str, language: str) -> str:
        names = self.products[product].names
        return names.get(language) or next(iter(names.values()))  # type: ignore[call-overload]


def _near(patterns: list[CompiledPattern], utt: ProcessedUtterance) -> list[tuple[int, int]]:
    """Spans of long words within FUZZY_MIN_RATIO of a one-word name of these patterns."""
    names = {name for p in patterns if len(p.elements) == 1 for name in p.elements[0].exact
             if len(name) >= FUZZY_MIN_LETTERS}
    return [(t.start, t.end) for t in utt.tokens if len(t.lemma) >= FUZZY_MIN_LETTERS and t.text.isalpha()
            and any(SequenceMatcher(None, t.lemma, name).ratio() >= FUZZY_MIN_RATIO for name in names)]


def _read(path: Path) -> CatalogueFile:
    return load_yaml_model(path, CatalogueFile, error=DataFileError)


@lru_cache(maxsize=8)
def _load(company: Path | None) -> Catalogue:
    products = {p.id: p for p in _read(DEFAULT_CATALOGUE).products}
    if company is not None:
        if not company.is_file():
            raise DataFileError(f"{company}: catalogue file not found (settings.catalogue)")
        products.update({p.id: p for p in _read(company).products})
    return Catalogue(list(products.values()))


def load_catalogue(settings: Settings) -> Catalogue:
    """The default catalogue merged with the company's (``settings.catalogue``), loaded once per file."""
    return _load(settings.catalogue.resolve() if settings.catalogue else None)
