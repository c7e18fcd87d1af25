"""Direct speech: quotations attributed by a cue before, after or inside them."""

from __future__ import annotations

import pytest

from ._support import find, sample_text, show, spans_of

pytestmark = pytest.mark.slow


def test_introduced_by_cue_and_colon(analyze):
    a = analyze("Pierre Hurmic a dit : « Nous ne fermerons pas les écoles cette semaine. »")
    st = find(a, "Nous ne fermerons pas les écoles cette semaine.")
    assert st.kind == "direct"
    assert st.cue.text == "a dit"
    assert (st.speaker.name, st.speaker.type) == ("Pierre Hurmic", "person")
    assert not st.content.text.startswith("«") and not st.content.text.endswith("»")


def test_incise_after_with_inverted_clitic(analyze):
    a = analyze(
        "Gérald Darmanin a annoncé que les effectifs de police seraient doublés dans la capitale. "
        "« Nous ne reculerons pas devant la menace », a-t-il ajouté."
    )
    st = find(a, "Nous ne reculerons pas devant la menace")
    assert st.kind == "direct"
    assert "ajouté" in st.cue.text
    assert st.speaker.name == "Gérald Darmanin"


def test_incise_inside_gives_one_statement_with_two_spans(analyze):
    text = "« La réforme est nécessaire, affirme Gérald Darmanin. Elle sera votée avant l'été. »"
    a = analyze(text)
    assert len(a.statements) == 1, show(a)
    (st,) = a.statements
    assert st.kind == "direct"
    assert [text[s:e] for s, e in spans_of(st)] == ["La réforme est nécessaire", "Elle sera votée avant l'été"]
    assert st.cue.text == "affirme"
    assert st.speaker.name == "Gérald Darmanin"


def test_inverted_nominal_subject_resolves_to_the_minister(analyze):
    a = analyze(
        "Le ministre de l'Économie, Bruno Le Maire, a annoncé que le déficit public serait ramené sous les 3 % en 2027. "
        "« Cette décision est une erreur historique », estime le ministre."
    )
    st = find(a, "Cette décision est une erreur historique")
    assert st.kind == "direct"
    assert st.cue.text == "estime"
    assert st.speaker.text == "le ministre"
    assert (st.speaker.name, st.speaker.type) == ("Bruno Le Maire", "person")


def test_inverted_nominal_subject_without_antecedent(analyze):
    a = analyze("« Cette décision est une erreur historique », estime le ministre.")
    st = find(a, "Cette décision est une erreur historique")
    assert st.kind == "direct"
    assert st.speaker is not None and st.speaker.type == "person"
    assert (st.cue.text, st.speaker.text) == ("estime", "le ministre")


def test_inverted_named_subject_after_quote(analyze):
    # sequoia_2781 (ASFALDA, LGPL-LR), shortened
    a = analyze(
        '"C\'est uniquement aux ordres de Jacques Chirac que nous travaillions", explique Jean-Claude Méry '
        "à propos du système de contributions occultes des entreprises sur les marchés publics de l'OPAC."
    )
    st = find(a, "C'est uniquement aux ordres de Jacques Chirac que nous travaillions")
    assert st.kind == "direct"
    assert st.speaker.name == "Jean-Claude Méry"


def test_incise_between_two_quotations(analyze):
    # sequoia_16 (ASFALDA, LGPL-LR): gold content is both quotations, one statement
    text = '"Tout simplement", a précisé Roger Thiriot, "parce que l\'histoire du travail industriel est, ici, une longue et vieille histoire.'
    a = analyze(text)
    st = find(a, "Tout simplement\", a précisé Roger Thiriot, \"parce que l'histoire du travail industriel est, ici, une longue et vieille histoire")
    assert st.kind == "direct"
    assert st.speaker.name == "Roger Thiriot"
    assert [text[s:e] for s, e in st.content.spans] == [
        "Tout simplement", "parce que l'histoire du travail industriel est, ici, une longue et vieille histoire."]


def test_guillemets_reopened_after_the_incise(analyze):
    text = "« Nous ne fermerons aucune classe », a assuré la rectrice, « mais les effectifs seront revus à la rentrée. »"
    a = analyze(text)
    st = find(a, "Nous ne fermerons aucune classe", min_ratio=0.3)
    assert (st.kind, st.speaker.text) == ("direct", "la rectrice")
    assert [text[s:e] for s, e in st.content.spans] == [
        "Nous ne fermerons aucune classe", "mais les effectifs seront revus à la rentrée."]


