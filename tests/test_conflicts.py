"""Conflicts between a claim and a sentence, and what sets a difference aside: pairs of ours."""

import pytest

from monitor.faces.report import conflict_label
from monitor.steps.claims import Claim, read_seed
from monitor.steps.conflicts import number_checks, quote_checks
from monitor.steps.match import match_article
from monitor.steps.text import content_words, numbers
from tests.conftest import claim, first_claim, minister_says, verdict, what_differs


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


def test_another_day_in_a_sentence_reporting_a_later_step_is_noted_not_a_conflict():
    [c] = read_seed("Rationing\nThe Castellan council ordered water rationing for 40,000 "
                    "households on Monday as the Dunmore reservoir ran low.\n").claims
    m = verdict(c, "Water rationing ordered by the Castellan council was extended on Wednesday "
                   "to three towns that draw on the Dunmore reservoir.")
    assert m.verdict == "partial"
    assert what_differs(m, m.notes) == [
        {"kind": "another day", "claim": "Monday", "article": "Wednesday"}]


@pytest.mark.parametrize("seed, sentence", [
    ("The strike began on Monday, the union said.",
     "The union said the strike started Tuesday."),
    ("The Castellan council ordered water rationing for 40,000 households on Monday as the "
     "Dunmore reservoir ran low.",
     "The Castellan council ordered water rationing for 40,000 households on Tuesday as the "
     "Dunmore reservoir ran low.")], ids=["reworded", "same words"])
