"""Matching articles to a story's claims on texts of ours: candidates, best sentences, additions."""

import tomllib
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from monitor.steps import coverage
from monitor.steps.claims import read_seed
from monitor.steps.match import (
    _candidates,
    _could_support,
    match_article,
    over_two_sentences,
    word_masks,
)
from monitor.steps.text import content_words, split_sentences
from monitor.steps.verdicts import judge
from tests.conftest import PORT_SEED

ROOT = Path(__file__).resolve().parents[1]


def test_a_few_words_of_a_claim_are_still_evidence_of_its_story():
    # Not part of the claim, but the story's words: coverage still weighs them.
    seed = read_seed("A Story Of Our Own\nThe city council approved the new ferry budget for next "
                     "year, and harbour dock workers will lose their weekend overtime pay.\n")
    result = match_article(seed.claims, "The council's ferry workers held a weekend picnic in "
                                        "the park.")
    assert result.matches[0].verdict == "absent"
    assert coverage.claims_carried(result, seed.claims).touched == 1.0


STRIKE = ("Harbour Strike Ends\nDock workers at the northern terminal voted on Monday to end "
          "their strike over overtime pay.\nThe harbour board said the northern terminal would "
          "reopen to container ships on Wednesday, once cranes are checked.\n")


def test_a_sentence_sharing_words_with_several_claims_is_part_of_the_one_it_tells_best():
    # Its fact is the strike; the ships and the terminal do not tell when the terminal reopens.
    article = "Dock workers on strike at the northern terminal watched container ships wait."
    strike, reopening = match_article(read_seed(STRIKE).claims, article).matches
    assert (strike.verdict, reopening.verdict) == ("partial", "absent")


def test_article_match_resolves_speakers_from_the_article_itself():
    seed = read_seed(PORT_SEED)
    # The full name from the sentence before ("he said" alone is a guess: no conflict).
    article = ("Police chief Omar Haddad spoke to reporters at the port. “Organised, patient and "
               "well funded,” Haddad said of the thieves.")
    result = match_article(seed.claims, article)
    quote = next(m for m, c in zip(result.matches, seed.claims, strict=True) if c.kind == "quote")
    assert quote.verdict == "conflict"
    assert quote.conflicts[0]["article"] == "Omar Haddad"


def test_sentences_that_support_no_claim_are_additions():
    seed = read_seed(PORT_SEED)
    article = ("The port authority said on Monday that 40 containers of stolen copper were seized "
               "in March. Insurers expect claims to rise sharply after the latest thefts.")
    result = match_article(seed.claims, article)
    assert result.additions == ["Insurers expect claims to rise sharply after the latest thefts."]


def test_an_article_about_another_story_supports_no_claim():
    seed = read_seed(PORT_SEED)
    article = ("The city council approved a new budget on Tuesday. Parks will get more money and "
               "two libraries will extend their opening hours. The mayor praised the vote.")
    result = match_article(seed.claims, article)
    assert all(m.verdict == "absent" for m in result.matches)


def test_the_prefilter_never_drops_a_pair_the_verdict_checks_would_carry():
    """Every (claim, sentence) pair of the demo corpus that `judge` calls verbatim or paraphrase
    is among the pairs the prefilter keeps: both read words the same way (`monitor.steps.text`)."""
    corpus = tomllib.loads((ROOT / "data/demo/articles.toml").read_text())["article"]
    seeds = [read_seed(p.read_text()) for p in sorted((ROOT / "data/seeds").glob("*.txt"))]
    carried = dropped = 0
    for seed in seeds:
        texts = tuple(c.text for c in seed.claims)
        for article in corpus:
            sentences = split_sentences(article["body"])
            kept = set(_could_support(texts, word_masks([frozenset(content_words(s))
                                                          for s in sentences])))
            for i, claim in enumerate(seed.claims):
                for j, sentence in enumerate(sentences):
                    score = fuzz.token_set_ratio(claim.text, sentence, processor=default_process)
                    if judge(claim, sentence, score).verdict in ("verbatim", "paraphrase"):
                        carried += 1
                        dropped += (i, j) not in kept
    assert carried > 50 and dropped == 0


