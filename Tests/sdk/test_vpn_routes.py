"""The gateway route operations through the official SDKs (API.md §5–§8, §13.1, §13.3, §13.6–§13.9).

CreateVpnRouteEntry, DescribeVpnRouteEntries, DeleteVpnRouteEntry, ModifyVpnRouteEntryWeight,
PublishVpnRouteEntry and DescribeVpnGateway (for Status): the full flow with every client,
ClientToken (§7), DryRun (§8) and "a rejected request leaves the database unchanged" (§2).
The error codes, one family at a time, are in test_vpn_errors.py; the helpers here serve both.

The session emulator runs with --task-duration 60000: every successful write leaves the gateway
`updating` for a minute, so the tests call emu.complete_tasks() between writes.
"""
import concurrent.futures
import importlib
import json
import re

import pytest
from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_vpc20160428 import models as m
from aliyunsdkcore.request import CommonRequest

from emulator import (ACCOUNT_KEY, DUAL_CONNECTION, DUAL_GATEWAY, GATEWAY, GATEWAY_CONNECTION, GATEWAY_CONNECTION_2,
                      OTHER_ACCOUNT_GATEWAY, OTHER_ACCOUNT_KEY, PENDING_VPC_CONNECTION, PENDING_VPC_GATEWAY, REGION)

DEFAULT_VPC = "vpc-bp1default0000000001"
FIXTURE_ROUTE = {"RouteDest": "10.1.0.0/24", "NextHop": GATEWAY_CONNECTION, "Weight": 100}   # fixtures/default.json
FIXTURE_ROUTE_CREATE_TIME = 1700000000000


def create_params(**overrides):
    """A valid CreateVpnRouteEntry on the single-tunnel gateway."""
    params = {"RegionId": REGION, "VpnGatewayId": GATEWAY, "RouteDest": "10.50.0.0/24", "NextHop": GATEWAY_CONNECTION,
              "Weight": 100, "PublishVpc": False}
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


def route_params(action, **overrides):
    """Valid parameters of `action` for the route (10.50.0.0/24, GATEWAY_CONNECTION, weight 100)."""
    base = {"RegionId": REGION, "VpnGatewayId": GATEWAY, "RouteDest": "10.50.0.0/24", "NextHop": GATEWAY_CONNECTION}
    extra = {"CreateVpnRouteEntry": {"Weight": 100, "PublishVpc": False},
             "DeleteVpnRouteEntry": {"Weight": 100},
             "ModifyVpnRouteEntryWeight": {"Weight": 100, "NewWeight": 0},
             "PublishVpnRouteEntry": {"RouteType": "dbr", "PublishVpc": True}}[action]
    params = {**base, **extra, **overrides}
    return {k: v for k, v in params.items() if v is not None}


# Calling ---------------------------------------------------------------------------------------

def snake(action):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()


def tea_call(emu, action, params, key=ACCOUNT_KEY, v1=False):
    """One call through the Tea SDK (V3 signature, or V1 with v1=True); returns the response."""
    client = emu.tea(key=key, v1=v1)
    request = getattr(m, action + "Request")().from_map(dict(params))
    return getattr(client, snake(action))(request)


def tea_ok(emu, action, params, key=ACCOUNT_KEY, v1=False):
    """A call that must succeed: HTTP 200 and a body the Tea model parsed (not None); returns the body map."""
    resp = tea_call(emu, action, params, key=key, v1=v1)
    assert resp.status_code == 200
    assert resp.body is not None, f"{action}: the Tea model did not parse the body"
    body = resp.body.to_map()
    assert body["RequestId"]
    return body


def core_ok(emu, action, params, key=ACCOUNT_KEY):
    """A call through the old SDK's request class of `action` (aliyunsdkvpc); RegionId comes from the client."""
    module = importlib.import_module(f"aliyunsdkvpc.request.v20160428.{action}Request")
    request = getattr(module, action + "Request")()
    for name, value in params.items():
        if name == "RegionId":
            assert value == REGION, "the old SDK sends the client's region"
            continue
        getattr(request, "set_" + name)(value)
    body = emu.core(key=key).call(request)
    assert body is not None and body["RequestId"]
    return body


