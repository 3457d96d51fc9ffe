"""DRP status objects (3.03) and their mapping onto our timeline event kinds."""

from __future__ import annotations

import pytest

from privacy_tui.transport.drp import DrpStatus, status_event_data, status_to_event


def status(**fields) -> DrpStatus:
    return DrpStatus.from_json({"request_id": "r-1", **fields})


@pytest.mark.parametrize(
    ("fields", "kind", "words"),
    [
        ({"status": "open"}, "sent", "r-1"),
        ({"status": "in_progress", "expected_by": "2025-03-01T00:00:00+00:00"}, "acknowledged", "2025-03-01"),
        (
            {"status": "in_progress", "reason": "need_user_verification", "user_verification_url": "https://b.example/v/1"},
            "id_requested",
            "https://b.example/v/1",
        ),
        ({"status": "fulfilled", "results_url": "https://b.example/r/1"}, "fulfilled", "https://b.example/r/1"),
        ({"status": "denied", "reason": "no_match", "processing_details": "no account"}, "denied", "no_match"),
        ({"status": "revoked"}, "withdrawn", "revoked"),
        ({"status": "expired"}, "drp_status", "expired"),
        ({"status": "paused"}, "drp_status", "paused"),
    ],
)
def test_mapping_table(fields, kind, words):
    got_kind, detail = status_to_event(status(**fields))
    assert got_kind == kind
    assert words in detail


def test_denied_detail_carries_reason_and_processing_details():
    kind, detail = status_to_event(status(status="denied", reason="too_many_requests", processing_details="3rd this year"))
    assert kind == "denied"
    assert detail.startswith("too_many_requests: ")
    assert "3rd this year" in detail


def test_a_later_expected_by_is_an_extension():
    later = status(status="in_progress", expected_by="2025-05-01T00:00:00+00:00", processing_details="complex request")
    kind, detail = status_to_event(later, previous_expected_by="2025-03-01T00:00:00+00:00")
    assert kind == "extended"
    assert "2025-03-01" in detail and "2025-05-01" in detail and "complex request" in detail
    same = status(status="in_progress", expected_by="2025-03-01T00:00:00+00:00")
    assert status_to_event(same, previous_expected_by="2025-03-01T12:00:00+00:00")[0] == "acknowledged"


def test_event_data_keeps_expected_by_and_drops_empties():
    data = status_event_data(status(status="in_progress", expected_by="2025-03-01T00:00:00+00:00", received_at="2025-01-15T10:00:00+00:00"))
    assert data == {
        "drp_request_id": "r-1",
        "drp_status": "in_progress",
        "expected_by": "2025-03-01T00:00:00+00:00",
        "received_at": "2025-01-15T10:00:00+00:00",
    }


def test_reason_alias_and_finality():
    s = status(status="DENIED", reason="insufficient_verification")
    assert s.status == "denied" and s.reason == "insuf_verification" and s.final
    assert not status(status="open").final


@pytest.mark.parametrize("bad", [[], {"status": "open"}, {"request_id": "x"}, {"request_id": "", "status": "open"}])
def test_not_a_status_object(bad):
    with pytest.raises(ValueError):
        DrpStatus.from_json(bad)
