"""Tests for Qazsearch."""
