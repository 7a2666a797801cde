"""Generate a large, valid content folder for benchmarks.

    python bench/generate.py OUT [--faq 1000] [--categories 20] [--updates 500] [--states 10] [--checks 30]
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


def generate(out: Path, faq: int = 1000, categories: int = 20, updates: int = 500,
             states: int = 10, seed: int = 7, checks: int = 30) -> Path:
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
    (content / "hub.yaml").write_text(yaml.safe_dump(hub, sort_keys=False))
    per_category = max(1, faq // categories)
    faq_data = []
    for c in range(categories):
        questions = []
        for q in range(per_category):
            n = c * per_category + q
            questions.append({"id": f"q-{n}", "q": f"Question {n} about {rng.choice(WORDS)} {rng.choice(WORDS)}?",
                              "a": paragraph(rng, 3), "keywords": [rng.choice(WORDS), rng.choice(WORDS)],
                              "states": [state_ids[n % states]]})
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
        (content / "updates" / f"{day.isoformat()}-update-{i}.md").write_text(
            f"---\ntitle: {json.dumps(f'Update {i}: {rng.choice(WORDS)} news')}\ndate: {day.isoformat()}\n"
            f"tags: [{rng.choice(WORDS)}]\n---\n{body}\n")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--faq", type=int, default=1000)
    parser.add_argument("--categories", type=int, default=20)
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--states", type=int, default=10)
    parser.add_argument("--checks", type=int, default=30, help="search_checks in hub.yaml")
    args = parser.parse_args()
    generate(args.out, args.faq, args.categories, args.updates, args.states, checks=args.checks)
    print(args.out)


if __name__ == "__main__":
    main()
