"""Every word Rebound says to a person, in one place: labels, prompts, reasons and tips."""

from __future__ import annotations

from dataclasses import dataclass

APP_NAME = "Rebound"
TAGLINE = "A calm place for the hour after “we went with another candidate”."

DISCLAIMER = (
    "Rebound is a self-help tool, not therapy. If you are in crisis, contact your local "
    "emergency services or a crisis line near you."
)

# Navigation labels: tests and people rely on these exact words.
NAV = {
    "start": "Start here",
    "vent": "Vent",
    "reflect": "Reflect",
    "went_well": "What went well",
    "gratitude": "Gratitude",
    "next_targets": "Next targets",
    "summary": "Summary",
    "history": "History",
    "account": "Account",
}
STAGE_ICONS = {
    "vent": ":material/air:",
    "reflect": ":material/psychology:",
    "went_well": ":material/star:",
    "gratitude": ":material/favorite:",
    "next_targets": ":material/flag:",
}

STAGE_REACHED = {
    "applied": "Applied",
    "screen": "Screening call",
    "interview": "Interview",
    "final_round": "Final round",
    "offer_talks": "Offer talks",
}
HOW_HEARD = {
    "email": "Email",
    "call": "Phone call",
    "automated": "Automated message",
    "no_reply": "They stopped replying",
}
EMOTIONS = {
    "disappointment": "Disappointment",
    "sadness": "Sadness",
    "anger": "Anger",
    "anxiety": "Anxiety",
    "shame": "Shame",
}

# -- sign in --------------------------------------------------------------------------------

SIGN_IN_TITLE = "Welcome to Rebound"
SIGN_IN_INTRO = (
    "A bad email can knock the wind out of anyone. Rebound walks you through it in five "
    "short steps, at your own pace, and keeps what you write private to you."
)
LOGIN_FIELDS = {"Form name": "Login", "Username": "Username", "Password": "Password", "Login": "Login"}
REGISTER_FIELDS = {
    "Form name": "Create account",
    "First name": "First name",
    "Last name": "Last name",
    "Email": "Email",
    "Username": "Username",
    "Password": "Password",
    "Repeat password": "Repeat password",
    "Password hint": "Password hint",
    "Captcha": "Captcha",
    "Register": "Create account",
}
LOGIN_FAILED = "Those details didn't match an account. Check the username and password and try again."
LOGIN_LOCKED = (
    "This account has had too many unsuccessful sign-in attempts, so it is paused to keep it "
    "safe. Ask the person who runs this Rebound to unlock it."
)
REGISTERED = "Your account is ready. Sign in with your username and password on the Login tab."
REGISTRATION_CLOSED = "New accounts can't be created here right now. Ask the person who runs this Rebound."
REGISTRATION_LISTED = "Accounts can be created with an invited email address only."

# -- start here ----------------------------------------------------------------------------

START_TITLE = "I just heard back"
START_INTRO = (
    "Sorry — that's a hard message to get. Tell Rebound a little about it, then take the steps "
    "in the sidebar whenever you're ready. There's no rush and nothing to get right."
)
INTAKE_HELP = {
    "company": "Just the name is enough.",
    "message": "Optional. Pasting the message can help you read it calmly later.",
    "heard_on": "The day the news reached you.",
}
INTAKE_SAVED = "Saved. This setback is now your current one — the stages in the sidebar work on it."
FUTURE_NOTE_INTRO = "Last time, you wrote to yourself:"
FUTURE_NOTE_FROM = "After {title}, {when}"
NO_SETBACKS = "Nothing here yet. When you're ready, fill in the form above."
CHOOSE_SETBACK = "Work on this one"
CURRENT_BADGE = "Current"
NO_CURRENT = "No setback chosen yet. Start on **Start here**."
COMING_NEXT = "This stage is coming next. For now, Start here keeps your setback safe."


def pacing_hint(days: int) -> str:
    """A gentle word on timing, from how many days ago the news came."""
    if days <= 0:
        return (
            "The news came today. Today is for looking after yourself: many people give it about "
            "a week before diving back into applications, and the job hunt will keep."
        )
    if days < 7:
        return (
            f"It's been {days} day{'s' if days != 1 else ''} since the news. Many people give it "
            "about a week before diving back into applications — take the time you need."
        )
    return (
        f"It's been {days} days since the news. If you feel ready, the Next targets stage is there; "
        "if you'd like a little longer, that's fine too."
    )


def time_ago(days: int) -> str:
    """How long ago, in plain words."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


# -- reflect: the reasons catalogue -----------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One possible reason an offer went elsewhere."""

    id: str
    label: str
    detail: str
    outside: bool  # from the "out of your hands" list


