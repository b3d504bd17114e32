"""Two changes to how Streamlit's server talks to the browser: unsendable text, one-time downloads.

1. Text the browser cannot send. A lone UTF-16 surrogate (half of an emoji, pasted from some
   apps) reaches the server as bytes that are not UTF-8; Streamlit then drops the whole message
   and closes the connection, so Save silently does nothing. Such a message is repaired here:
   each encoded surrogate (always three bytes, ED A0-BF 80-BF) becomes U+FFFD (three bytes too,
   so every length in the message still holds), buttons pressed in it are let go (nothing is
   saved from text that lost a character), and the run that follows tells the person, whose
   text stays on screen as they typed it.
2. Downloads. A file made by a download button on click (all of Rebound's: the export zip, the
   PDF, the CSV and the calendar) is forgotten a few seconds after it is first fetched (Chromium
   fetches a download twice: the page's request, then its download manager's), and never kept
   longer than a minute if it is not fetched: its `/media/...` address then opens nothing, for anyone.

`install()` is called by app.py on every run; it changes the classes once per process.
"""

from __future__ import annotations

import contextvars
import re
import threading

_installed = False
_install_lock = threading.Lock()

# -- 1. text the browser cannot send ----------------------------------------------------------

_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")
_REPLACEMENT = "\ufffd".encode()
_PRESSES = frozenset({"trigger_value", "string_trigger_value", "json_trigger_value", "chat_input_value"})
_repaired: contextvars.ContextVar[bool] = contextvars.ContextVar("rebound_repaired", default=False)
_unsendable: set[str] = set()  # sessions whose last message had text the browser could not send
_unsendable_lock = threading.Lock()


def repair(data: bytes) -> bytes | None:
    """A BackMsg whose lone surrogates are U+FFFD and whose button presses are let go; None if sound."""
    from google.protobuf.message import DecodeError
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    try:
        message.ParseFromString(data)
        return None
    except DecodeError:
        pass
    fixed, count = _ENCODED_SURROGATE.subn(_REPLACEMENT, data)
    if not count:
        return None
    message = BackMsg()
    try:
        message.ParseFromString(fixed)
    except DecodeError:
        return None
    if message.WhichOneof("type") != "rerun_script":
        return None
    state = message.rerun_script
    kept = [widget for widget in state.widget_states.widgets if widget.WhichOneof("value") not in _PRESSES]
    del state.widget_states.widgets[:]
    state.widget_states.widgets.extend(kept)
    state.fragment_id = ""  # the whole app runs, so the router can say what happened
    return message.SerializeToString()


def text_was_unsendable() -> bool:
    """Whether this session's last message held text the browser could not send (asked once)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None:
        return False
    with _unsendable_lock:
        if context.session_id in _unsendable:
            _unsendable.discard(context.session_id)
            return True
    return False


def _install_repair() -> None:
    from starlette.websockets import WebSocket
    from streamlit.runtime.runtime import Runtime

    receive_bytes = WebSocket.receive_bytes
    handle_backmsg = Runtime.handle_backmsg

    async def receiving(self: WebSocket) -> bytes:
        data = await receive_bytes(self)
        if self.url.path.endswith("/_stcore/stream") and (fixed := repair(data)) is not None:
            _repaired.set(True)  # read by handling() below, in this same task
            return fixed
        return data

    def handling(self: Runtime, session_id: str, msg, *args, **kwargs):
        if _repaired.get():
            _repaired.set(False)
            with _unsendable_lock:
                _unsendable.add(session_id)
        return handle_backmsg(self, session_id, msg, *args, **kwargs)

    WebSocket.receive_bytes = receiving
    Runtime.handle_backmsg = handling


# -- 2. one-time downloads --------------------------------------------------------------------

UNFETCHED_SECONDS = 60
# How long a download stays fetchable after its first fetch: long enough for the browser's second
# request, too short for its address to be of use to anyone who finds it later.
FETCHED_SECONDS = 5
_one_time: dict[str, int] = {}  # file id -> fetches still allowed
_one_time_lock = threading.Lock()


def _forget(storage, file_id: str) -> None:
    with _one_time_lock:
        _one_time.pop(file_id, None)
    storage.delete_file(file_id)


def _install_one_time_downloads() -> None:
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    execute_deferred = MediaFileManager.execute_deferred
    get_file = MemoryMediaFileStorage.get_file

    def executing(self: MediaFileManager, file_id: str) -> str:
        url = execute_deferred(self, file_id)
        made = url.rsplit("/", 1)[-1].split(".", 1)[0]
        with _one_time_lock:
            _one_time[made] = _one_time.get(made, 0) + 1
        timer = threading.Timer(UNFETCHED_SECONDS, _forget, args=(self._storage, made))
        timer.daemon = True
        timer.start()
        return url

    def getting(self: MemoryMediaFileStorage, filename: str):
        found = get_file(self, filename)
        file_id = filename.split(".", 1)[0]
        with _one_time_lock:
            left = _one_time.get(file_id)
            if left is None:
                return found
            if left > 1:
                _one_time[file_id] = left - 1
                return found
            del _one_time[file_id]
        timer = threading.Timer(FETCHED_SECONDS, _forget, args=(self, file_id))
        timer.daemon = True
        timer.start()
        return found

    MediaFileManager.execute_deferred = executing
    MemoryMediaFileStorage.get_file = getting


def install() -> None:
    """Make both changes, once per process."""
    global _installed
    if _installed:
        return
    with _install_lock:
        if not _installed:
            _install_repair()
            _install_one_time_downloads()
            _installed = True
