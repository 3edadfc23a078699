"""Leads: one record merged over the lead's calls, with history, cross-call contradictions and export."""

from __future__ import annotations

import csv
import io

from api.leads.export import COLUMNS


def _two_calls(api, ru_call: str) -> tuple[int, int, int]:
    first = api.upload(lead="+7 (912) 345-67-89", started_at="2026-11-20T10:00:00+03:00").json()
    api.drain()
    second = api.upload(ru_call.replace("сто тысяч", "двести тысяч"), lead="+79123456789",
                        started_at="2026-11-27T10:00:00+03:00").json()
    api.drain()
    assert first["lead_id"] == second["lead_id"]  # the same phone number, written differently
    return first["id"], second["id"], first["lead_id"]


def test_lead_record_merges_calls_and_keeps_history(api, ru_call):
    c1, c2, lead_id = _two_calls(api, ru_call)
    lead = api.get(f"/v1/leads/{lead_id}", "m1").json()
    assert lead["phone"] == "+79123456789" and lead["call_ids"] == [c1, c2]
    record = lead["record"]
    assert record["budget"]["amount"] == 200000 and record["call_ids"] == [str(c1), str(c2)]
    earlier = [h for h in lead["history"] if h["field"] == "budget"]
    assert [(h["value"]["amount"], h["call_id"]) for h in earlier] == [(100000, str(c1))]
    assert any(c["topic"] == "budget" and c.get("scope") == "cross_call" for c in lead["contradictions"])
    assert [e["call_id"] for e in lead["events"]] == [c1, c2]
    assert lead["events"][0]["record"]["budget"]["amount"] == 100000
    assert lead["status"] == record["status"] and lead["temperature"] == record["temperature"]


def test_reanalysis_does_not_merge_a_call_twice(api, ru_call):
    _, c2, lead_id = _two_calls(api, ru_call)
    before = api.get(f"/v1/leads/{lead_id}").json()
    api.post(f"/v1/calls/{c2}/reanalyze")
    api.drain()
    after = api.get(f"/v1/leads/{lead_id}").json()
    assert after["record"] == before["record"]
    assert [e["call_id"] for e in after["events"]] == [e["call_id"] for e in before["events"]] + [c2]


def test_lead_filters_and_exports(api, ru_call):
    _, _, lead_id = _two_calls(api, ru_call)
    other = api.upload("Manager: Hello, Acme, John here, how can I help?\nClient: Just browsing, bye.",
                       lead="crm-lead-7").json()
    api.drain()
    lead = api.get(f"/v1/leads/{lead_id}").json()
    ids = lambda **q: [x["id"] for x in api.get("/v1/leads", params=q).json()["items"]]  # noqa: E731
    assert set(ids()) == {lead_id, other["lead_id"]}
    assert ids(q="912345") == [lead_id] and ids(q="CRM-LEAD") == [other["lead_id"]]
    assert lead_id in ids(status=lead["status"]) and other["lead_id"] not in ids(status=lead["status"])
    assert api.get("/v1/leads", params={"status": "lukewarm"}).status_code == 422
    exported = api.get("/v1/leads/export", params={"format": "csv"})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert tuple(rows[0]) == COLUMNS
    row = next(r for r in rows if r["id"] == str(lead_id))
    assert row["phone"] == "+79123456789" and float(row["budget_amount"]) == 200000
    assert row["budget_currency"] == "RUB" and row["status"] == lead["status"]
    as_json = api.get("/v1/leads/export", params={"format": "json", "q": "912345"}).json()
    assert [x["id"] for x in as_json] == [lead_id] and as_json[0]["record"] == lead["record"]


def test_calls_merge_in_the_order_they_happened_not_the_order_they_arrived(api, ru_call):
    later = api.upload(ru_call.replace("сто тысяч", "двести тысяч"), lead="lead-9",
                       started_at="2026-11-27T10:00:00+03:00").json()
    api.drain()
    earlier = api.upload(lead="lead-9", started_at="2026-11-20T10:00:00+03:00").json()
    api.drain()
    lead = api.get(f"/v1/leads/{later['lead_id']}").json()
    assert lead["record"]["budget"]["amount"] == 200000  # the later call's statement wins
    assert lead["record"]["call_ids"] == [str(earlier["id"]), str(later["id"])]
    assert [(h["value"]["amount"], h["call_id"]) for h in lead["history"] if h["field"] == "budget"] \
        == [(100000, str(earlier["id"]))]