REASONS: tuple[Reason, ...] = (
    Reason(
        "stronger_match",
        "Someone else matched more closely",
        "Another person had more direct experience, deep expertise in the area, or had worked "
        "with the hiring manager before — or was already inside the company.",
        False,
    ),
    Reason(
        "unclear_needs",
        "They were still working out what they needed",
        "Some teams only discover what they want by meeting people, then rewrite the role.",
        False,
    ),
    Reason(
        "on_hold",
        "The role was paused or lost its budget",
        "Headcount can vanish, or the budget may need to grow for a more senior hire.",
        False,
    ),
    Reason(
        "chemistry",
        "The chemistry wasn't there",
        "Sometimes people simply don't click, or an interviewer is hard to read.",
        False,
    ),
    Reason(
        "culture_fit",
        "The culture may not have fit",
        "If you'd have had to hide who you are to fit in, a no can be a quiet escape.",
        False,
    ),
    Reason(
        "answers_nerves",
        "Answers came out less clearly than I'd like",
        "Nerves, over-eagerness or a rambling answer can leave interviewers unsure.",
        False,
    ),
    Reason(
        "wrong_level",
        "It wasn't quite the right role or level",
        "A stretch into an unfamiliar area, or a level too junior or too senior.",
        False,
    ),
    Reason(
        "not_wanted",
        "I wasn't sure I wanted it",
        "Doubts show in energy and confidence, even when we turn up with a smile.",
        False,
    ),
    Reason(
        "referral",
        "An employee referral or someone from their network",
        "People already known to the team often have a head start you can't see.",
        True,
    ),
    Reason(
        "pipeline",
        "A former intern or earlier candidate",
        "Companies keep pipelines of people who interviewed before or interned there.",
        True,
    ),
    Reason(
        "hiring_freeze",
        "A hiring freeze",
        "Hiring can stop overnight for reasons far from your interview.",
        True,
    ),
    Reason(
        "budget_change",
        "A budget change",
        "Money moves between teams; a role can be resized or dropped.",
        True,
    ),
    Reason(
        "role_change",
        "The role itself changed",
        "The job you interviewed for may no longer be the job they are filling.",
        True,
    ),
)
REASONS_BY_ID = {reason.id: reason for reason in REASONS}

APPLIES = {"yes": "Yes", "maybe": "Maybe", "no": "No"}
CONTROL = {"mine": "Mine", "theirs": "Theirs", "unknown": "Can't know"}
BASIS = {"feedback": "Their feedback", "guess": "My guess"}
FEEDBACK_RECEIVED = {"yes": "Yes", "no": "No", "asked": "I've asked"}
FEEDBACK_KINDS = {
    "reason": "A reason for the decision",
    "strengths": "What I did well",
    "stay_in_touch": "“Let's stay in touch”",
    "vague": "Vague, or maybe not the real reason",
}
TARGET_STATUS = {
    "idea": "Idea",
    "researching": "Researching",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "closed": "Closed",
}
ACTION_KINDS = {
    "training": "Training",
    "volunteering": "Volunteering",
    "recommendation": "Recommendation",
    "accomplishment": "Accomplishment",
}

# -- everywhere -------------------------------------------------------------------------------

SAVE = "Save"
SAVED_AT = "Saved at {time}"
SIGN_OUT = "Sign out"


def too_long(field: str, limit: int) -> str:
    """The message for text over its limit, naming the field and the limit."""
    return f"{field} can hold up to {limit:,} characters. Your text is still here — shorten it a little and save again."


NOT_INVITED = "This Rebound only accepts invited email addresses, and that one isn't on the list."
_REGISTER_PROBLEMS = {
    "Username/email already taken": "That username is already taken. Please choose another one.",
    "Email already taken": "An account with that email already exists. Try signing in instead.",
    "User not pre-authorized to register": NOT_INVITED,
    "Captcha entered incorrectly": "The captcha didn't match. Please type the characters again.",
    "Captcha not entered": "Please type the characters shown in the captcha.",
    "Passwords do not match": "The two passwords are different. Please type them again.",
    "Username is not valid": "Usernames can use letters, digits, - and _ (up to 20 characters), or an email.",
    "Email is not valid": "That email address doesn't look complete. Please check it.",
    "First name is not valid": "Please enter a first name (2 to 100 letters).",
    "Last name is not valid": "Please enter a last name (2 to 100 letters).",
}


def register_problem(message: str) -> str:
    """The authenticator's registration error, said kindly; password rules pass through as they are."""
    if message.startswith("**Password must"):
        return "That password needs a little more. " + message.replace("**Password must:**", "It must:")
    return _REGISTER_PROBLEMS.get(message, message)


def field_errors(error: Exception) -> dict[str, str]:
    """A pydantic ValidationError as {top-level field: a kind sentence naming the field and limit}."""
    messages: dict[str, str] = {}
    for path, text in stage_errors(error).items():
        messages.setdefault(path.split(".")[0], text)
    return messages


# -- history and patterns (issue 5) -----------------------------------------------------------

