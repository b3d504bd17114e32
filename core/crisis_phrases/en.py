"""English: what people write when they are struggling, and the job-hunt idioms that look alike.

Patterns read normalised text (see `core.crisis.normalise`): lower case, no apostrophes ("don't"
is "dont", "I'm" is "im"), one space between words, a letter repeated three times or more
squeezed to one ("soooo" is "so"). The tiers follow the order in which screening questions such
as the Columbia Suicide Severity Rating Scale ask: a wish to be dead or not to wake up comes first
(indirect); thoughts of killing oneself, a method, a plan or self-harm after it (explicit).

Idioms are guards written beside the phrase they resemble: a lookahead in the pattern for what
follows ("killing myself *trying*", "die *on this hill*"), `not_after` for what comes before
("*career* suicide"). Every guard is there because a job-hunt sentence in the labelled table in
`tests/unit/test_crisis.py` needs it; when a guard is in doubt, it is left out (a gentle card
shown without need costs little, a missed one costs a great deal).
"""

from __future__ import annotations

from core.crisis_phrases.table import Language, Phrase, Tier

EXPLICIT, INDIRECT = Tier.EXPLICIT, Tier.INDIRECT

# -- building blocks --------------------------------------------------------------------------

# Oneself: the writer, or someone they write about ("she hurt herself" shows the card too).
ME = r"(?:my ?self|myslef|mysef|meself|her ?self|him ?self|them ?selves|them ?self|your ?self|ur ?self|our ?selves)"
# Someone: the writer or a person they write about.
WHO = r"(?:i|she|he|they|we|you|u)"
# Small words that sit inside a phrase without changing it ("I want to *just* die").
ADV = (
    r"(?:(?:just|really|so|fucking|fkn|literally|honestly|actually|simply|seriously|genuinely|truly|"
    r"kinda|kind of|sort of|sometimes|often|still|even|already|almost|quietly|secretly) )*"
)
# Wanting (not "going": "I'm going to die of boredom" is everyday talk).
WANT = (
    r"(?:want|wants|wanted|wanting|wnat|wamt|watn|wanna|wana|plan|plans|planned|planning|ready|"
    r"decided|deserve|deserves|deserved|(?:id|i would|would) like|prefer|long|longing|yearn|yearning)"
)
# The end of a clause: punctuation, a line end or the end of the text (zero-width).
END = r"(?= *(?:$|[.!?,;:)\]\"]))"
ANYMORE = r"(?:any ?more|no more|any longer)"
LIVE = r"(?:live|be alive|go on living|keep living|stay alive|carry on living|continue living)"
DISAPPEAR = (
    r"(?:dis{1,2}ap{1,2}ea?r|vanish|fade away|evaporate|stop existing|cease to exist|not exist|"
    r"no longer exist|be erased)"
)
# "…if I wasn't here", "…once I'm gone", "…if I died".
IF_GONE = (
    r"(?:if|when|once) (?:i|me) (?:just |finally |really )?(?:wasnt|werent|was not|were not|m not|am not) (?:here|around|alive|in the picture|"
    r"in it|in them|in (?:their|the|your|his|her) (?:lives|life|world|way))"
    r"|(?:if|when|once) i(?: was| were| m| am)? (?:just |finally )?(?:gone|dead|died|disappeared|vanished|didnt exist|never existed|stopped existing)"
    r"|(?:if|when) i (?:was|were|had|d) never (?:been )?born"
)
JOB = (
    r"(?:job|jobs|role|roles|position|company|companies|firm|team|industry|field|career|sector|market|"
    r"contract|lease|non ?compete|agreement|notice period|clause|meeting|call|interview|process|"
    r"loop|offer|rut|retail|hospitality|office|building|car park|parking|maze|car)"
)
FAMILY = (
    r"(?:everyone|everybody|my (?:family|partner|wife|husband|parents|kids|children|friends|mum|mom|"
    r"dad|loved ones|sister|brother|flatmates?|roommates?)|the people (?:i love|around me)|others|"
    r"those around me|people around me|them all|the world)"
)


# -- building blocks of the second round: methods, preparation and the broader layer ----------

# Taking medication, and how much of it ("every pill", "the whole bottle of").
TAKE = (
    r"(?:take|takes|taking|took|swallow|swallows|swallowing|swallowed|down|downing|downed|eat|eating|ate|neck|necking|necked|"
    r"chug|chugging|chugged|gulp|gulping|gulped)"
)
QUANTITY = (
    r"(?:all|all of|every|every single|everything|each|a handful of|handfuls of|a bunch of|a lot of|too many|lots of|loads of|"
    r"(?:\d+|ten|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|a dozen|dozens|a few|several)(?: of)?|"
    r"every one of|enough|the rest of|all the|the (?:whole |entire )?(?:bottle|box|pack|packet|stash|jar|strip|blister pack|tub) of)"
    r"(?: (?:my|the|those|these|her|his|their))?"
)
MEDS = (
    r"(?:(?:sleeping |pain |heart |blood pressure |prescription |allergy )?(?:pills?|tablets?|meds|medications?|medicines?|"
    r"prescriptions?|painkillers|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|insulin|antidepressants|benzos|opioids|"
    r"oxy|oxycodone|xanax|valium|sertraline|lithium|codeine|tramadol|morphine|diazepam|zopiclone|amitriptyline|propranolol|citalopram|fluoxetine|quetiapine|co ?codamol|nurofen|advil|panadol))"
)
CABINET = (
    r"(?:(?:the|my|our|mums|moms|dads) (?:medicine |bathroom |meds |drug |first aid |bedside |kitchen )?"
    r"(?:cabinet|cupboard|drawer|box|kit|table)|(?:the|my) nightstand)"
)
# A high place; on its own it is only a place, so it counts beside FALL in the same sentence.
HIGH_PLACE = (
    r"\b(?:bridge|bridges|roof|rooftop|rooftops|top floor|top storey|ledge|edge|balcony|cliff|cliffs|overpass|car park|"
    r"parking garage|parking structure|multi ?storey|platform|train tracks|tracks|railway line|train line|viaduct|"
    r"tower block|skyscraper)\b"
    r"(?! (?:role|roles|job|position|loan|loans|financing|engineer|program|programme|course|club|game|the gap|between|"
    r"builder|camp|tournament|team|case|design|of (?:my|the) nose))"
)
FALL = (
    r"\b(?:jump|jumps|jumping|jumped|leap|leaping|leapt|fall|falling|fell|let go|step off|stepping off|stepped off|"
    r"over the (?:edge|side|railing|rail)|high enough|tall enough|looked down|looking down|look down|stared down|staring down|"
    r"the drop|end it|end things|almost did it|nearly did it|go through with it|climb over|climbed over|climbing over|"
    r"counted the floors|count(?:ing)? the floors|how many floors|how high|how far down|the height)\b"
    r"(?! (?:at|on|in|into|ship|through|ahead|the gun|to (?!my death)|back|behind|apart|short|for|asleep|ill|sick|in love)\b)"
    r"|\b(?:sat|sitting|stood|standing) on the (?:edge|ledge)\b"
)
BODY = r"(?:wrists?|arms?|forearms?|thighs?|legs?|skin|stomach|belly|hips?|ankles?)"
# The people one loves (a letter to them, what they deserve, how they would be without me).
LOVED = (
    r"(?:my (?:family|partner|wife|husband|parents|kids|children|friends|mum|mom|dad|mother|father|loved ones|sisters?|"
    r"brothers?|boyfriend|girlfriend|fiance|fiancee|son|daughter|grandparents|best friend|flatmates?|roommates?)"
    r"(?: and (?:my )?(?:family|partner|wife|husband|parents|kids|children|friends|mum|mom|dad|sisters?|brothers?))?|"
    r"everyone i love|the people i love|the people around me|those around me|people around me|everyone|everybody|"
    r"(?:the )?people who (?:love|care about) me|those who (?:love|care about) me|"
    r"the world|they|them all)"
)
# The broader layer: a word for oneself, a death or ending word, a cue.
SELF = r"\b(?:i|im|ive|id|ill|me|my|myself|mine)\b"
DEATH_WORD = (
    r"\b(?:die|dies|died|dying|dead|death|deaths)\b"
    r"(?! (?:to|for|of|from|laughing|on|than|down|off|out|hard|happy|inside|yet|set|tired|end|ends|silent|serious|in the water|"
    r"broke|certain|sure|right|wrong|last|center|centre|ahead|air|weight|zone|line|lines|giveaway|ringer|heat|beat|easy|"
    r"quiet|on arrival|and buried|lol|lmao|by|knell|grip|stare|trap|march|metal|row|spiral|toll|star|drop|duck|battery|"
    r"link|links|cert|here|before i|trying|if|in (?:a|the) (?:ditch|water)|"
    r"in (?:that|the|this|my|an?) (?:interview|meeting|room|call|panel|presentation|round|exam|test|traffic|queue))\b)"
    r"|\bnot (?:to )?(?:be|being) (?:here|alive|around)\b(?! (?:for|at|on|in|when|tomorrow|next|this|until|till|by)\b)"
    r"|\b(?:stop|stopped|stopping|not|never|no longer) exist(?:ing|ed|s)?\b"
    r"|\bsix feet under\b|\bin (?:my|a|the) grave\b|\bin the ground\b(?! (?:floor|level)\b)"
    r"|\b(?:not|never) (?:to )?(?:wake|waking|woke) up\b(?! (?:in time|on time|early|for|to|before|at)\b)"
)
# Words right before a death word that make it an idiom ("bored to death", "my hopes died").
DEATH_IDIOM_BEFORE = (
    r"(?:(?:(?:bored|scared|worried|sick|tired|freezing|frozen|starving|tickled|beaten|done|loved|frightened|terrified|stressed|"
    r"me|myself|us|him|her|them|it|you|yourself) to|near|nearly|almost|half|brain|drop|over my|kiss of|sudden|practically|"
    r"(?:im|i am|i m|youre|were|hes|shes)(?: so| literally| actually| basically| totally| completely| just)?|"
    r"basically|literally|just about|about to)|"
    r"(?:my |the |our |their |his |her |this |that )?(?:hopes?|dreams?|motivation|confidence|career|inbox|phone|laptop|battery|"
    r"role|application|deal|idea|plan|project|leads?|conversation|interest|momentum|enthusiasm|spark|excitement|passion|"
    r"chances|portfolio|site|website|linkedin|market|industry|company|startup|product|position|job|thread|chat|email|"
    r"pipeline|process|search|soul|mood|offer|network|silence|line|signal|cv|resume|plant|car|ambition|ambitions)"
    r"(?: (?:of|for|about|at|with|in) [a-z ]{1,40}?)?"  # "my dream of working there died"
    r"(?: (?:is|was|are|were|just|has|have|had|finally|basically|totally|completely|pretty much|now|s|all but|officially))*) "
)
LONGING = (
    r"\b(?:never|forever|for good|permanently|any ?more|any longer|no point|pointless|hopeless|worthless|useless|nothing|nobody|"
    r"no one|noone|no reason|better off|relief|relieved|peace|peaceful|rest|restful|easier|burden|wish|wishing|wished|hope|"
    r"hoping|pray|praying|envy|jealous|long for|longing|welcome|dream|dreams|dreaming|daydream\w*|fantasi[sz]\w*|ready|tired|"
    r"exhausted|keep thinking|cant stop thinking|think about|thinking about|thought about|obsess\w*|deserve|deserved|should|"
    r"shouldnt|meant to|might as well|why am i|why bother|want|wanna|imagin\w*|picture|picturing|solve|fix everything|escape|"
    r"free|freedom|sounds? (?:so )?(?:good|nice|lovely|appealing|tempting|peaceful)|comfort\w*|calm\w*|appeal\w*|tempt\w*|"
    r"(?:ok|okay|fine) with|dont mind|wouldnt mind|looking forward|"
    # hopelessness and worth: the second half of the cues
    r"nobody|no one|noone|pointless|worthless|useless|failure|mistake|waste|cant|cannot|too much|give up|gave up|"
    r"everyone|everybody|without me|alone|empty|numb|trapped)\b"
)
# Ending words with oneself as their subject ("I just want to go away", "me gone").
ENDING_WORD = (
    r"\b(?:i|im|me|ill|id|i could|i can|i should|i would|i will|i want to|i wanna|i need to|to)(?: just| simply| quietly| finally)? "
    r"(?:be gone|disappear|vanish|fade away|fade out|go away|leave (?:this world|everything|it all|everyone)|be over|"
    r"stop feeling (?:anything|everything|at all)|"
    r"not be here|not be around)\b"
)
FOREVER = (
    r"\b(?:forever|for good|permanently|for ever|never (?:come|coming) back|never return|once and for all|for the last time|"
    r"no coming back|never be back)\b"
)
# A means of ending one's life, as the broader layer reads it beside an intention (see INTENT).
METHOD_WORD = (
    r"\b(?:pills|tablets|overdose|overdosing|paracetamol|tylenol|acetaminophen|painkillers|antidepressants|sleeping pills|"
    r"codeine|tramadol|morphine|diazepam|zopiclone|amitriptyline|propranolol|citalopram|fluoxetine|quetiapine|co ?codamol|nurofen|advil|panadol|"
    r"bleach|antifreeze|rat poison|weed killer|drain cleaner|noose|ligature|gun|pistol|handgun|bullet|trigger|razor|razor blade|"
    r"blade|blades|wrists?|veins|bleed out|bleeding out|bleed to death|hang myself|hanging myself|drown myself|drowning myself|"
    r"rope|knife|knives|"
    r"the tracks|train tracks|oncoming train|in front of a train|the ledge|lethal|fatal dose|helium|exhaust)\b"
    r"(?! (?:points?|journal|list|proof|train|warning|warnings|sharp|thin|licen[cs]es?|range|club|laws?|control|safety|show|for (?:the|a|my) (?:role|job|position|promotion)|"
    r"on (?:the|this|that|an?) (?:offer|decision|move|deal|job|application|role)|happy|shy))"
)
# Words right before a method word that make it an idiom ("bite the bullet", "a silver bullet").
METHOD_IDIOM_BEFORE = (
    r"(?:bite the|biting the|bit the|dodged a|dodge a|dodging a|dodged the|silver|magic|jump the|jumped the|jumping the|"
    r"end of my|end of the|on the|learn the|learning the|learned the|learnt the|show me the|know the|jump|skipping|tow|"
    r"under the|twist the|twisted the|butter|bread|pen|pocket|palette|steak|kitchen|"
    r"big|top|hired|smoking|hair|occams|bullet|no|sugar|chill|happy|diet|party|sleeping on the|cutting edge|razors) "
)
INTENT = (
    r"\b(?:want|wants|wanted|wanna|going to|gonna|plan|plans|planning|planned|thinking about|thinking of|think about|"
    r"thought about|thoughts of|keep imagining|imagining|imagine|picturing|picture|ready to|decided|about to|tempted|urge|"
    r"researched|researching|looked up|looking up|googled|googling|searched|could just|might just|could easily|so easy|"
    r"tonight|once everyone|when everyone|keep thinking|cant stop thinking|stockpil\w*|collect\w*|stash\w*|hoard\w*|saving up|"
    r"how many|how much|wondering|would take|it takes|enough|took|taken|swallowed|lined up|laid out|counted out|ready|"
    r"keep going back|keep looking at|keep staring at|keep reaching for|keep coming back to|bought|buying|extra|"
    r"so (?:nobody|no one) (?:would|will|could) (?:notice|know|find out)|without (?:anyone|anybody) (?:noticing|knowing)|"
    r"just in case|in case i need|for when i need|for emergencies|"
    r"from (?:two|three|four|five|several|different) (?:shops|pharmacies|chemists|stores))\b"
)
# The broader layer's life words: being alive, existing, waking up, being here. They signal only
# with an aversion before them in the clause ("I don't want to be alive", "why am I still here").
LIFE_WORD = (
    r"\b(?:alive|exist|exists|existing|existence|born|wake up|waking up|woke up|woken up|be here|being here|still here|"
    r"be around|being around|still around)\b"
    r"(?! (?:at|on|for|when|while|early|late|in time|on time|tomorrow|yesterday|tonight at|by|before|after|until|till|"
    r"and well|again|and kicking|to (?:the|that|this|recruiters|them|anyone|linkedin)|with|as long as|yet|then|"
    r"in (?:the|this|that|my|a|an) (?!(?:world|life|body|skin)\b)[a-z]+|in \d+)\b)"
)
SELF_SUBJECT = r"\b(?:i|im|id|ive|ill|me|myself)\b"
AVERSION = (
    r"\b(?:dont|do not|doesnt|didnt|never|no longer|not|wont|cant|cannot|hate|hating|tired of|sick of|exhausted|dread\w*|"
    r"rather not|shouldnt|should not|why|pointless|no point|no reason|stop|stopped|done with|regret|sorry|mistake|burden|"
    r"wrong|wish i (?:wasnt|werent|hadnt|didnt|never)|anymore|any more|no more|hard to|struggle to|sucks|torture|unbearable)\b"
)
# Going and not coming back ("…drive to the coast and not come back").
NOT_COMING_BACK = (
    r"\b(?:and|to|then) (?:just )?(?:not|never) (?:come|coming|get|getting|go|going) (?:back|home)\b"
    r"(?! (?:to|here|there|for|until|till|from|on|after)\b)"
)
JOKING = r"\b(?:lol|lmao|lmfao|rofl|haha\w*|jk|joking|kidding)\b"
# Being somewhere online is not being in the world ("I want to not exist on LinkedIn for a month").
ONLINE = r"\b(?:on|off|from) (?:linkedin|social media|the internet|twitter|instagram|facebook|tiktok|the grid|slack|teams|zoom)\b"


