"""Verdicts of one claim against one sentence, on hand-written pairs."""

import pytest

from monitor.steps.claims import read_seed
from monitor.steps.conflicts import clause_texts
from monitor.steps.match import match_article
from monitor.steps.text import content_words
from monitor.steps.verdicts import refuses_comment, said_words, tells_amount
from tests.conftest import (
    claim,
    first_claim,
    minister_says,
    seed_quote,
    verdict,
    what_differs,
)


def test_same_words_are_verbatim(claims):
    c = claim(claims, "The port authority")
    assert verdict(c, c.text).verdict == "verbatim"


def test_one_word_of_a_long_claim_swapped_for_another_is_a_paraphrase_not_verbatim():
    c = read_seed("Strike Costs\nThe terminal operator said the strike at the northern "
                  "container berths would cost the regional economy around $90 million a day."
                  ).claims[0]
    m = verdict(c, "The terminal operator said the walkout at the northern container berths "
                   "would cost the regional economy around $90 million a day.")
    assert m.verdict == "paraphrase"


def test_reworded_claim_is_a_paraphrase(claims):
    c = claim(claims, "The port authority")
    m = verdict(c, "In March, 40 containers of stolen copper were seized, the port authority "
                   "told reporters on Monday.")
    assert m.verdict == "paraphrase"


def test_half_the_claim_is_partial(claims):
    c = claim(claims, "The port authority")
    assert verdict(c, "Stolen copper was seized at the port.").verdict == "partial"


def test_unrelated_sentence_is_absent(claims):
    c = claim(claims, "The port authority")
    m = verdict(c, "The weather stayed mild for the rest of the week.")
    assert m.verdict == "absent" and m.sentence is None


def test_a_short_claim_whose_verb_is_one_of_saying_can_still_be_carried_in_part():
    # "added" is the claim's verb here, not who said it.
    c = first_claim("The harbour port added dock jobs.")
    assert verdict(c, "The harbour port hired staff for its new cranes.").verdict == "partial"


@pytest.mark.parametrize("seed, sentence", [
    ("Ferry fares will rise by 5% to 8% for most commuters, according to the harbour board.",
     "The harbour board's reserve fund will not fall below $2 million, the board said."),
    ("The river rose two metres overnight and flooded 40 homes, the county's emergency office "
     "said.", "The county's emergency office said the bridge would stay closed.")])
def test_a_sentence_sharing_only_who_said_the_claim_does_not_carry_part_of_it(seed, sentence):
    assert verdict(first_claim(seed), sentence).verdict == "absent"


def test_part_of_a_claim_with_its_attribution_is_still_part_of_it():
    m = verdict(first_claim("The river rose two metres overnight and flooded 40 homes, the "
                            "county's emergency office said."),
                "The river rose two metres overnight, firefighters said.")
    assert m.verdict == "partial"


def test_a_few_words_spread_over_a_claims_clauses_are_not_part_of_it():
    # Four of its fifteen words, not a third of what either clause says: the same topic.
    c = first_claim("The city council approved the new ferry budget for next year, and harbour "
                    "dock workers will lose their weekend overtime pay.")
    m = verdict(c, "The council's ferry workers held a weekend picnic in the park.")
    assert m.verdict == "absent"


def test_one_clause_of_a_long_claim_told_again_is_part_of_it():
    # Five of its nine words: one clause told, though under a quarter of the whole claim's.
    c = first_claim("The regional ferry company cancelled its evening crossings to the northern "
                    "islands on Tuesday, after a storm damaged the main pier at Harlow, and "
                    "passengers were offered refunds or seats on a later boat, while engineers "
                    "inspected the harbour wall for cracks.")
    m = verdict(c, "The ferry company cancelled its evening crossings, the port office said.")
    assert m.verdict == "partial"


def test_two_words_of_a_clause_of_a_long_claim_are_not_part_of_it():
    # Half of a clause of four words, but only two: the story's words, not that clause told.
    c = first_claim("The regional ferry company cancelled its evening crossings to the northern "
                    "islands on Tuesday, after a storm damaged the main pier at Harlow, and "
                    "passengers were offered refunds or seats on a later boat, while engineers "
                    "inspected the harbour wall.")
    m = verdict(c, "Engineers inspected two bridges upriver after the floods.")
    assert m.verdict == "absent"


def test_a_clause_told_again_with_other_amounts_is_a_part_not_a_conflict():
    # Under a quarter of the claim's words: one clause told, perhaps of another day's close.
    m = verdict(first_claim("The Harlow Freight Index closed 240.50 points lower, or 9.9%, at "
                            "2,100.62, its worst single session since the dock strike."),
                "The Harlow Freight Index closed down over 140 points, 5.8%.")
    assert m.verdict == "partial" and m.conflicts is None


def test_an_amount_of_the_claim_told_again_is_part_of_it_in_other_words():
    c = first_claim("The port authority said a second crane could arrive in 2027 if the council "
                    "approves the loan next spring.")
    m = verdict(c, "Port officials hope the new crane will be working from 2027.")
    assert m.verdict == "partial"


def test_the_same_quotation_in_other_words_is_a_reworded_quotation(claims):
    c = claim(claims, "organised, patient")
    m = verdict(c, "Harbour master Lena Fischer said the thieves were “organised, patient and "
                   "well financed.”", speaker="Lena Fischer")
    assert m.verdict == "reworded quotation" and m.conflicts is None
    assert what_differs(m, m.notes) == [{"kind": "reworded quotation",
                                         "claim": "organised, patient and well funded",
                                         "article": "organised, patient and well financed"}]