HISTORY_INTRO = (
    "Everything you've worked through, in one place. Pick one up again whenever you like, "
    "or archive it to tuck it out of sight — archiving never deletes anything."
)
HISTORY_EMPTY = "Nothing here yet, and that's fine. If something happens, Start here is where it begins."
HISTORY_COLUMNS = {
    "company": "Company",
    "role": "Role",
    "stage": "Stage reached",
    "heard_on": "Heard on",
    "done": "Stages done",
    "archived": "Archived",
}
HISTORY_SELECT_HINT = "Select a row to work on it again or to archive it."
SHOW_ARCHIVED = "Show archived"
SHOW_ARCHIVED_HELP = "Archived setbacks are kept, just hidden from your everyday lists."
ARCHIVE = "Archive"
UNARCHIVE = "Bring back"
ARCHIVED_DONE = "Archived. It's kept safely; turn on “Show archived” to see it again."
UNARCHIVED_DONE = "Brought back. It shows on Start here again."
OPENED = "This is now your current setback. The stages in the sidebar work on it."
ARCHIVED_NOTE = "Archived — hidden from Start here, still kept safely."
ALL_ARCHIVED = "Everything here is archived. Turn on “Show archived” to see it."

# One wording for the emotion arc on History, on Summary and in the PDF (first person, like the PDF).
ARC_TITLE = "How I felt, before and after"
ARC_INTRO = (
    "Each dot is a check-in: the first one on Vent, the closing one on Summary. "
    "Lower means lighter. Feelings don't move in straight lines, and that's normal."
)
ARC_EMPTY = (
    "When you've rated how you feel on Vent, and again on Summary, the way your feelings "
    "moved will show here."
)
ARC_MEASURE = "Show"
ARC_LATEST = "The chart shows your latest {count}."
ARC_STRONGEST = "Strongest feeling"
ARC_MOMENTS = {"before": "Before (Vent)", "after": "After (Summary)"}
ARC_AXIS = {"heard_on": "When the news came", "value": "How strong (0–100)", "moment": "Check-in"}

PATTERNS_TITLE = "What keeps coming up"
PATTERNS_INTRO = (
    "Looking across setbacks can turn separate knocks into something you can learn from. "
    "Everything below comes from your own marks and words."
)
PATTERNS_NOT_YET = (
    "When there are a few setbacks to look across, Rebound will gather what keeps coming up "
    "here. For now, each one stands on its own."
)
USUAL_STAGE_TITLE = "How far you usually get"
USUAL_STAGE = {
    "applied": "Sending applications again and again takes real persistence, and each one sharpens how you tell your story.",
    "screen": "You keep getting through the door: people read what you send and want to talk to you.",
    "interview": "Your applications keep turning into interviews — your experience is being noticed.",
    "final_round": "Final rounds mean being shortlisted: you are regularly among the few they seriously consider.",
    "offer_talks": "Reaching offer talks means they wanted you. The very last step often turns on things outside the room.",
}
REASONS_TITLE = "Reasons you've marked more than once"
REASONS_NONE = "No reason shows up more than once so far — each setback seems to have had its own story."
REASON_COLUMNS = {
    "reason": "Reason",
    "times": "Times marked",
    "mine": "In my hands",
    "theirs": "In theirs",
    "unknown": "Can't know",
}
LESSONS_TITLE = "What you've learned"
PLANS_TITLE = "Your if-then plans"
LESSON_KINDS = {
    "learned": "Learned",
    "differently": "Would do differently",
    "practice": "Could practise",
    "if_then": "If-then plan",
}
LESSONS_NONE = "Lessons you write on Reflect will gather here."
PLANS_NONE = "If-then plans you write on Reflect will gather here."
FEEDBACK_TITLE = "The feedback you've had"
FEEDBACK_NONE = (
    "No feedback has been noted yet. That's common: many companies don't give any, and it says "
    "more about their policies than about you."
)
SHOW_MORE_NOTES = "Show all {count}"


def control_split_line(split: dict[str, int]) -> str:
    """One gentle sentence on whose control the marked reasons were, or "" when none were marked."""
    total = sum(split.values())
    if not total:
        return ""
    outside = split.get("theirs", 0) + split.get("unknown", 0)
    mine = split.get("mine", 0)
    if outside >= mine:
        return (
            f"Of the reasons you marked, {outside} of {total} sat with them or can't be known. "
            "A lot of what decides a hiring choice happens out of your sight."
        )
    return (
        f"Of the reasons you marked, {mine} of {total} felt like they were in your hands. "
        "That's good news in disguise: those are the ones practice can change."
    )


def feedback_line(kind: str, times: int) -> str:
    """A kind of feedback and how often it came, as a short line."""
    return f"{FEEDBACK_KINDS[kind]} — {'once' if times == 1 else f'{times} times'}"


# -- account (issue 5) ----------------------------------------------------------------------

