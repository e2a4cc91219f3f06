"""Same story? What an article is to a story: seed, copy, coverage, mention or unrelated."""

import json
from pathlib import Path

import numpy as np
import pytest

from monitor.steps import coverage
from monitor.steps.claims import read_seed
from monitor.steps.conflicts import Thresholds
from monitor.steps.extract import Article
from monitor.steps.match import (
    Story,
    article_profile,
    score_article,
    score_stories,
    seed_profile,
)

SEED_URL = "http://bay.example/business/strike"
SEEDS = Path(__file__).resolve().parents[1] / "data/seeds"
SEED = (SEEDS / "port-strike.txt").read_text()

# Written for these tests: a short wire brief that carries two of the seed's specific claims.
BRIEF = ("Some 3,200 dockworkers at the Port of Calder Bay walked off the job on Tuesday for "
         "48 hours.\nThe operator Harbourline put the cost to the regional economy at about "
         "$90 million a day.")

# The same port and union, another event: a new crane contract signed months later.
OTHER_EVENT = "\n".join([
    "Harbourline signed a contract on Friday for twelve new cranes at the Port of Calder Bay.",
    "The cranes, built in Finland, will arrive next spring and replace machines from the 1990s.",
    "Union leader Marta Quiñones welcomed the investment in the port's future.",
    "The port authority said the new cranes would lift containers faster in strong winds.",
    "Harbourline did not say what the cranes would cost.",
])

# A long feature on another subject that repeats the union leader's words in passing.
FEATURE = "\n".join([
    "Coastal towns along the northern shore are reinventing themselves as weekend destinations.",
    "In Saltmarsh, a former cannery now houses a bakery, a climbing wall and a small cinema.",
    "The town's mayor, Ingrid Ahl, says visitor numbers have doubled in five years.",
    "Ferry operators have added a Sunday evening crossing to cope with demand.",
    "Hotels report that most guests arrive from the capital on Friday nights.",
    "Local fishermen sell their catch directly from the quay on Saturday mornings.",
    "A new cycling path links Saltmarsh with the lighthouse at Kestrel Point.",
    "Not everyone is pleased: some residents say rents have risen beyond their reach.",
    "At a meeting this summer, one speaker borrowed a line from the dockworkers' union.",
    "\u201cWe have not asked for anything that this port cannot afford,\u201d she said, "
    "to laughter.",
    "The council plans to build forty affordable homes on the old railway yard.",
    "Work on the homes should begin next year if the regional government approves the plan.",
    "Meanwhile the cannery's owners hope to open a second cinema screen by winter.",
    "Tourism officials expect another record season when the ferries add summer sailings.",
])


# A long budget story that recalls, in passing, a sentence of the strike's background.
BUDGET = "\n".join([
    "The regional government unveiled a budget on Monday that raises spending on schools.",
    "Teachers will get a 4 percent raise, and forty new classrooms are planned for next year.",
    "The finance minister said road repairs would be paid for by a fuel levy.",
    "Opposition members called the levy a tax on commuters who have no train to take.",
    "Hospitals will receive money for two new scanners and a children's ward.",
    "The budget also sets aside money for ports, after a difficult summer.",
    "In August, the operator Harbourline said the strike would cost the regional economy "
    "around $90 million a day.",
    "Farmers' groups welcomed a fund for drought-hit growers in the south.",
    "A vote on the budget is expected before the end of the month.",
    "The minister said the plan would leave the region with a small surplus.",
    "Economists said the forecast relied on strong tax receipts from tourism.",
    "The budget will be debated in committee over the next two weeks.",
    "Libraries in rural districts will stay open on Saturdays under the plan.",
    "The arts council loses a tenth of its grant, which its director called short-sighted.",
    "Police numbers stay flat, though the minister promised more officers in the north.",
    "Pensioners will pay less for bus passes from January.",
    "The minister rejected calls to cut the sales tax on heating fuel before winter.",
    "Universities asked for more money for research and were given less than they hoped.",
    "A new agency will oversee the region's water supply and its ageing pipes.",
    "Mayors of the larger towns said the budget ignored the cost of housing.",
    "Small businesses will be able to claim back part of their energy bills.",
    "The plan doubles the grant for insulating old houses, a pledge from the last election.",
    "Charities said the help for families with young children came too late.",
    "Spending on prisons rises for the first time in six years.",
    "The minister defended the fuel levy as the fairest way to mend the roads.",
    "Debt repayments will take up a smaller share of spending than last year.",
    "Sports clubs will compete for a fund to repair changing rooms and pitches.",
    "The government's own forecasters expect growth to slow in the spring.",
])


