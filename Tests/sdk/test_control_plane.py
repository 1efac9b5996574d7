"""The test author's control plane (OPERATING.md "Control API"), driven next to the official SDKs."""
import json
import re
import socket
import threading
import urllib.parse
import uuid

import pytest
from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_vpc20160428 import models as m
from aliyunsdkcore.request import CommonRequest
from aliyunsdkvpc.request.v20160428.DescribeVpnGatewayRequest import DescribeVpnGatewayRequest

from emulator import (ACCOUNT_KEY, GATEWAY, GATEWAY_CONNECTION, GATEWAY_CONNECTION_2, REGION, TRANSIT, Emulator)

UUID_RE = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")


def create_request(dest, next_hop=GATEWAY_CONNECTION, weight=100, publish=False, token=None):
    return m.CreateVpnRouteEntryRequest(region_id=REGION, vpn_gateway_id=GATEWAY, route_dest=dest, next_hop=next_hop,
                                        weight=weight, publish_vpc=publish, client_token=token)


def describe_gateway(client, gateway=GATEWAY):
    return client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=gateway))


def journal(emu, query=""):
    status, body = emu.control_json("GET", "/_emulator/requests" + query)
    assert status == 200
    return body["requests"]


# health ---------------------------------------------------------------------------------------

def test_health_reports_version_uptime_and_requests(emu):
    status, before = emu.control_json("GET", "/_emulator/health")
    assert status == 200
    # OPERATING.md's four keys, then the store's state (issue 9).
    assert list(before) == ["status", "version", "uptimeMs", "requests", "store", "lastWriteError"]
    assert before["status"] == "ok"
    assert before["store"] == "ok" and before["lastWriteError"] is None
    assert isinstance(before["version"], str) and before["version"]
    assert isinstance(before["uptimeMs"], int) and before["uptimeMs"] >= 0
    describe_gateway(emu.tea())
    emu.control("GET", "/_emulator/state")
    _, after = emu.control_json("GET", "/_emulator/health")
    assert after["requests"] == before["requests"] + 1
    assert after["uptimeMs"] >= before["uptimeMs"]


# reset, fixtures, state -----------------------------------------------------------------------

def test_reset_restores_the_startup_state(emu):
    initial = emu.state()
    tea = emu.tea()
    tea.create_vpn_route_entry(create_request("10.50.0.0/24", publish=True, token="reset-1"))
    emu.config(taskDurationMs=0)
    emu.fault(action="DescribeVpnGateway", code="InternalError")
    assert emu.state() != initial
    status, body = emu.control_json("POST", "/_emulator/reset")
    assert (status, body) == (200, {"status": "reset"})
    assert emu.state() == initial
    assert emu.control_json("GET", "/_emulator/faults")[1]["faults"] == []
    assert journal(emu) == []
    assert emu.control_json("PUT", "/_emulator/config", {})[1]["taskDurationMs"] == 60000
    # The ClientToken is forgotten: the same call executes again rather than replaying.
    again = tea.create_vpn_route_entry_with_options(create_request("10.50.0.0/24", publish=True, token="reset-1"), _runtime())
    assert "x-emulator-idempotent-replay" not in {k.lower() for k in again.headers}
    assert again.body.route_dest == "10.50.0.0/24"


def _runtime():
    from alibabacloud_tea_util import models as util_models
    return util_models.RuntimeOptions()


def test_fixtures_are_applied_on_top_and_invalid_ones_change_nothing(emu):
    doc = {"vpnGateways": [{"id": "vpn-bp1sdkadded000000001", "account": "1234567890123456", "region": REGION,
                            "vpcId": "vpc-bp1default0000000001", "vSwitchId": "vsw-bp1default000000001", "name": "sdk-added"}]}
    status, counts = emu.control_json("POST", "/_emulator/fixtures", doc)
    assert status == 200, counts
    assert counts["vpnGateways"] == 1 and counts["vpnRouteEntries"] == 0
    assert describe_gateway(emu.tea(), "vpn-bp1sdkadded000000001").body.name == "sdk-added"

    before = emu.state()
    bad = {"vpnGateways": [{"id": "vpn-bp1sdkbad00000000001", "account": "1234567890123456", "region": REGION,
                            "vpcId": "vpc-missing"}],
           "vcoRouteEntries": [{"vpnConnectionId": TRANSIT, "routeDest": "192.168.77.0/24", "weight": 100}]}
    status, err = emu.control_json("POST", "/_emulator/fixtures", bad)
    assert status == 400
    assert set(err) == {"error", "path"} and err["error"] and err["path"] == "vpnGateways[0].vpcId"
    assert emu.state() == before
    status, err = emu.control_json("POST", "/_emulator/fixtures", b"{not json")
    assert status == 400 and err["error"]


