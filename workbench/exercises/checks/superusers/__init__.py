"""Checks for the superusers' track (notebooks/superusers/)."""