def test_two_translations_of_one_statement_are_a_reworded_quotation():
    m = minister_says("“We will accept no foreign troops on our soil, and we have told them so "
                      "at every meeting,” Ruiz said.")[1]
    assert m.verdict == "reworded quotation" and m.conflicts is None
    (note,) = m.notes
    assert note["seed_sentence"].startswith("“We will not accept foreign soldiers")
    assert note["article_sentence"].startswith("“We will accept no foreign troops")


def test_a_quotation_told_without_quotation_marks_is_a_paraphrase():
    m = minister_says("Ruiz said her country would not accept foreign soldiers on its soil and "
                      "had said so at every meeting.")[1]
    assert m.verdict == "paraphrase" and m.conflicts is None and m.notes is None


def test_a_shortened_quotation_is_no_reworded_one():
    m = minister_says("“We will not accept foreign soldiers on our soil,” Ruiz said.")[1]
    assert m.verdict != "reworded quotation" and m.conflicts is None


def test_a_quotation_with_its_last_words_moved_outside_the_marks_is_no_reworded_one():
    c = first_claim("Lena Moritz left the navy in 2019 after receiving a “general service "
                    "discharge.”")
    m = verdict(c, "Moritz received a “general service” discharge in 2019, the navy said.")
    assert m.verdict != "reworded quotation" and m.notes is None


def test_quotation_by_the_same_speaker_is_verbatim(claims):
    c = claim(claims, "organised, patient")
    m = verdict(c, "The thieves were “organised, patient and well funded,” Fischer said.",
                speaker="Lena Fischer")
    assert m.verdict == "verbatim"


QUOTED = ("Health\n\nMeasles cases rise in Valmont\n\n“This outbreak is entirely preventable, and "
          "every new case is one too many,” said Dr. Helen Okafor, the county's chief medical "
          "officer.\n")


def test_a_quotations_speaker_and_role_named_again_are_no_part_of_it():
    seed = read_seed(QUOTED)
    article = ("Dr. Helen Okafor, the county's chief medical officer, said kindergarten "
               "vaccination rates had fallen sharply this year.")
    assert {m.verdict for m in match_article(seed.claims, article).matches} == {"absent"}


def test_some_of_a_quotations_words_are_part_of_it():
    seed = read_seed(QUOTED)
    article = "The outbreak was entirely preventable, the county's chief medical officer said."
    assert "partial" in {m.verdict for m in match_article(seed.claims, article).matches}


def test_a_lead_repeated_without_its_wire_dateline_is_verbatim():
    [c] = read_seed("Strike ends\nARDEN, Nova (Coastal Wire) - The port of Calder Bay reopened on "
                    "Monday after a three-week strike by its dockworkers.\n").claims
    m = verdict(c, "The port of Calder Bay reopened on Monday after a three-week strike by its "
                   "dockworkers.")
    assert m.verdict == "verbatim"


def test_a_quotation_cut_by_its_first_words_is_no_reworded_quotation():
    [quote] = [c for c in read_seed(
        "Protest\nThe mayor posted a reply on Monday. “Who asked for it? Do you know how "
        "many families on the east side of the river will lose their homes. Withdraw it,” she "
        "wrote.\n").claims if c.kind == "quote"]
    m = verdict(quote, "“Do you know how many families on the east side of the river will lose "
                       "their homes. Withdraw it,” the mayor wrote.")
    assert m.verdict != "reworded quotation" and m.notes is None


def test_a_quotation_quoted_in_part_with_a_comma_dropped_is_partial():
    quote = _quote("Fire\nAna Ruiz escaped the fire on Sunday. “I think the good Lord, my Lord, "
                   "kept me safe that night, and I just wish I had run to the door sooner,” "
                   "Ruiz said.\n")
    m = verdict(quote, "“I think the good Lord my Lord kept me safe that night,” Ruiz said.")
    assert m.verdict == "partial"


def test_a_quotation_quoted_only_in_part_is_partial():
    [quote] = [c for c in read_seed(
        "Closure\n“The port will close for good at the end of the year. Every family in the town "
        "will feel it,” Mayor Ana Ruiz said.\n").claims if c.kind == "quote"]
    m = verdict(quote, "“The port will close for good at the end of the year,” Ruiz said.")
    assert m.verdict == "partial"


def _quote(seed: str):
    [quote] = [c for c in read_seed(seed).claims if c.kind == "quote"]
    return quote


def test_a_quotation_with_one_of_its_sentences_left_out_is_partial_though_reworded():
    quote = _quote("Ferries\n“What a sorry state of affairs. The ferry will stop running in "
                   "March, and nobody asked the islanders. Reverse it now,” the councillor "
                   "wrote.\n")
    m = verdict(quote, "“The ferry will stop running in March and nobody asked the islanders. "
                       "Reverse it now,” the councillor wrote.")
    assert m.verdict == "partial"


def test_a_quotation_told_whole_with_an_aside_left_out_is_not_partial():
    quote = _quote("Ferries\n“The ferry, as I told the council last spring, must keep running "
                   "all winter,” the councillor said.\n")
    m = verdict(quote, "“The ferry must keep running all winter,” the councillor said.")
    assert m.verdict != "partial"


