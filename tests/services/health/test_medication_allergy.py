"""Allergy warnings: accent- and case-blind, word by word, Vietnamese spellings, and the small class table."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centre_desk.services.health.medication_allergy import (
    CROSS_REACTIVE,
    DRUG_CLASSES,
    allergy_cautions,
    allergy_conflicts,
    drug_classes,
)


@pytest.mark.parametrize(
    ("allergy", "medicine"),
    [
        ("Penicilin", "Penicillin V 500mg"),
        ("PENICILLIN", "penicilin v kali"),
        ("Penicilin", "Augmentin 625mg"),
        ("penicillin", "Amoxicilin 500 mg"),
        ("Amoxicillin", "Ampicilin 1g tiêm"),
        ("dị ứng Penicilin (nổi mẩn toàn thân)", "Cloxacilin 500mg"),
        ("Kháng sinh nhóm beta-lactam", "Amoxicillin + acid clavulanic"),
        ("khang sinh nhom beta lactam", "Ceftriaxon 1g"),
        ("Sulfamid", "Biseptol 480"),
        ("Cotrimoxazol", "Sulfamethoxazole/Trimethoprim"),
        ("Thuốc chống viêm không steroid", "Ibuprofen 400mg"),
        ("thuoc chong viem khong steroid", "Diclofenac 50"),
        ("NSAIDs", "Aspirin 81mg"),
        ("Aspirine", "Meloxicam 7,5mg"),
        ("Paracetamol", "Efferalgan 500mg sủi"),
        ("Acetaminophen", "Hapacol 250"),
        ("PARACETAMOL", "Panadol Extra"),
        ("Metronidazol", "Metronidazole 250mg"),
        ("Cephalexin", "Cefalexin 500mg"),
        ("Đậu Đỏ Thuốc X", "đậu đỏ thuốc x"),
    ],
)
def test_conflicts(allergy: str, medicine: str) -> None:
    assert allergy_conflicts(["Hải sản", allergy], medicine) == (allergy,)
    assert allergy_cautions([allergy], medicine) == ()


def test_decomposed_accents_and_invisible_characters_make_no_difference() -> None:
    allergy = unicodedata.normalize("NFD", "Thuốc chống viêm không\u200b steroid")
    assert allergy_conflicts([allergy], "IBUPROFEN") == (allergy,)


@pytest.mark.parametrize(
    ("allergies", "medicine"),
    [
        (["Penicilin"], "Paracetamol 500mg"),
        (["Paracetamol"], "Ibuprofen 400mg"),
        (["Sulfamid"], "Amoxicilin 500mg"),
        (["Hải sản", "Phấn hoa"], "Vitamin C 500mg"),
        (["Ibu"], "Ibuprofen 400mg"),  # word-wise: a part of a word is not the word
        (["", "  ", "Dị ứng"], "Amoxicilin 500mg"),
        (["Không"], "Oresol"),
    ],
)
def test_no_conflict(allergies: list[str], medicine: str) -> None:
    assert allergy_conflicts(allergies, medicine) == ()
    assert allergy_cautions(allergies, medicine) == ()


def test_penicillins_and_cephalosporins_are_a_caution_both_ways() -> None:
    assert allergy_conflicts(["Penicilin"], "Cefalexin 500mg") == ()
    assert allergy_cautions(["Penicilin", "Hải sản"], "Cefalexin 500mg") == ("Penicilin",)
    assert allergy_cautions(["Ceftriaxon"], "Augmentin 1g") == ("Ceftriaxon",)
    assert allergy_cautions(["Amoxicilin"], "Amoxicilin 500mg") == ()  # a conflict, not a caution
    assert allergy_cautions(["beta-lactam"], "Cefixim 200mg") == ()  # both classes: a conflict


def test_the_allergies_come_back_as_written_in_order_once() -> None:
    allergies = ["Ibuprofen", "Penicilin", "Aspirin", "Ibuprofen"]
    assert allergy_conflicts(allergies, "Alaxan (paracetamol + ibuprofen)") == ("Ibuprofen", "Aspirin")


def test_the_table() -> None:
    assert drug_classes("Augmentin 625mg") == {"penicillin"}
    assert drug_classes("Alaxan") == {"nsaid", "paracetamol"}
    assert drug_classes("kháng sinh nhóm Beta-Lactam") == {"penicillin", "cephalosporin"}
    assert drug_classes("Vitamin B1") == frozenset()
    assert set(CROSS_REACTIVE) <= set(DRUG_CLASSES)
    for drug_class, names in DRUG_CLASSES.items():
        assert all(drug_class in drug_classes(name.upper()) for name in names), drug_class


NAMES = [name for names in DRUG_CLASSES.values() for name in names]


@given(st.sampled_from(NAMES), st.sampled_from(["", " 500mg", " 250 mg viên", " (tiêm)"]))
def test_an_allergy_to_a_listed_name_always_concerns_it(name: str, dose: str) -> None:
    allergy = unicodedata.normalize("NFD", name.title())
    assert allergy_conflicts([allergy], name + dose) == (allergy,)