ACCOUNT_INTRO = "Your details, your password, and everything you've written here: yours to keep or remove."
SIGNED_IN_AS = "Signed in as {name} ({username}) · {email}"
DETAILS_FIELDS = {
    "Form name": "Change your name or email",
    "Field": "What to change",
    "First name": "First name",
    "Last name": "Last name",
    "Email": "Email",
    "New value": "New value",
    "Update": "Save change",
}
DETAILS_SAVED = "Saved. Your details are up to date."
_DETAILS_PROBLEMS = {
    "First name is not valid": "Please enter a first name (2 to 100 letters).",
    "Last name is not valid": "Please enter a last name (2 to 100 letters).",
    "Email is not valid": "That email address doesn't look complete. Please check it.",
    "Email already taken": "Another account already uses that email address.",
    "New and current values are the same": "That's already what's saved — nothing needed changing.",
}
PASSWORD_FIELDS = {
    "Form name": "Change password",
    "Current password": "Current password",
    "New password": "New password",
    "Repeat password": "Repeat new password",
    "Reset": "Change password",
}
PASSWORD_SAVED = "Your new password is saved. Use it next time you sign in."
_PASSWORD_PROBLEMS = {
    "Password is incorrect": "The current password isn't right. Please try it again.",
    "No new password provided": "Please type a new password.",
    "Passwords do not match": "The two new passwords are different. Please type them again.",
    "New and current passwords are the same": "The new password is the same as the current one.",
}


def details_problem(message: str) -> str:
    """The authenticator's update error, said kindly."""
    return _DETAILS_PROBLEMS.get(message, message)


def password_problem(message: str) -> str:
    """The authenticator's password-change error, said kindly (password rules as on sign-up)."""
    if message.startswith("**Password must"):
        return register_problem(message)
    return _PASSWORD_PROBLEMS.get(message, message)


EXPORT_TITLE = "Export all my data"
EXPORT_HELP = (
    "A zip file with every setback you've written — archived ones too — as plain JSON files, "
    "your name and email, and a README that explains them. Private vent writing is included: "
    "keep the file somewhere safe."
)
EXPORT_BUTTON = "Export all my data"

DELETE_TITLE = "Delete all my data"
DELETE_WARNING = (
    "This removes every setback you've written and your account, straight away and for good. "
    "Nobody can bring it back afterwards — not even the person who runs this Rebound. "
    "If you might want any of it later, export it first."
)
DELETE_CONFIRM = "To confirm, type your username: {username}"
DELETE_BUTTON = "Delete all my data"
DELETE_MISMATCH = "That doesn't match your username, so nothing was deleted."
DELETED = "Everything is deleted and you're signed out. Take good care of yourself."
ACCOUNT_GONE = "This account has been deleted, so you've been signed out here too."
DELETE_FAILED = "Something stopped the deletion part-way: {problem} Please try again in a moment."

EXPORT_README = """\
Rebound — everything you wrote, exported {exported_at}
=========================================================

This folder holds all of your data from Rebound. Nothing else about you is kept there.

README.txt
    This file.

account.json
    Your username, first and last name and email address. Your password is not
    included (Rebound only ever stored a one-way hash of it).

setbacks/<id>.json
    One file per setback, archived ones included, in exactly the form Rebound saves
    them. Each is a JSON object with:

      schema_version  the version of this layout (Rebound upgrades older ones itself)
      id              the setback's id, also the file's name
      created_at, updated_at
                      when it was started and last changed (ISO 8601, UTC)
      archived        true when you tucked it away from your everyday lists
      intake          company, role, stage_reached, heard_on (the date the news came),
                      how_heard and the message you pasted, if any
      vent            your first check-in (feelings rated 0-100) and your free writing;
                      "private": true means you kept it out of your PDF summary
      reflect         possible reasons (applies / control / basis), the feedback you had,
                      what you learned, questions you stumbled on, how much you wanted
                      the job (0-10) and your if-then plan
      went_well       your wins
      gratitude       the things you're grateful for, and who for
      next_targets    what drew you to the job, your target companies, the company to
                      stay in touch with (and when), and profile-building actions
      summary         your closing check-in, your note to your future self, and what
                      you chose to put in the PDF

    A stage you haven't saved yet is null. Every stage has "saved_at", the moment
    it was last saved.

The files are plain UTF-8 text: any text editor can open them, and any programming
language can read them. Keep this export somewhere private — it includes writing you
may have meant only for yourself.
"""


# -- the five stage worksheets (issue 3) ------------------------------------------------------
# Names here start with the stage they belong to (VENT_, REFLECT_, WINS_, GRATITUDE_, TARGETS_),
# or STAGE_ / CRISIS_ when every stage page shares them.

STAGE_ADD_ROW = "Add another"
STAGE_REMOVE_ROW = "Remove"
STAGE_UNSAVED = "You have changes that aren't saved yet."
STAGE_CHECK = (
    "Something needs a look before this can be saved — see the note next to it. Nothing you typed is lost."
)

CRISIS_TITLE = "You don't have to carry this alone"
CRISIS_BODY = (
    "Some of what you wrote sounds really heavy. If you're thinking about hurting yourself or ending "
    "your life, please reach out to someone now — a helpline, a person you trust, or emergency "
    "services. Your writing stays safe here either way, and you can keep going whenever you want."
)
CRISIS_EMERGENCY = "If you are in immediate danger, call {number}."