def wire(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def raw_call(emu, action, params, key=ACCOUNT_KEY):
    """The old SDK's CommonRequest without raising: (status, headers, body dict). Headers are visible here,
    unlike in the Tea SDK's exceptions. The old SDK adds RegionId itself when params lack it."""
    request = CommonRequest(domain=emu.endpoint, version="2016-04-28", action_name=action)
    request.set_protocol_type("http")
    request.set_method("POST")
    for name, value in params.items():
        request.add_query_param(name, wire(value))
    status, headers, body, _ = emu.core(key=key).client._implementation_of_do_action(request)
    return status, headers, json.loads(body)


class Client:
    """The three clients of the flow test behind one `call(action, params) -> body dict`."""

    def __init__(self, emu, kind):
        self.emu, self.kind = emu, kind
        self.last = None

    def call(self, action, params):
        if self.kind == "core":
            return core_ok(self.emu, action, params)
        resp = tea_call(self.emu, action, params, v1=self.kind == "tea-v1")
        assert resp.status_code == 200
        assert resp.body is not None, f"{action}: the Tea model did not parse the body"
        self.last = resp.body
        return resp.body.to_map()


# Observing ------------------------------------------------------------------------------------

def journal_last(emu):
    status, body = emu.control_json("GET", "/_emulator/requests?limit=1")
    assert status == 200
    return body["requests"][-1]


def pending_tasks(emu):
    status, body = emu.control_json("GET", "/_emulator/tasks")
    assert status == 200
    return body["tasks"]


def snapshot(emu):
    """Everything a write may change that the control API shows: the state dump and the pending tasks."""
    return emu.state(), pending_tasks(emu)


def gateway_status(emu, gateway=GATEWAY):
    return tea_ok(emu, "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway})["Status"]


def routes(emu, gateway=GATEWAY, **paging):
    body = tea_ok(emu, "DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": gateway, "PageSize": 50, **paging})
    return body["VpnRouteEntries"]["VpnRouteEntry"]


def route_keys(entries):
    return [(r["RouteDest"], r["NextHop"], r["Weight"], r["State"]) for r in entries]


def vpc_dump(emu, vpc_id=DEFAULT_VPC):
    return next(v for v in emu.state()["vpcs"] if v["id"] == vpc_id)


def vpn_entry(dest, gateway=GATEWAY):
    return {"destinationCidrBlock": dest, "nextHopType": "VpnGateway", "nextHopId": gateway}


def load_fixture(emu, document):
    status, body = emu.control_json("POST", "/_emulator/fixtures", document)
    assert status == 200, body
    return body


def tea_error(emu, action, params, key=ACCOUNT_KEY, v1=False):
    with pytest.raises(tea_exceptions.ClientException) as info:
        tea_call(emu, action, params, key=key, v1=v1)
    return info.value


def expect_error(emu, action, params, code, status, message, rule, key=ACCOUNT_KEY, raw=True):
    """The call fails with exactly this code, status, message and rule, through the Tea SDK (code, status and
    message as the SDK exposes them; the rule from the journal) and, with raw=True, through the old SDK
    (the x-emulator-rule header and the body). Neither attempt changes the state or starts a task."""
    before = snapshot(emu)
    e = tea_error(emu, action, params, key=key)
    assert e.code == code
    assert e.status_code == status
    assert e.data["Code"] == code
    assert e.data["Message"] == message
    entry = journal_last(emu)
    assert (entry["action"], entry["httpStatus"], entry["code"], entry["rule"]) == (action, status, code, rule)
    if raw:
        st, headers, body = raw_call(emu, action, params, key=key)
        assert st == status
        assert headers.get("x-emulator-rule") == rule
        assert (body["Code"], body["Message"]) == (code, message)
        assert body["RequestId"]
    assert snapshot(emu) == before, f"{code} ({rule}) changed the state"
    return e


@pytest.fixture(autouse=True)
def _restore_session_config(emu):
    """Tests here change run-time settings; put back the session's (reset also restores them)."""
    yield
    emu.config(taskDurationMs=60000, taskCooldownMs=0, quotaGatewayRoutes=20, quotaVpcRoutes=200)


# 1. The full flow, once per client -------------------------------------------------------------

@pytest.mark.parametrize("kind", ["tea-v3", "tea-v1", "core"])
def test_full_flow(emu, kind):
    c = Client(emu, kind)
    assert gateway_status(emu) == "active"

    # Create (PublishVpc false), with a 100-scalar Unicode description.
    description = "路由" * 50
    created = c.call("CreateVpnRouteEntry", create_params(Description=description))
    assert created["VpnInstanceId"] == GATEWAY
    assert created["RouteDest"] == "10.50.0.0/24"
    assert created["NextHop"] == GATEWAY_CONNECTION
    assert created["Weight"] == 100
    assert created["OverlayMode"] == "Ipsec"
    assert created["Description"] == description
    assert created["State"] == "normal"
    assert isinstance(created["CreateTime"], int) and created["CreateTime"] > FIXTURE_ROUTE_CREATE_TIME

    # Visible at once, while the gateway is updating.
    listed = c.call("DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": GATEWAY})
    if kind != "core":
        assert c.last.vpn_route_entries is not None and len(c.last.vpn_route_entries.vpn_route_entry) == 2
    assert listed["TotalCount"] == 2 and listed["PageNumber"] == 1 and listed["PageSize"] == 10
    assert listed["VpnRouteCounts"] == {"VpnRouteCount": []}          # single-tunnel gateway
    new = listed["VpnRouteEntries"]["VpnRouteEntry"][1]
    assert new == {"VpnInstanceId": GATEWAY, "RouteDest": "10.50.0.0/24", "NextHop": GATEWAY_CONNECTION, "Weight": 100,
                   "State": "normal", "CreateTime": created["CreateTime"], "RouteEntryType": "custom", "Source": "",
                   "AsPath": "", "Community": "", "NextHopTunnelId": ""}
    assert c.call("DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY})["Status"] == "updating"
    assert emu.complete_tasks() == 1
    assert c.call("DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY})["Status"] == "active"

    # A second route (standby-free, weight 0) for creation order and paging.
    second = c.call("CreateVpnRouteEntry", create_params(RouteDest="10.51.0.0/24", Weight=0))
    assert second["Weight"] == 0 and second["Description"] == "" and second["CreateTime"] >= created["CreateTime"]
    assert emu.complete_tasks() == 1

    everything = c.call("DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": GATEWAY})
    assert [r["RouteDest"] for r in everything["VpnRouteEntries"]["VpnRouteEntry"]] == ["10.1.0.0/24", "10.50.0.0/24", "10.51.0.0/24"]
    pages = []
    for number in (1, 2, 3):
        page = c.call("DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "PageSize": 2, "PageNumber": number})
        assert (page["TotalCount"], page["PageNumber"], page["PageSize"]) == (3, number, 2)
        pages.append([r["RouteDest"] for r in page["VpnRouteEntries"]["VpnRouteEntry"]])
    assert pages == [["10.1.0.0/24", "10.50.0.0/24"], ["10.51.0.0/24"], []]

    # Modify 100 → 0: visible at once.
    modified = c.call("ModifyVpnRouteEntryWeight", route_params("ModifyVpnRouteEntryWeight"))
    assert set(modified) == {"RequestId"}
    assert ("10.50.0.0/24", GATEWAY_CONNECTION, 0, "normal") in route_keys(routes(emu))
    assert gateway_status(emu) == "updating"
    assert emu.complete_tasks() == 1

    # Publish: State published, and the VPC system table has the derived entry (publishedRouteEntries).
    c.call("PublishVpnRouteEntry", route_params("PublishVpnRouteEntry", PublishVpc=True))
    assert ("10.50.0.0/24", GATEWAY_CONNECTION, 0, "published") in route_keys(routes(emu))
    vpc = vpc_dump(emu)
    assert vpn_entry("10.50.0.0/24") in vpc["publishedRouteEntries"]
    assert vpn_entry("10.50.0.0/24") not in vpc["routeEntries"]
    assert gateway_status(emu) == "updating"
    assert emu.complete_tasks() == 1

    # Withdraw: State normal, entry gone.
    c.call("PublishVpnRouteEntry", route_params("PublishVpnRouteEntry", PublishVpc=False))
    assert ("10.50.0.0/24", GATEWAY_CONNECTION, 0, "normal") in route_keys(routes(emu))
    assert vpc_dump(emu)["publishedRouteEntries"] == []
    assert emu.complete_tasks() == 1

    # Delete (by its current weight 0): gone at once.
    c.call("DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry", Weight=0))
    assert [r["RouteDest"] for r in routes(emu)] == ["10.1.0.0/24", "10.51.0.0/24"]
    assert gateway_status(emu) == "updating"
    assert emu.complete_tasks() == 1
    assert gateway_status(emu) == "active"


def test_create_published_and_delete_withdraws(emu):
    body = tea_ok(emu, "CreateVpnRouteEntry", create_params(PublishVpc=True))
    assert body["State"] == "published"
    assert vpc_dump(emu)["publishedRouteEntries"] == [vpn_entry("10.50.0.0/24")]
    emu.complete_tasks()
    tea_ok(emu, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry"))
    assert vpc_dump(emu)["publishedRouteEntries"] == []
    assert route_keys(routes(emu)) == [("10.1.0.0/24", GATEWAY_CONNECTION, 100, "normal")]


def test_pair_shares_one_vpc_entry_reference_counted(emu):
    """§5.8: the active and standby routes of a pair share one VPC entry, removed with the last of them."""
    load_fixture(emu, {"vpcs": [{**{k: v for k, v in vpc_dump(emu).items() if k != "publishedRouteEntries"},
                                 "routeTableQuota": 3}]})
    tea_ok(emu, "CreateVpnRouteEntry", create_params(PublishVpc=True))                        # 3 entries: full
    emu.complete_tasks()
    standby = tea_ok(emu, "CreateVpnRouteEntry", create_params(NextHop=GATEWAY_CONNECTION_2, Weight=0, PublishVpc=True))
    assert standby["State"] == "published"                                                   # shared: no quota error
    assert vpc_dump(emu)["publishedRouteEntries"] == [vpn_entry("10.50.0.0/24")]
    emu.complete_tasks()
    tea_ok(emu, "PublishVpnRouteEntry", route_params("PublishVpnRouteEntry", PublishVpc=False))
    assert vpc_dump(emu)["publishedRouteEntries"] == [vpn_entry("10.50.0.0/24")]              # standby still published
    emu.complete_tasks()
    tea_ok(emu, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry", NextHop=GATEWAY_CONNECTION_2, Weight=0))
    assert vpc_dump(emu)["publishedRouteEntries"] == []


def test_router_interface_entry_does_not_conflict(emu):
    """§5.8: the fixture's 10.20.0.0/16 → RouterInterface entry; the VPN entry is added beside it."""
    body = tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.20.0.0/16", PublishVpc=True))
    assert body["State"] == "published"
    vpc = vpc_dump(emu)
    assert {"destinationCidrBlock": "10.20.0.0/16", "nextHopType": "RouterInterface", "nextHopId": "ri-bp1express000000001"} in vpc["routeEntries"]
    assert vpc["publishedRouteEntries"] == [vpn_entry("10.20.0.0/16")]


def test_withdraw_has_no_vpc_checks(emu):
    """Routes of the gateway in the Pending VPC: publishing fails, but a published route (fixture) can be withdrawn."""
    load_fixture(emu, {"vpnRouteEntries": [{"vpnGatewayId": PENDING_VPC_GATEWAY, "routeDest": "10.90.0.0/24",
                                            "nextHop": PENDING_VPC_CONNECTION, "weight": 100, "publishVpc": True}]})
    tea_ok(emu, "PublishVpnRouteEntry", {"RegionId": REGION, "VpnGatewayId": PENDING_VPC_GATEWAY, "RouteDest": "10.90.0.0/24",
                                          "NextHop": PENDING_VPC_CONNECTION, "RouteType": "dbr", "PublishVpc": False})
    assert route_keys(routes(emu, PENDING_VPC_GATEWAY)) == [("10.90.0.0/24", PENDING_VPC_CONNECTION, 100, "normal")]


def test_no_change_writes_start_no_task(emu):
    """§6.3: Modify with NewWeight = Weight and Publish of the state the route has succeed, change nothing, start no task."""
    before = snapshot(emu)
    tea_ok(emu, "ModifyVpnRouteEntryWeight", {"RegionId": REGION, "VpnGatewayId": GATEWAY, **FIXTURE_ROUTE, "NewWeight": 100})
    tea_ok(emu, "PublishVpnRouteEntry", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "RouteDest": "10.1.0.0/24",
                                          "NextHop": GATEWAY_CONNECTION, "RouteType": "dbr", "PublishVpc": False})
    assert snapshot(emu) == before
    assert gateway_status(emu) == "active"


def test_dual_tunnel_gateway_pairs_and_route_counts(emu):
    """§5.4: any number of routes per destination on a dual-tunnel gateway; VpnRouteCounts lists the count."""
    load_fixture(emu, {"vpnConnections": [{"id": "vco-bp1dualtunnel000002", "account": "1234567890123456", "region": REGION,
                                           "attachType": "VPNGW", "vpnGatewayId": DUAL_GATEWAY}]})
    dual = {"VpnGatewayId": DUAL_GATEWAY, "RouteDest": "100.64.0.0/10"}                       # shared space is fine on dual
    tea_ok(emu, "CreateVpnRouteEntry", create_params(**dual, NextHop=DUAL_CONNECTION, Weight=100))
    emu.complete_tasks()
    tea_ok(emu, "CreateVpnRouteEntry", create_params(**dual, NextHop="vco-bp1dualtunnel000002", Weight=100))
    emu.complete_tasks()
    tea_ok(emu, "ModifyVpnRouteEntryWeight", route_params("ModifyVpnRouteEntryWeight", **dual, NextHop=DUAL_CONNECTION))
    body = tea_ok(emu, "DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY})
    assert body["VpnRouteCounts"] == {"VpnRouteCount": [{"RouteCount": 2, "RouteEntryType": "custom", "Source": ""}]}
    assert route_keys(body["VpnRouteEntries"]["VpnRouteEntry"]) == [
        ("100.64.0.0/10", DUAL_CONNECTION, 0, "normal"), ("100.64.0.0/10", "vco-bp1dualtunnel000002", 100, "normal")]


def test_route_entry_type_bgp_is_empty(emu):
    body = tea_ok(emu, "DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "RouteEntryType": "BGP"})
    assert body["TotalCount"] == 0 and body["VpnRouteEntries"] == {"VpnRouteEntry": []}
    body = tea_ok(emu, "DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "PageNumber": 9})
    assert body["TotalCount"] == 1 and body["VpnRouteEntries"] == {"VpnRouteEntry": []} and body["PageNumber"] == 9


def test_reads_succeed_while_updating(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    assert gateway_status(emu) == "updating"
    assert len(routes(emu)) == 2


# 2. ClientToken (§7) ----------------------------------------------------------------------------

def test_client_token_replay_returns_the_stored_body(emu):
    params = create_params(ClientToken="flow-token-1", Description="first")
    first = tea_call(emu, "CreateVpnRouteEntry", params)
    assert first.body is not None and "x-emulator-idempotent-replay" not in first.headers
    stored = first.body.to_map()
    assert gateway_status(emu) == "updating"
    tasks = pending_tasks(emu)
    state = emu.state()

    # While the gateway is updating: the stored success, not VpnGateway.Configuring.
    for v1 in (False, True):
        again = tea_call(emu, "CreateVpnRouteEntry", params, v1=v1)
        assert again.status_code == 200 and again.body is not None
        assert again.headers.get("x-emulator-idempotent-replay") == "true"
        body = again.body.to_map()
        assert body["RequestId"] != stored["RequestId"]
        assert {k: v for k, v in body.items() if k != "RequestId"} == {k: v for k, v in stored.items() if k != "RequestId"}
        assert journal_last(emu)["httpStatus"] == 200
    status, headers, raw = raw_call(emu, "CreateVpnRouteEntry", params)
    assert status == 200 and headers.get("x-emulator-idempotent-replay") == "true" and "x-emulator-rule" not in headers
    assert raw["CreateTime"] == stored["CreateTime"]
    # No second effect: same routes, same task end.
    assert emu.state() == state
    assert pending_tasks(emu) == tasks
    assert [r["RouteDest"] for r in routes(emu)] == ["10.1.0.0/24", "10.50.0.0/24"]


def test_client_token_replay_before_resource_lookup(emu):
    """Stage 12 precedes stage 13: after the route is deleted, the Create replay still answers the stored body."""
    params = create_params(ClientToken="before-lookup")
    stored = tea_ok(emu, "CreateVpnRouteEntry", params)
    emu.complete_tasks()
    tea_ok(emu, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry"))
    again = tea_call(emu, "CreateVpnRouteEntry", params)
    assert again.headers.get("x-emulator-idempotent-replay") == "true"
    assert again.body.to_map()["CreateTime"] == stored["CreateTime"]
    assert [r["RouteDest"] for r in routes(emu)] == ["10.1.0.0/24"]


@pytest.mark.parametrize("action", ["DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"])
def test_client_token_replay_on_other_writes(emu, action):
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    emu.complete_tasks()
    params = route_params(action, ClientToken="other-write")
    first = tea_ok(emu, action, params)
    state, tasks = snapshot(emu)
    assert len(tasks) == 1
    again = tea_call(emu, action, params)
    assert again.headers.get("x-emulator-idempotent-replay") == "true"
    assert again.body.to_map()["RequestId"] != first["RequestId"]
    assert snapshot(emu) == (state, tasks)
    e = tea_error(emu, action, {**params, "NextHop": GATEWAY_CONNECTION_2})
    assert e.code == "IdempotenceParamNotMatch" and journal_last(emu)["rule"] == "token.mismatch"


def test_client_token_normalisation(emu):
    """Business parameters compare after normalisation: booleans, integers, absent defaults (§7)."""
    tea_ok(emu, "CreateVpnRouteEntry", create_params(ClientToken="normal"))
    for variant in ({"PublishVpc": "FALSE", "Weight": "0100"}, {"Description": "", "OverlayMode": "Ipsec", "DryRun": "false"},
                    {"OwnerId": "123", "ResourceOwnerAccount": "x", "Unknown": "y"}):
        status, headers, body = raw_call(emu, "CreateVpnRouteEntry", {**create_params(ClientToken="normal"), **variant})
        assert status == 200, (variant, body)
        assert headers.get("x-emulator-idempotent-replay") == "true"
    status, _, body = raw_call(emu, "CreateVpnRouteEntry", create_params(ClientToken="normal", Description="x"))
    assert (status, body["Code"]) == (400, "IdempotenceParamNotMatch")


def test_client_token_mismatch(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params(ClientToken="mismatch-token"))
    emu.complete_tasks()
    expect_error(emu, "CreateVpnRouteEntry", create_params(ClientToken="mismatch-token", RouteDest="10.51.0.0/24"),
                 "IdempotenceParamNotMatch", 400,
                 "Request uses a client token in a previous request but is not identical to that request.", "token.mismatch")


def test_client_token_scoped_by_action_and_account(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params(ClientToken="scoped"))
    emu.complete_tasks()
    # Same token, another Action: executes (Modify of the new route).
    tea_ok(emu, "ModifyVpnRouteEntryWeight", route_params("ModifyVpnRouteEntryWeight", ClientToken="scoped"))
    # Same token, another account: executes on that account's gateway.
    other = tea_ok(emu, "CreateVpnRouteEntry", create_params(ClientToken="scoped", VpnGatewayId=OTHER_ACCOUNT_GATEWAY,
                                                             NextHop="vco-bp1otheraccount00001"), key=OTHER_ACCOUNT_KEY)
    assert other["VpnInstanceId"] == OTHER_ACCOUNT_GATEWAY
    listed = tea_ok(emu, "DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": OTHER_ACCOUNT_GATEWAY}, key=OTHER_ACCOUNT_KEY)
    assert [r["RouteDest"] for r in listed["VpnRouteEntries"]["VpnRouteEntry"]] == ["10.50.0.0/24"]


def test_failed_call_is_not_remembered(emu):
    token = "failed-first"
    e = tea_error(emu, "CreateVpnRouteEntry", create_params(ClientToken=token, NextHop="vco-nothing"))
    assert e.code == "InvalidNextHop.NotFound"
    # Same token, now valid (and different) parameters: executes, not IdempotenceParamNotMatch, not a replay.
    ok = tea_call(emu, "CreateVpnRouteEntry", create_params(ClientToken=token))
    assert ok.status_code == 200 and ok.body is not None
    assert "x-emulator-idempotent-replay" not in ok.headers
    assert [r["RouteDest"] for r in routes(emu)] == ["10.1.0.0/24", "10.50.0.0/24"]
    # A failure by Configuring (Terraform retries Publish/Delete with the same token) is not remembered either.
    params = route_params("DeleteVpnRouteEntry", ClientToken="retry-delete")
    assert tea_error(emu, "DeleteVpnRouteEntry", params).code == "VpnGateway.Configuring"
    emu.complete_tasks()
    deleted = tea_call(emu, "DeleteVpnRouteEntry", params)
    assert deleted.status_code == 200 and "x-emulator-idempotent-replay" not in deleted.headers
    assert [r["RouteDest"] for r in routes(emu)] == ["10.1.0.0/24"]


def test_dry_run_is_not_remembered(emu):
    token = "dry-first"
    e = tea_error(emu, "CreateVpnRouteEntry", create_params(ClientToken=token, DryRun=True))
    assert e.code == "DryRunOperation"
    ok = tea_call(emu, "CreateVpnRouteEntry", create_params(ClientToken=token))
    assert ok.status_code == 200 and ok.body is not None and "x-emulator-idempotent-replay" not in ok.headers
    assert [r["RouteDest"] for r in routes(emu)] == ["10.1.0.0/24", "10.50.0.0/24"]


def test_concurrent_requests_with_one_token(emu):
    params = create_params(ClientToken="concurrent-16", Description="race")

    def one(_):
        resp = tea_call(emu, "CreateVpnRouteEntry", params)
        assert resp.body is not None
        return resp.status_code, resp.headers.get("x-emulator-idempotent-replay"), resp.body.to_map()

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(one, range(16)))
    assert [status for status, _, _ in results] == [200] * 16
    assert sorted(str(replay) for _, replay, _ in results) == ["None"] + ["true"] * 15
    bodies = [{k: v for k, v in body.items() if k != "RequestId"} for _, _, body in results]
    assert all(b == bodies[0] for b in bodies)
    assert len({body["RequestId"] for _, _, body in results}) == 16
    assert [r["RouteDest"] for r in routes(emu)] == ["10.1.0.0/24", "10.50.0.0/24"]
    assert len(pending_tasks(emu)) == 1


# 3. DryRun (§8) ------------------------------------------------------------------------------------

def test_dry_run_passes_and_changes_nothing(emu):
    for v1 in (False, True):
        before = snapshot(emu)
        e = tea_error(emu, "CreateVpnRouteEntry", create_params(DryRun=True, PublishVpc=True), v1=v1)
        assert (e.code, e.status_code) == ("DryRunOperation", 400)
        assert e.data["Message"] == "Request validation has been passed with DryRun flag set."
        assert journal_last(emu)["rule"] == "dryrun.passed"
        assert snapshot(emu) == before
        assert gateway_status(emu) == "active"
    # DryRun=false creates.
    assert tea_ok(emu, "CreateVpnRouteEntry", create_params(DryRun=False))["State"] == "normal"


DRY_RUN_FAILURES = [
    ("reserved", create_params(RouteDest="169.254.0.0/16"), "OperationFailed.InvalidCidrBlock", "route.dest.reserved"),
    ("gateway not found", create_params(VpnGatewayId="vpn-nothing"), "InvalidVpnGatewayInstanceId.NotFound", "gateway.not-found"),
    ("next hop", create_params(NextHop=DUAL_CONNECTION), "InvalidNextHop.NotFound", "route.next-hop.not-found"),
    ("duplicate", create_params(**FIXTURE_ROUTE), "VpnRouteEntry.AlreadyExists", "route.duplicate"),
    ("second active", create_params(RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2), "VpnRouteEntry.Conflict",
     "route.pair.second-active"),
    ("ssl pool", create_params(RouteDest="192.168.100.0/24"), "VpnRouteEntry.ConflictSSL", "route.ssl-client-pool"),
    ("vpc status", create_params(VpnGatewayId=PENDING_VPC_GATEWAY, NextHop=PENDING_VPC_CONNECTION, PublishVpc=True),
     "IncorrectVpcStatus", "vpc.status"),
    ("vpc conflict", create_params(RouteDest="10.10.0.0/16", PublishVpc=True), "OperationFailed.RouteConflict", "vpc.conflict.non-vpn"),
    ("format", create_params(Weight=7), "VpnRouteEntry.InvalidWeight", "route.weight.value"),
]


@pytest.mark.parametrize("name,params,code,rule", DRY_RUN_FAILURES, ids=[c[0] for c in DRY_RUN_FAILURES])
def test_dry_run_that_would_fail_gets_the_real_error(emu, name, params, code, rule):
    before = snapshot(emu)
    e = tea_error(emu, "CreateVpnRouteEntry", {**params, "DryRun": True})
    assert e.code == code
    assert journal_last(emu)["rule"] == rule
    assert snapshot(emu) == before


def test_dry_run_sees_state_and_quota(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    e = tea_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.52.0.0/24", DryRun=True))
    assert e.code == "VpnGateway.Configuring"
    emu.complete_tasks()
    emu.config(quotaGatewayRoutes=2)
    e = tea_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.52.0.0/24", DryRun=True))
    assert e.code == "Resource.QuotaFull"


# 4. A rejected request leaves the database unchanged (§2) -------------------------------------

def _setup_created(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params(ClientToken="unchanged-token"))


def _setup_pair(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2, Weight=0, PublishVpc=True))
    emu.complete_tasks()


def _setup_cooldown(emu):
    emu.config(taskDurationMs=0, taskCooldownMs=60000)
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.59.0.0/24"))


def _setup_vpc_quota(emu):
    emu.config(quotaVpcRoutes=2)


REJECTED = [
    # (id, setup, action, params, code)
    ("missing", None, "CreateVpnRouteEntry", create_params(NextHop=None), "MissingNextHop"),
    ("blank", None, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry", RouteDest=""), "MissingRouteDest"),
    ("format-dest", None, "CreateVpnRouteEntry", create_params(RouteDest="10.0.0.1/24"), "IllegalParam.RouteDest"),
    ("format-weight", None, "ModifyVpnRouteEntryWeight", route_params("ModifyVpnRouteEntryWeight", NewWeight=50),
     "VpnRouteEntry.InvalidWeight"),
    ("format-boolean", None, "PublishVpnRouteEntry", route_params("PublishVpnRouteEntry", PublishVpc="yes"), "InvalidParameter"),
    ("format-description", None, "CreateVpnRouteEntry", create_params(Description="https://x"), "InvalidDescription.Malformed"),
    ("format-token", None, "CreateVpnRouteEntry", create_params(ClientToken="x" * 65), "IllegalParam.ClientToken"),
    ("region", None, "CreateVpnRouteEntry", create_params(RegionId="eu-nowhere-1"), "InvalidRegionId.NotFound"),
    ("token-mismatch", _setup_created, "CreateVpnRouteEntry", create_params(ClientToken="unchanged-token", Weight=0),
     "IdempotenceParamNotMatch"),
    ("not-found", None, "PublishVpnRouteEntry", route_params("PublishVpnRouteEntry", VpnGatewayId="vpn-nothing"),
     "InvalidVpnGatewayInstanceId.NotFound"),
    ("financial-locked", None, "CreateVpnRouteEntry", create_params(VpnGatewayId="vpn-bp1locked0000000001",
                                                                    NextHop="vco-bp1locked0000000001"), "VpnGateway.FinancialLocked"),
    ("configuring", _setup_created, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry"), "VpnGateway.Configuring"),
    ("cooldown", _setup_cooldown, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry", RouteDest="10.59.0.0/24"), "TaskConflict"),
    ("reserved", None, "CreateVpnRouteEntry", create_params(RouteDest="224.0.0.0/4", PublishVpc=True), "OperationFailed.InvalidCidrBlock"),
    ("shared-address", None, "CreateVpnRouteEntry", create_params(RouteDest="100.64.0.0/10"), "OperationFailed.InvalidCidrBlock"),
    ("next-hop", None, "CreateVpnRouteEntry", create_params(NextHop="vco-bp1transit0000000001"), "InvalidNextHop.NotFound"),
    ("duplicate", None, "CreateVpnRouteEntry", create_params(**{**FIXTURE_ROUTE, "Weight": 0}), "VpnRouteEntry.AlreadyExists"),
    ("second-active", None, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2, PublishVpc=True),
     "VpnRouteEntry.Conflict"),
    ("modify-with-partner", _setup_pair, "ModifyVpnRouteEntryWeight",
     route_params("ModifyVpnRouteEntryWeight", RouteDest="10.1.0.0/24"), "VpnRouteEntry.BackupRoute"),
    ("ssl", None, "CreateVpnRouteEntry", create_params(RouteDest="192.168.0.0/16", PublishVpc=True), "VpnRouteEntry.ConflictSSL"),
    ("vpc-status", None, "CreateVpnRouteEntry",
     create_params(VpnGatewayId=PENDING_VPC_GATEWAY, NextHop=PENDING_VPC_CONNECTION, PublishVpc=True), "IncorrectVpcStatus"),
    ("local-cidr", None, "CreateVpnRouteEntry", create_params(RouteDest="172.16.2.0/24", PublishVpc=True),
     "OperationFailed.InvalidCidrBlock"),
    ("non-vpn", None, "CreateVpnRouteEntry", create_params(RouteDest="10.10.0.0/16", PublishVpc=True), "OperationFailed.RouteConflict"),
    ("vpc-quota", _setup_vpc_quota, "CreateVpnRouteEntry", create_params(PublishVpc=True), "QuotaExceeded.VpnRouteEntry"),
    ("route-not-found", None, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry", **{**FIXTURE_ROUTE, "Weight": 0}),
     "InvalidRouteEntry.NotFound"),
    ("dry-run", None, "CreateVpnRouteEntry", create_params(DryRun=True, PublishVpc=True), "DryRunOperation"),
]


@pytest.mark.parametrize("name,setup,action,params,code", REJECTED, ids=[c[0] for c in REJECTED])
def test_rejected_request_leaves_the_database_unchanged(emu, name, setup, action, params, code):
    if setup:
        setup(emu)
    before = snapshot(emu)
    e = tea_error(emu, action, params)
    assert e.code == code
    assert snapshot(emu) == before
    # Still unchanged through the old SDK, and the same answer.
    status, _, body = raw_call(emu, action, params)
    assert body["Code"] == code and status == e.status_code
    assert snapshot(emu) == before
