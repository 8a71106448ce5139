"""Hedges attached by the report."""

import pytest

from credgraph.draft.hedges import find_hedges
from credgraph.draft.passages import Passages


def hedges(text, spans, origins=None, names=None):
    return find_hedges(text, Passages(text), spans, origins or [None] * len(spans), names or {})


def at(text, *terms):
    return [(text.index(t), text.index(t) + len(t)) for t in terms]


@pytest.mark.parametrize("sentence, hedge", [
    ("The HUR said 300 fled, a figure we could not independently verify.", "unable-to-verify"),
    ("The HUR said 300 fled; this could not be verified.", "unable-to-verify"),
    ("Unconfirmed reports say 300 fled.", "unable-to-verify"),
    ("It is hard to say how accurate the claim that 300 fled is.", "accuracy-uncertain"),
    ("Reportedly 300 fled.", "alleged"),
    ("According to preliminary data, 300 people were injured.", "probable"),
    ("Initial reports put the toll at 300.", "probable"),
    ("Allegedly 300 fled.", "alleged"),
    ("The HUR claims that 300 fled.", "alleged"),
    ("An estimated 300 fled.", "estimate"),
    ("The HUR estimates that 300 fled.", "estimate"),
    ("Russia had likely lost 300 men.", "probable"),
    ("300 men are believed to have fled.", "probable"),
    ("The Kremlin denied the claims that 300 fled.", "disputed"),
    ("The HUR said 300 fled.", "none"),
    ("“It is probably 300,” the soldier said.", "none"),
    ("The ministry said 300 fled, but analysts doubt the figure.", "accuracy-uncertain"),
    ("The ministry said 300 fled, a number observers call inflated.", "accuracy-uncertain"),
    ("The ministry said 300 fled; we have not seen independent confirmation.",
     "unable-to-verify"),
    ("The ministry said 300 fled, and we haven't been able to verify it.", "unable-to-verify"),
    ("The ministry said 300 fled; the paper hasn’t been able to confirm that.",
     "unable-to-verify"),
])
def test_hedge_in_the_sentence(sentence, hedge):
    assert hedges(sentence, at(sentence, "300")) == [hedge]


def test_a_disclaimer_naming_a_source_covers_all_its_figures():
    text = ("We have been unable to verify the HUR claims. Elsewhere 50 left.\n\n"
            "The HUR said 300 fled. Agora counted 12.")
    found = hedges(text, at(text, "50", "300", "12"), [None, "hur", "agora"], {"hur": ["HUR"],
                                                                              "agora": ["Agora"]})
    assert found == ["none", "unable-to-verify", "none"]


def test_a_disclaimer_without_a_name_covers_the_figures_just_before():
    text = "Agora counted 12. Mediazona counted 300. The figure could not be verified."
    assert hedges(text, at(text, "12", "300")) == ["none", "unable-to-verify"]
    text = "Agora counted 12. Mediazona counted 300. We cannot confirm these figures."
    assert hedges(text, at(text, "12", "300")) == ["unable-to-verify"] * 2


@pytest.mark.parametrize("text, terms, origins, expected", [
    # the source that cannot verify is the judge, not the one judged
    ("The General Staff said 900 were killed. Polaris cannot independently verify these "
     "figures. Polaris estimates that 40 units were rebuilt.", ("900", "40"),
     ["staff", "polaris"], ["unable-to-verify", "estimate"]),
    ("The General Staff said 900 were killed. Polaris considers such claims inflated.",
     ("900",), ["staff"], ["accuracy-uncertain"]),
    # "neither figure": the last two
    ("The HUR said 500 hid. A paper put it at 9,000. Neither figure could be verified.",
     ("500", "9,000"), ["hur", "paper"], ["unable-to-verify"] * 2),
    # "these claims" in a paragraph of its own source: that source's, not the paragraph
    # before's other source
    ("Colonel Ivanov said 7,000 were deployed.\n\nBloggers said 30 percent were lost. We have "
     "not observed confirmation of these claims.", ("7,000", "30 percent"),
     ["ivanov", "bloggers"], ["none", "unable-to-verify"]),
])
def test_a_disclaimer_covers_what_it_refers_to(text, terms, origins, expected):
    names = {"staff": ["General Staff"], "polaris": ["Polaris"], "hur": ["HUR"],
             "ivanov": ["Colonel Ivanov", "Ivanov"]}
    assert hedges(text, at(text, *terms), origins, names) == expected


