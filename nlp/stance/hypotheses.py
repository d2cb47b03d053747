"""What each label means, written as hypotheses a sentence can be compared with (embedded backend).

A label name alone ("conciliatory") is a poor target for sentence similarity: news copy
never uses the word. So each default label is described by short, actor-free sentences
of the kind that express it in conflict reporting, one group per clause of its
definition in ``eval/ANNOTATION.md``. ``neutral`` gets hypotheses too, drawn from the
guide's tie-breaks (reported assessments, aid that arranges nothing, victims and places,
background), so that a sentence with no stance has somewhere to go.

Labels a user adds with ``--labels`` get hypotheses built from templates around the name.
"""

from __future__ import annotations

LABEL_HYPOTHESES: dict[str, tuple[str, ...]] = {
    "conciliatory": (
        # seeks negotiation
        "They agreed to hold peace talks and negotiate.",
        "They said they were ready for dialogue to end the war.",
        "They called for a ceasefire and a diplomatic solution.",
        # welcomes negotiation or a deal
        "They welcomed the agreement and praised the mediators.",
        "They backed the deal and urged everyone to implement it.",
        # compromise
        "They offered a compromise and proposed security guarantees.",
        "They proposed a peace plan to end the fighting.",
        # de-escalation
        "They pulled back troops to reduce tensions and build trust.",
        "They declared a truce as a humanitarian gesture.",
        # humanitarian arrangements
        "They agreed to a prisoner exchange and freed captured soldiers.",
        "They opened humanitarian corridors to evacuate civilians.",
        "They signed a deal brokered by the United Nations to let grain ships sail.",
        "They agreed to extend the agreement.",
        "They released a detained citizen in a swap.",
        "They allowed international inspectors to visit.",
        # claims progress toward peace
        "Negotiators said the talks had made progress toward peace.",
    ),
    "confrontational": (
        # attacks
        "They launched missile strikes and shelled cities.",
        "Their forces attacked and captured territory in an offensive.",
        "Their troops launched a counteroffensive and pushed the enemy back.",
        # threatens, warns
        "They warned of severe consequences and threatened retaliation.",
        # accuses
        "They accused the other side of war crimes and lies.",
        "They condemned the attack and demanded accountability.",
        # sanctions
        "They imposed new sanctions to punish the aggression.",
        # arms one side
        "They sent tanks, missiles and weapons to help fight the invasion.",
        "They approved billions of dollars in military aid and air defence systems.",
        "They signed a law to speed up weapons deliveries.",
        # rejects the other side's claims or demands, or a peace move (tie-break 5)
        "They rejected the proposal and dismissed it as a cynical ploy.",
        "They denied the accusations and called them a staged provocation.",
        "They said they did not trust the offer and refused to negotiate.",
        "They said there would be no truce until the invading troops withdraw.",
        "They said the talks had made no progress and blamed the other side.",
        "They postponed the talks and blamed the other side.",
        # escalates
        "They mobilised troops and annexed occupied regions.",
        "They suspended the treaty and walked out of the deal.",
        "They vowed to fight on until victory.",
        "They voted to condemn the annexation as illegal.",
    ),
    "neutral": (
        # reported assessments (tie-break 6)
        "Officials said they could not yet confirm the details.",
        "They said they were looking into the reports.",
        "A spokesman noted the decision without comment.",
        "Analysts said the situation remained unclear.",
        "The report gave figures without taking sides.",
        # aid that arranges nothing between the sides
        "The money was provided as financial assistance for the budget.",
        "Aid was given to help refugees and pay salaries.",
        # victims and places
        "The city was hit during the fighting.",
        # background
        "The visit took place amid the war.",
        "The news was announced on Monday.",
    ),
}

#: Templates for labels without hand-written hypotheses; ``{label}`` is the label name.
CUSTOM_TEMPLATES = (
    "The position taken is {label}.",
    "They are {label}.",
    "This statement is {label}.",
)


def hypotheses_for(label: str) -> tuple[str, ...]:
    """The hypotheses describing ``label``: hand-written ones, or templated for new labels."""
    if label in LABEL_HYPOTHESES:
        return LABEL_HYPOTHESES[label]
    return tuple(t.format(label=label) for t in CUSTOM_TEMPLATES)
