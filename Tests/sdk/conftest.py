import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from emulator import BINARY, Emulator  # noqa: E402


@pytest.fixture(scope="session")
def emu():
    """One emulator for the session; every test starts from the start-up fixtures (autouse reset)."""
    if not os.path.exists(BINARY):
        pytest.fail(f"build the emulator first: {BINARY} is missing (swift build)")
    e = Emulator("--task-duration", "60000").start()
    yield e
    assert e.stop() == 0, e.logs()


@pytest.fixture(autouse=True)
def _reset(emu):
    emu.reset()
    yield
