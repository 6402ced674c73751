"""Password hashing and the rules shown on the set-password pages."""

from __future__ import annotations

import pytest
from passlib.hash import argon2

import core.passwords as passwords
from core.passwords import PASSWORD_RULES, hash_password, password_problems, verify_password


def test_hash_verifies_only_the_right_password() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert verify_password("correct horse battery", stored) == (True, None)
    assert verify_password("correct horse batterY", stored) == (False, None)
    # Salted: the same password never hashes to the same text twice.
    assert hash_password("correct horse battery") != stored


def test_outdated_parameters_give_a_new_hash_on_sign_in() -> None:
    weak = argon2.using(memory_cost=1024, time_cost=1, parallelism=1).hash("correct horse battery")
    matches, new_hash = verify_password("correct horse battery", weak)
    assert matches
    assert new_hash is not None and "m=19456,t=2,p=1" in new_hash
    assert verify_password("correct horse battery", new_hash) == (True, None)
    # A wrong password never yields a replacement hash.
    assert verify_password("wrong horse battery", weak) == (False, None)


def test_dummy_hash_costs_the_same_as_a_real_one_and_matches_nothing() -> None:
    dummy = passwords.DUMMY_HASH
    assert dummy is passwords.DUMMY_HASH  # computed once
    params = dummy.split("$")[3]
    assert params == hash_password("anything at all").split("$")[3]
    assert verify_password("password123", dummy) == (False, None)


def test_unreadable_hash_is_a_failed_sign_in_not_a_crash() -> None:
    assert verify_password("whatever password", "not a hash") == (False, None)


@pytest.mark.parametrize(
    ("password", "broken_rule"),
    [
        ("short1!", 0),
        ("x" * 257, 1),
        ("Alice.Smith", 2),
        ("my-alice.smith-pass", 2),
        ("Password123", 3),
        ("1234567890", 3),
        ("abababababab", 3),
        ("zyxwvutsrqp", 3),
    ],
)
def test_weak_passwords_name_the_rule_they_break(password: str, broken_rule: int) -> None:
    problems = password_problems(password, "alice.smith")
    assert PASSWORD_RULES[broken_rule] in problems
    assert all(problem in PASSWORD_RULES for problem in problems)


def test_a_good_passphrase_has_no_problems() -> None:
    assert password_problems("tangerine kettle marathon", "alice") == []
    assert password_problems("Zq8#mW2!rT5v", "bob") == []


def test_rules_are_sentences_for_people() -> None:
    assert len(PASSWORD_RULES) >= 3
    for rule in PASSWORD_RULES:
        assert rule[0].isupper() and rule.endswith(".")
