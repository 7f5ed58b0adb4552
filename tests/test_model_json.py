from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.writers.json_writer import dumps


def test_model_round_trips_through_json_exactly(datong):
    disclosure, _ = datong
    again = Disclosure.model_validate_json(dumps(disclosure))
    assert again == disclosure
    assert isinstance(again.value("summary:in.grand_total:amount"), Decimal)


def test_json_never_holds_a_float(datong):
    import json

    disclosure, _ = datong

    def walk(node):
        if isinstance(node, float):
            raise AssertionError(f"float in JSON: {node}")
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        if isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(dumps(disclosure)))
