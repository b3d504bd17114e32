"""Every word Rebound says to a person, in one place: labels, prompts, reasons and tips (English).

This is the English source of the message catalogue (core/i18n.py says how it works). Each
UPPER_CASE constant is a message, or a dict/tuple of them; its key is its name (dict keys and
tuple places after a dot). Reading `content.X` gives it in the language of the run. A new
constant reaches the catalogue with `make messages`; its Spanish goes into
core/locale/es/LC_MESSAGES/rebound.po (tests/unit/test_catalogue.py names what is missing).
- Placeholders are `{name}`; a number or a date in one is written the language's way.
- A message whose words depend on a count is a `Plural(one, other)`: `X.format(count, ...)`.
- Functions here read messages as `_here.X` (a bare `X` would be the English).
- An UPPER_CASE constant that is not words for people goes into NOT_MESSAGES.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from core import i18n
from core.i18n import Plural

_here = sys.modules[__name__]  # this module: `_here.X` reads X in the language of the run
i18n.install_translating_module(__name__)

# UPPER_CASE constants that are not words shown to people (never translated).
NOT_MESSAGES = frozenset(
    {"STAGE_ICONS", "TARGETS_AIM", "VENT_TIMER_MINUTES", "REFLECT_WANTED_LOW", "WINS_FUTURE_WORDS"}
)

APP_NAME = "Rebound"
PAGE_TITLE = "{page} · Rebound"  # the browser tab's title (read out when a page opens)
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
    "prep": "Before my next interview",
    "history": "History",
    "account": "Account",
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
LOGIN_FIELDS = {"Form name": "Sign in", "Username": "Username", "Password": "Password", "Login": "Sign in"}
REGISTER_FIELDS = {
    "Form name": "Create account",
    "First name": "First name",
    "Last name": "Last name (optional)",
    "Email": "Email",
    "Username": "Username",
    "Password": "Password",
    "Repeat password": "Repeat password",
    "Captcha": "Captcha",
    "Register": "Create account",
}
LOGIN_FAILED = "Those details didn't match an account. Check the username and password and try again."
REGISTERED_SIGNED_IN = "Your account is ready, and you're signed in."
REGISTRATION_CLOSED = "New accounts can't be created here right now. Ask the person who runs this Rebound."
REGISTRATION_LISTED = "Accounts can be created with an invited email address only."

# -- start here ----------------------------------------------------------------------------

START_TITLE = "I just heard back"
START_SETBACKS = "Your setbacks"
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
START_INTRO_BACK = (
    "Welcome back. Pick up where you left off, or add what happened if there's news — at your own "
    "pace, as always."
)
# Right after the intake: go straight on.
START_NEXT_HINT = (
    "Vent is a private place to let it out. The other steps are in the sidebar whenever you want them."
)
START_BEGIN = "Begin with Vent"
START_CONTINUE = "Continue with {stage}"
START_CURRENT = "Working on now"
START_ADD = "Add a new setback"
START_ADD_HELP = "Heard back about something else? Fill this in and it becomes your current setback."
SETBACK_FACTS = "{stage} · heard {when} · {done} of {total} stages done"
# Editing the intake of a setback.
EDIT = "Edit"
EDIT_TITLE = "Edit {title}"
EDIT_SAVE = "Save changes"
EDIT_CANCEL = "Cancel"
EDIT_SAVED = "Saved your changes to {title}."
# Deleting one setback, with a confirmation that names it and a short undo.
DELETE = "Delete"
DELETE_ONE_CONFIRM = (
    "Delete **{title}**? Everything you wrote about it goes with it: every stage, and anything "
    "not saved yet. For a minute afterwards you can undo it."
)
DELETE_ONE_YES = "Yes, delete it"
DELETE_ONE_NO = "Keep it"
DELETED_ONE = "Deleted **{title}**."
UNDO = "Undo"
UNDONE = "Brought back {title}, just as it was."
UNDO_SECONDS = 60


PACING_TODAY = (
    "The news came today. Today is for looking after yourself: many people give it about "
    "a week before diving back into applications, and the job hunt will keep."
)
PACING_FIRST_WEEK = Plural(
    "It's been {count} day since the news. Many people give it about a week before diving back "
    "into applications — take the time you need.",
    "It's been {count} days since the news. Many people give it about a week before diving back "
    "into applications — take the time you need.",
)
PACING_LATER = Plural(
    "It's been {count} day since the news. If you feel ready, the Next targets stage is there; "
    "if you'd like a little longer, that's fine too.",
    "It's been {count} days since the news. If you feel ready, the Next targets stage is there; "
    "if you'd like a little longer, that's fine too.",
)
AGO_TODAY = "today"
AGO_YESTERDAY = "yesterday"
AGO_DAYS = Plural("{count} day ago", "{count} days ago")
AGO_WEEKS = Plural("{count} week ago", "{count} weeks ago")
AGO_MONTHS = Plural("{count} month ago", "{count} months ago")
AGO_YEARS = Plural("{count} year ago", "{count} years ago")


def pacing_hint(days: int) -> str:
    """A gentle word on timing, from how many days ago the news came."""
    if days <= 0:
        return _here.PACING_TODAY
    if days < 7:
        return _here.PACING_FIRST_WEEK.format(days)
    return _here.PACING_LATER.format(days)


def time_ago(days: int) -> str:
    """How long ago, in plain words."""
    if days <= 0:
        return _here.AGO_TODAY
    if days == 1:
        return _here.AGO_YESTERDAY
    if days < 14:
        return _here.AGO_DAYS.format(days)
    if days < 60:
        return _here.AGO_WEEKS.format(days // 7)
    if days < 730:
        return _here.AGO_MONTHS.format(days // 30)
    return _here.AGO_YEARS.format(days // 365)


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
NEXT_STAGE_LINK = "Continue to {stage}"  # at the foot of each stage page
SAVED_AT = "Saved at {time}"
SIGN_OUT = "Sign out"


TOO_LONG = "{field} can hold up to {limit:,} characters. Your text is still here — shorten it a little and save again."


def too_long(field: str, limit: int) -> str:
    """The message for text over its limit, naming the field and the limit."""
    return _here.TOO_LONG.format(field=field, limit=limit)


NOT_INVITED = "This Rebound only accepts invited email addresses, and that one isn't on the list."

# -- saved data (messages by key: core.storage errors carry the key and its values) -----------

STORAGE_MESSAGES = {
    "not_found": "That setback could not be found. Choose one from the list on Start here.",
    "busy": (
        "Rebound is busy saving something else for you (another tab, perhaps), so this was not saved. "
        "What you typed is still on screen: try Save again in a moment."
    ),
    "save_failed": (
        "Rebound can't save right now: its storage could not be written ({why}), so your changes "
        "were not saved. What you typed is still on screen: try Save again in a moment."
    ),
    "unavailable": "Your saved work can't be reached just now ({why}). Nothing was changed: try again in a moment.",
    "account_not_found": "This account no longer exists, so nothing was saved.",
    "account_unreadable": (
        "Your account can't be opened just now because its record is damaged. Nothing was changed. "
        "The person who runs this Rebound can see what happened in the server log and restore it."
    ),
    "username_taken": "That username is already taken. Please choose another one.",
    "name_held": (
        "That username can't be used just now: there is saved data under it that the person who runs "
        "this Rebound needs to look at first. Please choose another one."
    ),
    "email_taken": "An account with that email already exists. Try signing in instead.",
    "misconfigured": "Rebound's storage can't be used just now. The person who runs it has been told.",
    "document_unreadable": (
        "Your saved prep sheet couldn't be read, so it was put aside (nothing was deleted) and a fresh "
        "one started. Everything in your setbacks is here as before."
    ),
    "locked": (
        "Your writing is encrypted and this window hasn't unlocked it yet, so nothing was changed. "
        "Enter your password under “Unlock your writing” and try again."
    ),
}
# Why a setback could not be read (Problem.key).
UNREADABLE_REASONS = {
    "damaged": "it is damaged (it may have been cut short)",
    "not_rebound": "its contents don't match what Rebound expects",
    "newer_version": "it was written by a newer version of Rebound",
    "foreign": "it holds a different setback than it should (it may have been copied in)",
    "folder_in_place": "a folder is in its place",
    "permissions": "it can't be opened (permissions)",
    "link_in_place": "a link to somewhere else is in its place",
    "in_the_way": "something else is in the way of it",
    "tampered": "it does not open with your key (it may have been changed or moved)",
}
UNREADABLE_SET_ASIDE = (
    "We couldn't open {described}: {reason}. It has been set aside, nothing was deleted, and the rest "
    "of your setbacks are here as usual."
)
UNREADABLE_LEFT = (
    "We couldn't open {described}: {reason}. It could not be moved aside either, so it was left exactly "
    "as it is; the rest of your setbacks are here as usual."
)


STORAGE_WHY_UNKNOWN = "an unexpected problem"
UNREADABLE_THE_SETBACK = "the setback for {name}"
UNREADABLE_ONE_SETBACK = "one of your setbacks"


def storage_message(key: str, params: dict[str, object]) -> str:
    """The words for a storage error's key and values."""
    messages = _here.STORAGE_MESSAGES
    template = messages.get(key, messages["unavailable"])
    values = {"why": _here.STORAGE_WHY_UNKNOWN} | {k: v for k, v in params.items() if v}
    return template.format(**values)