def test_sentence_resumed_after_an_incise_is_part_of_the_statement(analyze):
    # the quoted words are the subject, the predicate comes after the incise
    text = "Le projet « Grand Paris Express », estime la Cour des comptes, coûtera au moins dix milliards de plus que prévu."
    a = analyze(text)
    st = find(a, "Le projet « Grand Paris Express »", min_ratio=0.3)
    assert st.speaker.name.endswith("Cour des comptes")
    assert [text[s:e] for s, e in st.content.spans] == [
        "Le projet « Grand Paris Express »", "coûtera au moins dix milliards de plus que prévu"]


def test_a_relative_clause_after_the_incise_is_not_speech(analyze):
    text = "Le tarif « solidaire », a annoncé la maire, qui présentait son budget lundi, sera étendu aux étudiants."
    a = analyze(text)
    for st in a.statements:
        assert "présentait son budget" not in st.content.text, st


def test_closing_mark_whose_opening_is_missing(analyze):
    # the quotation began before the text we have (sequoia_336, ASFALDA, LGPL-LR)
    text = "Pour éviter une reprise du feu mais aussi pour prévenir des actes malveillants\" constatait Martial Bourquin."
    a = analyze(text)
    st = find(a, "Pour éviter une reprise du feu mais aussi pour prévenir des actes malveillants")
    assert (st.kind, st.speaker.name, st.cue.text) == ("direct", "Martial Bourquin", "constatait")


def test_paragraph_opening_quote_continues_the_previous_speaker(analyze):
    a = analyze(
        "Benoît Payan, maire de Marseille, a déclaré : « Notre ville mérite mieux que ces promesses. »\n\n"
        "« Nous attendons des actes concrets de la part du gouvernement dès cette année. »\n\n"
        "La réunion a duré deux heures."
    )
    first = find(a, "Notre ville mérite mieux que ces promesses.")
    second = find(a, "Nous attendons des actes concrets de la part du gouvernement dès cette année.")
    assert first.kind == second.kind == "direct"
    assert first.speaker.name == second.speaker.name == "Benoît Payan"
    assert second.speaker.role == "maire de Marseille"


def test_direct_contents_exclude_marks_and_offsets_hold(analyze):
    text = "« Nous irons jusqu'au bout », a déclaré Laurent Berger, secrétaire général de la CFDT."
    a = analyze(text)
    st = find(a, "Nous irons jusqu'au bout")
    assert st.content.text == "Nous irons jusqu'au bout"
    assert (st.speaker.name, st.speaker.role) == ("Laurent Berger", "secrétaire général de la CFDT")



def test_inverted_clitic_after_a_split_euphonic_t(analyze):
    # regression (bundled Wikinews sample, CC BY 2.5): "explique-t-il" tokenized "explique", "-t", "-il"
    # gave the speaker "-t", which became a speaker of its own in the store
    text = sample_text("homme du peuple")
    a = analyze(text)
    st = find(a, "Je suis un homme du peuple", min_ratio=0.1)
    assert st.cue.text.startswith("explique") and st.speaker.text == "-il"
    assert not any(x.speaker and x.speaker.text == "-t" for x in a.statements)


# -- incises after a quotation (rules of this session) ----------------------------

def test_subject_inside_the_quotation_is_not_the_incise_speaker(analyze):
    # the parser makes "situation" the subject of "a déclaré": the speaker is the inverted subject
    a = analyze("« C'est une situation sans précédent », a déclaré le maire de Pau.")
    assert len(a.statements) == 1, show(a)
    st = find(a, "C'est une situation sans précédent")
    assert st.kind == "direct"
    assert st.cue.text == "a déclaré"
    assert st.speaker.text == "le maire de Pau"
    assert st.speaker.name == "maire de Pau"
    assert not any("maire de Pau" in s.content.text for s in a.statements), show(a)


