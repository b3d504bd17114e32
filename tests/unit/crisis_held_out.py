"""Held out: phrases the crisis check is measured on but never tuned on (English).

Written in one sitting on 2026-12-02, before the patterns of the second round of work on issue 15
were changed, and committed on its own so the history shows that order. The phrasing is meant to
differ from every row of `tests/unit/crisis_table.py` (and from the blind set's development half
copied there). Its figures are printed at the end of the run beside the table's.

Do not change a pattern because of a row here. When these rows have served, move them into the
table and write new held-out rows, in the same way and before any pattern changes.
"""

from __future__ import annotations

from core.crisis import Tier

E, G = Tier.EXPLICIT, Tier.INDIRECT

# A signal, with the card it should bring. The explicit ones name suicide, self-harm, a method,
# preparation or a plan; the indirect ones are passive ideation and hopelessness.
SIGNALS = [
    ("I've been reading how much of my insulin it would take", E),
    ("my plan is the woods behind my parents' place and the rope in the garage", E),
    ("I keep staring at the knife block and thinking about my wrists", E),
    ("the note is already drafted, I just need to pick the day", E),
    ("tonight's the night I finally go through with it", E),
    ("I found the tallest car park in town and I'm going there after dinner", E),
    ("put my cat up for adoption and cancelled my phone contract, I won't be needing either", E),
    ("I'm going to OD on my sleeping tablets tonight", E),
    ("I keep picturing the noose", E),
    ("I could empty the bottle of sleeping pills into my hand and be done", E),
    ("I cut my thighs where nobody will see", E),
    ("the suicidal ideation has been back all week", E),
    ("my last attempt was in March and I can feel the next one coming", E),
    ("I want to put a bullet in my head", E),
    ("been researching which medications are lethal together", E),
    ("my brother just texted me that he's standing on the bridge", E),
    ("I want to be dead by Friday", E),
    ("I'm going to drive off the cliff road on the way home", E),
    ("I wouldn't be upset if a bus took me out tomorrow", G),
    ("I'd welcome a heart attack honestly", G),
    ("I'm a weight around my family's neck", G),
    ("I pray every night that I won't open my eyes in the morning", G),
    ("I don't see why I should keep waking up", G),
    ("I'd like to go to sleep for good", G),
    ("nothing would change if I was wiped off the planet", G),
    ("I can't face one more morning", G),
    ("my kids deserve a mum who isn't me", G),
    ("I'm ready for it all to be over, for good", G),
    ("there's no reason for me to be on this earth", G),
    ("nobody needs me around anymore", G),
    ("I want to close my eyes and never open them again", G),
    ("every morning I'm disappointed that I woke up", G),
    ("I don't want to stick around to see what comes next", G),
    ("the only peace I can imagine is being dead", G),
    ("I'm done. With all of it. Forever.", G),
    ("I don't belong in this world", G),
    ("existing hurts too much", G),
    ("I have no fight left in me", G),
    ("everyone I love would move on fine if I were gone", G),
    ("I just want to go away permanently", G),
    ("i keep daydreaming about my own death", G),
    ("I'm a mistake that should never have happened", G),
]

# The writer turns the signal around: no card.
NEGATED = [
    "I'm not going to overdose or anything, I just need to vent",
    "I have never thought about jumping, I'm just sad",
    "I don't feel like a burden, I feel unlucky",
    "I'm not hopeless about the job, just impatient",
    "I wouldn't dream of hurting myself",
    "no, I don't want to vanish, I want a holiday",
    "I'm sad, not suicidal",
    "I'm not giving up on life, only on this company",
]

# Everyday job-hunt talk that looks alike: no card.
IDIOMS = [
    "my inbox is a graveyard of rejections",
    "the interview panel was out for blood",
    "I'd sell my soul for a remote role",
    "I'm dead broke until the next paycheck",
    "if I see one more culture-fit rejection I'll scream into a pillow",
    "I'm going to sleep like the dead tonight",
    "they buried my application under a pile of referrals",
    "I want to vanish off the grid for the weekend and go hiking",
    "my nerves are shot",
    "I'm fed up to the back teeth with recruiters",
    "the take-home nearly finished me off",
    "I could strangle whoever designed this applicant portal",
    "the offer deadline is a ticking time bomb",
    "I'm sick to death of Workday forms",
    "I'd take a bullet for my old team",
    "I'm done for the day, going to bed",
    "my savings are on their last legs",
    "I just want to curl up and sleep for a day",
    "I feel like I've been hit by a truck after that onsite",
    "they left me hanging for three weeks",
    "I'm at the end of the road with this company, moving on",
    "stop, you're killing me, the recruiter really said that?",
    "I threw my CV into the void again",
    "I'm choking under the pressure of the final round",
    "I need to jump ship before the layoffs hit",
    "the company is going under",
    "I'm not cut out for sales",
    "I never want to see another LeetCode problem as long as I live",
    "I'd rather eat glass than do another group interview",
    "I'll be gone all afternoon at the assessment centre",
    "no point crying over spilt milk, on to the next one",
    "my confidence is six feet under",
    "I'm going to pull the plug on that application",
    "there's no escaping the LinkedIn humblebrags",
    "stick a fork in me, I'm done with this week",
    "this rejection is the last straw for that company",
    "I feel invisible to recruiters",
    "the hiring manager cut me off mid-sentence",
]