def test_a_quotation_whose_left_out_sentence_the_writer_tells_is_not_partial():
    quote = _quote("Ferries\n“The ferry will keep running. The island will pay for every single "
                   "repair on the old boat,” the councillor said.\n")
    m = verdict(quote, "The councillor said the ferry would keep running and that “the island "
                       "will cover every single repair on that old boat.”")
    assert m.verdict != "partial"


def test_a_left_out_sentence_whose_one_word_the_writer_uses_still_makes_a_part():
    quote = _quote("Ferries\n“The ferry will keep running all winter from the eastern quay. We "
                   "will not raise fares,” the councillor said.\n")
    m = verdict(quote, "“The ferry will keep sailing all winter from the eastern quay,” the "
                       "councillor said as fares rose again.")
    assert m.verdict == "partial"


def test_the_editors_bracketed_words_left_out_of_a_quotation_leave_it_whole():
    quote = _quote("Ferries\n“The ferry stops in March. [The pier and the old harbour lease] "
                   "will go too,” the councillor said.\n")
    m = verdict(quote, "“The ferry will stop in March. It will go too,” the councillor said.")
    assert m.verdict != "partial"


def test_a_quotation_of_several_sentences_each_reworded_is_a_reworded_quotation():
    quote = _quote("Ferries\n“The ferry will stop running in March. Nobody asked the "
                   "islanders,” the councillor wrote.\n")
    m = verdict(quote, "“The ferry will cease running in March. Nobody consulted the "
                       "islanders,” the councillor wrote.")
    assert m.verdict == "reworded quotation"


FARES = ("Ferry Fares\nThe island's transport office said on Monday that ferry fares would rise "
         "in May.\n“There are no winners in a fare war,” said harbour master Ida Voss.\n")


def test_another_persons_quotation_in_the_storys_words_is_no_part_of_a_quotation():
    quote = next(c for c in read_seed(FARES).claims if c.kind == "quote")
    article = ("The ferries sailed at nine. “Nobody wins fare wars,” said a skipper for "
               "Topline, a fishing firm.")
    assert match_article([quote], article).matches[0].verdict == "absent"


def test_the_writers_own_sentence_in_a_quotations_words_is_no_part_of_it():
    quote = next(c for c in read_seed(FARES).claims if c.kind == "quote")
    article = "The ferries sailed at nine. A fare war has no winners among the island's fishermen."
    assert match_article([quote], article).matches[0].verdict == "absent"


def test_a_quotation_told_in_other_words_by_its_speaker_is_still_carried():
    quote = next(c for c in read_seed(FARES).claims if c.kind == "quote")
    article = "The ferries sailed at nine. Voss said nobody comes out of a fare war a winner."
    assert match_article([quote], article).matches[0].verdict != "absent"


def test_a_sentence_telling_the_claims_exact_amount_in_other_words_carries_part_of_it():
    c = first_claim("Some 1,200 stranded ferry travellers asked the Harbour Board for their "
                    "money back over the past seven days, it said on Thursday, twice as many as "
                    "in any earlier week of the season, when storms were rarer.")
    m = verdict(c, "The total for the week ending June 4 was 1,200, according to Harbour Board "
                   "data, which is 300 fewer than in the week before.")
    assert m.verdict == "partial"


FILINGS = ("Since the drought was declared in mid-April, 30.8 million people have filed for "
           "relief as water limits left farms idle for 2\u00bd months.")


def test_the_claims_amount_rounded_in_other_words_carries_part_of_it():
    m = verdict(first_claim(FILINGS), "That brings relief filings since the drought began to "
                                      "about 31 million.")
    assert m.verdict == "partial"


def test_a_time_told_about_carries_part_of_a_claim_giving_it_exactly():
    c = first_claim("The first tremor struck around 3:30 a.m., cracking walls and roofs of homes "
                    "and trapping families as they slept.")
    m = verdict(c, "The magnitude 5.8 tremor struck at 3:36 a.m. and was felt across much of the "
                   "valley.")
    assert m.verdict == "partial"


def test_a_time_told_about_is_no_part_of_a_claim_giving_another_a_half_hour_away():
    c = first_claim("The ferry left the harbour around 9 p.m. with 40 passengers on board.")
    assert not tells_amount(c.text, "The coastguard received a distress call at 9:25 p.m.")


def test_a_time_after_a_bound_is_no_part_of_the_claim():
    c = first_claim("The ferry sank after 2 a.m., the coastguard said on Friday.")
    assert not tells_amount(c.text, "The coastguard's boat left the harbour at 5 a.m.")


def test_an_amount_a_bound_reaches_from_afar_is_no_part_of_the_claim():
    c = first_claim("The harbour strike began six months ago, the dockers' union said on Friday.")
    m = verdict(c, "The union has been without a contract for almost eight months.")
    assert m.verdict == "absent"


def test_an_amount_just_past_the_claims_bound_carries_part_of_it():
    c = first_claim("The mayor was ahead by more than 600 votes out of nearly 23,000 cast amid a "
                    "slow count of postal ballots in the harbour district.")
    m = verdict(c, "As of Wednesday, the mayor's lead in the harbour district stood at 641 "
                   "votes, according to the county.")
    assert m.verdict == "partial"


@pytest.mark.parametrize("claim, sentence", [
    ("The plant will cut 230 jobs at the harbour.", "More than 200 jobs will go at the plant."),
    ("The flood reached 87 homes in the valley.", "Nearly 100 homes in the valley flooded."),
    ("The council paid $1.7 million for the quay.", "The quay cost about $2 million.")])
