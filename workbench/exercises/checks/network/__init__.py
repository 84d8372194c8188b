"""Checks for the network track (notebooks/network and exercises/network)."""
