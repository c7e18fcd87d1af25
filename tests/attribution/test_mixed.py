"""Mixed speech: indirect speech that embeds the speaker's own quoted words.

A short quoted word inside indirect speech is a scare quote and keeps it indirect.
"""

from __future__ import annotations

import pytest

from ._support import find, show

pytestmark = pytest.mark.slow


def test_quoted_words_inside_que_clause_make_it_mixed(analyze):
    text = (
        "Anne Hidalgo, maire de Paris, a assuré que la ville était « prête à accueillir le monde entier dans les "
        "meilleures conditions » et que les travaux seraient achevés à temps."
    )
    a = analyze(text)
    st = find(a, "la ville était « prête à accueillir le monde entier dans les meilleures conditions » et que les travaux seraient achevés à temps")
    assert st.kind == "mixed"
    assert st.cue.text == "a assuré"
    assert (st.speaker.name, st.speaker.role) == ("Anne Hidalgo", "maire de Paris")
    assert len(a.statements) == 1, show(a)  # the quotation is not a statement of its own


def test_two_quoted_passages_sequoia_285(analyze):
    # sequoia_285 (ASFALDA, LGPL-LR)
    text = (
        'Lionel Jospin note que la mission de ce groupe est "de ne pas méconnaître les justes revendications des autres '
        'orphelins de victimes du nazisme" et de "trouver collectivement la meilleure façon de faire reconnaître par la '
        "Nation l'ampleur des souffrances subies\"."
    )
    a = analyze(text)
    st = find(a, text[text.index("la mission") : -2])
    assert st.kind == "mixed"
    assert (st.cue.text, st.speaker.name) == ("note", "Lionel Jospin")


def test_quoted_words_before_an_inverted_cue(analyze):
    # sequoia_346 (ASFALDA, LGPL-LR): the clause opens outside the quotation
    text = (
        'Paris est "préoccupé par les violations des droits de l\'Homme qui ont été signalées dans l\'ouest de la Côte '
        "d'Ivoire ces derniers jours\", a déclaré le porte-parole du ministère français des Affaires étrangères, "
        "François Rivasseau."
    )
    a = analyze(text)
    st = find(a, text[: text.index('", a déclaré')])
    assert st.kind == "mixed"
    assert st.speaker.name == "François Rivasseau"
    assert st.speaker.role == "porte-parole du ministère français des Affaires étrangères"


def test_scare_quote_inside_indirect_keeps_it_indirect(analyze):
    text = "Le ministre a estimé que les «gilets jaunes» avaient été entendus par le gouvernement."
    a = analyze(text)
    st = find(a, "les «gilets jaunes» avaient été entendus par le gouvernement")
    assert st.kind == "indirect"
    s = text.index("«gilets jaunes»")
    assert (s, s + len("«gilets jaunes»")) in a.scare_quotes


def test_scare_quote_inside_long_indirect_keeps_it_indirect(analyze):
    # the golden article's shape: "… alors que celle de la «Coalition de Washington» est illégitime"
    text = (
        "Lavrov a indiqué que la présence de la Russie en Syrie est légitime, alors que celle de la "
        "«Coalition de Washington» est illégitime et illégale."
    )
    a = analyze(text)
    st = find(a, text[text.index("la présence") : -1])
    assert st.kind == "indirect"
    s = text.index("«Coalition de Washington»")
    assert (s, s + len("«Coalition de Washington»")) in a.scare_quotes


# -- noun-phrase objects with the speaker's words (conventions rule 4) ---------------

def test_noun_phrase_object_with_quoted_words_is_mixed(analyze):
    # the quotation opens a noun phrase that goes on unquoted: mixed over the whole phrase
    text = "La sénatrice Claire Vasseur a dénoncé « l'arrogance » du gouvernement face aux grévistes."
    a = analyze(text)
    assert len(a.statements) == 1, show(a)
    st = find(a, "« l'arrogance » du gouvernement face aux grévistes")
    assert st.kind == "mixed"
    assert st.cue.text == "a dénoncé"
    assert st.speaker.name == "Claire Vasseur"


