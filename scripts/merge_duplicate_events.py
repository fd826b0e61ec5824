"""One-off: fold events that two research parts recorded twice into one row.

For each (keep, drop, how) the kept row takes the union of both rows' sources and actors,
optionally a combined summary, and every reference to the dropped id is rewritten.
"""
import csv
from pathlib import Path

D = Path(__file__).resolve().parents[1] / "datasets"
PAIRS = [
    ("2023-05-18-mand-pishin-market-and-power-line", "2023-05-18-mand-pishin-border-market", None),
    ("2024-04-22-raisi-visit", "2024-04-22-raisi-state-visit", None),
    ("2024-04-22-raisi-visit", "2024-04-22-raisi-visit-pakistan",
     "President Ebrahim Raisi made an official visit to Islamabad, Lahore and Karachi. The 28-paragraph "
     "joint statement called the common border one of peace and friendship and committed both sides to "
     "work together against terrorism; eight agreements and memoranda were signed and the two sides set "
     "a target of US$10 billion in trade within five years."),
    ("2025-06-15-balochistan-closes-iran-crossings", "2025-06-15-balochistan-closes-crossings", None),
    ("2025-08-02-pezeshkian-state-visit", "2025-08-02-pezeshkian-visit-pakistan",
     "On his first state visit, President Masoud Pezeshkian went to Lahore and then Islamabad, thanked "
     "Pakistan's government, parliament, parties and public for their stance during the twelve-day war; "
     "12 memoranda were exchanged and the US$10 billion trade target was restated."),
    ("2025-09-14-joint-economic-commission", "2025-09-01-22nd-jec-and-fta",
     "Commerce Minister Jam Kamal Khan led Pakistan at the 22nd Joint Economic Commission in Tehran; the "
     "sides agreed to improve border infrastructure, transport links and border markets and to share "
     "customs data. Pakistan's commerce minister later said a free trade agreement had been signed and "
     "awaited internal approval."),
]


def read(name):
    with (D / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        r = csv.DictReader(fh)
        return r.fieldnames, list(r)


def write(name, fields, rows):
    with (D / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


fields, events = read("events")
by_id = {e["id"]: e for e in events}
for keep, drop, summary in PAIRS:
    if drop not in by_id:
        continue
    k, d = by_id[keep], by_id.pop(drop)
    for col in ("sources", "actors"):
        k[col] = ";".join(dict.fromkeys(k[col].split(";") + d[col].split(";")))
    notes = [n for n in (k["notes"], d["notes"]) if n]
    k["notes"] = " ".join(dict.fromkeys(notes))
    if summary:
        k["summary"] = summary
    if d["place"] and not k["place"]:
        k["place"] = d["place"]
    for name, col in (("accounts", "event_id"), ("statements", "event_id")):
        f, rows = read(name)
        for r in rows:
            if r[col] == drop:
                r[col] = keep
        write(name, f, rows)
write("events", fields, [e for e in events if e["id"] in by_id])
print(f"{len(events) - len(by_id)} duplicates folded; {len(by_id)} events")