@pytest.fixture(scope="module")
def story() -> Story:
    seed = read_seed(SEED)
    return Story("port-strike", "en", "", seed.claims,
                 seed_profile(seed.title, seed.body, "2025-08-12"), SEED_URL)


def article(text: str, url: str = "http://other.example/a", title: str | None = None,
            published: str | None = "2025-08-12") -> Article:
    return Article(url, url, title, None, published, "en", text, "hash", False)


def test_the_seeds_own_page_is_the_seed_and_not_coverage(story):
    result, _ = score_article(story, article(SEED, url=SEED_URL))
    assert result.kind == "seed" and not result.is_coverage


def test_a_short_wire_brief_carrying_two_specific_claims_is_coverage(story):
    result, scored = score_article(story, article(BRIEF, title="Calder Bay dockworkers strike"))
    assert scored and result.kind == "coverage" and result.is_coverage


def test_an_article_on_the_same_people_about_another_event_is_not_coverage(story):
    result, _ = score_article(story, article(OTHER_EVENT, title="New cranes for Calder Bay",
                                             published="2025-11-21"))
    assert not result.is_coverage and result.kind in ("unrelated", "mention")


def test_a_long_feature_repeating_one_quotation_in_passing_is_a_mention(story):
    result, _ = score_article(story, article(FEATURE, title="Saltmarsh reinvents itself"))
    assert result.kind == "mention" and not result.is_coverage


def test_a_long_story_repeating_one_statement_in_passing_is_a_mention(story):
    result, _ = score_article(story, article(BUDGET, title="Budget raises school spending"))
    assert result.kind == "mention" and not result.is_coverage


def test_a_copy_of_the_seed_on_another_site_is_a_copy(story):
    result, _ = score_article(story, article(SEED, url="http://syndicated.example/strike"))
    assert result.kind == "copy" and result.is_coverage


def test_a_decision_says_why(story):
    result, _ = score_article(story, article(BRIEF, title="Calder Bay dockworkers strike"))
    why = result.evidence
    assert {"calder", "harbourline"} <= set(why["names"])
    assert "3200" in why["numbers"] and why["days_apart"] == 0 and why["claims"]


def test_thresholds_given_to_score_stories_decide_its_verdicts(story):
    # bench/thresholds.py re-decides stored articles with other values through this path.
    brief = article(BRIEF, title="Calder Bay dockworkers strike")
    (usual, _), = score_stories([story], brief)
    (strict, _), = score_stories([story], brief, t=Thresholds(candidate=100.0))
    assert any(m.verdict != "absent" for m in usual.matches)
    assert all(m.verdict == "absent" for m in strict.matches)


def test_a_decision_shows_the_amounts_shared_in_full_digits(story):
    result, _ = score_article(story, article(BRIEF, title="Calder Bay dockworkers strike"))
    assert "90000000" in result.evidence["numbers"]  # "$90 million", not "9e+07"


def test_a_number_inside_a_hyphenated_name_is_no_name_the_evidence_shares():
    # (the evidence's shared names are those of the two profiles)
    seed = coverage.profile("Harbours shut", "Harbours shut over KESTREL-19, the Nova board said.")
    assert "kestrel" in seed.names and "19" not in seed.names


def test_an_amount_with_a_scale_word_and_the_same_in_digits_are_one_number():
    assert coverage.specific_numbers("It lost $4.1 million.") == coverage.specific_numbers(
        "It lost 4,100,000 dollars.") == {"4100000"}