VENT_INTRO = (
    "This page is just for you. Say how strong each feeling is, then write it all out — messy, "
    "unfair and repetitive is fine. Nobody reads it unless you choose to share it."
)
VENT_NORMAL = (
    "**Why it hurts this much.** Our minds weigh a loss far more heavily than a gain of the same "
    "size — psychologists call it *loss aversion*. After you'd started picturing yourself in the job, "
    "a no can feel enormous. That is a normal human reaction, not a weakness."
)
VENT_LEAN_ON = (
    "For now, lean on friends and family — people who know you well. Professional contacts can "
    "wait until the sting has eased."
)
VENT_CHECK_IN = "How strong is each feeling right now?"
VENT_CHECK_IN_HELP = (
    "0 is not at all, 100 is as strong as it gets. You'll rate them again at the end, on Summary."
)
VENT_OWN = "Anything else? Name up to three feelings of your own."
VENT_OWN_LABEL = "Feeling {n}"
VENT_OWN_PLACEHOLDERS = ("e.g. numb", "e.g. relieved", "e.g. embarrassed")
VENT_OWN_SCORE = "How strong"
VENT_WRITE = "Write it out"
VENT_WRITE_LABEL = "Your writing"
VENT_WRITE_PLACEHOLDER = "What happened, what you'd hoped for, what you wish you could say to them…"
VENT_TIMER_TIP = (
    "Many people find that 15 to 20 minutes of writing without stopping helps feelings settle. "
    "A timer is there if you'd like one — and you can stop whenever you want."
)
VENT_TIMER_MINUTES = 15
VENT_TIMER_START = "Start a 15-minute timer"
VENT_TIMER_STOP = "Stop the timer"
VENT_TIMER_RUNNING = (
    "Timer started at {start}. Keep writing until about {end} if it helps — or stop whenever you like."
)
VENT_TIMER_DONE = "That's fifteen minutes. Carry on if it helps, or stop here — both are fine."
VENT_PRIVATE = "Keep this private"
VENT_PRIVATE_HELP = (
    "On: your writing is saved here for you, but left out of the summary and the PDF. "
    "Off: you can include it in the summary."
)

REFLECT_INTRO = (
    "When you're ready, look back with curiosity rather than judgement. Hiring decisions turn on "
    "many things you never see, so this is about finding what's useful — not someone to blame, "
    "least of all yourself."
)
REFLECT_REASONS = "What might have played a part?"
REFLECT_REASONS_HELP = (
    "Mark any that might apply. For those, note whose control it was in, and whether you know it "
    "from their feedback or are guessing."
)
REFLECT_COMMON = "Common reasons"
REFLECT_OUTSIDE = "Out of your hands"
REFLECT_OUTSIDE_HELP = "Some things happen entirely on their side, and you'd rarely be told about them."
REFLECT_APPLIES = "Does it apply?"
REFLECT_CONTROL = "Whose control?"
REFLECT_BASIS = "Based on"
REFLECT_GUESS_NOTE = (
    "Most of the reasons you've marked are guesses. That's natural — but try not to fill in the "
    "blanks with stories you can't check: they can send you off fixing things that never mattered. "
    "Give yourself the benefit of the doubt."
)
REFLECT_FEEDBACK = "Did they give you any feedback?"
REFLECT_FEEDBACK_SAID = "What did they say?"
REFLECT_FEEDBACK_KINDS = "What kind of feedback was it?"
REFLECT_FEEDBACK_MEANING = {
    "reason": "A real reason is valuable. Take it seriously — and remember it's one view of a short meeting.",
    "strengths": "Praise counts too. Take it as genuine feedback, not just politeness.",
    "stay_in_touch": (
        "“Let's stay in touch” usually means you made a good impression. You are now someone they "
        "know when the next role opens."
    ),
    "vague": (
        "Some recruiters give an easy answer rather than the real one. Don't build a plan on "
        "feedback that doesn't ring true."
    ),
}
REFLECT_ASK_TITLE = "Asking for feedback"
REFLECT_ASK_TIPS = (
    "- If they offer a chat, say yes. If they don't, it's fine to ask for a few minutes.\n"
    "- A short call usually tells you more than email — people say more when they're talking.\n"
    "- Ask what they'd suggest for next time, listen, and thank them. No need to argue the decision."
)
REFLECT_ASK_MESSAGE = "A short message you could send — point at it to see the copy button:"
REFLECT_ASK_TEMPLATE = (
    "Hi,\n\n"
    "Thank you for letting me know about {the_role} at {company}. I'm disappointed, "
    "but I really appreciated the chance to meet the team.\n\n"
    "Would you have ten minutes for a short call in the next week or two? I'd value any feedback "
    "on how I came across and what I could do better next time.\n\n"
    "Thanks again,\n{sender}"
)
REFLECT_LEARN = "What can you take from it?"
REFLECT_LEARN_PROMPTS = {
    "learned": "What can I learn from this experience? Be curious.",
    "practice": "Could I have practised more? What, specifically?",
    "differently": "What would I do differently next time?",
}
REFLECT_LEARN_OK = (
    "If you did your best and wouldn't change a thing, that's a fine answer too — it's the "
    "reflecting that counts."
)
REFLECT_STUMBLES = "Questions I stumbled on"
REFLECT_STUMBLES_HELP = "Write the question, then the answer you'd give now. Next time it's ready."
REFLECT_STUMBLE_QUESTION = "Question {n}"
REFLECT_STUMBLE_ANSWER = "A better answer now"
REFLECT_WANTED = "Did I really want this job?"
REFLECT_WANTED_HELP = "0 is not at all, 10 is with all my heart."
REFLECT_WANTED_LOW = 4
REFLECT_WANTED_NUDGE = (
    "A low number is worth knowing. Doubts tend to show in an interview however well we hide them. "
    "Before saying yes to the next invitation, ask yourself honestly whether you want it — saying no "
    "early keeps your time and energy for the roles you do."
)
REFLECT_IF_THEN = "An if-then plan for next time"
REFLECT_IF_THEN_HELP = (
    "A plan in the form “if this happens, then I'll do that” is easier to follow under pressure. "
    "The suggestion below gives you a chance to clear up a misunderstanding — or at least to be less "
    "surprised. Edit it or write your own."
)
REFLECT_IF_THEN_SUGGESTION = (
    "If I reach the end of a final interview, then I'll ask: “Is there anything that might stand in "
    "the way of me being offered this role?”"
)

