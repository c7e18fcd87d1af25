"""According-to attributions: selon, d'après, pour X, aux yeux de, de source …"""

from __future__ import annotations

import pytest

from ._support import find, show

pytestmark = pytest.mark.slow


def test_selon_organisation(analyze):
    # sequoia_1782 (ASFALDA, LGPL-LR)
    a = analyze(
        "Selon les agences humanitaires de l'ONU, plusieurs centaines de milliers d'Irakiens, dont quelque 500 000 enfants, "
        "sont morts prématurément en raison de l'embargo, faute de produits alimentaires, de médicaments et de soins adéquats."
    )
    st = find(a, "plusieurs centaines de milliers d'Irakiens, dont quelque 500 000 enfants, sont morts prématurément en raison de l'embargo, faute de produits alimentaires, de médicaments et de soins adéquats")
    assert (st.kind, st.cue.text) == ("according_to", "Selon")
    assert st.speaker.text == "les agences humanitaires de l'ONU"
    assert st.speaker.type == "organization"


def test_selon_title_and_name(analyze):
    # sequoia_2853 (ASFALDA, LGPL-LR)
    a = analyze("Selon le procureur Jean-Pierre Dintilhac, rien ne s'opposait à une audition de Jacques Chirac comme témoin assisté dans cette affaire.")
    st = find(a, "rien ne s'opposait à une audition de Jacques Chirac comme témoin assisté dans cette affaire")
    assert st.kind == "according_to"
    assert (st.speaker.name, st.speaker.type, st.speaker.role) == ("Jean-Pierre Dintilhac", "person", "procureur")


def test_selon_role_then_name_apposition(analyze):
    a = analyze("Selon le procureur de Paris, Laure Beccuau, l'enquête a été confiée à la brigade criminelle.")
    st = find(a, "l'enquête a été confiée à la brigade criminelle")
    assert st.kind == "according_to"
    assert (st.speaker.name, st.speaker.type, st.speaker.role) == ("Laure Beccuau", "person", "procureur de Paris")
    assert "Beccuau" not in st.content.text


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        ("D'après la police, trois personnes ont été blessées lors de l'accident.",
         "trois personnes ont été blessées lors de l'accident", "la police"),
        ("L'incendie a détruit plus de 2 000 hectares de forêt, d'après les pompiers du Var.",
         "L'incendie a détruit plus de 2 000 hectares de forêt", "les pompiers du Var"),
        ("D'après Météo-France, les orages devraient s'intensifier dans la soirée sur le sud-est du pays.",
         "les orages devraient s'intensifier dans la soirée sur le sud-est du pays", "Météo-France"),
    ],
    ids=["leading", "trailing", "named"],
)
def test_d_apres(analyze, text, content, speaker):
    a = analyze(text)
    st = find(a, content)
    assert st.kind == "according_to"
    assert st.cue.text.lower().replace("’", "'") == "d'après"
    assert st.speaker.text == speaker


def test_de_l_avis_de(analyze):
    a = analyze("De l'avis des économistes, la croissance ralentira nettement au second semestre.")
    st = find(a, "la croissance ralentira nettement au second semestre")
    assert st.kind == "according_to"


@pytest.mark.parametrize(
    "text, content, speaker, typ",
    [
        ("Pour Marine Le Pen, cette réforme est une trahison des classes populaires.",
         "cette réforme est une trahison des classes populaires", "Marine Le Pen", "person"),
        ("Pour le ministre de l'Économie, la croissance restera solide au second semestre.",
         "la croissance restera solide au second semestre", "ministre de l'Économie", "person"),
    ],
    ids=["name", "role"],
)
def test_pour_x_comma(analyze, text, content, speaker, typ):
    a = analyze(text)
    st = find(a, content)
    assert (st.kind, st.cue.text) == ("according_to", "Pour")
    assert (st.speaker.name, st.speaker.type) == (speaker, typ)


@pytest.mark.parametrize(
    "text",
    [
        "Pour la première fois, la croissance a dépassé les prévisions du gouvernement.",
        "Pour les vacances de Pâques, la SNCF a ajouté 200 000 places dans ses trains.",
    ],
)
def test_pour_without_a_speaker_is_not_attribution(analyze, text):
    a = analyze(text)
    assert not [st for st in a.statements if st.kind == "according_to"], show(a)


def test_aux_yeux_de(analyze):
    a = analyze("Aux yeux de l'opposition, ce budget est insincère et devra être corrigé à l'automne.")
    st = find(a, "ce budget est insincère et devra être corrigé à l'automne")
    assert (st.kind, st.cue.text) == ("according_to", "Aux yeux de")
    assert st.speaker.text == "l'opposition"


@pytest.mark.parametrize(
    "text, content",
    [
        ("De source policière, le suspect aurait été interpellé à son domicile dimanche soir.",
         "le suspect aurait été interpellé à son domicile dimanche soir"),
        ("Le suspect a été interpellé dimanche soir à son domicile, de source policière.",
         "Le suspect a été interpellé dimanche soir à son domicile"),
    ],
    ids=["leading", "trailing"],
)
def test_de_source_is_anonymous(analyze, text, content):
    a = analyze(text)
    st = find(a, content)
    assert st.kind == "according_to"
    assert (st.speaker.text, st.speaker.type) == ("source policière", "anonymous")


