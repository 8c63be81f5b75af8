"""The catalogue describes every data file, and loading refuses anything that does not match it."""
from __future__ import annotations

import hashlib
import re

import pytest

from analysis import data
from analysis.data import REPO_ROOT, DataError, catalogue, load

RESOURCES = [r["name"] for r in catalogue()["resources"]]
BIB_KEYS = set(re.findall(r"@\w+\{([^,]+),", (REPO_ROOT / "book" / "references.bib").read_text()))


@pytest.mark.parametrize("name", RESOURCES)
def test_every_file_matches_its_catalogue_entry(name):
    entry = data.resource(name)
    frame = load(name)
    assert list(frame.columns) == [f["name"] for f in entry["schema"]["fields"]]
    assert len(frame) > 0
    path = REPO_ROOT / "data" / entry["path"]
    assert entry["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", RESOURCES)
def test_every_entry_documents_its_source(name):
    entry = data.resource(name)
    for key in ("title", "description", "publisher", "publication", "url", "table", "published", "accessed",
                "licenses", "tier", "revisions", "caveats", "citation", "hash"):
        assert entry.get(key), f"{name}: catalogue field {key!r} is empty"
    assert entry["tier"] in ("official", "secondary", "mixed")
    citations = entry["citation"] if isinstance(entry["citation"], list) else [entry["citation"]]
    assert set(citations) <= BIB_KEYS
    for field in entry["schema"]["fields"]:
        assert field.get("description"), f"{name}.{field['name']} has no description"


def test_every_data_file_is_catalogued():
    listed = {r["path"] for r in catalogue()["resources"]}
    on_disk = {p.relative_to(REPO_ROOT / "data").as_posix() for p in (REPO_ROOT / "data").rglob("*")
               if p.name.endswith((".csv", ".csv.gz"))}
    assert on_disk == listed


def test_every_row_citation_is_in_the_bibliography():
    figures = load("reported_figures")
    assert set(figures["citation"]) <= BIB_KEYS


def test_staffing_table_has_one_row_per_year_and_region():
    agents = load("border_patrol_agents")
    assert set(agents["region"]) == {"nationwide", "southwest", "northern", "coastal"}
    assert (agents["fy"].min(), agents["fy"].max()) == (1992, 2019)
    assert len(agents) == 4 * 28
    nationwide = agents[agents["region"] == "nationwide"].set_index("fy")["agents"]
    assert nationwide[1993] == 4028 and nationwide[2010] == 20558


def _drop_column(text: str, column: str) -> str:
    lines = text.splitlines()
    index = lines[0].split(",").index(column)
    return "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines) + "\n"


def _set_cell(text: str, line: int, column: str, value: str) -> str:
    lines = text.splitlines()
    index = lines[0].split(",").index(column)
    cells = lines[line - 1].split(",")
    cells[index] = value
    lines[line - 1] = ",".join(cells)
    return "\n".join(lines) + "\n"


CORRUPTIONS = {
    "missing column": (lambda t: _drop_column(t, "agents"), True,
                       r"enforcement/border_patrol_agents\.csv: column 'agents' is missing"),
    "non-numeric cell": (lambda t: _set_cell(t, 5, "agents", "n/a"), True,
                         r"border_patrol_agents\.csv: row 5, column 'agents': 'n/a' is not an integer"),
    "negative count": (lambda t: _set_cell(t, 7, "agents", "-12"), True,
                       r"border_patrol_agents\.csv: row 7, column 'agents': -12 is below the minimum 0"),
    "duplicate year": (lambda t: _set_cell(t, 3, "fy", t.splitlines()[1].split(",")[0]), True,
                       r"border_patrol_agents\.csv: row 3: duplicate key \(fy=\d+, region=\w+\) in column\(s\) fy, region"),
    "checksum mismatch": (lambda t: t.replace("20558", "20559"), False,
                          r"border_patrol_agents\.csv: sha256 checksum mismatch"),
}


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_corrupted_file_fails_naming_file_column_and_row(data_copy, kind):
    change, resign, message = CORRUPTIONS[kind]
    data_copy.rewrite("border_patrol_agents", change, resign=resign)
    with pytest.raises(DataError, match=message):
        load("border_patrol_agents")


def test_missing_file_fails_naming_it(data_copy):
    data_copy.path("border_patrol_agents").unlink()
    with pytest.raises(DataError, match=r"enforcement/border_patrol_agents\.csv: file is missing"):
        load("border_patrol_agents")


def test_unknown_resource_lists_the_known_ones():
    with pytest.raises(DataError, match=r"no data file named 'nope'.*border_patrol_agents"):
        load("nope")