WINS_INTRO = (
    "To be fair to yourself, look at what went right. Getting this far took real work, and those "
    "strengths come with you to the next application."
)
WINS_LABEL = "Win {n}"
WINS_PLACEHOLDER = "Something that went well, however small"
WINS_IDEAS = "Ideas from what you told Rebound — click one to add it:"
WINS_SUGGESTIONS = {
    "applied": "I put together a thoughtful application and sent it.",
    "screen": "My application stood out enough to earn a screening call.",
    "interview": "I was invited to interview — they saw something in my experience.",
    "final_round": "I reached the final round: I was on their shortlist.",
    "offer_talks": "They talked about an offer with me — I was one of the last people in the running.",
    "showed_up": "I prepared and showed up, even though interviews are stressful.",
    "rapport": "I built real rapport with the hiring manager.",
    "references": "They asked for my references, which they only do for people they're serious about.",
    "pay": "We discussed pay — another sign they were seriously considering me.",
    "called": "They called to tell me in person, which shows respect for the time I'd put in.",
    "future": "Their message said they'd like to keep me in mind for future roles.",
}
# Words in the pasted rejection message that suggest they hope to stay in touch.
WINS_FUTURE_WORDS = ("future", "stay in touch", "keep in touch", "on file", "keep your details", "reach out")

GRATITUDE_INTRO = (
    "Gratitude can sit right beside disappointment. Find at least three things from this process "
    "you're thankful for — about the people you met, or about yourself."
)
GRATITUDE_LABEL = "Thankful for…"
GRATITUDE_PERSON = "A person (optional)"
GRATITUDE_PERSON_HELP = "Name someone and Rebound drafts a short thank-you note you can copy."
GRATITUDE_IDEAS = "Some ideas — click one to add it:"
GRATITUDE_SUGGESTIONS = (
    "Being chosen to interview, out of everyone who applied.",
    "Meeting the people and leaders at {company}.",
    "Sharpening my interview skills for next time.",
    "Learning something about myself and what I want.",
)
GRATITUDE_NOTE_TITLE = "A thank-you note for {person}"
GRATITUDE_NOTE_TEMPLATE = (
    "Dear {person},\n\n"
    "Thank you for your time during {the_process} at {company}. I was disappointed not to be "
    "chosen, but I really valued our conversations and I learned a lot from them.\n\n"
    "I'd be glad to stay in touch, and I hope our paths cross again.\n\n"
    "Best wishes,\n{sender}"
)


def gratitude_count(count: int, aim: int) -> str:
    """A gentle counter towards `aim` (three) things to be grateful for."""
    if count >= aim:
        return f"{count} things to be grateful for. Lovely — add more whenever something comes to mind."
    if count == 0:
        return "Three is a good aim. Start with the smallest thing, if that's easiest."
    return f"{count} so far — {aim - count} more when you're ready."