@pytest.mark.parametrize("text, terms, origins, expected", [
    ("Activists said 400 men had fled. The governor said the real figure was 35.",
     ("400", "35"), ["activists", "governor"], ["disputed", "none"]),
    ("Activists said 400 men had fled. An official put it at 35 and accused them of "
     "inflating the count.", ("400", "35"), ["activists", "official"], ["disputed", "none"]),
    # the same source giving a second figure disputes nothing
    ("Activists said 400 men had fled. They said the true number may be 500.",
     ("400", "500"), ["activists", "activists"], ["none", "none"]),
])
def test_a_figure_answered_by_another_is_disputed(text, terms, origins, expected):
    assert hedges(text, at(text, *terms), origins) == expected


def test_an_adverb_covers_its_clause():
    text = "The Red Cross received 23,000 requests, reportedly three times more."
    assert hedges(text, at(text, "23,000", "three times")) == ["none", "alleged"]


@pytest.mark.parametrize("text, terms, expected", [
    # a hedge that opens a clause after a semicolon covers that clause's figure only
    ("Shelling hit 4 villages; according to preliminary data, 9 people were hurt.",
     ("4", "9"), ["none", "probable"]),
    ("Two schools burned; reportedly, 30 pupils were evacuated.", ("Two", "30"),
     ["none", "alleged"]),
])
def test_a_clause_hedge_after_a_semicolon(text, terms, expected):
    assert hedges(text, at(text, *terms)) == expected


@pytest.mark.parametrize("text", [
    "The ministry says 4,000 deserted. The figure has never been independently audited.",
    "The ministry says 4,000 deserted. These numbers were never verified by anyone.",
    "The ministry says 4,000 deserted, a count that cannot be audited.",
])
def test_never_audited_is_unable_to_verify(text):
    assert hedges(text, at(text, "4,000")) == ["unable-to-verify"]


@pytest.mark.parametrize("text, origins, expected", [
    # an owned estimate hedges its owner's figures only
    ("The envoy put the toll at 9,000, far above Moscow's estimate.",
     ["envoy"], ["none"]),
    ("Our estimate draws on the count of Mediazona, which found 5,100 graves.",
     ["mediazona"], ["none"]),
    ("Moscow's estimate of 2,000 is far below the envoy's 9,000.",
     ["moscow", "envoy"], ["estimate", "none"]),
    # an estimate without an owner hedges its sentence
    ("An estimated 2,000 men fled, the envoy said.", ["envoy"], ["estimate"]),
])
def test_an_estimate_hedges_its_owners_figures(text, origins, expected):
    terms = [t for t in ("9,000", "5,100", "2,000") if t in text]
    spans = sorted(at(text, *terms))
    names = {"envoy": ["envoy"], "mediazona": ["Mediazona"], "moscow": ["Moscow"]}
    assert hedges(text, spans, origins, names) == expected


# round 4: a first-person assessment is an estimate; another's assessment keeps its hedge
@pytest.mark.parametrize("sentence, hedge", [
    ("We assess that Russian losses most likely lie near 300 a day.", "estimate"),
    ("In our assessment, about 300 men deserted in May.", "estimate"),
    ("I judge that 300 have left the unit.", "estimate"),
    ("The ministry assessed that Russia had likely lost 300 tanks.", "probable"),
    ("The ministry's assessment put losses at 300.", "none"),
])
def test_a_first_person_assessment_is_an_estimate(sentence, hedge):
    assert hedges(sentence, at(sentence, "300")) == [hedge]


def test_the_reports_own_assessment_is_an_estimate():  # round 5: a think tank's own note
    text = "Polaris assesses that 300 men are recruited a day."
    assert find_hedges(text, Passages(text), at(text, "300"), ["polaris"], {}, "polaris") == [
        "estimate"]
    assert find_hedges(text, Passages(text), at(text, "300"), ["polaris"], {}, "paper") == [
        "none"]


# round 6: a disclaimer covers what it names, not a whole interview
@pytest.mark.parametrize("text, terms, origins, expected", [
    # a transcript's speaker label names who speaks, not what is disclaimed
    ("KOVAL: We hold 5,000 files.\n\nHOST: The army says 9,000 are missing.\n\n"
     "KOVAL: I cannot verify that number. Our files show 5,000.",
     ("5,000 files", "9,000", "5,000."), ["koval", "army", "koval"],
     ["none", "unable-to-verify", "none"]),
    # a figure set against the one it cannot confirm disputes it
    ("The agency says 8,000 were taken. We can't confirm their count. Our own count is "
     "far lower, about 2,500.", ("8,000", "2,500"), ["agency", "us"], ["disputed", "none"]),
    # the report's own disclaimer stays when another source then gives the true figure
    ("The agency says 8,000 were taken. The paper could not verify the claim. An official "
     "said the true figure was 2,500.", ("8,000", "2,500"), ["agency", "official"],
     ["unable-to-verify", "none"]),
    # what cannot be verified is named in the disclaimer's own sentence
    ("Clinics treated 300 patients. The team also heard accounts of abuse in the camps but "
     "could not verify any of them.", ("300",), ["team"], ["none"]),
])
def test_a_disclaimer_covers_what_it_names_only(text, terms, origins, expected):
    names = {"koval": ["KOVAL", "Koval"], "army": ["army"], "agency": ["agency"]}
    assert hedges(text, at(text, *terms), origins, names) == expected