def storage_problem(problem) -> str:
    """The words for a setback that could not be read (a core.storage.Problem)."""
    import re

    plain = " ".join(re.sub(r"[\W_]+", " ", problem.described).split())[:80]
    described = _here.UNREADABLE_THE_SETBACK.format(name=plain) if plain else _here.UNREADABLE_ONE_SETBACK
    reasons = _here.UNREADABLE_REASONS
    reason = reasons.get(problem.key, reasons["damaged"])
    template = _here.UNREADABLE_SET_ASIDE if problem.set_aside else _here.UNREADABLE_LEFT
    return template.format(described=described, reason=reason)


# -- creating an account ----------------------------------------------------------------------

REGISTER_PROBLEMS = {
    "first_name": "Please enter your first name (up to 100 characters).",
    "last_name": "A last name can be up to 100 characters (it is optional).",
    "email": "That email address doesn't look complete. Please check it.",
    "username": (
        "Usernames can use letters (accents too), digits, dots, hyphens and underscores, up to 60 "
        "characters — or an email address."
    ),
    "password_short": "That password is a little short: it needs at least 8 characters.",
    "password_long": "That password is longer than Rebound can take (up to 1,000 characters).",
    "password_common": (
        "That password is one of the most common ones (or your username or email), so it is easy to "
        "guess. Try a few words that mean something only to you."
    ),
    "repeat": "The two passwords are different. Please type them again.",
    "captcha": "The captcha didn't match. Please type the characters again.",
}
PASSWORD_RULES = (
    "At least 8 characters; long passphrases and any characters are welcome. Very common passwords "
    "are refused."
)
USERNAME_RULES = (
    "Letters (accents too), digits, dots, hyphens and underscores, up to 60 characters — or your "
    "email address."
)


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
# The emotion charts as text, for anyone who can't see them (a table beside each chart).
ARC_TABLE = "The chart as a table"
ARC_TABLE_COLUMNS = {"setback": "Setback", "heard_on": "When the news came"}
ARC_TABLE_MISSING = "—"

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


SHOW_MORE = Plural("Show one more", "Show {count} more")
PLAN_FROM_ONE = "{kind} · {title} · {when}"
PLAN_FROM_MANY = Plural(
    "In {count} setback · the latest: {title}, {when}", "In {count} setbacks · the latest: {title}, {when}"
)


def show_more(count: int) -> str:
    """The button under a list that holds more than it shows: "Show one more", "Show 4 more"."""
    return _here.SHOW_MORE.format(count)


def plan_from(times: int, title: str, when: str) -> str:
    """Where an if-then plan came from: its setback, or how many had it and the latest one."""
    if times == 1:
        return _here.PLAN_FROM_ONE.format(kind=_here.LESSON_KINDS["if_then"], title=title, when=when)
    return _here.PLAN_FROM_MANY.format(times, title=title, when=when)


CONTROL_SPLIT_OUTSIDE = (
    "Of the reasons you marked, {part} of {total} sat with them or can't be known. "
    "A lot of what decides a hiring choice happens out of your sight."
)
CONTROL_SPLIT_MINE = (
    "Of the reasons you marked, {part} of {total} felt like they were in your hands. "
    "That's good news in disguise: those are the ones practice can change."
)
FEEDBACK_TIMES = Plural("{kind} — once", "{kind} — {count} times")


def control_split_line(split: dict[str, int]) -> str:
    """One gentle sentence on whose control the marked reasons were, or "" when none were marked."""
    total = sum(split.values())
    if not total:
        return ""
    outside = split.get("theirs", 0) + split.get("unknown", 0)
    mine = split.get("mine", 0)
    if outside >= mine:
        return _here.CONTROL_SPLIT_OUTSIDE.format(part=outside, total=total)
    return _here.CONTROL_SPLIT_MINE.format(part=mine, total=total)


def feedback_line(kind: str, times: int) -> str:
    """A kind of feedback and how often it came, as a short line."""
    return _here.FEEDBACK_TIMES.format(times, kind=_here.FEEDBACK_KINDS[kind])


# -- account (issue 5) ----------------------------------------------------------------------

ACCOUNT_INTRO = "Your details, your password, and everything you've written here: yours to keep or remove."
ACCOUNT_DETAILS_TITLE = "You and your password"
SIGNED_IN_AS = "Signed in as {name} ({username}) · {email}"
DETAILS_FIELDS = {
    "Form name": "Your name and email",
    "First name": "First name",
    "Last name": "Last name (optional)",
    "Email": "Email",
    "Update": "Save details",
}
DETAILS_SAVED = "Saved. Your details are up to date."
DETAILS_SAME = "That's already what's saved — nothing needed changing."
PASSWORD_FIELDS = {
    "Form name": "Change password",
    "Current password": "Current password",
    "New password": "New password",
    "Repeat password": "Repeat new password",
    "Reset": "Change password",
}
PASSWORD_SAVED = (
    "Your new password is saved. Other browsers signed in to this account have been signed out; "
    "this one stays signed in."
)
PASSWORD_PROBLEMS = {
    "current": "The current password isn't right. Please try it again.",
    "same": "The new password is the same as the current one.",
    "repeat": "The two new passwords are different. Please type them again.",
}


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
THEME_TITLE = "Appearance"
THEME_LABEL = "Theme"
THEME_CHOICES = {"system": "Same as my device", "light": "Light", "dark": "Dark"}
THEME_HELP = (
    "“Same as my device” follows your computer's or phone's light or dark setting. "
    "Your choice applies straight away."
)