TARGETS_INTRO = (
    "When the sting has eased — for many people after about a week — turn what you've learned into "
    "a plan. There's no hurry: fill in as much or as little as feels right today."
)
TARGETS_ATTRACTIONS = "What made this job attractive?"
TARGETS_ATTRACTIONS_HELP = (
    "The team, the mission, the pay, the commute… These are clues for where to look next."
)
TARGETS_ATTRACTION_LABEL = "What drew me {n}"
TARGETS_ATTRACTION_PLACEHOLDER = "e.g. a small, senior team"
TARGETS_TABLE = "Companies to aim for"
TARGETS_TABLE_HELP = (
    "Start with companies like this one — its competitors are a good first place to look. About ten "
    "gives you focus without overwhelm. Type into the empty rows; click just below the last row for "
    "another. Empty rows are ignored."
)
TARGETS_AIM = 10
TARGETS_COLUMNS = {
    "company": "Company",
    "why": "Why it fits",
    "role": "Role",
    "contact": "Contact",
    "next_step": "Next step",
    "due": "Due",
    "status": "Status",
}
TARGETS_DUPLICATE = "{company} is on the list more than once — is that on purpose?"
TARGETS_NO_COMPANY = "Row {row} has no company yet — add one, or clear the row."
TARGETS_STAY = "Stay in touch with {company}"
TARGETS_STAY_HELP = (
    "A no today can become a yes later: companies often go back to a strong runner-up when a hire "
    "doesn't work out or a new role opens. A friendly note now and then keeps you in mind."
)
TARGETS_STAY_CONTACT = "Who to write to"
TARGETS_STAY_NOTE = "A note to yourself"
TARGETS_STAY_NOTE_PLACEHOLDER = "e.g. congratulate them on their launch; share an article they'd like"
TARGETS_RECONNECT = ("About one month on", "About three months on", "About six months on")
TARGETS_ACTIONS = "Build your profile meanwhile"
TARGETS_ACTIONS_HELP = (
    "Training, volunteering, a recommendation, a new accomplishment — each one makes the next "
    "application stronger."
)
TARGETS_ACTION_KIND = "Kind"
TARGETS_ACTION_WHAT = "What you'll do"
TARGETS_ACTION_DUE = "By when (optional)"


def targets_count(count: int) -> str:
    """How many targets there are, against the aim of about ten."""
    if count == 0:
        return f"No companies yet. About {TARGETS_AIM} is a good aim — one is a fine start."
    if count < TARGETS_AIM:
        return f"{count} of about {TARGETS_AIM}."
    return f"{count} companies — a solid list to work from."


# Field names as people read them, by dotted path ("*" stands for a row; {n} is its number).
STAGE_FIELDS = {
    "company": "Company",
    "role": "Role",
    "heard_on": "Date heard",
    "message": "Their message",
    "check_in.*": "This rating",
    "check_in.own.*.name": "Feeling {n}",
    "check_in.own.*.score": "How strong feeling {n} is",
    "check_in.own": "Your own feelings",
    "text": "Your writing",
    "reasons": "The reasons",
    "feedback.said": "What they said",
    "feedback.kinds": "The kinds of feedback",
    "learned": "What you can learn",
    "practice": "What you could practise",
    "differently": "What you'd do differently",
    "stumbles.*.question": "Question {n}",
    "stumbles.*.better_answer": "The better answer to question {n}",
    "stumbles": "The list of questions",
    "wanted": "How much you wanted the job",
    "if_then": "The if-then plan",
    "wins.*": "Win {n}",
    "wins": "The list of wins",
    "entries.*.text": "Entry {n}",
    "entries.*.person": "The person in entry {n}",
    "entries": "The list",
    "attractions.*": "What drew you {n}",
    "attractions": "The list",
    "targets.*.company": "The company in row {n}",
    "targets.*.why": "“Why it fits” in row {n}",
    "targets.*.role": "The role in row {n}",
    "targets.*.contact": "The contact in row {n}",
    "targets.*.next_step": "The next step in row {n}",
    "targets.*.due": "The date in row {n}",
    "targets.*.status": "The status in row {n}",
    "targets": "The table",
    "stay_in_touch.contact": "Who to write to",
    "stay_in_touch.note": "The note",
    "stay_in_touch.reconnect_on": "The reconnect dates",
    "actions.*.what": "Action {n}",
    "actions.*.due": "The date of action {n}",
    "actions.*.kind": "The kind of action {n}",
    "actions": "The list of actions",
}
STAGE_FIELDS |= {f"check_in.{emotion}": label for emotion, label in EMOTIONS.items()}


def stage_field_label(path: tuple[str | int, ...]) -> str:
    """A field's name for people, from its place in a stage model (row numbers count from 1).

    A path from a whole Setback ("vent", "text") is matched by its stage-relative part too.
    """
    rows = [part + 1 for part in path if isinstance(part, int)]
    parts = ["*" if isinstance(part, int) else str(part) for part in path]
    label = None
    for start in range(len(parts)):
        pattern = ".".join(parts[start:])
        label = STAGE_FIELDS.get(pattern) or STAGE_FIELDS.get(pattern.rsplit(".", 1)[0] + ".*")
        if label is not None:
            break
    if label is None:
        label = str(path[-1]).replace("_", " ").capitalize() if path else "This field"
    return label.format(n=rows[-1] if rows else "")


