"""hilbench.stepper.commands() and StepperNode.command(): the firmware's command table from Python."""

import pytest

from hilbench import StepperNode
from hilbench.stepper import commands


def test_commands_lists_every_command_in_help_order_with_its_params():
    rows = commands()
    names = [r["name"] for r in rows]
    assert names[:3] == ["HELP", "MOVE", "HOME"]
    assert {"STATUS", "GET", "SET", "WAKE", "SLEEP", "NET:SET", "MQTT:SET_CONFIG"} <= set(names)
    move = rows[1]
    assert move["shortcut"] == "M" and move["motion"] and move["over_mqtt"]
    assert [p["name"] for p in move["params"]] == ["target_ids", "position_steps", "speed_sps", "accel_sps2"]
    assert move["params"][2]["aliases"] == ["speed"]


def test_every_help_line_of_the_dictionary_is_what_the_node_prints():
    node = StepperNode()
    printed = node.serial("HELP")
    for row in commands():
        for line in row["help"]:
            assert line in printed


def test_command_sends_params_by_keyword_and_returns_the_responses():
    node = StepperNode()
    responses = node.command("MOVE", cmd_id="k1", target_ids=0, position_steps=100)
    assert [r["status"] for r in responses] == ["ack"]
    node.advance(1000)
    assert node.responses()[-1]["status"] == "done"
    assert node.command("m", target_ids=1, position_steps=5, speed=200)[0]["status"] == "ack"


def test_command_refuses_an_unknown_param_before_sending():
    node = StepperNode()
    with pytest.raises(ValueError, match="takes no param postion_steps"):
        node.command("MOVE", target_ids=0, postion_steps=100)
    assert node.responses() == []


def test_command_refuses_a_console_only_or_unknown_command():
    node = StepperNode()
    with pytest.raises(ValueError, match="console command"):
        node.command("STATUS")
    with pytest.raises(ValueError, match="unknown stepper command 'DANCE'"):
        node.command("DANCE")