DELETE_CONFIRM = "To confirm, type your username: {username}"
DELETE_BUTTON = "Delete all my data"
DELETE_MISMATCH = "That doesn't match your username, so nothing was deleted."
DELETED = "Everything is deleted and you're signed out. Take good care of yourself."
ACCOUNT_GONE = "This account has been deleted, so you've been signed out here too."
SIGNED_OUT_ELSEWHERE = (
    "You signed out (or changed your password) in another window, so you're signed out here too."
)
DELETE_FAILED = "Something stopped the deletion part-way: {problem} Please try again in a moment."

# -- importing an export (issue 18) ------------------------------------------------------------
# {size} and {limit} are already written out ("100 MB"); {name} is a file inside the zip.
IMPORT_TITLE = "Import an export"
IMPORT_HELP = (
    "Bring back a Rebound export — from this Rebound or another one. You'll see what is in it before "
    "anything is saved, and nothing you have here is changed unless you say so."
)
IMPORT_UPLOADER = "Import"
IMPORT_UPLOADER_HELP = "A zip file made by Export all my data (rebound-export-….zip)."
IMPORT_READING = "Checking the zip…"
IMPORT_PREVIEW_TITLE = "What's in this export"
IMPORT_FROM = "Exported from the account {username}, by {made_by}."
IMPORT_FROM_UNNAMED = "Exported by {made_by}."
IMPORT_OLDER_REBOUND = "an earlier version of Rebound"
IMPORT_COUNTS = "Setbacks: {total} — new here: {new}, already here and the same: {identical}, already here but different: {different}. Drafts: {drafts}."
IMPORT_UPGRADED = "From an older version of Rebound, brought up to date as they come in: {count}."
IMPORT_TABLE_COMPANY = "Company"
IMPORT_TABLE_ROLE = "Role"
IMPORT_TABLE_HEARD = "Heard back"
IMPORT_TABLE_STATUS = "Here"
IMPORT_STATUS = {
    "new": "New here",
    "identical": "Already here, the same",
    "different": "Already here, different",
}
IMPORT_CHOICES_TITLE = "Already here, but different"
IMPORT_CHOICES_HELP = (
    "These setbacks exist here and in the export, with different contents. Choose for each one; "
    "nothing is overwritten unless you pick “Take the imported one”."
)
IMPORT_CHOICE_LABEL = "{company} — heard back {heard_on} (here: last changed {here_changed}; export: last changed {there_changed})"
IMPORT_CHOICE = {
    "keep": "Keep the one here",
    "take": "Take the imported one",
    "both": "Keep both (the imported one gets a new id)",
}
IMPORT_CHOICES_MISSING = "Choose what to do with each setback above that differs; then Import."
IMPORT_SKIPPED_TITLE = "Left out"
IMPORT_SKIPPED_HELP = "These entries of the zip can't be imported, so they would be left out:"
IMPORT_SKIPPED_LINE = "{name}: {reason}"
IMPORT_SKIPPED_MORE = "…and {count} more."
IMPORT_SKIPPED = {
    "unknown": "not a file Rebound exports",
    "not_json": "not readable JSON",
    "not_setback": "not a setback Rebound can read (at {detail})",
    "too_long": "a text in it is longer than Rebound keeps ({detail} characters at most)",
    "too_large": "larger than a setback can be ({detail} bytes at most)",
    "id_mismatch": "it holds a different setback than its name says",
    "duplicate_id": "the same setback appears twice; the first one is used",
    "not_draft": "not a draft Rebound can read",
    "draft_orphan": "a draft for a setback that isn't in the export",
    "not_manifest": "not the description of an export Rebound knows",
    "not_prep_sheet": "not a prep sheet Rebound can read",
}
IMPORT_CONSENT = "Import the rest and leave these out"
IMPORT_CONSENT_MISSING = (
    "Some entries would be left out: tick the box above if that is all right, then Import."
)
IMPORT_BUTTON = "Import"
IMPORT_NOTHING = "Everything in this export is already here, exactly the same. There is nothing to import."
IMPORT_WRITING = "Importing {done} of {total}…"
IMPORT_DONE = (
    "Imported. New here: {added}. Replaced by the imported one: {replaced}. Kept both: {copies}. "
    "Already the same: {identical}. Kept yours: {kept}. Drafts: {drafts}."
)
IMPORT_DONE_PREP = (
    "Your prep sheet for the next interview has what the export's sheet held, beside what you had."
)
IMPORT_DONE_SKIPPED = "Entries of the zip left out, as you agreed: {skipped}."
IMPORT_NOT_WRITTEN = (
    "Not imported, because they changed here while you were choosing: {count}. Upload the file again "
    "to see them as they are now."
)
IMPORT_EMPTY = "This export holds no setbacks, so there is nothing to import."
IMPORT_FAILED = (
    "The import stopped part-way: {problem} What was imported before that is saved; upload the file "
    "again to bring in the rest (what is already here is recognised and left alone)."
)
# Why a zip can't be imported at all; nothing was saved. (ImportRefused.key)
IMPORT_NOT_ZIP = (
    "This file isn't a zip file, so nothing was imported. Choose the .zip file that Export all my data made."
)
IMPORT_NOT_EXPORT = (
    "This zip doesn't look like a Rebound export (there is no setbacks folder or account.json in it), "
    "so nothing was imported. Choose the zip that Export all my data made."
)
IMPORT_ZIP_TOO_BIG = "This file is {size}; an import takes at most {limit}. Nothing was imported. If it really is a Rebound export, ask the person who runs this Rebound to import it for you."
IMPORT_TOO_BIG = "Unpacked, this zip would be {size}; an import takes at most {limit}. Nothing was imported: a Rebound export is far smaller, so this is probably not one."
IMPORT_TOO_MANY_FILES = "This zip holds {count} files; an import takes at most {limit}. Nothing was imported."
IMPORT_TOO_MANY_SETBACKS = (
    "This export holds {count} setbacks; one import takes at most {limit}. Nothing was imported. "
    "The person who runs this Rebound can move all of them at once with its operator command."
)
IMPORT_TOO_MANY_DRAFTS = (
    "This export holds {count} drafts; one import takes at most {limit}. Nothing was imported."
)
IMPORT_UNSAFE_PATH = (
    "This zip holds an entry whose name points outside its folder ({name}). Rebound exports never do, "
    "so nothing was imported. Choose the zip that Export all my data made."
)
IMPORT_LINK = "This zip holds a link ({name}). Rebound exports never do, so nothing was imported. Choose the zip that Export all my data made."
IMPORT_ENCRYPTED_ZIP = "This zip is password-protected ({name}), so Rebound can't read it and nothing was imported. Unpack it and zip the folder again without a password."
IMPORT_DUPLICATE_NAME = "This zip holds two entries with the same name ({name}), so it is not clear which one is meant. Nothing was imported."
IMPORT_DAMAGED = "Part of this zip can't be unpacked ({name}): it may be damaged or cut short. Nothing was imported. Try exporting again."
IMPORT_SIZE_LIES = "Part of this zip ({name}) holds more than the zip says it does, so it was not unpacked and nothing was imported."
IMPORT_NEWER = (
    "This export was made by {made_by}, which is newer than this Rebound ({this}), so it can't be read "
    "here yet and nothing was imported. Once this Rebound is updated, the same file will import."
)
IMPORT_NEWER_UNNAMED = (
    "This export was made by a newer version of Rebound than this one ({this}) (its layout is version "
    "{version}), so nothing was imported. Once this Rebound is updated, the same file will import."
)
IMPORT_REFUSED = {
    "not_zip": IMPORT_NOT_ZIP,
    "not_export": IMPORT_NOT_EXPORT,
    "zip_too_big": IMPORT_ZIP_TOO_BIG,
    "too_big": IMPORT_TOO_BIG,
    "too_many_files": IMPORT_TOO_MANY_FILES,
    "too_many_setbacks": IMPORT_TOO_MANY_SETBACKS,
    "too_many_drafts": IMPORT_TOO_MANY_DRAFTS,
    "unsafe_path": IMPORT_UNSAFE_PATH,
    "link": IMPORT_LINK,
    "encrypted_zip": IMPORT_ENCRYPTED_ZIP,
    "duplicate_name": IMPORT_DUPLICATE_NAME,
    "damaged": IMPORT_DAMAGED,
    "size_lies": IMPORT_SIZE_LIES,
    "newer": IMPORT_NEWER,
}