# -- the general constructions: a subject, a wish or a welcome, an end ------------------------
# Wishing or welcoming, as a cue in the sentence or the clause ("I'd be glad", "part of me hopes").
DESIRE = (
    r"\b(?:want|wants|wanted|wanna|wana|wish|wishing|wished|would like|id like|would love|id love|hope|hoping|hoped|"
    r"pray|praying|prayed|long|longing|dream|dreaming|daydream\w*|fantasi[sz]\w*|rather|need|needed|would give anything)\b"
)
WELCOME = (
    DESIRE[:-3]
    + r"|wouldnt mind|would not mind|wouldnt care|would not care|wouldnt fight|would not fight|wouldnt be (?:upset|sad|sorry)|"
    r"relief|relieved|glad|gladly|happy|happily|okay with|ok with|fine with|fine by me|welcome|so be it|bring it on|"
    r"not the worst|wouldnt be the worst|part of me|secretly|let it happen|wouldnt try to stop|wouldnt run)\b"
)
# Something from outside that would end one's life: a crash, a bus, one's heart giving out.
ENDING_EVENT = (
    r"\b(?:(?:hit|run over|knocked down|knocked over|mowed down|struck|taken out|wiped out|flattened) by (?:a |the |an )?"
    r"(?:bus|car|lorry|truck|train|van|tram|drunk driver|meteor|asteroid|lightning)|"
    r"(?:a |the )?(?:bus|car|lorry|truck|train|van|tram) (?:hit|hits|ran over|runs over|took out|takes out|would hit|hitting|flattened) me|"
    r"run over|knocked down|(?:a |the )?car crash|(?:a |an )?(?:fatal|freak|bad|serious|deadly) (?:accident|crash)|"
    r"(?:a )?heart attack|(?:a )?stroke|(?:my )?heart (?:just )?(?:stopped|stops|would stop|gave out|gives out|would give out)|"
    r"(?:the )?cancer (?:came back|comes back|spread|got me|took me)|(?:the )?(?:plane|flight) (?:went|goes|going|would go) down|"
    r"(?:the )?plane crashed|something (?:bad )?(?:happened|happens|would happen|were to happen) to me|"
    r"(?:took|takes|take|would take) me out)\b"
)
ENDING_EVENT_IDIOM_BEFORE = r"(?:nearly|almost|practically|near|give me|gave me|giving me|gives me|will give me|gonna give me)(?: a| an)? "
# Sleep or closed eyes made permanent ("I want to fall asleep forever", "shut my eyes and never wake").
SLEEP_WORD = r"\b(?:sleep|sleeping|asleep|close my eyes|closing my eyes|shut my eyes|shutting my eyes|drift off|drifting off|go under)\b"
PERMANENT = (
    r"\b(?:forever|for good|permanently|for ever|eternal\w*|never (?:wake|waking|woke|open|opening|get up|getting up|come back|"
    r"coming back)|not (?:have to )?(?:wake|open (?:them|my eyes)|get up)|(?:them|my eyes) (?:ever )?again|and thats it|"
    r"and thats the end|and not come back|and never come back)\b"
)
NOT_NOW = (
    r"\bafter (?:that|the|this|a|my) (?:interview|assessment|shift|week|day|call|onsite|marathon|exam|trip|flight|party|run)\b|"
    r"\bthis weekend\b|\bon (?:saturday|sunday|my day off)\b|\buntil (?:noon|midday|lunch|monday)\b|\bon (?:the|a) (?:plane|train|sofa)\b"
)
# Wanting not to be: to be nothing, erased, no more ("I want to cease to be", "I just want to not be").
NONBEING = (
    r"\b(?:cease to be|unexist|never (?:have )?existed|have never existed|never (?:have )?been born)\b"
    r"|\b(?:be|become) (?:nothing|no more)(?= *(?:$|[.!?,;:]| "
    + ANYMORE
    + r"| at all| forever| again| for good)\b)"
    r"|\bnot be(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| at all| alive| anywhere)\b)"
    r"|\b(?:be|get) (?:erased|deleted|wiped out|wiped off|wiped away|removed|unmade)"
    r"(?= *(?:$|[.!?,;:]| "
    + ANYMORE
    + r"| forever| for good| permanently| completely| from (?:existence|the (?:world|earth|planet|face|universe)|"
    r"this (?:world|earth|planet|life)|everyones (?:lives|memory|memories)|history))\b)"
)
# The world going on without one ("everyone would get on fine without me in the world").
WITHOUT_ME = r"\bwithout me (?:in (?:the|this) world|on (?:this|the) (?:earth|planet)|alive|existing|in (?:their|your|his|her|the) li(?:fe|ves))\b"
OTHERS_FINE = (
    r"\b(?:fine|better|happier|free|freer|easier|lighter|relieved|relief|get on|cope|move on|manage|not miss|wont miss|"
    r"wouldnt miss|carry on|be ok|be okay)\b"
)


def alt(*parts: str) -> str:
    """One pattern that matches any of `parts`."""
    return "|".join(f"(?:{part})" for part in parts)


def phrase(
    tier: Tier,
    topic: str,
    pattern: str,
    negatable: bool = False,
    not_after: str = "",
    with_all: tuple[str, ...] = (),
    not_with: str = "",
    broad: bool = False,
    with_before: tuple[str, ...] = (),
) -> Phrase:
    return Phrase(tier, topic, pattern, negatable, not_after, with_all, not_with, broad, with_before)