def test_state_round_trips_through_fixtures(emu):
    tea = emu.tea()
    tea.create_vpn_route_entry(create_request("10.51.0.0/24", publish=True))
    emu.complete_tasks()
    tea.create_vpn_route_entry(create_request("10.51.0.0/24", next_hop=GATEWAY_CONNECTION_2, weight=0, publish=True))
    dump = emu.state()
    assert len(dump["vpnRouteEntries"]) == 3
    emu.reset()
    assert emu.state() != dump
    status, _ = emu.control_json("POST", "/_emulator/fixtures", dump)
    assert status == 200
    assert emu.state() == dump


# tasks and config -----------------------------------------------------------------------------

def test_tasks_list_and_complete(emu):
    tea = emu.tea()
    assert emu.control_json("GET", "/_emulator/tasks") == (200, {"tasks": []})
    tea.create_vpn_route_entry(create_request("10.52.0.0/24"))
    _, body = emu.control_json("GET", "/_emulator/tasks")
    assert [(t["resourceId"], t["action"]) for t in body["tasks"]] == [(GATEWAY, "CreateVpnRouteEntry")]
    assert isinstance(body["tasks"][0]["endsAt"], int)
    assert describe_gateway(tea).body.status == "updating"
    with pytest.raises(tea_exceptions.ClientException) as info:
        tea.create_vpn_route_entry(create_request("10.53.0.0/24"))
    assert info.value.code == "VpnGateway.Configuring"
    assert emu.control_json("POST", "/_emulator/tasks/complete") == (200, {"completed": 1})
    assert describe_gateway(tea).body.status == "active"
    tea.create_vpn_route_entry(create_request("10.53.0.0/24"))


def test_config_changes_settings_and_rejects_bad_input(emu):
    settings = emu.config(taskDurationMs=0, taskCooldownMs=0)
    assert settings["taskDurationMs"] == 0 and settings["throttle"] is False and settings["auth"] == "verify"
    tea = emu.tea()
    tea.create_vpn_route_entry(create_request("10.54.0.0/24"))
    tea.create_vpn_route_entry(create_request("10.55.0.0/24"))   # no Configuring: the task ended at once
    for bad in ({"taskDurationMs": -1}, {"taskDurationMs": "5"}, {"throttle": "yes"}, {"auth": "maybe"}, {"colour": 1}):
        status, body = emu.control_json("PUT", "/_emulator/config", bad)
        assert status == 400, bad
        assert body["error"], bad
    assert emu.control_json("PUT", "/_emulator/config", {})[1]["taskDurationMs"] == 0


# faults ---------------------------------------------------------------------------------------

def test_injected_task_conflict_is_raised_once_then_the_call_succeeds(emu):
    status, body = emu.control_json("POST", "/_emulator/faults", {"action": "CreateVpnRouteEntry", "code": "TaskConflict"})
    assert status == 201 and body["id"]
    tea = emu.tea()
    with pytest.raises(tea_exceptions.ClientException) as info:
        tea.create_vpn_route_entry(create_request("10.56.0.0/24"))
    assert info.value.code == "TaskConflict"
    assert info.value.status_code == 400
    assert "The operation is too frequent" in info.value.message
    resp = tea.create_vpn_route_entry(create_request("10.56.0.0/24"))
    assert resp.body.route_dest == "10.56.0.0/24"
    assert emu.control_json("GET", "/_emulator/faults")[1]["faults"] == []