def _megabytes(value: int) -> str:
    return (
        f"{i18n.number(round(value / 1_000_000))} MB" if value >= 1_000_000 else f"{i18n.number(value)} bytes"
    )


def import_refused(key: str, params: dict) -> str:
    """The words for a zip that can't be imported (core.importer.ImportRefused)."""
    from core.version import NAME

    values = {k: v for k, v in params.items()}
    for name in ("size", "limit"):
        if isinstance(values.get(name), int) and key in ("zip_too_big", "too_big"):
            values[name] = _megabytes(values[name])
    for name in ("count", "limit"):
        if isinstance(values.get(name), int) and key not in ("zip_too_big", "too_big"):
            values[name] = i18n.number(values[name])
    values["this"] = NAME
    if key == "newer" and not values.get("made_by"):
        return _here.IMPORT_NEWER_UNNAMED.format(**values)
    return _here.IMPORT_REFUSED.get(key, _here.IMPORT_DAMAGED).format_map(_Blank(values))


class _Blank(dict):
    """Format values where a missing one reads as nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"


EXPORT_README = """\
Rebound — everything you wrote, exported {exported_at}
=========================================================

This folder holds all of your data from Rebound. Nothing else about you is kept there.

README.txt
    This file.

account.json
    Your username, first and last name and email address. Your password is not
    included (Rebound only ever stored a one-way hash of it).

manifest.json
    Which Rebound made this export ("made_by") and the version of its layout
    ("export_version"), so that Account → Import on any Rebound can take it back.

setbacks/<id>.json
    One file per setback, archived ones included, in the layout Rebound uses for
    them, opened (see the note on encryption at the end). Each is a JSON object with:

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
                      the job (0-10), your if-then plan and what you'd say to a friend
      went_well       your wins
      gratitude       the things you're grateful for, and who for
      next_targets    what drew you to the job, your target companies, the company to
                      stay in touch with (and when), and profile-building actions
      summary         your closing check-in, your note to your future self, and what
                      you chose to put in the PDF (their message only if you ticked it)

    A stage you haven't saved yet is null. Every stage has "saved_at", the moment
    it was last saved.

prep-sheet.json
    Your sheet for the next interview, if you started one: the interview (company,
    role, interview_on), whether archived setbacks come along, the items you ticked
    or unticked ("picks", by item key), the questions you practised, and the items
    you added yourself ("own").

drafts/<id>.<stage>.json
    What a page held that you had not saved yet, one file per setback and page,
    exactly as Rebound keeps it: the setback's id, the page ("vent", "reflect",
    "went_well", "gratitude", "next_targets", "summary"), "values" (each field as
    the page had it) and "updated_at" (when it was kept, UTC). Drafts are not part
    of the setbacks above: only what you saved is.

The files are plain UTF-8 text: any text editor can open them, and any programming
language can read them. Keep this export somewhere private — it includes writing you
may have meant only for yourself.

This export is not encrypted. Rebound keeps your writing encrypted with a key only
your password or one of your recovery codes opens; this copy is yours, in the clear,
so that you can read it anywhere. Anyone who gets hold of this file can read it too.
"""


# -- the five stage worksheets (issue 3) ------------------------------------------------------
# Names here start with the stage they belong to (VENT_, REFLECT_, WINS_, GRATITUDE_, TARGETS_),
# or STAGE_ / CRISIS_ when every stage page shares them.

STAGE_ADD_ROW = "Add another"
# What the x beside a list row says it does (read out, and shown beside it on a phone); {n} is the row.
STAGE_REMOVE = {
    "went_well.wins": "Remove win {n}",
    "gratitude.entries": "Remove thankful-for {n}",
    "reflect.stumbles": "Remove question {n}",
    "next_targets.attractions": "Remove what drew me {n}",
    "next_targets.actions": "Remove action {n}",
    "vent.own": "Remove feeling {n}",
}
STAGE_UNSAVED = "You have changes that aren't saved yet."
# Drafts (issue 12): what a page holds is kept as it is typed, until Save or Discard.
DRAFT_RESTORED = "Restored what you wrote at {time}, not saved yet."
DRAFT_DISCARD = "Discard"
DRAFT_DISCARD_HELP = "Go back to what was last saved on this page."
DRAFT_DISCARDED = "Went back to what was saved."
DRAFT_NOT_KEPT = (
    "Rebound couldn't keep a draft of this page just now, so a reload could lose what changed since "
    "your last save. Everything is still here on screen: Save keeps it."
)
# A removed row can be brought back right away; {what} is the start of its words.
STAGE_REMOVED = "Removed “{what}”"
STAGE_REMOVED_ROWS = Plural("Removed {count} row", "Removed {count} rows")
STAGE_UNDO = "Undo"
STAGE_UNDO_HELP = "Put it back where it was."
STAGE_CHECK = (
    "Something needs a look before this can be saved — see the note next to it. Nothing you typed is lost."
)

# The crisis cards (core/crisis.py decides which one). Calm words, no alarm colours, never blocking.
# The crisis card: what was written speaks of suicide, self-harm, a method or a plan.
CRISIS_TITLE = "You don't have to carry this alone"
CRISIS_BODY = (
    "Some of what you wrote sounds really heavy. If you're thinking about hurting yourself or ending "
    "your life, please reach out to someone now — a helpline, a person you trust, or emergency "
    "services. Your writing stays safe here either way, and you can keep going whenever you want."
)
# The gentle card: what was written speaks of wishing not to be here, being a burden, no way out, ….
CRISIS_GENTLE_TITLE = "That sounds like a lot to hold"
CRISIS_GENTLE_BODY = (
    "You wrote about {topics}. Feelings like that are worth talking about with someone — today, not "
    "someday. A person you trust can help, and so can the people on these lines, whatever it's about. "
    "Your writing stays safe here, and you can keep going whenever you want."
)
# What each topic of core.crisis.TOPICS is called on the gentle card, in general words.
CRISIS_TOPICS = {
    "wish_dead": "wishing you weren't alive",
    "not_wake": "not wanting to wake up",
    "disappear": "wanting to disappear",
    "stop": "wanting it all to stop",
    "burden": "feeling like a burden",
    "no_way_out": "feeling there's no way out",
    "no_future": "not seeing a way forward",
    "tired": "being tired of it all",
    "cant_go_on": "not being able to keep going",
    "death": "thoughts of dying or of not being here",
}
CRISIS_TOPIC_OTHER = "how heavy things feel"
CRISIS_LINES_FOR = "Places to turn to ({region}):"
CRISIS_EMERGENCY = "If you are in immediate danger, call {number}."
CRISIS_CLOSE = "Close"
CRISIS_CLOSE_HELP = (
    "Hides this card for what you wrote here. It comes back only if you write something like it again."
)


def crisis_topics(topics: tuple[str, ...] | list[str]) -> str:
    """The gentle card's topics in one phrase: "a", "a and b", "a, b and c" (at most three)."""
    names, other = _here.CRISIS_TOPICS, _here.CRISIS_TOPIC_OTHER
    words = list(dict.fromkeys(names.get(topic, other) for topic in topics))[:3]
    return i18n.join(words) if words else other


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
REFLECT_APPLIES_FOR = "{reason}: does it apply?"  # read out for each reason
REFLECT_CONTROL = "Whose control?"
REFLECT_BASIS = "Based on"
# The seed's caution about looking up who got the role (core.suggestions.look_up_note picks one).
REFLECT_LOOK_UP_DAYS = 14
REFLECT_LOOK_UP_SOON = (
    "Tempted to look up who got the role? That can wait a couple of weeks — and if you still wonder "
    "then, remember a profile never tells the whole story of why someone was chosen."
)
REFLECT_LOOK_UP_LATER = (
    "If you still wonder who got the role, a look at their profile is fine now. Just remember it "
    "never tells the whole story: most of what decided it happened out of sight."
)
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
        "Usually a sign you made a good impression: you are now someone they know when the next role opens."
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
REFLECT_ASK_OPEN = "A message asking for a short feedback call"
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
REFLECT_FRIEND = "What would you say to a friend who got this email? (optional)"
REFLECT_FRIEND_HELP = "Then read it back to yourself: you deserve the same kindness you'd give them."
# The message they sent, shown again beside the feedback (Start here's help promises it).
REFLECT_MESSAGE = "Their message, as you pasted it"
REFLECT_MESSAGE_HELP = (
    "Read it slowly, once. Notice what it actually says — and what it doesn't. Anything it leaves "
    "out is not a verdict on you."
)
REFLECT_NO_MESSAGE = (
    "If you paste their message on Start here (Edit, under Your setbacks), it shows here, so you can "
    "read it calmly beside your notes."
)
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