def test_inverted_subject_after_a_prepositional_phrase(analyze):
    a = analyze(
        "Le ministre des Comptes publics, Thomas Lefort, a présenté le budget mercredi. "
        "« Nous n'augmenterons pas les impôts cette année », a déclaré à la presse le ministre."
    )
    st = find(a, "Nous n'augmenterons pas les impôts cette année")
    assert st.kind == "direct"
    assert st.cue.text == "a déclaré"
    assert st.speaker.text == "le ministre"
    assert st.speaker.name == "Thomas Lefort"


def test_inverted_subject_after_a_time_word_and_a_station(analyze):
    a = analyze("« La réforme des retraites sera retirée avant l'été », a affirmé lundi sur France Inter Jeanne Martin.")
    assert len(a.statements) == 1, show(a)
    st = find(a, "La réforme des retraites sera retirée avant l'été")
    assert st.kind == "direct"
    assert st.cue.text == "a affirmé"
    assert (st.speaker.text, st.speaker.name) == ("Jeanne Martin", "Jeanne Martin")


def test_any_verb_with_an_inverted_clitic_after_a_quotation_is_an_incise(analyze):
    a = analyze(
        "Interrogée sur sa candidature, Claire Vasseur a souri. "
        "« Je ne sais pas, on verra », esquive-t-elle."
    )
    st = find(a, "Je ne sais pas, on verra")
    assert st.kind == "direct"
    assert st.cue.text == "esquive"
    assert st.speaker.name == "Claire Vasseur"


@pytest.mark.parametrize(
    "text, content, cue, mention, name",
    [
        ("« Ce débat est clos », a coupé court François Hollande.", "Ce débat est clos",
         ("a coupé", "a coupé court"), "François Hollande", "François Hollande"),
        ("« Il n'y aura pas de nouveau commissariat dans la ville », tranche le maire de Sevran.",
         "Il n'y aura pas de nouveau commissariat dans la ville", ("tranche",), "le maire de Sevran", "maire de Sevran"),
    ],
    ids=["coupe-court-named", "tranche-role"],
)
def test_any_verb_with_a_named_inverted_subject_after_a_quotation_is_an_incise(analyze, text, content, cue, mention, name):
    a = analyze(text)
    assert len(a.statements) == 1, show(a)
    st = find(a, content)
    assert st.kind == "direct"
    assert st.cue.text in cue
    assert (st.speaker.text, st.speaker.name) == (mention, name)


def test_dative_lui_after_a_quotation_is_the_addressee(analyze):
    a = analyze("« Vous êtes une héritière », lui avait dit Christian Martin.")
    assert len(a.statements) == 1, show(a)
    st = find(a, "Vous êtes une héritière")
    assert st.kind == "direct"
    assert st.cue.text == "avait dit"
    assert (st.speaker.text, st.speaker.name) == ("Christian Martin", "Christian Martin")


# -- a verb of saying inside a quotation belongs to it -----------------------------

def test_verb_of_saying_inside_a_quotation_belongs_to_the_quotation(analyze):
    a = analyze("« De qui parle le président quand il dit qu'il ne cédera rien ? », a lancé Marc Fontaine.")
    assert len(a.statements) == 1, show(a)
    st = find(a, "De qui parle le président quand il dit qu'il ne cédera rien ?")
    assert st.kind == "direct"
    assert st.cue.text == "a lancé"
    assert st.speaker.name == "Marc Fontaine"
    assert not any(s.kind == "indirect" for s in a.statements), show(a)


def test_verb_of_saying_inside_a_quotation_before_a_reflexive_incise(analyze):
    a = analyze("« De qui parle le président lorsqu'il dit qu'il ne cédera rien ? », s'est indigné Marc Fontaine.")
    assert len(a.statements) == 1, show(a)
    st = find(a, "De qui parle le président lorsqu'il dit qu'il ne cédera rien ?")
    assert st.kind == "direct"
    assert st.cue.text == "s'est indigné"
    assert st.speaker.name == "Marc Fontaine"


# -- quotations with no cue (conventions rule 5) ------------------------------------

def test_uncued_subhead_quotation_goes_on_from_the_previous_speaker(analyze):
    a = analyze(
        "Sophie Garnier a affirmé mardi que la réforme des retraites était injuste.\n\n"
        "« Nous voulons une école qui protège les plus fragiles »\n\n"
        "Elle a détaillé ses propositions pour les lycées professionnels."
    )
    st = find(a, "Nous voulons une école qui protège les plus fragiles")
    assert st.kind == "direct"
    assert st.cue is None
    assert st.speaker.name == "Sophie Garnier"


