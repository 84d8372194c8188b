"""Helpers for the classroom tests."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coroutine):
    """Run ``coroutine`` to its end in a thread of its own (the browser tests keep an event loop running here)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