# The words the two ready-to-send messages fill in ({the_role}, {the_process}, {sender}).
THE_ROLE = "the {role} role"
THE_ROLE_UNNAMED = "the role"
THE_PROCESS = "the {role} hiring process"
THE_PROCESS_UNNAMED = "the hiring process"
SIGNATURE_MISSING = "[your name]"

GRATITUDE_COUNT_DONE = Plural(
    "{count} thing to be grateful for. Lovely — add more whenever something comes to mind.",
    "{count} things to be grateful for. Lovely — add more whenever something comes to mind.",
)
GRATITUDE_COUNT_NONE = "Three is a good aim. Start with the smallest thing, if that's easiest."
GRATITUDE_COUNT_SOME = "{count} so far — {left} more when you're ready."


def gratitude_count(count: int, aim: int) -> str:
    """A gentle counter towards `aim` (three) things to be grateful for."""
    if count >= aim:
        return _here.GRATITUDE_COUNT_DONE.format(count)
    if count == 0:
        return _here.GRATITUDE_COUNT_NONE
    return _here.GRATITUDE_COUNT_SOME.format(count=count, left=aim - count)


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
    "gives you focus without overwhelm. Click a cell and type; “Add a company” gives you another "
    "row. Empty rows are ignored."
)
TARGETS_ADD_ROW = "Add a company"
TARGETS_AIM = 10
# An own feeling named like one of the fixed five, told apart from it (chart, sliders, PDF).
EMOTION_OWN = "{name} (own)"
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


TARGETS_COUNT_NONE = "No companies yet. About {aim} is a good aim — one is a fine start."
TARGETS_COUNT_SOME = "{count} of about {aim}."
TARGETS_COUNT_FULL = Plural(
    "{count} company — a solid list to work from.", "{count} companies — a solid list to work from."
)


def targets_count(count: int) -> str:
    """How many targets there are, against the aim of about ten."""
    if count == 0:
        return _here.TARGETS_COUNT_NONE.format(aim=TARGETS_AIM)
    if count < TARGETS_AIM:
        return _here.TARGETS_COUNT_SOME.format(count=count, aim=TARGETS_AIM)
    return _here.TARGETS_COUNT_FULL.format(count)


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
    "to_a_friend": "What you'd say to a friend",
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


FIELD_THIS = "This field"
FIELD_NEEDED = "{label} is needed — even a word or two is fine."
FIELD_OUT_OF_RANGE = "{label} is outside its range. Please set it again."
FIELD_TOO_MANY = "{label} can have up to {limit} entries. Please remove one or two."
FIELD_NOT_A_DATE = "{label} doesn't look like a date. Please pick one again."
FIELD_IN_FUTURE = "{label} can't be in the future — pick today or an earlier day."
FIELD_CHECK = "{label}: please check this value."


def stage_field_label(path: tuple[str | int, ...]) -> str:
    """A field's name for people, from its place in a stage model (row numbers count from 1).

    A path from a whole Setback ("vent", "text") is matched by its stage-relative part too.
    """
    rows = [part + 1 for part in path if isinstance(part, int)]
    parts = ["*" if isinstance(part, int) else str(part) for part in path]
    fields = _here.STAGE_FIELDS
    label = None
    for start in range(len(parts)):
        pattern = ".".join(parts[start:])
        label = fields.get(pattern) or fields.get(pattern.rsplit(".", 1)[0] + ".*")
        if label is not None:
            break
    if label is None:  # a field without a name here: its own name, readable (STAGE_FIELDS should have it)
        label = str(path[-1]).replace("_", " ").capitalize() if path else _here.FIELD_THIS
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
            text = _here.FIELD_NEEDED.format(label=label)
        elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than", "int_parsing"):
            text = _here.FIELD_OUT_OF_RANGE.format(label=label)
        elif kind == "too_long":
            text = _here.FIELD_TOO_MANY.format(label=label, limit=int(ctx.get("max_length", 0)))
        elif kind.startswith("date"):
            text = _here.FIELD_NOT_A_DATE.format(label=label)
        elif kind == "value_error" and "future" in str(ctx.get("error", "")):
            text = _here.FIELD_IN_FUTURE.format(label=label)
        else:
            text = _here.FIELD_CHECK.format(label=label)
        messages.setdefault(".".join(str(part) for part in loc), text)
    return messages


# -- hardening: sign-in pauses (issue 6) -----------------------------------------------------


LOGIN_PAUSED = Plural(
    "This account has had too many unsuccessful sign-in attempts, so it is paused for {count} "
    "minute to keep it safe. Please try again after that — nothing you wrote is affected.",
    "This account has had too many unsuccessful sign-in attempts, so it is paused for {count} "
    "minutes to keep it safe. Please try again after that — nothing you wrote is affected.",
)


def login_paused(minutes: int) -> str:
    """The message when an account is paused after too many failed sign-ins."""
    return _here.LOGIN_PAUSED.format(minutes)


LOGIN_TROUBLE = "Signing in didn't work just now. Please try again in a moment."


LOGIN_CLIENT_PAUSED = Plural(
    "There have been too many unsuccessful sign-in attempts from your network, so signing in from "
    "it is paused for {count} minute. If this browser has signed in to your account before, "
    "your password still works here.",
    "There have been too many unsuccessful sign-in attempts from your network, so signing in from "
    "it is paused for {count} minutes. If this browser has signed in to your account before, "
    "your password still works here.",
)