@pytest.mark.parametrize("text, terms, expected", [
    # a fact-check's rating disputes the quoted figure of its claim line
    ('CLAIM: "Kyiv lost 90,000 men in May." (a post seen 4,000 times)\n\nRATING: FALSE\n\n'
     "The ministry counted 1,200 losses.", ("90,000", "4,000", "1,200"),
     ["disputed", "none", "none"]),
    ('Claim: "12,000 tanks were destroyed."\n\nNo source backs this. We rate this claim '
     "misleading.", ("12,000",), ["disputed"]),
    # the figure called false in its own sentence
    ("The channel says 7,000 fled; the figure is false, officials said.", ("7,000",),
     ["disputed"]),
])
def test_a_rating_disputes_the_claim(text, terms, expected):
    assert hedges(text, at(text, *terms)) == expected


@pytest.mark.parametrize("text, expected", [
    # a disclaimer of the post itself covers the whole post, up to its separator
    ("A medic says 30 died. He adds that 12 are missing.\n\nWe publish this without "
     "confirmation.\n\n---\n\nOur readers sent 5 photos.", ["unable-to-verify"] * 2 + ["none"]),
    ("The unit lost 80 men, a figure shared without independent verification.",
     ["unable-to-verify"]),
])
def test_a_post_published_without_confirmation(text, expected):
    terms = [t for t in ("30", "12", "5 photos", "80") if t in text]
    assert hedges(text, at(text, *terms)) == expected


def test_a_negated_estimate_hedges_nothing():  # round 6
    text = "We give no estimate of Kyiv's losses; the president said in May that 31,000 died."
    assert hedges(text, at(text, "31,000")) == ["none"]
    text = "We do not publish an estimate, but the ministry said 500 fled."
    assert hedges(text, at(text, "500")) == ["none"]


@pytest.mark.parametrize("text, origins, expected", [  # round 7: a caveat far from its figures
    ("The governor said 40 homes burned.\n\nPolice said 7 people died.\n\nThe outlet counted 3 "
     "more.\n\nAll of the figures cited in this report are unverified.",
     ["governor", "police", "out"], ["unable-to-verify", "unable-to-verify", "none"]),
    ("Kyiv said 40 homes burned.\n\nMoscow said 7 people died.\n\nOn Tuesday 3 trains ran.\n\n"
     "None of the numbers provided by both sides can be verified.",
     ["kyiv", "moscow", None], ["unable-to-verify", "unable-to-verify", "none"]),
    ("The army said 40 homes burned. A medic said 7 people died.\n\nNone of these figures "
     "could be checked independently.",
     ["army", "medic"], ["unable-to-verify", "unable-to-verify"]),
    # a figure's own dispute stays: the caveat at the end does not override it
    ("Moscow said 40 drones were downed, which Kyiv branded a lie. Kyiv said 7 were "
     "launched.\n\nNone of the figures could be verified.",
     ["moscow", "kyiv"], ["disputed", "unable-to-verify"]),
    # a caveat naming one source covers that source only, as before
    ("The army said 40 homes burned. A medic said 7 people died.\n\nNone of the figures from "
     "Medic could be verified.",
     ["army", "medic"], ["none", "unable-to-verify"]),
])
def test_a_caveat_on_every_figure_reaches_the_whole_story(text, origins, expected):
    found = find_hedges(text, Passages(text), at(text, *["40", "7", "3"][:len(origins)]), origins,
                        {"medic": ["Medic"]}, outlet="out")
    assert found == expected


@pytest.mark.parametrize("sentence, hedge", [
    ("Moscow said 40 drones were downed, which Kyiv dismissed as propaganda.", "disputed"),
    ("Moscow said 40 drones were downed; Kyiv called it a lie.", "disputed"),
    ("Moscow said 40 drones were downed, which Kyiv called a success.", "none"),
])
def test_called_propaganda_disputes(sentence, hedge):
    assert hedges(sentence, at(sentence, "40")) == [hedge]