def test_another_day_in_a_sentence_stating_the_claim_is_still_a_conflict(seed, sentence):
    [c] = read_seed(f"Headline\n{seed}\n").claims
    m = verdict(c, sentence)
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": "Monday", "article": "Tuesday"} in what_differs(m)


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
    seed = read_seed("Harbour Talks\n“The Dockworkers' Union will not sign before the vote,” "
                     "said harbour chief Ana Ruiz.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
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


def test_two_peoples_amounts_are_no_conflict():
    c = first_claim("Harbour pilot Ada Lund served on the ferry board for six years.")
    m = verdict(c, "Omar Haddad served on the ferry board for eight years.")
    assert m.verdict == "absent" and m.conflicts is None


def test_the_same_persons_differing_amount_is_still_a_conflict():
    c = first_claim("Harbour pilot Ada Lund served on the ferry board for six years.")
    m = verdict(c, "Lund served on the ferry board for eight years.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "six", "article": "eight"}]


def test_an_amount_said_of_someone_unnamed_is_still_compared():
    # "She" may be Lund: nothing tells another holder.
    c = first_claim("Harbour pilot Ada Lund served on the ferry board for six years.")
    assert verdict(c, "She served on the ferry board for eight years.").verdict == "conflict"


def test_a_holder_named_in_the_plural_is_the_same_holder():
    c = first_claim("Ferry fares for Islanders rose by 5% in March.")
    m = verdict(c, "Ferry fares for each Islander rose by 8% in March.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "5%", "article": "8%"}]


def test_the_people_who_say_an_amount_are_not_whom_it_is_of():
    c = first_claim("Ana Ruiz said ferry fares will rise by 5% in March.")
    m = verdict(c, "Omar Haddad said ferry fares will rise by 8% in March.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "5%", "article": "8%"}]


def test_another_amount_for_another_fact_in_a_partial_sentence_is_noted_not_a_conflict():
    [c] = read_seed("Wards\nThe plan set out in the city charter in the 19th century gives each "
                    "ward two seats on the council.\n").claims
    m = verdict(c, "In the 20th century, wards moved to share seats and 12 wards now elect their "
                   "members together.")
    assert m.verdict == "partial" and m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another amount", "claim": "19", "article": "20"}]


def test_a_speaker_named_with_a_generational_suffix_is_no_speaker_conflict():
    seed = read_seed("Harbour Dues\nTomas R. Ibarra Jr., the state senator for the harbour, "
                     "said the old crane would be retired in spring.\n“The new crane lifts "
                     "twice the load in half the time on the eastern quay,” Ibarra said.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("Senator Tomas Ibarra Jr. said “the new crane lifts twice the load in half "
               "the time on the eastern quay.”")
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_speaker_named_by_the_first_word_of_their_full_name_is_no_speaker_conflict():
    # Where the family name comes first, an outlet may name "Wen Haoran" as "Wen" alone.
    seed = read_seed("Bridge Opens\n“The bridge will carry ten thousand cars a day by the "
                     "spring,” provincial governor Wen Haoran said on Monday.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("The bridge opened on Monday. “The bridge will carry ten thousand cars a day by "
               "the spring,” Wen told reporters.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_a_speaker_written_without_the_names_accents_is_no_speaker_conflict():
    seed = read_seed("Bridge Opens\n“The bridge will carry ten thousand cars a day by the "
                     "spring,” said Governor Inés Muñoz on Monday.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("The bridge opened on Monday. “The bridge will carry ten thousand cars a day by "
               "the spring,” Governor Ines Munoz told reporters.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_a_speaker_of_another_family_sharing_a_first_name_is_still_a_speaker_conflict():
    seed = read_seed("Bridge Opens\n“The bridge will carry ten thousand cars a day by the "
                     "spring,” provincial governor Ada Lund said on Monday.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("The bridge opened on Monday. “The bridge will carry ten thousand cars a day by "
               "the spring,” Ada Brandt told reporters.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and m.conflicts[0]["kind"] == "speaker"


def test_words_a_spokeswoman_said_for_someone_the_seed_names_are_no_speaker_conflict():
    seed = read_seed("Ferry Plan\n“The ferry will run all winter from the eastern quay,” said "
                     "Ana Ruiz, a spokeswoman for Governor Ida Lund.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = "“The ferry will run all winter from the eastern quay,” Lund told reporters."
    m = match_article([quote], article).matches[0]
    assert m.verdict != "conflict" and m.conflicts is None


def test_an_organisations_words_given_to_its_spokeswoman_are_no_speaker_conflict():
    seed = read_seed("Ferry Plan\n“The ferry will run all winter from the eastern quay,” Harbour "
                     "Authority said in a statement.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("“The ferry will run all winter from the eastern quay,” said Ana Ruiz, who "
               "speaks for the port.")
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_two_spellings_of_one_organisation_are_no_speaker_conflict():
    quote = Claim(1, "We urge every citizen to stay indoors", "quote",
                  "“We urge every citizen to stay indoors,” the embassy said.",
                  speaker="Nordic Embassy in Avalon",
                  quotes=["We urge every citizen to stay indoors"])
    assert quote_checks(quote, ["We urge every citizen to stay indoors"], "Embassy") == ([], [])


def test_an_organisation_read_from_the_seed_is_no_speaker_conflict_with_a_person():
    seed = read_seed("Ferry Plan\nThe Nordic Embassy in Avalon spoke on Monday.\n“The ferry will "
                     "run all winter from the eastern quay,” the embassy said.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    assert quote.speaker == "Nordic Embassy in Avalon"
    article = "“The ferry will run all winter from the eastern quay,” Ana Ruiz told reporters."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_two_speakers_each_read_from_he_or_she_said_are_no_speaker_conflict():
    # Whose words "she said" and "he told" give is read from the sentences before: two guesses.
    seed = read_seed("Ferry Plan\nThe harbour board met on Monday with Governor Ida Lund.\n"
                     "“The ferry will run all winter from the eastern quay,” she said.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("Harbour chief Omar Haddad spoke at the quay on Monday. “The ferry will run all "
               "winter from the eastern quay,” he said.")
    m = match_article([quote], article).matches[0]
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
    seed = read_seed("Harbour Fine\n“We did not pay the harbour fine this year,” said harbour "
                     "chief Ana Ruiz.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    m = match_article([quote], "“We paid the harbour fine this year,” Ruiz said.").matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["quote"]


def test_a_holder_named_first_in_the_sentence_is_the_same_holder():
    c = first_claim("Harbour pilot Ada Lund served on the ferry board for six years.")
    m = verdict(c, "Lund served on the Bergen ferry board for eight years.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "six", "article": "eight"}]


def test_a_holder_named_by_its_initials_is_the_same_holder():
    c = first_claim("The Northern Ferry Authority raised its harbour fee to 4% on Thursday.")
    m = verdict(c, "The NFA raised its harbour fee to 3.5% on Thursday.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "4%", "article": "3.5%"}]


def test_words_given_to_the_person_the_speaker_told_them_to_are_a_speaker_conflict():
    seed = read_seed("Ferry Deal\n“We will not sign the ferry deal this winter,” harbour chief "
                     "Ana Ruiz told Omar Haddad.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
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


def test_an_amount_spent_set_against_an_amount_approved_is_noted_not_a_conflict():
    [c] = read_seed("Bridges\nThe county board approved $40 million for bridge repairs.\n").claims
    m = verdict(c, "By Friday the county had spent $12 million of it on bridge repairs, the "
                   "engineer told reporters, while crews were still at work on four spans.")
    assert m.verdict != "conflict" and m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another amount", "claim": "$40 million", "article": "$12 million"}]


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


def test_a_day_of_another_act_is_noted_not_a_conflict():
    # The release's day against the day of the order that came before it.
    c = first_claim("Tuesday's release of the harbour audit came two weeks after Judge Ana Ruiz "
                    "granted a request by several local newspapers.")
    m = verdict(c, "The audit was released after Judge Ana Ruiz on Monday ordered the harbour "
                   "board to publish it, in response to requests by local newspapers.")
    assert m.verdict == "partial" and m.conflicts is None
    assert {"kind": "another day", "claim": "Tuesday", "article": "Monday"} in what_differs(
        m, m.notes)


def test_a_day_of_the_same_act_in_a_clause_of_its_own_is_still_a_conflict():
    c = first_claim("But on Wednesday, the Castellan school board voted to close the library.")
    m = verdict(c, "The Castellan School Board on Tuesday voted 5-2 to close the library, the "
                   "paper reported.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "Wednesday", "article": "Tuesday"}]


def test_two_days_for_24_hours_is_still_a_conflict():
    c = first_claim("The ferry line sold 2,100 tickets in the past 24 hours.")
    m = verdict(c, "The ferry line sold 2,100 tickets in the past two days.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "24", "article": "two"}]


def test_a_day_told_in_an_aside_of_the_same_act_is_still_a_conflict():
    c = first_claim("The Castellan school board voted on Tuesday to close the library.")
    m = verdict(c, "The Castellan school board, meeting on Monday, voted to close the library.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "Tuesday", "article": "Monday"}]


def test_a_title_given_for_another_in_a_quotation_is_a_conflict():
    seed = read_seed("Ferry Plan\nMoreno said, “The Governor told me the ferry plan could not "
                     "pass the council.”\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    m = match_article([quote], "“The Senator told me the ferry plan could not pass the "
                               "council,” Moreno said.").matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["quote"]


def test_a_title_is_no_name_given_for_another_in_a_quotation():
    seed = read_seed("Debate\nWhen Haddad denied it, Moreno asked, “You're saying that you never "
                     "told Senator Lund that the ferry plan couldn't pass the council?”\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
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


def test_money_for_another_thing_is_no_conflict():
    c = first_claim("The ferry bill passed by the council also includes $7.8 million in aid "
                    "for islands hit by recent storms.")
    m = verdict(c, "The council then passed a new ferry bill that included $5.7 million for "
                   "the pier late Thursday.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_money_for_the_same_thing_is_still_a_conflict():
    c = first_claim("The ferry bill passed by the council also includes $7.8 million in aid "
                    "for islands hit by recent storms.")
    m = verdict(c, "The ferry bill also includes $5.7 million in aid for islands hit by recent "
                   "storms.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "$7.8 million", "article": "$5.7 million"}]


def test_an_expected_count_against_a_counted_one_is_noted_not_a_conflict():
    c = first_claim("Four Greens are expected to vote to call Lund to testify.")
    m = verdict(c, "Two Greens voted to call Lund to testify.")
    assert m.verdict == "partial" and m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another moment", "claim": "Four", "article": "Two"}]


def test_two_expected_counts_that_differ_are_still_a_conflict():
    c = first_claim("Four Greens are expected to vote to call Lund to testify.")
    m = verdict(c, "Six Greens are expected to vote to call Lund to testify.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "Four", "article": "Six"}]


def test_a_rate_at_another_moment_is_noted_not_a_conflict():
    c = first_claim("Prior to the strike, the jobless rate in Calder Bay was 3.5%.")
    m = verdict(c, "The agency said the Calder Bay jobless rate soared to 14.7 percent in April, "
                   "the highest since the war.")
    assert m.verdict == "partial" and m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another moment", "claim": "3.5%", "article": "14.7"}]


def test_a_rate_of_the_same_month_that_differs_is_still_a_conflict():
    c = first_claim("The jobless rate in the port towns was 3.5% in February.")
    m = verdict(c, "The jobless rate in the port towns was 4.5% in February.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "3.5%", "article": "4.5%"}]


def test_a_rate_anchored_on_one_side_only_is_still_a_conflict():
    c = first_claim("The jobless rate in the port towns was 3.5% in February.")
    m = verdict(c, "The jobless rate in the port towns was 4.5%, the agency said.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "3.5%", "article": "4.5%"}]


def test_a_refusal_in_another_clause_is_no_dropping_of_this_one():
    c = first_claim("The ferry plan will not include giving the harbour board power to set "
                    "fares for islanders.")
    m = verdict(c, "The mayor refused to comment, but the ferry plan will include giving the "
                   "harbour board power to set fares for islanders.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_a_bound_said_possible_against_a_bound_said_is_still_a_conflict():
    c = first_claim("Lund could face up to 10 years in prison if convicted of fraud.")
    m = verdict(c, "Lund faces up to 20 years in prison if convicted of fraud.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "10", "article": "20"}]


def test_a_count_of_one_event_told_at_two_times_is_still_a_conflict():
    # "after the ferry capsized" and "on Monday" are the event's times, not two moments.
    c = first_claim("Four people died after the ferry capsized.")
    m = verdict(c, "Five people died on Monday when the ferry capsized.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "Four", "article": "Five"}]


def test_a_year_in_a_sentence_of_what_could_be_is_still_compared():
    # "could" tells what may be looked into, not a forecast of the year.
    c = first_claim("The 2017 audit makes clear that the board could look into the ferry "
                    "contracts.")
    m = verdict(c, "The 2016 audit makes clear that the board looked into the ferry contracts.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "2017", "article": "2016"}]


def test_a_share_less_likely_to_do_something_is_no_forecast():
    # "less likely to take the ferry" is what people answered: a count of them, not a forecast.
    c = first_claim("The survey found that 40 percent of islanders would take the ferry less "
                    "often after the fare rise.")
    m = verdict(c, "The survey found that 25 percent of islanders were less likely to take the "
                   "ferry after the fare rise.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "40", "article": "25"}]


def test_a_dropping_of_something_else_in_the_clause_is_still_a_flipped_negation():
    c = first_claim("The harbour council did not approve the ferry budget.")
    m = verdict(c, "The harbour council approved the ferry budget after the mayor rejected "
                   "deeper cuts.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_an_amount_two_people_wrote_or_tweeted_is_of_one_holder():
    c = first_claim("Ana Ruiz wrote that the ferry carried 40,000 passengers in May.")
    m = verdict(c, "Omar Haddad tweeted that the ferry carried 38,000 passengers in May.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "40,000", "article": "38,000"}]


def test_words_the_seeds_speaker_said_after_meeting_the_articles_speaker_are_a_speaker_conflict():
    seed = read_seed("Ferry Deal\n\u201cWe will not sign the ferry deal this winter,\u201d harbour "
                     "chief Ana Ruiz said after meeting Omar Haddad.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = "\u201cWe will not sign the ferry deal this winter,\u201d Haddad said."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["speaker"]


@pytest.mark.parametrize("naming", ["said, quoting Omar Haddad", "wrote, citing Omar Haddad",
                                    "said, echoing Omar Haddad",
                                    "said in a joint statement with Omar Haddad",
                                    "said at a rally, quoting Omar Haddad"])
def test_words_the_seeds_speaker_says_with_the_articles_speaker_as_source_are_no_conflict(naming):
    seed = read_seed("Ferry Deal\n\u201cWe will not sign the ferry deal this winter,\u201d harbour "
                     f"chief Ana Ruiz {naming}.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = "\u201cWe will not sign the ferry deal this winter,\u201d Haddad said."
    m = match_article([quote], article).matches[0]
    assert m.verdict == "verbatim" and m.conflicts is None


def test_sums_of_money_named_by_their_kind_are_still_compared():
    # "in damages" and "in compensation" say what kind of money, not what it is for.
    c = first_claim("The harbour court awarded the ferry crew $300,000 in damages.")
    m = verdict(c, "The harbour court awarded the ferry crew $500,000 in compensation.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "$300,000", "article": "$500,000"}]


def test_rates_anchored_in_a_month_and_in_last_month_are_still_compared():
    c = first_claim("The jobless rate in the port towns rose to 14.7% in April.")
    m = verdict(c, "The jobless rate in the port towns rose to 12.5% last month.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "14.7%", "article": "12.5%"}]


def test_one_event_named_in_other_words_anchors_one_moment():
    c = first_claim("Ferry fares have risen 20% since the harbour strike began.")
    m = verdict(c, "Ferry fares have risen 35% since the start of the harbour strike.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "20%", "article": "35%"}]


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


def test_a_count_reached_as_needed_or_as_expected_is_a_count():
    c = first_claim("The ferry bill won the 52 votes it needed in the harbour council.")
    m = verdict(c, "The ferry bill won 47 votes in the harbour council.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "52", "article": "47"}]
    c = first_claim("Forty islanders attended the ferry hearing on Monday, as expected.")
    m = verdict(c, "Thirty islanders attended the ferry hearing on Monday.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "Forty", "article": "Thirty"}]


def test_two_spans_looking_back_that_agree_loosely_are_noted_not_a_conflict():
    c = first_claim("The ferry office received 2,144 complaints in the past 36 hours.")
    m = verdict(c, "The ferry office said 2,144 complaints came in the past two days alone.")
    assert m.conflicts is None and what_differs(m, m.notes) == [
        {"kind": "rounded", "claim": "36", "article": "two"}]


@pytest.mark.parametrize("claim_span, article_span", [
    ("in the past 20 hours", "in the past two days"),      # far under the coarser count
    ("in the past 25 hours", "in the past two days"),      # rounds to one day, not two
    ("in the past 60 hours", "in the past two days"),      # rounds to three days
    ("in the past 15 years", "in the past two decades"),   # decades are no loose count
    ("in the past 36 hours", "in the past six days"),      # not a count of one to three units
    ("for 18 months", "for two years"),                    # a term, not a span looking back
])
def test_spans_of_time_that_do_not_agree_loosely_are_still_a_conflict(claim_span, article_span):
    c = first_claim(f"The ferry office received 2,144 complaints {claim_span}.")
    m = verdict(c, f"The ferry office received 2,144 complaints {article_span}.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["number"]


def test_a_span_whose_number_the_sentence_also_gives_a_term_is_still_compared():
    c = first_claim("Fares rose over the last two years, and the ferry plan runs two years.")
    m = verdict(c, "Fares rose over the last 18 months, and the ferry plan runs 18 months.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["number"]


@pytest.mark.parametrize("act", ["after meeting the mayor, Omar Haddad, on Monday",
                                 "at a rally with Lena Lund, Omar Haddad and others"])
def test_an_act_with_the_articles_speaker_named_in_a_list_or_apposition_is_a_swap(act):
    seed = read_seed("Ferry Deal\n\u201cWe will not sign the ferry deal this winter,\u201d harbour "
                     f"chief Ana Ruiz said {act}.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
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


# Conflicts of another party, of the world against a country, of tallies of other days
# (the fifth real-text set's three false conflicts, in sentences of our own).

def test_another_country_doing_what_the_claims_country_would_not_is_no_conflict():
    c = first_claim("Norway said it would not join the fishing pact.")
    m = verdict(c, "Denmark on Friday followed its neighbour Sweden in announcing it was joining "
                   "the fishing pact that Brussels has pushed for since the spring.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_the_same_country_doing_what_it_said_it_would_not_is_still_a_conflict():
    c = first_claim("Norway said it would not join the fishing pact.")
    m = verdict(c, "Norway on Friday announced it was joining the fishing pact.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_two_speakers_of_one_bodys_opposite_acts_are_still_a_conflict():
    c = first_claim("The council will not approve the ferry budget, Ana Ruiz said.")
    m = verdict(c, "The council approved the ferry budget, Omar Haddad said.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


def test_the_worlds_counts_against_one_countrys_are_no_conflict():
    c = first_claim("Worldwide, there have been 9.1 million flu cases and more than 41,000 "
                    "deaths.")
    m = verdict(c, "More than 2.3 million flu cases have been confirmed in Canada, with more "
                   "than 12,000 deaths.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_the_worlds_counts_that_differ_are_still_a_conflict():
    c = first_claim("Worldwide, there have been 9.1 million flu cases and more than 41,000 "
                    "deaths.")
    m = verdict(c, "Around the world there have been 9.4 million flu cases and more than 41,000 "
                   "deaths, according to the agency.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "9.1 million", "article": "9.4 million"}]


def test_counts_as_of_another_day_are_noted_not_a_conflict():
    c = first_claim("As of Wednesday, Canada had 2.3 million flu cases and 12,000 deaths, "
                    "according to the agency.")
    m = verdict(c, "As of Tuesday, Canada had 2.3 million flu cases and 13,000 deaths, "
                   "according to the ministry.")
    assert m.verdict == "partial" and m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another moment", "claim": "Wednesday", "article": "Tuesday"},
        {"kind": "another moment", "claim": "12,000", "article": "13,000"}]


def test_counts_as_of_the_same_day_that_differ_are_still_a_conflict():
    c = first_claim("As of Wednesday, Canada had 2.3 million flu cases and 12,000 deaths, "
                    "according to the agency.")
    m = verdict(c, "As of Wednesday, Canada had 2.3 million flu cases and 15,000 deaths, "
                   "according to the ministry's count.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "12,000", "article": "15,000"}]


def test_an_opening_pronoun_is_no_actor_of_a_negation():
    # "He" may be Ruiz: nothing tells another actor.
    c = first_claim("He was not given a fine at the hearing.")
    m = verdict(c, "Ruiz was given a fine at the hearing.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]



@pytest.mark.parametrize("claim, sentence", [
    ("Iraq will not join the fishing pact.", "The Iraqi government joined the fishing pact on "
     "Monday."),
    ("Ana Ruiz said she would not sign the ferry bill.", "The governor signed the ferry bill in "
     "Arden on Monday."),
])
def test_a_flipped_negation_of_the_same_actor_named_otherwise_is_still_a_conflict(claim,
                                                                                  sentence):
    assert verdict(first_claim(claim), sentence).verdict == "conflict"


@pytest.mark.parametrize("claim, sentence", [
    ("Worldwide, the flu has killed 41,000 people.", "The flu has killed 45,000 people, the "
     "health agency told reporters in Geneva."),
    ("Worldwide, the flu has killed 41,000 people, including 12,000 in Canada.", "The flu has "
     "killed 15,000 people in Canada."),
    ("As of Monday, the flu had killed 12,000 people in Canada.", "As of June 3, the flu had "
     "killed 15,000 people in Canada."),
])
def test_a_count_told_of_the_same_scope_or_day_in_other_words_is_still_a_conflict(claim,
                                                                                sentence):
    assert verdict(first_claim(claim), sentence).verdict == "conflict"


def test_a_world_count_naming_another_place_is_no_conflict_with_one_places_count():
    c = first_claim("Some 2,300 flu cases have been confirmed in Nova, and 460 people there have "
                    "died so far.")
    m = verdict(c, "In total, more than 2,800 people worldwide have died of the flu so far, "
                   "mostly in Arden.")
    assert m.verdict != "conflict" and m.conflicts is None


@pytest.mark.parametrize("claim, sentence", [
    ("At the pact talks, Norway will not join the fishing pact.", "At the pact talks, Denmark "
     "joined the fishing pact."),
    ("Niger will not join the fishing pact.", "Nigeria joined the fishing pact on Monday."),
])
def test_a_flipped_negation_of_another_actor_read_past_an_opening_phrase_is_no_conflict(
        claim, sentence):
    m = verdict(first_claim(claim), sentence)
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_global_slowdown_does_not_make_a_countrys_rate_the_worlds():
    m = verdict(first_claim("Unemployment in Nova rose to 7 percent last year."),
                "Unemployment rose to 9 percent last year amid a global slowdown.")
    assert m.verdict == "conflict"


def test_a_count_of_people_ordered_to_leave_is_not_set_against_a_count_who_moved():
    m = verdict(first_claim("On the islands, more than 500,000 people have been ordered to leave."),
                "Since Friday, thousands of people have moved to the islands.")
    assert m.verdict != "conflict"


def test_a_count_of_the_same_act_in_another_sentence_still_conflicts():
    m = verdict(first_claim("On the islands, more than 500,000 people have been ordered to leave."),
                "Since Friday, thousands of people have been ordered to leave the islands.")
    assert m.verdict == "conflict"


def test_a_storms_category_at_another_time_of_the_same_day_is_another_moment():
    m = verdict(first_claim("Storm Arla was upgraded to Category 4 late Tuesday night but still "
                            "posed a danger to the islands."),
                "The storm, which was upgraded to a Category 3 early Tuesday afternoon, is moving "
                "toward the islands.")
    assert m.verdict != "conflict"
    assert {"kind": "another moment", "claim": "4", "article": "3"} in what_differs(m, m.notes)


def test_a_storms_category_at_the_same_time_of_day_still_conflicts():
    m = verdict(first_claim("Storm Arla was upgraded to Category 4 late Tuesday night but still "
                            "posed a danger to the islands."),
                "The storm was upgraded to a Category 3 late Tuesday night, the weather office "
                "said.")
    assert m.verdict == "conflict"


def test_a_speed_as_of_an_hour_is_not_set_against_a_speed_of_another_hour():
    m = verdict(first_claim("The storm, as of 5 a.m., was about 200 miles south of Port Lira, "
                            "moving west at 12 mph."),
                "At 2 p.m. the storm was 310 miles southeast of Nova Bay and moving west at 10 "
                "mph.")
    assert m.verdict != "conflict"


def test_two_speeds_as_of_the_same_hour_still_conflict():
    m = verdict(first_claim("The storm, as of 5 a.m., was moving west at 12 mph."),
                "The storm, as of 5 a.m., was moving west at 10 mph.")
    assert m.verdict == "conflict"


def test_a_distance_of_a_place_named_before_its_clause_is_that_places():
    m = verdict(first_claim("Port Lira, 80 miles to the north, might get only an inch of rain."),
                "Storm Arla was 300 miles southeast of Nova Bay, and moving north at 12 mph.")
    assert m.verdict != "conflict"


def test_a_distance_of_the_same_place_named_before_its_clause_still_conflicts():
    m = verdict(first_claim("Port Lira, 80 miles to the west, could see a foot of rain."),
                "Port Lira, 120 miles to the west, could see a foot of rain.")
    assert m.verdict == "conflict"


def test_the_day_a_source_told_one_outlet_is_not_set_against_the_day_it_said_so():
    m = verdict(first_claim("The ministry confirmed to the Valdora Herald on Thursday that the "
                            "bridge would close in May."),
                "The ministry said on Wednesday that the bridge will close in May.")
    assert m.verdict != "conflict"


def test_the_day_a_source_said_something_still_conflicts_with_another_day_it_said_it():
    m = verdict(first_claim("The ministry said on Thursday that the bridge would close in May."),
                "The ministry said on Wednesday that the bridge will close in May.")
    assert m.verdict == "conflict"


def test_a_flipped_negation_about_another_object_is_no_conflict():
    m = verdict(first_claim("The mayor's signature will not appear on any of those electronic "
                            "transfers."),
                "An official said the mayor's signature will appear on every paper cheque.")
    assert m.verdict != "conflict"


def test_a_flipped_negation_about_the_same_object_still_conflicts():
    m = verdict(first_claim("The mayor's signature will not appear on any of the paper cheques."),
                "An official said the mayor's signature will appear on every paper cheque.")
    assert m.verdict == "conflict"




@pytest.mark.parametrize("claim, sentence", [
    ("As of 11 p.m., Storm Arla was 280 miles from the coast.",
     "At 11 p.m., Storm Arla was 300 miles from the coast."),
    ("The fire destroyed 300 homes near Port Lira, officials said on Monday.",
     "The fire destroyed 500 homes near Port Lira and, as of 6 p.m., was 40 percent contained."),
    ("As of 5 p.m. Monday, 42 people had died in the Port Lira floods.",
     "By 5 p.m. Monday, 60 people had died in the Port Lira floods."),
    ("Storm Arla was upgraded to Category 4 on Tuesday night near the islands.",
     "Storm Arla was upgraded to Category 3 late Tuesday near the islands."),
    ("Storm Arla was upgraded to Category 4 on Tuesday evening near the islands.",
     "Storm Arla was upgraded to Category 3 on Tuesday night near the islands."),
    ("Ana Ruiz said on Tuesday the border would stay closed until May.",
     "Ana Ruiz called Ida Lund on Wednesday to say the border would stay closed until May."),
])
def test_amounts_of_one_moment_told_in_other_words_still_conflict(claim, sentence):
    # Guards against amounts of other moments must not hide a contradiction of the same one.
    assert verdict(first_claim(claim), sentence).verdict == "conflict"


def test_a_flipped_negation_about_things_named_otherwise_is_shown_as_a_note():
    # Other words may name one thing ("the bill", "the measure"): neither counted nor hidden.
    m = verdict(first_claim("The mayor's signature will not appear on any of those electronic "
                            "transfers."),
                "An official said the mayor's signature will appear on every paper cheque.")
    assert m.verdict != "absent" and any(n["kind"] == "another object" for n in m.notes)
