"""The planner benchmark's match: strict on everything, and a loose reading that lets only a search's words
differ (a diagnostic of misses by wording, never part of the accuracy)."""

from __future__ import annotations

from assistant.plan.schema import ClipRef, EditPlan, Query, Remove, RemoveClip, Speed, TrimCut
from benchmarks.bench_planner import plan_matches

_WANT = {"text": "lose the traffic b-roll", "ops": [{"op": "remove", "query": {"text": "city traffic"}}]}


def test_other_words_for_the_search_are_a_miss_by_wording_only() -> None:
    said = EditPlan(ops=[Remove(query=Query(text="traffic b-roll"))])
    assert not plan_matches(_WANT, said) and plan_matches(_WANT, said, loose=True)


def test_a_different_search_or_edit_is_a_miss_either_way() -> None:
    for plan in (EditPlan(ops=[Remove(query=Query(text="harbour at night"))]),
                 EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[2]))]),
                 EditPlan(ops=[Remove(query=Query(text="city traffic")), Speed(factor=2.0)])):
        assert not plan_matches(_WANT, plan, loose=True)


def test_amounts_and_clips_stay_strict() -> None:
    want = {"text": "slow clip 2", "ops": [{"op": "speed", "target": {"indices": [2]}, "factor": 0.5}]}
    assert plan_matches(want, EditPlan(ops=[Speed(target=ClipRef(indices=[2]), factor=0.5)]), loose=True)
    assert not plan_matches(want, EditPlan(ops=[Speed(target=ClipRef(indices=[3]), factor=0.5)]), loose=True)
    assert not plan_matches(want, EditPlan(ops=[Speed(target=ClipRef(indices=[2]), factor=2.0)]), loose=True)


def test_a_refusal_is_matched_the_same_way() -> None:
    want = {"text": "stabilise it", "ops": [], "refusal": "I can't stabilise footage."}
    assert plan_matches(want, EditPlan(refusal="no"), loose=True)
    assert not plan_matches(want, EditPlan(ops=[Speed(factor=2.0)]), loose=True)


def test_a_share_of_the_cut_is_compared_to_two_places() -> None:
    # "just the last third": an annotation writes 0.3333, the planner reads 1/3
    want = {"text": "just the last third",
            "ops": [{"op": "trim_cut", "share": 0.3333, "side": "end", "keep": True}]}
    assert plan_matches(want, EditPlan(ops=[TrimCut(share=1 / 3, side="end", keep=True)]))
    assert not plan_matches(want, EditPlan(ops=[TrimCut(share=0.5, side="end", keep=True)]))
    assert not plan_matches(want, EditPlan(ops=[TrimCut(share=1 / 3, side="start", keep=True)]))
