"""What a promise promises decides its PLOVER type (issue 12, precision): a vow to resist or oppose is a
rejection, not an intent to cooperate (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.test_event_recall_wording import of_type


@pytest.mark.parametrize(
    "text",
    [
        "The governor vowed to resist every order from the state legislature.",
        "The opposition promised fierce resistance to the new tax plan.",
        "The unions pledged to oppose the pension law in parliament.",
        "The mayor vowed to defy the court ruling on the new district lines.",
    ],
)
def test_a_vow_to_resist_is_a_rejection(coder_keeping_all, text):
    assert of_type(coder_keeping_all, text, "REJECT"), text
    assert not of_type(coder_keeping_all, text, "AGREE"), text


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The minister vowed to support the farmers in the northern provinces.", "AGREE"),
        ("The rebels vowed to attack the capital before the rainy season.", "THREATEN"),
        ("The embassy promised swift reprisals after two of its envoys were sent home.", "THREATEN"),
    ],
)
def test_other_vows_keep_their_type(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover), text


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        # a state saying it will retaliate, or warning of terror, threatens
        ("Pyongyang said on Monday it would retaliate against the new naval drills.", True),
        ("The militant leader warned of more terror and bloodshed in the capital.", True),
        # what someone fears another might do, even under a condition, is no one's threat
        ("The witnesses fear that the guards might retaliate if they testify.", False),
        # the same fear told as a noun's content
        (
            "The three requested anonymity out of the reasonable fear that immigration officials might "
            "retaliate if they talked to reporters.",
            False,
        ),
        # a warning is the warner's word
        ("The ministry issued a warning that the army would retaliate if the border was crossed.", True),
    ],
)
def test_a_stated_retaliation_threatens_and_a_feared_one_does_not(coder_keeping_all, text, threat):
    assert bool(of_type(coder_keeping_all, text, "THREATEN")) == threat, text


@pytest.mark.parametrize(
    ("text", "plover", "not_plover"),
    [
        # a vow not to yield or not to cooperate is a refusal
        (
            "The challenger vowed not to concede the governor's race until every ballot is counted.",
            "REJECT",
            "AGREE",
        ),
        ("The premier pledged never to lift the embargo on the rebel province.", "REJECT", "AGREE"),
        # a vow not to use force is a promise of restraint, no threat
        ("The junta promised not to attack the protesters gathered in the square.", "AGREE", "THREATEN"),
        # an order not to comply refuses what the other side asks; so does refusing to abide by an accord
        ("The governor ordered state agencies not to obey the federal subpoenas.", "REJECT", "REQUEST"),
        ("Moscow said it would not abide by the new arms accord.", "REJECT", "REQUEST"),
    ],
)
def test_a_vow_or_an_order_not_to_act_inverts_it(coder_keeping_all, text, plover, not_plover):
    assert of_type(coder_keeping_all, text, plover), text
    assert not of_type(coder_keeping_all, text, not_plover), text


def test_an_order_not_to_use_force_stays_an_order(coder_keeping_all):
    text = "The colonel ordered his men not to fire on the marchers."
    assert not of_type(coder_keeping_all, text, "REJECT"), text


def test_being_told_one_will_be_freed_is_nobodys_promise(coder_keeping_all):
    text = "Former Belgian minister Jan Peeters was told he would be released last March."
    assert not of_type(coder_keeping_all, text, "AGREE"), text
    assert of_type(coder_keeping_all, "The Belgian government says the detainees will be released.", "AGREE")


def test_a_meeting_a_spokesman_only_guesses_at_is_no_commitment(coder_keeping_all):
    guessed = "A Kremlin spokesman said Mr. Putin likely will meet with the Finnish president."
    assert not of_type(coder_keeping_all, guessed, "AGREE"), guessed
    assert of_type(
        coder_keeping_all, "A Kremlin spokesman said Mr. Putin will meet with the Finnish president.", "AGREE"
    )
