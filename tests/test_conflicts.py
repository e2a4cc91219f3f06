"""Conflicts between a claim and a sentence: amounts, quotations, speakers and negations told
otherwise (what sets a difference aside is in test_guards.py): pairs of ours."""

import pytest

from monitor.faces.report import conflict_label, marked_sentences
from monitor.steps.claims import Claim, read_seed
from monitor.steps.conflicts import number_checks, quote_checks
from monitor.steps.match import match_article
from monitor.steps.text import content_words, numbers
from tests.conftest import (
    claim,
    first_claim,
    minister_says,
    seed_quote,
    verdict,
    what_differs,
)


@pytest.mark.parametrize("sentence, seed_side, article_side", [
    ("The port authority said on Monday that 14 containers of stolen copper were seized in "
     "March.", "40", "14"),
    ("The port authority said on Monday that forty-one containers of stolen copper were seized "
     "in March.", "40", "forty-one"),
    ("The port authority said on Monday that 40 containers of stolen copper were seized in "
     "April.", "March", "April"),
])
def test_a_different_number_or_date_is_a_conflict(claims, sentence, seed_side, article_side):
    m = verdict(claim(claims, "The port authority"), sentence)
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": seed_side, "article": article_side} in what_differs(m)


@pytest.mark.parametrize("seed_sentence, article_sentence, seed_side, article_side", [
    ("Smugglers moved hundreds of tons of cocaine through the port over two decades.",
     "Smugglers moved thousands of tons of cocaine through the port over two decades.",
     "hundreds", "thousands"),
    ("Smugglers moved hundreds of tons of cocaine through the port over two decades.",
     "Smugglers moved hundreds of tons of cocaine through the port over three decades.",
     "two", "three"),
    ("Smugglers moved hundreds of tons of cocaine through the port over two decades.",
     "Smugglers moved hundreds of tons of cocaine through the port over 30 years.",
     "two", "30"),
])
def test_amounts_and_durations_conflict(seed_sentence, article_sentence, seed_side, article_side):
    (c,) = read_seed(seed_sentence).claims
    m = verdict(c, article_sentence)
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": seed_side, "article": article_side} in what_differs(m)


def test_a_duration_in_other_units_agrees():
    (c,) = read_seed("Smugglers moved cocaine through the port over two decades.").claims
    assert verdict(c, "Smugglers moved cocaine through the port over 20 years.").verdict != (
        "conflict")


def test_the_same_number_in_words_agrees(claims):
    m = verdict(claim(claims, "The port authority"), "The port authority said on Monday that "
                "forty containers of stolen copper were seized in March.")
    assert m.verdict != "conflict"


def test_a_flipped_negation_is_a_conflict(claims):
    m = verdict(claim(claims, "The authority did"), "The authority said who owned the copper.")
    assert m.verdict == "conflict"
    assert m.conflicts[0]["kind"] == "negation"


