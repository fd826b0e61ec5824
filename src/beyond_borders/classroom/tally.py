"""``beyond-borders tally FILES_OR_FOLDERS [--csv OUT]``: a group's saved decision-point choices,
counted for the projector.

Learners' "Save my choice" writes ``decisions/<point>-<role>.json`` beside their notebook; the
instructor collects those files (or the whole folders) and runs the tally. Per decision point
and role it prints how many chose each option, how often each interest was in a top three, and
how long the memos were. Every file is untrusted: whatever is wrong with one (too big, nested,
not JSON, wrong types, an unknown point, role or option, a second copy of the same learner's
choice) is one line that names the file, and the file is left out; nothing raises.
"""
from __future__ import annotations

import csv
import datetime as dt
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from beyond_borders.views.lessons.decision_files import read_json, record_problem
from beyond_borders.views.lessons.decision_render import option_label
from beyond_borders.views.lessons.decision_steps import option_keys, word_count
from beyond_borders.wording import plural

__all__ = ["MAX_FILES", "Tally", "collect", "report", "rows", "write_csv", "shown"]

MAX_FILES = 5_000
CSV_FIELDS = ("decision_point", "role", "measure", "key", "label", "count")


@dataclass
class Tally:
    """The sound choices (file, record), one line for every broken file left out, and one line for
    every older save of a learner's choice that a newer one replaced (kept apart: a repeat is not
    an error, and the instructor needs to tell the two apart)."""

    counted: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    repeats: list = field(default_factory=list)


def shown(path) -> str:
    """A file name safe to print: control characters (a hostile name's terminal tricks) as '?'."""
    return "".join("?" if unicodedata.category(c).startswith("C") else c for c in str(path))


def _files(paths, tally: Tally) -> list[Path]:
    """The files to read: each file named, and every *.json under each folder named (symbolic
    links are not followed); a path that does not exist is a problem line."""
    found = []
    for arg in paths:
        p = Path(arg)
        if p.is_symlink() and p.is_dir():
            tally.problems.append(f"{shown(p)}: a link to a folder; name the folder itself")
        elif p.is_dir():
            found += sorted(f for f in p.rglob("*.json") if f.is_file() and not f.is_symlink())
        elif p.is_file():
            found.append(p)
        else:
            tally.problems.append(f"{shown(p)}: no such file or folder")
    unique = list({f.resolve(): f for f in found}.values())
    if len(unique) > MAX_FILES:
        tally.problems.append(f"more than {MAX_FILES} files: only the first {MAX_FILES} were read")
    return unique[:MAX_FILES]


def _identity(record: dict) -> tuple:
    """Who made a choice: the learner's name, or for an unnamed file its whole content."""
    base = (record["decision_point"], record["role"])
    if record["learner"].strip():
        return base + (record["learner"].strip().casefold(),)
    return base + ("", record["option"], tuple(record["interests"]), record["memo"].strip())


def _when(record: dict) -> str:
    """A sortable time of saving ('' when missing or unreadable, so it counts as the oldest)."""
    try:
        return dt.datetime.fromisoformat(str(record.get("saved_at", ""))).astimezone(dt.timezone.utc).isoformat()
    except (ValueError, TypeError, OverflowError):
        return ""


def collect(paths, points: dict) -> Tally:
    """Read every saved choice under ``paths`` against ``points`` (id -> decision point); of two
    saves by one learner, the newer (by ``saved_at``) counts, whatever the files' order."""
    tally, seen = Tally(), {}
    for path in _files(paths, tally):
        record, problem = read_json(path)
        problem = problem or record_problem(record, points)
        if problem:
            tally.problems.append(f"{shown(path)}: {problem}; left out")
            continue
        who = _identity(record)
        if who not in seen:
            seen[who] = len(tally.counted)
            tally.counted.append((path, record))
            continue
        kept_path, kept = tally.counted[seen[who]]
        if _when(record) > _when(kept):
            tally.counted[seen[who]] = (path, record)
            path, kept_path = kept_path, path
        tally.repeats.append(f"{shown(path)}: an older save of the same learner's choice at "
                             f"{record['decision_point']} than {shown(kept_path)}; counted once (the newer)")
    return tally


