"""What sets a difference aside: the claim and the sentence tell of another act, day, holder,
place, moment or actor (`monitor/steps/guards.py`), and what it must not hide: pairs of ours."""

import pytest

from monitor.steps.claims import read_seed
from monitor.steps.match import match_article
from tests.conftest import first_claim, verdict, what_differs


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


def test_an_amount_spent_set_against_an_amount_approved_is_noted_not_a_conflict():
    [c] = read_seed("Bridges\nThe county board approved $40 million for bridge repairs.\n").claims
    m = verdict(c, "By Friday the county had spent $12 million of it on bridge repairs, the "
                   "engineer told reporters, while crews were still at work on four spans.")
    assert m.verdict != "conflict" and m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another amount", "claim": "$40 million", "article": "$12 million"}]


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


def test_spans_since_other_events_are_noted_not_a_conflict():
    c = first_claim("To mark 40 years since the choir's founding, its four first singers will "
                    "sing together in Calder Bay next spring.")
    m = verdict(c, "The four first singers of the choir will sing together in Calder Bay for the "
                   "first time in 22 years.")
    assert m.conflicts is None
    assert what_differs(m, m.notes) == [
        {"kind": "another moment", "claim": "40", "article": "22"}]


def test_spans_since_one_event_that_differ_are_still_a_conflict():
    c = first_claim("The choir sang in Calder Bay for the first time in 22 years on Sunday.")
    m = verdict(c, "The choir sang in Calder Bay on Sunday for the first time in 12 years.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "22", "article": "12"}]


@pytest.mark.parametrize("seed, sentence", [
    ("The ferry line reopened 5 years after the crash in Calder Bay.",
     "The ferry line reopened 3 years after the accident in Calder Bay."),
    ("The fleet sailed in Calder Bay 30 years since the war ended.",
     "The fleet sailed in Calder Bay for the first time in 31 years since the war ended.")])
def test_spans_since_events_told_in_other_words_are_still_a_conflict(seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert m.verdict == "conflict"


def test_terms_that_differ_after_other_events_are_still_a_conflict():
    c = first_claim("The skipper was jailed for 10 years after the ferry fire in Calder Bay.")
    m = verdict(c, "The skipper was jailed for 12 years after being convicted over the ferry fire "
                   "in Calder Bay.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "10", "article": "12"}]


def test_spans_since_one_event_told_in_other_words_are_still_a_conflict():
    c = first_claim("The choir sang in Calder Bay 40 years after the founding of the school.")
    m = verdict(c, "The choir sang in Calder Bay 30 years since the school was founded.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "40", "article": "30"}]


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


def test_an_amount_two_people_wrote_or_tweeted_is_of_one_holder():
    c = first_claim("Ana Ruiz wrote that the ferry carried 40,000 passengers in May.")
    m = verdict(c, "Omar Haddad tweeted that the ferry carried 38,000 passengers in May.")
    assert m.verdict == "conflict" and what_differs(m) == [
        {"kind": "number", "claim": "40,000", "article": "38,000"}]


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


def test_three_days_and_hours_rounding_to_three_days_are_noted_not_a_conflict():
    c = first_claim("The ferry office received 2,144 complaints in the past 70 hours.")
    m = verdict(c, "The ferry office said 2,144 complaints came in the past three days alone.")
    assert m.conflicts is None and what_differs(m, m.notes) == [
        {"kind": "rounded", "claim": "70", "article": "three"}]


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


def test_a_toll_risen_to_another_count_on_another_day_is_a_later_update_not_a_conflict():
    c = first_claim("The harbour rescue office said the flood toll had risen to 112 by late "
                    "Monday; at least 290 others were hurt.")
    m = verdict(c, "The harbour rescue office said the flood toll had risen to 175 early Tuesday "
                   "with at least 210 others in hospital.")
    assert m.verdict == "partial" and m.conflicts is None
    assert {"kind": "another moment", "claim": "Monday", "article": "Tuesday"} in what_differs(
        m, m.notes)


@pytest.mark.parametrize("sentence", [
    "The death toll from the floods in Harlow had risen to 175 by April 2.",
    "The death toll from the floods in Harlow had risen to 175 on April 1."])
def test_a_toll_risen_to_a_higher_count_in_the_next_month_is_a_later_update(sentence):
    m = verdict(first_claim("The death toll from the floods in Harlow had risen to 112 by March "
                            "30, officials said."), sentence)
    assert m.verdict != "conflict"


def test_a_toll_risen_to_the_same_count_on_another_day_is_still_a_conflict():
    c = first_claim("The harbour rescue office said the flood toll had risen to 112 by late "
                    "Monday.")
    m = verdict(c, "The harbour rescue office said the flood toll had risen to 112 by late "
                   "Tuesday.")
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": "Monday", "article": "Tuesday"} in what_differs(m)


@pytest.mark.parametrize("sentence", [
    "The flood toll had risen to 175 on Tuesday, up from 140 on Monday, the rescue office said.",
    "The rescue office said the flood toll, 140 on Monday, had risen to 175 on Tuesday."],
    ids=["up from", "aside"])
def test_a_toll_risen_since_a_count_of_the_claims_day_told_otherwise_is_still_a_conflict(
        sentence):
    c = first_claim("The flood toll had risen to 112 on Monday, the rescue office said.")
    m = verdict(c, sentence)
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": "112", "article": "140"} in what_differs(m)


def test_a_toll_risen_to_a_lower_count_a_day_later_is_still_a_conflict():
    c = first_claim("The rescue office said the flood toll had risen to 175 by late Monday.")
    m = verdict(c, "The rescue office said the flood toll had risen to 112 by late Tuesday.")
    assert m.verdict == "conflict"


def test_the_day_of_the_event_a_risen_toll_is_of_told_otherwise_is_still_a_conflict():
    c = first_claim("The toll from the storm that struck Dunmore on Monday had risen to 112 by "
                    "Wednesday.")
    m = verdict(c, "The toll from the storm that struck Dunmore on Tuesday had risen to 175 by "
                   "Thursday.")
    assert m.verdict == "conflict"  # (the days told are paired: Wednesday, Thursday)


def test_amounts_of_a_plan_given_up_in_another_place_are_no_conflict():
    c = first_claim("The miller was required to invest $8 billion and create 9,000 jobs to get "
                    "the full grants.")
    m = verdict(c, "The miller earlier walked away from a plan to invest $4 billion and create "
                   "30,000 jobs in Peru, and from similar deals in Chile.")
    assert m.verdict != "conflict" and m.conflicts is None


def test_amounts_of_the_same_plan_given_up_told_otherwise_are_still_a_conflict():
    c = first_claim("The miller walked away from a plan to invest $8 billion in Peru.")
    m = verdict(c, "The miller walked away from a plan to invest $4 billion in Peru.")
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": "$8 billion", "article": "$4 billion"} in what_differs(m)


@pytest.mark.parametrize("seed, sentence, amounts", [
    ("The miller's $8 billion plan for Peru was dropped on Monday.",
     "The miller on Monday scrapped its plan to invest $4 billion in Peru.",
     ("$8 billion", "$4 billion")),
    ("The council's plan to build 500 homes on the quay was dropped on Monday.",
     "The council on Monday scrapped its plan to build 300 homes in Dunmore.", ("500", "300")),
    ("The Peru grants required the miller to invest $8 billion.",
     "The miller walked away from a plan to invest $4 billion in Peru.",
     ("$8 billion", "$4 billion"))],
    ids=["place not after in", "no place in the claim", "no plan, the place named"])
def test_amounts_of_a_plan_given_up_told_of_the_same_plan_in_other_words_are_a_conflict(
        seed, sentence, amounts):
    m = verdict(first_claim(seed), sentence)
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": amounts[0], "article": amounts[1]} in what_differs(m)


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


@pytest.mark.parametrize("claim, sentence", [
    ("One member, Rep. Ana Ruiz of Dunmore, did not vote for the harbour bill.",
     "Another, Rep. Ivo Kask of Port Ada, voted for the harbour bill."),
    ("Sen. Ana Ruiz did not vote for the harbour bill on Monday.",
     "Sen. Ivo Kask voted for the harbour bill on Monday."),
], ids=["set off", "opening"])
def test_a_flipped_negation_of_another_person_of_the_same_title_is_no_conflict(claim, sentence):
    # A title ("Rep.", "Sen.") is neither the act nor the actor: Ruiz is not Kask.
    m = verdict(first_claim(claim), sentence)
    assert m.verdict != "conflict" and m.conflicts is None


def test_a_flipped_negation_of_the_same_titled_person_is_still_a_conflict():
    m = verdict(first_claim("Sen. Ana Ruiz did not vote for the harbour bill on Monday."),
                "Sen. Ana Ruiz voted for the harbour bill on Monday.")
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["negation"]


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


def test_the_hours_of_two_snapshots_are_no_conflict():
    # Other amounts told of other hours: two moments, not one moment's hour told otherwise.
    m = verdict(first_claim("As of 11 p.m., Storm Arla was 280 miles from the coast."),
                "At 2 p.m., Storm Arla was 300 miles from the coast.")
    assert m.verdict != "conflict"


def test_counts_followed_at_once_by_other_verbs_are_another_amount():
    m = verdict(first_claim("On the islands, more than 500,000 people sheltered."),
                "Since Friday, thousands of people sailed to the islands.")
    assert m.verdict != "conflict"
    assert {"kind": "another amount", "claim": "500,000", "article": "thousands"} in what_differs(
        m, m.notes)


def test_another_date_in_a_sentence_reporting_a_later_step_is_noted_as_another_day():
    [c] = read_seed("Rationing\nThe Castellan council ordered water rationing for 40,000 "
                    "households on March 3 as the Dunmore reservoir ran low.\n").claims
    m = verdict(c, "Water rationing ordered by the Castellan council was extended on March 5 "
                   "to three towns that draw on the Dunmore reservoir.")
    assert m.verdict == "partial"
    assert what_differs(m, m.notes) == [
        {"kind": "another day", "claim": "March 3", "article": "March 5"}]


def test_a_count_of_another_outcome_is_another_amount_not_a_conflict():
    c = first_claim("The ferry fire injured at least 40 passengers on the Halden crossing, "
                    "the coastguard said.")
    m = verdict(c, "At least 12 passengers were killed in the ferry fire on the Halden "
                   "crossing, the coastguard said.")
    assert m.verdict != "conflict"
    assert {"kind": "another amount", "claim": "40", "article": "12"} in what_differs(m, m.notes)


def test_cases_against_deaths_are_another_amount_not_a_conflict():
    c = first_claim("Norland has recorded 5,200 confirmed fever deaths since the outbreak began.")
    m = verdict(c, "Norland recorded 830 new fever cases since the outbreak began, officials "
                   "said.")
    assert m.verdict != "conflict"


def test_a_part_against_the_whole_is_another_amount_not_a_conflict():
    c = first_claim("Police say 14 people were injured in the Halden market blast.")
    m = verdict(c, "Police said six of the injured in the Halden market blast were taken to "
                   "hospital.")
    assert m.verdict != "conflict"
    assert {"kind": "another amount", "claim": "14", "article": "six"} in what_differs(m, m.notes)


@pytest.mark.parametrize("claim, sentence, ours, theirs", [
    ("Police said two other men and a woman were also detained in Halden.",
     "Police said three men and a woman were detained in Halden.", "two", "three"),
    ("The coastguard said another 40 passengers were rescued from the Halden ferry.",
     "The coastguard said 52 passengers were rescued from the Halden ferry.", "40", "52"),
    ("The coastguard said 40 more passengers were rescued from the Halden ferry.",
     "The coastguard said 52 passengers were rescued from the Halden ferry.", "40", "52"),
], ids=["other men", "another", "more"])
def test_a_count_besides_others_against_a_plain_count_is_another_amount(claim, sentence, ours,
                                                                        theirs):
    # "two other men" are counted besides someone told before: not the whole the other counts.
    m = verdict(first_claim(claim), sentence)
    assert m.verdict != "conflict"
    assert {"kind": "another amount", "claim": ours, "article": theirs} in what_differs(
        m, m.notes)


@pytest.mark.parametrize("claim, sentence", [
    ("Police said two other men and a woman were also detained in Halden.",
     "Police said three other men and a woman were also detained in Halden."),
    ("Police said another 40 passengers were rescued from the Halden ferry on Monday.",
     "Police said 52 more passengers were rescued from the Halden ferry on Monday.")],
    ids=["both other", "another and more"])
def test_a_count_besides_others_told_otherwise_is_still_a_conflict(claim, sentence):
    assert verdict(first_claim(claim), sentence).verdict == "conflict"


@pytest.mark.parametrize("claim, sentence", [
    ("Two miners died and one was hurt in the Halden pit blast on Sunday.",
     "Three miners were killed in the Halden pit blast on Sunday, officials said."),
    ("The ban covers five states - Lirania, Norland, Vossby, East Tern and Halden - but not "
     "Port Aster or Kell.",
     "The ban covers seven states: Halden, Kell, Lirania, Norland, Port Aster, Vossby and East "
     "Tern."),
    ("Three hospitals were shelled in Halden on Sunday, the army said.",
     "The army said five were shelled in the hospital district of Halden on Sunday."),
], ids=["a count and another told of one noun", "members left out", "places counted"])
def test_counts_told_otherwise_of_the_same_things_are_still_conflicts(claim, sentence):
    assert verdict(first_claim(claim), sentence).verdict == "conflict"


def test_a_familys_size_is_no_count_of_the_claims_people():
    c = first_claim("Last month 40,000 Norland workers applied for strike pay from the union.")
    m = verdict(c, "The father of three applied for strike pay from the union last month.")
    assert m.verdict != "conflict"


@pytest.mark.parametrize("sentence", [
    "Nine passengers were hurt in the ferry fire on the Halden crossing, the coastguard said.",
    "The ferry fire on the Halden crossing injured nine passengers, including the two "
    "crew members, the coastguard said."], ids=["same outcome", "both with a part"])
def test_the_same_outcome_told_otherwise_is_still_a_conflict(sentence):
    c = first_claim("Fourteen passengers were hurt in the ferry fire on the Halden crossing, "
                    "including the two crew members, the coastguard said.")
    m = verdict(c, sentence)
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": "Fourteen", "article": "Nine"} in what_differs(m) or {
        "kind": "number", "claim": "Fourteen", "article": "nine"} in what_differs(m)


@pytest.mark.parametrize("sentence", [
    "In March a ferry sank off Halden, killing all 61 passengers on board.",
    "In 2019 a ferry sank off Halden, killing all 61 passengers on board."],
    ids=["a month", "a year"])
def test_an_amount_of_a_time_the_claim_does_not_name_is_another_moment(sentence):
    c = first_claim("All 48 passengers on board the Halden ferry were killed.")
    m = verdict(c, sentence)
    assert m.verdict != "conflict"
    assert {"kind": "another moment", "claim": "48", "article": "61"} in what_differs(m, m.notes)


def test_an_amount_of_the_time_the_claim_names_is_still_a_conflict():
    c = first_claim("All 48 passengers on board were killed when the Halden ferry sank in March.")
    m = verdict(c, "All 61 passengers on board were killed when the Halden ferry sank in "
                   "March.")
    assert m.verdict == "conflict"


def test_an_outcome_told_before_another_amount_is_not_this_ones():
    c = first_claim("By Friday Norland had 2,100 fever cases and 310 deaths, officials said.")
    m = verdict(c, "By Friday Norland had recorded 340 fever deaths, officials said.")
    assert m.verdict == "conflict"
    assert {"kind": "number", "claim": "310", "article": "340"} in what_differs(m)


@pytest.mark.parametrize("claim, sentence", [
    ("The storm killed 12 people in Halden, police said.",
     "The storm killed 14 people in Halden on June 3, police said."),
    ("The storm killed 12 people in Halden yesterday, police said.",
     "The storm killed 14 people in Halden on June 3, police said."),
    ("The Halden fire killed 12 people, police said.",
     "The Halden fire, which broke out at 3 a.m., killed 14 people, police said."),
    ("The Halden council budget is $40 million, officials said.",
     "The Halden council's 2026 budget is $52 million, officials said."),
    ("A Halden family of four died in the house fire, police said.",
     "A Halden family of five died in the house fire, police said."),
    ("Police said 14 of the passengers were killed in the Halden ferry fire.",
     "Police said 12 passengers were killed in the Halden ferry fire."),
    ("Police said 12 people later died in the Halden blast.",
     "Police said 14 people injured in the Halden blast later died."),
], ids=["a date told more precisely", "yesterday", "another act's hour", "a year naming a thing",
        "a family's toll", "some of the passengers", "injured who later died"])
def test_a_toll_told_otherwise_with_a_date_family_or_part_is_still_a_conflict(claim, sentence):
    assert verdict(first_claim(claim), sentence).verdict == "conflict"


@pytest.mark.parametrize("opening", ["By nightfall,", "By late afternoon,", "As of this morning,",
                                     "By Tuesday night,"])
def test_a_tally_by_a_part_of_the_day_against_one_of_no_time_is_another_moment(opening):
    m = verdict(first_claim("The flood closed 14 roads in the valley."),
                f"{opening} the flood had closed 40 roads in the valley.")
    assert m.verdict != "conflict" and m.conflicts is None
    assert "another moment" in [n["kind"] for n in m.notes]


@pytest.mark.parametrize("claim, sentence", [
    ("The flood closed 14 roads in the valley.",
     "On Tuesday morning, the flood closed 40 roads in the valley."),
    ("The flood closed 14 roads in the valley.",
     "By night, the flood closed 40 roads in the valley."),
    ("By midday the flood had closed 14 roads in the valley.",
     "By midday, the flood had closed 40 roads in the valley."),
], ids=["on a part of the day", "by night as by day", "the claim's own part of the day"])
def test_a_part_of_the_day_not_a_tally_by_it_still_conflicts(claim, sentence):
    m = verdict(first_claim(claim), sentence)
    assert m.verdict == "conflict" and [d["kind"] for d in m.conflicts] == ["number"]


@pytest.mark.parametrize("seed, sentence", [
    ("The court pardoned Per Moen, who was convicted in 2016 of assaulting a clerk in Dunmore.",
     "The court pardoned Per Moen, who pleaded guilty to the 2014 assault of a clerk in Dunmore."),
    ("Per Moen, jailed in 2019 for the 2015 theft of a ferry, was freed on Friday.",
     "Per Moen, jailed for stealing a ferry in 2019, was freed on Friday.")],
    ids=["the year of what was done", "the year of the verdict"])
def test_a_year_dating_another_thing_named_is_no_conflict(seed, sentence):
    m = verdict(first_claim(seed), sentence)
    assert m.verdict != "conflict"


def test_a_year_dating_the_same_thing_named_is_still_a_conflict():
    m = verdict(first_claim("Per Moen was convicted of the 2014 assault of a clerk in Dunmore."),
                "Per Moen was convicted of the assault in 2016 of a clerk in Dunmore.")
    assert m.verdict == "conflict"


def test_a_sentence_giving_the_claim_another_day_is_no_paraphrase_of_it():
    seed = read_seed("Pardons\nLund's last day in office was Monday.\n")
    [m] = match_article(seed.claims, "Mayor pardons hundreds\nFormer mayor Ada Lund pardoned "
                        "300 people between election day last month and the end of her term "
                        "Tuesday, the clerk's office said.\nThe weather was fine.").matches
    assert m.verdict in ("partial", "conflict")


@pytest.mark.parametrize("seed, sentence", [
    ("Ada Lund won the 2016 election in Dunmore by 300 votes.",
     "Ada Lund won the election in Dunmore in 2014 by 300 votes."),
    ("The 2015 flood destroyed 200 homes in Dunmore.",
     "In 2017, a flood destroyed 200 homes in Dunmore."),
    ("The 2014 assault of a clerk in Dunmore led to Per Moen's arrest.",
     "The assault of a clerk in Dunmore in 2016 led to Per Moen's arrest."),
    ("Dunmore cut its 2020 budget for schools by 4 million euros.",
     "Dunmore cut its school budget by 4 million euros in 2021.")])
def test_a_year_dating_the_thing_named_anywhere_in_its_clause_is_still_a_conflict(seed,
                                                                                   sentence):
    assert verdict(first_claim(seed), sentence).verdict == "conflict"


def test_a_claim_naming_an_offer_still_kept_meets_another_plan_given_up_as_another_amount():
    m = verdict(first_claim("Under its offer, the miller was required to invest $8 billion and "
                            "create 9,000 jobs to get the full grants."),
                "The miller earlier walked away from a plan to invest $4 billion and create "
                "30,000 jobs in Peru, and from similar deals in Chile.")
    assert m.verdict != "conflict"


@pytest.mark.parametrize("claim, sentence", [
    ("The blast in Halden killed two people and injured 40 others on Monday.",
     "The blast in Halden killed two people and injured 52 on Monday."),
    ("Two people died and 40 others were injured in the Halden blast on Monday.",
     "Two people died and 52 were injured in the Halden blast on Monday."),
])
def test_a_count_of_others_beside_a_count_both_tell_still_conflicts(claim, sentence):
    # "40 others" are the people other than the two dead: the whole of the injured, as 52 is
    assert verdict(first_claim(claim), sentence).verdict == "conflict"


@pytest.mark.parametrize("claim, sentence", [
    ("The President did not sign the harbour bill on Monday.",
     "The Governor signed the harbour bill on Monday."),
    ("Senators did not approve the harbour bill on Monday.",
     "Representatives approved the harbour bill on Monday."),
])
def test_a_negation_of_one_titled_actor_against_another_title_is_no_conflict(claim, sentence):
    assert verdict(first_claim(claim), sentence).verdict != "conflict"