def login_client_paused(minutes: int) -> str:
    """The message when one client address has had too many failed sign-ins, whatever the names."""
    return _here.LOGIN_CLIENT_PAUSED.format(minutes)


SIGN_UPS_PAUSED = (
    "Several accounts were created from your network within the last hour, so creating another one "
    "has to wait a little. Please try again in an hour, or ask the person who runs this Rebound."
)
SIGN_OUT_HELD = (
    "You're signed out. Rebound can't save right now, so it holds your sign-out in memory and writes "
    "it down as soon as it can; until then your earlier sign-ins are refused here."
)
CAPTCHA_ALT = (
    "A picture of four digits to type in the box above; it shows that a person, not a program, is "
    "signing up. Can't read it? Send the form and a new picture comes, or ask the person who runs "
    "this Rebound."
)
CAPTCHA_HELP = "Type the four digits in the picture below."
TEXT_UNSENDABLE = (
    "Some text on this page holds a character your browser could not send (this can happen with "
    "text pasted from elsewhere), so nothing was saved. Your text is still on screen: retype or "
    "delete the last characters you pasted, then save again."
)


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
SUMMARY_CHECK_IN_HELP_FRESH = "0 is not at all, 100 is as strong as it gets. Any rating, or none, is fine."
SUMMARY_CHART_EMPTY = "Move a slider and the chart of your feelings appears here."
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
SUMMARY_INCLUDE_MESSAGE = "Include their message"
SUMMARY_MESSAGE_HELP = "The message you pasted on Start here. It stays out of the PDF unless you tick this."
SUMMARY_MESSAGE_NOTHING = "There's no message saved with this setback (you can paste one on Start here)."
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


# -- before my next interview: the prep sheet (issue 19) -------------------------------------

PREP_INTRO = (
    "Everything your setbacks taught you, gathered for the evening before the next interview: "
    "your if-then plans, the questions to rehearse, stories to prepare and the strengths to say "
    "with confidence. Pick what to bring, add your own, and take it with you on one page."
)
PREP_EMPTY = (
    "This is where your next interview's prep sheet will gather itself. Once you've written about "
    "a setback, Rebound brings back your if-then plans, the questions you stumbled on with the "
    "better answers you wrote, stories to prepare from any feedback, the strengths that keep coming "
    "up in What went well, questions to ask at the end, and your lessons — each with the setback it "
    "came from."
)
PREP_NOTHING_YET = (
    "Nothing to gather from your setbacks yet. As you fill in Reflect and What went well, your "
    "plans, questions, stories, strengths and lessons will appear here. You can add your own below "
    "in the meantime."
)
PREP_INTERVIEW_TITLE = "The interview"
PREP_INTERVIEW_HELP = "Name the interview you're getting ready for; it goes on the sheet and the reminder."
PREP_COMPANY = "Company"
PREP_ROLE = "Role (optional)"
PREP_DATE = "Date of the interview"
PREP_INCLUDE_ARCHIVED = "Include archived setbacks"
PREP_INCLUDE_ARCHIVED_HELP = "Archived setbacks are tucked away; their lessons can still come along."
PREP_PICK_HELP = (
    "Tick what to bring to this interview. The newest few of each section are ticked to begin with; "
    "every tick is kept as you make it."
)
PREP_SECTION_TITLES = {
    "plans": "My if-then plans",
    "questions": "Questions to rehearse",
    "stories": "Stories to prepare",
    "strengths": "Strengths to say with confidence",
    "ask": "Questions to ask at the end",
    "lessons": "Lessons to keep in mind",
}
PREP_SECTION_INTROS = {
    "plans": "Plans you made for next time. A plan that came up more than once is shown once.",
    "questions": "Questions that went badly, with the better answer you wrote afterwards. Say each answer out loud once.",
    "stories": "What feedback said they wanted more of: a short story from your own work that shows it.",
    "strengths": "What went well, most often first. These come with you into the room.",
    "ask": "Asking the first one gives you a chance to clear up a misunderstanding before they decide.",
    "lessons": "From “What can I take from it?” on Reflect.",
}
# Each item's ticks, numbered within their section (read out beside the item's words, like "Remove win 3").
PREP_BRING = {
    "plans": "Bring plan {n}",
    "questions": "Bring question {n}",
    "stories": "Bring story {n}",
    "strengths": "Bring strength {n}",
    "ask": "Bring question to ask {n}",
    "lessons": "Bring lesson {n}",
}
PREP_PRACTISED = "Practised question {n}"
PREP_OWN_PRACTISED = "Practised my item {n}"
PREP_BETTER_ANSWER = "Better answer: {answer}"
PREP_NO_ANSWER = "No better answer written yet — Reflect has room for one."
PREP_THEY_SAID = "They said: “{quote}”"
PREP_STORY = "Prepare a story about {topic}"
PREP_OFFER_QUESTION = "Is there anything that might stand in the way of me being offered this role?"
PREP_ASK = "Ask {rest}"
PREP_LESSON_KINDS = {
    "learned": "Learned",
    "practice": "Could practise",
    "differently": "Would do differently",
}
PREP_LESSON_ORIGIN = "{kind} · {origin}"
PREP_SUGGESTED = "Rebound's suggestion"
PREP_ADDED_BY_YOU = "Added by you"
PREP_FROM = "From {sources}"  # {sources}: one or two setbacks, or two and PREP_FROM_OTHERS, as a list
PREP_FROM_OTHERS = Plural("{count} more", "{count} more")
PREP_CAME_UP = Plural("came up once", "came up {count} times")
PREP_ORIGIN_TIMES = "{where} · {times}"
PREP_SHOW_MORE = "Show {count:,} more"
PREP_OWN_TITLE = "Add your own"
PREP_OWN_TEXT = "What to bring"
PREP_OWN_PLACEHOLDER = "e.g. Mention the pricing launch in the first five minutes"
PREP_OWN_SECTION = "Which section"
PREP_OWN_ADD = "Add"
PREP_OWN_ADDED = "Added to “{section}”."
PREP_OWN_EMPTY = "Write something to add first — the field is empty."
PREP_OWN_FULL = "The sheet already holds {limit} items of your own; remove one to add another."
PREP_OWN_REMOVE = "Remove my item {n}"
PREP_DOWNLOADS = "Take it with you"
PREP_DOWNLOAD_PDF = "Download prep sheet (PDF)"
PREP_DOWNLOAD_ICS = "Reminder the evening before (.ics)"
PREP_PDF_HELP = (
    "One page with what you ticked. If it can't all fit, the PDF keeps the first few of each section "
    "and says how many were left out."
)
PREP_ICS_HELP = "A calendar reminder at 7 pm the evening before {day}, to reread your sheet."
PREP_ICS_NEEDS_DATE = "Add the interview's date above to get a reminder the evening before."
PREP_SAVE_FAILED = "That change couldn't be saved just now: {problem}"
PREP_PDF_KICKER = "REBOUND · BEFORE MY NEXT INTERVIEW"
PREP_TITLE = "Prep sheet"
PREP_TITLE_COMPANY = "Prep sheet — {company}"
PREP_TITLE_DAY = "Prep sheet — {day}"
PREP_TITLE_BOTH = "Prep sheet — {company}, {day}"
PREP_PDF_ROLE = "Role: {role}"
PREP_PDF_DATE = "Interview: {day}"
PREP_PDF_NOTHING = "Nothing ticked yet. Tick what to bring on the Before my next interview page in Rebound."
PREP_PDF_LEFT_OUT = Plural(
    "{count} more item you ticked didn't fit on one page; it is on the Before my next interview page "
    "in Rebound.",
    "{count} more items you ticked didn't fit on one page; they are on the Before my next interview "
    "page in Rebound.",
)
PREP_PDF_PRACTISED_ORIGIN = "{origin} · ✓ {practised}"
PREP_PDF_SHORTENED = "Long entries are shortened here (…); Rebound keeps them whole."
PREP_PDF_PRACTISED = "practised"
PREP_REMINDER_SUMMARY = "Tomorrow: {interview} — reread your prep sheet"
PREP_REMINDER_INTERVIEW = "your interview"
PREP_REMINDER_INTERVIEW_AT = "interview at {company}"
PREP_REMINDER_ALARM = "Your interview is tomorrow. Reread your prep sheet."
PREP_CALENDAR_NAME = "Rebound interview prep"