def test_uncued_quotation_opening_a_paragraph_after_a_speaker(analyze):
    a = analyze(
        "Sophie Garnier a affirmé que la réforme était injuste.\n\n"
        "« Nous irons jusqu'au bout de cette mobilisation, quoi qu'il arrive. »"
    )
    st = find(a, "Nous irons jusqu'au bout de cette mobilisation, quoi qu'il arrive")
    assert st.kind == "direct"
    assert st.cue is None
    assert st.speaker.name == "Sophie Garnier"


def test_uncued_answer_after_a_question(analyze):
    a = analyze(
        "Sophie Garnier a affirmé que la réforme était injuste.\n\n"
        "Augmentation des impôts ? « Le moins possible »"
    )
    st = find(a, "Le moins possible")
    assert st.kind == "direct"
    assert st.cue is None
    assert st.speaker.name == "Sophie Garnier"
    assert not any("Augmentation" in s.content.text for s in a.statements), show(a)


def test_uncued_long_quotation_after_a_sentence_about_a_named_person(analyze):
    a = analyze("Christian Martin a demandé la parole. « On ne peut pas accepter un tel mépris du règlement. »")
    assert len(a.statements) == 1, show(a)
    st = find(a, "On ne peut pas accepter un tel mépris du règlement")
    assert st.kind == "direct"
    assert st.cue is None
    assert st.speaker.name == "Christian Martin"


def test_uncued_quotation_before_any_speaker_takes_the_next_one_not_its_own_pronoun(analyze):
    a = analyze(
        "« Je ne fermerai aucune classe à la rentrée prochaine dans nos villages. »\n\n"
        "Le recteur Paul Girard a affirmé mardi que les effectifs seraient maintenus."
    )
    st = find(a, "Je ne fermerai aucune classe à la rentrée prochaine dans nos villages")
    assert st.kind == "direct"
    assert st.cue is None
    assert st.speaker.name == "Paul Girard"
    assert st.speaker.text != "Je"
    nxt = find(a, "les effectifs seraient maintenus")
    assert (nxt.kind, nxt.cue.text, nxt.speaker.name) == ("indirect", "a affirmé", "Paul Girard")


def test_uncued_quotation_with_nobody_to_say_it_is_not_given_its_own_pronoun(analyze):
    a = analyze("« Je ne serai pas candidate à la présidence du groupe cette année. »\n\nLe vote aura lieu mardi.")
    assert not any(s.speaker is not None and s.speaker.text in {"Je", "je"} for s in a.statements), show(a)
    assert a.statements == (), show(a)


def test_subhead_quotation_on_its_own_line_without_blank_lines(analyze):
    # many sites separate paragraphs with one line break: a line that is only a quotation is a subhead
    a = analyze(
        "Le député a réfuté toute idée de scission au sein du parti.\n"
        "\"Tout reste possible\"\n"
        "Marc Delorme a estimé que toutes les options restaient ouvertes."
    )
    st = find(a, "Tout reste possible")
    assert st.kind == "direct" and st.cue is None
    assert st.speaker.name == "Marc Delorme"


def test_dative_leur_before_an_incise_with_a_clitic(analyze):
    a = analyze("Il s'adresse aux électeurs de droite. « Rejoignez-moi », leur lance-t-il.")
    st = find(a, "Rejoignez-moi")
    assert st.kind == "direct" and st.cue.text == "lance"
    assert st.speaker.text == "-il"


def test_embedded_post_is_a_statement_of_its_signed_author(analyze):
    a = analyze(
        "La polémique enfle depuis mardi.\n"
        "Ce projet de loi doit être retiré sans attendre #Assemblée @GouvFR pic.twitter.com/abc123\n"
        "— Julie Marchal (@juliemarchal) 3 mars 2021\n"
        "Le ministère n'a pas réagi."
    )
    st = find(a, "Ce projet de loi doit être retiré sans attendre")
    assert st.kind == "direct" and st.cue is None
    assert st.speaker.name == "Julie Marchal"
    assert "#Assemblée" not in st.content.text and "pic.twitter" not in st.content.text


