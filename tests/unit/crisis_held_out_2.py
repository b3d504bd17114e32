"""A second held-out set: measured, never tuned on (English).

Written in one sitting on 2026-12-02 at about 01:10 UTC, after the sixth batch of tuning and before
the general constructions of the same session, and committed on its own so the history shows that
order. It was written without running the check on any of its rows. Its figures are printed at the
end of the run beside the first held-out set's.

Do not change a pattern because of a row here. When these rows have served, move them into the
table and write new held-out rows, in the same way and before any pattern changes.
"""

from __future__ import annotations

from core.crisis import Tier

E, G = Tier.EXPLICIT, Tier.INDIRECT

SIGNALS = [
    ("I've started thinking about how I'd do it", E),
    ("I want to kill myself so badly right now", E),
    ("honestly thinking of ending my life after this", E),
    ("i could just swallow everything in the medicine drawer tonight", E),
    ("I've been hurting myself again since the rejection", E),
    ("I wrote goodbye letters to my sister and my dad", E),
    ("I'm on the roof of my building and I want to jump", E),
    ("I'm so close to taking my own life", E),
    ("suicide feels like the only option left", E),
    ("I bought a rope today", E),
    ("I keep cutting myself to feel something", E),
    ("I was going to hang myself last night", E),
    ("I've got the pills counted out on the table", E),
    ("i want to end it all tonight", E),
    ("thinking about stepping in front of a lorry", E),
    ("I just want to slit my wrists", E),
    ("i'm planning my suicide", E),
    ("I want to die by my own hand", E),
    ("some nights I really wish I were dead", G),
    ("I wish I could fall asleep and not wake up", G),
    ("things would be so much easier for my family if I just wasn't around", G),
    ("I feel like I'm just a burden to everyone around me", G),
    ("I honestly don't think I can keep going much longer", G),
    ("there's no way out of this for me", G),
    ("I don't see a future for myself", G),
    ("I'm so tired of being alive", G),
    ("I wish I could just stop existing", G),
    ("I want everything to stop, all of it", G),
    ("what's the point in living", G),
    ("maybe everyone's right and I'd be better off six feet under", G),
    ("I don't care if I live or die anymore", G),
    ("everyone would be happier without me", G),
    ("I want to disappear and never be found", G),
    ("sometimes I think about not being around", G),
    ("my life doesn't feel worth living any more", G),
    ("why was I even born", G),
    ("i dont want to be alive anymore", G),
    ("part of me hopes I get hit by a car", G),
    ("I can't see any reason to go on", G),
    ("I just want the pain to end permanently", G),
    ("I feel like dying", G),
    ("nobody would care if I died", G),
]

NEGATED = [
    "I'd never kill myself, but I'm really low",
    "I'm not going to hurt myself, I promise",
    "I don't want to die, I just want a job",
    "I'm not suicidal, just gutted",
    "ending my life is not on the table, I just feel rubbish",
    "I never thought of jumping, not once",
    "I don't wish I was dead, I wish I'd prepared more",
    "I'm not a burden, my family told me so",
]

IDIOMS = [
    "this search is killing me",
    "I could have died of embarrassment when my voice cracked",
    "stuck in a dead-end job until something comes up",
    "I had a killer interview on Tuesday and still got rejected",
    "I'm dying to know what they thought",
    "that presentation bombed, I wanted the ground to swallow me up",
    "my hopes for that role are dead and buried",
    "I'm drowning in take-home tasks this week",
    "I nearly died when they asked my salary expectations",
    "the recruiter ghosted me, so that's dead",
    "I want to kill the person who invented one-way video interviews",
    "I'm going to end my subscription to LinkedIn Premium",
    "I'm so over this, time for a walk",
    "my motivation has flatlined this week",
    "I'd sooner die than work another night shift at the warehouse",
    "I cut my losses and withdrew",
    "still hanging on by a thread, but the weekend is close",
    "the interview was a slow death by whiteboard",
    "I jumped at the chance to apply",
    "that rejection was a knife to the gut",
    "I feel dead inside after six rejections, but I'll rest and try again",
    "I'll just disappear into my books this weekend",
    "time to bury the hatchet with my old manager",
    "I can't take another rejection email today, I'm logging off",
    "I'm tired of waiting for recruiters to reply",
    "my CV is to die for now",
    "I took a shot at a stretch role",
    "I'm going to take the plunge and retrain",
    "that feedback call was brutal, I wanted to crawl under a rock",
    "my old job was soul-destroying",
]
