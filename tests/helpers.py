"""Assertions shared by the web and CLI tests."""

from __future__ import annotations


def assert_error_shape(response, status: int) -> str:
    """The one JSON error envelope: ``{"ok": false, "error", "status"}``."""
    assert response.status_code == status
    data = response.get_json()
    assert data["ok"] is False
    assert data["status"] == status
    assert isinstance(data["error"], str) and data["error"]
    return data["error"]