PHRASES = (
    # == explicit ================================================================================
    # -- suicide, named ---------------------------------------------------------------------------
    phrase(
        EXPLICIT,
        "suicide",
        # suicide, suicidal, and the usual misspellings: sucide, suiside, suicidle, su1c1de
        r"\bsu[i1!]?(?:c|s|ss)[i1!]d(?:e|es|ed|al|ally|ality|le|el)?\b"
        r"(?! (?:prevention|awareness|hotline|helpline|crisis line|research|squad|mission|doors?|run|drills?|"
        r"charity|charities|first aid|training|rates?|statistics|bomber))",
        negatable=True,
        not_after=r"(?:career|professional|political|social|commercial|financial|reputational|corporate|brand|electoral) ",
    ),
    phrase(EXPLICIT, "suicide", r"\bsewer ?slid(?:e|ing)\b|\bself[ -]?delet(?:e|ing)\b", negatable=True),
    phrase(EXPLICIT, "suicide", r"\bunaliv(?:e|es|ing|ed)\b", negatable=True),
    phrase(
        EXPLICIT,
        "suicide",
        r"\b(?:kill|kil|kills|killing|killin|killed|murder|murdering|off|offing|end|ends|ending|ended) "
        + ME
        + r"\b"
        r"(?! (?:over|trying|working|for (?:this|that|a|the|my|these|those)|with (?:work|this|that|these|those|the|all|my|long|late)|"
        r"to (?:get|finish|meet|make|keep|prepare|impress|land|hit|be)|laughing|studying|at (?:work|the gym)|"
        r"on (?:this|that|these|those|the|my)|every (?:day|night|week)|here))",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"(?<!\d)(?<!\d )\bk[my]s\b(?! (?:away|from|to|of|per|an?|drive|commute|north|south|east|west|each))",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"\b(?:end|ends|ending|ended|take|takes|taking|took|taken) (?:my|her|his|their|your|our) (?:own )?(?:life|lfe|lyfe|lives)\b"
        r"(?! (?:back|in (?:a|another|a new) direction|into (?:my|her|his|their|our) own hands|seriously|"
        r"one day at a time|as it comes))",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        alt(
            r"\b(?:end|ends|ending|ended|put an end to) (?:it|things|everything) (?:all|for good|tonight|forever|once and for all)\b",
            r"\b(?:end|ending) it today\b",
            r"\b(?:end|ending|put an end to) (?:it|things|everything|it all)" + END,
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"\b" + WANT + r" (?:to )?" + ADV + r"(?:die|d1e|b dead|be dead|not be alive)\b"
        r"(?! (?:of|from) (?:embarrassment|shame|boredom|laughter|laughing|cringe|curiosity|happiness|"
        r"old age|natural causes|excitement|envy|jealousy|anticipation|suspense)| on (?:this|that|a|the) hill"
        r"| (?:in|at) (?:peace|old age|\d+)| (?:my|her|his|the) hair| laughing| than)",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"\b(?:dont|do not|dnt|doesnt|does not|didnt|no longer|never|idw|not sure (?:if |whether |that )?"
        + WHO
        + r"|"
        r"dont know (?:if|whether) " + WHO + r"|dont think " + WHO + r"|idk if " + WHO + r") "
        r"(?:even |really |actually )?(?:want|wanna|wana|wnat|feel like|care) (?:to )?" + LIVE + r"\b"
        r"(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| without| now| another| much longer| either| but| anyway|"
        r" in this (?:world|body|life)| at all))",
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"\bwant to (?:live|be alive) " + ANYMORE + r"\b",
    ),
    phrase(
        EXPLICIT,
        "suicide",
        alt(
            r"\b"
            + WHO
            + r" (?:should|shud|ought to|might as well|may as well|need to|needs to) (?:just )?(?:go )?"
            r"(?:die|be dead|kill "
            + ME
            + r"|end it|end it all|end my life)\b(?! (?:of|from|trying|laughing|on (?:this|that|a) hill))",
            r"\bonly (?:way out|option|answer|solution|escape|choice|thing left) (?:left )?(?:for me )?(?:is|would be|seems|feels like|i see is) "
            r"(?:to )?(?:die|death|dying|suicide|ending it|end it|end it all|killing myself|kill myself|not being here|not to be here|"
            r"(?:just )?not (?:be here|be alive|be around|exist|wake up)|(?:just )?stop existing)\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        alt(
            r"\b(?:no|not (?:a|one|any)|nothing|zero) (?:good )?(?:reason|point|reasons) (?:left )?(?:to|in|for) "
            r"(?:live|living|stay alive|staying alive|being alive|be alive|keep living|go on living)\b",
            r"\b(?:isnt|is not|aint|not|never|no longer) (?:really |even )?worth (?:living|staying alive|being alive)\b",
            r"\b(?:life|living|existing|being alive) (?:is|isnt|is not|s|feels|seems) (?:not |no longer )?(?:really )?"
            r"(?:worth it|worth living)\b(?! (?:without|if|when))",
            r"\bwhy (?:should|would|do|does|must) "
            + WHO
            + r" (?:even |still |bother (?:to )?)?(?:"
            + LIVE
            + r"|bother living)\b",
            r"\bwhy (?:even |bother )?(?:live|living)" + END,
            r"\b(?:cant|cannot|can not|cnt|couldnt|could not) (?:go on|keep|carry on|continue) living\b",
            r"\b(?:dont|do not|cant|cannot|can not|no longer|never) (?:really |even )?see (?:the|any|a) (?:point|reason|purpose) "
            r"(?:in|of|to|for) (?:live|living|being alive|staying alive|going on living|keep living)\b",
            r"\b(?:dont|do not|doesnt|does not) (?:even )?deserve to (?:live|be alive)\b",
        ),
    ),
    # -- self-harm --------------------------------------------------------------------------------
    phrase(
        EXPLICIT,
        "self_harm",
        r"\b(?:hurt|hurts|hurting|hurted|harm|harms|harming|harmed|cut|cuts|cutting|burn|burns|burning|burned|burnt|"
        r"starve|starves|starving|starved|injure|injures|injuring|injured|poison|poisoning|poisoned) "
        + ME
        + r"\b"
        r"(?! (?:out|off|short|some slack|a break|slack|free|loose|down|up|in the foot|"
        r"on (?:the|a) (?:coffee|kettle|stove|oven|pan|iron|printer|paper)|at (?:the )?gym|playing|running|lifting|"
        r"skiing|exercising|by accident|accidentally|shaving|cooking|with (?:work|overtime|expectations|coffee|caffeine|junk)|"
        r"(?:in|during) (?:the|that|this|my) (?:interview|call|meeting|negotiation)|"
        r"by (?:not|rambling|talking|saying|asking|being|applying|overthinking|overpreparing|comparing)))",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "self_harm",
        r"\b(?:do|doing|did|done) (?:something|anything) (?:stupid |bad |drastic |dangerous |permanent |terrible )?to "
        + ME
        + r"\b",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "self_harm",
        r"\bself[ -]?(?:harm|harms|harming|harmed|injur\w*|mutilat\w*|hurt)\b"
        r"(?! (?:prevention|awareness|training|research|policy|first aid|charity))",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "self_harm",
        alt(
            r"\bi(?:ve| have| am|m| was)? (?:been |started |start |keep |kept |began |begun )?(?:cutting|burning|scratching) "
            r"(?:again|every night|every day|more|lately|a lot)\b",
            r"\brelaps(?:e|es|ed|ing) (?:and (?:cut|burned|burnt|hurt (?:myself|me))|on (?:self harm|sh|cutting)|"
            r"into (?:cutting|self harm)|with (?:self harm|cutting|sh))\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "self_harm",
        r"\b(?:slit|slits|slitting|cut|cuts|cutting|slash|slashing|slashed) (?:my|her|his|their|your) "
        r"(?:wrists?|throat|veins|arms|thighs|legs)\b",
        negatable=True,
    ),
    # -- a method ---------------------------------------------------------------------------------
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\boverdos(?:e|es|ed|ing)\b(?! on (?:coffee|caffeine|espresso|energy drinks?|sugar|carbs|chocolate|"
            r"netflix|tv|linkedin|cover letters?|podcasts?|motivation\w*|tea|interview prep|self[ -]?help|advice|content|news))",
            r"\b(?:to|gonna|might|could|should|will|wanna) od\b(?! (?:on (?:coffee|caffeine|sugar)|consult\w*|team|role))",
            r"\bod(?:d|ed|ing)? on (?:my |some |the |a bunch of |all (?:my|the|of my) )?(?:sleeping )?"
            r"(?:pills|meds|medication|tablets|painkillers|paracetamol|tylenol|insulin|heroin|fentanyl|drugs)\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:take|takes|taking|took|swallow|swallows|swallowing|swallowed|down|downing|downed|eat|ate) "
            r"(?:all|a handful of|handfuls of|a bunch of|a lot of|too many|lots of|loads of|every one of|enough|"
            r"the rest of|all of|the (?:whole |entire )?(?:bottle|box|pack|packet|stash) of) "
            r"(?:my |the |those |these |her |his )?(?:sleeping |pain )?"
            r"(?:pills|tablets|meds|medication|painkillers|paracetamol|tylenol|antidepressants|insulin)\b",
            r"\b(?:stockpil\w*|saving|saved|save|hoarding|hoarded|stashing|stashed) (?:up )?(?:all )?(?:my |the |some )?"
            r"(?:sleeping |pain )?(?:pills|tablets|meds|medication|painkillers|paracetamol)\b",
            r"\benough (?:sleeping )?(?:pills|tablets|meds|painkillers|paracetamol) to\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        r"\b(?:jump|jumps|jumping|jumped|leap|leaping|leapt|throw "
        + ME
        + r"|throwing "
        + ME
        + r"|threw "
        + ME
        + r"|"
        r"step|stepping|stepped) (?:off|from) (?:a |the |that |this |my |an |some )?(?:tall |high )?"
        r"(?:bridge|building|roof|rooftop|balcony|cliff|ledge|tower|overpass|window|car park|parking garage|multi ?storey)\b",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:jump|jumps|jumping|jumped|throw "
            + ME
            + r"|throwing "
            + ME
            + r"|threw "
            + ME
            + r"|lie|lying|lay|"
            r"step|stepping|stepped|walk|walking|walked) (?:in front of|under|onto|on to) (?:a |the |an |some )?"
            r"(?:next |oncoming |first |passing |speeding |express |fast |moving )?"
            r"(?:train|bus|truck|lorry|car|tram|subway|tube|tracks|railway|oncoming traffic|traffic)\b",
            r"\b(?:jump|jumping|jumped|throw "
            + ME
            + r"|throwing "
            + ME
            + r"|threw "
            + ME
            + r"|step|stepping|stepped|"
            r"walk|walking|walked) into (?:the )?(?:oncoming )?traffic\b",
            r"\b(?:walk|walking|walked) into the (?:sea|ocean|river|lake)\b(?! (?:for|to|with|on))",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:hang|hangs|hanging|hanged|hung|drown|drowns|drowning|drowned|shoot|shoots|shooting|shot|stab|stabbing|"
            r"stabbed|gas|gassing|electrocute|electrocuting|suffocate|suffocating|strangle|strangling) "
            + ME
            + r"\b"
            r"(?! (?:in the (?:foot|feet)|up|out|in (?:work|applications|coffee|tea|wine|emails|tasks|projects|prep|netflix|"
            r"books|job boards|cover letters)|with (?:work|applications|coffee|tasks|questions)|an? (?:email|reminder|note|message|text|dm)))",
            r"\bnoose\b",
            r"\bblow (?:my|her|his|their) brains out\b",
            r"\b(?:tie|tied|tying|buy|bought|got|get) (?:a |the )?(?:rope|noose) (?:to|for|around)\b",
            r"\b(?:drive|driving|drove|driven|crash|crashing|crashed|steer|steering|swerve|swerving) "
            r"(?:my car |the car |my self |myself )?(?:off (?:a|the) (?:bridge|cliff|road|pier)|"
            r"into (?:a |the )?(?:wall|tree|river|oncoming traffic|truck|lorry|pillar)|on purpose)\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:looking at|looked at|staring at|stared at|standing on|stood on|standing at|stood at|going to|went to) "
            r"(?:the|a|that) (?:bridge|ledge|train tracks|tracks|edge of (?:the|a) (?:roof|bridge|platform|cliff|building))\b"
            r"(?! (?:design|plan|photo|picture|slide|project|model|drawing|for (?:the|a|my) (?:photo|picture|view)))",
            r"\b(?:i have|ive got|i got|i bought|ive bought|got|have|keeping|keep|kept|hid|hidden) (?:the|a|some|my|enough) "
            r"(?:pills|rope|gun|razor|blade|blades|tablets|noose) (?:ready|in my (?:drawer|bag|room|car|pocket|cupboard)|hidden|saved|stashed|"
            r"for (?:it|later|when|tonight|the end))\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\bhow (?:many|much) (?:of (?:my |the |her |his |mums |moms |dads )?)?(?:[a-z]+ )?(?:sleeping |heart |blood pressure |pain )?"
            r"(?:pills|tablets|paracetamol|painkillers|tylenol|insulin|meds|medication)"
            r"(?: \w+){0,2} (?:it takes|it would take|would it take|does it take|would kill|to die|to kill|is lethal|to overdose|to od)\b",
            r"\blethal dose\b",
            r"\b(?:im|i am|i will|ill|gonna|going to|want to|wanna) (?:going to |gonna |just )?jump" + END,
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        r"\b(?:ways|way|how|methods?|quickest way|easiest way|best way|painless way) to "
        r"(?:die|kill " + ME + r"|end (?:my life|it all)|od|overdose)\b"
        r"(?! on (?:a|the|this|that) hill| (?:of|from) (?:embarrassment|shame|boredom|laughter)| better| right)"
        r"|\bpainless (?:way|ways|method|methods|death)(?: to (?:go|do it|end it))?\b",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"\b(?:thought|thoughts|idea|thinking|think|thinks|dream|dreaming|fantasi[sz]e|fantasi[sz]ing|obsessing) (?:of|about) "
        r"(?:just )?(?:ending it|ending things|ending it all|ending everything|ending my life)\b",
        negatable=True,
    ),
    # -- a method: medication, a high place, a car, a rope or a gun (second round) ----------------
    phrase(
        EXPLICIT,
        "method",
        alt(
            # taking all of it: "take every pill in the cabinet", "swallow everything in the medicine cabinet"
            r"\b"
            + TAKE
            + r" "
            + QUANTITY
            + r" (?:(?:single )?"
            + MEDS
            + r"(?: (?:in|from|out of) "
            + CABINET
            + r")?"
            r"|(?:in|from|out of) " + CABINET + r")\b",
            # preparing: stockpiling, hoarding, saving up medication
            r"\b(?:stockpil(?:e|es|ed|ing)|hoard(?:s|ed|ing)?|stash(?:es|ed|ing)?|squirrel(?:s|ed|ing|led|ling)? away|stock(?:ing|ed)? up on|sav(?:e|es|ed|ing) up|"
            r"sav(?:e|ed|ing)|put(?:ting)? aside|set(?:ting)? aside|keep(?:ing)? back|kept back|build(?:ing)? up) "
            r"(?:up )?(?:all |some |a few |enough |more )?(?:of )?(?:my |the |her |his |their |mums |moms |dads )?"
            + MEDS
            + r"\b",
            r"\bod(?:d|ed|ing)? on (?:my |her |his |the )?" + MEDS + r"\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        # a high place, in a sentence that also speaks of jumping, falling or the drop
        HIGH_PLACE,
        negatable=True,
        not_after=r"(?:burn|burning|burned|burnt|cross|crossing|crossed|mend|build|building|bridge|on the|at the cutting|"
        r"competitive|an|the leading|bleeding|rough around the) ",
        with_all=(FALL,),
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:looked up|look up|looking up|googled|googling|google|searched(?: for)?|searching(?: for)?|researched|researching) "
            r"(?:the )?(?:tallest|highest) (?:building|buildings|bridge|bridges|car park|parking garage|tower|cliff|cliffs|rooftop|roof|"
            r"point|place)s?\b",
            r"\b(?:if|whether|how) (?:it|that|this|the (?:bridge|building|roof|drop|car park|ledge|balcony|fall|cliff|tower|floor)) "
            r"(?:was|is|would be|d be|were) (?:high|tall) enough\b",
            r"\b(?:think|thinking|thought|thoughts|dream|dreaming|urge|urges|tempted|temptation) (?:about|of|to) (?:just )?jump(?:ing)?"
            r"(?= *(?:$|[.!?,;:]| off| from| in front| again| tonight| today| to my death))",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            # a car with the engine running, shut in
            r"\b(?:run|running|ran|leave|leaving|left|start|starting|started|sit|sitting|sat) (?:my |the )?(?:car|engine|motor)"
            r"(?: running)? in (?:the|my|a) (?:garage|shed)\b",
            r"\b(?:in|inside) (?:the|my|a) (?:garage|car) with the (?:engine|car|motor) running\b",
            r"\bgarage with the doors? (?:shut|closed|down)\b",
            r"\b(?:hose|pipe|tube) (?:from|to|into|on|onto|in) the exhaust\b",
            r"\bcarbon monoxide\b(?! (?:detector|alarm|alarms|detectors|sensor|check))",
            # a rope or a gun, bought or to hand
            r"\b(?:bought|buy|buying|ordered|order|ordering|got|get|getting|have|found|tied|tying|tie|hid|hidden) (?:a|the|some) "
            r"(?:rope|noose)\b(?! (?:course|bridge|swing|ladder|light|lights|access|climb|for (?:the|my) (?:move|boxes|tent|boat|van)))",
        ),
        negatable=True,
        not_after=r"(?:jump|skipping|skip) ",
    ),
    phrase(
        EXPLICIT,
        "method",
        r"\b(?:the|a|my|dads|moms|mums|his|her|our|their) (?:gun|pistol|handgun|revolver|firearm|shotgun|rifle)\b"
        r"(?! (?:range|show|control|laws?|safety|license|licence|club|violence|for (?:the|a) (?:role|job|position|promotion)))",
        negatable=True,
        not_after=r"(?:jump|jumped|jumping|jumps|under|stick to|sticking to|smoking|hired|top|big|nail|glue|spray|water|staple|"
        r"heat|squirt|toy|nerf|starting|start) (?:the |a |my |dads |his |her )?",
        with_all=(SELF,),
    ),
    # -- self-harm (second round): urges, the body, bleeding, shorthand -------------------------
    phrase(
        EXPLICIT,
        "self_harm",
        alt(
            r"\b(?:want|wants|wanting|wanted|urge|urges|need|needing|itching|craving|tempted|temptation|"
            r"thinking about|think about|thought about|dreaming of|dream about) (?:to )?(?:just )?"
            r"(?:cut|cutting|burn|burning|bleed|bleeding|self harm|self harming|sh|scratch|scratching)"
            r"(?= *(?:$|[.!?,;:]| again| tonight| so bad| so badly| really bad| deeper| more))",
            r"\b(?:cut|cuts|cutting|slit|slitting|slash|slashing|slashed|scratch|scratches|scratching|scratched|carve|carving|carved|"
            r"slice|slicing|sliced|burn|burns|burning|burned|burnt|stab|stabbing|stabbed|scrape|scraping|scraped|pick|picking|picked) "
            r"(?:into |at )?(?:my|her|his|their|your) (?:own )?" + BODY + r"\b"
            r"(?! (?:on (?:the|a) (?:oven|stove|kettle|pan|iron|door|desk|table|corner|printer|paper|grill|barbecue|bbq)|"
            r"while (?:cooking|shaving|gardening|baking)|by accident|accidentally|cooking|shaving|in the (?:kitchen|sun|garden)|"
            r"on (?:a|some) (?:glass|paper|nail|thorn)|hair))",
            r"\buntil (?:it|they|i|the skin|my skin) (?:bleed|bleeds|bled|bleeding|started bleeding|bruise|bruises|bruised)\b",
            r"\bsh (?:relapse|relapsed|free|urges?|scars?|again)\b",
            r"\b(?:clean|free) (?:from|of) (?:sh|self harm|cutting|burning)\b",
            r"\b(?:my|her|his|fresh|old|new) (?:sh|cutting|self harm) (?:scars|cuts|wounds|marks)\b",
        ),
        negatable=True,
    ),
    # -- suicide, named (second round): shorthand, attempts, done living ------------------------
    phrase(
        EXPLICIT,
        "suicide",
        alt(
            r"\bctb\b",  # "catch the bus", forum shorthand for suicide
            r"\b(?:i|she|he|they|we)(?: have| had|ve|d)? attempted (?:suicide|once|twice|before|again|last year|"
            r"(?:back )?in (?:\d+|january|february|march|april|may|june|july|august|september|october|november|december))\b",
            r"\b(?:previous|past|prior|earlier|suicide) attempts?\b(?! (?:at|to|on|in (?:the|a))\b)",
            r"\b(?:since|after|before) my (?:previous |prior |past )?attempt\b(?! (?:at|to|on)\b)",
            r"\b(?:im|i am|i m|ill be|i will be|i think im|am|im just|so|totally|completely|officially) "
            r"(?:so |just |completely |totally |officially |really )?done (?:with )?living\b"
            r"(?! (?:out of|in|at|abroad|here|there|near|with (?:my|your|his|her|the)|like (?:a|an|the)|paycheck|pay ?check|off|on|for)\b)",
        ),
        negatable=True,
    ),
    # -- a plan or a goodbye ----------------------------------------------------------------------
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:goodbye|good bye|farewell|suicide) (?:note|notes|letter|letters|video|videos)\b"
            r"(?! (?:to|for) (?:my |the |our |all )?(?:team|colleagues|coworkers|co ?workers|manager|boss|clients|"
            r"office|company|department|students|class|customers|staff|job|former|old))",
            r"\b(?:said|say|saying) my (?:final |last )?goodbyes\b(?! (?:to|at) (?:the |my |our )?(?:team|colleagues|"
            r"coworkers|co ?workers|office|company|job|manager|boss|former|old|work))",
            r"\b(?:my|a|this is my) (?:final|last) goodbye\b(?! (?:to|at) (?:the |my |our )?(?:team|colleagues|coworkers|"
            r"co ?workers|office|company|job|manager|boss|former|old|work|dream))",
            r"\b(?:wrote|written|writing|write|left|leaving) (?:a )?(?:letters?|notes?) (?:to|for) "
            + FAMILY
            + r" "
            r"(?:to say goodbye|saying goodbye|in case|for after|explaining why)\b",
            r"\b(?:writing|wrote|written|write|finished|sorted|sorting) (?:out )?(?:my )?(?:will|letters|notes|goodbyes) (?:and|,) "
            r"(?:my )?(?:letters|notes|goodbyes|will)\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        r"\bgiv(?:e|es|ing|en) away (?:all )?(?:of )?my (?:things|stuff|belongings|possessions|pets?|cat|dog|books|clothes)\b"
        r"(?! (?:before (?:i|we) move|to (?:charity|goodwill)|because (?:i|we) (?:am|are|m|re) moving))",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        r"\b(?:wont|will not|not going to|might not|may not|wont even) be (?:here|around|alive) "
        r"(?:much longer|for (?:much )?long(?:er)?|by (?:tomorrow|morning|the weekend|next week)|"
        + ANYMORE
        + r")\b"
        r"(?! (?:after|once|when|from|at|because|as of|come|starting|next|to (?:help|see|answer)))",
    ),
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:thought|thinking|think|planned|planning|know|knew|worked out|figured out|decided) (?:about |of |on )?"
            r"(?:exactly )?(?:how|when|where) (?:i|id|ill) (?:would |could |will |am going to |m going to |going to )?do it\b"
            r"(?! (?:differently|better|again|next time|over|if|instead|right|well|in))",
            r"\b(?:i have|ive got|ive made|i made|i have made|i got|made|making|have) a plan (?:to|for) "
            r"(?:end|ending|kill|killing|die|dying|suicide)\b",
        ),
        negatable=True,
    ),
    # -- a plan or a goodbye (second round): a chosen day, a deferred "do it", notes for after ---
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:tonight (?:is|s|will be)|tonights) (?:the|my) night\b"
            r"(?! (?:(?:i|we) (?:hear|find out|get|submit|send|apply|celebrate|start|meet|interview|sign|finish)|of (?:the|my)|for))",
            r"\b(?:picked|chosen|chose|set|decided on|settled on|pick|choose|choosing|picking) (?:a|the) (?:date|day|night)"
            r"(?= *(?:$|[.!?;:]| for (?:it|doing it|my death|ending it|the end)| to (?:do it|end it|die|go through with it)))",
            # "I'll do it after the interview tomorrow. At least I'll have tried one more time."
            r"\b(?:ill|i will|im going to|i am going to|im gonna|gonna) do it (?:after|before|when|once) [^.!?]{0,60}"
            r"[.!?,;] (?:at least|then|and then|that way)\b[^.!?]{0,40}\b(?:tried|one (?:more|last) time|for the last time|no more|"
            r"over|gone|free|at peace)\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:if|when|by the time) (?:youre|you are|you re|ur|u r|you|u) (?:reading|read|find|see) this(?: note| letter| message)? ?,? "
            r"(?:i|im|i am|ill|i will|ill be|i will be|i have|ive|i m) (?:be )?(?:already )?(?:gone|dead|not here|not alive|no longer "
            r"(?:here|alive|around|with you)|be gone|died|passed)\b",
            r"\b(?:without|before) (?:her|him|them|anyone|anybody|my (?:family|mum|mom|dad|partner|parents|wife|husband|kids|sister|brother|flatmate|roommate|friend|friends)|they|she|he) (?:knowing|realising|realizing|knew|know) "
            r"(?:that )?(?:it was|this was|it would be|this would be|it is|this is) (?:goodbye|the last time|our last|my last|a goodbye)\b",
            r"\b(?:for|when|before|after|once) (?:they|someone|somebody|you|people|the police|my (?:family|mum|mom|dad|partner|parents|wife|husband|kids|sister|brother|flatmate|roommate|friend|friends)|he|she) "
            r"(?:find|finds|found|will find|come to find) (?:me|my body)\b(?! (?:on|online|through|via|at|in the (?:office|system)))",
            r"\b(?:letter|letters|note|notes|message|messages|video) (?:explaining|to explain|that explains|saying|telling (?:them|her|him|"
            r"everyone|you)) why (?:i|im) (?:did it|did this|had to do it|couldnt go on|cant go on|did what i did|chose this|"
            r"am doing (?:it|this)|m doing (?:it|this))\b",
        ),
        not_after=r"(?:cover|covering|motivation|motivational|resignation|thank you|thankyou|thanks) ",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        # letters to the people one loves, in a sentence that says what they are for
        r"\b(?:wrote|written|writing|write|left|leaving|leave|finished|finishing) (?:a |my |some )?(?:letters?|notes?) "
        r"(?:to|for) " + LOVED + r"\b",
        with_all=(
            r"\b(?:goodbye|good bye|in case|for after|explaining|explain|on my (?:desk|bed|pillow)|to find|find me|for when|sorry|"
            r"forgive|blame|to read after|to open|when im gone|after im gone|last words)\b",
        ),
        negatable=True,
    ),
    # == indirect ================================================================================
    # -- wishing to be dead -----------------------------------------------------------------------
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\bwish(?:es|ed|ing)? (?:that )?"
            + WHO
            + r"(?:(?: was| were| ?d be| could be| would be| had been| ?d been| wasnt| werent|"
            r" could just be) (?:just )?(?:dead|gone|never born|not alive|not born|not here|not around)|"
            r"(?: wasnt| werent| was not| were not) (?:just )?(?:here|around|alive|born|in this world))\b"
            r"(?! (?:certain|sure|serious|set|right|wrong|tired|last|centre|center|even|on|straight|ahead|broke|honest|quiet|silent)\b)",
            r"\bwish(?:es|ed|ing)? (?:that )?"
            + WHO
            + r"(?:d| had| would| would have|d have)? never (?:have )?(?:been born|existed|woken up|woke up)\b",
            r"\bwish(?:es|ed|ing)? (?:to die|to be dead|for death|"
            + WHO
            + r" (?:could|would) (?:just )?(?:die|drop dead))\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\bbetter off dead\b",
            r"\b(?:rather|sooner) (?:just )?(?:be|b) dead\b",
            r"\b(?:would|id|i would|d|had) (?:much )?rather (?:just )?die\b(?! (?:than|before|of|on|at|in|doing|instead|if)\b)",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\b(?:hope|hopes|hoping|pray|prays|praying|prayed|wish|wishes|wishing|wished) (?:that )?(?:i |to )"
            r"(?:(?:would|could|will|might|just|d) )*"
            r"(?:die|dont make it|get hit by|got hit by|drop dead|die in my sleep|wont make it|not make it|never wake)\b",
            r"\bpray(?:ing)? for death\b",
            r"\b(?:not|no longer|never) (?:even )?(?:scared|afraid|frightened|worried) (?:of|to|about) (?:die|dying|death)\b"
            r"(?! (?:on|of) (?:this|that|a) (?:hill|idea))",
            r"\b(?:picture|picturing|pictured|imagine|imagining|imagined|planning|planned|plan|thinking about|think about|dream about) "
            r"my (?:own )?funeral\b",
            r"\bhope (?:this|the|my) (?:plane|train|bus|car|flight) (?:crashes|crash|goes down|derails|hits something)\b",
            r"\b(?:wish|wishes|wishing|wished|hope|hoping|pray|praying) (?:that )?(?:a|the|some) (?:car|bus|truck|lorry|train|plane|meteor|"
            r"asteroid|bullet|stray bullet) (?:would |will |could |might )?(?:hit|hits|kill|kills|run me over|runs me over|take) me\b",
            r"\bif i (?:got|get|was|were|gets|died|die|didnt wake up|never woke up|dropped dead)\b[^.!?\n]{0,60}?"
            r"\b(?:wouldnt|would not|dont|do not|wont) (?:even |really )?(?:mind|care|be (?:the worst thing|so bad|that bad|a bad thing|"
            r"a tragedy|a loss))\b",
            r"\b(?:welcome|welcoming|long for|longing for|yearn for) death\b",
        ),
        not_after=r"cross my heart and ",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\b(?:wouldnt|would not|woudnt) (?:mind|care if " + WHO + r") (?:if " + WHO + r" )?"
            r"(?:dying|died|die|didnt wake up|never woke up|got hit by|wasnt here|was gone|were gone|just stopped)\b"
            r"(?! (?:my|her|his|the|it|your) (?:hair|shirt|clothes))",
            r"\b(?:(?:dont|do not|didnt|doesnt) care|idc) (?:if|whether|when) " + WHO + r" "
            r"(?:live|die|died|dies|wake up|make it|survive|get hit|drop dead)\b",
        ),
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        r"\b(?:death|dying|being dead) (?:would be|will be|sounds|seems|feels like|looks like|is starting to (?:sound|look|feel)) "
        r"(?:like )?(?:a |so |kind of |such a |the )?(?:relief|nice|peaceful|easier|better|good|welcome|rest|escape|answer|"
        r"only way|only option|way out)\b",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\b" + WHO + r" (?:shouldnt|should not|dont deserve to|do not deserve to|doesnt deserve to) "
            r"(?:even )?(?:be alive|exist|have been born|be breathing)\b",
            r"\b(?:thought|thoughts|thinking|think|thinks|dream|dreaming|fantasi[sz]e|fantasi[sz]ing|obsessing) (?:of|about) "
            r"(?:just )?(?:dying|being dead|not being here|not existing|not waking up|my own death|death)\b"
            r"(?! (?:of|in|at|on) (?:a|the|my|this|that) (?:career|role|job|company|industry|project|deal|idea))",
        ),
        negatable=True,
    ),
    # -- not waking up ----------------------------------------------------------------------------
    phrase(
        INDIRECT,
        "not_wake",
        alt(
            r"\b(?:dont|do not|doesnt|does not|didnt|never|no longer|dnt) (?:even )?(?:want|wants|wanna|wana) (?:to )?wake up\b"
            r"(?! (?:early|at|for|before|so early|this early|to (?:an?|the|another) (?:email|inbox|rejection)))",
            r"\b(?:hope|hopes|hoping|wish|wishes|wishing|pray|praying|prayed) (?:that )?" + WHO + r" "
            r"(?:dont|do not|wont|will not|never|wouldnt|didnt|doesnt) wake up\b(?! (?:early|late|in time|on time|before))",
            r"\b(?:go to sleep|goes to sleep|fall asleep|falls asleep|sleep|sleeping|drift off) and (?:never|not|dont|do not|just not) "
            r"(?:have to |ever |need to )?wake up\b",
            r"\bwish (?:i|to) (?:could |would )?(?:just )?(?:not|never) wake up\b",
            r"\b(?:want|wanna|wish "
            + WHO
            + r" could|wish to|id like|just want) (?:to )?(?:just )?(?:go to |fall )?(?:sleep|asleep) forever\b",
            r"\bnever (?:to )?wake up again\b",
            r"\bnot (?:to )?wak(?:e|ing) up (?:again|tomorrow|ever|" + ANYMORE + r")\b",
            r"\bnot waking up\b(?! (?:in time|on time|early|for|to|before|at))",
        ),
    ),
    # -- wanting to disappear, not to exist -------------------------------------------------------
    phrase(
        INDIRECT,
        "disappear",
        r"\b(?:want|wants|wanted|wanting|wanna|wana|wnat|wish "
        + WHO
        + r" could|wish "
        + WHO
        + r" can|wish to|would like|"
        r"id like|need|needed|long|longing) (?:to )?(?:just )?" + DISAPPEAR + r"\b"
        r"(?! (?:for (?:a |the |an )?(?:few |couple of )?(?:week|weeks|weekend|day|days|month|bit|while|couple|hours?|evening|night)|"
        r"to (?:a|the|some) (?:beach|cabin|island|mountains|countryside|cottage)|"
        r"into (?:a|the|my) (?:book|film|movie|game|show|weekend|garden|work|hobby|hobbies)|"
        r"from (?:linkedin|social media|the internet|twitter|instagram|facebook|the job market|the group chat)|"
        r"from (?:that|the|this|a|an|every|any) (?!(?:world|earth|planet|face|universe|lives|life|existence)\b)[a-z]+|"
        r"(?:off|on) (?:linkedin|social media|the grid|the internet|twitter|instagram|facebook)|under (?:a|the) (?:duvet|blanket|covers|table|desk|floor|ground|rock|stone|sofa|bed)))",
        negatable=True,  # "I don't want to disappear or anything"
    ),
    phrase(
        INDIRECT,
        "disappear",
        r"\b(?:want|wants|wanted|wanting|wanna|wana|wnat|wish "
        + WHO
        + r" could|wish to|would like|id like|need|long|longing) "
        r"(?:to )?(?:just )?(?:not exist|stop existing|cease to exist|no longer exist|stop breathing|not be alive|not be here any ?more|"
        r"not be here)\b(?! (?:at|in|on|for (?:the|this|that) (?:interview|meeting|call|event)))"
        r"|\b(?:i|me) (?:just |should |could |would )?(?:stopped|stop|cease|ceased) (?:existing|to exist)\b"
        r"|\b(?:want|wanna|wish i could|just want|need) (?:to )?(?:just )?be gone(?: forever| for good)?"
        + END,
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "disappear",
        alt(
            r"\b(?:dont|do not|doesnt|dnt|no longer) (?:want|wanna|wana) (?:to )?(?:exist|be here|b here|be around)\b"
            r"(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| at all| now| either| but| in this (?:world|life|body)))",
            r"\bwish(?:es|ed|ing)? "
            + WHO
            + r" (?:didnt|did not|never|could just not|could not) exist(?:ed)?\b",
        ),
    ),
    phrase(
        INDIRECT,
        "disappear",
        alt(
            r"\b(?:notice|care|matter|miss me|mind) (?:if|when) "
            + WHO
            + r" (?:just )?(?:"
            + DISAPPEAR
            + r"|disappeared|"
            r"vanished|died|die|was gone|were gone|m gone|am gone|didnt exist|wasnt here|werent here|wasnt around|"
            r"werent around|stopped existing)\b",
            r"\b(?:no ?one|no ?1|nobody|noone|not a single person|not one person) (?:cares|would care|will care|care|cared|would even care) "
            r"(?:if|whether|when) (?:i|me) (?:live|die|died|exist|was gone|were gone|disappeared|made it|lived)\b",
            r"\b(?:no ?one|no ?1|nobody|no body|not a single person|not one person) (?:at all )?(?:would|will|d|is going to|would even|will even) "
            r"(?:(?:even|really|actually|honestly|at all) )*(?:miss me|(?:notice|realise|realize|know) (?:(?:if|that|when) )?i (?:was|were|m) gone|"
            r"notice (?:if|when) i (?:die|died))\b",
        ),
        # not negatable: its negation is the signal ("nobody would notice", "wouldn't mind")
    ),
    # -- wanting it all to stop -------------------------------------------------------------------
    phrase(
        INDIRECT,
        "stop",
        alt(
            r"\b(?:want|wants|wanted|wanting|wanna|need|needed|wish|wishing|just want|pray for|praying for|beg|begging|long for) "
            r"(?:for )?(?:it all|everything|all of (?:it|this)|the pain|this pain|life|it|the hurt|the thoughts|these thoughts|"
            r"my thoughts|the noise in my head|my life|existence|this) (?:to )?(?:just )?(?:all )?(?:stop|end|be over|go away forever)\b"
            r"(?! (?:for (?:a|the) (?:minute|moment|day|weekend|bit|while)|soon so i can|so i can (?:sleep|focus|rest)))",
            r"\bmake (?:it|everything|the pain|this|it all|all of (?:it|this)|life) (?:all )?(?:just )?(?:stop|end|go away)"
            + END,
            r"\bwish (?:it|everything|life|it all) (?:would|could) (?:all )?(?:just )?(?:stop|end|be over)\b",
            r"\b(?:want|wanna|need|wish) (?:this|it all|everything|my life|life) (?:to )?(?:be )?over (?:with )?(?:for good|forever|already)"
            + END,
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "stop",
        r"\bi (?:just |really )?want out\b"
        r"(?= *(?:$|[.!?,;:]| of (?:this life|life|everything|it all|existence|this world)" + END + r"))",
        negatable=True,
    ),
    # -- being a burden ---------------------------------------------------------------------------
    phrase(
        INDIRECT,
        "burden",
        r"\b(?:im|i am|i m|i feel|feel|feels|feeling|felt|being|just|am|always|become|became|becoming|ive become|"
        r"i have become|i was|i will be|ill be|id be|seeing myself as|see myself as|im just|nothing but) "
        r"(?:like |such |nothing but |only |more of )?(?:a |an )?(?:huge |big |total |massive |constant |heavy |useless |"
        r"complete |real )?(?:burden|drain|waste of space|waste of oxygen|waste of air|waste of a life|waste of life)\b"
        r"(?! (?:of proof|(?:on|to) (?:the )?(?:budget|system|payroll|headcount|process|project)))",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "burden",
        alt(
            r"\b(?:im|i am|i m|i feel like im|feel like im|feel like i am) (?:just |only )?(?:taking up|wasting) (?:space|oxygen|air|room)\b",
            r"\b(?:space|room|air|oxygen|a place|a spot) (?:that )?(?:someone|somebody) (?:else |better )?(?:deserves|could use|should have)\b",
            r"\b(?:doing|do|did) (?:everyone|everybody|them|the world|my family|us all) a fav(?:o|ou)r (?:by|if i) "
            r"(?:disappearing|dying|leaving this world|not being here|going away|being gone|disappeared|died|was gone|wasnt here)\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "burden",
        r"\bburden (?:to|on|for) " + FAMILY + r"\b",
        not_after=r"(?:financial|tax|admin|administrative|cost|money|debt|economic|extra|caring|care|childcare|mortgage|rent|fees?) ",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "burden",
        alt(
            r"\bbetter (?:off )?without me\b(?! (?:on|in) (?:the|their|this|that) (?:team|project|role|company|interview|panel|meeting|call))",
            r"\b(?:im|i am|id be|i would be|i d be|wed all be|everyone would be|everyone d be) (?:probably |honestly |just )?"
            r"better off (?:not existing|not here|not alive|gone|not being here|never born|not being born|dead)\b",
            r"\b(?:fine|ok|okay|alright|all right|better|better off|happier|easier|simpler|relieved|lighter|at peace) "
            r"(?:for (?:everyone|everybody|them|my family|all of them) )?(?:" + IF_GONE + r")\b",
            r"\b(?:would|will|d|be) (?:all |honestly |really |probably )?(?:be )?(?:so much |much |a lot |far )?"
            r"(?:fine|ok|okay|alright|happier|better|better off|easier|relieved|free|freer|lighter|simpler|calmer|nicer|quieter) without me\b"
            r"(?! (?:on|in|at|for|while|during|this|next|when|until)\b(?! (?:it|their lives|the world|the picture)\b))",
            r"\b(?:keep|keeps|go on|goes on|carry on|carries on) (?:spinning|turning|going) (?:just fine )?without me\b",
            r"\b(?:easier|simpler|better) (?:for (?:everyone|everybody|them|my family) )?(?:to|if i) (?:just )?"
            r"(?:not be here|not exist|not be around|disappear|die|be gone|not wake up|went away forever)\b",
            r"\b(?:happier|easier|better off|lighter|better|free|freer|fine|relieved) (?:for (?:everyone|everybody|them|my family|all of them) )?"
            r"if (?:i|me) (?:was|were|wasnt|werent) (?:not )?(?:here|around|gone|alive|dead|never born|in it)\b",
            r"\b(?:happier|easier|better off|better) (?:for (?:everyone|everybody|them|my family) )?"
            r"if (?:i|me) (?:disappeared|died|didnt exist|was gone|were gone|just vanished|never existed)\b",
            r"\b(?:everyone|everybody|they|my family|the world|people) (?:would|will|d) (?:all |honestly |just |really )?"
            r"be (?:so much |much |a lot |far )?(?:happier|better) (?:if i (?:was|were) gone|without me)\b",
        ),
        negatable=True,
    ),
    # -- no way out -------------------------------------------------------------------------------
    phrase(
        INDIRECT,
        "no_way_out",
        alt(
            r"\b(?:no|only|any|other) way out\b(?! (?:of (?:the |my |this |that |a |an )?"
            + JOB
            + r"\b|is (?:through|to)|"
            r"(?:for|from) (?:the )?(?:company|team|them)))",
            r"\b(?:need|want|find|looking for|give me|is there|see|cant see|cannot see|dont see) a way out\b(?= *(?:$|[.!?,;:]| of (?:this|it all|everything|my life|life|here)"
            + END
            + r"))",
            r"\b(?:theres|there is|i see|i can see|see|with|i have|ive got) no (?:escape|exit|way forward|way through)\b"
            r"(?= *(?:$|[.!?,;:]| for me| from (?:this|it|my life|life|the pain|myself|my own head|my head)| left| "
            + ANYMORE
            + r"))",
            r"\b(?:trapped|stuck) (?:with no|without (?:a|any)) (?:way out|escape|exit|way forward)\b",
            r"\b(?:cant|cannot|can not) (?:escape|get away from) (?:my life|this life|myself|my own head|my head|the pain|"
            r"these thoughts|this feeling|it all)\b",
        ),
        negatable=True,
    ),
    # -- no future, no point ----------------------------------------------------------------------
    phrase(
        INDIRECT,
        "no_future",
        alt(
            r"\b(?:i have|ive got|ive|theres|there is|i see|i can see|i got|im left with|left with|we have) "
            r"(?:absolutely |literally |really )?no future\b"
            r"(?! (?:role|roles|openings?|vacanc\w+|positions?|opportunit\w+|plans?|projects?|work|business|hires?|hiring|"
            r"in (?:this|that|the|my|a|tech|sales|marketing|finance|design)\b|with (?:them|this|that|the|their)|at (?:this|that|the|their)))",
            r"\bno future (?:for me|ahead|left|"
            + ANYMORE
            + r"|at all)\b(?! (?:at|in|with|on) (?:this|that|the|their))",
            r"\b(?:cant|cannot|can not|dont|do not|no longer|never|cnt) (?:see|imagine|picture|envision|envisage) "
            r"(?:a|any|my|myself having a|me having a|my own) future\b"
            r"(?! (?:in|at|with|where|as|doing|working|for (?:me |myself )?(?:in|at|with|as)) )",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        alt(
            r"\bnothing (?:left )?(?:for me )?(?:to live for|to look forward to|to hope for)\b",
            r"\bno reasons? (?:left )?to (?:go on|keep going|get up|wake up|carry on|keep trying|be here|stay|exist|try)\b"
            r"(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| in the morning| at all| for me))",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        r"\b(?:my life|life|my future|everything) (?:is|s|feels|seems|has become|looks) (?:basically |pretty much |completely |"
        r"totally |just |so |utterly |entirely )?(?:over|pointless|meaningless|hopeless|a waste|not worth anything)\b"
        r"(?! (?:if|until|unless|when|because i))",
        not_after=r"(?:social|love|dating|sex|work|professional|personal|night|family|working|student) ",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        r"\bhopeless(?:ness)?\b(?!ly| (?:at|with|romantic|case|when it comes|"
        r"about (?:the|my|this) (?:salary|negotiation|commute|interview questions|small talk|maths|math|coding|spreadsheets)))",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        r"\b(?:whats|what is|wats|whts|wheres|where is) (?:even |really |honestly |actually |literally )?the point\b"
        r"(?= *(?:$|[.!?,;:]| "
        + ANYMORE
        + r"| of (?:any of (?:this|it)|anything|it all|all (?:of )?this|life|living|"
        r"being alive|going on|me(?= *(?:$|[.!?,;:]| (?:(?:even|still|just|really) )?(?:existing|being here|being alive|living|being born|trying to live|waking up|carrying on|going on|here|alive|around|anymore|any more|at all)\b))|existing|even trying|trying "
        + ANYMORE
        + r"|waking up|getting up|being here|carrying on|"
        r"me being here)\b| in (?:anything|living|life|going on|any of (?:this|it)|trying "
        + ANYMORE
        + r"|waking up|"
        r"getting up|me(?= *(?:$|[.!?,;:]| (?:(?:even|still|just|really) )?(?:existing|being here|being alive|living|being born|trying to live|waking up|carrying on|going on|here|alive|around|anymore|any more|at all)\b))|being here|carrying on)\b| even| honestly| really))",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        r"\b(?:theres|there is|i see|see|there s) no (?:point|purpose|meaning)"
        r"(?: (?:"
        + ANYMORE
        + r"|in (?:anything|living|life|going on|trying "
        + ANYMORE
        + r"|any of (?:this|it)|me|being here|"
        r"existing|waking up|getting up|carrying on)|to (?:anything|any of (?:this|it)|life|living|me|going on|being alive|"
        r"existing|my life)|of (?:me|my life|living|life|existing))\b|" + END + r")",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        alt(
            r"\bnothing (?:really |even |i do )?matters " + ANYMORE + r"\b",
            r"\bno light at the end of (?:the|this|my) tunnel\b",
            r"\b(?:running out of|run out of|ran out of|no more|out of|cant find|cannot find|can not find|dont have|struggling to find|"
            r"cant think of|cannot think of) (?:a |any |one )?(?:reason|reasons|point) to (?:stay|live|keep going|go on|carry on|be here|"
            r"stay alive|keep living|exist|get up)\b(?! (?:at|in|with|here at|on (?:the|this|that) (?:team|project|call)))",
            r"\b(?:dont|do not|cant|cannot|can not|never) (?:really )?(?:see|picture|imagine) (?:myself|me) "
            r"(?:making it|being (?:here|alive|around)|surviving|living|lasting|still being here|alive|still alive|still here|around) "
            r"(?:to|till|until|past|through|another|much longer|for much longer|in (?:a|one|two|three|five|ten|\d+) (?:year|years|month|months))(?: (?:next (?:year|month|week|summer|spring|christmas)|"
            r"christmas|my (?:next )?birthday|the end of the (?:year|month|week)|the weekend|tomorrow|another (?:year|month|week|day)|"
            r"\d+|thirty|forty|fifty|the new year|next))?\b(?! (?:round|stage|interview|final|shortlist|offer))",
            r"\b(?:cant|cannot|can not|dont|do not|never) (?:see|imagine|picture) (?:things|it|life|anything|my life) (?:ever )?"
            r"(?:getting|going to get|get|being) (?:any )?better\b(?! (?:in|at|with|for|before|until|this|soon)\b)",
            r"\b(?:it|things|life|my life) (?:will never|is never going to|wont ever|will not ever|are never going to|never) "
            r"(?:ever )?get(?:s|ting)? (?:any )?better\b(?! (?:in|at|with|for|before|until|this|soon)\b)",
            r"\b(?:my life|life|living|existence|my existence|everything) (?:has|holds|had) (?:absolutely )?no (?:meaning|point|purpose|value)\b",
            r"\b(?:dont|do not|cant|cannot|can not|no longer) (?:really |even )?see (?:the|any|a) (?:point|reason|purpose) "
            r"(?:in|of|to) (?:anything|any of (?:this|it)|life|going on|trying "
            + ANYMORE
            + r"|getting up|waking up|carrying on|"
            r"being here|existing|me)\b",
            r"\b(?:no|lost all|losing all|ive lost all|i have no|ive no|im out of|out of) hope(?: left)?\b"
            r"(?= *(?:$|[.!?,;:]| for (?:me|myself|the future|anything|my life)| in (?:life|anything|myself|the future|living)|"
            r" left| " + ANYMORE + r"| at all))",
            r"\bwhy am i (?:even |still )+(?:alive|here|breathing)" + END,
        ),
        negatable=True,
    ),
    # -- tired of existing ------------------------------------------------------------------------
    phrase(
        INDIRECT,
        "tired",
        r"\b(?:tired|sick|exhausted|weary|done|finished|fed up|worn out|worn down)(?: [.,!]+)? (?:of|with|by) (?:existing|exsisting|living|life|being alive|"
        r"being me|being myself|it all|everything|all of (?:it|this)|trying to stay alive|waking up|breathing|being here|"
        r"this life|my life|fighting|my existence|existence|the world|this world|being a person|being human|"
        r"pretending (?:to be|im) (?:ok|okay|fine))\b"
        r"(?! (?:in|at|with|as|on|here|about|for|and|abroad|alone|paycheck|pay ?check|out of|off|under|this|that|the|these|those|"
        r"they|he|she|it|my|your|their|admin|advice|insurance|coach|coaching|coaches|skills|story|stories|lessons|hacks|"
        r"updates|choices|goals|balance|tips|hack)\b)",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "tired",
        alt(
            r"\blife (?:is|s|feels|has become|has gotten|seems) (?:just |so |way |far |simply |honestly )*"
            r"(?:too (?:hard|much|heavy|painful|exhausting)|unbearable|a nightmare|torture|impossible)(?: for me)?"
            r"(?: (?:to (?:bear|handle|live)|" + ANYMORE + r"|right now|lately|these days))?" + END,
            r"\b(?:give|gives|giving|gave|given) up on (?:life|living|everything|myself|it all|the world|existing|being alive)\b"
            r"(?! (?:in|at|as|here|for (?:now|today)))",
            r"\bhate (?:being alive|existing|living|my existence|being me|being born|that i exist|that im alive|that im still alive|"
            r"waking up (?:every|each) (?:day|morning))\b(?! (?:in|at|with|here|like this|on|off|out|for|under|alone|abroad)\b)",
            r"\b(?:had enough|had it) (?:of|with) (?:life|living|existing|being alive|everything|it all|this life|my life)\b"
            r"(?! (?:in|at|with|as|on|for|this|that|the|about|admin|advice)\b)",
        ),
        negatable=True,
    ),
    # -- can't go on ------------------------------------------------------------------------------
    phrase(
        INDIRECT,
        "cant_go_on",
        alt(
            r"\b(?:cant|cannot|can not|cnt|couldnt|could not|unable to|dont think i can|dont know if i can|not sure i can) "
            r"(?:do|handle|take|bear|stand|cope with|deal with|face|manage|live with|carry|survive|endure|keep doing) "
            r"(?:this|it|any of (?:this|it)|life|myself|everything|the pain|it all|this life|being me|one more day) "
            r"(?:" + ANYMORE + r"|much longer|for much longer|another day|for another day|like this)\b",
            r"\b(?:cant|cannot|can not|cnt|couldnt|could not|unable to|dont know how to|dont think i can|dont know if i can|"
            r"not sure i can|dont see how i can|how (?:do|can) i) "
            r"(?:go on|keep going|carry on|keep on going|keep doing this|keep living|cope|keep it together|hold on|hang on|"
            r"survive this|get through this|get through another day|face another day|live like this|exist like this|go on like this)\b"
            r"(?= *(?:$|[.!?,;:]| "
            + ANYMORE
            + r"| like this| much longer| for much longer| with (?:life|this life|everything)|"
            r" living| another day| without| at all| after (?:all )?(?:this|that)))",
            r"\b(?:cant|cannot|can not) (?:live|exist|go on|keep going|keep living) like this\b",
            r"\b(?:dont|do not) (?:want|wanna) (?:to )?(?:live|go on|keep living|exist|keep going) like this\b",
            r"\b(?:dont|do not|doesnt) (?:want|wanna) (?:to )?do (?:life|this life|living|existing)\b|\b(?:cant|cannot|can not) do "
            r"(?:life|this life|living|existing)\b",
            r"\b(?:dont know|not sure|no idea|idk|dunno) how (?:much )?(?:longer|long) (?:i can|i can keep|i will be able to) "
            r"(?:do this|keep (?:going|doing this)|go on|take (?:this|it)|hold on|keep it together|last|survive|cope)"
            r"(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| like this| for| honestly| tbh| to be honest))",
            r"\b(?:dont|do not) want to (?:come up for air|come up|resurface|surface)" + END,
        ),
    ),
    # -- passive ideation (second round) --------------------------------------------------------
    phrase(
        INDIRECT,
        "not_wake",
        alt(
            # "I hope I just don't wake up", "I wish I hadn't woken up", "I'd love to just not wake up"
            r"\b(?:hope|hopes|hoping|hoped|wish|wishes|wishing|wished|pray|praying|prayed) (?:that )?"
            + WHO
            + r" (?:(?:just|simply|would|could|d) )*"
            r"(?:dont|do not|wont|will not|never|wouldnt|didnt|doesnt|hadnt|had not|hadnt have|not|never had) "
            r"(?:have )?(?:wake|wakes|woke|woken|waken) up\b(?! (?:early|late|in time|on time|before|to (?:the|an?) (?:alarm|email)))",
            r"\b(?:want|wanna|wish|wishing|would love|id love|i would love|would like|id like|rather|prefer|need) (?:i could |to |that i could )?"
            r"(?:just )?(?:not|never) (?:wake|waking|to wake) up\b(?! (?:early|late|in time|on time|before|at|for (?:the|an?|my) (?:interview|call|alarm)))",
            r"\bwhy (?:do |should |would |must )?(?:i|we) (?:even |still )?bother (?:waking up|getting up|living|existing|breathing|being alive|staying alive)\b"
            r"(?! (?:early|for|at|to)\b)",
            r"\b(?:sleep|asleep|drift off|drifting off|close my eyes|go to sleep|fall asleep) (?:and|to) (?:just )?never (?:come|coming) back\b",
            r"\b(?:sleep|asleep) (?:and )?for (?:ever|good)\b(?! (?:after|when|once|at))",
        ),
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\b" + WHO + r" (?:shouldnt|should not) (?:even )?be (?:here|around|alive)" + END,
            r"\b(?:not|never) (?:meant|supposed|made) to (?:be alive|be born|have been born|exist|live)\b",
            r"\b(?:not|never) (?:meant|supposed) to be here(?= *(?:$|[.!?,;:]| at all| "
            + ANYMORE
            + r"| in this world))",
            r"\b(?:envy|envied|jealous of|jealous that) (?:people|those|anyone|everyone|the ones|the people|others) "
            r"(?:who|that) (?:died|are dead|get to die|passed|dont have to wake up|got to die|never woke up)\b",
            r"\bdeath (?:wish|sounds good|sounds nice|looks good|would be nice)\b",
            r"\b(?:more use|more useful|worth more|of more use|better) (?:to " + LOVED + r" )?dead\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        # "if I got hit by a car…", beside a wish or a relief in the same sentence
        r"\bif (?:i|me) (?:got|get|was|were|gets) (?:hit|run over|knocked down|taken out) by (?:a|the|some) "
        r"(?:car|bus|truck|lorry|train|tram|van)\b",
        with_all=(
            r"\b(?:at least|wouldnt|would not|wouldnt mind|relief|honestly|finally|peace|free|dont care|no more|not have to|"
            r"never have to|good thing|be nice|be fine|be okay|be ok|hope|wish)\b",
        ),
        not_with=r"\b(?:who (?:would|will|d)|the team|my team|the project|the code|handover|hand over|bus factor|cover for me|"
        r"take over|know how|documentation)\b",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "disappear",
        alt(
            r"\b(?:feel|feels|feeling|felt) like (?:im|i am|i m) (?:slowly )?(?:disappearing|vanishing|fading away|fading out|evaporating)\b"
            r"(?! (?:from|off|into|to)\b)",
            r"\b(?:feel|feels|feeling|felt) like a ghost\b(?= *[.!?,;:]+ *(?:might|may|i might|i may) as well be one\b)",
            r"\b(?:(?:the world|everyone|everybody|my family|people|they|this world) (?:doesnt|does not|dont|do not|wont|will not|"
            r"wouldnt|would not)|nobody|no ?one|noone) (?:even |really )?(?:need|needs|want|wants) me\b"
            r"(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| around| here| in it| at all| alive))",
            r"\b(?:i|we) (?:dont|do not) (?:even )?(?:matter|count)(?: to (?:anyone|anybody|the world|my family))?(?: either)?"
            + END,
            r"\bnothing (?:even )?does" + END,
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "stop",
        alt(
            r"\bwish(?:ing)? (?:i|we) (?:could|would) (?:just )?stop(?: (?:everything|it all|existing|breathing|being))?"
            + END,
            r"\b(?:want|wish|need) (?:everything|it all|the world|all of it|it) to (?:just )?(?:go dark|go black|go quiet|fade out|fade away)\b",
            r"\b(?:want|wants|wish|need) it all to (?:just )?end\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "burden",
        alt(
            r"\b" + LOVED + r" (?:deserves?|deserved) (?:so much |much |far |a lot |way )?better than me\b",
            r"\b"
            + LOVED
            + r" (?:would|will|d|could) (?:[a-z]+ ){0,4}(?:be|get|do) (?:so much |much |far |a lot |way )?"
            r"(?:better off|happier|fine|relieved|freer)" + END,
            r"\b(?:get|gets|got|would get|collect|claim) (?:the|my) (?:life )?insurance (?:money|payout|pay ?out)\b",
            r"\b(?:better off|be fine|be okay|be ok|be set|be sorted) with (?:my|the) (?:life )?insurance\b",
            r"\b(?:just |only |nothing but )?a (?:problem|nuisance|pain|headache|disappointment|letdown|let down|burden|weight|drag) "
            r"(?:for|to|on) " + LOVED + r"\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        alt(
            r"\b(?:theres|there is|there s|i have|ive got|ive|i got|with) nothing (?:left|more) (?:for me|to live for)"
            r"(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| here| in this (?:world|life)| at all| now))",
            r"\bnothing (?:left )?for me here" + END,
            r"\bno future" + END,
            r"\bno reason (?:for me )?to (?:stay|be here|stick around|keep going|go on|live|exist)" + END,
            r"\b(?:dont think|do not think|doubt|not sure|dont know if|no idea if|idk if) (?:that )?(?:i|ill|id|i will|i would)"
            r"(?: still)? (?:be|still be) (?:here|around|alive) (?:when|by the time|to see|much longer|for much longer|"
            r"next (?:year|month|week)|by then|" + ANYMORE + r")\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "cant_go_on",
        alt(
            r"\b(?:cant|cannot|can not|couldnt|could not|unable to) (?:bear|take|face|stand|survive|endure|handle|do|live|get through) "
            r"(?:another|one more) (?:day|night|week)(?: of (?:this|it|living|life|existing|being me|this life|feeling like this))?"
            + END,
            r"\b(?:cant|cannot|can not) (?:keep )?(?:pretending|pretend) (?:to be|that im|im|i am|that i am) (?:ok|okay|fine|alright|happy)"
            r"(?! (?:with|about|at|in)\b)",
        ),
    ),
    # -- second round, canonical vocabulary: poison, ligatures, bleeding out, the way out ---------
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:drink|drinking|drank|swallow|swallowing|swallowed|take|taking|took|down|downing) (?:some |the |a bottle of |a cup of )?"
            r"(?:bleach|antifreeze|rat poison|weed killer|drain cleaner|pesticide)\b",
            r"\b(?:put|putting|tie|tied|tying|wrap|wrapped|wrapping|pull|pulled|tighten|tightened|tightening) (?:a|the|my) "
            r"(?:rope|belt|cord|cable|scarf|ligature|tie|wire) (?:around|round) (?:my|her|his|their) neck\b",
            r"\b(?:eat|eating|ate) a bullet\b|\b(?:a )?bullet (?:in|through) (?:my|her|his|the) (?:head|brain|skull|mouth)\b",
            r"\b(?:how long|how much blood|how deep) (?:it takes|does it take|would it take|to cut)? ?(?:to )?(?:bleed out|bleed to death)\b"
            r"|\bbleed(?:ing)? (?:out|to death)\b",
            r"\b(?:walk|walking|walked|wade|wading|waded) (?:out )?into (?:the|a) (?:river|sea|ocean|lake|canal|water)\b"
            r"(?= *(?:$|[.!?,;:]| tonight| and (?:not|never)| until| for good| forever))",
            r"\b(?:stepping|step|stepped|lie|lying|lay|lie down) (?:onto|on to|on|in front of) (?:the )?(?:tracks|railway|rail line)\b",
            r"\b(?:lethal|fatal|deadly) (?:amounts?|doses?|quantit(?:y|ies)|combination) (?:of )?\b",
            r"\b(?:chosen|chose|picked|decided on|found) (?:the|a|my) (?:bridge|spot|place|method|way|building|rope|day)"
            r"(?= *(?:$|[.!?;:]| to do it| for it| where i| to end it))",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:found|find|finding|see|seen|chosen|picked|have|got) (?:my|the|a) (?:only )?(?:final |last )?way out"
            r"(?= *(?:$|[.!?;:]| and (?:im|i am) (?:at peace|ready|calm)| for good))",
            r"\b(?:suicide|dying|death|ending it|ending my life|killing myself|not being here) (?:is|s|would be|seems|feels like|"
            r"looks like) (?:the|my|an|a) (?:only |easy |real |best )?(?:way out|escape|answer|solution|option)\b",
            r"\b(?:put|putting|get|getting|got|sort|sorting|sorted|have|had|getting all) (?:all )?my affairs in order\b"
            r"(?! (?:before (?:the|my|a|we|i) (?:move|moving|trip|surgery|holiday|relocation|wedding)|for (?:the|my|a) (?:move|trip)))",
            r"\b(?:gave|given|giving|give) (?:away )?(?:all )?(?:of )?my (?:things|stuff|belongings|possessions|guitar|books|plants|pets?|"
            r"cat|dog|clothes|savings|money|games|records|art|jewellery|jewelry)(?: and my \w+)? (?:away )?"
            r"(?=[^.!?]{0,40}\b(?:wont need|will not need|dont need (?:them|it) (?:where|any ?more)|before i go|for when im gone)\b)",
            r"\bthis is (?:my )?goodbye\b(?! (?:to (?:my |the |our )?(?:old |former )?(?:team|desk|office|colleagues|job|company|manager|boss|"
            r"city|flat|house|apartment|career)))",
            r"\bgoodbye (?:cruel )?world\b|\bgoodbye cruel\b",
            r"\b(?:wont|will not|not going to) be (?:a burden|a problem|your problem|in anyones way|in the way|bothering anyone) "
            r"(?:much longer|for (?:much )?long(?:er)?|" + ANYMORE + r"|after (?:tonight|today|this))\b",
            r"\bnothing (?:is going to|will|can|is gonna) stop me (?:this time|now|tonight)\b",
            r"\b(?:end|ending) it (?:once|when|after|before) (?:everyone|everybody|they|my (?:family|partner|parents|wife|husband)) "
            r"(?:is|are|s|has|have|goes|go) (?:asleep|out|gone|away|to bed)\b"
            r"|\b(?:end|ending) it (?:once|when|after|before) (?:everyones|everybodys) (?:asleep|out|gone|away)\b",
            r"\b(?:know|knew|decided|worked out|figured out|planned|planning) (?:exactly )?(?:how|when|where) and (?:when|where|how)\b"
            r"(?! (?:to|i (?:can|should|will|need to) (?:apply|ask|negotiate|follow up)))",
        ),
        negatable=True,
    ),
    # -- the broader layer, explicit: a means beside an intention and oneself ----------------
    phrase(
        EXPLICIT,
        "method",
        METHOD_WORD,
        negatable=True,
        not_after=METHOD_IDIOM_BEFORE,
        with_all=(SELF, INTENT),
        not_with=JOKING
        + r"|\b(?:pull(?:ed|ing|s)? the trigger on|trigger(?:ed|ing)? (?:me|warnings?)|on the ropes|learn(?:ing|ed)? the ropes|"
        r"know the ropes|show (?:me|you|him|her) the ropes|headache|hangover|vitamins?|allergy|allergies|prescribed|my doctor|"
        r"pharmacy|refill|cleaning|clean the|the bathroom|laundry|knife (?:edge|in (?:the|my) back)|cut the tension|cooking|"
        r"chopping|dinner|recipe)\b",
        broad=True,
    ),
    # -- life as too much: aversion to being alive, waking up, existing --------------------------
    phrase(
        INDIRECT,
        "tired",
        alt(
            r"\b(?:hate|hating|dread|dreading|dreads|resent|cant face|cannot face|cant bear|cannot bear|cant stand|cannot stand|"
            r"rather not|would rather not|id rather not|dont want to|do not want to|dont wanna|no longer want to|tired of|sick of|"
            r"exhausted by|weary of) (?:being |be |even |still |just |keep |keeping )*(?:alive|existing|waking up|woken up|"
            r"breathing|being here|be here|exist|in this world|on this earth)\b"
            r"(?! (?:early|at|for (?:the|an?|my) (?:interview|shift|commute|call|meeting|job)|to go to (?:work|the office)|on (?:camera|zoom|a call)|"
            r"in (?:the|this|that|my) (?!(?:world|body|life|earth|skin)\b)[a-z]+))",
            r"\b(?:being alive|existing|living|waking up|existence|being me|being here|life) (?:is|feels|has become|s|keeps being) "
            r"(?:so |just |too |really |honestly |fucking )*(?:exhausting|too much|pointless|torture|unbearable|a nightmare|meaningless|"
            r"hell|agony|too hard|not worth it|a chore|a burden|painful|miserable)\b"
            r"(?! (?:when|at|in|with|if|during|this|for (?:the|a|my) (?:job|role|interview))\b)",
            r"\b(?:ready|want|wanna|going|time|prepared|wish i could) (?:to )?leave (?:this|the) (?:world|earth|life|planet)\b",
            r"\b(?:im|i am|i m|i feel|feel) (?:just )?(?:not meant|not made|not built) for this (?:world|life|earth)\b",
            r"\bno (?:place|room|space) for (?:me|someone like me) in (?:this|the) (?:world|life)\b",
            r"\b(?:i|we) (?:should|shouldve|should have) never (?:have )?(?:been born|existed)\b",
            r"\b(?:i|we) (?:shouldnt|should not) (?:even )?exist\b",
            r"\b(?:want|wanna|wish i could|need) (?:to )?(?:just )?(?:rest|sleep) forever\b|\beternal (?:sleep|rest)\b",
            r"\bwant out of (?:this|my) (?:life|existence|world)\b",
            r"\b(?:out of|no more|running out of|ran out of) reasons to (?:keep going|go on|live|stay|carry on|keep living|exist)\b"
            r"(?! (?:at|in|with|on|for|here at)\b)",
            r"\b(?:cant|cannot|can not|couldnt) face (?:tomorrow|another day|waking up|the morning|the future|life|living|being alive)"
            r"(?= *(?:$|[.!?]))",
            r"\bbe with (?:my )?(?:late |dead )?(?:grandma|grandmother|grandad|grandfather|nan|gran|granny|grandpa|mum|mom|dad|mother|"
            r"father|brother|sister|son|daughter|husband|wife|partner|friend|best friend|baby) again\b"
            r"(?=[^.!?]{0,40}\b(?:wherever (?:she|he|they) (?:is|are)|in heaven|on the other side|up there|who (?:died|passed)|"
            r"since (?:she|he|they) (?:died|passed)))",
            r"\b(?:im|i am|i m|i feel|feel|feeling) (?:like )?(?:a|such a) (?:weight|drag|dead weight|millstone|anchor) (?:on|around|for|to) "
            + FAMILY
            + r"\b",
            r"\b(?:just )?waiting (?:to die|for (?:death|the end|it to end|it all to end|my time))\b",
            r"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?(?:i|to) (?:get|catch|got) (?:sick|ill|cancer|something)"
            r"(?: and (?:die|dont recover|never recover|dont make it))?\b",
            r"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:wont|will not|dont|do not) make it (?:through|to)\b",
            r"\bwaste of (?:a person|a human|a human being|skin|a life)\b",
            r"\b(?:the world|everyone|nobody|no one|no ?one) has no (?:use|need|place) for me\b",
            r"\bno one (?:would|will) (?:come|turn up|show up|go) to my funeral\b",
        ),
        negatable=True,
    ),
    # -- second round, third batch: more of the same ideas in other words -----------------------
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:standing|stood|sitting|sat|climbed|climbing|up) on (?:the|a|my|our) (?:roof|rooftop|ledge|railing|parapet|edge of the roof)\b"
            r"(?! (?:terrace|garden|bar|deck|of the (?:car|shed))\b)"
            r"(?=[^.!?]{0,60}\b(?:right now|now|tonight|again|looking down|thinking|how high|jump|fall|edge|let go)\b)",
            r"\b(?:knot|rope|beam|hook|rail|branch|belt|cord|banister|rafter|door) (?:that |which )?(?:would|will|could|can|might) "
            r"(?:hold|take|support|bear) my weight\b",
            r"\b(?:practis|practic)(?:e|es|ed|ing) (?:how to )?(?:tie|tying) (?:a )?(?:noose|knot)\b"
            r"(?=[^.!?]{0,40}\b(?:weight|neck|hang|hold|beam|ceiling))",
            r"\b(?:car|garage) with (?:a|the) (?:hose|pipe|tube)\b|\b(?:hose|pipe|tube) and the windows (?:up|shut|closed)\b",
            r"\b(?:pills|tablets|paracetamol|painkillers|meds) (?:all )?(?:lined up|laid out|counted out|set out|ready)\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:dont|do not|dont really|no longer) (?:plan|intend|expect) (?:on|to) (?:be|being|still be|still being) "
            r"(?:alive|here|around) (?:by|for|at|past|after|next|much longer|in)\b",
            r"\bwho (?:gets|will get|should get|can have|should have|is getting|will have) (?:all )?my "
            r"(?:things|stuff|belongings|possessions|money|savings|books|clothes|plants|pets?|cat|dog|car)\b",
            r"\b(?:left|leaving|wrote down|written down|writing down|shared|sent|gave) (?:them |her |him )?(?:all )?my "
            r"(?:passwords|pins|bank details|account details|login details|logins)\b"
            r"(?! (?:for (?:the|my) (?:new )?(?:job|laptop|work|it team)|with (?:it|hr)))",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\b(?:hope|hopes|hoping|hoped|wish|wishing|wished|pray|praying|prayed) (?:that )?(?:something|someone|somebody|it|god|"
            r"the universe|a (?:car|bus|truck|stranger|meteor|lightning strike)) (?:will|would|could|might) (?:just )?(?:kill|take) me\b",
            r"\b(?:hope|hopes|hoping|hoped|wish|wishing|wished|pray|praying|prayed) (?:that )?i (?:get|got|am|was|end up|ended up) "
            r"(?:in|into) (?:a |an )?(?:crash|accident|car crash|wreck)\b",
            r"\b(?:wouldnt|would not|dont|do not) (?:care|mind) if (?:the|a|my|this) (?:plane|train|bus|car|ship|ferry) "
            r"(?:went|goes|crashed|crashes|sank|sinks|went down|goes down|came off)\b",
            r"\b(?:fine|ok|okay|happy|relieved|glad|at peace) if i (?:didnt|dont|wont|never|did not|do not) make it (?:to|through|past)\b",
            r"\b(?:until|till|when) (?:i|ill) (?:dont|wont|no longer|do not|will not) (?:have to|need to) (?:be here|exist|be alive|"
            r"wake up|be around)\b(?! (?:at|in|on|for)\b)",
            r"\b(?:want|wanna|wish i could|need) (?:to )?(?:just )?(?:go to sleep|fall asleep|sleep) (?:for (?:a hundred|a thousand|100|1000) years|"
            r"for years and years|and (?:never|not) (?:wake|come back))\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "stop",
        alt(
            r"\b(?:ready|want|wanna|need|waiting) (?:for )?(?:it|it all|everything|all of (?:it|this)|my life|life) to (?:be over|end|stop)"
            r"(?= *(?:$|[.!?,;:]| already| for good| now))",
            r"\b(?:stop the world|stop this world) and let me off\b|\blet me off (?:this|the) (?:planet|world|ride)\b|"
            r"\b(?:world|planet) to stop and let me off\b|\bget off this (?:planet|ride)\b",
            r"\b(?:relief|easier|nicer|peaceful|better|a mercy) to (?:just )?stop" + END,
            r"\blife is (?:just |only |nothing but |all )?(?:pain|suffering|misery|torture|hell|agony)\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        alt(
            r"\bno (?:version of (?:the|my) |kind of )?future (?:that )?i (?:want|wanna|would want|can (?:see|picture|imagine)|see)\b",
            r"\b(?:point|reason|purpose)(?: [a-z,]+){0,8}? (?:to|in) (?:keep living|go on living|keep on living|stay alive|staying alive|"
            r"being alive|keep existing)\b",
        ),
        negatable=True,
    ),
    # -- second round, fourth batch --------------------------------------------------------------
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:bath|bathtub|tub|shower) with (?:a|the|my) (?:knife|razor|blade|razor blade)\b",
            r"\b(?:hold|holds|holding|held|press|pressing|pressed|put|putting) (?:a |the |my )?(?:knife|razor|blade|razor blade|scissors) "
            r"(?:against|to|on|into) (?:my|her|his) (?:wrists?|throat|arms?|skin|neck|veins|thighs?)\b",
            r"\b(?:jump|jumping|jumped|step|stepping|stepped|throw myself|throwing myself|lie down|lying down) in front of (?:the|a) "
            r"(?:\d+ : \d+|\d+|next one|express|fast one)\b",
            r"\bmake it look like an accident\b",
            r"\b(?:strangle|strangling|strangled|choke|choking|choked) (?:myself|me) with\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        r"\b(?:doing|do) it (?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tonight|tomorrow|this weekend|next week)\b",
        negatable=True,
        with_all=(
            r"\b(?:goodbye|goodbyes|made up my mind|decided|my plan|the plan|my will|the letters|my letters|letters to|"
            r"suicide note|goodbye note|note (?:to|for) (?:my|everyone))\b",
        ),
    ),
    phrase(
        INDIRECT,
        "burden",
        alt(
            r"\b"
            + LOVED
            + r" (?:would|will|d|could) (?:[a-z]+ ){0,4}(?:move on|get over it|be fine|forget me|carry on|cope|manage) "
            r"(?:[a-z]+ ){0,3}(?:" + IF_GONE + r")\b",
            r"\bbetter off without (?:people like me|someone like me|the likes of me|me around|me in it)\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\b(?:hope|hoping|hoped|wish|wishing|pray|praying) (?:that )?(?:the|my|this) (?:cancer|tumou?r|lump|illness|diagnosis|scan|"
            r"test results?|biopsy|scare)(?: scare| test| scan| results?)? (?:is|turns out|comes back|turns out to be|will be|would be) "
            r"(?:real|positive|serious|terminal|"
            r"bad|malignant|cancer)\b",
            r"\b(?:dont|do not) want to be (?:rescued|saved|found|resuscitated|revived)\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "tired",
        r"\b(?:life|living|existing|being alive|existence|my life) (?:feels|is|seems|has become) like (?:a |one )?(?:long )?"
        r"(?:punishment|prison|sentence|prison sentence|nightmare|torture|hell|curse)\b",
        negatable=True,
    ),
    # -- second round, fifth batch ---------------------------------------------------------------
    phrase(
        INDIRECT,
        "wish_dead",
        r"\b(?:its|it s|it is|just) (?:only )?a matter of time" + END,
        negatable=True,
        with_all=(
            r"\b(?:dead|dying|die|gone|end it|do it|kill myself)\b(?!.*\bmatter of time\b.*\b(?:offer|hired|job)\b)",
        ),
    ),
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:drive|driving|drove|driven|steer|steering|swerve|swerving|crash|crashing) (?:the car |my car )?(?:straight |right )?"
            r"(?:into|in|off into) (?:the |a )?(?:reservoir|river|lake|sea|canal|harbour|harbor|quarry|water|ocean)\b",
            r"\b(?:drive|driving|drove) (?:straight|right) (?:in|into it|off)\b"
            r"(?=[^.!?]{0,80}\b(?:reservoir|river|lake|sea|canal|harbour|harbor|quarry|water|ocean|cliff|bridge)\b)"
            r"|\b(?:reservoir|river|lake|sea|canal|harbour|harbor|quarry|cliff)\b(?=[^.!?]{0,60}\bdriv(?:e|ing) (?:straight|right) (?:in|into it|off)\b)",
            r"\b(?:im|i am|i m) (?:at|on) the (?:bridge|ledge|roof|edge|cliff|cliffs|tracks|top floor)(?: now| right now| tonight)"
            + END,
            r"\b(?:note|letter) (?:and )?(?:put|left|hid|hidden|placed|tucked)? ?(?:it )?(?:under|on|by) (?:my|the) (?:pillow|bed|nightstand)\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "self_harm",
        r"\b(?:cut|cuts|cutting|sliced|slashed) (?:myself )?(?:too |so |really |very )?deep(?:er)?\b",
        negatable=True,
        with_all=(
            r"\b(?:stitches|bleed\w*|blood|arm|arms|wrists?|thighs?|legs?|skin|last night|again|myself|enough|hospital|a&e|er)\b",
        ),
        not_with=r"\b(?:budget|costs?|prices?|staff|jobs|headcount|cuts? to|cutbacks?)\b",
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\b(?:off switch|kill switch|off button|reset button) for (?:me|my life|myself)\b",
            r"\b(?:switch|turn|shut) (?:myself|me|my life) (?:off|down) (?:for good|forever|permanently)\b",
            r"\bclose my life\b",
            r"\b(?:go to sleep|fall asleep|sleep|drift off) (?:tonight |forever )?and (?:thats it|thats the end|thats that|its over|"
            r"that would be that|its all over)\b",
            r"\b(?:its|it s|it is|just) (?:only )?a matter of time (?:before|until|till) (?:i|im) (?:die|do it|end it|am gone|give up on life|"
            r"snap and do it)\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "disappear",
        alt(
            r"\b(?:better|easier|simpler) if i (?:just )?(?:stopped|stop|ceased) being" + END,
            r"\b(?:notice|realise|realize|know|care) (?:if|that|when) i (?:was|were|m|am|had) (?:gone|dead|disappeared|not here)\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        alt(
            r"\b(?:dont think|do not think|doubt|not sure|dont know if|idk if) (?:that )?i(?:ll| will| can| could)? make it (?:through|to|past) "
            r"(?:another|the next|this) (?:year|month|week|winter|christmas|day|night)\b",
            r"\b(?:only|just) a way out" + END,
            r"\bend of the road for me(?= *(?:$|[.!?]| ,? in every way| in life| full stop))",
        ),
        negatable=True,
    ),
    # -- second round, sixth batch ---------------------------------------------------------------
    phrase(
        EXPLICIT,
        "plan",
        # "tonight I'm going to finally do it"
        r"\b(?:im|i am|i m|ill|i will) (?:going to |gonna )?(?:finally |actually |really |just )?(?:do it|go through with it)\b"
        r"(?! (?:and (?:apply|send|ask|call)|right|properly|again|better|differently|myself)\b)",
        negatable=True,
        with_all=(
            r"\b(?:tonight|this weekend|this week|made up my mind|decided|no going back|no turning back|its time|this is it|"
            r"nobody will miss me|no one will miss me|goodbye|final|for good|once and for all|the plan|my plan|the means)\b",
        ),
        not_with=JOKING
        + r"|\b(?:"
        + JOB
        + r"|apply|applying|application|applications|interview|cover letter|email|cv|resume|"
        r"portfolio|linkedin|call|negotiat\w*|ask for|feedback|submit|quit|resign\w*|gym|run|diet|haircut|tattoo)\b",
    ),
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:a|the|my) plan and (?:the )?means\b|\bthe means to (?:do it|end it|kill myself|end my life|go through with it)\b",
            r"\bwho to (?:give|leave) (?:all )?my (?:things|stuff|belongings|possessions|money|savings|books|clothes|plants|pets?|cat|dog|car) to\b",
            r"\b(?:wrote|written|writing|write|sent|send|sending) my (?:last|final) (?:messages|words|letters?|texts|goodbyes)\b"
            r"(?! (?:to (?:the |my )?(?:recruiter|manager|boss|team|colleagues|interviewer)))",
            r"\b(?:does it|whether it|if it|would it|will it) hurts? to (?:hang|die|drown|jump|overdose|od|bleed out|cut)\b",
            r"\b(?:which|the) (?:one|train|trains|express) (?:doesnt|does not|dont|do not|wont|will not) stop (?:at|here)\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_future",
        alt(
            r"\b(?:cant|cannot|dont|do not|never) (?:really )?(?:see|picture|imagine) (?:myself|me) (?:getting through|surviving|making it through) "
            r"(?:this|it|the (?:week|night|year))" + END,
            r"\bno reason (?:for me )?to (?:keep |go on |carry on )?(?:trying to )?(?:live|living|stay alive|be alive|exist)\b",
            r"\b(?:pause|stop|end|switch off|turn off) (?:on )?my (?:life|existence)\b(?=[^.!?]{0,30}\b(?:forever|for good|permanently)\b)",
            r"\bhow (?:much )?(?:more|longer) (?:of )?(?:this life|life|living|existing|being alive) (?:i )?(?:can )?(?:take|handle|bear|stand|"
            r"survive|cope with|do)\b",
            r"\bhow (?:much )?(?:more|longer) of this i can (?:take|handle|bear|stand)" + END,
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "burden",
        r"\b(?:if|once|when) (?:im|i am|i m|i was|i were|i) (?:gone|dead|not here|not around|"
        r"out of (?:the picture|the way|their lives|the way) (?:for good|forever|permanently))\b",
        negatable=True,
        with_all=(
            r"\b(?:nobody|no one|noone|everyone|everyones|they|theyd|theyll|theyre|my (?:family|parents|partner|kids|friends|mum|mom|dad))\b[^.!?]{0,40}"
            r"\b(?:have to|need to|deal with|put up with|worry|be better|be fine|be free|relief|relieved|easier|burden|happier|cope|move on)\b",
        ),
    ),
    # == the general constructions (gentle card; broad: held back where a precise phrase spoke) ===
    # Welcoming an end from outside: a crash, a bus, one's heart giving out, beside a wish or welcome
    # and oneself ("if a lorry hit me I wouldn't mind", "I keep hoping I'll get hit by a bus").
    phrase(
        INDIRECT,
        "wish_dead",
        ENDING_EVENT,
        negatable=True,
        not_after=ENDING_EVENT_IDIOM_BEFORE,
        with_all=(SELF, WELCOME),
        not_with=JOKING
        + r"|\b(?:offer|application|interview|role|job|salary|recruiter|deadline|my cv|my resume|laptop|phone)\b",
        broad=True,
    ),
    phrase(
        INDIRECT,
        "wish_dead",
        ENDING_EVENT + r" (?:would|could|might|will) (?:honestly |really |just |almost )?be (?:a |such a )?"
        r"(?:relief|mercy|blessing|welcome|gift|way out|release|kindness)\b",
        negatable=True,
        not_after=ENDING_EVENT_IDIOM_BEFORE,
    ),
    # Sleep or closed eyes made permanent, beside oneself ("just let me sleep permanently").
    phrase(
        INDIRECT,
        "not_wake",
        SLEEP_WORD,
        negatable=True,
        with_all=(SELF, PERMANENT),
        not_with=JOKING + "|" + NOT_NOW,
        broad=True,
    ),
    # Wanting not to be, with oneself and a wish before it in the clause ("I want to cease to be").
    phrase(
        INDIRECT,
        "disappear",
        NONBEING,
        negatable=True,
        with_before=(SELF_SUBJECT, DESIRE),
        not_with=JOKING + "|" + ONLINE,
        broad=True,
    ),
    # Others going on without one in the world ("everyone would get on fine without me in the world").
    phrase(
        INDIRECT,
        "burden",
        WITHOUT_ME,
        negatable=True,
        with_all=(OTHERS_FINE,),
        not_with=JOKING,
        broad=True,
    ),
    # Still being on this earth, with oneself and an aversion before it ("why am I even on this earth").
    phrase(
        INDIRECT,
        "wish_dead",
        r"\b(?:still|even|be|being|stay|staying|remain|remaining|live|living) (?:on|in) this (?:planet|earth|world)\b(?! (?:of|for|at)\b)"
        r"|\bon (?:this )?earth(?= *(?:$|[.!?,;:]| " + ANYMORE + r"| at all| for| now)\b)",
        with_before=(SELF_SUBJECT, AVERSION),
        not_with=JOKING,
        broad=True,
    ),
    # Never seeing another day, gladly ("I'd happily never see another day").
    phrase(
        INDIRECT,
        "wish_dead",
        r"\bnever (?:see|live to see|wake up to|face|have to face|make it to) another (?:day|morning|sunrise|birthday|christmas|year|week)\b"
        r"(?! (?:like|of|at|in|as|with|without|on)\b)",
        negatable=True,
        with_before=(
            SELF_SUBJECT,
            r"\b(?:happily|gladly|rather|want|wanna|wish|hope|pray|fine|glad|ok|okay|love|like|ready)\b",
        ),
        broad=True,
    ),
    # == the broader layer =========================================================================
    phrase(
        INDIRECT,
        "wish_dead",
        LIFE_WORD,
        not_after=DEATH_IDIOM_BEFORE,
        with_before=(SELF_SUBJECT, AVERSION),
        not_with=JOKING + "|" + ONLINE,
        broad=True,
    ),
    phrase(
        EXPLICIT,
        "plan",
        # "the plan is to drive to the coast and not come back"
        NOT_COMING_BACK,
        negatable=True,
        with_all=(r"\b(?:plan|planning|planned|going to|gonna|decided|tonight|ready|this is it|goodbye)\b",),
        not_with=JOKING
        + r"|\b(?:walk(?:ed|ing)? out|quit|quitting|resign\w*|office|company|job|team|this place|that place)\b",
        broad=True,
    ),
    phrase(
        INDIRECT,
        "disappear",
        NOT_COMING_BACK,
        negatable=True,
        with_all=(
            r"\b(?:want|wanna|wish|wishing|hope|hoping|dream|dreaming|would love|id love|long|longing|just)\b",
        ),
        not_with=JOKING
        + r"|\b(?:walk(?:ed|ing)? out|quit|quitting|resign\w*|office|company|job|team|this place|that place)\b",
        broad=True,
    ),
    # Shown when no precise phrase above matched the words: a death or ending word, a word for
    # oneself and a cue of hopelessness, permanence or longing, all in one sentence, with the
    # usual idioms guarded ("dying to hear back", "dead tired", "to die for", "my hopes died").
    # It brings the gentle card only. See core/crisis.py, step 3.
    phrase(
        INDIRECT,
        "death",
        DEATH_WORD,
        negatable=True,
        not_after=DEATH_IDIOM_BEFORE,
        with_all=(SELF, LONGING),
        not_with=JOKING + "|" + ONLINE,
        broad=True,
    ),
    phrase(
        INDIRECT,
        "stop",
        ENDING_WORD,
        negatable=True,
        with_all=(SELF, FOREVER),
        not_with=JOKING
        + r"|\b(?:"
        + JOB
        + r"|recruiters?|linkedin|job boards?|applications?|interviews?|cover letters?|"
        r"this (?:week|month|process|search|hunt)|the news|my phone|my inbox)\b|" + ONLINE,
        broad=True,
    ),
)