def test_the_prefilter_keeps_the_pairs_sharing_two_words_on_a_page_of_many_sentences():
    """A long page's sentences are read in runs (`word_masks`): a claim is still paired with
    every sentence, in every run, that shares two of its content words, or its only one."""
    claims = ("The harbour board approved the dredging contract.", "Ferries.",
              "Storm damage closed the northern pier for repairs.")
    pool = ["The board met again.", "The harbour board approved the budget.",
            "Ferries ran late.", "The dredging contract was approved.",
            "Storm damage was light.", "The northern pier closed for repairs."]
    sentences = [pool[j % len(pool)] for j in range(150)]
    words = [frozenset(content_words(s)) for s in sentences]
    expected = {(i, j) for i, claim in enumerate(claims) for j, found in enumerate(words)
                if len(found & content_words(claim)) >= min(2, len(content_words(claim)))}
    kept = _could_support(claims, word_masks(words))
    assert len(kept) == len(set(kept)) and set(kept) == expected
    assert {j for _, j in kept} >= {5, 65, 145}  # pairs in the first, second and last run


def test_a_claims_candidates_are_its_three_best_sentences_ties_in_the_articles_order():
    scores = np.array([[0, 60, 80, 60, 0, 60], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 70]],
                      dtype=np.uint8)
    assert _candidates(scores) == [[2, 1, 3], [], [5]]


def test_headlines_bylines_and_credit_lines_are_no_additions():
    seed = read_seed(PORT_SEED)
    article = ("Copper thieves strike the port again\nBy Maria Jensen\n"
               "The port authority said on Monday that 40 containers of stolen copper were "
               "seized in March.\nInsurers expect claims to rise sharply after the latest thefts."
               "\nThis article was first published by the Harbour Gazette.")
    result = match_article(seed.claims, article)
    assert result.additions == ["Insurers expect claims to rise sharply after the latest thefts."]


def test_a_sentence_that_carries_a_claim_is_no_addition_even_when_another_does_better():
    seed = read_seed(PORT_SEED)
    article = ("The port authority said on Monday that 40 containers of stolen copper were seized "
               "in March. In March, 40 containers of stolen copper were seized, the port "
               "authority told reporters on Monday.")
    assert match_article(seed.claims, article).additions == []


BRIDGE = """Council Closes The Old Bridge
The council voted on Tuesday to close the old bridge to cars from June.
The mayor says the council wants the old bridge closed to protect its crumbling foundations.
"""


def test_a_sentence_carrying_one_claim_is_not_part_of_another_by_the_same_words():
    seed = read_seed(BRIDGE)
    article = "On Tuesday the council voted to close the old bridge to cars from June."
    verdicts = [m.verdict for m in match_article(seed.claims, article).matches]
    assert verdicts == ["paraphrase", "absent"] or verdicts == ["verbatim", "absent"]


def test_a_sentence_carrying_one_claim_still_counts_for_another_it_adds_words_of():
    seed = read_seed(BRIDGE)
    article = ("On Tuesday the council voted to close the old bridge to cars from June, "
               "citing its crumbling foundations.")
    assert match_article(seed.claims, article).matches[1].verdict in ("partial", "paraphrase")


def test_an_articles_headline_without_a_stop_is_no_addition():
    seed = read_seed(PORT_SEED)
    article = ("Copper thieves strike the port again as insurers count the cost of a summer of "
               "container raids\nThe port authority said on Monday that 40 containers of stolen "
               "copper were seized in March. Insurers expect claims to rise sharply after the "
               "latest thefts.")
    result = match_article(seed.claims, article)
    assert result.additions == ["Insurers expect claims to rise sharply after the latest thefts."]


def test_a_question_in_the_outlets_words_is_no_addition():
    seed = read_seed(PORT_SEED)
    article = ("The port authority said on Monday that 40 containers of stolen copper were seized "
               "in March. Who will pay for the stolen copper in the end? Insurers expect claims "
               "to rise sharply after the latest thefts.")
    result = match_article(seed.claims, article)
    assert result.additions == ["Insurers expect claims to rise sharply after the latest thefts."]


def test_a_note_that_the_article_was_adapted_is_no_addition():
    seed = read_seed(PORT_SEED)
    article = ("The port authority said on Monday that 40 containers of stolen copper were seized "
               "in March. Insurers expect claims to rise sharply after the latest thefts.\n"
               "This story has been adapted for readers in the valley.")
    result = match_article(seed.claims, article)
    assert result.additions == ["Insurers expect claims to rise sharply after the latest thefts."]