def test_noun_phrase_object_with_quoted_words_is_a_statement(analyze):
    # the floor under the case above: the quoted words are kept, under the cue, with the speaker
    a = analyze("La sénatrice Claire Vasseur a fustigé « une politique de l'autruche » du gouvernement.")
    st = find(a, "une politique de l'autruche", min_ratio=0.5)
    assert st.kind in {"mixed", "direct"}
    assert st.cue.text == "a fustigé"
    assert st.speaker.name == "Claire Vasseur"


def test_que_clause_that_is_one_quotation_is_direct_without_its_marks_and_stops_at_a_gerund(analyze):
    a = analyze(
        "Le président du directoire, Philippe Varin, a précisé que « personne ne sera laissé au bord du chemin » "
        "en ajoutant : « nous sommes conscients de nos responsabilités »."
    )
    st = find(a, "personne ne sera laissé au bord du chemin", min_ratio=1.0)
    assert st.kind == "direct" and st.content.text == "personne ne sera laissé au bord du chemin", show(a)
    assert find(a, "nous sommes conscients de nos responsabilités").speaker.name == "Philippe Varin"


def test_noun_phrase_object_with_a_short_quotation_is_mixed_and_a_participle_takes_the_sentence_speaker(analyze):
    a = analyze(
        "« Est-ce qu'on peut parler ainsi des ouvriers ? », s'est indigné le numéro un de la CGT Philippe Martinez, "
        "fustigeant une déclaration « scandaleuse »."
    )
    st = find(a, "une déclaration « scandaleuse »")
    assert (st.kind, st.speaker.name if st.speaker else None) == ("mixed", "Philippe Martinez"), show(a)


def test_invite_to_a_quoted_infinitive_is_direct_and_stops_before_the_coordinated_predicate(analyze):
    a = analyze(
        "L'ancien premier ministre Manuel Valls a invité mardi ses troupes à « rester ensemble », "
        "mais n'a pas caché son inquiétude concernant l'accord."
    )
    st = find(a, "rester ensemble", min_ratio=1.0)
    assert st.kind == "direct" and st.speaker.name == "Manuel Valls" and "caché" not in st.content.text, show(a)


def test_quotation_opened_in_a_que_clause_carries_it_past_the_sentence_end(analyze):
    a = analyze(
        "Le président de l'association, Paul Mercier, a déclaré à l'AFP que les habitants sont victimes d'une « forme "
        "d'acharnement qui devient insupportable. Nous sommes devant un phénomène qui ravage la région ». "
        "Déjà au début du mois, trois jeunes avaient été agressés."
    )
    st = find(a, "les habitants sont victimes d'une « forme d'acharnement qui devient insupportable. "
                 "Nous sommes devant un phénomène qui ravage la région", min_ratio=1.0)
    assert st.kind == "mixed" and st.speaker.name == "Paul Mercier" and not st.content.text.endswith("»"), show(a)


def test_participle_after_a_quotation_speaks_with_the_sentence_not_a_noun_inside_the_quotation(analyze):
    a = analyze(
        "Le syndicat SUD estime, au contraire, que « si ce collègue pouvait avoir des difficultés personnelles, "
        "nous savons aussi qu'il avait des difficultés au travail » évoquant des « refus de lui accorder ses congés »."
    )
    st = find(a, "des « refus de lui accorder ses congés »", min_ratio=0.7)
    assert st.speaker is not None and st.speaker.name == "SUD", show(a)
    whole = find(a, "si ce collègue pouvait avoir des difficultés personnelles, nous savons aussi qu'il avait des difficultés au travail", min_ratio=1.0)
    assert whole.kind == "direct" and not whole.content.text.startswith("«"), show(a)


LYON = ("Le maire de Lyon, Grégory Doucet, a présenté mardi son budget devant le conseil municipal. "
        "Il a promis « une ville plus verte ».\n\n")


def test_quotations_woven_into_one_sentence_are_one_mixed_statement(analyze):
    # no cue: the speaker comes from the paragraph before; the writer's few words tie the two quotations
    text = LYON + ("Il faut « protéger les habitants les plus fragiles » face à la hausse des prix, et la ville doit "
                   "« investir massivement dans les transports en commun ».")
    a = analyze(text)
    st = find(a, "protéger les habitants les plus fragiles » face à la hausse des prix, et la ville doit "
                 "« investir massivement dans les transports en commun")
    assert st.kind == "mixed" and st.cue is None and st.speaker.name == "Grégory Doucet"
    assert len(a.statements) == 2, show(a)


