"""The attribution cue lexicon: verbs that introduce what someone says, believes or intends.

Hand-grouped lemmas give the `claim_type`; the lexicon learned from PolNeAR's train split
(`data/cue_lexicon.json`, rebuilt by `pipelines/train/cue_lexicon.py`) adds the verbs news
writers use to report stances ("criticized", "endorsed", "called for"). A verb outside both
never makes a claim.
"""

import json
from functools import lru_cache
from pathlib import Path

SPEECH = frozenset(
    """say tell write report state add note claim announce explain insist deny warn argue
    suggest acknowledge admit confirm declare stress emphasize emphasise reply respond ask
    request urge describe predict promise accuse complain concede contend recall reveal
    indicate testify tweet post quote comment maintain assert allege observe mention propose
    demand vow pledge threaten repeat reiterate disclose inform assure charge caution estimate
    question criticize criticise praise dismiss reject counter boast brag concur affirm
    announce publish conclude find show""".split()
)
BELIEF = frozenset(
    """believe think feel understand consider expect know doubt suspect worry fear assume
    realize realise recognize recognise agree see hope reckon suppose presume acknowledge
    imagine trust""".split()
)
INTENTION = frozenset(
    """want intend plan seek aim wish decide refuse prefer mean vow pledge threaten promise
    hope try attempt""".split()
)
ALL_CUES = SPEECH | BELIEF | INTENTION

# Cues whose direct object can be the content ("requested a roadmap", "denied the report").
NOMINAL_CONTENT = frozenset("request demand announce deny propose promise reject confirm predict urge dismiss".split())
# Raising verbs: in "Sanders appears to be spending more", the subject is part of what is
# reported, and nobody is named as holding the view (PolNeAR train: 145 of 150 such cues).
RAISING = frozenset("appear seem".split())
# Cues whose object is the one addressed: "told reporters", "assured allies".
ADDRESSEE_OBJECT = frozenset("tell inform assure remind notify brief".split())
AUDIENCE_NOUNS = frozenset("reporter journalist crowd audience supporter voter viewer listener customer".split())
# Cues that take an infinitive as their content ("want to conclude").
INFINITIVE_CONTENT = INTENTION | frozenset("expect promise threaten vow pledge refuse agree".split())

# Nouns naming unnamed sources: "a senior Western official", "people familiar with the talks".
ROLE_NOUNS = frozenset(
    """official source diplomat aide adviser advisor insider analyst expert person people
    spokesperson spokesman spokeswoman representative negotiator officer employee staffer
    lawmaker legislator member observer investigator insider researcher economist
    scientist witness resident""".split()
)
RANKS = frozenset("senior top high-ranking high-level junior former chief deputy ranking".split())
DOCUMENT_NOUNS = frozenset(
    """report statement study document letter survey poll filing memo memorandum analysis
    communique communiqué declaration transcript release assessment indictment complaint
    lawsuit ruling order record records data email emails cable""".split()
)
OUTLET_NOUNS = frozenset("newspaper paper daily outlet magazine broadcaster agency network publication tabloid".split())
PERSON_NOUNS = ROLE_NOUNS | frozenset(
    """president minister chancellor secretary senator governor mayor leader chief
    director chairman chairwoman ambassador general commander candidate king queen
    prince judge lawyer attorney prosecutor ceo founder professor doctor""".split()
)
ORGANIZATION_NOUNS = frozenset(
    """government ministry administration parliament congress senate court police army
    military committee commission council company firm bank union party department office
    board cabinet regime authority authorities embassy kremlin""".split()
)


@lru_cache(maxsize=1)
def learned_cues() -> frozenset[str]:
    path = Path(__file__).parents[1] / "data" / "cue_lexicon.json"
    if not path.exists():
        return frozenset()
    return frozenset(json.loads(path.read_text())["lemmas"])


def is_cue(lemma: str) -> bool:
    return lemma in ALL_CUES or lemma in learned_cues()


# Nouns that report a claim through a that-clause: "Trump's claim that the vote was rigged".
NOUN_CUES = frozenset(
    """claim statement allegation belief assertion suggestion warning promise argument view
    insistence announcement report remark remarks comment comments accusation charge threat
    pledge hope fear concern vow notion assurance admission denial prediction message demand
    proposal criticism conclusion finding findings estimate assessment contention position
    suspicion expectation sense feeling impression""".split()
)
BELIEF_NOUNS = frozenset("belief view hope fear concern notion suspicion expectation sense feeling impression".split())
