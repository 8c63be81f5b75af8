"""The catalogue describes every data file, and loading refuses anything that does not match it."""
from __future__ import annotations

import csv
import hashlib
import io
import re

import pytest

from analysis.core import data
from analysis.core.data import REPO_ROOT, DataError, catalogue, load

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


@pytest.mark.slow  # Frictionless reads every row of every file
def test_frictionless_finds_the_catalogue_and_every_file_valid():
    """An outside check of the catalogue and of every file against it: Frictionless's own validator
    (offline; about 20-30 s, most of it the 650,000-row municipal file)."""
    from frictionless import Package
    report = Package(str(REPO_ROOT / "data" / data.CATALOGUE_NAME)).validate()
    errors = [(task.name, *error) for task in report.tasks
              for error in task.flatten(["rowNumber", "fieldName", "type", "note"])]
    assert report.valid and errors == [], "\n".join(map(str, errors[:20]))
    assert [task.name for task in report.tasks] == RESOURCES


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


def _set_cell(text: str, row: int, column: str, value: str) -> str:
    """The CSV with one cell changed; ``row`` counts as loading's messages do (the header is row 1)."""
    rows = list(csv.reader(io.StringIO(text)))
    rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


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


INTEGER = "is not an integer (allowed: digits, with an optional leading minus)"
NUMBER = "is not a finite number (allowed: digits, with an optional leading minus, decimal point and exponent)"
URI = "is not a URI (allowed: a scheme such as https: then an address, without spaces)"
BAD_CELLS = [  # (file, row, column, cell, what loading says of it)
    ("border_patrol_agents", 5, "agents", "inf", f"'inf' {INTEGER}"),
    ("border_patrol_agents", 5, "agents", " 183", f"' 183' {INTEGER}"),
    ("border_patrol_agents", 5, "agents", "183 ", f"'183 ' {INTEGER}"),
    ("border_patrol_agents", 5, "agents", "+5", f"'+5' {INTEGER}"),
    ("border_patrol_agents", 5, "agents", "1e2", f"'1e2' {INTEGER}"),
    ("border_patrol_agents", 5, "agents", "12.0", f"'12.0' {INTEGER}"),
    ("cpi_u_annual_bls", 4, "cpi_u", "inf", f"'inf' {NUMBER}"),
    ("cpi_u_annual_bls", 4, "cpi_u", "-Infinity", f"'-Infinity' {NUMBER}"),
    ("cpi_u_annual_bls", 4, "cpi_u", "NaN", f"'NaN' {NUMBER}"),
    ("cpi_u_annual_bls", 4, "cpi_u", "1e999", f"'1e999' {NUMBER}"),  # parses, as infinity
    ("cpi_u_annual_bls", 4, "cpi_u", " 10.5", f"' 10.5' {NUMBER}"),
    ("cpi_u_annual_bls", 4, "cpi_u", "+10.5", f"'+10.5' {NUMBER}"),
    ("county_population", 3, "fips", "4001", "'4001' does not match the pattern ^[0-9]{5}$"),
    ("reported_figures", 2, "read_from", "www.example.org/page", f"'www.example.org/page' {URI}"),
    ("reported_figures", 3, "url", "https://example.org/a page", f"'https://example.org/a page' {URI}"),
]


@pytest.mark.parametrize("name, row, column, cell, message", BAD_CELLS, ids=[f"{c[0]}-{c[3]!r}" for c in BAD_CELLS])
def test_a_cell_that_is_not_what_the_catalogue_says_is_refused(data_copy, name, row, column, cell, message):
    data_copy.rewrite(name, lambda text: _set_cell(text, row, column, cell))
    with pytest.raises(DataError) as error:
        load(name)
    assert str(error.value) == f"{data.resource(name)['path']}: row {row}, column {column!r}: {message}"


def test_plain_numbers_still_load(data_copy):
    data_copy.rewrite("cpi_u_annual_bls",
                      lambda text: _set_cell(_set_cell(text, 4, "cpi_u", "1.05e1"), 5, "cpi_u", "11"))
    assert load("cpi_u_annual_bls")["cpi_u"].tolist()[2:4] == [10.5, 11.0]


CATALOGUE_CHANGES = [  # a rule the loader would silently ignore is refused instead
    (lambda field: field["constraints"].update(unique=True),
     "column 'agents' has unsupported constraint 'unique' in the catalogue; "
     "supported: required, minimum, maximum, enum, pattern"),
    (lambda field: field.update(format="email"),
     "column 'agents' has unsupported format 'email' in the catalogue; supported: uri (strings)"),
]


@pytest.mark.parametrize("change, message", CATALOGUE_CHANGES, ids=["constraint", "format"])
def test_a_rule_the_loader_does_not_check_is_refused(data_copy, change, message):
    data_copy.change_entry("border_patrol_agents",
                           lambda entry: change(next(f for f in entry["schema"]["fields"] if f["name"] == "agents")))
    with pytest.raises(DataError) as error:
        load("border_patrol_agents")
    assert str(error.value) == f"enforcement/border_patrol_agents.csv: {message}"


def test_a_file_that_is_not_utf8_is_refused(data_copy):
    path = data_copy.path("border_patrol_agents")
    path.write_bytes(path.read_bytes().replace(b"nationwide", b"nationwid\xe9", 1))
    data_copy.resign("border_patrol_agents")
    with pytest.raises(DataError) as error:
        load("border_patrol_agents")
    assert str(error.value) == "enforcement/border_patrol_agents.csv: is not UTF-8 text, the catalogue's encoding"