def test_an_amount_rounded_at_its_leading_digit_tells_the_claims_again(claim, sentence):
    assert tells_amount(claim, sentence)


def test_an_amount_inside_a_range_the_sentence_gives_is_no_part_of_the_claim():
    c = first_claim("A weakened storm slowed to a crawl over the coast on Saturday after leaving "
                    "at least 11 people dead, and its rains fuelled fears of flooding inland in "
                    "the days ahead.")
    m = verdict(c, "The utility estimates 1 to 3 million people could be without electricity "
                   "because of the storm.")
    assert m.verdict == "absent"


def test_a_sentence_sharing_only_a_date_and_a_few_words_is_not_part_of_a_claim():
    c = first_claim("Some 1,200 stranded ferry travellers asked the Harbour Board for their "
                    "money back over the past seven days, it said on Thursday, twice as many as "
                    "in any earlier week of the season, when storms were rarer.")
    m = verdict(c, "On Thursday the Harbour Board met for the last time this season.")
    assert m.verdict == "absent"


def test_a_piece_too_short_to_be_a_clause_goes_with_the_next_and_who_said_it_is_left_out():
    sentence = ("The council, as expected, set the fines last spring, the mayor said on Friday "
                "morning, and the taxi association will appeal")
    assert [" ".join(c.split()) for c in clause_texts(sentence)] == [
        sentence, "The council as expected set the fines last spring",
        "and the taxi association will appeal"]


def test_a_statement_of_someones_quoted_words_is_not_carried_by_another_persons_quotation():
    # The seed's sentence is an official's words with their attribution; the article quotes
    # a councillor's other words on the same subject, and does not name the official.
    seed = read_seed("A Story Of Our Own\n\"We think riders will ultimately be surprised by the "
                     "affordability of the night fares, because the discounts track with the "
                     "increases in fares,\" said Ada Lund, assistant harbour master for public "
                     "affairs at the Department of Ports and Ferries.")
    statement = next(c for c in seed.claims if c.kind == "statement")
    m = verdict(statement, "\"While the board continues to focus on fare 'affordability,' it "
                           "ignores the plain fact that the council is paying for these fare "
                           "increases through discounts,\" wrote councillor Ben Ortiz, the "
                           "transport panel's chairman.")
    assert m.verdict == "absent"


def test_an_unnamed_source_after_according_to_is_no_part_of_what_the_claim_says():
    claim = "Ferry fares will rise 8% in March, according to one person familiar with the talks."
    assert {"person", "familiar", "talks"}.isdisjoint(said_words(claim))
    assert len(clause_texts(claim)) == 2  # the claim whole and its one clause saying what


def test_what_officials_who_said_something_said_is_part_of_the_claim():
    words = said_words("Fares rose 8% in March, according to officials who said the port "
                       "closed in May after the storm.")
    assert content_words("port storm") <= words


def test_a_verb_of_telling_with_an_object_says_what_not_who_said_it():
    words = said_words("The line reported its annual loss, while fares rose 8% in March.")
    assert content_words("annual loss") <= words


def test_a_verb_of_telling_last_week_tells_who_said_it():
    words = said_words("Fares rose 8% in March, the ferry line reported last week.")
    assert words == content_words("Fares rose 8% in March")


def test_a_quotation_of_one_word_of_its_own_is_not_found_in_its_speakers_other_use_of_it():
    quote = seed_quote("Port Deal Stalls\n\u201cThat is unacceptable,\u201d Lena Brandt said of "
                       "the offer.\n")
    article = ("Lena Brandt said a \u201crapid exit\u201d from the port would be unacceptable, "
               "citing the ferry strike of last year.")
    assert quote.speaker == "Lena Brandt"
    assert match_article([quote], article).matches[0].verdict == "absent"


def test_a_quoted_phrase_is_not_told_in_part_by_a_sentence_sharing_two_of_its_words():
    seed = read_seed("Pier Row\nMayor Ana Ruiz called the plan a gift to \u201cluxury pier "
                     "operators\u201d and vowed to fight it at the council on Monday.\n")
    (phrase,) = [c for c in seed.claims if c.kind == "quote"]
    article = "Ana Ruiz's council voted on Monday to cut fees for pier operators at the harbour."
    assert match_article([phrase], article).matches[0].verdict == "absent"


def test_a_quoted_phrase_quoted_in_part_is_still_found():
    seed = read_seed("Pier Row\nMayor Ana Ruiz called the plan a gift to \u201cluxury pier "
                     "operators\u201d and vowed to fight it at the council on Monday.\n")
    (phrase,) = [c for c in seed.claims if c.kind == "quote"]
    article = "Ana Ruiz attacked the plan as a favour to \u201cluxury pier\u201d firms on Monday."
    assert match_article([phrase], article).matches[0].verdict != "absent"


def test_a_quoted_phrase_whose_words_its_speaker_is_quoted_saying_is_told_in_part():
    seed = read_seed("Pier Row\nMayor Ana Ruiz accused the operators of \u201cdodging harbour "
                     "fees\u201d for a decade and vowed to fight it at the council on Monday.\n")
    (phrase,) = [c for c in seed.claims if c.kind == "quote"]
    article = ("\u201cThey have been dodging the fees for years,\u201d Ana Ruiz told the council "
               "on Monday.")
    assert match_article([phrase], article).matches[0].verdict == "partial"