def test_a_question_carries_no_claim_nor_part_of_one():
    seed = read_seed("Ferry Trial Ends\nThe island's transport office said the Kestrel line had "
                     "started \"the biggest fare war in history.\"\n")
    article = "The ferry sailed at nine. What is the Kestrel line fare war about?"
    assert [m.verdict for m in match_article(seed.claims, article).matches] == ["absent"] * 2


def test_a_link_to_another_story_carries_no_claim():
    seed = read_seed("Ferry Trial Ends\nThe island's transport office said the Kestrel line had "
                     "started \"the biggest fare war in history.\"\n")
    article = ("The ferry sailed at nine. The fishermen on the front line of the Kestrel fare war "
               "Read more")
    assert [m.verdict for m in match_article(seed.claims, article).matches] == ["absent"] * 2


def test_a_sentence_telling_one_claims_amount_is_its_part_though_it_is_more_of_another():
    # The sentence is more of the first claim (the total, the board's figures), and it tells
    # the second claim's count: a fact of each.
    seed = read_seed("Ferry Refunds Soar\nThe total number of ferry refund claims filed with the "
                     "Harbour Board rose again last week, figures released on Tuesday showed, as "
                     "storms closed the crossing for a fourth day.\nSome 1,200 travellers "
                     "wanted their fares back on Monday alone, twice as many as in any earlier "
                     "week of the season.\n")
    article = ("The total number of refund claims on Monday was 1,200, according to Harbour "
               "Board figures released on Tuesday.\nThe crossing reopened on Wednesday.")
    assert [m.verdict for m in match_article(seed.claims, article).matches] == [
        "partial", "partial"]


def test_a_sentence_telling_one_of_a_claims_clauses_is_its_part_though_more_of_another():
    # The sentence is more of the first claim (the pier closed after the storm); its second
    # clause tells most of the second claim's first one (the fishermen sent to the southern
    # docks): a fact of each.
    seed = read_seed("Pier Closed\nThe harbour board closed the northern ferry pier on Monday "
                     "after a storm cracked its main pylons, and engineers from the county said "
                     "it would stay shut until the spring tides had passed and divers had "
                     "checked the foundations.\nFishermen who moor their boats at the pier were "
                     "told to use the southern docks at Harlow, where the board has opened "
                     "twelve extra berths for the season.\n")
    article = ("The harbour board closed the northern ferry pier after a storm cracked its "
               "pylons, and fishermen were told to use the southern docks.\nThe weather was "
               "fine.")
    assert [m.verdict for m in match_article(seed.claims, article).matches] == [
        "partial", "partial"]


FINES = ("Bus Lane Fines Upheld\nThe appeals court ruled on Thursday that the city may keep "
         "fining drivers who block the new bus lanes on the harbour road, ending a two-year "
         "dispute with the taxi association.\nThe judges unanimously rejected the idea that the "
         "fines, which the council set last spring after months of debate, were a hidden tax "
         "on commuters.\n")
RULING = ("the city may fine drivers, the commuters who block the lanes each morning, with "
          "cameras and wardens.\nThe harbour road reopened on Friday.")


def test_a_sentence_whose_clause_states_a_claims_clause_is_its_part_though_more_of_another():
    # The sentence is more of the first claim (the city may fine drivers); its opening clause
    # tells the second claim's opening one in other words: a fact of each.
    article = f"The judges ruled unanimously that {RULING}"
    assert [m.verdict for m in match_article(read_seed(FINES).claims, article).matches] == [
        "partial", "partial"]


def test_a_clause_telling_another_year_does_not_make_a_part_of_the_claim_it_is_less_of():
    article = f"In 2019 the judges ruled unanimously that {RULING}"
    assert [m.verdict for m in match_article(read_seed(FINES).claims, article).matches] == [
        "partial", "absent"]


def test_a_clause_naming_only_others_does_not_make_a_part_of_the_claim_it_is_less_of():
    article = f"Judges in Corvale ruled unanimously that {RULING}"
    assert [m.verdict for m in match_article(read_seed(FINES).claims, article).matches] == [
        "partial", "absent"]


def test_an_amount_told_again_is_no_evidence_of_coverage_as_the_coverage_model_reads_it():
    # The verdict reads the amount; the coverage evidence reads words, as its model was fitted.
    seed = read_seed("Ferry Refunds Soar\nSome 1,200 travellers wanted their fares back on "
                     "Monday alone, twice as many as in any earlier week of the season.\n")
    article = ("The total number of refund claims on Monday was 1,200, according to Harbour "
               "Board figures released on Tuesday.\nThe crossing reopened on Wednesday.")
    m = match_article(seed.claims, article)
    assert (m.matches[0].verdict, m.supported[0].verdict) == ("partial", "absent")


