"""Checks for the editorial track (notebooks/editorial/ and exercises/editorial/)."""