def test_a_500_fault_leaves_the_state_unchanged(emu):
    before = emu.state()
    emu.fault(action="DeleteVpnRouteEntry", code="InternalError")
    tea = emu.tea()
    delete = m.DeleteVpnRouteEntryRequest(region_id=REGION, vpn_gateway_id=GATEWAY, route_dest="10.1.0.0/24",
                                          next_hop=GATEWAY_CONNECTION, weight=100, client_token="del-500")
    with pytest.raises(tea_exceptions.ServerException) as info:
        tea.delete_vpn_route_entry(delete)
    assert info.value.code == "InternalError" and info.value.status_code == 500
    assert emu.state() == before
    assert emu.control_json("GET", "/_emulator/tasks")[1]["tasks"] == []
    entry = journal(emu, "?action=DeleteVpnRouteEntry")[-1]
    assert (entry["httpStatus"], entry["code"], entry["rule"]) == (500, "InternalError", "fault.injected")
    tea.delete_vpn_route_entry(delete)
    assert emu.state() != before


def test_faults_list_defaults_and_clear(emu):
    emu.fault(code="ServiceUnavailable", count=2)
    emu.fault(action="DescribeVcoRouteEntries", code="UnknownError", resourceId=TRANSIT)
    _, body = emu.control_json("GET", "/_emulator/faults")
    first, second = body["faults"]
    assert (first["code"], first["httpStatus"], first["count"]) == ("ServiceUnavailable", 503, 2)
    assert first["message"] == "The request has failed due to a temporary failure of the server."
    assert (second["httpStatus"], second["resourceId"]) == (500, TRANSIT)
    for bad in ({"code": "X", "count": 0}, {"action": "Nope", "code": "X"}, {"action": "DescribeVpnGateway"},
                {"code": "X", "httpStatus": 200}):
        status, err = emu.control_json("POST", "/_emulator/faults", bad)
        assert status == 400 and err["error"], bad
    status, _ = emu.control("POST", "/_emulator/faults", b"{")
    assert status == 400
    assert emu.control_json("DELETE", "/_emulator/faults")[0] == 200
    assert emu.control_json("GET", "/_emulator/faults")[1]["faults"] == []
    assert describe_gateway(emu.tea()).body.vpn_gateway_id == GATEWAY


def test_retry_after_makes_the_tea_sdk_raise_throttling(emu):
    emu.fault(action="DescribeVpnGateway", code="Throttling", retryAfterMs=1200)
    with pytest.raises(tea_exceptions.ThrottlingException) as info:
        describe_gateway(emu.tea())
    assert info.value.code == "Throttling"
    assert info.value.retry_after == 1200


# requests (journal) and metrics ---------------------------------------------------------------