def test_coverage_in_another_language_is_found_by_names_and_says_its_claims_were_not_scored(
        story):
    spanish = Article("http://es.example/a", "http://es.example/a", "Huelga en Calder Bay", None,
                      "2025-08-12", "es", "Los estibadores del puerto de Calder Bay, con "
                      "Marta Quiñones al frente, iniciaron una huelga de 48 horas contra "
                      "Harbourline.", "h", False)
    found, scored = score_article(story, spanish)
    assert found.is_coverage and not scored and found.evidence["claims_scored"] is False


def test_a_paywall_teaser_of_the_story_is_counted_but_its_claims_are_not_scored(story):
    # Its claims cannot be read: scored, they would show its outlet leaving every one out.
    teaser = Article("http://paid.example/a", "http://paid.example/a",
                     "Calder Bay dockworkers strike", None, "2025-08-12", "en", BRIEF, "h", True)
    found, scored = score_article(story, teaser)
    assert found.is_coverage and not scored


def test_a_page_in_another_language_naming_one_of_the_seeds_places_is_not_coverage(story):
    german = Article("http://de.example/a", "http://de.example/a", "Hafen", None, "2025-08-12",
                     "de", "Der Hafen von Calder Bay meldet einen neuen Rekord beim Umschlag.",
                     "h", False)
    found, _ = score_article(story, german)
    assert not found.is_coverage and found.kind == "unrelated"


@pytest.fixture(scope="module")
def stories(story) -> list[Story]:
    """The three demo stories, the port strike among them."""
    others = []
    for name in ("trump-cartels", "congestion-charge"):
        seed = read_seed((SEEDS / f"{name}.txt").read_text())
        others.append(Story(name, "en", "", seed.claims,
                            seed_profile(seed.title, seed.body, "2025-08-12")))
    return [others[0], story, others[1]]


ARTICLES = [BRIEF, OTHER_EVENT, FEATURE, SEED]


def test_the_story_index_gives_each_story_the_evidence_of_comparing_the_article_with_it_alone(
        stories):
    index = coverage.StoryIndex([s.seed for s in stories])
    for text in ARTICLES:
        weighed = article_profile(article(text, title="Calder Bay"))
        alone = [coverage.as_row(coverage.evidence(s.seed, weighed))[0] for s in stories]
        assert np.allclose(index.cheap_evidence(weighed), alone)


def test_the_story_index_gives_the_same_evidence_for_a_few_stories_as_among_many(stories):
    few = coverage.StoryIndex([s.seed for s in stories])
    many = coverage.StoryIndex([s.seed for s in stories] * 4)
    assert len(stories) <= coverage.FEW_STORIES < 4 * len(stories)
    for text in ARTICLES:
        weighed = article_profile(article(text, title="Calder Bay"))
        assert np.array_equal(few.cheap_evidence(weighed),
                              many.cheap_evidence(weighed)[:len(stories)])


def test_the_story_index_finds_the_stories_whose_claims_an_article_repeats_as_each_alone(
        stories):
    runs = [coverage.repeated_runs(s.claims) for s in stories]
    index = coverage.StoryIndex([s.seed for s in stories], runs)
    found = []
    for text in [*ARTICLES, BUDGET]:
        weighed = article_profile(article(text))
        alone = {i for i, r in enumerate(runs) if coverage.repeats(r, weighed.profile.in_order)}
        assert index.repeating(weighed) == alone
        found.append(alone)
    assert set().union(*found) == {1}  # the port strike's, repeated by the feature and budget


def test_an_article_read_against_several_stories_is_decided_as_against_each_alone(stories):
    for text in ARTICLES:
        together = score_stories(stories, article(text, title="Calder Bay"))
        alone = [score_article(s, article(text, title="Calder Bay")) for s in stories]
        assert [(r.kind, r.relevance, scored) for r, scored in together] == [
            (r.kind, r.relevance, scored) for r, scored in alone]