def test_a_flipped_negation_in_the_part_of_a_claim_a_sentence_carries_is_a_conflict():
    # The sentence leaves out who the union leader is, and says the opposite of the rest.
    c = first_claim("Union leader Marta Osei, who led the strike, said the dock workers would "
                    "return to work on Monday.")
    m = verdict(c, "Osei said the dock workers would not return to work on Monday.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


@pytest.mark.parametrize("seed, sentence", [
    ("The island council has not yet approved the ferry budget.",
     "The island council approved the ferry budget on Monday."),
    ("The harbour master will not, as some reported, resign over the ferry budget.",
     "The harbour master will resign over the ferry budget."),
])
def test_a_negation_cut_from_its_verb_by_a_clause_mark_is_still_read(seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_negation_of_something_the_claim_does_not_say_is_no_conflict():
    # "not" denies bringing charges, which the claim never says: the decision itself agrees.
    c = first_claim("The ferry decision comes one day before the harbour board's annual vote.")
    m = verdict(c, "The decision to not renew the ferry licence comes one day before the "
                   "harbour board's annual vote.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_the_same_word_denied_in_both_is_no_conflict_however_many_negations():
    # Two negations in the sentence make it read as not negated, but both deny knowing.
    c = first_claim("The harbour pilot said he does not know who owned the barge.")
    m = verdict(c, "The harbour pilot said he is not the owner and does not know who owned "
                   "the barge.")
    assert m.verdict != "conflict" and m.conflicts is None


@pytest.mark.parametrize("seed, sentence", [
    ("Officials did not say when the bridge would reopen, but repairs will cost $5 million.",
     "Repairs on the bridge will cost $5 million, officials said."),
    ("The ministry did not comment, but the new harbour tunnel will open to traffic in April.",
     "The new harbour tunnel will open to traffic in April, the ministry said."),
])
def test_a_negation_in_a_clause_the_sentence_does_not_carry_is_no_conflict(seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert m.verdict in ("paraphrase", "partial") and m.conflicts is None


RESERVE = ("Nereth's reserve fund will fall to $22 million, its lowest level since 2015, under "
           "the budget the city council approved on Tuesday.")


def test_an_amount_in_a_part_of_the_claim_the_sentence_does_not_carry_is_no_conflict():
    # The sentence carries the budget the claim mentions, not the reserve fund it is about.
    m = verdict(first_claim(RESERVE), "Nereth's city council approved a $412 million budget "
                                      "for 2027 on Tuesday.")
    assert m.verdict == "partial" and m.conflicts is None


def test_an_amount_in_the_part_of_the_claim_the_sentence_carries_is_compared():
    m = verdict(first_claim(RESERVE), "Nereth's reserve fund will fall to $25 million, the "
                                      "finance office said.")
    assert m.verdict == "conflict"
    assert [(d["claim"], d["article"]) for d in m.conflicts] == [("$22 million", "$25 million")]


SHARE = ("The university receives about 40 percent of its research income from the council, "
         "according to its latest annual report.")


@pytest.mark.parametrize("sentence", [
    "The Regional Science Council will cut its research grants to Northfield University by 18 "
    "percent over the next three years.",
    "Northfield University is bracing for an 18 percent cut in research grants from the council.",
])
def test_a_percentage_of_something_else_is_no_conflict_with_a_share(sentence):
    # 40 percent of the university's income and an 18 percent cut are two measures: an outlet
    # that reports the cut does not contradict the share.
    m = verdict(first_claim(SHARE), sentence)
    assert m.verdict == "partial" and m.conflicts is None


def test_a_share_of_the_same_thing_is_compared():
    m = verdict(first_claim(SHARE), "The council gives the university 25 percent of its research "
                                    "income, the annual report shows.")
    assert m.verdict == "conflict"
    assert [(d["claim"], d["article"]) for d in m.conflicts] == [("40", "25")]


def test_the_same_quotation_with_its_negation_dropped_is_a_conflict():
    m = minister_says("“We will accept foreign soldiers on our soil, and we have said so at "
                      "every meeting,” Ruiz said.")[1]
    assert m.verdict == "conflict"
    assert [c["kind"] for c in m.conflicts] == ["quote"]


def test_a_quotation_translated_with_its_negation_worded_otherwise_is_no_conflict():
    # Two negations in theirs read as none; both deny accepting.
    m = minister_says("“We do not and will not accept foreign soldiers on our soil, and we have "
                      "said so at every meeting,” Ruiz said.")[1]
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_name_in_the_singular_in_a_translated_quotation_is_no_other_name():
    quote = seed_quote("Harbour Talks\n“The Dockworkers' Union will not sign before the vote,” "
                       "said harbour chief Ana Ruiz.\n")
    article = "“The Dockworker's Union will not sign before the vote,” Ruiz said."
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_the_same_quotation_with_another_number_is_a_conflict():
    m = minister_says("“We sent 14 inspectors to the border last month,” Ruiz said.")[2]
    assert m.verdict == "conflict"
    assert {c["kind"] for c in m.conflicts} == {"number", "quote"}


def test_the_quotation_given_to_another_speaker_is_a_conflict(claims):
    c = claim(claims, "organised, patient")
    m = verdict(c, "Police chief Omar Haddad said the thieves were “organised, patient and well "
                   "funded.”", speaker="Omar Haddad")
    assert m.verdict == "conflict"
    assert {"kind": "speaker", "claim": "Lena Fischer", "article": "Omar Haddad"} in (
        what_differs(m))


def _amount_verdict(seed_sentence, article_sentence):
    (c,) = [c for c in read_seed(seed_sentence).claims if c.kind == "statement"]
    return verdict(c, article_sentence)


@pytest.mark.parametrize("article_sentence", [
    "The central bank held its target range at 4.75%-5% on Wednesday, officials said.",
    "The central bank held its target range at 4.75–5% on Wednesday, officials said.",
    "The central bank held its target range between 4.75 and 5 percent on Wednesday, "
    "officials said.",
])
def test_the_same_range_written_another_way_is_no_conflict(article_sentence):
    m = _amount_verdict("The central bank held its target range at 4.75% to 5% on Wednesday, "
                        "officials said.", article_sentence)
    assert m.verdict in ("verbatim", "paraphrase") and m.conflicts is None


def test_a_different_range_is_a_conflict():
    m = _amount_verdict("The central bank held its target range at 4.75% to 5% on Wednesday.",
                        "The central bank held its target range at 4.5% to 4.75% on Wednesday.")
    assert m.verdict == "conflict"
    assert what_differs(m) == [{"kind": "number", "claim": "4.75% to 5%",
                                "article": "4.5% to 4.75%"}]


@pytest.mark.parametrize("article_amount", ["0.5 percentage point", "50 basis points"])
def test_basis_points_and_percentage_points_are_one_amount(article_amount):
    m = _amount_verdict("The bank cut its main rate by half a percentage point on Wednesday.",
                        f"The bank cut its main rate by {article_amount} on Wednesday.")
    assert m.verdict != "conflict"


def test_percent_and_percentage_points_are_not_compared():
    m = _amount_verdict("Prices rose 3 percent in July, the statistics office said.",
                        "Prices rose 2 percentage points faster in July, the statistics office "
                        "said.")
    assert m.verdict != "conflict"


def test_money_with_a_scale_word_or_abbreviation_is_one_amount():
    m = _amount_verdict("The strike will cost the regional economy $1.2bn, the operator said.",
                        "The strike will cost the regional economy 1.2 billion dollars, the "
                        "operator said.")
    assert m.verdict != "conflict"


def test_a_different_sum_of_money_is_a_conflict():
    m = _amount_verdict("The strike will cost the regional economy $1.2bn, the operator said.",
                        "The strike will cost the regional economy $2.1bn, the operator said.")
    assert what_differs(m) == [{"kind": "number", "claim": "$1.2bn", "article": "$2.1bn"}]


def test_a_rounded_amount_is_noted_not_a_conflict():
    m = _amount_verdict("Rescuers said 29 people were pulled from the river on Sunday.",
                        "Rescuers said about 30 people were pulled from the river on Sunday.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [{"kind": "rounded", "claim": "29", "article": "30"}]


def test_an_approximate_amount_far_off_is_a_conflict():
    m = _amount_verdict("Rescuers said 29 people were pulled from the river on Sunday.",
                        "Rescuers said about 60 people were pulled from the river on Sunday.")
    assert m.verdict == "conflict"


@pytest.mark.parametrize("article_sentence, conflict", [
    ("Screening centres now test 100,000 people a day, the ministry said.", False),
    ("Screening centres now test 60,000 people a day, the ministry said.", True),
])
def test_a_rate_is_compared_with_a_rate_of_the_same_span(article_sentence, conflict):
    m = _amount_verdict("Screening centres now test 100,000 a day, the ministry said.",
                        article_sentence)
    assert (m.verdict == "conflict") is conflict


@pytest.mark.parametrize("article_sentence, conflict", [
    ("Screening centres now test 700,000 a week, the ministry said.", False),
    ("Screening centres now test 36.5 million a year, the ministry said.", False),
    ("Screening centres now test 3 million a month, the ministry said.", False),
    ("Screening centres now test 1.5 million a week, the ministry said.", True),
    ("Screening centres now test 1 million a month, the ministry said.", True),
    ("Screening centres now test 1,000 an hour, the ministry said.", True),
])
def test_a_rate_over_another_span_is_compared_in_the_claims_span(article_sentence, conflict):
    m = _amount_verdict("Screening centres now test 100,000 a day, the ministry said.",
                        article_sentence)
    assert (m.verdict == "conflict") is conflict


def test_a_rate_by_the_month_agrees_with_one_by_the_day_only_as_far_as_months_differ():
    m = _amount_verdict("Screening centres now test 100,000 a day, the ministry said.",
                        "Screening centres now test 3 million a month, the ministry said.")
    assert what_differs(m, m.notes) == [{"kind": "rounded", "claim": "100,000",
                                         "article": "3 million"}]


@pytest.mark.parametrize("claim_sentence, article_sentence, conflict", [
    ("More than a million workers in the region lost their jobs, the agency said.",
     "About 1.2 million workers in the region lost their jobs, the agency said.", False),
    ("More than a million workers in the region lost their jobs, the agency said.",
     "Some 40 million workers in the region lost their jobs, the agency said.", True),
    ("More than 3,000 dockworkers walked out on Monday, the union said.",
     "The union said 3,200 dockworkers walked out on Monday.", False),
    ("More than 3,000 dockworkers walked out on Monday, the union said.",
     "The union said 40,000 dockworkers walked out on Monday.", True),
    ("Up to 40 ships are waiting outside the harbour, the port said.",
     "The port said 35 ships are waiting outside the harbour.", False),
    ("Up to 40 ships are waiting outside the harbour, the port said.",
     "The port said 4 ships are waiting outside the harbour.", True),
])
def test_a_bounded_amount_agrees_only_with_figures_near_its_bound(claim_sentence,
                                                                   article_sentence, conflict):
    m = _amount_verdict(claim_sentence, article_sentence)
    assert (m.verdict == "conflict") is conflict


def test_two_bounds_of_one_side_far_apart_are_no_rounded_note():
    # "at least 210" is no rounding of "at least 290": each bound leaves its figure open, and
    # the two figures told are not within rounding of each other.
    m = _amount_verdict("Rescuers said at least 290 people were pulled from the river on Sunday.",
                        "Rescuers said at least 210 people were pulled from the river on Sunday.")
    assert not any(n["kind"] == "rounded" for n in m.notes or [])


def test_two_bounds_of_one_side_within_a_bounds_reach_are_noted_not_a_conflict():
    # "more than 3,000" does not contradict "more than 4,000": two figures, shown apart
    m = _amount_verdict("Rescuers said at least 290 people were pulled from the river on Sunday.",
                        "Rescuers said at least 210 people were pulled from the river on Sunday.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [
        {"kind": "another bound", "claim": "290", "article": "210"}]


def test_two_bounds_of_one_side_within_rounding_are_a_rounded_note():
    m = _amount_verdict("Rescuers said more than 3,000 people were moved on Sunday.",
                        "Rescuers said more than 3,200 people were moved on Sunday.")
    assert m.verdict != "conflict"
    assert [n["kind"] for n in m.notes] == ["rounded"]


def test_an_amount_stated_with_its_unit_left_out_agrees():
    m = _amount_verdict("Boats with nets caught 140 tonnes of cod, compared with 95 tonnes of cod "
                        "for boats with lines.",
                        "Boats with nets landed 140 tonnes of cod; those with lines landed 95.")
    assert m.verdict != "conflict"


def test_an_amount_with_its_unit_left_out_and_another_value_still_conflicts():
    m = _amount_verdict("Boats with nets caught 140 tonnes of cod, compared with 95 tonnes of cod "
                        "for boats with lines.",
                        "Boats with nets landed 150 tonnes of cod; those with lines landed 95.")
    assert m.verdict == "conflict"
    assert what_differs(m) == [{"kind": "number", "claim": "140", "article": "150"}]


RATES = ("Vaccination rates among pupils have fallen to between 82 and 85 percent, well below "
         "the 95 percent needed to stop the virus spreading.")


@pytest.mark.parametrize("article_sentence", [
    "Vaccination rates among pupils have fallen to between 82 and 85 percent, officials said.",
    "Vaccination rates among pupils are well below the 95 percent needed, officials said.",
])
def test_a_sentence_stating_one_of_a_claims_amounts_does_not_contradict_the_other(
        article_sentence):
    assert _amount_verdict(RATES, article_sentence).conflicts is None


def test_an_amount_inside_a_claims_range_is_noted_not_set_against_its_other_amount():
    m = _amount_verdict(RATES, "Vaccination rates among pupils have fallen to 84 percent.")
    assert m.conflicts is None
    assert what_differs(m, m.notes) == [{"kind": "rounded", "claim": "82 and 85",
                                         "article": "84"}]


def test_a_conflict_names_the_amount_that_differs_beside_one_that_agrees():
    m = _amount_verdict(RATES, "Vaccination rates among pupils have fallen to between 82 and 85 "
                               "percent, well below the 90 percent needed to stop the virus.")
    assert what_differs(m) == [{"kind": "number", "claim": "95", "article": "90"}]


def test_one_different_amount_contradicts_the_claims_amount_nearest_it():
    m = _amount_verdict(RATES, "Vaccination rates among pupils have fallen to 60 percent.")
    assert what_differs(m) == [{"kind": "number", "claim": "82 and 85", "article": "60"}]


def test_a_conflict_stores_both_whole_sentences():
    m = _amount_verdict("Rescuers said 29 people were pulled from the river on Sunday.",
                        "Rescuers said 14 people were pulled from the river on Sunday.")
    (c,) = m.conflicts
    assert c["seed_sentence"] == "Rescuers said 29 people were pulled from the river on Sunday."
    assert c["article_sentence"] == "Rescuers said 14 people were pulled from the river on Sunday."


def test_another_persons_different_quotation_is_no_speaker_conflict(claims):
    c = claim(claims, "organised, patient")
    m = verdict(c, "Police chief Omar Haddad said the thieves were organised and patient, "
                   "adding: “We will find every container.”", speaker="Omar Haddad")
    assert m.verdict != "conflict"


def test_a_short_phrase_of_the_quotation_in_another_persons_mouth_is_no_speaker_conflict():
    seed = read_seed("“In the end, I will vote to approve the harbour levy on Tuesday,” "
                     "Senator Ada Lund said.\n")
    c = next(c for c in seed.claims if c.kind == "quote")
    m = verdict(c, "Chair Omar Haddad tells members: “Vote to approve”", speaker="Omar Haddad")
    assert m.verdict == "absent"  # another person's words: the claim is not told either


def test_a_three_word_quotation_in_another_persons_longer_one_is_no_speaker_conflict():
    seed = read_seed("Harbour Levy\nSenator Ada Lund said the levy would “do the job” for the "
                     "port.\n")
    c = next(c for c in seed.claims if c.kind == "quote")
    m = verdict(c, "Dock owner Ben Cole said: “This levy will never do the job for the port.”",
                speaker="Ben Cole")
    assert m.verdict != "conflict"


def test_a_three_word_quotation_word_for_word_in_another_persons_mouth_is_not_told():
    seed = read_seed("Harbour Levy\nSenator Ada Lund said the levy would “do the job” for the "
                     "port.\n")
    c = next(c for c in seed.claims if c.kind == "quote")
    m = verdict(c, "Dock owner Ben Cole said: “Do the job.”", speaker="Ben Cole")
    assert m.verdict == "absent"


def test_the_claims_short_quotation_inside_another_persons_longer_one_is_a_speaker_conflict():
    seed = read_seed("“An act of sabotage,” union leader Ada Lund said of the fire.\n")
    c = next(c for c in seed.claims if c.kind == "quote")
    m = verdict(c, "Dock owner Ben Cole said: “This is an act of sabotage by the council.”",
                speaker="Ben Cole")
    assert m.verdict == "conflict"


def test_an_organisations_few_words_of_a_quotation_still_tell_it_in_part():
    seed = read_seed("“The cuts will hit rural schools hardest of all next year,” teacher Anna "
                     "Berg said.\n")
    c = next(c for c in seed.claims if c.kind == "quote")
    m = verdict(c, "The ministry said the cuts would “hit rural schools hardest”.",
                speaker="Education Ministry")
    assert m.verdict == "partial"


def test_another_persons_quotation_sharing_some_words_is_no_quotation_conflict():
    seed = read_seed("Harbour master Lena Fischer said the thieves were “organised, patient "
                     "and well funded,” and that the port would hire more guards.\n")
    c = next(c for c in seed.claims if c.kind == "statement")
    m = verdict(c, "Police chief Omar Haddad said the thieves were “organised, patient and "
                   "badly informed,” and that the port would hire more guards.",
                speaker="Omar Haddad")
    assert m.verdict != "conflict"


def test_a_month_that_differs_is_told_as_a_date_not_a_number():
    conflicts, _ = number_checks(numbers("The strike began in March."),
                                 numbers("The strike began in May."))
    assert [conflict_label(c) for c in conflicts] == ["date"]


GROWERS = ("Lia Moreno, who chairs the farm committee, said the plan backed by Governor Tom Hale "
           "“is a gift to the biggest growers in the state”.\n")


@pytest.mark.parametrize("article", [
    "“This is a gift to the biggest growers in the state,” Moreno said on Tuesday.",
    "“This is a gift to the biggest growers in the state,” the Vermont Democrat said.",
])
def test_the_same_quotation_from_the_same_speaker_is_no_speaker_conflict(article):
    quote = next(c for c in read_seed(GROWERS).claims if c.kind == "quote")
    m = match_article([quote], "The farm plan passed its first vote. " + article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_no_for_number_in_a_quotation_is_no_flipped_negation():
    seed = read_seed("“The number one job of this board is to keep the water clean,” said board "
                     "chair Ida Voss.\n")
    article = "“The No. 1 job of this board is to keep the water clean,” Voss said."
    m = match_article(seed.claims, article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_speaker_named_with_a_generational_suffix_is_no_speaker_conflict():
    quote = seed_quote("Harbour Dues\nTomas R. Ibarra Jr., the state senator for the harbour, "
                       "said the old crane would be retired in spring.\n“The new crane lifts "
                       "twice the load in half the time on the eastern quay,” Ibarra said.\n")
    article = ("Senator Tomas Ibarra Jr. said “the new crane lifts twice the load in half "
               "the time on the eastern quay.”")
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_speaker_named_by_the_first_word_of_their_full_name_is_no_speaker_conflict():
    # Where the family name comes first, an outlet may name "Wen Haoran" as "Wen" alone.
    quote = seed_quote("Bridge Opens\n“The bridge will carry ten thousand cars a day by the "
                       "spring,” provincial governor Wen Haoran said on Monday.\n")
    article = ("The bridge opened on Monday. “The bridge will carry ten thousand cars a day by "
               "the spring,” Wen told reporters.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_a_speaker_written_without_the_names_accents_is_no_speaker_conflict():
    quote = seed_quote("Bridge Opens\n“The bridge will carry ten thousand cars a day by the "
                       "spring,” said Governor Inés Muñoz on Monday.\n")
    article = ("The bridge opened on Monday. “The bridge will carry ten thousand cars a day by "
               "the spring,” Governor Ines Munoz told reporters.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


BRIDGE_QUOTE = "“The bridge will carry ten thousand cars a day by the spring,”"


@pytest.mark.parametrize("mistyped", ["Ada Lundqivst", "Lundqvst", "Ada Lundqvisst"])
def test_a_speaker_whose_family_name_is_mistyped_is_no_speaker_conflict(mistyped):
    quote = seed_quote(f"Bridge Opens\n{BRIDGE_QUOTE} provincial governor Ada Lundqvist said on "
                       "Monday.\n")
    article = f"The bridge opened on Monday. {BRIDGE_QUOTE} {mistyped} told reporters."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


@pytest.mark.parametrize("seed_name, article_name", [("Ada Lundqvist", "Eva Lundqvest"),
                                                     ("Ada Lund", "Ada Land")])
def test_a_family_name_one_letter_off_is_another_person_with_another_first_name_or_short(
        seed_name, article_name):
    quote = seed_quote(f"Bridge Opens\n{BRIDGE_QUOTE} provincial governor {seed_name} said on "
                       "Monday.\n")
    article = f"The bridge opened on Monday. {BRIDGE_QUOTE} {article_name} told reporters."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "speaker"


def test_a_speaker_of_another_family_sharing_a_first_name_is_still_a_speaker_conflict():
    quote = seed_quote("Bridge Opens\n“The bridge will carry ten thousand cars a day by the "
                       "spring,” provincial governor Ada Lund said on Monday.\n")
    article = ("The bridge opened on Monday. “The bridge will carry ten thousand cars a day by "
               "the spring,” Ada Brandt told reporters.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "speaker"


def test_words_a_spokeswoman_said_for_someone_the_seed_names_are_no_speaker_conflict():
    quote = seed_quote("Ferry Plan\n“The ferry will run all winter from the eastern quay,” said "
                       "Ana Ruiz, a spokeswoman for Governor Ida Lund.\n")
    article = "“The ferry will run all winter from the eastern quay,” Lund told reporters."
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_words_an_unnamed_spokeswoman_said_are_no_speaker_conflict_with_her_named():
    quote = seed_quote("Quay Bill\nSenator Ana Ruiz voted against the bill on Monday.\n“We will "
                       "not back a bill that closes the quay,” a Ruiz spokeswoman said.\n")
    article = ("Senator Ana Ruiz voted against the bill. Ivo Berg speaks for the senator. “We "
               "will not back a bill that closes the quay,” Berg said.")
    m = match_article([quote], article).matches[0]
    assert quote.speaker == "Ana Ruiz"
    assert m.verdict == "verbatim" and m.conflicts is None


@pytest.mark.parametrize("attribution", [
    "Omar Haddad said outside the district attorney's office.",
    "said Omar Haddad, a spokesman for Mayor Lena Holt.",
    "Omar Haddad said, after a spokesman for the port declined to comment.",
    "Omar Haddad told the mayor's press secretary."])
def test_a_spokesperson_or_office_that_does_not_speak_leaves_a_speaker_conflict(attribution):
    quote = seed_quote("Quay Bill\nSenator Ana Ruiz voted against the bill on Monday.\n“We will "
                       "not back a bill that closes the quay,” Ana Ruiz said.\n")
    article = f"“We will not back a bill that closes the quay,” {attribution}"
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "speaker"


def test_words_an_office_said_are_no_speaker_conflict_with_a_spokesman_named():
    quote = seed_quote("Quay Bill\nGovernor Ana Ruiz vetoed the bill on Monday.\n“We will not "
                       "back a bill that closes the quay,” the governor's office said.\n")
    article = ("Governor Ana Ruiz vetoed the bill. “We will not back a bill that closes the "
               "quay,” said Ivo Berg, a spokesman for the governor.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


BORDER = "The border will stay closed to all travel until June"


@pytest.mark.parametrize("attribution", [
    f"Harbour Security spokesman Ivo Berg said \u201c{BORDER.lower()}.\u201d",
    f"\u201c{BORDER},\u201d said Ivo Berg, a Harbour Security spokesman.",
    f"\u201c{BORDER},\u201d Ivo Berg, a spokesman for the secretary, said.",
    f"\u201c{BORDER},\u201d Ruiz press secretary Ivo Berg told reporters.",
    f"Harbour Security spokesman Ivo van Berg said: \u201c{BORDER}.\u201d",
    f"Harbour Security (HSD) spokesman Ivo Berg said: \u201c{BORDER}.\u201d",
])
def test_words_a_named_spokesperson_says_for_the_seeds_speaker_are_no_speaker_conflict(
        attribution):
    # the spokesperson speaks for the one the seed gives the words to: not a contradiction
    quote = seed_quote(f"Border Plan\n\u201c{BORDER},\u201d Harbour Security Secretary Ana Ruiz "
                       "said.\n")
    m = match_article([quote], attribution).matches[0]
    assert quote.speaker == "Ana Ruiz"
    assert m.verdict in ("verbatim", "paraphrase") and m.conflicts is None


def test_words_the_seeds_named_spokesperson_says_for_the_articles_speaker_are_no_conflict():
    quote = seed_quote(f"Border Plan\n\u201c{BORDER},\u201d said Ivo Berg, a Harbour Security "
                       "spokesman.\n")
    article = f"\u201c{BORDER},\u201d Harbour Security Secretary Ana Ruiz said."
    m = match_article([quote], article).matches[0]
    assert quote.speaker == "Ivo Berg"
    assert m.verdict == "verbatim" and m.conflicts is None


@pytest.mark.parametrize("article", [
    # a day before the spokesman's body is no body he speaks for
    f"On Monday, Avalon Rail Union spokesman Ivo Berg said: \u201c{BORDER}.\u201d",
    f"On Monday Avalon Rail Union spokesman Ivo Berg said: \u201c{BORDER}.\u201d",
    # a spokesman of the seed's body who did not speak: the words are Berg's own
    f"Union leader Ivo Berg spoke on Monday. \u201c{BORDER},\u201d Berg said, though a Harbour "
    "Security spokesman later denied that Berg had seen the plan."])
def test_words_given_to_another_near_a_spokesman_of_the_seeds_body_are_a_speaker_conflict(
        article):
    quote = seed_quote(f"Border Plan\n\u201c{BORDER},\u201d Harbour Security Secretary Ana Ruiz "
                       "said on Monday.\n")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "speaker"


def test_words_a_named_spokesperson_says_for_someone_else_are_a_speaker_conflict():
    quote = seed_quote(f"Border Plan\n\u201c{BORDER},\u201d Harbour Security Secretary Ana Ruiz "
                       "said.\n")
    article = f"\u201c{BORDER},\u201d said Ivo Berg, a spokesman for the Avalon Rail Union."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "speaker"


def test_an_organisations_words_given_to_its_spokeswoman_are_no_speaker_conflict():
    quote = seed_quote("Ferry Plan\n“The ferry will run all winter from the eastern quay,” Harbour "
                       "Authority said in a statement.\n")
    article = ("“The ferry will run all winter from the eastern quay,” said Ana Ruiz, who "
               "speaks for the port.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_an_airline_named_alone_is_an_organisation_not_a_person_in_speaker_conflicts():
    quote = seed_quote("Ferry Plan\n“Every flight to the islands will run all winter,” Nova "
                       "Airlines said.\n")
    article = "“Every flight to the islands will run all winter,” said Ana Ruiz on Monday."
    m = match_article([quote], article).matches[0]
    assert quote.speaker == "Nova Airlines"
    assert m.verdict == "verbatim" and m.conflicts is None


def test_two_spellings_of_one_organisation_are_no_speaker_conflict():
    quote = Claim(1, "We urge every citizen to stay indoors", "quote",
                  "“We urge every citizen to stay indoors,” the embassy said.",
                  speaker="Nordic Embassy in Avalon",
                  quotes=["We urge every citizen to stay indoors"])
    assert quote_checks(quote, ["We urge every citizen to stay indoors"], "Embassy") == ([], [])


def test_an_organisation_read_from_the_seed_is_no_speaker_conflict_with_a_person():
    quote = seed_quote("Ferry Plan\nThe Nordic Embassy in Avalon spoke on Monday.\n“The ferry will "
                       "run all winter from the eastern quay,” the embassy said.\n")
    assert quote.speaker == "Nordic Embassy in Avalon"
    article = "“The ferry will run all winter from the eastern quay,” Ana Ruiz told reporters."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_two_speakers_each_read_from_he_or_she_said_are_no_speaker_conflict():
    # Whose words "she said" and "he told" give is read from the sentences before: two guesses.
    quote = seed_quote("Ferry Plan\nThe harbour board met on Monday with Governor Ida Lund.\n"
                       "“The ferry will run all winter from the eastern quay,” she said.\n")
    article = ("Harbour chief Omar Haddad spoke at the quay on Monday. “The ferry will run all "
               "winter from the eastern quay,” he said.")
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_speaker_the_article_gives_only_by_she_said_is_no_speaker_conflict():
    # "she said" is read as the last person named before it: a guess, not a contradiction.
    quote = seed_quote("Ferry Plan\n“The ferry will run all winter from the eastern quay,” "
                       "harbour chief Ana Ruiz said.\n")
    article = ("Governor Ida Lund toured the quay on Monday. “The ferry will run all winter "
               "from the eastern quay,” she said.")
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_words_another_person_relays_as_the_seeds_speakers_are_no_speaker_conflict():
    quote = seed_quote("Ferry Plan\nHarbour chief Ana Ruiz told the staff that the ferry “will "
                       "run all winter from the eastern quay” this year.\n")
    article = ("“Ruiz answered that the ferry will run all winter from the eastern quay,” board "
               "member Omar Haddad said.")
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


@pytest.mark.parametrize("theirs", [
    "Those who block the quay are vandals, including the HYL, and other gangs,",
    "Those who block the quay are vandals, including the Harbour Youth League, and other gangs,",
    "Ms. Ruiz says those who block the quay are vandals, including the gangs,",
])
def test_a_name_the_seed_put_in_square_brackets_is_no_quotation_conflict(theirs):
    quote = seed_quote("Quay Protest\n“Those who block the quay are vandals, including the "
                       "[Harbour Youth League], and other gangs,” harbour chief Ana Ruiz said.\n")
    m = match_article([quote], f"“{theirs}” Ruiz said.").matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_negation_of_a_verb_said_in_its_past_form_is_still_a_conflict():
    # "did not pay" denies what "paid" says: the verb's other form is the same word.
    c = first_claim("The ferry company did not pay the harbour fine in March.")
    m = verdict(c, "The ferry company paid the harbour fine in March.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_negation_with_an_adverb_before_its_verb_is_still_a_conflict():
    c = first_claim("The harbour board has not formally approved the ferry budget.")
    m = verdict(c, "The harbour board approved the ferry budget.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_quotation_denying_what_an_outlets_quotation_says_in_the_past_form_is_a_conflict():
    quote = seed_quote("Harbour Fine\n“We did not pay the harbour fine this year,” said harbour "
                       "chief Ana Ruiz.\n")
    m = match_article([quote], "“We paid the harbour fine this year,” Ruiz said.").matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["quote"]


def test_words_given_to_the_person_the_speaker_told_them_to_are_a_speaker_conflict():
    quote = seed_quote("Ferry Deal\n“We will not sign the ferry deal this winter,” harbour chief "
                       "Ana Ruiz told Omar Haddad.\n")
    article = "“We will not sign the ferry deal this winter,” Haddad said."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["speaker"]


def test_a_quotation_whose_sentence_names_its_speaker_is_no_speaker_conflict():
    seed = read_seed("Ferry Trial Ends\nThe run was both early and “far better than anyone had "
                     "planned,” said rail engineer Ines Brandt, who works for 40 North.\n")
    article = ("The night ferry left on time. The run was “far better than anyone had planned,” "
               "rail specialist Ines Brandt of the monitoring group 40 North told the Ledger.")
    quote = next(c for c in seed.claims if c.kind == "quote")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_a_negation_of_quoted_words_is_not_read_into_the_clause_before_it():
    # "could not" negates the quoted words (left out of the clauses), not "called the plan".
    c = first_claim("The mayor called the ferry plan “a costly mistake,” and said she could "
                    "not “support a budget that cuts every night crossing.”")
    m = verdict(c, "The mayor called the ferry plan a costly mistake on Monday.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_the_years_in_a_reports_title_are_not_set_against_the_years_of_a_finding():
    c = first_claim("The study, \u201cSleep and Memory Loss in Older Adults, 1990-2020,\u201d was "
                    "published on Tuesday in the Harbour Medical Journal.")
    m = verdict(c, "\u201cDuring 2015-2020, memory scores fell by a third,\u201d read the study "
                   "published on Tuesday in the Harbour Medical Journal.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_an_amount_more_or_fewer_than_another_is_a_change_not_set_against_a_level():
    c = first_claim("Ferry refund claims fell to 1,200 last week, down from 1,500 the previous "
                    "week, the Harbour Board said.")
    m = verdict(c, "Ferry refund claims were 300 fewer than the previous week, the Harbour Board "
                   "said.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_quotation_that_goes_on_past_the_claims_words_is_not_a_changed_one():
    # The article quotes more of the same statement; its next sentence holds a "nothing",
    # which is not the claim's words negated.
    seed = read_seed("Night Ferry Stays\n\"We fought for this ferry in the only way we know, "
                     "which is to say openly and loudly, with heart and soul,\" Ada Lund said "
                     "outside the harbour office.\n")
    article = ("Harbour master Ada Lund: \"We fought for this ferry in the only way we know, "
               "which is to say openly and loudly, with heart and soul. We held nothing "
               "back.\"\nThe crossing reopened on Wednesday.")
    assert "conflict" not in [m.verdict for m in match_article(seed.claims, article).matches]


@pytest.mark.parametrize("claim", [
    "The council cut 40 percent of its research income from the port.",
    "Tolls rose 40 Per Cent OF the harbour fees and 140 percent of fines.",
    "About 1.5% of voters, or 5% of the district's households, moved.",
    "Turnout was 2.40 percent of voters and 40 percent of members in favour.",
    "The \u212aelvin fund kept 40 percent of its \u017fhares.",
])
def test_a_percentage_is_a_share_of_what_the_amounts_own_pattern_finds(claim: str):
    import re

    from monitor.steps.conflicts import _SHARE, _share_of
    from monitor.steps.text import normalise
    for amount in ["40", "40 percent", "1.5%", "5%", "40 per cent", "140 percent"]:
        found = re.search(r"(?<![\d.,])" + re.escape(amount) + _SHARE, normalise(claim),
                          re.IGNORECASE)
        assert _share_of(claim, amount) == (
            frozenset(content_words(found.group(1).split()[-1])) if found else frozenset())


def test_a_title_given_for_another_in_a_quotation_is_a_conflict():
    quote = seed_quote("Ferry Plan\nMoreno said, “The Governor told me the ferry plan could not "
                       "pass the council.”\n")
    m = match_article([quote], "“The Senator told me the ferry plan could not pass the "
                               "council,” Moreno said.").matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["quote"]


def test_a_title_is_no_name_given_for_another_in_a_quotation():
    quote = seed_quote("Debate\nWhen Haddad denied it, Moreno asked, “You're saying that you never "
                       "told Senator Lund that the ferry plan couldn't pass the council?”\n")
    m = match_article([quote], "“Sen. Lund, what did you think when Sen. Haddad told you the "
                               "ferry plan could not pass the council?” Moreno asked.").matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_plan_said_dropped_is_no_flipped_negation_of_one_said_not_included():
    c = first_claim("The ferry plan will not include giving the harbour board power to set "
                    "fares for islanders.")
    m = verdict(c, "The council has since abandoned ideas it backed in the spring, including "
                   "allowing the harbour board to set fares for islanders.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_plan_said_included_against_one_not_included_is_still_a_conflict():
    c = first_claim("The ferry plan will not include giving the harbour board power to set "
                    "fares for islanders.")
    m = verdict(c, "The ferry plan will include giving the harbour board power to set fares "
                   "for islanders.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_dropping_denied_against_the_dropping_is_still_a_conflict():
    c = first_claim("The council will not abandon its plan to let the harbour board set fares "
                    "for islanders.")
    m = verdict(c, "The council abandoned its plan to let the harbour board set fares for "
                   "islanders.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_refusal_in_another_clause_is_no_dropping_of_this_one():
    c = first_claim("The ferry plan will not include giving the harbour board power to set "
                    "fares for islanders.")
    m = verdict(c, "The mayor refused to comment, but the ferry plan will include giving the "
                   "harbour board power to set fares for islanders.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_dropping_of_something_else_in_the_clause_is_still_a_flipped_negation():
    c = first_claim("The harbour council did not approve the ferry budget.")
    m = verdict(c, "The harbour council approved the ferry budget after the mayor rejected "
                   "deeper cuts.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_words_the_seeds_speaker_said_after_meeting_the_articles_speaker_are_a_speaker_conflict():
    quote = seed_quote("Ferry Deal\n\u201cWe will not sign the ferry deal this winter,\u201d "
                       "harbour chief Ana Ruiz said after meeting Omar Haddad.\n")
    article = "\u201cWe will not sign the ferry deal this winter,\u201d Haddad said."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["speaker"]


@pytest.mark.parametrize("naming", ["said, quoting Omar Haddad", "wrote, citing Omar Haddad",
                                    "said, echoing Omar Haddad",
                                    "said in a joint statement with Omar Haddad",
                                    "said at a rally, quoting Omar Haddad"])
def test_words_the_seeds_speaker_says_with_the_articles_speaker_as_source_are_no_conflict(naming):
    quote = seed_quote("Ferry Deal\n\u201cWe will not sign the ferry deal this winter,\u201d "
                       f"harbour chief Ana Ruiz {naming}.\n")
    article = "\u201cWe will not sign the ferry deal this winter,\u201d Haddad said."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_a_refusal_told_in_a_subordinate_clause_drops_nothing_of_the_main_one():
    c = first_claim("The harbour mayor has not signed the ferry contract.")
    m = verdict(c, "The harbour mayor signed the ferry contract he had refused to sign in "
                   "March.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_shares_that_dropped_drop_nothing_the_negation_denies():
    c = first_claim("The ferry operator did not report a profit in March.")
    m = verdict(c, "The ferry operator's shares dropped 5% after it reported a profit in March.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_verb_of_dropping_denied_in_an_irregular_form_is_still_a_flipped_negation():
    # what "withdrew" drops holds "withdraw", which is what "has not withdrawn" denies
    c = first_claim("The harbour council has not withdrawn its offer to withdraw ferry "
                    "subsidies.")
    m = verdict(c, "The harbour council withdrew its offer to withdraw ferry subsidies.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


@pytest.mark.parametrize("act", ["after meeting the mayor, Omar Haddad, on Monday",
                                 "at a rally with Lena Lund, Omar Haddad and others"])
def test_an_act_with_the_articles_speaker_named_in_a_list_or_apposition_is_a_swap(act):
    quote = seed_quote("Ferry Deal\n\u201cWe will not sign the ferry deal this winter,\u201d "
                       f"harbour chief Ana Ruiz said {act}.\n")
    article = "\u201cWe will not sign the ferry deal this winter,\u201d Haddad said."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["speaker"]


def test_a_reply_read_as_going_on_from_the_question_is_no_speaker_conflict():
    # The reply carries the questioner's name on (a guess); the article names who replied.
    seed = read_seed("Pier Row\n\u201cYou promised the harbour a new pier,\u201d Tomas Berg "
                     "told Ana Ruiz. \u201cI promised nothing of the kind to anyone at "
                     "all.\u201d\n")
    reply = next(c for c in seed.claims if c.text.startswith("I promised"))
    article = "\u201cI promised nothing of the kind to anyone at all,\u201d Ana Ruiz said."
    m = match_article([reply], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


@pytest.mark.parametrize("sentence", [
    "Storm Arla made landfall near Port Lira at 2 p.m. on Tuesday, forecasters said.",
    "Storm Arla made landfall near Port Lira at 14:00 on Tuesday, forecasters said."])
def test_one_time_of_day_written_another_way_is_no_conflict(sentence):
    c = first_claim("Storm Arla made landfall near Port Lira at 2:00 p.m. on Tuesday, "
                    "forecasters said.")
    m = verdict(c, sentence)
    assert m.verdict != "absent" and not m.conflicts


def test_another_time_of_day_is_noted_as_written_never_counted():
    # Which act a time dates is more than its words tell: "the tribunal, which sat from
    # 9 a.m., adjourned at 4 p.m." Shown, so a reader can judge; not counted as a conflict.
    c = first_claim("The deadline for bids on the Port Lira ferry contract is 5 p.m. Friday, "
                    "the council said.")
    m = verdict(c, "The deadline for bids on the Port Lira ferry contract is 7:30 p.m. Friday, "
                   "the council said.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [
        {"kind": "another moment", "claim": "5 p.m.", "article": "7:30 p.m."}]


def test_an_event_at_another_hour_is_noted_as_written_not_counted():
    # "At 2 p.m." and "at 4:30 p.m." may be two moments of the story as two outlets tell it.
    c = first_claim("Storm Arla made landfall near Port Lira at 2:00 p.m. on Tuesday, "
                    "forecasters said.")
    m = verdict(c, "Storm Arla made landfall near Port Lira at 4:30 p.m. on Tuesday, "
                   "forecasters said.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [
        {"kind": "another moment", "claim": "2:00 p.m.", "article": "4:30 p.m."}]


def test_minutes_of_a_time_written_without_its_half_of_the_day_are_no_count_in_conflict():
    # "7:30" was read as 7 and 30: "30" against "45" was a number conflict.
    c = first_claim("The shooting at the Port Lira ferry terminal began at 7:30 on Tuesday, "
                    "police said.")
    m = verdict(c, "The shooting at the Port Lira ferry terminal began at 7:45 on Tuesday, "
                   "police said.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [
        {"kind": "another moment", "claim": "7:30", "article": "7:45"}]


def test_a_time_without_its_half_of_the_day_is_not_compared_with_one_with_it():
    c = first_claim("The shooting at the Port Lira ferry terminal began at 7:30 on Tuesday, "
                    "police said.")
    m = verdict(c, "The shooting at the Port Lira ferry terminal began at 7:30 p.m. on Tuesday, "
                   "police said.")
    assert m.verdict != "conflict" and not m.notes


def test_times_in_two_time_zones_are_not_compared():
    c = first_claim("Polls in the Valdora primary close at 5 p.m. ET on Tuesday, officials said.")
    m = verdict(c, "Polls in the Valdora primary close at 2 p.m. PT on Tuesday, officials said.")
    assert m.verdict != "conflict"


def test_about_an_hour_agrees_with_a_time_within_half_an_hour_as_a_rounded_note():
    c = first_claim("Storm Arla made landfall near Port Lira at about 2 p.m. on Tuesday, "
                    "forecasters said.")
    m = verdict(c, "Storm Arla made landfall near Port Lira at 2:20 p.m. on Tuesday, "
                   "forecasters said.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [{"kind": "rounded", "claim": "2 p.m.",
                                         "article": "2:20 p.m."}]


@pytest.mark.parametrize("claim, sentence", [
    ("The Port Ada tribunal adjourned at 4 p.m. on Monday, the clerk said.",
     "The Port Ada tribunal, which sat from 9 a.m., adjourned on Monday, the clerk said."),
    ("The museum in Port Ada is open until 5 p.m. on weekdays, the city said.",
     "The museum in Port Ada opens at 9 a.m. on weekdays, the city said."),
    ("The fire at the Port Ada warehouse started at 3 a.m., police said.",
     "Firefighters brought the Port Ada warehouse fire under control by 7 a.m., police said."),
    ("Port Ada beat Valdora 21-17 in the handball final, which started at 15:00 on Sunday.",
     "Port Ada beat Valdora 21-17 in the handball final on Sunday, after leading 13:10 at "
     "half time."),
])
def test_times_of_two_acts_of_one_story_are_no_conflict(claim, sentence):
    assert verdict(first_claim(claim), sentence).verdict != "conflict"


@pytest.mark.parametrize("claim, sentence", [
    ("Gunfire erupted at the Port Ada mall shortly after 2 p.m., police said.",
     "Gunfire erupted at the Port Ada mall at 2:10 p.m., police said."),
    ("Lawmakers in Valdora must pass the budget by 5 p.m. Friday, the speaker said.",
     "Lawmakers in Valdora passed the budget at 4:45 p.m. Friday, the speaker said."),
])
def test_a_time_within_a_bound_agrees_with_it_as_a_rounded_note(claim, sentence):
    m = verdict(first_claim(claim), sentence)
    assert m.verdict != "conflict" and [n["kind"] for n in m.notes] == ["rounded"]


@pytest.mark.parametrize("claim", [
    "The rally in Port Ada runs from 1 to 3 p.m. on Saturday, organisers said.",
    "The rally in Port Ada runs 1-3 p.m. on Saturday, organisers said.",
    "The rally in Port Ada runs between 1 and 3 p.m. on Saturday, organisers said."])
def test_a_range_of_times_agrees_with_its_first_end_without_a_note(claim):
    m = verdict(first_claim(claim), "The rally in Port Ada starts at 1 p.m. on Saturday, "
                                    "organisers said.")
    assert m.verdict != "conflict" and not m.notes


def test_a_time_in_local_time_agrees_with_the_same_time_in_no_zone():
    m = verdict(first_claim("The mayor will resign effective 5 p.m. local time on Wednesday, "
                            "his office in Port Ada said."),
                "The mayor of Port Ada will step down effective 5 p.m. Wednesday, his office said.")
    assert m.verdict != "absent" and not m.conflicts and not m.notes


@pytest.mark.parametrize("words", ["will carry"])
def test_a_quotation_given_to_a_person_named_like_a_body_is_noted_as_another_speaker(words):
    # "Margaret Court" reads as a court: another speaker noted, not counted.
    quote = seed_quote("Ferry Plan\n“The ferry will carry ten thousand cars a day by the spring,” "
                       "Governor Ada Lund said.\n")
    article = (f"Other news. “The ferry {words} ten thousand cars a day by the spring,” Margaret "
               "Court told reporters.")
    m = match_article([quote], article).matches[0]
    assert m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another speaker", "claim": "Ada Lund", "article": "Margaret Court"}]


def test_an_organisations_quotation_flipped_by_its_spokeswoman_is_a_changed_quotation():
    quote = seed_quote("Fares\n“We will not raise fares this year,” the Avalon Transit Authority "
                       "said on Monday.\n")
    article = "Other news. “We will raise fares this year,” Ana Ruiz told reporters on Monday."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and [c["kind"] for c in m.conflicts] == ["quote"]
    assert [n["kind"] for n in m.notes] == ["another speaker"]


def test_a_publications_quotation_given_to_a_person_is_another_speaker_noted_not_a_conflict():
    quote = Claim(1, "The quay has stood empty for a decade", "quote",
                  "As The Avalon Herald notes, “the quay has stood empty for a decade.”",
                  speaker="Avalon Herald", quotes=["The quay has stood empty for a decade"])
    conflicts, noted = quote_checks(quote, ["The quay has stood empty for a decade"], "Ana Ruiz")
    assert conflicts == [] and [n["kind"] for n in noted] == ["another speaker"]


def test_words_a_publication_reported_given_to_a_person_are_no_speaker_conflict():
    # The person may have said what the agency wrote; a note, not a contradiction.
    quote = seed_quote("Pier Row\nMayor Ana Ruiz met the union on Monday. According to Bloomberg, "
                       "\u201cthe old pier will close by May for repairs to its deck.\u201d\n")
    article = ("\u201cThe old pier will close by May for repairs to its deck,\u201d Tom Lund "
               "said.")
    assert match_article([quote], article).matches[0].verdict != "conflict"


def test_counts_sharing_only_a_word_after_what_they_count_are_no_conflict():
    # trades and bakers are two things counted, both "shown at the fair"
    c = first_claim("The organisers said more than 40 trades were shown at the harvest fair.")
    m = verdict(c, "On Tuesday the organisers said at least six bakers were shown at the harvest "
                   "fair in the old town.")
    assert m.verdict != "conflict"


def test_counts_of_one_thing_described_otherwise_are_shown_as_another_amount():
    c = first_claim("About 3,200 striking dockworkers walked off the job at the port on Monday.")
    m = verdict(c, "About 2,300 union dockworkers walked off the job at the port on Monday.")
    assert m.verdict != "conflict"
    assert [(n["kind"], n["claim"], n["article"]) for n in m.notes] == [
        ("another amount", "3,200", "2,300")]


def test_a_speaker_named_one_letter_otherwise_is_shown_as_another_speaker():
    (quote,) = [c for c in read_seed(
        "Port\n\u201cWe will keep every berth of the harbour open through the winter,\u201d "
        "said Maria Larsen.\n").claims if c.kind == "quote"]
    m = match_article([quote], "\u201cWe will keep every berth of the harbour open through "
                               "the winter,\u201d said Maria Larson.").matches[0]
    assert m.verdict != "conflict"
    assert [(n["kind"], n["article"]) for n in m.notes] == [("another speaker", "Maria Larson")]


def test_another_amount_in_a_sentence_barely_close_to_the_claim_makes_a_part_not_a_conflict():
    # another contract's term, in a sentence that shares a few of the claim's words: the model
    # reads another claim, and the fuzzy score is under 60
    seed = read_seed("Port\nThe new toll leaves the three-year pier lease signed in May "
                     "untouched.\n")
    m = match_article(seed.claims, "Separately, the council signed a 12-year pier cleaning "
                                   "contract with a mainland firm in late May.").matches[0]
    assert m.verdict == "partial" and not m.conflicts


GUESSED_SEED = ("Ferry Plan\nGovernor Ida Lund opened the quay on Monday.\n"
                "The ferry company has bought two boats for the crossing.\n"
                "“The ferry will run all winter from the eastern quay,” she said.\n")
NAMED_ARTICLE = ("“The ferry will run all winter from the eastern quay,” harbour chief Ana Ruiz "
                 "said.")


def test_a_seed_she_said_the_sentence_before_ties_to_no_one_is_no_speaker_conflict():
    # The sentence before is about the company: "she" is a guess from further back.
    m = match_article([seed_quote(GUESSED_SEED)], NAMED_ARTICLE).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_a_seed_she_said_after_a_sentence_opening_with_her_name_is_a_speaker_conflict():
    seed = ("Ferry Plan\nGovernor Ida Lund opened the quay on Monday.\n"
            "“The ferry will run all winter from the eastern quay,” she said.\n")
    m = match_article([seed_quote(seed)], NAMED_ARTICLE).matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["speaker"]


def test_a_negation_against_a_clause_mostly_telling_another_fact_is_no_conflict():
    # Their clause carries the claim's words, and as much again of another act (a threat).
    c = first_claim("The harbour mayor did not close the ferry quay then.")
    m = verdict(c, "On Friday the harbour mayor threatened to close the ferry quay next week "
                   "over the island council's unpaid dredging bill.")
    assert not any(d["kind"] == "negation" for d in m.conflicts or [])


@pytest.mark.parametrize("seed, sentence", [
    ("The missing ferry boat is yet to be found.", "The missing ferry boat has not been found."),
    ("The board will treat the fare limits as advice rather than rules.",
     "The board will treat the fare limits as advice, not rules."),
    ("The mayor said the ferry quay would \"never\" close.",
     "The mayor said the ferry quay will never close."),
])
def test_one_denial_worded_two_ways_is_no_flipped_negation(seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert not any(d["kind"] == "negation" for d in m.conflicts or [])


def test_amounts_listed_before_one_unit_conflict_with_their_own_counterpart():
    (c,) = read_seed("The two drones flew 140 and 90 miles, the coast guard said.").claims
    m = verdict(c, "The coast guard said the two drones flew 140 miles and 95 miles.")
    assert [(x["claim"], x["article"]) for x in m.conflicts] == [("90", "95")]


@pytest.mark.parametrize("seed, sentence", [
    ("The harbour board closed the quay on Monday.",
     "The harbour board said on Tuesday evening in a written statement to local reporters that "
     "it had not closed the quay on Monday."),
    ("The mayor said the ferry would not run on Sunday.",
     "The mayor said on Tuesday in a long interview with the local radio station that the ferry "
     "would run on Sunday."),
])
def test_who_said_a_denial_and_when_are_no_words_of_another_fact(seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert [d["kind"] for d in m.conflicts or []] == ["negation"]


@pytest.mark.parametrize("seed, sentence", [
    ("Ferry fares will rise by 5 percent in May.",
     "Ferry fares will rise by 5 percent in May rather than the 8 percent first proposed."),
    ("Mayor Lund prefers repairs to closing the quay.",
     "Mayor Lund wants to repair the quay rather than close it."),
    ("The council voted on the ferry plan on Monday.",
     "The council voted \u201cno\u201d on the ferry plan on Monday."),
    ("The worst of the flooding is still to come, forecasters said.",
     "The worst of the flooding is yet to come, forecasters said."),
])
def test_an_alternative_set_aside_a_quoted_no_or_still_to_come_is_no_flipped_negation(
        seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert not any(d["kind"] == "negation" for d in m.conflicts or [])


@pytest.mark.parametrize("seed, sentence", [
    ("The Halden ferry festival will go ahead on Friday, organisers said.",
     "The Halden ferry festival is still to go ahead on Friday, organisers said."),
    ("The Halden port board is to blame for the quay collapse, the inquiry found.",
     "The Halden port board is still to blame for the quay collapse, the inquiry found."),
    ("The Halden mill paid its workers.",
     "The Halden mill did not pay its workers until late on Friday evening last week, its "
     "owner told reporters in a statement."),
], ids=["still to go ahead", "still to blame", "not until"])
def test_still_to_and_not_until_deny_nothing(seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert not any(d["kind"] == "negation" for d in m.conflicts or [])


def test_an_amount_is_marked_where_it_stands_whole_not_inside_a_year():
    note = {"kind": "rounded", "claim": "30", "article": "29",
            "seed_sentence": "In 2030 about 30 ferries will run.",
            "article_sentence": "By 2030, 29 ferries will run."}
    seed, article = marked_sentences(note)
    assert seed == [("In 2030 about ", False), ("30", True), (" ferries will run.", False)]
    assert article == [("By 2030, ", False), ("29", True), (" ferries will run.", False)]


def _one_quote_match(seed_text: str, article: str):
    quote = seed_quote(seed_text)
    return match_article([quote], article).matches[0]


def test_a_quotation_longer_at_one_end_and_shorter_at_the_other_is_not_a_changed_one():
    # The article quotes a sentence before the seed's words and stops before its last clause,
    # which holds the seed's "no": no negation is dropped from the words both quote.
    m = _one_quote_match(
        "Pier\n“The pier will open to ferries on Friday and the pier will stay open all night, "
        "though no pier in Calder has stayed open all night,” harbour chief Ana Ruiz said.\n",
        "“The council voted on it twice. The pier will open to ferries on Friday and the pier "
        "will stay open all night,” Ruiz said.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_not_before_the_seeds_quoted_words_and_outside_them_is_no_negation_dropped():
    # The seed quoted words out of a denial ('she did not "keep …"'); the article quotes
    # the denial whole.
    m = _one_quote_match("Ferry Plan\nHarbour chief Ana Ruiz said she did not “keep those "
                         "figures in my head.”\n", "“I don't keep the figures in my head,” "
                                                     "Ruiz said.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_no_answering_a_question_is_no_negation_dropped():
    m = _one_quote_match("Ferry Plan\n“No, the island council gets the ferry plan ... by the "
                         "end of the month, with a vote soon after,” harbour chief Ana Ruiz "
                         "said.\n", "“The island council gets the ferry plan in a few days -- "
                                     "by the end of the month,” Ruiz said.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_negation_dropped_where_the_article_quotes_other_words_is_still_a_conflict():
    m = _one_quote_match(
        "Ferry Plan\n“Do not close the eastern quay before the vote,” harbour chief Ana Ruiz "
        "said.\n",
        "“We have to wait, close the eastern quay before the vote,” Ruiz said.")
    assert m.verdict == "conflict" and [c["kind"] for c in m.conflicts] == ["quote"]


def test_a_name_added_and_another_left_out_of_a_quotation_is_no_name_changed():
    m = _one_quote_match(
        "Wreck\n“At this point the council and the harbour master, Ines Brandt, expect to "
        "hear what the Calder coastguard has done to clear the wreck from the channel,” "
        "harbour chief Omar Haddad said.\n",
        "“The council and the harbour master expect to hear from Captain Ana Ruiz what the "
        "coastguard has done to clear the wreck from the channel,” Haddad said.")
    assert m.verdict != "conflict" and m.conflicts is None


@pytest.mark.parametrize(("ours", "theirs"), [
    ("Senior Advisor", "Senior Adviser"),
    ("Lundco", "LundcoMobil"),
    ("@AvalonFerriesUK", "Avalon Ferries"),
    ("Pier Two", "Pier II"),
])
def test_a_name_spelt_otherwise_in_a_quotation_is_no_other_name(ours, theirs):
    m = _one_quote_match(
        f"Ferry Plan\n“The {ours} board will keep the night ferry running from the eastern "
        "quay all winter,” harbour chief Ana Ruiz said.\n",
        f"“The {theirs} board will keep the night ferry running from the eastern quay all "
        "winter,” Ruiz said.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_name_put_in_the_place_of_another_in_a_quotation_is_still_a_conflict():
    m = _one_quote_match(
        "Ferry Plan\n“The mayor signed the Calder Bridge contract in secret and hid it from "
        "the council for a year,” harbour chief Ana Ruiz said.\n",
        "“The mayor signed the Calder Tunnel contract in secret and hid it from the council "
        "for a year,” Ruiz said.")
    assert m.verdict == "conflict" and [c["kind"] for c in m.conflicts] == ["quote"]


def test_an_outlets_quotation_of_the_seeds_other_piece_of_a_statement_is_not_this_one_changed():
    seed = read_seed("Fares\n“The Harbour Board has decided that the ferry fares for islanders "
                     "should stay as they are,” two board lawyers wrote to the island council. "
                     "“[T]he Port Authority is not proposing that any of the ferry fares for "
                     "islanders be raised.”\n")
    article = ("“The Harbour Board has decided that the ferry fares for islanders should stay "
               "as they are,” the board said in a letter to the council.")
    verdicts = [m.verdict for m in match_article(seed.claims, article).matches]
    # the whole statement told in part, its first piece word for word, the second not at all
    assert verdicts == ["partial", "verbatim", "absent"]


def test_a_greeting_to_a_place_said_by_two_people_is_no_speaker_conflict():
    m = _one_quote_match(
        "Vote Night\n“Thank you, thank you, Lake Calder Springs,” harbour chief Ana Ruiz told "
        "the crowd at the quay late on Tuesday.\n",
        "“Thank you, thank you, Lake Calder Springs. What a night for the island,” Ines Brandt "
        "told her "
        "own crowd at the town hall.")
    assert m.conflicts is None or "speaker" not in [c["kind"] for c in m.conflicts]


def _kinds(m) -> list[str]:
    return [c["kind"] for c in m.conflicts or []]


@pytest.mark.parametrize("seed_words, article_words", [
    ("Nobody on the island will lose a job over the new ferry timetable",
     "Everybody on the island will lose a job over the new ferry timetable"),
    ("The new quay will be designed and built by Brandt",
     "The new quay will be designed and built by Haddad"),
], ids=["first word", "last word"])
def test_a_word_changed_at_an_end_of_a_quotation_is_a_quotation_conflict(seed_words,
                                                                         article_words):
    m = _one_quote_match(f"Ferry Plan\n“{seed_words},” harbour chief Ana Ruiz said.\n",
                         f"“{article_words},” harbour chief Ana Ruiz said.")
    assert m.verdict == "conflict" and "quote" in _kinds(m)


@pytest.mark.parametrize("words", ["We will not resign", "I did not sink the ferry"])
def test_a_short_quotation_given_to_another_person_is_a_speaker_conflict(words):
    m = _one_quote_match(f"Ferry Plan\n“{words},” harbour chief Ana Ruiz said.\n",
                         f"“{words},” councillor Per Moen said.")
    assert m.verdict == "conflict" and "speaker" in _kinds(m)


@pytest.mark.parametrize("ours, theirs", [("Hansen", "Jansen"), ("Maria", "Marie"),
                                          ("Lund", "Lundberg")])
def test_another_persons_name_a_letter_off_or_longer_is_a_name_changed(ours, theirs):
    m = _one_quote_match(f"Ferry Plan\n“The ferry contract went to {ours} and the crew stays,” "
                         "harbour chief Ana Ruiz said.\n",
                         f"“The ferry contract went to {theirs} and the crew stays,” harbour "
                         "chief Ana Ruiz said.")
    assert m.verdict == "conflict" and "quote" in _kinds(m)


@pytest.mark.parametrize("opening", ["In the evening,", "On Tuesday evening,"])
def test_a_sentence_opening_on_a_part_of_the_day_still_conflicts(opening):
    m = verdict(first_claim("The storm sank 12 fishing boats at the eastern quay."),
                f"{opening} the storm sank 30 fishing boats at the eastern quay.")
    assert m.verdict == "conflict"


@pytest.mark.parametrize("acts", ["arrested and charged", "caught and fined"])
def test_a_year_of_one_of_two_acts_told_together_still_conflicts(acts):
    m = verdict(first_claim(f"The ferry skipper was {acts} in 2019."),
                f"The ferry skipper was {acts.split()[0]} in 2017.")
    assert m.verdict == "conflict"


def test_counts_in_words_swapped_between_two_nouns_conflict():
    m = _amount_verdict("The clinic in Valdora hired thirty nurses and twelve doctors last year.",
                        "The clinic in Valdora hired twelve nurses and thirty doctors last year.")
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": "thirty", "article": "twelve"} in what_differs(m)


@pytest.mark.parametrize("seed_name, article_name", [("Ada Johnson", "Johnston"),
                                                     ("Johnson", "Johnston")])
def test_a_family_name_alone_a_consonant_off_is_noted_as_another_speaker(seed_name,
                                                                         article_name):
    quote = seed_quote(f"Bridge Opens\n{BRIDGE_QUOTE} provincial governor {seed_name} said on "
                       "Monday.\n")
    article = f"The bridge opened on Monday. {BRIDGE_QUOTE} {article_name} told reporters."
    m = match_article([quote], article).matches[0]
    assert m.conflicts is None and m.notes[0]["kind"] == "another speaker"


@pytest.mark.parametrize("seed_name, article_name", [("Ada Zelensky", "Zelenskiy"),
                                                     ("Ada Zelensky", "Zelenskyy"),
                                                     ("Omar Mohamed", "Mohammed"),
                                                     ("Omar Gaddafi", "Gadhafi")])
def test_a_family_name_alone_spelt_another_way_is_the_same_person(seed_name, article_name):
    quote = seed_quote(f"Bridge Opens\n{BRIDGE_QUOTE} provincial governor {seed_name} said on "
                       "Monday.\n")
    article = f"The bridge opened on Monday. {BRIDGE_QUOTE} {article_name} told reporters."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def _grain_quote(seed_name, article_name):
    quote = seed_quote(f"Aid Arrives\n“The first trucks of grain from {seed_name} reached the "
                       "border on Monday morning,” minister Ada Lund said.\n")
    article = (f"Aid arrived. “The first trucks of grain from {article_name} reached the border "
               "on Monday morning,” minister Ada Lund said.")
    return match_article([quote], article).matches[0]


@pytest.mark.parametrize("seed_name, article_name", [("Niger", "Nigeria"),
                                                     ("Johnson", "Johnston"),
                                                     ("Carter", "Carver"), ("Maria", "Marie"),
                                                     ("Hansen", "Jansen"), ("Lund", "Lundberg")])
def test_another_name_a_letter_or_an_ending_off_in_a_quotation_is_a_quotation_conflict(
        seed_name, article_name):
    m = _grain_quote(seed_name, article_name)
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "quote"


@pytest.mark.parametrize("seed_name, article_name", [
    ("Zelensky", "Zelenskiy"), ("Mohamed", "Mohammed"), ("Hussain", "Hussein"),
    ("Gaddafi", "Gadhafi"), ("Muñoz", "Munoz"), ("Nigeria", "Nigerian"), ("Sudan", "Sudanese"),
    ("Exxon", "ExxonMobil"), ("Iraq", "Iraqi"), ("Cuba", "Cuban"), ("Andrei", "Andrey"),
    ("Alexei", "Alexey"), ("Catherine", "Katherine"), ("Democrat", "Democratic")])
def test_one_name_spelt_another_way_in_a_quotation_is_no_conflict(seed_name, article_name):
    assert _grain_quote(seed_name, article_name).conflicts is None


def test_a_long_quotation_repeating_the_opening_before_the_changed_quotation_is_a_conflict():
    said = ("We will finish the new bridge over the river before the first snow falls this "
            "winter, and we will not raise the tolls for the families who cross it every day")
    opening = " ".join(said.split()[:25])
    aside = ("The council has argued about the budget for months, and the engineers have asked "
             "for more time to test the steel. ") * 8
    long_quote = f"{opening}, and then the council will decide. {aside}" + said.replace(
        "will not raise", "will raise")
    quote = seed_quote(f"Bridge Plan\n“{said},” mayor Ada Lund said on Monday.\n")
    article = f"The mayor spoke on Monday. “{long_quote},” mayor Ada Lund said."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "quote"


@pytest.mark.parametrize("seed_words, article_words", [
    ("No, the night ferry will leave the eastern quay at nine from next week",
     "And the night ferry will leave the eastern quay at nine from next week"),
    ("No, the night ferry will leave the eastern quay at nine from next week",
     "So the night ferry will leave the eastern quay at nine from next week"),
    ("Yes, the night ferry will leave the eastern quay at nine from next week",
     "Look, the night ferry will leave the eastern quay at nine from next week"),
    ("The night ferry will leave the eastern quay from next week, not before",
     "The night ferry will leave the eastern quay from next week on Mondays"),
    ("The night ferry will leave the eastern quay from next week, not after",
     "The night ferry will leave the eastern quay from next week at nine"),
], ids=["no-and", "no-so", "yes-look", "not before", "not after"])
def test_an_answer_or_a_bound_at_an_end_of_a_quotation_is_no_negation_flipped(seed_words,
                                                                               article_words):
    m = _one_quote_match(f"Ferry Plan\n“{seed_words},” harbour chief Ana Ruiz said.\n",
                         f"“{article_words},” harbour chief Ana Ruiz said.")
    assert "quote" not in _kinds(m)


@pytest.mark.parametrize("seed_words, article_words", [
    ("No, nobody on the island will lose a job over the new ferry timetable",
     "Everybody on the island will lose a job over the new ferry timetable"),
    ("No ferries will leave the eastern quay at nine from next week",
     "All ferries will leave the eastern quay at nine from next week"),
], ids=["answer then nobody", "no as a determiner"])
def test_a_denial_after_an_answer_or_as_a_determiner_at_the_start_still_conflicts(
        seed_words, article_words):
    m = _one_quote_match(f"Ferry Plan\n“{seed_words},” harbour chief Ana Ruiz said.\n",
                         f"“{article_words},” harbour chief Ana Ruiz said.")
    assert m.verdict == "conflict" and "quote" in _kinds(m)


@pytest.mark.parametrize("words", [
    "Thank you so much, Calder Bay", "Thanks a lot, everyone", "Thank you all for coming tonight",
    "Good luck to you all", "Happy birthday, Tarn"])
def test_a_longer_thanks_or_wish_said_by_two_people_is_no_speaker_conflict(words):
    m = _one_quote_match(f"Ferry Plan\nHarbour chief Ana Ruiz spoke at the quay.\n“{words},” "
                         "Ruiz said.\n",
                         f"Councillor Per Moen spoke at the quay. “{words},” Moen said.")
    assert "speaker" not in _kinds(m)


@pytest.mark.parametrize("words", ["We are coming for all of you tonight", "We will not resign"])
def test_words_of_a_thanks_without_the_thanks_given_to_another_are_a_speaker_conflict(words):
    m = _one_quote_match(f"Ferry Plan\nHarbour chief Ana Ruiz spoke at the quay.\n“{words},” "
                         "Ruiz said.\n",
                         f"Councillor Per Moen spoke at the quay. “{words},” Moen said.")
    assert m.verdict == "conflict" and "speaker" in _kinds(m)


@pytest.mark.parametrize("claim_text, article", [
    ("Seven in ten voters on the island backed the ferry plan, the poll found.",
     "Four in ten voters on the island backed the ferry plan, the poll found."),
    ("Five of the twelve victims of the ferry fire were children, police said.",
     "Eight of the twelve victims of the ferry fire were children, police said."),
    ("4 in 10 voters on the island backed the ferry plan, the poll found.",
     "7 in 10 voters on the island backed the ferry plan, the poll found."),
    ("5 of the 12 victims of the ferry fire were children, police said.",
     "8 of the 12 victims of the ferry fire were children, police said."),
    ("Three out of 4 voters on the island backed the ferry plan.",
     "Two out of 4 voters on the island backed the ferry plan.")])
def test_a_share_told_otherwise_is_a_number_conflict(claim_text, article):
    m = verdict(first_claim(claim_text), article)
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "number"


@pytest.mark.parametrize("text, count, unit", [
    ("Rescuers freed 9 in 30 hours from the mine.", "9", ""),
    ("The bill passed 52 to 48 in the 100-seat senate.", "48", "")])
def test_a_count_in_a_span_of_time_or_a_place_is_no_share(text, count, unit):
    assert next(n.unit for n in numbers(text) if n.text == count) == unit


def test_a_claim_naming_a_thing_of_a_part_of_the_day_still_meets_another_years_amount():
    m = verdict(first_claim("The morning ferry to the island carries 300 passengers."),
                "In 2019, the morning ferry to the island carried 500 passengers.")
    assert m.verdict != "conflict"


def test_an_article_written_in_capitals_is_still_matched():
    claims = read_seed("Boat Sinks\nThe harbour pilot's boat sank on Friday and its crew of four "
                       "was rescued at dawn after it struck rocks near Gull Point, officers said."
                       "\n").claims
    article = ("THE HARBOUR PILOT'S BOAT SANK ON FRIDAY AND ITS CREW OF SIX WAS RESCUED AT DAWN "
               "AFTER IT STRUCK ROCKS NEAR GULL POINT, OFFICERS SAID.\n")
    assert match_article(claims, article).matches[0].verdict == "conflict"


def test_a_negation_put_in_far_inside_a_page_long_quotation_still_says_otherwise():
    # A "quotation" longer than anyone's is read only near the words it shares with the other:
    # there, past its first QUOTATION_CHARS characters, the negation flipped is still found.
    from monitor.steps.conflicts import QUOTATION_CHARS, says_otherwise
    ours = "We will pay the dockers for the lost days of the strike"
    filler = "the harbour was quiet all week " * (QUOTATION_CHARS // 10)
    theirs = f"{filler}We will not pay the dockers for the lost days of the strike {filler}"
    assert says_otherwise(ours, theirs)
    assert not says_otherwise(ours, theirs.replace(" not ", " "))


def test_a_negation_inside_a_page_long_quotation_is_found_past_an_early_incidental_shared_run():
    # The page's quotation shares three words with ours early on ("We will pay our respects"),
    # far from where it quotes ours changed: it is read where the shared runs are densest.
    from monitor.steps.conflicts import QUOTATION_CHARS, says_otherwise
    ours = "We will pay the dockers for the lost days of the strike"
    filler = "the harbour was quiet all week " * (QUOTATION_CHARS // 7)
    theirs = (f"We will pay our respects to the crews first. {filler}We will not pay the dockers "
              f"for the lost days of the strike {filler}")
    assert says_otherwise(ours, theirs)
    assert not says_otherwise(ours, theirs.replace(" not ", " "))


def test_words_the_seed_quotes_from_no_one_said_otherwise_by_someone_are_no_conflict():
    # The seed quotes a law's words (no speaker); the article a health office's rule: maybe
    # another text, so what differs is noted, not counted as a changed quotation.
    seed = read_seed("Osland Levy\nWhile the text of the Levy Act says money may go only to "
                     "clinics where \u201cfees are not a method of care,\u201d the practice had "
                     "been looser.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    found = match_article([quote], "Council bars fee clinics\nIts key elements include "
                                   "\u201cbanning referral for fees as a method of care,\u201d "
                                   "the health office said in a statement.").matches[0]
    assert found.verdict == "partial" and not found.conflicts
    assert [n["kind"] for n in found.notes] == ["another speaker"]


def test_a_round_distance_agrees_with_the_figure_it_rounds_as_a_rounded_note():
    m = _amount_verdict("The two drones flew 240 and 190 miles, the coast guard said.",
                        "The coast guard said the two drones flew 240 miles and 187 miles.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [{"kind": "rounded", "claim": "190", "article": "187"}]


def test_a_converted_range_of_distances_rounded_agrees_with_the_range_as_a_rounded_note():
    m = _amount_verdict("The pact banned drones with a range of 790 to 4,800km (490-2,980 miles).",
                        "The pact banned drones with a range of 500 to 3,000 miles.")
    assert m.verdict != "conflict"
    assert what_differs(m, m.notes) == [
        {"kind": "rounded", "claim": "490-2,980", "article": "500 to 3,000"}]


@pytest.mark.parametrize("claim_sentence, article_sentence", [
    # a round distance is no rounding of a figure more than 2 percent off
    ("The drone flew 100 miles before it fell, the coast guard said.",
     "The coast guard said the drone flew 140 miles before it fell."),
    ("The drone flew 170 miles before it fell, the coast guard said.",
     "The coast guard said the drone flew 160 miles before it fell."),
    # nor is a plain count of people a distance: 30 and 29 are two numbers
    ("Rescuers said 30 people were pulled from the river on Sunday.",
     "Rescuers said 29 people were pulled from the river on Sunday."),
    # nor a range whose end is far from the other's
    ("The pact banned drones with a range of 790 to 4,800km (490-2,980 miles).",
     "The pact banned drones with a range of 500 to 3,500 miles."),
    # nor a round measure 4 percent off
    ("The new pipeline will run 500 miles across the plain, the company said.",
     "The company said the new pipeline will run 480 miles across the plain."),
    ("The fire burned 1,000 acres of forest near Halden, rangers said.",
     "Rangers said the fire burned 960 acres of forest near Halden."),
    # nor a speed, nor a count of people or things with a measure's name
    ("The storm moved at 100 km/h along the coast, forecasters said.",
     "Forecasters said the storm moved at 98 km/h along the coast."),
    ("Rebels said 20 foot soldiers were captured near the border on Sunday.",
     "Rebels said 19 foot soldiers were captured near the border on Sunday."),
    ("Inspectors found 40 barrels of waste buried behind the plant.",
     "Inspectors found 39 barrels of waste buried behind the plant."),
])
def test_a_distance_or_count_told_otherwise_past_rounding_is_still_a_conflict(claim_sentence,
                                                                                article_sentence):
    assert _amount_verdict(claim_sentence, article_sentence).verdict == "conflict"