class RecordingProxy:
    """A TCP relay in front of the emulator that keeps every byte the clients send."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.sent = bytearray()
        self.lock = threading.Lock()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def endpoint(self):
        return f"127.0.0.1:{self.port}"

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src, dst, record):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if record:
                    with self.lock:
                        self.sent += data
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def signatures(self):
        with self.lock:
            raw = bytes(self.sent)
        v1 = [urllib.parse.unquote_plus(s.decode()) for s in re.findall(rb"(?:[?&]|\r\n\r\n)Signature=([^&\s]+)", raw)]
        v3 = [s.decode() for s in re.findall(rb"Signature=([0-9a-f]{64})", raw)]
        return v1, v3

    def close(self):
        self.server.close()


def test_the_journal_never_holds_a_secret_or_a_signature(emu):
    proxy = RecordingProxy(emu.port)
    try:
        proxied = Emulator.__new__(Emulator)
        proxied.port = proxy.port
        describe_gateway(proxied.tea())                              # V3
        describe_gateway(proxied.tea(v1=True))                       # V1, Tea
        proxied.tea().create_vpn_route_entry(create_request("10.57.0.0/24", token="journal-1"))
        req = DescribeVpnGatewayRequest()
        req.set_VpnGatewayId(GATEWAY)
        proxied.core().call(req)                                     # V1, old SDK
        proxied.core().common("DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY})
        proxied.core().common("DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "SecurityToken": "sts-secret-token"},
                              method="POST", form=True)
        v1, v3 = proxy.signatures()
    finally:
        proxy.close()
    assert len(v1) >= 4 and len(v3) >= 2, (v1, v3)
    status, raw = emu.control("GET", "/_emulator/requests")
    assert status == 200
    text = raw.decode()
    assert len(json.loads(text)["requests"]) == 6
    assert ACCOUNT_KEY[1] not in text
    assert "sts-secret-token" not in text
    for signature in v1 + v3:
        assert signature not in text
        assert urllib.parse.quote(signature, safe="") not in text
    assert '"Signature"' not in text and '"SecurityToken"' not in text
    assert ACCOUNT_KEY[0] in text


def test_the_journal_filters_and_clears(emu):
    tea = emu.tea()
    describe_gateway(tea)
    tea.create_vpn_route_entry(create_request("10.58.0.0/24"))
    with pytest.raises(tea_exceptions.ClientException):
        tea.create_vpn_route_entry(create_request("10.59.0.0/24"))
    entries = journal(emu)
    assert [e["action"] for e in entries] == ["DescribeVpnGateway", "CreateVpnRouteEntry", "CreateVpnRouteEntry"]
    for e in entries:
        assert list(e) == ["time", "action", "params", "accessKeyId", "httpStatus", "code", "rule", "requestId", "durationMs"]
        assert UUID_RE.match(e["requestId"])
    assert entries[1]["code"] is None and entries[1]["rule"] is None and entries[1]["httpStatus"] == 200
    assert entries[1]["params"]["RouteDest"] == "10.58.0.0/24"
    assert (entries[2]["code"], entries[2]["rule"]) == ("VpnGateway.Configuring", "gateway.state.configuring")
    assert len(journal(emu, "?action=CreateVpnRouteEntry")) == 2
    assert [e["params"]["RouteDest"] for e in journal(emu, "?action=CreateVpnRouteEntry&limit=1")] == ["10.59.0.0/24"]
    assert len(journal(emu, "?code=VpnGateway.Configuring")) == 1
    assert emu.control("DELETE", "/_emulator/requests")[0] == 200
    assert journal(emu) == []


def _metrics(emu):
    status, raw = emu.control("GET", "/_emulator/metrics")
    assert status == 200
    values = {}
    for line in raw.decode().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return raw.decode(), values


def test_metrics_are_prometheus_text(emu):
    """Counters are cumulative over the process (reset does not clear them): compare deltas."""
    _, before = _metrics(emu)
    tea = emu.tea()
    describe_gateway(tea)
    tea.create_vpn_route_entry(create_request("10.60.0.0/24"))
    with pytest.raises(tea_exceptions.ClientException):
        describe_gateway(tea, "vpn-nothing")
    emu.control("GET", "/_emulator/state")
    text, after = _metrics(emu)
    lines = text.splitlines()
    assert "# TYPE vpngw_requests_total counter" in lines
    assert "# TYPE vpngw_request_duration_seconds histogram" in lines

    def delta(name):
        return after.get(name, 0) - before.get(name, 0)

    assert delta('vpngw_requests_total{action="DescribeVpnGateway",code=""}') == 1
    assert delta('vpngw_requests_total{action="DescribeVpnGateway",code="InvalidVpnGatewayInstanceId.NotFound"}') == 1
    assert delta('vpngw_requests_total{action="CreateVpnRouteEntry",code=""}') == 1
    assert delta('vpngw_request_duration_seconds_bucket{le="+Inf"}') == 3
    assert delta("vpngw_request_duration_seconds_count") == 3
    assert after["vpngw_pending_tasks"] == 1
    emu.complete_tasks()
    assert _metrics(emu)[1]["vpngw_pending_tasks"] == 0


# control paths ----------------------------------------------------------------------------------

def test_unknown_control_paths_and_methods(emu):
    status, body = emu.control_json("GET", "/_emulator/nothing")
    assert status == 404 and body["error"]
    status, body = emu.control_json("GET", "/_emulator/reset")
    assert status == 405 and body["error"]
    status, body = emu.control_json("DELETE", "/_emulator/state")
    assert status == 405 and body["error"]


# start options --------------------------------------------------------------------------------

def test_throttle_makes_the_tea_sdk_raise_throttling_exception():
    e = Emulator("--throttle", "--task-duration", "0").start()
    try:
        tea = e.tea()
        for i in range(60):
            try:
                tea.create_vpn_route_entry(create_request(f"10.61.{i}.0/24"))
            except tea_exceptions.ClientException as err:
                assert err.code != "Throttling.User", i
        with pytest.raises(tea_exceptions.ThrottlingException) as info:
            tea.create_vpn_route_entry(create_request("10.62.0.0/24"))
        assert info.value.code == "Throttling.User"
        assert info.value.status_code == 400
        assert 1 <= info.value.retry_after <= 60000
        # Another action has its own window.
        assert describe_gateway(tea).body.vpn_gateway_id == GATEWAY
        assert e.control_json("PUT", "/_emulator/config", {})[1]["throttle"] is True
    finally:
        assert e.stop() == 0, e.logs()


def test_control_token_guards_the_control_api():
    e = Emulator("--control-token", "tok-123").start()
    try:
        assert e.control("GET", "/_emulator/state")[0] == 401
        assert e.control("GET", "/_emulator/state", headers={"Authorization": "Bearer wrong"})[0] == 401
        assert e.control("POST", "/_emulator/reset")[0] == 401
        assert e.control("POST", "/_emulator/faults", {"code": "X"})[0] == 401
        assert e.control("GET", "/_emulator/state", headers={"Authorization": "Bearer tok-123"})[0] == 200
        assert e.control("GET", "/_emulator/health")[0] == 200
        # RPC calls need no control token.
        assert describe_gateway(e.tea()).body.vpn_gateway_id == GATEWAY
    finally:
        assert e.stop() == 0, e.logs()


def _seeded_run(e):
    """The same calls through the old SDK's CommonRequest; the raw response bodies."""
    client = e.core().client
    calls = [
        ("DescribeVpnGateway", {"VpnGatewayId": GATEWAY}),
        ("CreateVpnRouteEntry", {"VpnGatewayId": GATEWAY, "RouteDest": "10.63.0.0/24", "NextHop": GATEWAY_CONNECTION,
                                 "Weight": "100", "PublishVpc": "true", "ClientToken": "seed-1"}),
        ("CreateVpnRouteEntry", {"VpnGatewayId": GATEWAY, "RouteDest": "10.63.0.0/24", "NextHop": GATEWAY_CONNECTION,
                                 "Weight": "100", "PublishVpc": "true", "ClientToken": "seed-1"}),
        ("CreateVpnRouteEntry", {"VpnGatewayId": GATEWAY, "RouteDest": "10.1.0.0/24", "NextHop": GATEWAY_CONNECTION_2,
                                 "Weight": "100", "PublishVpc": "false"}),
        ("CreateVcoRouteEntry", {"VpnConnectionId": TRANSIT, "RouteDest": "192.168.63.0/24", "NextHop": TRANSIT, "Weight": "0"}),
        ("DescribeVpnRouteEntries", {"VpnGatewayId": GATEWAY}),
        ("DescribeVcoRouteEntries", {"VpnConnectionId": TRANSIT}),
        ("NoSuchAction", {}),
    ]
    bodies = []
    for action, params in calls:
        req = CommonRequest(domain=e.endpoint, version="2016-04-28", action_name=action)
        req.set_protocol_type("http")
        # Errors echo the Host header as HostId; the two processes listen on different ports.
        req.add_header("Host", "vpc.emulator.test")
        req.add_query_param("RegionId", REGION)
        for k, v in params.items():
            req.add_query_param(k, v)
        status, _headers, body, _error = client._implementation_of_do_action(req)
        bodies.append((status, body))
    return bodies


