"""Generate a large, valid content folder for benchmarks.

    python bench/generate.py OUT [--faq 1000] [--categories 20] [--updates 500] [--states 10] [--checks 30]
                             [--regions 0] [--waves 0] [--segments 0]

--regions adds shipping regions; --waves gives each region a status and estimate
per wave, --segments marks every tenth FAQ entry and update as for a segment.
Neither draws from the random words, so a hub with waves and segments holds the
same text as the same hub without them (bench/waves.py compares the two).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

import yaml

WORDS = ("pledge backer reward shipping address survey refund locked payment card parcel customs "
         "tracking warehouse factory tooling sample colour size add-on delivery courier invoice "
         "batch carton label kettle lid handle spout steel enamel box manual warranty").split()


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


COUNTRIES = ("DE FR NL BE AT IT ES PT IE DK SE FI PL CZ GB US CA MX AU NZ JP KR SG BR AR CL NO CH IS EE "
             "LV LT SK SI HR HU RO BG GR CY MT LU").split()


def shipping(regions: int, waves: int, updates: list[str]) -> list[dict]:
    """Shipping regions, each with a status and estimate per wave when there are waves
    (a wave's estimate moved once, told by an update, every third region)."""
    found = []
    for r in range(regions):
        region = {"region": f"Region {r}", "countries": COUNTRIES[r::regions], "status": "packing",
                  "estimate": dt.date(2027, 3, 1) + dt.timedelta(days=7 * r), "duties": "included",
                  "carrier": f"Carrier {r % 3}"}
        if waves:
            region["waves"] = [{"wave": f"wave-{w + 1}", "status": "waiting",
                                "estimate": dt.date(2027, 3, 1) + dt.timedelta(days=30 * w + 7 * r)}
                               for w in range(waves)]
            if r % 3 == 0 and updates:
                region["waves"][0]["history"] = [{"due": dt.date(2027, 2, 1), "changed": dt.date(2026, 11, 1),
                                                  "update": updates[r % len(updates)]}]
        found.append(region)
    return found


def generate(out: Path, faq: int = 1000, categories: int = 20, updates: int = 500,
             states: int = 10, seed: int = 7, checks: int = 30, regions: int = 0, waves: int = 0,
             segments: int = 0) -> Path:
    rng = random.Random(seed)
    content = out
    (content / "updates").mkdir(parents=True, exist_ok=True)
    state_ids = [f"state-{i}" for i in range(states)]
    hub = {
        "project": {"name": "Bench Kettle", "creator": "Bench Studio", "platform": "kickstarter",
                    "campaign_url": "https://www.kickstarter.com/projects/bench/kettle",
                    "site_url": "https://help.bench.example/", "status": "Manufacturing"},
        "contact": {"email": "help@bench.example", "response_time": "within 2 days",
                    "routing": [{"topic": "Refunds", "handled_by": "creator"}]},
        "pledge_states": [{"id": sid, "label": f"State {i}", "description": sentence(rng),
                           "can_change": ["address"], "cannot_change": ["items"],
                           "next": state_ids[i + 1:i + 2]} for i, sid in enumerate(state_ids)],
        "milestones": [{"title": "Surveys sent", "due": dt.date(2026, 9, 15), "done": dt.date(2026, 9, 12)}],
        "settings": {"stale_after_days": 14},
    }
    segment_ids = [f"segment-{i + 1}" for i in range(segments)]
    update_days = [(dt.date(2026, 11, 18) - dt.timedelta(days=i)).isoformat() for i in range(updates)]
    update_slugs = [f"{day}-update-{i}" for i, day in enumerate(update_days)]
    if waves:
        hub["waves"] = [{"id": f"wave-{w + 1}", "name": f"Wave {w + 1}", "items": [f"Item {w + 1}"]}
                        for w in range(waves)]
    if segment_ids:
        hub["segments"] = [{"id": sid, "label": f"Segment {i + 1}", "description": f"Backers of group {i + 1}."}
                           for i, sid in enumerate(segment_ids)]
        hub["contact"]["routing"] += [{"topic": f"Orders of segment {i + 1}", "handled_by": f"Team {i + 1}",
                                       "contact": f"team{i + 1}@bench.example", "segments": [sid]}
                                      for i, sid in enumerate(segment_ids)]
    if regions:
        hub["shipping"] = shipping(regions, waves, update_slugs)
    (content / "hub.yaml").write_text(yaml.safe_dump(hub, sort_keys=False))
    per_category = max(1, faq // categories)
    faq_data = []
    for c in range(categories):
        questions = []
        for q in range(per_category):
            n = c * per_category + q
            questions.append({"id": f"q-{n}", "q": f"Question {n} about {rng.choice(WORDS)} {rng.choice(WORDS)}?",
                              "a": paragraph(rng, 3), "keywords": [rng.choice(WORDS), rng.choice(WORDS)],
                              "states": [state_ids[n % states]],
                              **({"segments": [segment_ids[n // 10 % segments]]} if segments and n % 10 == 0 else {})})
        faq_data.append({"category": f"Topic {c}", "questions": questions})
    (content / "faq.yaml").write_text(yaml.safe_dump(faq_data, sort_keys=False))
    # search_checks as backers write them: a sentence around an entry's words.
    entries = [q for c in faq_data for q in c["questions"]]
    hub["search_checks"] = [
        {"query": f"hi, I have a question about the {entry['q'].split(' about ')[1].rstrip('?')}, "
                  f"number {entry['id'].split('-')[1]}", "expect": entry["id"]}
        for entry in entries[::max(1, len(entries) // checks)][:checks]] if checks else []
    (content / "hub.yaml").write_text(yaml.safe_dump(hub, sort_keys=False))
    (content / "refund-policy.md").write_text(
        "---\nupdated: 2026-10-01\nwindow_days: 30\n---\nRefunds within 30 days.\n\n"
        "## How to ask for a refund\nWrite to us.\n\n## When the money arrives\nWithin 10 days.\n\n"
        "## After shipping\nReturn the item unused.\n")
    start = dt.date(2026, 11, 18)
    for i in range(updates):
        day = start - dt.timedelta(days=i)
        body = "\n\n".join(paragraph(rng, 5) for _ in range(4))
        segment = f"segments: [{segment_ids[i // 10 % segments]}]\n" if segments and i % 10 == 0 else ""
        (content / "updates" / f"{day.isoformat()}-update-{i}.md").write_text(
            f"---\ntitle: {json.dumps(f'Update {i}: {rng.choice(WORDS)} news')}\ndate: {day.isoformat()}\n"
            f"tags: [{rng.choice(WORDS)}]\n{segment}---\n{body}\n")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--faq", type=int, default=1000)
    parser.add_argument("--categories", type=int, default=20)
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--states", type=int, default=10)
    parser.add_argument("--checks", type=int, default=30, help="search_checks in hub.yaml")
    parser.add_argument("--regions", type=int, default=0, help="shipping regions")
    parser.add_argument("--waves", type=int, default=0, help="waves, each with dates in every region")
    parser.add_argument("--segments", type=int, default=0, help="segments; every tenth entry and update is for one")
    args = parser.parse_args()
    generate(args.out, args.faq, args.categories, args.updates, args.states, checks=args.checks,
             regions=args.regions, waves=args.waves, segments=args.segments)
    print(args.out)


if __name__ == "__main__":
    main()