def test_a_story_ruled_out_by_the_cheap_evidence_says_so_and_its_claims_are_not_compared(
        stories):
    (result, scored), = score_stories(stories, article(BRIEF), only=[0])  # the cartels story
    assert result.kind == "unrelated" and result.evidence["ruled_out"] and not result.matches


def test_the_names_behind_a_decision_are_shown_as_the_seed_writes_them():
    from monitor.faces.report import names_as_written

    seed_names = ["Tren de Aragua", "Claudia Sheinbaum", "Sheinbaum", "Anna Kelly", "México"]
    shared = ["aragua", "sheinbaum", "kelly", "de", "tren", "claudia", "mexico", "pentagon"]
    assert names_as_written(shared, seed_names) == [
        "Tren de Aragua", "Claudia Sheinbaum", "Kelly", "México", "pentagon"]


def test_a_name_word_no_claim_names_is_spelled_as_the_seed_writes_it():
    from monitor.faces.report import capitalised_words, names_as_written

    seed = "Union leader Marta Quiñones’s members met. “We wait,” said the Pentagon."
    assert names_as_written(["quinones", "pentagon"], capitalised_words(seed)) == [
        "Quiñones", "Pentagon"]


def test_the_amounts_behind_a_decision_are_shown_as_the_seed_writes_them():
    from monitor.faces.report import numbers_as_written

    seed = ("About 3,200 dockworkers walked out. The strike costs $90 million a day, and 41 "
            "ships wait. It began on January 20.")
    assert numbers_as_written(["20", "41", "3200", "90000000", "1500000"], seed) == [
        "20", "41", "3,200", "$90 million", "1,500,000"]


def test_the_rare_words_behind_a_decision_are_shown_as_the_seed_writes_them():
    from monitor.faces.report import terms_as_written
    from monitor.steps.text import stem

    seed = "Cartels matter. The university cut its research income by three percent."
    shared = [stem("income"), stem("three"), stem("cartel"), "unseen"]  # as decisions keep them
    assert terms_as_written(shared, seed) == [
        "income", "three", "Cartels", "unseen"]


def test_a_connecting_word_of_a_name_shared_alone_is_not_shown():
    from monitor.faces.report import names_as_written

    assert names_as_written(["aragua", "de"], ["Tren de Aragua"]) == ["Aragua"]


def test_carrying_more_of_the_seeds_claims_never_lowers_the_shipped_models_probability():
    # A follow-up carrying five of the seed's claims, nearly all its names and most of its
    # words was given 7%: the same article carrying fewer claims scored higher.
    m = coverage.model()
    rows = np.random.default_rng(0).random((2000, len(coverage.FEATURES)))
    for name in coverage.MONOTONE:
        i = coverage.FEATURES.index(name)
        more = rows.copy()
        more[:, i] = np.minimum(1.0, rows[:, i] + 0.2)
        assert (m.probability(more) >= m.probability(rows) - 1e-12).all(), name


def test_fitting_keeps_more_claims_from_lowering_the_probability():
    rng = np.random.default_rng(1)
    features = rng.random((3000, len(coverage.FEATURES)))
    body, best = coverage.FEATURES.index("body_cosine"), coverage.FEATURES.index("claims_best")
    # Coverage with many words in common and with a strong claim; fitted freely, the product
    # of the two comes out negative and outweighs the claim's own weight.
    labels = ((features[:, body] > 0.5) | (features[:, best] > 0.9)).astype(float)
    m = coverage.fit(features, labels)
    rows = rng.random((2000, len(coverage.FEATURES)))
    more = rows.copy()
    more[:, best] = np.minimum(1.0, rows[:, best] + 0.2)
    assert (m.probability(more) >= m.probability(rows) - 1e-12).all()


@pytest.mark.parametrize("body, names", [(0.0, 0.0), (0.123, 0.05), (1e-05, 0.999), (-0.0, 1.0)])
def test_a_ruled_out_storys_evidence_is_stored_as_json_writes_it(body, names):
    features = np.zeros((1, len(coverage.FEATURES)))
    features[0, coverage.FEATURES.index("body_cosine")] = body
    features[0, coverage.FEATURES.index("names_shared")] = names
    evidence = coverage.why_ruled_out(features)[0]
    assert coverage.evidence_json(evidence) == json.dumps(evidence)