def _groups(tally: Tally, points: dict) -> list[tuple[dict, dict, list]]:
    """(point, role, records) in the course's order of points and roles."""
    out = []
    for dp in points.values():
        for role in dp["roles"]:
            records = [r for _p, r in tally.counted if r["decision_point"] == dp["id"] and r["role"] == role["id"]]
            if records:
                out.append((dp, role, records))
    return out


def _memo_figures(dp: dict, records: list) -> dict:
    words = sorted(word_count(r["memo"]) for r in records)
    least = dp["memo"]["min_words"]
    median = statistics.median(words)   # 112.5 stays 112.5, 120.0 prints as 120
    return {"memos": len(words), "median words": int(median) if median == int(median) else median, "shortest": words[0],
            "longest": words[-1], f"under {least} words": sum(w < least for w in words)}


def _role_rows(dp: dict, role: dict, records: list) -> list[dict]:
    base = {"decision_point": dp["id"], "role": role["id"]}
    options = Counter(r["option"] for r in records)
    out = [base | {"measure": "option", "key": k, "label": option_label(role, k),
                   "count": options[k]} for k in option_keys(role)]
    interests = Counter(i for r in records for i in r["interests"])
    order = sorted(role["interests"], key=lambda i: (-interests[i], role["interests"].index(i)))
    out += [base | {"measure": "interest in top three", "key": str(role["interests"].index(i) + 1),
                    "label": i, "count": interests[i]} for i in order]
    first = Counter(r["interests"][0] for r in records)
    out += [base | {"measure": "interest ranked 1st", "key": str(role["interests"].index(i) + 1),
                    "label": i, "count": first[i]} for i in order]
    out.append(base | {"measure": "saved after the reveal", "key": "", "label": "",
                       "count": sum(r.get("revealed_before_save") is True for r in records)})
    return out + [base | {"measure": "memo", "key": k, "label": "", "count": v}
                  for k, v in _memo_figures(dp, records).items()]


def rows(tally: Tally, points: dict) -> list[dict]:
    """The tally as table rows (the CSV): options, interests in a top three, memo lengths."""
    return [row for dp, role, records in _groups(tally, points) for row in _role_rows(dp, role, records)]


def report(tally: Tally, points: dict) -> str:
    """The tally as text for the projector."""
    lines = []
    for dp, role, records in _groups(tally, points):
        table = _role_rows(dp, role, records)
        lines += [f"{dp['id']} · {dp['title']}",
                  f"  Role {role['id']} ({role['title']}): {plural(len(records), 'choice')}",
                  "    Options"]
        lines += [f"      {r['count']:>3}  {r['label']}" for r in table if r["measure"] == "option"]
        lines.append("    Interests in the top three (of which ranked 1st)")
        firsts = {r["label"]: r["count"] for r in table if r["measure"] == "interest ranked 1st"}
        lines += [f"      {r['count']:>3}  ({firsts[r['label']]} 1st)  {r['label']}"
                  for r in table if r["measure"] == "interest in top three"]
        late = next(r["count"] for r in table if r["measure"] == "saved after the reveal")
        if late:
            lines.append(f"    {late} of these saved after pressing Reveal (they had seen what happened)")
        memo = {r["key"]: r["count"] for r in table if r["measure"] == "memo"}
        under = next(k for k in memo if k.startswith("under"))
        lines += [f"    Memos: median {memo['median words']} words (shortest {memo['shortest']}, "
                  f"longest {memo['longest']}); {memo[under]} {under}", ""]
    if tally.repeats:
        lines += ["Older saves left out (a newer save of the same learner's choice counts):"]
        lines += [f"  {line}" for line in tally.repeats] + [""]
    counted, broken, repeats = len(tally.counted), len(tally.problems), len(tally.repeats)
    lines.append(f"{plural(counted, 'choice')} counted; {plural(broken, 'file')} left out as broken "
                 f"(listed on stderr); {plural(repeats, 'older save')} of the same learner's choice left out "
                 "(the newest counted).")
    return "\n".join(lines)


def write_csv(table: list[dict], out: Path) -> None:
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(table)
