"""Verdicts on real journalism, the held-out set: 7 other stories of ../shared/data/news-events.

    .venv/bin/python bench/realtext_heldout.py [--set third] [--db PATH [--rematch]] [--show]

The same bench as bench/realtext_verdicts.py (the same site, seeds, crawl and scoring) on stories
that were not read while its rules were written: a vaccine trial, a market crash, a diplomatic
row with translated statements, a Supreme Court ruling, primary results, a tariff war and a
missile test. Labels in bench/realtext_heldout_labels.tsv, written before any change they measure.

`--set third`: eight more stories, read by nobody before (branch realtext3): weekly jobless claims,
a judge's ruling on a subpoena, a mortality study, protests abroad over a downed airliner,
wildfire blackouts, a trade deal's passage, a ballot measure, a newsroom shooting. Labels in
bench/realtext_third_labels.tsv, written before any change they measure.

`--set fourth`: eight more (branch realtext4): weekly jobless claims in a pandemic, health-plan
premiums, a health official's testimony, a climate report, a court-martial sentence, a judge
blocking federal rules, a referendum abroad, a blocked funding bill. Labels in
bench/realtext_fourth_labels.tsv, written before any change they measure.

`--set fifth`: eight more (branch realtext5), in fields the others have few of: hospitals' data
sent to another agency, a city's floods, tariffs on imports from one country, a Supreme Court
ruling on detention, a lobbying trial, a diplomat's warning of war, a budget deal's passage,
a cathedral fire. Labels in bench/realtext_fifth_labels.tsv, written before any change they measure.

`--set sixth`: eight more (branch realtext6), unseen after the fifth set's fixes: a failed coup
abroad, a shooting at a tech company, a Senate vote on net neutrality, a hurricane's approach,
a president's name on relief checks, a relief bill's cold reception, a gunman's phone unlocked
and tied to al-Qaida, a company pressed over hate speech after a civil rights audit. Labels
in bench/realtext_sixth_labels.tsv, written before any change they measure.

`--set seventh`: eight more (branch realtext7), unseen after the sixth set's fixes: a film
producer charged in court, a casino owner suing a shooting's victims, a state's voters rejecting
a right-to-work law, a jihadist leader's death, the formal exit from a climate accord, a TV host
out at his network, a Confederate statue toppled on a campus, a summit abroad ending in a trade
row. Labels in bench/realtext_seventh_labels.tsv, written before any change they measure.

`--set eighth`: eight more (branch realtext8), unseen after the seventh set's fixes: a baker
suing his state again, the UN assembly's vote on an embassy's move, an order for a space
force, states suing over health subsidies' end, a senator and schoolchildren on a climate bill,
a secret licence for a country's funds, nuclear plants for a kingdom, a firing over an
engineer's memo. Labels in bench/realtext_eighth_labels.tsv, written before any change they
measure.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext_verdicts  # noqa: E402

LABELS = Path(__file__).with_name("realtext_heldout_labels.tsv")
# Each story and the outlet whose article is its seed (the centre-rated one where it has one).
STORIES = {
    "as1243": "The Hill", "as1144": "The Guardian", "as0456": "Reuters", "as0706": "Reuters",
    "as0484": "Reuters", "as0424": "USA Today", "as0103": "Reuters",
}

THIRD_LABELS = Path(__file__).with_name("realtext_third_labels.tsv")
THIRD = {
    "as1341": "Associated Press", "as0929": "Reuters", "as1008": "USA Today", "as1057": "CNBC",
    "as0959": "Associated Press", "as1063": "MarketWatch", "as0582": "Reuters",
    "as0415": "The Hill",
}

FOURTH_LABELS = Path(__file__).with_name("realtext_fourth_labels.tsv")
FOURTH = {
    "as1209": "NPR", "as0030": "NPR", "as1321": "Reuters", "as0609": "Reuters",
    "as0210": "Reuters", "as0671": "Associated Press", "as0007": "NPR", "as1188": "CNBC",
}

FIFTH_LABELS = Path(__file__).with_name("realtext_fifth_labels.tsv")
FIFTH = {
    "as1353": "USA Today", "as0149": "USA Today", "as0305": "Chicago Tribune", "as0734": "Reuters",
    "as0892": "NPR", "as0912": "Associated Press", "as0881": "Associated Press",
    "as0758": "USA Today",
}

SIXTH_LABELS = Path(__file__).with_name("realtext_sixth_labels.tsv")
SIXTH = {
    "as0010": "USA Today", "as0317": "NPR", "as0348": "The Hill", "as0503": "USA Today",
    "as1196": "USA Today", "as1238": "Associated Press", "as1244": "Associated Press",
    "as1338": "The Hill",
}

SEVENTH_LABELS = Path(__file__).with_name("realtext_seventh_labels.tsv")
SEVENTH = {
    "as0371": "USA Today", "as0435": "USA Today", "as0454": "NPR", "as0958": "Reuters",
    "as0972": "Axios", "as0076": "Reuters", "as0473": "Reuters", "as0389": "Reuters",
}

EIGHTH_LABELS = Path(__file__).with_name("realtext_eighth_labels.tsv")
EIGHTH = {
    "as0469": "Reuters", "as0247": "USA Today", "as0400": "Reuters", "as0190": "Reuters",
    "as0710": "USA Today", "as0385": "Associated Press", "as0704": "USA Today",
    "as0131": "Reuters",
}

if __name__ == "__main__":
    realtext_verdicts.main({"heldout": (STORIES, LABELS), "third": (THIRD, THIRD_LABELS),
                            "fourth": (FOURTH, FOURTH_LABELS),
                            "fifth": (FIFTH, FIFTH_LABELS),
                            "sixth": (SIXTH, SIXTH_LABELS),
                            "seventh": (SEVENTH, SEVENTH_LABELS),
                            "eighth": (EIGHTH, EIGHTH_LABELS)})