def test_a_compared_storys_evidence_is_stored_as_json_writes_it(story):
    result, _ = score_article(story, article(BRIEF, title="Calder Bay dockworkers strike"))
    assert "ruled_out" not in result.evidence
    assert coverage.evidence_json(result.evidence) == json.dumps(result.evidence)


@pytest.mark.parametrize("body, names", [(0.0, 0.0), (0.12345678, 0.05), (1e-05, 0.9996),
                                         (-0.0, 1.0), (float("nan"), 0.2), (float("inf"), 0.0)])
def test_a_ruled_out_storys_evidence_written_from_its_figures_is_the_text_json_writes(body, names):
    assert coverage.ruled_out_json(body, names) == json.dumps(
        coverage.ruled_out_evidence(body, names))


def test_monitor_match_stores_for_a_ruled_out_story_the_row_of_its_result(stories):
    from monitor.jobs.match import score_due, scoring_pool
    from monitor.jobs.stories import coverage_values

    ruled_out = 0
    for text in ARTICLES:
        read = article(text, title="Calder Bay")
        with scoring_pool(1, stories):
            rows = score_due(read, [0, 1, 2])
        results = score_stories(stories, read)
        assert [row if isinstance(row, tuple) else coverage_values(row, True) for row in rows] == [
            coverage_values(r, s) for r, s in results]
        ruled_out += sum("ruled_out" in (r.evidence or {}) for r, _ in results)
    assert ruled_out >= 4


# Prints, exactly (as `repr`), every figure of the evidence of the articles it reads (JSON on
# its input: title and text each) against the three demo seeds: each story's alone, and the
# story index's among few stories and among many.
EVIDENCE_FIGURES = """
import json, sys
from pathlib import Path
from monitor.steps import coverage
from monitor.steps.claims import read_seed
from monitor.steps.match import seed_profile
seeds = [read_seed(p.read_text()) for p in sorted(Path("data/seeds").glob("*.txt"))]
stories = [seed_profile(s.title, s.body, "2025-08-12") for s in seeds]
few, many = coverage.StoryIndex(stories), coverage.StoryIndex(stories * 3)
articles = [*stories, *(seed_profile(t, b, "2025-08-13") for t, b in json.load(sys.stdin))]
for a in articles:
    print(repr(few.cheap_evidence(a).tolist()), repr(many.cheap_evidence(a).tolist()))
    print(*(repr(coverage.evidence(s, a).features) for s in stories))
"""


@pytest.mark.slow
def test_the_evidence_of_a_decision_is_the_same_whatever_the_processs_string_hashing():
    import os
    import subprocess
    import sys

    texts = json.dumps([["Calder Bay dockworkers strike", text] for text in ARTICLES[:-1]]
                       + [["Budget raises school spending", BUDGET]])
    runs = [subprocess.run([sys.executable, "-c", EVIDENCE_FIGURES], input=texts, text=True,
                           capture_output=True, check=True, cwd=SEEDS.parents[1],
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1] and runs[0].count("\n") == 2 * (3 + len(ARTICLES))


def test_monitor_match_reads_each_article_against_the_stories_it_is_due_for_in_order():
    from monitor.jobs.match import _due

    # Articles 1 and 2 are due for every story; 3 for the first and last; 4 for the second.
    assert _due([[1, 2, 3], [1, 2, 4], [1, 2, 3]]) == {1: [0, 1, 2], 2: [0, 1, 2],
                                                       3: [0, 2], 4: [1]}
    assert _due([]) == {}


def test_an_amount_behind_a_decision_is_not_shown_as_a_time_of_day_of_the_same_value():
    from monitor.faces.report import numbers_as_written

    seed = "The storm hit at 2 p.m. and killed 14 people; by 8 p.m., 20 families had fled."
    assert numbers_as_written(["14", "20"], seed) == ["14", "20"]