def test_selon_inside_a_relative_clause_qualifies_that_clause(analyze):
    text = ("Le gouvernement a présenté mardi une réforme des retraites qui coûtera, selon la Cour des comptes, "
            "près de trois milliards d'euros par an.")
    a = analyze(text)
    st = find(a, "qui coûtera, selon la Cour des comptes, près de trois milliards d'euros par an", min_ratio=0.6)
    assert st.kind == "according_to"
    assert "présenté" not in st.content.text


def test_selon_moi_is_the_first_person_not_an_earlier_speaker(analyze):
    text = ("On nous répète que la croissance reviendra.\n\n"
            "Selon moi, cette promesse ne tiendra pas longtemps.")
    a = analyze(text)
    st = find(a, "cette promesse ne tiendra pas longtemps")
    # the writer: the mention stays, unresolved (no name), never an earlier speaker
    assert st.speaker.text == "moi" and st.speaker.name is None and st.speaker.type == "unknown"


# -- a cued statement wins over an uncued quotation on the same words ----------------

@pytest.mark.parametrize("cue", ["Selon", "D'après"])
def test_according_to_before_a_long_quotation_stays_with_its_source(analyze, cue):
    a = analyze(f"{cue} Paul Girard, « la situation financière de la commune est catastrophique ».")
    assert len(a.statements) == 1, show(a)
    st = find(a, "la situation financière de la commune est catastrophique")
    assert st.kind == "according_to"
    assert st.cue.text == cue
    assert (st.speaker.text, st.speaker.name) == ("Paul Girard", "Paul Girard")


def test_according_to_a_role_and_name_before_a_quotation_after_another_speaker(analyze):
    a = analyze(
        "Sophie Garnier a affirmé que la réforme était injuste. "
        "Selon le maire, Paul Girard, « la situation financière de la commune est catastrophique et les impôts vont augmenter »."
    )
    st = find(a, "la situation financière de la commune est catastrophique et les impôts vont augmenter")
    assert st.kind == "according_to"
    assert st.cue.text == "Selon"
    assert st.speaker.name == "Paul Girard"  # not the previous speaker, as an uncued quotation would be
    assert len(a.statements) == 2, show(a)


def test_emoji_after_the_source_is_neither_name_nor_content(analyze):
    a = analyze("Selon la préfecture 🏛️, trois manifestants ont été interpellés dans la soirée.")
    st = find(a, "trois manifestants ont été interpellés dans la soirée")
    assert st.speaker.name == "préfecture", show(a)
    assert st.content.text == "trois manifestants ont été interpellés dans la soirée"


def test_selon_opening_an_aside_reports_the_aside(analyze):
    a = analyze("Le journal évalue les bijoux à un million de francs (selon M. Dufour, cette valeur était pourtant bien supérieure).")
    st = find(a, "cette valeur était pourtant bien supérieure")
    assert st.kind == "according_to" and st.speaker.text == "M. Dufour", show(a)
    assert st.content.text == "cette valeur était pourtant bien supérieure"


def test_pour_a_collective(analyze):
    a = analyze("Pour le collectif de défense des locataires, il s'agit d'« un recul sans précédent ».")
    st = find(a, "il s'agit d'« un recul sans précédent »")
    assert st.kind == "according_to" and st.speaker.type == "organization", show(a)


def test_pour_with_the_expansion_of_an_acronym(analyze):
    a = analyze("Pour le CNL (Conseil national des locataires), cette réforme est une victoire acquise de haute lutte.")
    st = find(a, "cette réforme est une victoire acquise de haute lutte")
    assert st.kind == "according_to" and "Conseil national" not in st.content.text, show(a)


def test_pour_qui_takes_the_antecedent_as_source(analyze):
    a = analyze("Une vision qui n'est pas partagée par Bruno Retailleau, pour qui François Fillon « veut secouer le cocotier afin de vaincre le chômage ».")
    st = find(a, "François Fillon « veut secouer le cocotier afin de vaincre le chômage »")
    assert st.kind == "according_to" and st.speaker.name == "Bruno Retailleau", show(a)


def test_pour_qui_aside_ends_where_the_main_clause_goes_on(analyze):
    a = analyze("Le sénateur Paul Mercier, pour qui la réforme est injuste, a voté contre le texte.")
    st = find(a, "la réforme est injuste", min_ratio=1.0)
    assert st.speaker.name == "Paul Mercier" and "voté" not in st.content.text, show(a)


def test_pour_qui_holds_a_selon_inside_it(analyze):
    a = analyze("C'est l'avis de Craig Murray, pour qui, selon ses propres sources, les États-Unis ont donné l'ordre au premier ministre.")
    st = find(a, "les États-Unis ont donné l'ordre au premier ministre", min_ratio=0.6)
    assert (st.speaker.text, st.speaker.name) == ("Craig Murray", "Craig Murray"), show(a)