def prep_title(company: str, day: str) -> str:
    """The sheet's title: "Prep sheet — Globex, 12 March", with whichever of the two is known."""
    company = " ".join(company.split())
    if company and day:
        return _here.PREP_TITLE_BOTH.format(company=company, day=day)
    if company:
        return _here.PREP_TITLE_COMPANY.format(company=company)
    if day:
        return _here.PREP_TITLE_DAY.format(day=day)
    return _here.PREP_TITLE


def prep_origin(titles: list[str], times: int) -> str:
    """Where an item came from: "From Globex", "From Globex and Initech · came up 2 times", ..."""
    from core import i18n

    if not titles:
        return _here.PREP_SUGGESTED
    named = titles if len(titles) <= 2 else [*titles[:2], _here.PREP_FROM_OTHERS.format(len(titles) - 2)]
    where = _here.PREP_FROM.format(sources=i18n.join(named))
    if times <= 1:
        return where
    return _here.PREP_ORIGIN_TIMES.format(where=where, times=_here.PREP_CAME_UP.format(times))


# -- encryption at rest, recovery codes, forgot password (issue 14) -------------------------------

CODES_TITLE = "Your recovery codes"
CODES_WHY = (
    "Everything you write here is encrypted with a key that only your password opens — or one of "
    "these codes. If you ever forget your password, one code lets you set a new one, and everything "
    "you wrote is still there. Nobody else can do that for you: not even whoever runs this Rebound "
    "can read or recover your writing without your password or a code."
)
CODES_UPGRADED = (
    "Rebound now encrypts what you write, with a key only your password opens — or one of these "
    "codes. Everything you wrote before is encrypted now too. If you ever forget your password, one "
    "code lets you set a new one and keeps everything. Nobody else, not even whoever runs this "
    "Rebound, can recover your writing without your password or a code."
)
CODES_RENEWED = "Here is your new set. The old codes no longer work."
CODES_HOW = (
    "Each code works once. Keep them somewhere safe and private — a password manager, or printed on "
    "paper in a drawer. There's no rush: read this whenever you're ready."
)
CODES_DOWNLOAD = "Download as a text file"
CODES_FILE_NAME = "rebound-recovery-codes-{username}.txt"
CODES_FILE = """Rebound recovery codes for {username}
Made {made}

If you forget your password, go to "Forgot password?" on the sign-in page and enter
your username, one of these codes and a new password. Everything you wrote stays as
it is. Each code works once.

{codes}

Keep this file somewhere safe and private. Without your password or one of these
codes, nobody can open your writing, not even whoever runs this Rebound.
"""
CODES_KEPT = "I've kept them"
CODES_LATER = "Remind me later"
CODES_KEPT_NOTE = "Thank you. Rebound keeps no copy of these codes that anyone could read."
CODES_LATER_NOTE = (
    "That's fine. Your Account page keeps a gentle reminder, and you can make a new set there any time."
)
CODES_SECTION = "Recovery codes"
CODES_REMINDER = (
    "You haven't said yet that you've kept your recovery codes. If you're not sure where they are, "
    "make a new set — the old ones then stop working."
)
CODES_NEW = "Make a new set"
CODES_NEW_HELP = "Eight new codes; every old code stops working."
CODES_NONE_YET = (
    "Your writing will be encrypted the next time you sign in with your password, and you'll get "
    "your recovery codes then."
)
CODES_OFF = (
    "This Rebound keeps writing without encryption (the choice of whoever runs it), so there are no "
    "recovery codes. They can help if you forget your password."
)
CODES_TROUBLE = "That couldn't be done just now: {problem}"


CODES_LEFT_NONE = (
    "You have no recovery codes left. Make a new set, so there's a way back if you ever forget your password."
)
CODES_LEFT = Plural(
    "You have {count} of {total} recovery codes left.", "You have {count} of {total} recovery codes left."
)


def codes_left(count: int, total: int = 8) -> str:
    """How many recovery codes still work, in words."""
    if count == 0:
        return _here.CODES_LEFT_NONE
    return _here.CODES_LEFT.format(count, total=total)


UNLOCK_TITLE = "Unlock your writing"
UNLOCK_INTRO = (
    "You're still signed in, but this window can't open your writing by itself this time. Enter "
    "your password to unlock it."
)
UNLOCK_FIELDS = {"Form name": "Unlock", "Password": "Password", "Unlock": "Unlock"}
UNLOCK_WRONG = "That password doesn't match. Please try it again."
UNLOCK_TROUBLE = "Your writing can't be unlocked just now. Nothing was changed; please try again in a moment."

FORGOT_TITLE = "Forgot password?"
FORGOT_INTRO = (
    "With one of your recovery codes you can set a new password. Everything you wrote stays as it "
    "is, and the code is used up."
)
FORGOT_FIELDS = {
    "Form name": "Set a new password",
    "Username": "Username",
    "Code": "Recovery code",
    "New password": "New password",
    "Repeat password": "Repeat new password",
    "Submit": "Set new password",
}
FORGOT_REFUSED = (
    "That username and recovery code don't match (each code works only once). Check the code and try again."
)
FORGOT_BACK = "Back to sign in"
FORGOT_REPEAT = "The two new passwords are different. Please type them again."
FORGOT_NO_CODE = (
    "No code at hand? Then, honestly: nobody can open your writing without your password or a "
    "recovery code — not even whoever runs this Rebound. They can remove your account, so you can "
    "start again with the same username, but what you wrote can't be brought back."
)


FORGOT_DONE_NONE = (
    "Your new password is set and you're signed in; everything you wrote is here. You have no "
    "recovery codes left — Account is where you can make a new set."
)
FORGOT_DONE = Plural(
    "Your new password is set and you're signed in; everything you wrote is here. You have {count} "
    "recovery code left — Account is where you can make a new set.",
    "Your new password is set and you're signed in; everything you wrote is here. You have {count} "
    "recovery codes left — Account is where you can make a new set.",
)


def forgot_done(left: int) -> str:
    """Said once a recovery code has set a new password."""
    if left == 0:
        return _here.FORGOT_DONE_NONE
    return _here.FORGOT_DONE.format(left)


# -- PostgreSQL (core/storage/postgres.py) ------------------------------------------------------