def test_an_amount_the_seed_gives_another_claim_is_no_contradiction_of_this_one():
    # The seed tells both weeks; the article's sentence about the earlier week agrees with
    # the seed's second claim and says nothing against the first.
    seed = read_seed("Ferry Refunds Soar\nAnother 3,100 travellers asked for their fares back "
                     "last week, the Harbour Board said.\nAbout 2,600 asked in the week that "
                     "ended on May 2, and last week was the third week of rises.\n")
    article = ("By comparison, 2,600 travellers asked for their fares back in the week ended "
               "May 2.\nThe crossing reopened on Wednesday.")
    first = match_article(seed.claims, article).matches[0]
    assert first.verdict != "conflict" and first.conflicts is None


def test_a_day_the_seed_gives_another_claims_event_is_no_contradiction_of_this_one():
    # Two rulings on two days, both in the seed; the article tells only the earlier one.
    seed = read_seed("Judge Halts Ferry Fares\nA judge on Tuesday put a halt on the new ferry "
                     "fares across the whole county.\nOn Monday, a judge in Arden blocked "
                     "the fares on the routes named in the suit before him.\n")
    article = ("A judge on Monday partly blocked the new ferry fares across the county.\n"
               "The crossing reopened on Wednesday.")
    first = match_article(seed.claims, article).matches[0]
    assert first.verdict != "conflict" and first.conflicts is None


def test_a_sentence_quoting_a_statements_own_quotation_is_its_part_though_more_of_another():
    # One long quotation in the article tells the chief's words (the first claim, with where
    # she said them) and, in other words, the second claim's plan; it scores a little better
    # with the second, and is still a part of the first.
    seed = read_seed("Night Ferry Stays\n\"We fought for this ferry in the only way we know, "
                     "which is to say openly and loudly, with heart and soul,\" she said outside "
                     "the company's head office at 10 Quay St.\nLund will stay on as caretaker "
                     "chief, but said a new chief should be in place by the start of the "
                     "company's board meeting in October.\n")
    article = ("Soundbite, the ferry company's chief: \"We fought for this ferry in the only way "
               "we know: which is to say openly and loudly, with heart and soul. We held "
               "nothing back, and we were clear that the island is better served with a night "
               "crossing than without one. But the riders have made a clear choice to take "
               "another course, and the company needs fresh leadership to steer it. In my view "
               "we should aim to have a new chief in place by the start of the company's board "
               "meeting in October. I will continue in post as chief with my board for the "
               "next three months.\"\nThe crossing reopened on Wednesday.")
    verdicts = [m.verdict for m in match_article(seed.claims, article).matches]
    assert verdicts[0] == "partial" and verdicts[1] == "verbatim"


def test_a_sentence_carrying_a_statement_still_carries_part_of_the_quotation_drawn_from_it():
    # The statement and its quotation are one fact told twice; the article quotes the first
    # half of the words.
    seed = read_seed("Night Fares Upheld\nThe ferry board has argued that the new fares "
                     "“protect a small group of sincere night riders from being forced to pay for "
                     "crossings that they never use.”\n")
    article = ("The board has said the new fares “protect a small group of sincere night "
               "riders,” but riders' groups say the fares will hurt thousands who cross each "
               "week.\nThe crossing reopened on Wednesday.")
    assert [m.verdict for m in match_article(seed.claims, article).matches] == [
        "paraphrase", "partial"]


RAID = ("A Story Of Our Own\nMarten filmed the harbour depot with a pocket camera while he "
        "planned the raid and kept a letter on his laptop that claimed to justify it - the same "
        "letter the Red Gull group published after the raid when it took credit, said police "
        "chief Ora Lind.\n")


def test_a_claim_told_over_two_sentences_in_a_row_is_told_in_part_by_the_two():
    filmed = ("Marten filmed the harbour depot with a pocket camera while he planned the raid, "
              "police chief Ora Lind said.")
    letter = ("He kept a letter on his laptop that claimed to justify it, the same letter the Red "
              "Gull group published after the raid.")
    found = over_two_sentences(read_seed(RAID).claims[0], [filmed, letter], {0, 1})
    assert found is not None
    match, run = found
    assert (match.verdict, match.sentence, run) == ("partial", f"{filmed} {letter}",
                                                     (filmed, letter))


