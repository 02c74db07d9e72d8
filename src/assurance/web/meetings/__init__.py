"""Meetings and actions: the record of the monthly assurance meeting (docs/meetings.md)."""
