"""The command line of OPERATING.md: options and VPNGW_* variables, signals, restarts, check-fixtures, healthcheck."""
import json
import os
import signal
import sqlite3
import subprocess
import tempfile

import pytest
from alibabacloud_vpc20160428 import models as m

from emulator import BINARY, DEFAULT_FIXTURE, GATEWAY, GATEWAY_CONNECTION, REGION, REPO, Emulator


def run(*args, env=None):
    return subprocess.run([BINARY, *args], cwd=REPO, capture_output=True, text=True, timeout=30,
                          env={**os.environ, **(env or {})})


def create(e, dest="10.60.0.0/24"):
    return e.tea().create_vpn_route_entry(m.CreateVpnRouteEntryRequest(
        region_id=REGION, vpn_gateway_id=GATEWAY, route_dest=dest, next_hop=GATEWAY_CONNECTION, weight=100, publish_vpc=False))


def gateway_status(e):
    return e.tea().describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY)).body.status


def test_check_fixtures_accepts_the_default_and_names_the_path_of_an_error():
    ok = run("check-fixtures", DEFAULT_FIXTURE)
    assert ok.returncode == 0, ok.stderr
    doc = json.load(open(DEFAULT_FIXTURE))
    doc["vpnGateways"][1]["vpcId"] = "vpc-doesnotexist"
    bad = os.path.join(tempfile.mkdtemp(), "bad.json")
    json.dump(doc, open(bad, "w"))
    result = run("check-fixtures", bad)
    assert result.returncode == 1
    assert "vpnGateways[1].vpcId" in result.stderr
    assert "vpc-doesnotexist" in result.stderr


def test_version_and_help():
    assert run("--version").stdout.strip() == "0.2.0"
    help_text = run("--help").stdout
    for sub in ("serve", "check-fixtures", "healthcheck"):
        assert sub in help_text


def test_flag_wins_over_environment_variable(monkeypatch):
    monkeypatch.setenv("VPNGW_TASK_DURATION", "0")
    from_env = Emulator().start()
    try:
        create(from_env)
        assert gateway_status(from_env) == "active"          # VPNGW_TASK_DURATION=0 applied
    finally:
        assert from_env.stop() == 0
    flag = Emulator("--task-duration", "60000").start()
    try:
        create(flag)
        assert gateway_status(flag) == "updating"            # the flag wins over the variable
    finally:
        assert flag.stop() == 0


def test_invalid_option_values_are_refused_with_a_message():
    result = run("--auth", "sometimes", "--db", ":memory:", "--port", "0")
    assert result.returncode != 0
    assert "auth" in result.stderr
    result = run("--db", ":memory:", "--port", "0", env={"VPNGW_TASK_DURATION": "soon"})
    assert result.returncode != 0
    assert "VPNGW_TASK_DURATION" in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signals_stop_gracefully_and_state_survives_a_restart(sig):
    e = Emulator().start()
    create(e, "10.61.0.0/24")
    assert e.stop(sig) == 0
    again = Emulator(db=e.db).start()
    try:
        routes = again.tea().describe_vpn_route_entries(m.DescribeVpnRouteEntriesRequest(
            region_id=REGION, vpn_gateway_id=GATEWAY)).body.vpn_route_entries.vpn_route_entry
        assert "10.61.0.0/24" in [r.route_dest for r in routes]
        # A task still running at shutdown is still there after the restart (it is stored).
        assert gateway_status(again) == "updating"
    finally:
        assert again.stop() == 0


def test_reset_flag_reloads_the_fixtures():
    e = Emulator().start()
    create(e, "10.62.0.0/24")
    assert e.stop() == 0
    fresh = Emulator("--reset", db=e.db).start()
    try:
        dests = [r["routeDest"] for r in fresh.state()["vpnRouteEntries"]]
        assert "10.62.0.0/24" not in dests and "10.1.0.0/24" in dests
    finally:
        fresh.stop()


def test_a_database_from_a_newer_emulator_is_refused():
    db = os.path.join(tempfile.mkdtemp(), "newer.sqlite")
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    result = run("--db", db, "--port", "0")
    assert result.returncode != 0
    assert "schema version 99" in result.stderr


def test_healthcheck_subcommand():
    e = Emulator().start()
    try:
        ok = run("healthcheck", "--port", str(e.port))
        assert ok.returncode == 0 and "healthy" in ok.stdout
    finally:
        e.stop()
    down = run("healthcheck", "--port", str(e.port))
    assert down.returncode == 1


def test_memory_database_and_start_up_line():
    e = Emulator(db=":memory:").start()
    try:
        create(e)
        line = e.logs().splitlines()[0]
        assert f"listening on http://127.0.0.1:{e.port}" in line
        assert "access-key=LTAI5tEmulatorDefaultKey" in line and "secret=EmulatorDefaultSecret" in line
    finally:
        assert e.stop() == 0


def test_a_full_unread_stderr_pipe_never_blocks_requests():
    """Log lines go through a bounded queue: a pipe nobody reads (64 KiB, ~400 lines) must not stall."""
    import socket
    directory = tempfile.mkdtemp()
    ready = os.path.join(directory, "port")
    proc = subprocess.Popen([BINARY, "--port", "0", "--ready-file", ready, "--db", ":memory:", "--auth", "off",
                             "--fixtures", DEFAULT_FIXTURE], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        import time
        deadline = time.time() + 20
        while not (os.path.exists(ready) and open(ready).read().strip()):
            assert time.time() < deadline and proc.poll() is None
            time.sleep(0.02)
        port = int(open(ready).read())
        request = (f"GET /?Action=DescribeVpnGateway&Version=2016-04-28&RegionId={REGION}&VpnGatewayId={GATEWAY}"
                   f"&AccessKeyId=LTAI5tEmulatorDefaultKey HTTP/1.1\r\nHost: x\r\n\r\n").encode()
        answered = 0
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            buffer = b""
            for _ in range(3000):
                s.sendall(request)
                while True:
                    head, sep, rest = buffer.partition(b"\r\n\r\n")
                    if sep:
                        length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
                        if len(rest) >= length:
                            assert head.startswith(b"HTTP/1.1 200")
                            buffer = rest[length:]
                            answered += 1
                            break
                    chunk = s.recv(65536)
                    assert chunk, "connection closed"
                    buffer += chunk
        assert answered == 3000
    finally:
        proc.terminate()
        proc.communicate(timeout=15)
        assert proc.returncode == 0


def test_sigterm_right_after_the_ready_file_is_never_lost():
    """A harness that stops the emulator the moment it is ready must not hang: the signal came
    between the ready file and the registration of the signal handling, and was dropped."""
    d = tempfile.mkdtemp()
    for i in range(25):
        ready = os.path.join(d, f"port{i}")
        p = subprocess.Popen([BINARY, "--port", "0", "--ready-file", ready, "--db", ":memory:", "--log-level", "error"],
                             cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not (os.path.exists(ready) and open(ready).read()):
            assert p.poll() is None, "exited before it was ready"
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=10) == 0, f"run {i}"
