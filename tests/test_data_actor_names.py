"""One actor, one id (data.actor_names), and no cut-short address passing as whole
(data.addresses): both are refused where data enters, with a message that says what to do."""
import csv
import json
import shutil
from pathlib import Path

import pytest

from beyond_borders import data
from beyond_borders.data.actor_names import duplicate_names, name_key
from beyond_borders.data.addresses import UNRECOVERED, is_cut_short

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
ACTOR_FIELDS = {"actor", "actors", "speaker", "speakers", "issuer"}  # content JSON keys holding actor ids


def rows(table, directory=DATASETS):
    with (directory / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture()
def copy(tmp_path):
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS, target, ignore=shutil.ignore_patterns("staging", ".lock"))
    return target


def rewrite(directory, table, fn):
    table_rows = rows(table, directory)
    fn(table_rows)
    with (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(table_rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(table_rows)


def person(rid, name, aliases=""):
    return {"id": rid, "name": name, "kind": "official", "country": "PAK", "role": "test",
            "notes": "", "aliases": aliases}


def test_no_two_actors_share_a_name_an_alias_or_a_surname():
    assert duplicate_names(rows("actors")) == []


def test_names_fold_case_accents_and_punctuation():
    assert name_key("Recep Tayyip Erdoğan") == name_key(" recep  tayyip ERDOGAN. ") == "recep tayyip erdogan"
    assert name_key("Anwaar-ul-Haq Kakar") == "anwaar ul haq kakar"


@pytest.mark.parametrize("extra,other", [
    (person("qureshi_fm", "Qureshi"), "shah_mahmood_qureshi"),             # a bare surname of another person
    (person("sms_qureshi", "Shah Mahmood Qureshi"), "shah_mahmood_qureshi"),  # the same full name again
    (person("pm_sharif", "PM", "Shahbaz Sharif"), "shehbaz_sharif"),       # someone else's alias
    (person("erdogan_2", "Recep Tayyip Erdogan"), "recep_tayyip_erdogan"),  # same name without the accent
])
def test_a_second_id_for_one_actor_is_refused_where_data_enters(copy, extra, other):
    rewrite(copy, "actors", lambda t: t.append(extra))
    with pytest.raises(data.DataError) as info:
        data.validate(copy)
    message = str(info.value)
    assert message.startswith(f"actors.csv, row {len(rows('actors')) + 2} (id {extra['id']!r}), column 'name': ")
    assert f"also names {other}" in message and "keep one id for one actor" in message


def test_a_surname_alias_of_the_same_person_is_allowed():
    qureshi = [r for r in rows("actors") if r["id"] == "shah_mahmood_qureshi"]
    assert qureshi and "Qureshi" in qureshi[0]["aliases"]
    assert duplicate_names(qureshi) == []


def test_retired_duplicate_ids_are_referenced_nowhere():
    ids = {r["id"] for r in rows("actors")}
    assert not {"ahmadinejad", "qureshi"} & ids
    for table, column in (("events", "actors"), ("statements", "speaker"), ("accounts", "claimant_actor")):
        for r in rows(table):
            unknown = set(data.split_ids(r[column])) - ids
            assert not unknown, f"{table} {r['id']}: {column} names no actor: {unknown}"


def _actor_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ACTOR_FIELDS:
                yield from ([value] if isinstance(value, str) else value)
            else:
                yield from _actor_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _actor_refs(item)


def test_content_files_name_only_actors_that_exist():
    ids = {r["id"] for r in rows("actors")}
    for path in sorted((ROOT / "src" / "beyond_borders" / "content").glob("*.json")):
        refs = [a for a in _actor_refs(json.loads(path.read_text(encoding="utf-8"))) if isinstance(a, str)]
        unknown = sorted({a for a in refs if ";" not in a} - ids)
        assert not unknown, f"{path.name}: actor ids not in actors.csv: {unknown}"


@pytest.mark.parametrize("url,cut", [
    ("https://menafn.com/1107725116/...", True), ("https://www.india.com/news/world/9-pakistanis-killed-...-6686700/", True),
    ("https://example.org/a…", True), ("https://example.org/a.b.c", False), ("", False)])
def test_what_counts_as_cut_short(url, cut):
    assert is_cut_short(url) is cut


def test_every_cut_short_address_says_it_could_not_be_recovered():
    for r in rows("sources"):
        if is_cut_short(r["url"]):
            assert UNRECOVERED in r["notes"], r["id"]


def test_a_cut_short_address_without_a_note_is_refused(copy):
    def cut(t):
        t[0]["url"] = t[0]["url"].rstrip("/") + "/..."
        t[0]["notes"] = ""
    rewrite(copy, "sources", cut)
    with pytest.raises(data.DataError) as info:
        data.validate(copy)
    assert str(info.value).startswith(f"sources.csv, row 2 (id {rows('sources')[0]['id']!r}), column 'url': ")
    assert "cut short" in str(info.value) and UNRECOVERED in str(info.value)