@pytest.mark.parametrize("text, terms, expected", [  # round 7: a disclaimer pointing back
    ("Moscow said 300 signed up. Kyiv counted 120. Neither count has been confirmed, and "
     "analysts put the total near 200.", ("300", "120", "200"),
     ["unable-to-verify", "unable-to-verify", "none"]),
    ("The army said 300 fled; none of these figures could be checked, but 40 returned.",
     ("300", "40"), ["unable-to-verify", "none"]),
    # a disclaimer in the figure's own clause covers it, as before
    ("The army said 300 fled, a figure we could not verify.", ("300",), ["unable-to-verify"]),
    ("The army said 300 fled; this could not be verified.", ("300",), ["unable-to-verify"]),
])
def test_a_disclaimer_clause_pointing_back(text, terms, expected):
    assert hedges(text, at(text, *terms)) == expected


@pytest.mark.parametrize("text, expected", [  # round 7: doubt and disbelief after the figure
    ("The ministry says 900 men die a day. If that holds, the army shrinks.",
     "accuracy-uncertain"),
    ("The ministry says 900 men die a day. If true, the army shrinks.", "accuracy-uncertain"),
    ("The ministry says 900 tanks were hit. Such a total is not believable: it had fewer.",
     "disputed"),
    ("The ministry says 900 tanks were hit. The claim is hardly plausible.", "disputed"),
    # a condition that doubts nothing
    ("The ministry says 900 men die a day. If the war goes on, the army shrinks.", "none"),
])
def test_doubt_in_the_sentence_after(text, expected):
    assert hedges(text, at(text, "900")) == [expected]


# Round 11, class 8: ``perhaps`` or ``maybe`` right before a figure (``perhaps 6,000 a
# week``, ``maybe a fifth of them``) makes that figure an estimate, in the report's own words
# (not inside a quotation, whose words are the speaker's), for its clause only.

def hedges_of_terms(text, terms):
    spans = []
    for term in terms:
        at = text.index(term)
        spans.append((at, at + len(term)))
    return find_hedges(text, Passages(text), spans, ["x"] * len(spans), {"x": ["X"]})


@pytest.mark.parametrize("text, terms, expected", [
    ("The army loses perhaps 6,000 drones a week, against 9,000 in May.", ["6,000", "9,000"],
     ["estimate", "none"]),
    ("Maybe a fifth of the crews are new.", ["a fifth"], ["estimate"]),
    ("They fire maybe about 3,000 shells a day.", ["3,000"], ["estimate"]),
    # not a figure's hedge: "perhaps" before no number, or inside a quotation
    ("A third of them, perhaps more, were wounded.", ["A third"], ["none"]),
    ('"We hear perhaps two or three a month," the clerk said.', ["two or three"], ["none"]),
])
def test_perhaps_before_a_figure_is_an_estimate(text, terms, expected):
    assert hedges_of_terms(text, terms) == expected


# Round 12: the intelligence yardstick of probability. ``almost certainly`` is a hedge
# (probable), and ``likely`` / ``highly likely`` / ``almost certainly`` opening a quotation
# of an assessment are its own hedge, quoted; a speaker's ``"probably ..."`` stays his.

@pytest.mark.parametrize("text, terms, expected", [
    ('The bulletin said the brigade had "likely lost about 2,300 men" since March.', ["2,300"],
     ["probable"]),
    ('The review said crews were "highly likely" rotating groups of three to five drones.',
     ["three to five"], ["probable"]),
    ('The digest said the navy had "almost certainly" retired more than 40 hulls.', ["40"],
     ["probable"]),
    ("The navy has almost certainly retired more than 40 hulls.", ["40"], ["probable"]),
    # not the yardstick: a speaker's word of probability, and one not opening the quotation
    ('A diplomat said the toll was "probably in the low thousands", or 2,000.', ["2,000"],
     ["none"]),
    ('The clerk said "we had 300 files, likely more".', ["300"], ["none"]),
])
def test_the_yardstick_of_probability(text, terms, expected):
    assert hedges_of_terms(text, terms) == expected