def test_pour_after_a_colon_reports_only_its_own_clause(analyze):
    a = analyze("« Nous verrons », a dit Alain Juppé. L'ancien Premier ministre ne cache pas son inquiétude: pour lui, le parti « est en danger ».")
    st = find(a, "le parti « est en danger »", min_ratio=1.0)
    assert st.kind == "according_to" and "inquiétude" not in st.content.text, show(a)


def test_pour_name_opening_a_sentence_without_a_comma(analyze):
    a = analyze("Pour Florian Philippot toutes ces récentes déclarations démontrent l'intention de nuire à sa fille.")
    st = find(a, "toutes ces récentes déclarations démontrent l'intention de nuire à sa fille", min_ratio=1.0)
    assert (st.kind, st.speaker.name) == ("according_to", "Florian Philippot"), show(a)
    b = analyze("Pour le moment aucune décision n'a été prise par le bureau.")
    assert not b.statements, show(b)


@pytest.mark.parametrize("text", [
    "Il est bon de rappeler que, d'après le droit international, les responsables sont passibles de lourdes sanctions.",
    "Aux États-Unis, ces faits sont passibles de la peine de mort ou, selon les juridictions, de l'emprisonnement à vie.",
])
def test_norms_and_depending_on_are_no_sources(analyze, text):
    a = analyze(text)
    assert not [st for st in a.statements if st.kind == "according_to"], show(a)


def test_a_source_after_a_clause_with_its_own_verb_of_saying_is_not_a_statement(analyze):
    # "selon des participants" says where the report comes from: the statement is the minister's
    text = ("La ministre de la Culture, Rachida Dati, a appelé lundi ses équipes à « rester unies face aux critiques », "
            "lors d'une réunion au ministère, selon des participants.")
    a = analyze(text)
    st = find(a, "rester unies face aux critiques")
    assert st.speaker.name == "Rachida Dati" and st.cue.text == "a appelé"
    assert [s.kind for s in a.statements] == ["direct"], show(a)


def test_a_source_after_a_clause_without_a_verb_of_saying_is_the_statement(analyze):
    text = "Le gouvernement renoncera à la réforme des retraites dès la semaine prochaine, selon plusieurs sources parlementaires."
    a = analyze(text)
    st = find(a, "Le gouvernement renoncera à la réforme des retraites dès la semaine prochaine")
    assert st.kind == "according_to" and st.speaker.name == "plusieurs sources parlementaires"


def test_a_participle_after_the_source_is_part_of_it(analyze):
    # "selon un rapport établi par X sur « … », …": who speaks is the report by X, and its quoted
    # title is part of its name, not a statement
    text = ("Selon un rapport établi par l'Observatoire des inégalités sur « Les revenus des ménages », "
            "la crise a touché d'abord les familles les plus modestes.")
    a = analyze(text)
    st = find(a, "la crise a touché d'abord les familles les plus modestes")
    assert st.kind == "according_to" and "Observatoire des inégalités" in st.speaker.name
    assert len(a.statements) == 1, show(a)


def test_pour_a_name_whose_expansion_is_an_organisation(analyze):
    # the tagger may take the acronym for a place; its expansion in parentheses says what it is
    text = ("Les témoins se souviennent de la fête. Pour l'ALN (Armée de Libération Nationale), cette journée fut "
            "la finalisation d'une victoire acquise depuis les accords d'Évian.")
    a = analyze(text)
    st = find(a, "cette journée fut la finalisation d'une victoire acquise depuis les accords d'Évian")
    assert st.kind == "according_to" and st.cue.text == "Pour" and "Libération" in st.speaker.name


def test_a_source_before_a_clause_with_its_own_speaker_and_verb_of_saying_is_not_a_statement(analyze):
    a = analyze("Selon l'AFP, le Conseil national syrien, principale coalition de l'opposition, a appelé à ce que "
                "les rebelles soient tenus responsables.")
    assert [s.kind for s in a.statements] == ["indirect"], show(a)
    assert a.statements[0].speaker.name == "Conseil national syrien"


def test_de_source_after_a_participle_is_no_source(analyze):
    a = analyze("L'authenticité de la vidéo n'a pas été confirmée de source indépendante, mais le Conseil a fait "
                "savoir qu'il enquêtait.")
    assert not any(s.kind == "according_to" for s in a.statements), show(a)
    b = analyze("De source policière, le suspect aurait avoué les faits.")
    assert find(b, "le suspect aurait avoué les faits").kind == "according_to"


def test_selon_x_then_a_quotation_of_several_sentences_takes_it_whole(analyze):
    text = ("Le commentateur est mort mardi. Selon son complice, « Il se sentait faible ces derniers temps. Il me "
            "disait qu'il me regarderait de là-haut. » Les obsèques auront lieu vendredi.")
    a = analyze(text)
    st = find(a, "Il se sentait faible ces derniers temps. Il me disait qu'il me regarderait de là-haut")
    assert st.kind == "according_to" and st.cue.text == "Selon"
