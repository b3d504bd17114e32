"""core.settings: environment variables win over secrets.toml; a bad value names its setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings, SettingsError


def test_the_defaults_are_safe_for_one_person_on_a_laptop():
    settings = Settings.load({}, {})
    assert settings.data_dir == Path("data")
    assert settings.allow_registration is True
    assert settings.captcha is True  # on unless the operator turns it off
    assert settings.max_login_attempts == 5
    assert settings.login_cool_down_minutes == 15
    assert settings.max_login_attempts_per_client == 30
    assert settings.max_sign_ups_per_client == 5
    assert settings.trusted_proxies == ()  # X-Forwarded-For is believed from no one by default
    assert settings.registration_open_to == "anyone"


def test_trusted_proxies_are_networks_and_a_wrong_one_is_named():
    settings = Settings.load({"REBOUND_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8,::1"}, {})
    assert settings.trusted_proxies == ("127.0.0.1/32", "10.0.0.0/8", "::1/128")
    with pytest.raises(SettingsError, match="REBOUND_TRUSTED_PROXIES"):
        Settings.load({"REBOUND_TRUSTED_PROXIES": "127.0.0.1,proxy.example"}, {})


def test_an_environment_variable_wins_over_secrets_toml():
    settings = Settings.load(
        {"REBOUND_MAX_LOGIN_ATTEMPTS": "3", "REBOUND_DATA_DIR": "/srv/rebound"},
        {"max_login_attempts": 8, "data_dir": "elsewhere", "cookie_expiry_days": 2},
    )
    assert settings.max_login_attempts == 3
    assert settings.data_dir == Path("/srv/rebound")
    assert settings.cookie_expiry_days == 2  # from secrets, no variable set


def test_an_empty_environment_variable_does_not_override():
    assert (
        Settings.load({"REBOUND_MAX_LOGIN_ATTEMPTS": ""}, {"max_login_attempts": 8}).max_login_attempts == 8
    )


@pytest.mark.parametrize(
    ("text", "value"), [("false", False), ("0", False), ("no", False), ("true", True), ("1", True)]
)
def test_registration_can_be_switched_off_with_the_usual_words(text, value):
    assert Settings.load({"REBOUND_ALLOW_REGISTRATION": text}).allow_registration is value


def test_invited_emails_come_as_a_comma_separated_variable_or_a_list():
    from_env = Settings.load({"REBOUND_PREAUTHORIZED_EMAILS": " A@example.org, b@example.org ,"})
    from_secrets = Settings.load({}, {"preauthorized_emails": ["A@example.org", "b@example.org"]})
    assert (
        from_env.preauthorized_emails
        == from_secrets.preauthorized_emails
        == ("a@example.org", "b@example.org")
    )
    assert from_env.registration_open_to == "listed"
    assert Settings.load({"REBOUND_ALLOW_REGISTRATION": "false"}).registration_open_to == "nobody"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("cookie_expiry_days", "soon"),
        ("cookie_expiry_days", "-1"),
        ("max_login_attempts", "0"),
        ("max_login_attempts", "many"),
        ("allow_registration", "perhaps"),
        ("cookie_name", "bad name; path=/"),
        ("login_cool_down_minutes", "0"),
    ],
)
def test_a_bad_environment_value_gets_a_message_naming_the_setting_and_the_variable(name, value):
    with pytest.raises(SettingsError) as refused:
        Settings.load({f"REBOUND_{name.upper()}": value})
    message = str(refused.value)
    assert f"The setting {name} " in message
    assert f"REBOUND_{name.upper()}" in message


def test_a_bad_secrets_value_gets_a_message_pointing_at_secrets_toml():
    with pytest.raises(SettingsError) as refused:
        Settings.load({}, {"max_login_attempts": "lots"})
    message = str(refused.value)
    assert "max_login_attempts" in message and "secrets.toml" in message
    assert "REBOUND_MAX_LOGIN_ATTEMPTS" not in message


def test_settings_cannot_be_changed_once_loaded():
    settings = Settings.load({})
    with pytest.raises(ValueError):
        settings.max_login_attempts = 100  # type: ignore[misc]


@pytest.mark.parametrize(
    ("environ", "email", "allowed"),
    [
        ({}, "anyone@example.org", True),
        ({"REBOUND_ALLOW_REGISTRATION": "false"}, "anyone@example.org", False),
        ({"REBOUND_PREAUTHORIZED_EMAILS": "a@example.org"}, "A@Example.org ", True),
        ({"REBOUND_PREAUTHORIZED_EMAILS": "a@example.org"}, "b@example.org", False),
        (
            {"REBOUND_ALLOW_REGISTRATION": "no", "REBOUND_PREAUTHORIZED_EMAILS": "a@example.org"},
            "a@example.org",
            False,
        ),
    ],
)
def test_who_may_register(environ, email, allowed):
    assert Settings.load(environ).may_register(email) is allowed


def test_the_crisis_region_is_left_to_the_browser_unless_the_operator_chooses_one():
    assert Settings.load({}).crisis_region == "international"
    assert Settings.load({}).crisis_region_chosen is None
    assert Settings.load({"REBOUND_CRISIS_REGION": "international"}).crisis_region_chosen == "international"
    assert Settings.load({}, {"crisis_region": "GB"}).crisis_region_chosen == "uk"


def test_an_unknown_crisis_region_stops_the_app_with_a_message_naming_the_setting():
    with pytest.raises(SettingsError, match=r"crisis_region.*REBOUND_CRISIS_REGION.*us, ca"):
        Settings.load({"REBOUND_CRISIS_REGION": "atlantis"})
