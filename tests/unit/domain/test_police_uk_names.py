"""Force-name normalisation, checked on the Home Office workforce tables' force names."""

from __future__ import annotations

import csv

import pytest

from assurance.domain.police_uk import force_code, local_authority
from tests.conftest import need_shared

REGIONS_AND_TOTALS = {
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "Eastern",
    "London",
    "South East",
    "South West",
    "Wales",
    "Total 43 forces",
    "Central Service Secondments",
    "Total",
}


def test_workforce_force_names_normalise_like_police_uk_names() -> None:
    path = need_shared("data/real/resistancelab-police-workforce/officer-fte-2016.csv")
    with path.open(newline="") as handle:
        names = [row["Force/Region"] for row in csv.DictReader(handle)]
    forces = {n for n in names if n not in REGIONS_AND_TOTALS} - {"British Transport Police"}
    # "West Midlands" is both a region and a force in the table; it is a force too.
    forces.add("West Midlands")
    codes = {force_code(n) for n in forces}
    assert len(codes) == 43
    for name in forces:
        # data.police.uk spells the same forces "<name> Police" (or Constabulary)
        assert force_code(f"{name} Police") == force_code(name)
        assert force_code(f"{name} Constabulary") == force_code(name)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("West Mercia Police", "west-mercia"),
        ("Devon & Cornwall Police", "devon-and-cornwall"),
        ("Devon and Cornwall", "devon-and-cornwall"),
        ("Avon and Somerset Constabulary", "avon-and-somerset"),
        ("Dyfed-Powys Police", "dyfed-powys"),
        ("Metropolitan Police Service", "metropolitan"),
        ("City of London Police", "city-of-london"),
        ("Police Service of Northern Ireland", "northern-ireland"),
        ("  West   Mercia  police ", "west-mercia"),
    ],
)
def test_known_force_names(name: str, code: str) -> None:
    assert force_code(name) == code


def test_blank_force_name_is_refused() -> None:
    with pytest.raises(ValueError):
        force_code("  --- ")


@pytest.mark.parametrize(
    ("lsoa", "authority"),
    [
        ("Telford and Wrekin 016B", "Telford and Wrekin"),
        ("Herefordshire 001A", "Herefordshire"),
        ("Newcastle-under-Lyme 003C", "Newcastle-under-Lyme"),
        ("not an lsoa", None),
    ],
)
def test_local_authority_from_lsoa_name(lsoa: str, authority: str | None) -> None:
    assert local_authority(lsoa) == authority
