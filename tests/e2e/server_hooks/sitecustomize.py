"""Test-server hooks, put on PYTHONPATH by a browser test: disk trouble and known captcha digits.

While the file named by REBOUND_TEST_DISK_FLAG exists, every new file in the data folder fails as
on a full disk (ENOSPC) or a read-only one (EROFS, when the file says "readonly"); reads still
work. The files backend creates every file it writes with tempfile.mkstemp, so that is where the
trouble is made. Nothing here runs unless the variable is set.
"""

from __future__ import annotations

import errno
import os
import tempfile

_FLAG = os.environ.get("REBOUND_TEST_DISK_FLAG")
_DATA = os.path.realpath(os.environ.get("REBOUND_DATA_DIR", "data"))

if _FLAG:
    _real_mkstemp = tempfile.mkstemp

    def _mkstemp(*args, dir=None, **kwargs):
        if dir is not None and os.path.realpath(dir).startswith(_DATA) and os.path.exists(_FLAG):
            with open(_FLAG) as flag:
                code = errno.EROFS if "readonly" in flag.read() else errno.ENOSPC
            raise OSError(code, os.strerror(code))
        return _real_mkstemp(*args, dir=dir, **kwargs)

    tempfile.mkstemp = _mkstemp

# REBOUND_TEST_CAPTCHA: the digits every captcha picture shows, so a browser test can type them
# (it can't read the picture). streamlit-authenticator draws its digits with random.choices.
_CAPTCHA = os.environ.get("REBOUND_TEST_CAPTCHA")

if _CAPTCHA:
    import random
    import string

    _real_choices = random.choices

    def _choices(population, *args, k=1, **kwargs):
        if population == string.digits and k == len(_CAPTCHA):
            return list(_CAPTCHA)
        return _real_choices(population, *args, k=k, **kwargs)

    random.choices = _choices