def test_two_sentences_are_read_together_only_when_each_adds_words_of_the_claim():
    filmed = ("Marten filmed the harbour depot with a pocket camera while he planned the raid, "
              "police chief Ora Lind said.")
    assert over_two_sentences(read_seed(RAID).claims[0],
                              [filmed, "The harbour was calm that night."], {0, 1}) is None


def test_two_sentences_are_read_together_only_when_the_model_reads_them_as_the_claim():
    # Each adds words of the claim, but the model does not read the two as the claim.
    first = "Marten filmed the depot with a camera as he planned the raid."
    second = ("The Red Gull group published his letter after the raid when it took credit, "
              "Lind said.")
    assert over_two_sentences(read_seed(RAID).claims[0], [first, second], {0, 1}) is None


def test_a_line_in_capitals_is_not_the_sentence_a_claim_is_told_in():
    claim = read_seed("Boat Sinks\nThe harbour pilot's boat sank on Friday and its crew of four "
                      "was rescued at dawn after it struck rocks near Gull Point, coast guard "
                      "officers said.\n").claims[0]
    article = ("The crew of four of the harbour pilot's boat were pulled from the water near Gull "
               "Point at dawn on Saturday, a day after it struck rocks, officials said.\n"
               "HARBOUR PILOT'S BOAT SINKS, CREW OF FOUR RESCUED AT DAWN\n"
               "The coast guard said the inquiry would take weeks.")
    m = match_article([claim], article).matches[0]
    assert m.sentence is not None and not m.sentence.isupper()


def test_a_body_sentence_is_shown_before_the_headline_at_the_same_verdict():
    # The headline scores higher (its few words nearly all the claim's), but both tell a part.
    seed = read_seed("Mills Raided\nFormer Osland mayor Ada Lund issued hundreds of pardons in "
                     "her last days in office after her defeat in November to Ivo Kask, some "
                     "of them for violent crimes.\n")
    lead = ("Former Osland mayor Ada Lund pardoned 312 people, some of them violent "
            "offenders, between election day last month and the end of her term, the clerk "
            "said this week.")
    article = ("Council calls for inquiry into hundreds of pardons by ex-mayor Lund\n"
               f"{lead}\nThe weather was fine.")
    [m] = match_article(seed.claims, article).matches
    assert (m.verdict, m.sentence) == ("partial", lead)


def test_a_headline_telling_more_of_a_claim_than_the_body_is_still_shown():
    # A body sentence sharing fewer of the claim's words is a weaker telling, stop or not.
    seed = read_seed("Harbour Vote\nThe dock workers, in the end, overwhelmingly backed Kask in "
                     "the harbour vote on Saturday.\n")
    headline = "Dock workers back Kask in harbour vote"
    article = (f"{headline}\nLund may see trouble with the dock workers in the vote."
               "\nThe weather was fine.")
    [m] = match_article(seed.claims, article).matches
    assert (m.verdict, m.sentence) == ("partial", headline)


def test_a_part_of_two_claims_is_the_one_it_tells_more_words_of_not_the_shorter():
    # The short claim's few words score higher by the fuzzy scorer; the sentence tells more of
    # the long one (one fact, one claim).
    seed = read_seed("Mills Raided\nFormer Osland mayor Ada Lund issued hundreds of pardons in "
                     "her last days in office after her defeat in November to Ivo Kask, some of "
                     "them for violent crimes, and the council has asked the harbour police to "
                     "look into them.\n\nKask took office in the spring.\n")
    sentence = ("Former Osland mayor Ada Lund, who lost to Ivo Kask this spring, pardoned 312 "
                "people in her last days in office, some of them violent offenders.")
    pardons, took_office = match_article(seed.claims,
                                         f"Pardons\n{sentence}\nThe weather was fine.").matches
    assert (pardons.verdict, pardons.sentence) == ("partial", sentence)
    assert took_office.verdict == "absent"