# For the operator: shown instead of the app when the database URL can't be used.
DATABASE_UNREACHABLE = (
    "Rebound can't use the database named by the setting database_url (environment variable "
    "REBOUND_DATABASE_URL, or database_url under [rebound] in .streamlit/secrets.toml), {where}: "
    "{why}. Check that PostgreSQL is running there and that the host, port, database name, user "
    "and password in the URL are right, then reload this page."
)
DATABASE_NOT_INSTALLED = (
    "The setting database_url asks for PostgreSQL, but the psycopg package is not installed here. "
    "Install Rebound's requirements (pip install -r requirements.txt), then start it again."
)
# Why a save or a read did not happen (the {why} of STORAGE_MESSAGES).
DATABASE_AWAY = "the database can't be reached just now"
DATABASE_REFUSED = "the database refused the change"
DATABASE_ID_IN_USE = "that id is in use"
# Shown on a stage page while storage can't be reached (the page shows what it read last).
SHOWING_LAST_READ = (
    "Your saved work can't be reached just now, so this page shows it as it was when it was last "
    "read. What you type stays on screen; Save again in a moment."
)


# -- languages (issue 20) ---------------------------------------------------------------------

# Each language named in itself, whatever language the page is in.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
LANGUAGE_CHOICES = {"": "Same as my browser"} | LANGUAGE_NAMES
LANGUAGE_LABEL = "Language"
LANGUAGE_HELP = "Rebound speaks English and Spanish. “Same as my browser” follows your browser's language."

# -- words that used to live in app.py and the pages --------------------------------------------

SIGN_IN_PAGE = "Sign in"
SIDEBAR_SIGNED_IN_AS = "Signed in as {name}"
NO_SETBACK_YET = "There's no setback to work on yet. Tell Rebound what happened first."
CURRENT_SETBACK = "Current setback"
STAGE_FOR = "For {title}"
INTAKE_LABELS = {
    "company": "Company",
    "role": "Role",
    "stage_reached": "Stage reached",
    "heard_on": "Date heard",
    "how_heard": "How it came",
    "message": "Their message (optional)",
}
# Date formats the browser fills in (its month names are English whatever the page's language, so
# a translation should use numbers): momentJS for the History table, d3 for the chart.
HISTORY_DATE_COLUMN = "D MMM YYYY"
HISTORY_CHART_MONTH = "%b %Y"
HISTORY_CHART_DAY = "%d %b %Y"
HISTORY_STAGES_DONE = "%d of {total}"  # %d: how many stages are done (the browser fills it in)
SHOW_MORE_SETBACKS = Plural("Show more ({count} earlier)", "Show more ({count} earlier)")

# -- the PDF summary (core/summary.py, core/pdf.py) ---------------------------------------------

PDF_FOOTER = "Private self-coaching record — Rebound"
PDF_PAGE_NUMBER = "Page {page} of {pages}"  # filled in by Typst: keep {page} and {pages}
PDF_DOCUMENT_TITLE = "Rebound summary"
PDF_COVER_KICKER = "REBOUND · PRIVATE SUMMARY"
PDF_COVER_TITLE = "Looking back on {company}"
PDF_COVER_INTRO = (
    "A record of what you worked through after hearing back. Keep it, reread it before your next "
    "interview, or share it with someone you trust."
)
PDF_LEGEND = ("Before (first check-in)", "After (closing check-in)")
PDF_NOT_RATED = "not rated"
PDF_HEADINGS = {
    "vent": "Letting it out",
    "reflect": "Reflecting on what happened",
    "went_well": "What went well",
    "gratitude": "Gratitude",
    "next_targets": "Next targets",
}
PDF_FUTURE_NOTE_HEADING = "A note to my future self"
PDF_VENT_KEPT_PRIVATE = (
    "What you wrote here is private, so it stays out of this summary. It is still saved for you."
)
PDF_VENT_LEFT_OUT = "What you wrote here is left out of this summary. It is still saved for you."
PDF_COVER_FACTS = {
    "heard_on": "Heard back on",
    "stage_reached": "Stage reached",
    "how_heard": "How the news came",
}
PDF_REASON_COLUMNS = ("Possible reason", "Applies?", "Whose control", "Based on")
PDF_REASONS_LABEL = "Possible reasons"
PDF_FEEDBACK_RECEIVED = "Feedback received"
PDF_FEEDBACK_KIND = "What kind"
PDF_FEEDBACK_LABEL = "Their feedback"
PDF_FEEDBACK_SAID = "What they said"
PDF_LEARNING = {
    "learned": "What I can learn",
    "practice": "What I could have practised more",
    "differently": "What I would do differently",
}
PDF_STUMBLE_COLUMNS = ("A question I stumbled on", "A better answer now")
PDF_STUMBLES_LABEL = "Questions to prepare for"
PDF_WANTED = "{wanted} out of 10"
PDF_WANTED_LABEL = "How much I wanted this job"
PDF_IF_THEN_LABEL = "My if-then plan for next time"
PDF_TO_A_FRIEND_LABEL = "What I'd say to a friend who got this news"
PDF_MESSAGE_HEADING = "Their message"
PDF_ATTRACTIONS_LABEL = "What drew me to this job"
PDF_TARGETS_LABEL = "Where I'll aim next"
PDF_STAY_FACTS = {"company": "Company", "contact": "Contact", "reconnect_on": "Reconnect on", "note": "Note"}
PDF_STAY_LABEL = "Staying in touch"
PDF_ACTION = "{kind}: {what}"
PDF_ACTION_BY = "{kind}: {what} (by {due})"
PDF_ACTIONS_LABEL = "Building my profile"

# -- how feelings moved (core/emotions.py) --------------------------------------------------------

# The five feelings as they read mid-sentence (a person's own feelings keep the name they gave).
EMOTIONS_IN_A_SENTENCE = {
    "disappointment": "disappointment",
    "sadness": "sadness",
    "anger": "anger",
    "anxiety": "anxiety",
    "shame": "shame",
}
MOVED_NO_CHECK_INS = (
    "No check-ins yet. Rating your feelings at the start and at the end shows how they moved."
)
MOVED_ONLY_FIRST = (
    "Only the first check-in is here so far; a closing check-in will show how your feelings moved."
)
MOVED_ONLY_CLOSING = "Only the closing check-in is here; there is no first check-in to compare it with."
MOVED_NOTHING_FELT = "None of the feelings were rated above zero at either check-in."
MOVED_RATED_AT_END = "{name} was rated {after} at the end"
MOVED_RATED_AT_START = "{name} was rated {before} at the start"
MOVED_EASED = "{name} eased from {before} to {after}"
MOVED_ROSE = "{name} rose from {before} to {after}"
MOVED_STEADY = Plural("{names} stayed about the same", "{names} stayed about the same")
MOVED_SEPARATOR = "; "
MOVED_END = "."

# -- downloads: targets (.csv), follow-ups (.ics), the export (core/exports.py, core/data_zip.py) -----

ICS_CALENDAR_NAME = "Rebound follow-ups"
ICS_RECONNECT = "Reconnect with {company}"
ICS_NEXT_STEP = "{company}: {step}"
ICS_NEXT_STEP_FOR = "Next step for {company}"
ICS_ACTION = "{kind}: {what}"
ICS_DETAILS = {"role": "Role: {value}", "contact": "Contact: {value}", "why": "Why it fits: {value}"}
EXPORT_NOT_A_ZIP = "That file isn't a zip file."
EXPORT_TOO_LARGE = "{name} is too large to be a Rebound setback."
EXPORT_UNREADABLE = "{name} is not a setback Rebound can read."
EXPORT_WRONG_ID = "{name} holds a setback with a different id."