def test_a_quotation_of_one_word_of_its_own_told_as_reported_speech_is_still_carried():
    quote = seed_quote("Port Deal Stalls\n\u201cThat is unacceptable,\u201d Lena Brandt said of "
                       "the offer.\n")
    article = "Lena Brandt called the offer unacceptable on Monday."
    assert match_article([quote], article).matches[0].verdict != "absent"


def test_a_quotation_of_one_word_of_its_own_in_its_speakers_reported_words_is_carried():
    quote = seed_quote("Port Deal Stalls\n\u201cThat is unacceptable,\u201d Lena Brandt said of "
                       "the offer.\n")
    article = "Lena Brandt dismissed the offer as unacceptable."
    assert match_article([quote], article).matches[0].verdict != "absent"


REFUSAL_SEED = ("Pier Row\nThrough a spokeswoman, the harbour commission declined to comment on "
                "the ferry operators' lawsuit.\n")


def test_a_refusal_to_comment_is_not_told_by_a_sentence_about_what_it_refused_to_discuss():
    (refusal,) = read_seed(REFUSAL_SEED).claims
    article = ("The ferry operators filed a lawsuit against the harbour commission on Tuesday "
               "over the new pier fees.")
    assert match_article([refusal], article).matches[0].verdict == "absent"


def test_a_refusal_to_comment_is_told_by_another_refusal():
    (refusal,) = read_seed(REFUSAL_SEED).claims
    article = "A spokeswoman for the harbour commission declined to comment on the lawsuit."
    assert match_article([refusal], article).matches[0].verdict != "absent"


def test_a_refusal_joined_to_a_statement_is_told_in_part_by_the_statement():
    (claim,) = read_seed("Pier Row\nLindqvist Freight did not respond to requests for comment, "
                         "but has said it would comply with the harbour commission's ruling.\n"
                         ).claims
    article = "Lindqvist Freight has said it will comply with the commission's ruling on pier fees."
    assert match_article([claim], article).matches[0].verdict == "partial"


@pytest.mark.parametrize("claim", ["The navy did not respond to the attack on the convoy.",
                                   "Ana Ruiz declined to run for a third term as mayor."])
def test_not_answering_something_else_is_no_refusal_to_comment(claim):
    assert not refuses_comment(claim)


def test_not_saying_what_is_named_is_no_refusal_to_comment():
    # "The authority said who owned it" contradicts it: a negation flipped, not another fact.
    assert not refuses_comment("The harbour authority did not say who owned the copper.")


@pytest.mark.parametrize("sentence", [
    "The harbour commission had no comment on the lawsuit.",
    "A spokeswoman for the harbour commission wouldn't comment.",
    "The harbour commission did not answer questions about the ferry operators' lawsuit.",
    "Asked about the ferry operators' lawsuit, the harbour commission didn't respond."])
def test_a_refusal_in_other_words_tells_a_refusal(sentence):
    (refusal,) = read_seed(REFUSAL_SEED).claims
    assert match_article([refusal], sentence).matches[0].verdict != "absent"


@pytest.mark.parametrize("claim", [
    "The commission raised pier fees with no comment period on Monday.",
    "The stranded ferry could not be reached by rescue boats until Monday.",
    "The navy did not respond to the ferry's request for help.",
    "The commission, which raised pier fees by 5 percent in May, declined to comment.",
    "Ana Ruiz declined to comment, saying the matter was before the court.",
    "Ana Ruiz declined to comment after the council voted 5-2 to raise fees.",
    "Ana Ruiz has denied the allegation and declined to comment.",
    "Ana Ruiz denies the charge and declined to comment.",
    "The council voted and the builder declined to comment.",
    "Shares fell 5 percent and the company declined to comment.",
    "The mayor quit and his office declined to comment."])
def test_a_claim_telling_more_than_a_refusal_is_no_refusal_to_comment(claim):
    assert not refuses_comment(claim)


@pytest.mark.parametrize("claim", [
    "The council and the builder both declined to comment.",
    "Lindqvist Freight and Osei Shipping did not respond to requests for comment.",
    "Representatives for Ruiz and Berg declined to comment for this article."])
def test_a_refusal_by_several_is_a_refusal_to_comment(claim):
    assert refuses_comment(claim)


def test_a_refusal_by_several_is_not_told_by_a_sentence_naming_them():
    (refusal,) = read_seed("Pier Row\nThe council and the builder both declined to comment.\n"
                           ).claims
    article = "The council should cancel the builder's contract, plain and simple."
    assert match_article([refusal], article).matches[0].verdict == "absent"


def test_a_quotation_with_no_1_for_number_one_is_verbatim():
    quote = _quote("Cup\n“We are number one in the league and we will stay number one,” coach "
                   "Lina Berg said.\n")
    m = verdict(quote, "“We are No. 1 in the league and we will stay No. 1,” coach Lina Berg said.")
    assert m.verdict == "verbatim"


def test_a_quotation_with_figures_for_number_words_is_verbatim():
    quote = _quote("Cup\n“We have won three of our last twenty-four games at home,” coach Lina "
                   "Berg said.\n")
    m = verdict(quote, "“We have won 3 of our last 24 games at home,” coach Lina Berg said.")
    assert m.verdict == "verbatim"


def test_a_quotation_shortened_with_an_ellipsis_quoted_whole_is_verbatim():
    quote = _quote("Pier\n“The old pier ... will be rebuilt in stone before the winter storms,” "
                   "harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“The old pier, which the council has neglected for a decade, will be "
                       "rebuilt in stone before the winter storms,” harbourmaster Ola Dahl said.")
    assert m.verdict == "verbatim"