def test_two_processes_with_the_same_seed_answer_byte_for_byte_the_same():
    a = Emulator("--seed", "42", "--task-duration", "0").start()
    b = Emulator("--seed", "42", "--task-duration", "0").start()
    try:
        first = _seeded_run(a)
        b.control("GET", "/_emulator/state")   # control calls consume nothing
        second = _seeded_run(b)
        assert first == second
        assert b'"HostId":"vpc.emulator.test"' in first[3][1]
        statuses = [s for s, _ in first]
        assert statuses == [200, 200, 200, 400, 200, 200, 200, 404]
        ids = [json.loads(body)["RequestId"] for _, body in first]
        assert len(set(ids)) == len(ids) and all(UUID_RE.match(i) for i in ids)
        # reset restarts the sequence
        a.reset()
        assert _seeded_run(a) == first
        # a different seed gives different RequestIds
        c = Emulator("--seed", "43", "--task-duration", "0").start()
        try:
            assert _seeded_run(c)[0] != first[0]
        finally:
            assert c.stop() == 0
    finally:
        assert a.stop() == 0, a.logs()
        assert b.stop() == 0, b.logs()


def test_requests_without_seed_get_fresh_ids(emu):
    ids = {describe_gateway(emu.tea()).body.request_id for _ in range(3)}
    assert len(ids) == 3 and all(UUID_RE.match(i) for i in ids)
    assert uuid.UUID(next(iter(ids)))