def stage_errors(error: Exception, prefix: tuple[str | int, ...] = ()) -> dict[str, str]:
    """A stage model's ValidationError as {"dotted.path": a kind sentence}, e.g. {"wins.2": …}.

    `prefix` places a part validated on its own (one table row) inside its stage: ("targets", 2).
    """
    messages: dict[str, str] = {}
    for item in getattr(error, "errors", list)():
        loc = prefix + tuple(item.get("loc", ()))
        label = stage_field_label(loc)
        ctx = item.get("ctx") or {}
        kind = item.get("type", "")
        if kind == "string_too_long":
            text = too_long(label, int(ctx.get("max_length", 0)))
        elif kind in ("string_too_short", "missing"):
            text = f"{label} is needed — even a word or two is fine."
        elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than", "int_parsing"):
            text = f"{label} is outside its range. Please set it again."
        elif kind == "too_long":
            text = f"{label} can have up to {ctx.get('max_length')} entries. Please remove one or two."
        elif kind.startswith("date"):
            text = f"{label} doesn't look like a date. Please pick one again."
        elif kind == "value_error" and "future" in str(ctx.get("error", "")):
            text = f"{label} can't be in the future — pick today or an earlier day."
        else:
            text = f"{label}: {item.get('msg', 'please check this value')}."
        messages.setdefault(".".join(str(part) for part in loc), text)
    return messages


# -- hardening: sign-in pauses (issue 6) -----------------------------------------------------


def login_paused(minutes: int) -> str:
    """The message when an account is paused after too many failed sign-ins."""
    return (
        "This account has had too many unsuccessful sign-in attempts, so it is paused for "
        f"{minutes} minutes to keep it safe. Please try again after that — nothing you wrote is affected."
    )


LOGIN_TROUBLE = "Signing in didn't work just now. Please try again in a moment."


# -- summary page and exports (issue 4) ------------------------------------------------------
# Names here start with SUMMARY_. The PDF's own words live in core/summary.py and core/pdf.py.

SUMMARY_INTRO = (
    "You've worked through a lot since the news came. Notice how you feel now, leave a few words "
    "for the next time this happens, and take a summary with you."
)
SUMMARY_CHECK_IN = "How strong is each feeling now?"
SUMMARY_CHECK_IN_HELP = (
    "The same feelings you rated on Vent. Each slider starts where you put it then — move it to "
    "where the feeling is now. Any change, or none, is fine."
)
SUMMARY_NO_VENT = (
    "You haven't rated your feelings on Vent yet, so there's nothing to compare with. You can rate "
    "them here anyway, or start on Vent."
)
SUMMARY_CHART_NOTE = "Lower means lighter. Feelings rarely move in straight lines."
SUMMARY_CHART_AXIS = {"feeling": "Feeling", "value": "How strong (0–100)", "moment": "Check-in"}
SUMMARY_NOTE_TITLE = "A note to my future self, for the next time this happens"
SUMMARY_NOTE_LABEL = "Your note"
SUMMARY_NOTE_HELP = (
    "What helped this time? What would you like to hear when the next no arrives? Rebound shows "
    "this note on Start here when you add your next setback."
)
SUMMARY_NOTE_PLACEHOLDER = (
    "e.g. You've been here before and came through it. Rest first, then one small step."
)
SUMMARY_NOTE_COUNT = "{count:,} of {limit:,} characters"
SUMMARY_SECTIONS = "What goes into the PDF"
SUMMARY_SECTIONS_HELP = (
    "The cover, both check-ins and your note are always in it. Choose which stages to add."
)
SUMMARY_SECTION_EMPTY = "{stage} — nothing saved yet"
SUMMARY_INCLUDE_VENT = "Include what I wrote on Vent"
SUMMARY_VENT_PRIVATE = (
    "Your vent writing is private, so it stays out of the PDF. To include it, turn off "
    "“Keep this private” on Vent and save there first."
)
SUMMARY_VENT_NOTHING = "There's no vent writing saved yet."
SUMMARY_VENT_SHARED = "Your vent writing is no longer private. Tick this only if you'd like it in the PDF."
SUMMARY_DOWNLOADS = "Take it with you"
SUMMARY_DOWNLOAD_PDF = "Download PDF summary"
SUMMARY_DOWNLOAD_ICS = "Download follow-ups (.ics)"
SUMMARY_DOWNLOAD_CSV = "Download targets (.csv)"
SUMMARY_PDF_HELP = (
    "A private record to keep, reread before your next interview, or share with someone you trust."
)
SUMMARY_ICS_HELP = "Reconnect and due dates from Next targets, as all-day events for your calendar."
SUMMARY_CSV_HELP = "Your target companies as a spreadsheet."
SUMMARY_NO_DATES = "No dates saved on Next targets yet, so there's nothing for a calendar."
SUMMARY_NO_TARGETS = "No target companies saved on Next targets yet."
SUMMARY_DOWNLOAD_SAVES = "The PDF shows this page as it is now. Downloading it saves your changes here too."
SUMMARY_DOWNLOAD_OLD = (
    "Something on this page needs a look first, so the PDF uses what you last saved here. "
    "Nothing you typed is lost."
)
SUMMARY_DOWNLOAD_FAILED = "Your changes couldn't be saved just now: {problem}"

STAGE_FIELDS |= {
    "future_note": "Your note to your future self",
    "sections": "The sections for the PDF",
}