def test_a_run_of_a_quotation_inside_a_longer_quotation_is_partial():
    quote = _quote("Pier\n“I have been mending boats on this island for thirty years. I know what "
                   "the harbour needs,” harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“People forget that I have been mending boats on this island for thirty "
                       "years, and that nobody on the council ever asked me what I thought about "
                       "the new breakwater, the ferry timetable or the fuel tanks,” he told the "
                       "meeting.")
    assert m.verdict == "partial"


def test_a_run_that_is_mostly_a_name_is_not_the_quotation_quoted():
    quote = _quote("Pier\n“We will take the advice of the Harbour Board Safety Unit and shut the "
                   "pier,” harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“Our crews have always followed the advice of the Harbour Board Safety "
                       "Unit, in every season and on every crossing, since the company first "
                       "sailed,” a ferry company spokeswoman said.")
    assert m.verdict == "absent"


def _kinds(m) -> list[str]:
    return [c["kind"] for c in m.conflicts or []]


def test_a_quotation_through_an_ellipsis_given_to_another_person_is_a_speaker_conflict():
    quote = _quote("Pier\n“The old pier ... will be rebuilt in stone before the winter storms,” "
                   "harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“The old pier, which the council has neglected for a decade, will be "
                       "rebuilt in stone before the winter storms,” councillor Per Moen said.",
                "Per Moen")
    assert m.verdict == "conflict" and "speaker" in _kinds(m)


def test_a_quotation_in_other_figures_given_to_another_person_is_a_speaker_conflict():
    quote = _quote("Cup\n“We have won three of our last twenty-four games at home,” coach Lina "
                   "Berg said.\n")
    m = verdict(quote, "“We have won 3 of our last 24 games at home,” rival coach Per Moen said.",
                "Per Moen")
    assert m.verdict == "conflict" and "speaker" in _kinds(m)


