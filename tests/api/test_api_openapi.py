"""The OpenAPI document describes every endpoint, its errors and its security."""

from __future__ import annotations


def test_every_operation_is_documented(api):
    spec = api.get("/v1/openapi.json", who=None).json()
    assert spec["info"]["title"] == "callgrade"
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["type"] == "http"
    for path, operations in spec["paths"].items():
        assert path.startswith("/v1/")
        for method, op in operations.items():
            where = f"{method.upper()} {path}"
            assert op.get("summary") and op.get("tags"), where
            assert op.get("security") == [{"HTTPBearer": []}], where
            assert {"401", "403"} <= set(op["responses"]), where
    upload = spec["paths"]["/v1/calls"]["post"]
    assert {"202", "200", "413", "415", "422"} <= set(upload["responses"])
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert "text/vtt" in spec["paths"]["/v1/calls/{call_id}/transcript"]["get"]["responses"]["200"]["content"]


def test_docs_page_is_served(api):
    r = api.get("/v1/docs", who=None)
    assert r.status_code == 200 and "swagger" in r.text.lower()
