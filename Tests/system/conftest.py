"""System tests against the built `rectify` binary: crash safety, lost updates, two servers on one
PostgreSQL. Run by .ci/system-tests.sh with RECTIFY_BIN (the executable) and RECTIFY_PG_URL
(a PostgreSQL URL whose user may create databases). RECTIFY_SYSTEM_ARTIFACTS names a folder where
server logs and failure details are kept.
"""
import os
import signal

import pytest

import harness


def pytest_configure(config):
    harness.binary()

    # `timeout` ends the run with SIGTERM: turn it into an interrupt so fixtures stop their servers.
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)


@pytest.fixture(scope="session")
def artifacts():
    path = os.environ.get("RECTIFY_SYSTEM_ARTIFACTS") or "/tmp/rectify-system-artifacts"
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def postgres():
    url = os.environ.get("RECTIFY_PG_URL")
    if not url:
        pytest.fail("RECTIFY_PG_URL must name a PostgreSQL server")
    pg = harness.Postgres(url)
    yield pg
    pg.drop_all()

