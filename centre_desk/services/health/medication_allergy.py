"""Allergy warnings when a medicine is prescribed or given: a warning aid, not a drug database.

It reads the resident's allergies as the nurses wrote them and the medicine's name as on the box, blind to case,
accents and đ (`centre_desk.text.fold`), word by word, and evens out the usual Vietnamese spellings of drug names
(double letters, ph/f, th/t, a final e: "Penicilin" is "Penicillin", "Cephalexin" is "Cefalexin", "Ceftriaxon"
is "Ceftriaxone"). An allergy concerns a medicine when

* the allergy, as a whole (without a leading "dị ứng" / "allergy to" and without a note in brackets), occurs as
  words in the medicine's name: "Metronidazol" in "Metronidazole 250mg"; or
* the allergy names a substance, brand or class of `DRUG_CLASSES` (anywhere in its text) and the medicine names
  one of the same class: "Penicilin" against "Augmentin 625mg", "dị ứng nhóm beta-lactam" against "Amoxicilin".

Cross-reactivity between penicillins and cephalosporins is low (a few per cent, more for the older
cephalosporins such as cefalexin): an allergy to one class against a medicine of the other is a *caution*
(`allergy_cautions`) — ask the doctor —, not a conflict. The table is small on purpose (the classes the centres
meet most); a medicine or allergy it does not know is only caught by the first rule, and a misspelt name not at
all. Nothing here replaces the prescriber's and the pharmacist's check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from centre_desk.text import fold

# class -> substances, brands and the names of the class itself, in the spellings met on boxes and in notes
# fmt: off
DRUG_CLASSES: dict[str, tuple[str, ...]] = {
    "penicillin": (
        "penicillin", "penicilin", "penicillins", "benzylpenicillin", "phenoxymethylpenicillin", "amoxicillin",
        "amoxicilin", "amoxycillin", "ampicillin", "ampicilin", "cloxacillin", "cloxacilin", "oxacillin",
        "dicloxacillin", "piperacillin", "augmentin", "klamentin", "curam", "unasyn",
    ),
    "cephalosporin": (
        "cephalosporin", "cephalosporins", "cefalosporin", "cefalexin", "cephalexin", "cefadroxil", "cefazolin",
        "cefaclor", "cefuroxime", "cefuroxim", "zinnat", "cefixime", "cefixim", "cefotaxime", "cefotaxim",
        "ceftriaxone", "ceftriaxon", "rocephin", "ceftazidime", "ceftazidim", "cefpodoxime", "cefpodoxim",
    ),
    "sulfonamide": (
        "sulfonamide", "sulfonamides", "sulfamid", "sulfamide", "sulfa", "sulfamethoxazole", "sulfamethoxazol",
        "sulfadiazine", "sulfadiazin", "cotrimoxazole", "co-trimoxazole", "cotrimoxazol", "co-trimoxazol",
        "biseptol", "bactrim",
    ),
    "nsaid": (
        "nsaid", "nsaids", "ains", "chống viêm không steroid", "kháng viêm không steroid", "non-steroidal",
        "ibuprofen", "diclofenac", "voltaren", "aspirin", "aspirine", "acetylsalicylic", "aspegic", "meloxicam",
        "mobic", "naproxen", "ketoprofen", "piroxicam", "alaxan",
    ),
    "paracetamol": (
        "paracetamol", "acetaminophen", "panadol", "efferalgan", "hapacol", "tylenol", "partamol", "alaxan",
    ),
}
# fmt: on

# names of several classes at once: an allergy written so concerns all of them
CLASS_GROUPS: dict[str, tuple[str, ...]] = {
    "beta-lactam": ("penicillin", "cephalosporin"),
    "betalactam": ("penicillin", "cephalosporin"),
}

# an allergy to the key class against a medicine of these classes: a caution, not a conflict
CROSS_REACTIVE: dict[str, tuple[str, ...]] = {
    "penicillin": ("cephalosporin",),
    "cephalosporin": ("penicillin",),
}

_LEADING = ("di ung voi", "di ung", "allergic to", "allergy to", "allergy", "thuoc")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_DOUBLE = re.compile(r"([a-z])\1")


def _spelling(word: str) -> str:
    word = _DOUBLE.sub(r"\1", word.replace("ph", "f").replace("th", "t"))
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def _words(text: str) -> tuple[str, ...]:
    return tuple(_spelling(w) for w in _WORD.findall(fold(text)))


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return n > 0 and any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


_NAMES = [(_words(name), drug_class) for drug_class, names in DRUG_CLASSES.items() for name in names]
_GROUPS = [(_words(name), classes) for name, classes in CLASS_GROUPS.items()]


def drug_classes(text: str) -> frozenset[str]:
    """The classes of `DRUG_CLASSES` that `text` names (a substance, a brand or the class)."""
    words = _words(text)
    found = {drug_class for phrase, drug_class in _NAMES if _contains(words, phrase)}
    for phrase, classes in _GROUPS:
        if _contains(words, phrase):
            found.update(classes)
    return frozenset(found)


def _allergen(allergy: str) -> tuple[str, ...]:
    """The allergy's own words: without a note in brackets and without a leading "dị ứng (với)" or "allergy to"."""
    words = _words(_BRACKETS.sub(" ", allergy))
    stripped = True
    while stripped:
        stripped = False
        for lead in (_words(w) for w in _LEADING):
            if len(words) > len(lead) and words[: len(lead)] == lead:
                words, stripped = words[len(lead) :], True
    return words


def allergy_conflicts(allergies: Sequence[str], medicine: str) -> tuple[str, ...]:
    """The allergies, as written and in their order, that concern `medicine` (see the module's docstring)."""
    words = _words(medicine)
    classes = drug_classes(medicine)
    return tuple(
        allergy
        for allergy in dict.fromkeys(allergies)
        if _contains(words, _allergen(allergy)) or drug_classes(allergy) & classes
    )


def allergy_cautions(allergies: Sequence[str], medicine: str) -> tuple[str, ...]:
    """The allergies that are not conflicts but call for caution: a class that may cross-react with the
    medicine's (penicillins and cephalosporins)."""
    classes = drug_classes(medicine)
    conflicts = set(allergy_conflicts(allergies, medicine))
    return tuple(
        allergy
        for allergy in dict.fromkeys(allergies)
        if allergy not in conflicts and any(set(CROSS_REACTIVE.get(c, ())) & classes for c in drug_classes(allergy))
    )
