"""The binary stands alone (issue 11): the default fixture is built in, a fixture file is read
only when it is applied, and the binary starts from any directory, on a new or an existing
database, with or without --fixtures. Also SQLite's URI form of an in-memory database."""
import json
import os
import subprocess
import tempfile

from alibabacloud_vpc20160428 import models as m

from emulator import BINARY, DEFAULT_FIXTURE, GATEWAY, GATEWAY_CONNECTION, REGION, Emulator


def empty_dir():
    return tempfile.mkdtemp(prefix="vpngw-empty-")


def create(e, dest):
    return e.tea().create_vpn_route_entry(m.CreateVpnRouteEntryRequest(
        region_id=REGION, vpn_gateway_id=GATEWAY, route_dest=dest, next_hop=GATEWAY_CONNECTION, weight=100, publish_vpc=False))


def route_dests(e):
    body = e.tea().describe_vpn_route_entries(m.DescribeVpnRouteEntriesRequest(
        region_id=REGION, vpn_gateway_id=GATEWAY, page_size=50)).body
    return {r.route_dest for r in body.vpn_route_entries.vpn_route_entry}


def test_print_default_writes_the_built_in_fixture_which_is_the_repository_file():
    out = subprocess.run([BINARY, "fixtures", "print-default"], cwd=empty_dir(), capture_output=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == json.load(open(DEFAULT_FIXTURE))
    assert out.stdout.strip() == open(DEFAULT_FIXTURE, "rb").read().strip()


def test_new_database_from_an_empty_directory_uses_the_built_in_fixture():
    e = Emulator(cwd=empty_dir(), fixtures=()).start()
    try:
        assert "fixtures=built-in default fixture" in e.logs()
        assert create(e, "10.61.0.0/24").body.state == "normal"
    finally:
        assert e.stop() == 0


def test_existing_database_from_another_empty_directory_keeps_its_state_without_any_fixture_file():
    first = Emulator("--task-duration", "0", cwd=empty_dir(), fixtures=()).start()
    create(first, "10.62.0.0/24")
    assert first.stop() == 0
    # A fixture path that does not exist is not read on an existing database.
    again = Emulator("--task-duration", "0", db=first.db, cwd=empty_dir(), fixtures=("/nonexistent/fixture.json",)).start()
    try:
        assert "existing state kept" in again.logs()
        assert "10.62.0.0/24" in route_dests(again)
        # Reset applies the start-up fixtures, so now the file is read: a clear error, state intact.
        status, body = again.control_json("POST", "/_emulator/reset")
        assert status == 500 and "/nonexistent/fixture.json" in body["error"], body
        assert "10.62.0.0/24" in route_dests(again)
    finally:
        assert again.stop() == 0


def test_explicit_fixtures_win_over_the_built_in_one():
    doc = json.load(open(DEFAULT_FIXTURE))
    doc["vpnGateways"][0]["name"] = "from-my-fixture"
    path = os.path.join(empty_dir(), "mine.json")
    json.dump(doc, open(path, "w"))
    e = Emulator(cwd=empty_dir(), fixtures=(path,)).start()
    try:
        assert e.tea().describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY)).body.name \
            == "from-my-fixture"
    finally:
        assert e.stop() == 0


def test_a_missing_fixture_on_a_new_database_stops_the_start_with_its_path():
    d = empty_dir()
    out = subprocess.run([BINARY, "--port", "0", "--db", os.path.join(d, "new.sqlite"), "--fixtures", "/nonexistent/x.json"],
                         cwd=d, capture_output=True, text=True, timeout=30)
    assert out.returncode != 0
    assert "/nonexistent/x.json" in out.stderr


def test_sqlite_uri_for_an_in_memory_database():
    e = Emulator("--task-duration", "0", db="file::memory:", cwd=empty_dir()).start()
    try:
        create(e, "10.63.0.0/24")
        assert "10.63.0.0/24" in route_dests(e)
        assert not os.path.exists(os.path.join(e.cwd, "file::memory:"))
    finally:
        assert e.stop() == 0