@pytest.mark.parametrize("text, terms, origins, expected", [
    # a disclaimer in a paragraph of its own: every figure of the sources before it,
    # however far up the tally began
    ("The General Staff said 1,070 troops were lost in a day.\n\nIt also listed 5 tanks.\n\n"
     "It listed 13 vehicles.\n\nThe total includes the wounded. We cannot verify these "
     "numbers.", ("1,070", "5 tanks", "13"), ["staff"] * 3, ["unable-to-verify"] * 3),
    # but only those sources: a figure of another source up the text keeps no hedge
    ("Agora counted 12 cases.\n\nThe General Staff said 1,070 were lost.\n\nIt listed 5 tanks."
     "\n\nIt listed 13 vehicles.\n\nWe cannot verify these numbers.",
     ("12", "1,070", "5 tanks", "13"), ["agora", "staff", "staff", "staff"],
     ["none", "unable-to-verify", "unable-to-verify", "unable-to-verify"]),
    # in a paragraph with figures of its own, "these accounts" are that paragraph's
    ("The headquarters said 205 were freed.\n\nTalks went on.\n\nMore were planned.\n\n"
     "The headquarters said 9 in 10 were beaten. "
     "Prosecutors said 274 were killed. We could not verify these accounts.",
     ("205", "9 in 10", "274"), ["hq", "hq", "pgo"],
     ["none", "unable-to-verify", "unable-to-verify"]),
])
def test_a_disclaimer_of_its_own_reaches_its_sources_figures(text, terms, origins, expected):
    assert hedges(text, at(text, *terms), origins) == expected


def test_a_places_figures_are_those_of_who_speaks_for_it():
    """``Kyiv's figures`` are the General Staff's too when it speaks for Kyiv's government."""
    text = ("Ukraine's General Staff said Russia had lost 1,190 troops. Kyiv said 40 drones "
            "were downed. Kyiv's figures have not been independently confirmed.")
    names = {"staff": ["Ukraine's General Staff"], "kyiv": ["Kyiv", "Government of Ukraine"]}
    spans, origins = at(text, "1,190", "40"), ["staff", "kyiv"]
    assert find_hedges(text, Passages(text), spans, origins, names, None, {
        "staff": "kyiv"}) == ["unable-to-verify"] * 2
    assert find_hedges(text, Passages(text), spans, origins, names) == [
        "none", "unable-to-verify"]  # without the registry's speaks_for: Kyiv's own only


@pytest.mark.parametrize("text, expected, others", [
    # the annotation format's rule: of two hedges, the estimate or the probable is written
    ("HUR estimated that 2,800 were killed. We could not verify the HUR figures.", "estimate",
     {"unable-to-verify"}),
    ("Perhaps 300 fled, but we cannot confirm it.", "estimate", {"unable-to-verify"}),
    ("The ministry said 300 were likely killed, a figure Kyiv denied the figures of.",
     "probable", {"disputed"}),
    ("Reportedly 300 fled; this could not be verified.", "unable-to-verify", {"alleged"}),
    ("The HUR said 300 fled.", "none", set()),
])
def test_of_two_hedges_the_estimate_is_written(text, expected, others):
    also = {}
    assert find_hedges(text, Passages(text), at(text, "300" if "300" in text else "2,800"),
                       ["hur"], {"hur": ["HUR"]}, None, None, also) == [expected]
    assert also.get(0, set()) == others


@pytest.mark.parametrize("text, expected", [
    # a preface's disclaimer covers the block between the separators after it
    ("We print the statement below. We could not check the figures it contains.\n\n---\n\n"
     "The mayor said 300 fled.\n\n---\n\nOur note: the ministry said 40 fled.",
     ["unable-to-verify", "none"]),
    ("We could not check the figures in the statement below.\n\nThe mayor said 300 fled. "
     "The ministry said 40 fled.", ["unable-to-verify", "unable-to-verify"]),
    # a disclaimer with nothing before it and no block after it covers nothing
    ("We could not check these claims.\n\nThe mayor said 300 fled, and 40 returned.",
     ["none", "none"]),
])
def test_a_disclaimer_before_the_figures_it_covers(text, expected):
    assert hedges(text, at(text, "300", "40")) == expected


@pytest.mark.parametrize("closing, expected", [
    # round 15: the claims of either side are every source's before it, however far
    ("The agency could not independently verify the claims of either side.",
     ["unable-to-verify"] * 3),
    # some of them only ("battlefield accounts"): the last two figures, as before
    ("We could not verify the battlefield accounts of either side.",
     ["none", "unable-to-verify", "unable-to-verify"]),
])
def test_the_claims_of_either_side(closing, expected):
    text = ("Officials said 17 people were killed.\n\nKyiv said 40 drones came.\n\nMoscow said "
            f"20 were downed.\n\n{closing}")
    assert hedges(text, at(text, "17", "40", "20"), ["officials", "kyiv", "moscow"]) == expected


def test_that_figure_is_the_first_of_the_sentence_before():
    text = ("The ministry says 11,200 men signed contracts paying a bonus of 900 hryvnias. That "
            "figure could not be independently verified.")
    assert hedges(text, at(text, "11,200", "900")) == ["unable-to-verify", "none"]