def test_ellipsis_parts_of_one_word_are_not_found_anywhere_in_a_quotation():
    quote = _quote("Pier\n“Never ... again,” harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“I will never say the pier is safe, but we will try again,” harbourmaster "
                       "Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


def test_an_ellipsis_standing_for_words_that_set_the_parts_apart_is_no_verbatim_quotation():
    quote = _quote("Ferry\n“The ferry will run ... every day of the year,” harbourmaster Ola Dahl "
                   "said.\n")
    m = verdict(quote, "“The ferry will run only in June, and the bus, not the ferry, will go "
                       "every day of the year,” harbourmaster Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


def test_an_ellipsis_standing_for_a_clause_of_another_thing_is_no_verbatim_quotation():
    quote = _quote("Ferry\n“The ferry will run ... every day of the year,” harbourmaster Ola Dahl "
                   "said.\n")
    m = verdict(quote, "“The ferry will run until May and the bus every day of the year,” "
                       "harbourmaster Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


def test_an_ellipsis_standing_for_a_figure_is_no_verbatim_quotation():
    quote = _quote("Storm\n“We lost three boats ... in the storm,” harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“We lost three boats, 30 nets in the storm,” harbourmaster Ola Dahl said.",
                "Ola Dahl")
    assert m.verdict != "verbatim"


def test_an_ellipsis_standing_for_many_words_is_no_verbatim_quotation():
    quote = _quote("Pier\n“The old pier ... will be rebuilt in stone before the winter storms,” "
                   "harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“The old pier, which the council has neglected for a decade while it "
                       "argued about the budget for the school and the road to the lighthouse, "
                       "will be rebuilt in stone before the winter storms,” harbourmaster Ola "
                       "Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


def test_two_numbers_spelt_apart_are_not_one_figure():
    quote = _quote("Storm\n“We saw twenty, one of them sank,” captain Ola Dahl said.\n")
    m = verdict(quote, "“We saw 21 of them sank,” captain Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


def test_a_ten_and_a_unit_spelt_apart_against_one_figure_are_other_words():
    quote = _quote("Storm\n“We found thirty, one of them capsized,” captain Ola Dahl said.\n")
    m = verdict(quote, "“We found 31 of them capsized,” captain Ola Dahl said.", "Ola Dahl")
    assert m.verdict in ("reworded quotation", "conflict")


def test_a_run_of_a_quotation_in_an_unnamed_other_voice_is_not_part_of_it():
    quote = _quote("Ferry\n“We are doing everything we can to make sure the ferry runs on time,” "
                   "harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“Since the storm closed the ward we are doing everything we can to make "
                       "sure that patients still get their treatment, on the mainland or here,” "
                       "a health board spokeswoman said.")
    assert m.verdict == "absent"


def test_a_run_of_a_quotation_in_another_named_persons_mouth_is_not_part_of_it():
    quote = _quote("Ferry\n“We are doing everything we can to make sure the ferry runs on time,” "
                   "harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“Since the storm closed the ward we are doing everything we can to make "
                       "sure that patients still get their treatment, on the mainland or here,” "
                       "nurse Kari Holm said.", "Kari Holm")
    assert m.verdict == "absent"


def test_a_long_quotation_carrying_the_claims_words_but_one_is_no_run_of_it():
    quote = _quote("Quay\n“It is pure folly to think that the new quay will bring considerably "
                   "more ferries and jobs to the island,” harbourmaster Ola Dahl said.\n")
    m = verdict(quote, "“The board says it wants growth, and I have heard that every winter since "
                       "the old cannery closed and the young people left for the mainland. It is "
                       "pure folly to think that the new quay would bring more ferries and jobs to "
                       "the island,” harbourmaster Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "partial"


@pytest.mark.parametrize("gap", ["if the ministry pays", "but only if the ministry pays",
                                 "once the grant arrives and then", "hardly", "almost"])
def test_an_ellipsis_standing_for_a_condition_or_a_hedge_is_no_verbatim_quotation(gap):
    quote = _quote("Pier\n“We will rebuild the old pier ... before the winter storms,” "
                   "harbourmaster Ola Dahl said.\n")
    m = verdict(quote, f"“We will rebuild the old pier {gap} before the winter storms,” "
                       "harbourmaster Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


@pytest.mark.parametrize("scale", ["dozen", "quarters of the", "hundred"])
def test_an_ellipsis_standing_for_a_scale_word_is_no_verbatim_quotation(scale):
    quote = _quote("Storm\n“We lost three ... fishing boats in the storm last week,” harbourmaster "
                   "Ola Dahl said.\n")
    m = verdict(quote, f"“We lost three {scale} fishing boats in the storm last week,” "
                       "harbourmaster Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


def test_a_denial_the_editor_put_in_brackets_is_no_verbatim_quotation():
    quote = _quote("Pier\n“We will rebuild the old pier in stone this year,” harbourmaster Ola "
                   "Dahl said.\n")
    m = verdict(quote, "“We will [not] rebuild the old pier in stone this year,” harbourmaster "
                       "Ola Dahl said.", "Ola Dahl")
    assert m.verdict != "verbatim"


def test_a_quotations_second_sentence_left_open_is_not_told_by_the_writers_account_of_the_event():
    seed = read_seed("Mills raided\n\"The raids hit farm families hard,\" Ada Lund, a lawyer "
                     "with the Tenants Union, said in a statement. \"The harvest failed this year, "
                     "and now the millers of Osland find inspectors from the agency at every "
                     "door of their seven mills.\n")
    article = ("Mills raided\nInspectors from the agency searched seven mills in Osland on "
               "Monday and questioned 480 millers at the door.\nThe weather was fine.")
    assert [m.verdict for m in match_article(seed.claims, article).matches] == ["absent"] * 2


def test_another_named_persons_reported_words_are_no_part_of_a_quotation():
    seed = read_seed("Port data\n\u201cWe at the port authority know that every crane and "
                     "berth runs on data,\u201d said harbour master Ada Lund.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("Port data\nIvo Kask told the Gazette that the port authority would still make "
               "its crane and berth data public.\nThe weather was fine.")
    assert match_article([quote], article).matches[0].verdict == "absent"


def test_the_speakers_words_reported_after_a_pronoun_still_tell_the_quotation():
    seed = read_seed("Port data\n\u201cWe at the port authority know that every crane and "
                     "berth runs on data,\u201d said harbour master Ada Lund.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("Port data\nShe told the Gazette that the port authority knows every crane runs "
               "on data.\nThe weather was fine.")
    assert match_article([quote], article).matches[0].verdict != "absent"


@pytest.mark.parametrize("voice", ["The Harbour Master told the Gazette that",
                                   "The Port Ministry said", "Police said",
                                   "Officials in Osland said"])
def test_a_role_a_body_or_a_place_reporting_the_words_is_no_other_person(voice):
    seed = read_seed("Port data\n\u201cWe at the port authority know that every crane and "
                     "berth runs on data,\u201d said harbour master Ada Lund.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = (f"Port data\n{voice} the port authority knows every crane and berth runs on "
               "data.\nThe weather was fine.")
    assert match_article([quote], article).matches[0].verdict != "absent"


def test_another_titled_persons_reported_words_are_no_part_of_a_quotation():
    seed = read_seed("Port data\n\u201cWe at the port authority know that every crane and "
                     "berth runs on data,\u201d said harbour master Ada Lund.\n")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("Port data\nMayor Ivo Kask said the port authority would still make its crane "
               "and berth data public.\nThe weather was fine.")
    assert match_article([quote], article).matches[0].verdict == "absent"


def test_another_named_persons_reported_words_are_no_part_of_a_statement_of_a_quotation():
    seed = read_seed("Port data\n\u201cWe at the port authority know that every crane and "
                     "berth runs on data,\u201d said Ada Lund, who has run the harbour since "
                     "2015.\n")
    statement = next(c for c in seed.claims if c.kind == "statement")
    article = ("Port data\nIvo Kask told the Gazette that the port authority would still make "
               "its crane and berth data public.\nThe weather was fine.")
    assert match_article([statement], article).matches[0].verdict == "absent"


# Issue #17: a claim told whole inside a longer outlet sentence (a clause, an attribution, a
# time or a second fact joined to it) is told, not a part; its words left out are a part.
@pytest.mark.parametrize("seed, sentence, expected", [
    ("The council approved a budget of $4 million on Tuesday.",
     "The council approved a budget of $4 million on Tuesday, and the school board cut 40 "
     "teaching posts a day later.", "verbatim"),
    ("The council approved a budget of $4 million on Tuesday.",
     "After a long debate over school funding, the city council on Tuesday approved a "
     "$4 million budget, officials said.", "paraphrase"),
    ("Floods closed the main bridge into Harwick for three days.",
     "Last month the main bridge into Harwick was shut by floods for three days while crews "
     "cleared debris, the county said.", "paraphrase"),
    ("Floods closed the main bridge into Harwick for three days.",
     "Floods closed a bridge into Harwick last month, and the river then rose again, cutting "
     "power to 2,000 homes.", "partial"),
])
def test_a_claim_told_whole_inside_a_longer_sentence(seed, sentence, expected):
    c = first_claim(seed)
    article = "The weather stayed mild for most of May. " + sentence
    assert match_article([c], article).matches[0].verdict == expected


def test_a_quotation_told_whole_inside_a_longer_quotation_is_verbatim():
    c = seed_quote("Fares Held\n\u201cWe will not raise fares this year,\u201d Mayor Lena Ortiz "
                   "said.")
    article = ("The weather stayed mild for most of May. Speaking at the depot on Monday, Mayor "
               "Lena Ortiz said: \u201cWe will not raise fares this year, and we will add ten "
               "buses to the night routes.\u201d")
    assert match_article([c], article).matches[0].verdict == "verbatim"


# Issue #17: a sentence that tells the claim but leaves out one of its amounts, one written in
# figures, in any form (not the same value, nor rounded, nor another value of its kind), tells
# part of it. The amount in other words ("four million dollars", "$4m", "12 thousand"),
# rounded, or its day given as a date tells it whole; "9th" is no amount.
@pytest.mark.parametrize("seed, sentence, expected", [
    ("The council approved a budget of $4 million on Tuesday.",
     "The council approved a budget on Tuesday after a long debate over school funding.",
     "partial"),
    ("The council approved a budget of $4 million on Tuesday.",
     "The council approved the new budget on Tuesday.", "partial"),
    ("Harwick's hospital treated 240 patients for smoke inhalation after the warehouse fire.",
     "Harwick's hospital treated patients for smoke inhalation after the warehouse fire.",
     "partial"),
    ("The council approved a budget of $4 million on Tuesday.",
     "On Tuesday the city council approved a four million dollar budget.", "paraphrase"),
    ("The council approved a budget of $4 million on Tuesday.",
     "The council approved a budget of four million dollars on March 3.", "paraphrase"),
    ("The council approved a budget of $4 million on Tuesday.",
     "The council on Tuesday approved a budget of $4m.", "paraphrase"),
    ("About 30.8 million people watched the final, the network said.",
     "About 31 million people watched the final, according to the network.", "paraphrase"),
    ("The storm cut power to 12,000 homes in Harwick.",
     "Some 12 thousand homes in Harwick lost power in the storm.", "paraphrase"),
    ("The 9th Circuit ruling favoured the growers, the lawyers said.",
     "An appeals court ruling favoured the growers, according to their lawyers.", "paraphrase"),
    ("Ivo Kask sold between $90,000 and $250,000 worth of shares in six firms on Feb. 13, 2020.",
     "Ivo Kask sold between $90,000 and $250,000 worth of shares in six firms that day.",
     "paraphrase"),
    ("Case 4000 centres on gifts that Ivo Kask received from two shipping firms.",
     "The fourth case centres on gifts that Ivo Kask received from two shipping firms.",
     "paraphrase"),
    ("Mayor Ada Lund rebuked both councillors early Jan. 22 after they traded insults.",
     "Mayor Ada Lund rebuked both councillors after they traded insults at the meeting.",
     "paraphrase"),
    ("The 9th district has elected Republicans since the 1960s.",
     "The Ninth district has elected Republicans since the 1960s.", "paraphrase"),
    ("The bill gives $15bn to towns hit by the floods.",
     "The bill gives money to towns hit by the floods.", "partial"),
    ("The bill gives $15bn to towns hit by the floods.",
     "The bill gives $15 billion to towns hit by the floods.", "paraphrase"),
    # a time of day and an age are details a reader drops, as a day is (review57b)
    ("The harbour council met at 10 a.m. on Tuesday to approve the new quay budget.",
     "The harbour council met on Tuesday to approve the new quay budget.", "paraphrase"),
    ("A 40-year-old fisherman was rescued off Harwick after his trawler sank.",
     "A fisherman was rescued off Harwick after his trawler sank.", "paraphrase"),
    ("The harbour council met at 4:30 p.m. local time to approve the new quay budget.",
     "The harbour council met in the afternoon to approve the new quay budget.", "paraphrase"),
    ("The harbour council met at 9 p.m. ET to approve the new quay budget.",
     "The harbour council met to approve the new quay budget.", "paraphrase"),
    # the amount in another form: a duration in the possessive
    ("The union must give the harbour board 3 weeks of notice before a strike, Ada Lund said.",
     "The union must give the harbour board 3 weeks' warning before any strike, Ada Lund said.",
     "paraphrase"),
])
def test_a_sentence_leaving_out_an_amount_of_the_claim_tells_part(seed, sentence, expected):
    c = first_claim(seed)
    article = "The weather stayed mild for most of May. " + sentence
    assert match_article([c], article).matches[0].verdict == expected


def test_a_count_of_another_noun_in_the_possessive_is_no_conflict():
    # "15 teachers' aides" counts aides: no other number of the 12 teachers
    c = first_claim("The harbour school fired 12 teachers on Monday over the exam scandal.")
    article = ("The weather stayed mild for most of May. The harbour school fired 15 teachers' "
               "aides on Monday over the exam scandal.")
    assert match_article([c], article).matches[0].verdict != "conflict"
