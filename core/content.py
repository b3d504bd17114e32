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
NO_SETBACKS = "Nothing here yet. When you're ready, fill in the form above."
CHOOSE_SETBACK = "Work on this one"
CURRENT_BADGE = "Current"
NO_CURRENT = "No setback chosen yet. Start on **Start here**."
COMING_NEXT = "This stage is coming next. For now, Start here keeps your setback safe."


def pacing_hint(days: int) -> str:
    """A gentle word on timing, from how many days ago the news came."""
    if days <= 0:
        return "The news is fresh. Today is for looking after yourself; the job hunt will keep."
    if days < 7:
        return (
            f"It's been {days} day{'s' if days != 1 else ''}. Many people give it about a week "
            "before diving back into applications — take the time you need."
        )
    return "It's been a week or more. If you feel ready, the Next targets stage is there; if not, that's fine too."


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


_REGISTER_PROBLEMS = {
    "Username/email already taken": "That username is already taken. Please choose another one.",
    "Email already taken": "An account with that email already exists. Try signing in instead.",
    "User not pre-authorized to register": (
        "This Rebound only accepts invited email addresses, and that one isn't on the list."
    ),
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


FIELD_LABELS = {
    "company": "Company",
    "role": "Role",
    "heard_on": "Date heard",
    "message": "Their message",
    "text": "Your writing",
}


def field_errors(error: Exception) -> dict[str, str]:
    """A pydantic ValidationError as {field: a kind sentence naming the field and the limit}."""
    messages: dict[str, str] = {}
    for item in getattr(error, "errors", list)():
        loc = [str(part) for part in item.get("loc", ()) if not isinstance(part, int)]
        field = loc[-1] if loc else ""
        label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize() or "This field")
        ctx = item.get("ctx") or {}
        kind = item.get("type", "")
        if kind == "string_too_long":
            text = too_long(label, int(ctx.get("max_length", 0)))
        elif kind in ("string_too_short", "missing"):
            text = f"{label} is needed — even a word or two is fine."
        elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
            text = f"{label} must be between the slider's ends; please set it again."
        elif kind == "too_long":
            text = f"{label} can have up to {ctx.get('max_length')} entries."
        elif kind == "value_error":
            text = f"{label}: {ctx.get('error', item.get('msg', ''))!s}."
            if "future" in text:
                text = f"{label} can't be in the future — pick today or an earlier day."
        else:
            text = f"{label}: {item.get('msg', 'please check this value')}."
        messages.setdefault(".".join(loc[:1]) if loc else "", text)
    return messages