FERRY_BUDGET = ("Ferry Budget Passed\nThe harbour board approved the new ferry budget on Monday "
                "after a long debate among council members.\n\nDock workers, who struck for weeks "
                "over unpaid overtime, will get a pay rise next spring, though the union called it "
                "an insult to every crane driver at the northern terminal.\n\nThe mayor, Ada Lund, "
                "did not attend the vote.\n\nFares for island commuters will stay the same until "
                "the autumn.\n\nTwo new boats are to be bought from a yard in the south.\n\nThe "
                "opposition said the plan ignores the western routes.\n\nTourism to the islands "
                "fell sharply last summer because of fog.\n\nA report on the old pier is expected "
                "in June.\n")


def test_a_part_of_two_claims_with_words_of_its_own_for_the_second_is_a_part_of_both():
    # The sentence tells the budget claim more, but also the pay rise and the union's word,
    # which only the workers' claim among the story's says: a part of that claim too.
    sentence = ("The harbour board approved the new ferry budget on Monday, giving dock workers a "
                "pay rise that the union called an insult.")
    budget, workers = match_article(read_seed(FERRY_BUDGET).claims,
                                    f"Harbour news\n{sentence}\nThe weather was fine.").matches[:2]
    assert (budget.verdict, budget.sentence) == ("partial", sentence)
    assert (workers.verdict, workers.sentence) == ("partial", sentence)


SPLIT_QUOTE_SEED = ("Osland Acts\nMayor Ana Ruiz spoke on Monday. \u201cThe guild must obey "
                    "the law. It must end its unlawful levies and stop all support for the "
                    "grain cartel, which it is not doing,\u201d Ruiz said.\n")


def test_a_quotation_split_over_two_sentences_by_its_speaker_is_told_verbatim():
    seed = read_seed(SPLIT_QUOTE_SEED)
    article = ("Guild news\nThe mayor, Ana Ruiz, spoke on Monday.\n\u201cThe guild must obey the "
               "law,\u201d she said. \u201cIt must end its unlawful levies and stop all support "
               "for the grain cartel, which it is not doing.\u201d\nIt rained.")
    quote = match_article(seed.claims, article).matches[1]
    assert quote.verdict == "verbatim"
    assert quote.sentence.startswith("\u201cThe guild must obey") and "not doing" in quote.sentence


def test_a_quotation_whose_second_half_another_person_says_is_not_told_verbatim():
    seed = read_seed(SPLIT_QUOTE_SEED)
    article = ("Guild news\nThe mayor, Ana Ruiz, spoke on Monday.\n\u201cThe guild must obey the "
               "law,\u201d she said. Ivo Berg, the guild's head, replied: \u201cIt must end its "
               "unlawful levies and stop all support for the grain cartel, which it is not "
               "doing.\u201d\nIt rained.")
    assert match_article(seed.claims, article).matches[1].verdict != "verbatim"


WALKOUT = ("A Story Of Our Own\nFerry crews walked out in March, with just 40 boats sailing, but "
           "that was largely blamed on fog as the northern and western routes had especially poor "
           "weeks.\n")


def test_a_clause_of_the_claim_in_a_long_sentence_under_the_fuzzy_cut_is_told_in_part():
    # The fuzzy scorer ranks the long sentence under the cut (its other words dilute the
    # claim's), but one of its clauses is one of the claim's, as the same-claim model reads it.
    sentence = ("Their crews walked out in March; harbour master Ivo Renn, a former pilot who has "
                "run the port since the floods of the last decade, said he would meet union "
                "leaders, shopkeepers and island traders next week to settle a bitter dispute "
                "over pensions.")
    found = match_article(read_seed(WALKOUT).claims, f"Harbour Talks Next Week\n{sentence}")
    assert (found.matches[0].verdict, found.matches[0].sentence) == ("partial", sentence)


def test_a_long_sentence_under_the_fuzzy_cut_sharing_only_the_storys_words_is_not_told():
    # Under the cut, no clause of it the claim's: the same-claim model reads none as one.
    sentence = ("Their boats sailed to the western islands in March; harbour master Ivo Renn, a "
                "former pilot who has run the port since the floods of the last decade, said he "
                "would meet union leaders, shopkeepers and island traders next week to settle a "
                "bitter dispute over pensions.")
    found = match_article(read_seed(WALKOUT).claims, f"Harbour Talks Next Week\n{sentence}")
    assert found.matches[0].verdict == "absent"



@pytest.mark.parametrize("attribution", ["the guild said in a statement.",
                                         "a guild spokesman replied."])
