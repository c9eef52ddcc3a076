"""What the verb cue model sees of a verb, on hand-parsed docs (no spaCy model)."""

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.features import cue_features


def test_a_verbs_object_subject_and_neighbours_are_features_with_its_lemma():
    # "made the case" is an argument, "made the pledge" is not: the object tells them apart.
    doc = Doc(
        English().vocab,
        words=["Costa", "made", "the", "case", "."],
        spaces=[True, True, True, False, False],
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["Costa", "make", "the", "case", "."],
        ents=["B-PERSON", "O", "O", "O", "O"],
    )
    features = set(cue_features(doc[1]))
    assert {"lemma|dobj=make|case", "dobj_kind=NOUN", "lemma|dobj_kind=make|NOUN"} <= features
    assert "lemma|subj_kind=make|PERSON" in features
    assert {"prev=costa", "lemma|prev=make|costa", "lemma|next=make|the", "prev2=<s>", "next2=case"} <= features
    assert "next3=." in features


def test_a_coordinated_verb_knows_the_verb_it_hangs_on():
    doc = Doc(
        English().vocab,
        words=["Okafor", "spoke", "and", "called", "for", "calm", "."],
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 1, 1, 3, 4, 1],
        deps=["nsubj", "ROOT", "cc", "conj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "CCONJ", "VERB", "ADP", "NOUN", "PUNCT"],
        lemmas=["Okafor", "speak", "and", "call", "for", "calm", "."],
    )
    features = set(cue_features(doc[3]))
    assert {"governor=speak", "lemma|governor=call|speak", "lemma|next=call|for", "next3=."} <= features
    assert not any(f.startswith("governor=") for f in cue_features(doc[1]))  # the root hangs on nothing
