"""Word lists behind the role rules: verbs of speech and action, prepositions, titles.

Light rules over these lists stand in for a parser, which is not available offline. They
were written for news English; ``nlp.evidence.roles`` reads them.
"""

from __future__ import annotations

def _forms(*bases: str) -> frozenset[str]:
    out = set()
    for b in bases:
        stem = b[:-1] if b.endswith("e") else b
        out |= {b, b + "s", stem + "ed", stem + "ing"}
        if b.endswith("y") and b[-2] not in "aeiou":
            out |= {b[:-1] + "ies", b[:-1] + "ied"}
    return frozenset(out)


SPEECH_VERBS = _forms(
    "say", "tell", "add", "state", "announce", "claim", "insist", "argue", "note", "declare",
    "warn", "accuse", "urge", "call", "demand", "pledge", "vow", "promise", "deny", "reject",
    "dismiss", "condemn", "welcome", "propose", "offer", "suggest", "stress", "reiterate",
    "acknowledge", "confirm", "threaten", "praise", "thank", "ask", "appeal", "respond",
    "reply", "counter", "allege", "describe", "brand", "label", "tweet", "post", "write",
    "blame", "criticise", "criticize", "assert", "predict", "express", "signal", "hail",
    "brief", "comment", "remark", "report", "estimate", "assess", "caution",
) | {"said", "says", "told", "wrote", "spoke", "according"}

ACTION_VERBS = _forms(
    "attack", "strike", "launch", "shell", "bomb", "fire", "invade", "advance", "push",
    "retake", "recapture", "capture", "seize", "occupy", "annex", "mobilise", "mobilize",
    "sanction", "impose", "ban", "freeze", "arm", "supply", "deliver", "send", "provide",
    "approve", "pass", "sign", "agree", "accept", "refuse", "decline", "withdraw", "pull",
    "retreat", "release", "free", "exchange", "swap", "return", "open", "close", "block",
    "allow", "permit", "resume", "suspend", "halt", "stop", "end", "extend", "renew",
    "join", "leave", "quit", "host", "hold", "meet", "negotiate", "broker", "mediate",
    "help", "support", "back", "oppose", "fight", "defend", "resist", "repel", "destroy",
    "kill", "target", "hit", "down", "intercept", "order", "deploy", "move", "expel",
    "summon", "recall", "vote", "adopt", "veto", "abstain", "pledge", "commit", "plan",
    "seek", "try", "want", "need", "hope", "expect", "move", "begin", "continue", "keep",
    "make", "take", "give", "use", "put", "set", "work", "lead", "win", "lose", "gain",
    "regain", "liberate", "escalate", "intensify", "step", "ramp", "scale", "cut",
    "shut", "restrict", "press", "force", "drive", "threaten", "vow", "reach", "announce",
) | {
    "struck", "sent", "took", "gave", "made", "began", "fought", "held", "met", "left",
    "brought", "sought", "won", "lost", "shot", "led", "drew", "froze", "broke", "chose",
    "rose", "fell", "stood", "kept", "put", "set", "hit", "cut", "shut", "ran", "went",
    "came", "saw", "got", "bought", "sold", "paid", "laid", "spent", "built",
    "will", "would", "could", "should", "can", "may", "might", "must", "has", "have",
    "had", "is", "are", "was", "were", "did", "does", "do", "been", "remains", "remained",
    "appeared", "appears", "seemed", "seems", "retook", "withdrew", "overran", "sank",
    "fled", "swept", "threw", "flew", "drove", "shook", "tore", "hid", "fed", "dealt",
    "meant", "felt", "caught", "thought", "found", "heard", "lent",
    "undertook", "overtook", "foresaw", "forgave", "spoke",
}
VERBS = SPEECH_VERBS | ACTION_VERBS

PLACE_PREPS = frozenset({
    "in", "at", "near", "across", "inside", "outside", "from", "into", "throughout",
    "around", "within", "beyond", "toward", "towards", "via", "through",
})
OBJECT_PREPS = frozenset({
    "against", "on", "to", "with", "for", "about", "over", "upon", "between", "among",
    "than", "like", "including", "onto", "off", "under", "without", "versus", "vs",
})
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that",
                         "these", "those", "both", "all", "some", "pro", "anti"})
OFFICIALS = frozenset({
    "president", "minister", "ministry", "spokesperson", "spokesman", "spokeswoman",
    "secretary", "ambassador", "envoy", "adviser", "advisor", "aide", "diplomat", "diplomats",
    "official", "officials", "negotiator", "negotiators", "delegation", "chief", "commander",
    "commanders", "general", "deputy", "head", "leader", "leaders", "leadership", "government",
    "forces", "troops", "army", "military", "navy", "authorities", "administration",
    "mission", "embassy", "office", "department", "parliament", "lawmakers", "senators",
    "prime", "foreign", "defence", "defense", "press", "national", "security", "top",
    "counterpart", "side", "team", "prosecutor", "prosecutors", "intelligence", "staff",
    "council", "command", "armed", "units", "soldiers", "officers", "representative",
    "representatives", "kremlin", "state", "speaker", "cabinet", "agency", "service", "services",
    "guard", "guards", "police", "coalition", "regime", "rebels", "fighters", "militants",
    "movement", "militia", "brigades", "corps", "bureau", "directorate", "force", "ministers",
    "envoys", "spokespeople", "negotiating", "committee", "presidency", "chancellery",
})
CLAUSE_OPENERS = frozenset({
    "but", "while", "as", "after", "before", "when", "because", "although", "though", "since",
    "whereas", "if", "unless", "that", "who", "which", "where", "and", "or", "yet", "so",
    "whether", "once", "until",
})
# Temporal clauses that set the scene rather than report what happened.
BACKGROUND_OPENERS = frozenset({"since", "after", "before", "until"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")", "“", "”", '"'})


ACTION_NOUNS = frozenset({
    "invasion", "offensive", "attack", "attacks", "assault", "strikes", "bombardment",
    "blockade", "war", "campaign", "shelling", "advance", "counter-offensive",
    "counteroffensive", "mobilisation", "mobilization", "annexation", "sanctions", "threat",
    "threats", "warning", "warnings", "accusation", "accusations", "claims", "demands",
    "proposal", "proposals", "offer", "plan", "decision", "refusal", "withdrawal", "call",
    "calls", "support", "aid", "help", "response", "retaliation", "position", "stance",
    "negotiators", "delegation", "peace", "push", "efforts", "effort", "approval", "veto",
    "vote", "move", "bid", "demand", "rejection", "denial", "pledge", "promise", "plans",
})
SPEECH_NOUNS = frozenset({
    "remarks", "comments", "statement", "statements", "words", "speech", "message", "address",
    "response", "reply", "view", "views", "announcement", "assessment", "rebuttal",
})
# Words that may sit between a subject and its verb: "Psaki on Thursday accused…".
ADJUNCTS = frozenset({
    "on", "last", "earlier", "later", "this", "also", "again", "previously", "then", "now",
    "already", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "week", "month", "year", "night", "morning", "evening", "today", "yesterday",
    "repeatedly", "once", "swiftly", "quickly", "publicly", "formally", "officially",
})
FUNCTION_WORDS = PLACE_PREPS | OBJECT_PREPS | DETERMINERS | CLAUSE_OPENERS | {
    "by", "of", "according", "on", "for", "not", "no", "it", "he", "she", "they", "we", "i",
    "there", "here", "then", "also", "still", "now", "yet", "meanwhile", "however",
}