def test_a_quotation_whose_second_half_a_body_says_is_not_told_verbatim(attribution):
    seed = read_seed(SPLIT_QUOTE_SEED)
    article = ("Guild news\nThe mayor, Ana Ruiz, spoke on Monday.\n\u201cThe guild must obey the "
               "law,\u201d Ruiz said. \u201cIt must end its unlawful levies and stop all support "
               f"for the grain cartel, which it is not doing,\u201d {attribution}\nIt rained.")
    assert match_article(seed.claims, article).matches[1].verdict != "verbatim"


@pytest.mark.parametrize("sentence", [
    "Their crews did not walk out in March; harbour master Ivo Renn, a former pilot who has run "
    "the port since the floods of the last decade, said he would meet union leaders, shopkeepers "
    "and island traders next week to settle a bitter dispute over pensions.",
    "Their crews did not walk out in March; harbour master Ivo Renn said he would meet union "
    "leaders.",
])
def test_a_denial_in_a_long_sentence_under_the_fuzzy_cut_is_no_part_of_the_claim(sentence):
    found = match_article(read_seed(WALKOUT).claims, f"Harbour Talks Next Week\n{sentence}")
    assert found.matches[0].verdict != "partial"


TOLL_SEED = ("Harbour Toll Rises\n"
             "The Osland harbour toll for cargo ships will rise by a third in June, the port board "
             "said on Monday. The harbour toll has not changed since the new quay opened. "
             "Ferry operators said the harbour toll would push up fares on the island routes. "
             "The port board's chair, Ada Lund, said the harbour needs a new breakwater. "
             "Fishing crews will not pay the harbour toll. "
             "The board expects the toll to raise enough to dredge the channel every spring. "
             "Two ferry operators have threatened to move their boats to Varnish. "
             "The council will vote on the harbour toll at its next meeting. "
             "Lund said the board had consulted every operator before the decision. "
             "The harbour employs about 400 people on the island. "
             "Shipping agents called the toll a tax on the island's trade.\n")


def test_a_sentence_sharing_only_the_storys_words_with_a_claim_is_not_its_part():
    # "harbour toll" is in most of the seed's claims, "island" in three: the sentence tells
    # nothing of the fishing crews' exemption, though it shares a third of its words.
    seed = read_seed(TOLL_SEED)
    sentence = "Crews on the island say the harbour toll is the talk of every quay."
    found = match_article(seed.claims, f"Summer in Osland\n{sentence}\nIt rained.").matches
    assert [m.verdict for m in found] == ["absent"] * len(seed.claims)


def test_a_sentence_telling_a_claims_own_words_besides_the_storys_is_still_its_part():
    seed = read_seed(TOLL_SEED)
    sentence = "Fishing crews will be spared, the board said on the island."
    crews = match_article(seed.claims, f"Summer in Osland\n{sentence}\nIt rained.").matches[4]
    assert (crews.verdict, crews.sentence) == ("partial", sentence)


def test_a_quotation_told_in_part_in_the_storys_words_is_still_its_part():
    # its words are its statement's too ("Lund said: “…”"), so each is held by two claims
    seed = read_seed(TOLL_SEED.replace("Shipping agents", "Lund said: \u201cThe harbour toll is "
                                       "fair. The island needs it.\u201d Shipping agents"))
    (quote,) = [c for c in seed.claims if c.kind == "quote"]
    sentence = "\u201cThe harbour toll is fair,\u201d Lund said."
    found = match_article(seed.claims, f"Summer in Osland\n{sentence}\nIt rained.").matches
    assert (found[quote.position - 1].verdict, found[quote.position - 1].sentence) == (
        "partial", sentence)


def test_a_post_copied_into_an_article_tells_its_authors_quotation_word_for_word():
    seed = read_seed("Mayor blasts port owners\n\nMayor Ada Lund on Sunday attacked the port "
                     "owners. \u201cThe harbour is poisoned and the owners knew it for months. "
                     "They will pay for this,\u201d Lund wrote on Twitter.")
    quote = next(c for c in seed.claims if c.kind == "quote")
    article = ("Port owners under fire\n\nThe mayor went after the port owners on Sunday.\n\n"
               "The harbour is poisoned and the owners knew it for months. They will pay for "
               "this \u2014 Ada Lund (@adalund) April 8, 2018\n\nThe north quay stayed shut.")
    told = match_article([quote], article).matches[0]
    assert told.verdict == "verbatim" and "(@adalund)" in told.sentence
