"""Field edits change only their lines: what people wrote by hand stays as they wrote it."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from casefile.errors import InvalidValue
from casefile.yamledit import append_item, scalar, set_field

GOAL = """\
kind: goal   # written by hand
id: g01
status: active  # active | achieved
measure: {metric: leases signed, target: 1}
addresses:
  - n1
  - n2
due:
"""


@pytest.mark.parametrize("value, text", [
    ("achieved", "achieved"), ("He said: hi", '"He said: hi"'), ("yes", '"yes"'), ("2026-01-01", '"2026-01-01"'),
    (dt.date(2026, 1, 1), "2026-01-01"), (dt.datetime(2026, 1, 1, 9, 30), "2026-01-01T09:30"), (3, "3"),
    (["g01", "g02"], "[g01, g02]"), ({"metric": "x", "target": 2}, "{metric: x, target: 2}"),
    ("Mary O'Neil", "Mary O'Neil"), ("x #y", '"x #y"'), ("a@b.example", "a@b.example"),
])
def test_scalars_read_back_as_the_same_value(value, text):
    assert scalar(value) == text
    assert yaml.safe_load(f"k: {text}")["k"] == (value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else value)


def test_set_existing_field_keeps_its_comment_and_other_lines():
    out = set_field(GOAL, ["status"], "achieved")
    assert out == GOAL.replace("status: active  #", "status: achieved  #")


def test_set_an_empty_field_and_add_a_missing_one():
    out = set_field(set_field(GOAL, ["due"], dt.date(2027, 5, 1)), ["review_every"], "2 weeks")
    assert out.endswith("due: 2027-05-01\nreview_every: 2 weeks\n")
    assert out.startswith(GOAL[: GOAL.index("due:")])


def test_set_a_part_of_a_flow_mapping():
    out = set_field(GOAL, ["measure", "baseline"], 0)
    assert "measure: {metric: leases signed, target: 1, baseline: 0}\n" in out


def test_set_a_field_of_a_list_item():
    plan = "tasks:\n  - id: t01\n    status: open\n  - id: t02\n    status: open  # c\n"
    assert set_field(plan, ["tasks", 1, "status"], "done") == plan.replace("open  # c", "done  # c")
    assert set_field(plan, ["tasks", 0, "done"], dt.date(2026, 11, 2)) == plan.replace(
        "    status: open\n  - id: t02", "    status: open\n    done: 2026-11-02\n  - id: t02")


def test_append_items_to_lists_in_any_starting_shape():
    item = {"id": "t02", "what": "Call: landlord", "due": dt.date(2026, 12, 1)}
    block = "kind: plan\ntasks:\n  - id: t01\n    what: x\nreview: {}\n"
    assert append_item(block, ["tasks"], item) == (
        "kind: plan\ntasks:\n  - id: t01\n    what: x\n  - id: t02\n    what: \"Call: landlord\"\n    due: 2026-12-01\nreview: {}\n")
    assert yaml.safe_load(append_item("kind: plan\ntasks: []\n", ["tasks"], item))["tasks"] == [item]
    assert yaml.safe_load(append_item("kind: plan\n", ["tasks"], item))["tasks"] == [item]


def test_an_impossible_path_is_an_error_not_a_guess():
    with pytest.raises(InvalidValue):
        set_field(GOAL, ["addresses", "x"], 1)
    with pytest.raises(InvalidValue):
        set_field("tasks: []\n", ["tasks", 3, "status"], "done")