LANGUAGE = Language(
    code="en",
    phrases=PHRASES,
    negators=frozenset(
        {"not", "never", "no", "dont", "wont", "wouldnt", "isnt", "arent", "cant", "cannot", "couldnt"}
        | {
            "shouldnt",
            "didnt",
            "doesnt",
            "nor",
            "neither",
            "aint",
            "zero",
            "nobody",
            "havent",
            "hasnt",
            "hadnt",
        }
    ),
    fillers=frozenset(
        {"i", "im", "id", "ive", "ill", "am", "was", "is", "be", "been", "being", "would", "will", "could"}
        | {"should", "going", "gonna", "to", "really", "ever", "actually", "honestly", "truly", "seriously"}
        | {"even", "that", "about", "of", "want", "wanna", "planning", "plan", "plans", "thinking", "think"}
        | {"thought", "thoughts", "considered", "considering", "consider", "trying", "try", "have", "had"}
        | {"has", "any", "intention", "intentions", "intend", "do", "did", "a", "the", "so", "feel"}
        | {"feeling", "felt", "just", "ready", "like", "at", "all", "desire", "urge", "urges", "once"}
        | {"anything", "something", "someone", "who", "type", "person", "kind", "risk", "danger", "chance"}
        | {"wanted", "wants", "wanting", "in"}
        | {"u", "you", "he", "she", "they", "we"}
    ),
    subjects=frozenset(
        {"i", "im", "id", "ive", "ill", "he", "she", "they", "we", "you", "u", "hes", "shes", "theyre"}
        | {"youre", "theyd", "hed", "shed", "wed", "youd"}
    ),
    clause_negators=frozenset(
        {"not", "never", "dont", "wont", "wouldnt", "isnt", "arent", "didnt", "doesnt", "havent", "hasnt"}
        | {"hadnt", "aint", "nor", "neither"}
    ),
    no_denial_after=frozenset({"mind", "fight", "care"}),
    # "my therapist asked if I'd thought of hurting myself and honestly, no"
    denied_after=r" (?:(?:is|s|was|would be|has|have|had) )?(?:(?:really|ever|even|honestly) )*"
    r"(?:(?:not|never|isnt|wasnt|hasnt|havent|hadnt) (?:(?:really|ever|even|once|honestly|been|a) )*"
    r"(?:something (?:i|id|ill|i would|i will|i d|i could) (?:ever |really |even )?(?:do|consider|try|want|go through with)\b|"
    r"an option|on the table|in the cards|crossed my mind|on my mind|thing (?:i|id) (?:do|consider))|off the table|out of the question)",
    question=r"\b(?:asked|asks|asking|ask)(?: me)? (?:if|whether|about)\b.*",
    answered_no=r" (?:(?:and|but|so|well|honestly|truthfully|frankly|to be honest|the answer (?:is|was)|i said|i told (?:her|him|them)|"
    r"[,:;]) )*no\b(?! (?:one|body|point|way|future|reason|hope|longer|more|matter)\b)",
)