def test_quotations_in_two_sentences_stay_two_statements(analyze):
    text = LYON + ("Cette réforme serait « injuste pour tous les locataires de la ville ». "
                   "Elle serait « bien trop coûteuse pour les finances publiques ».")
    a = analyze(text)
    first = find(a, "injuste pour tous les locataires de la ville")
    second = find(a, "bien trop coûteuse pour les finances publiques")
    assert first.kind == second.kind == "direct"
    assert first.speaker.name == second.speaker.name == "Grégory Doucet"


def test_an_incise_between_two_quotations_keeps_its_cue(analyze):
    text = LYON + "« Nous tiendrons nos engagements envers les habitants », a-t-il dit, « et nous le ferons sans hausse d'impôts »."
    a = analyze(text)
    (st,) = [s for s in a.statements if s.content.start > len(LYON)]
    assert st.kind == "direct" and st.cue.text == "a-t-il dit" and st.speaker.name == "Grégory Doucet"
    assert [text[x:y] for x, y in st.content.spans] == ["Nous tiendrons nos engagements envers les habitants",
                                                        "et nous le ferons sans hausse d'impôts"]


def test_a_negation_before_the_quotation_opens_the_mixed_complement(analyze):
    # "assure ne « pas craindre » un retour …": the complement starts at "ne" and goes on after the quotation
    text = "Malgré les sondages, la présidente du groupe assure ne « pas craindre » un retour de son rival avant l'été."
    a = analyze(text)
    st = find(a, "ne « pas craindre » un retour de son rival avant l'été")
    assert st.kind == "mixed" and st.cue.text == "assure"


def test_after_the_incise_of_a_complete_quoted_sentence_the_writer_speaks(analyze):
    text = ("Sur le climat, « la France doit montrer l'exemple », a martelé le président, alors que sa majorité "
            "se divise sur le budget de l'écologie.")
    a = analyze(text)
    st = find(a, "Sur le climat, « la France doit montrer l'exemple")
    assert st.kind == "mixed" and st.cue.text == "a martelé" and "majorité" not in st.content.text, show(a)


def test_an_infinitive_verb_of_saying_in_the_lead_leaves_the_whole_sentence_to_the_incise(analyze):
    text = ("Le candidat a présenté sa réforme des retraites.\n"
            "L'objectif n'est pas d'assurer la stabilité du régime, qui a été « consolidée », mais de rendre de "
            "l'« espoir » à des salariés qui « ne croient plus aux promesses », souligne-t-il.")
    a = analyze(text)
    st = find(a, "L'objectif n'est pas d'assurer la stabilité du régime, qui a été « consolidée », mais de rendre de "
                 "l'« espoir » à des salariés qui « ne croient plus aux promesses »")
    assert st.kind == "mixed" and st.cue.text == "souligne" and len(a.statements) == 1, show(a)


def test_a_quotation_right_after_a_statement_with_its_cue_goes_on_that_statement(analyze):
    text = (LYON + "Il a dénoncé « la connivence et la proximité » entre les promoteurs et la préfecture, "
            "« qui décide de tout sans jamais consulter les habitants ».")
    a = analyze(text)
    st = find(a, "la connivence et la proximité » entre les promoteurs et la préfecture, « qui décide de tout sans "
                 "jamais consulter les habitants")
    assert st.kind == "mixed" and st.cue.text == "a dénoncé" and st.speaker.name == "Grégory Doucet", show(a)


def test_quotations_on_both_sides_of_a_sentence_end_are_not_woven(analyze):
    # the first quotation holds its sentence's period: no writer's words between them, still two sentences
    text = (LYON + "Il veut « protéger les habitants les plus fragiles face à la hausse des prix. » "
            "« Personne ne sera laissé au bord du chemin dans cette ville. »")
    a = analyze(text)
    assert not any("protéger" in s.content.text and "personne" in s.content.text for s in a.statements), show(a)