def test_incise_with_an_adverb_inside_the_verb_group(analyze):
    a = analyze(
        "Nicolas Dupont-Aignan a détaillé son budget. « Je ne l'ai jamais caché », a notamment répondu le député "
        "de l'Essonne à Jean-Jacques Bourdin qui l'interrogeait."
    )
    st = find(a, "Je ne l'ai jamais caché")
    assert st.cue is not None and st.cue.text == "a notamment répondu", show(a)
    assert st.speaker.name == "Nicolas Dupont-Aignan"


def test_uncued_quotation_after_a_pronoun_subject_goes_to_whom_it_names(analyze):
    a = analyze(
        "Le président du groupe, Christian Morel, a pris la parole. Jeanne Dubois l'écoutait. "
        "Il a souhaité faire un rappel au règlement de l'Assemblée. « On ne peut pas accepter un tel mépris de notre règlement. »"
    )
    st = find(a, "On ne peut pas accepter un tel mépris de notre règlement.")
    assert st.speaker is not None and st.speaker.name == "Christian Morel", show(a)


def test_survey_answer_options_and_question_are_not_statements(analyze):
    a = analyze(
        "« Les habitants sont inquiets », a déclaré le maire Paul Mercier. "
        "Un sondage a été réalisé auprès de 1 000 personnes. À la question « souhaitez-vous que le maire soit de nouveau candidat aux élections ? », "
        "les réponses sont partagées. Les qualités qui lui sont les moins attribuées sont : « capable de réformer la ville en profondeur » (48 %), "
        "« à l'écoute des habitants de tous les quartiers » (38 %) et « proche des gens comme vous » (+3)."
    )
    assert [st.content.text for st in a.statements] == ["Les habitants sont inquiets"], show(a)


def test_clause_before_a_semicolon_is_not_part_of_a_quotation_with_an_incise(analyze):
    a = analyze(
        "Le nouveau boson ouvre des perspectives ; « ce boson est un laboratoire pour une nouvelle physique. "
        "Il peut ouvrir des portes » indique Guido Tonelli."
    )
    st = find(a, "ce boson est un laboratoire pour une nouvelle physique. Il peut ouvrir des portes", min_ratio=1.0)
    assert st.kind == "direct" and "perspectives" not in st.content.text, show(a)


def test_a_cued_clause_before_a_quotation_is_no_lead_of_the_incise_after_it(analyze):
    a = analyze("Le vice-président du parti assure que toutes les sanctions y compris l'exclusion sont envisagées, « tout est possible » sourit-il.")
    st = find(a, "tout est possible", min_ratio=1.0)
    assert st.kind == "direct" and st.content.text == "tout est possible", show(a)
    assert find(a, "toutes les sanctions y compris l'exclusion sont envisagées", min_ratio=1.0).kind == "indirect"


def test_a_quoted_subhead_takes_the_speaker_who_says_its_words_below(analyze):
    # a subhead quotes the passage below it, not the last speaker above it
    text = ("La Première ministre a défendu lundi son budget. « Nous tiendrons le cap des économies », "
            "a déclaré Élisabeth Borne.\n"
            "« Une réforme injuste pour les retraités »\n"
            "Pour le syndicaliste Laurent Berger, le texte reste mal ficelé. « C'est une réforme injuste pour les "
            "retraités et pour les jeunes », a-t-il affirmé.")
    a = analyze(text)
    sub = find(a, "Une réforme injuste pour les retraités")
    assert sub.cue is None and sub.speaker.name == "Laurent Berger", show(a)
    assert find(a, "Nous tiendrons le cap des économies").speaker.name == "Élisabeth Borne"


def test_a_quoted_subhead_whose_words_do_not_come_back_keeps_the_last_speaker(analyze):
    text = ("La Première ministre a défendu lundi son budget. « Nous tiendrons le cap des économies », "
            "a déclaré Élisabeth Borne.\n"
            "« Pas question de reculer maintenant »\n"
            "Le texte sera examiné au Sénat dès la semaine prochaine.")
    a = analyze(text)
    sub = find(a, "Pas question de reculer maintenant")
    assert sub.speaker.name == "Élisabeth Borne", show(a)
