"""CreateVcoRouteEntry family, success paths (API.md §13.2, §13.5, §13.10–13.12, §6.2, §6.3, §7, §8).

The full create → describe → modify → delete flow through each real client, the exact shape and
paging of DescribeVcoRouteEntries, ClientToken replay and DryRun. The helpers at the top are also
used by test_vco_errors.py.
"""
import importlib
import re
import time

import pytest
from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_vpc20160428 import models as m
from aliyunsdkcore.acs_exception.exceptions import ServerException as CoreServerException

from emulator import ACCOUNT_KEY, GATEWAY_CONNECTION, OTHER_ACCOUNT_KEY, REGION, TRANSIT

CLIENTS = ["tea-v3", "tea-v1", "old-sdk"]
FIXTURE_ROUTE = "192.168.10.0/24"  # the one route of TRANSIT in fixtures/default.json (weight 100)
FIXTURE_ROUTE_TIME = 1700000000000


# Helpers ------------------------------------------------------------------------------------

def snake(action):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()


def call(emu, client, action, params, key=ACCOUNT_KEY):
    """Run `action` with `params` (API names) through one real client; return the body as a dict.

    Tea clients go through their typed request and response models, so a wrong nesting shows up
    as `body is None`; the old SDK sends every given parameter as a query parameter, verbatim.
    """
    if client == "old-sdk":
        module = importlib.import_module(f"aliyunsdkvpc.request.v20160428.{action}Request")
        req = getattr(module, f"{action}Request")()
        for name, value in params.items():
            req.add_query_param(name, value)
        return emu.core(key=key).call(req)
    tea = emu.tea(key=key, v1=(client == "tea-v1"))
    resp = getattr(tea, snake(action))(getattr(m, f"{action}Request")().from_map(dict(params)))
    assert resp.status_code == 200
    assert resp.body is not None, "the Tea model failed to parse the body"
    return resp.body.to_map()


def tea_call(emu, action, params, v1=False, key=ACCOUNT_KEY):
    """The Tea response object itself (for headers)."""
    resp = getattr(emu.tea(key=key, v1=v1), snake(action))(getattr(m, f"{action}Request")().from_map(dict(params)))
    assert resp.status_code == 200
    assert resp.body is not None, "the Tea model failed to parse the body"
    return resp


class Err:
    def __init__(self, code, status, message, request_id, exc):
        self.code, self.status, self.message, self.request_id, self.exc = code, status, message, request_id, exc


def call_error(emu, client, action, params, key=ACCOUNT_KEY):
    try:
        body = call(emu, client, action, params, key=key)
    except tea_exceptions.AlibabaCloudException as e:
        assert client != "old-sdk"
        return Err(e.code, e.status_code, (e.data or {}).get("Message"), e.request_id, e)
    except CoreServerException as e:
        assert client == "old-sdk"
        return Err(e.get_error_code(), e.get_http_status(), e.get_error_msg(), e.get_request_id(), e)
    pytest.fail(f"{action} succeeded, an error was expected: {body}")


def last_request(emu):
    status, body = emu.control_json("GET", "/_emulator/requests?limit=1")
    assert status == 200
    return body["requests"][-1]


def tasks(emu):
    return emu.control_json("GET", "/_emulator/tasks")[1]["tasks"]


def faults(emu):
    return emu.control_json("GET", "/_emulator/faults")[1]["faults"]


def snapshot(emu):
    """Everything a write can change that the control API shows: the state dump and pending tasks."""
    return emu.state(), tasks(emu)


def expect_error(emu, client, action, params, code, status, message, rule, key=ACCOUNT_KEY):
    """The call fails with exactly this code, HTTP status, message and rule id, and changes nothing."""
    before = snapshot(emu)
    err = call_error(emu, client, action, params, key=key)
    assert (err.code, err.status, err.message) == (code, status, message)
    entry = last_request(emu)
    assert entry["requestId"] == err.request_id
    assert (entry["action"], entry["code"], entry["httpStatus"], entry["rule"]) == (action, code, status, rule)
    if client != "old-sdk":
        assert err.exc.message == f"code: {status}, {message} request id: {err.request_id}"
        expected_type = tea_exceptions.ServerException if status >= 500 else tea_exceptions.ClientException
        assert type(err.exc) is expected_type
    assert snapshot(emu) == before, "a rejected request changed the state"
    return err


def create_params(dest, weight=100, connection=TRANSIT, **extra):
    return {"RegionId": REGION, "VpnConnectionId": connection, "RouteDest": dest, "Weight": weight,
            "NextHop": connection, **extra}


def route_params(dest, weight, connection=TRANSIT, **extra):
    """Parameters of DeleteVcoRouteEntry (and, with NewWeight, ModifyVcoRouteEntryWeight)."""
    return {"RegionId": REGION, "VpnConnectionId": connection, "RouteDest": dest, "NextHop": connection,
            "Weight": weight, **extra}


def describe(emu, client="tea-v3", connection=TRANSIT, **extra):
    return call(emu, client, "DescribeVcoRouteEntries", {"RegionId": REGION, "VpnConnectionId": connection, **extra})


def routes(emu, client="tea-v3", connection=TRANSIT):
    """(RouteDest, Weight) of every route of the connection, in listing order."""
    body = describe(emu, client, connection, PageSize=50)
    return [(r["RouteDest"], r["Weight"]) for r in body["VcoRouteEntries"]]


def connection_state(emu, client="tea-v3", connection=TRANSIT):
    body = call(emu, client, "DescribeVpnConnection", {"RegionId": REGION, "VpnConnectionId": connection})
    if body["State"] in ("attached", "updating"):
        assert body["Status"] == "ipsec_sa_established"
    return body["State"]


def load_fixture(emu, document):
    status, body = emu.control_json("POST", "/_emulator/fixtures", document)
    assert status == 200, body
    return body


CREATE_KEYS = {"RequestId": str, "VpnConnectionId": str, "RouteDest": str, "NextHop": str, "Weight": int,
               "OverlayMode": str, "Description": str, "State": str, "CreateTime": int}
ROUTE_KEYS = {"VpnConnectionId": str, "RouteDest": str, "NextHop": str, "Weight": int, "State": str, "CreateTime": int,
              "RouteEntryType": str, "Source": str, "AsPath": str, "Community": str, "NextHopTunnelIdList": list}


def check_types(body, keys):
    assert set(body) == set(keys), sorted(set(body) ^ set(keys))
    for key, kind in keys.items():
        assert type(body[key]) is kind, (key, body[key])


def check_route(entry, dest, weight, create_time):
    check_types(entry, ROUTE_KEYS)
    assert entry == {"VpnConnectionId": TRANSIT, "RouteDest": dest, "NextHop": TRANSIT, "Weight": weight,
                     "State": "published", "CreateTime": create_time, "RouteEntryType": "custom", "Source": "",
                     "AsPath": "", "Community": "", "NextHopTunnelIdList": []}


# 1. The full flow through each client -------------------------------------------------------

@pytest.mark.parametrize("client", CLIENTS)
def test_full_flow(emu, client):
    # Create: every key of §13.2 with its type.
    before_ms = int(time.time() * 1000)
    created = call(emu, client, "CreateVcoRouteEntry", create_params("10.20.0.0/16", 100, Description="primary"))
    after_ms = int(time.time() * 1000)
    check_types(created, CREATE_KEYS)
    assert re.fullmatch(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", created["RequestId"])
    assert {k: v for k, v in created.items() if k not in ("RequestId", "CreateTime")} == {
        "VpnConnectionId": TRANSIT, "RouteDest": "10.20.0.0/16", "NextHop": TRANSIT, "Weight": 100,
        "OverlayMode": "Ipsec", "Description": "primary", "State": "published"}
    assert before_ms - 5000 <= created["CreateTime"] <= after_ms + 5000
    t_a = created["CreateTime"]

    # Visible at once, bare arrays, exact paging, creation order (fixture route first).
    listing = describe(emu, client)
    assert isinstance(listing["VcoRouteEntries"], list) and listing["VpnRouteCounts"] == []
    assert (listing["TotalCount"], listing["PageNumber"], listing["PageSize"]) == (2, 1, 10)
    assert len(listing["VcoRouteEntries"]) == 2
    check_route(listing["VcoRouteEntries"][0], FIXTURE_ROUTE, 100, FIXTURE_ROUTE_TIME)
    check_route(listing["VcoRouteEntries"][1], "10.20.0.0/16", 100, t_a)

    # The connection is updating until its task ends.
    assert connection_state(emu, client) == "updating"
    assert [(t["resourceId"], t["action"]) for t in tasks(emu)] == [(TRANSIT, "CreateVcoRouteEntry")]
    assert emu.complete_tasks() == 1
    assert connection_state(emu, client) == "attached"

    # Two more routes, then exact paging by 2.
    for dest, weight in (("10.21.0.0/24", 0), ("172.31.0.0/20", 100)):
        body = call(emu, client, "CreateVcoRouteEntry", create_params(dest, weight))
        assert body["Weight"] == weight and body["Description"] == ""
        assert emu.complete_tasks() == 1
    pages = [describe(emu, client, PageSize=2, PageNumber=n) for n in (1, 2, 3)]
    assert [p["TotalCount"] for p in pages] == [4, 4, 4]
    assert [(p["PageNumber"], p["PageSize"]) for p in pages] == [(1, 2), (2, 2), (3, 2)]
    assert [[r["RouteDest"] for r in p["VcoRouteEntries"]] for p in pages] == [
        [FIXTURE_ROUTE, "10.20.0.0/16"], ["10.21.0.0/24", "172.31.0.0/20"], []]
    assert [p["VpnRouteCounts"] for p in pages] == [[], [], []]

    # Modify: the new weight is visible at once, while the connection is updating.
    body = call(emu, client, "ModifyVcoRouteEntryWeight", route_params("10.20.0.0/16", 100, NewWeight=0))
    assert set(body) == {"RequestId"}
    assert routes(emu, client) == [(FIXTURE_ROUTE, 100), ("10.20.0.0/16", 0), ("10.21.0.0/24", 0), ("172.31.0.0/20", 100)]
    assert describe(emu, client)["VcoRouteEntries"][1]["CreateTime"] == t_a
    assert connection_state(emu, client) == "updating"
    assert [(t["resourceId"], t["action"]) for t in tasks(emu)] == [(TRANSIT, "ModifyVcoRouteEntryWeight")]
    assert emu.complete_tasks() == 1

    # Delete (matched by RouteDest, NextHop and the current Weight): gone at once and stays gone.
    body = call(emu, client, "DeleteVcoRouteEntry", route_params("10.20.0.0/16", 0))
    assert set(body) == {"RequestId"}
    for _ in range(3):
        listing = describe(emu, client)
        assert "10.20.0.0/16" not in [r["RouteDest"] for r in listing["VcoRouteEntries"]]
        assert listing["TotalCount"] == 3
    assert connection_state(emu, client) == "updating"
    assert emu.complete_tasks() == 1
    assert connection_state(emu, client) == "attached"
    assert routes(emu, client) == [(FIXTURE_ROUTE, 100), ("10.21.0.0/24", 0), ("172.31.0.0/20", 100)]
    # The state dump agrees.
    assert sorted((r["routeDest"], r["weight"]) for r in emu.state()["vcoRouteEntries"]
                  if r["vpnConnectionId"] == TRANSIT) == [("10.21.0.0/24", 0), ("172.31.0.0/20", 100), (FIXTURE_ROUTE, 100)]


def test_old_sdk_request_classes_with_setters(emu):
    """The generated old-SDK request classes, used through their own setters (booleans as True/False)."""
    from aliyunsdkvpc.request.v20160428.CreateVcoRouteEntryRequest import CreateVcoRouteEntryRequest
    from aliyunsdkvpc.request.v20160428.DeleteVcoRouteEntryRequest import DeleteVcoRouteEntryRequest
    from aliyunsdkvpc.request.v20160428.DescribeVcoRouteEntriesRequest import DescribeVcoRouteEntriesRequest
    from aliyunsdkvpc.request.v20160428.ModifyVcoRouteEntryWeightRequest import ModifyVcoRouteEntryWeightRequest
    core = emu.core()
    req = CreateVcoRouteEntryRequest()
    req.set_VpnConnectionId(TRANSIT)
    req.set_RouteDest("10.30.0.0/16")
    req.set_NextHop(TRANSIT)
    req.set_Weight(0)
    req.set_Description("desctest")
    req.set_OverlayMode("Ipsec")
    req.set_DryRun(False)
    body = core.call(req)
    check_types(body, CREATE_KEYS)
    assert (body["Weight"], body["Description"], body["State"]) == (0, "desctest", "published")
    emu.complete_tasks()
    req = ModifyVcoRouteEntryWeightRequest()
    for setter, value in (("VpnConnectionId", TRANSIT), ("RouteDest", "10.30.0.0/16"), ("NextHop", TRANSIT),
                          ("Weight", 0), ("NewWeight", 100), ("OverlayMode", "Ipsec")):
        getattr(req, "set_" + setter)(value)
    assert set(core.call(req)) == {"RequestId"}
    emu.complete_tasks()
    req = DescribeVcoRouteEntriesRequest()
    req.set_VpnConnectionId(TRANSIT)
    req.set_PageSize(1)
    req.set_PageNumber(2)
    req.set_RouteEntryType("custom")
    body = core.call(req)
    assert (body["TotalCount"], body["PageNumber"], body["PageSize"]) == (2, 2, 1)
    assert [(r["RouteDest"], r["Weight"]) for r in body["VcoRouteEntries"]] == [("10.30.0.0/16", 100)]
    req = DeleteVcoRouteEntryRequest()
    for setter, value in (("VpnConnectionId", TRANSIT), ("RouteDest", "10.30.0.0/16"), ("NextHop", TRANSIT),
                          ("Weight", 100)):
        getattr(req, "set_" + setter)(value)
    assert set(core.call(req)) == {"RequestId"}
    assert routes(emu) == [(FIXTURE_ROUTE, 100)]


def test_success_carries_no_rule_header_and_no_code(emu):
    resp = tea_call(emu, "CreateVcoRouteEntry", create_params("10.40.0.0/16"))
    assert "x-emulator-rule" not in {k.lower() for k in resp.headers}
    assert "x-emulator-idempotent-replay" not in {k.lower() for k in resp.headers}
    assert "Code" not in resp.body.to_map() and "Message" not in resp.body.to_map()
    assert last_request(emu)["code"] is None and last_request(emu)["rule"] is None


def test_accepted_forms(emu):
    """§3.2 integer with leading zeros, §3.2 boolean in any case, §4.4 limits, §4.5, §4.6 limits, §3.1 blanks."""
    cases = [
        (create_params("10.50.0.0/16", "0100"), {"Weight": 100}),
        (create_params("10.51.0.0/16", "000", DryRun="FALSE"), {"Weight": 0}),
        (create_params("10.52.0.0/16", 100, Description="d" * 100), {"Description": "d" * 100}),
        (create_params("10.53.0.0/16", 100, Description="é" * 100), {"Description": "é" * 100}),
        (create_params("10.54.0.0/16", 100, Description="ftp://x xhttp://"), {"Description": "ftp://x xhttp://"}),
        (create_params("10.55.0.0/16", 100, Description="", OverlayMode="", ClientToken="", DryRun=""),
         {"Description": "", "OverlayMode": "Ipsec"}),
        (create_params("10.56.0.0/16", 100, OverlayMode="Ipsec", ClientToken="~" + " " * 62 + "!"), {"OverlayMode": "Ipsec"}),
        (create_params("10.1.0.0/32", 100), {"RouteDest": "10.1.0.0/32"}),
        (create_params("10.58.0.0/16", "0000000100"), {"Weight": 100}),
        (create_params("10.59.0.0/16", "-0"), {"Weight": 0}),
        (create_params("10.61.0.0/16", 0, Description="😀" * 100), {"Description": "😀" * 100}),
        (create_params("10.62.0.0/16", 0, Description="e\u0301" * 50), {"Description": "e\u0301" * 50}),
        # Unknown parameters and the Owner* parameters are ignored (§3.1).
        (create_params("10.57.0.0/16", 100, PublishVpc="garbage", OwnerAccount="x", ResourceOwnerId="y"), {"Weight": 100}),
    ]
    for params, expected in cases:
        body = call(emu, "old-sdk", "CreateVcoRouteEntry", params)
        assert {k: body[k] for k in expected} == expected, params
        check_types(body, CREATE_KEYS)
        assert emu.complete_tasks() == 1
    assert len(routes(emu)) == 1 + len(cases)


def test_tea_dry_run_false_and_description_through_v1(emu):
    body = call(emu, "tea-v1", "CreateVcoRouteEntry",
                create_params("10.60.0.0/16", 0, DryRun=False, Description="a b+c&d=e/中", OverlayMode="Ipsec"))
    assert body["Description"] == "a b+c&d=e/中"
    assert routes(emu) == [(FIXTURE_ROUTE, 100), ("10.60.0.0/16", 0)]


# 2. DescribeVcoRouteEntries: shape, paging, ordering ---------------------------------------

@pytest.mark.parametrize("client", CLIENTS)
def test_describe_defaults_and_shape(emu, client):
    body = describe(emu, client)
    assert set(body) == {"RequestId", "TotalCount", "PageNumber", "PageSize", "VcoRouteEntries", "VpnRouteCounts"}
    assert (body["TotalCount"], body["PageNumber"], body["PageSize"]) == (1, 1, 10)
    assert body["VpnRouteCounts"] == []
    check_route(body["VcoRouteEntries"][0], FIXTURE_ROUTE, 100, FIXTURE_ROUTE_TIME)


def test_describe_bare_arrays_on_the_wire(emu):
    """Terraform reads `$.VcoRouteEntries` as an array: check the raw JSON, not a model."""
    body = emu.core().common("DescribeVcoRouteEntries", {"RegionId": REGION, "VpnConnectionId": TRANSIT})
    assert isinstance(body["VcoRouteEntries"], list) and isinstance(body["VpnRouteCounts"], list)
    assert body["VcoRouteEntries"][0]["NextHopTunnelIdList"] == []
    status, headers, raw, _ = emu.core().client._implementation_of_do_action(_describe_request(emu))
    assert status == 200
    assert b'"VcoRouteEntries":[{' in raw.replace(b" ", b"") and b'"VpnRouteCounts":[]' in raw.replace(b" ", b"")


def _describe_request(emu):
    from aliyunsdkvpc.request.v20160428.DescribeVcoRouteEntriesRequest import DescribeVcoRouteEntriesRequest
    req = DescribeVcoRouteEntriesRequest()
    req.set_VpnConnectionId(TRANSIT)
    req.set_endpoint(emu.endpoint)
    req.set_protocol_type("http")
    return req


def test_describe_orders_by_create_time_then_insertion(emu):
    """§3.4: creation time ascending, ties in insertion order (fixture order, then API order)."""
    load_fixture(emu, {"vcoRouteEntries": [
        {"vpnConnectionId": TRANSIT, "routeDest": "10.70.0.0/16", "weight": 100, "createTime": FIXTURE_ROUTE_TIME},
        {"vpnConnectionId": TRANSIT, "routeDest": "10.71.0.0/16", "weight": 0, "createTime": 1600000000000},
        {"vpnConnectionId": TRANSIT, "routeDest": "10.72.0.0/16", "weight": 100, "createTime": FIXTURE_ROUTE_TIME + 1},
    ]})
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.73.0.0/16"))
    assert [d for d, _ in routes(emu)] == ["10.71.0.0/16", FIXTURE_ROUTE, "10.70.0.0/16", "10.72.0.0/16", "10.73.0.0/16"]
    listing = describe(emu)["VcoRouteEntries"]
    assert [r["CreateTime"] for r in listing][:4] == [1600000000000, FIXTURE_ROUTE_TIME, FIXTURE_ROUTE_TIME, FIXTURE_ROUTE_TIME + 1]


def test_describe_terraform_paging_is_exact(emu):
    """Terraform pages by 20 and stops at the first short page (§3.4)."""
    load_fixture(emu, {"vcoRouteEntries": [
        {"vpnConnectionId": TRANSIT, "routeDest": f"10.80.{i}.0/24", "weight": 100, "createTime": FIXTURE_ROUTE_TIME + 1 + i}
        for i in range(22)]})
    seen, page = [], 1
    while True:
        body = describe(emu, "tea-v3", PageSize=20, PageNumber=page)
        assert body["TotalCount"] == 23 and (body["PageNumber"], body["PageSize"]) == (page, 20)
        seen += [r["RouteDest"] for r in body["VcoRouteEntries"]]
        if len(body["VcoRouteEntries"]) < 20:
            break
        page += 1
    assert page == 2
    assert seen == [FIXTURE_ROUTE] + [f"10.80.{i}.0/24" for i in range(22)]
    big = describe(emu, "old-sdk", PageSize=50)
    assert len(big["VcoRouteEntries"]) == 23 and big["PageSize"] == 50
    past = describe(emu, "tea-v1", PageSize=50, PageNumber=7)
    assert (past["TotalCount"], past["PageNumber"], past["VcoRouteEntries"]) == (23, 7, [])
    far = describe(emu, "old-sdk", PageSize=50, PageNumber=2147483647)
    assert (far["TotalCount"], far["PageNumber"], far["VcoRouteEntries"]) == (23, 2147483647, [])


def test_describe_route_entry_type_and_client_token(emu):
    for value in ("custom", "CUSTOM", "Custom"):
        body = describe(emu, "old-sdk", RouteEntryType=value)
        assert [r["RouteDest"] for r in body["VcoRouteEntries"]] == [FIXTURE_ROUTE]
    for value in ("bgp", "BGP"):
        body = describe(emu, "old-sdk", RouteEntryType=value)
        assert (body["TotalCount"], body["VcoRouteEntries"], body["VpnRouteCounts"]) == (0, [], [])
    # A read ignores ClientToken semantically: the same token twice answers the current state.
    first = describe(emu, "tea-v3", ClientToken="read-token")
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.90.0.0/16"))
    second = describe(emu, "tea-v3", ClientToken="read-token")
    assert (first["TotalCount"], second["TotalCount"]) == (1, 2)


def test_describe_reads_in_every_connection_state(emu):
    """Reads succeed whatever the state: locked, updating, attaching."""
    load_fixture(emu, {"vpnConnections": [{"id": "vco-bp1transitattach01", "account": "1234567890123456",
                                           "region": REGION, "attachType": "CEN", "transitRouterId": "tr-x",
                                           "cenId": "cen-x", "state": "attaching"}]})
    assert describe(emu, connection="vco-bp1transitlocked001")["TotalCount"] == 0
    assert describe(emu, connection="vco-bp1transitattach01")["TotalCount"] == 0
    assert connection_state(emu, connection="vco-bp1transitlocked001") == "financialLocked"
    assert connection_state(emu, connection="vco-bp1transitattach01") == "attaching"
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.91.0.0/16"))
    assert describe(emu)["TotalCount"] == 2


# 3. Modify and Delete details ----------------------------------------------------------------

def test_modify_to_same_weight_changes_nothing_and_starts_no_task(emu):
    before = snapshot(emu)
    body = call(emu, "tea-v3", "ModifyVcoRouteEntryWeight", route_params(FIXTURE_ROUTE, 100, NewWeight=100))
    assert set(body) == {"RequestId"}
    assert snapshot(emu) == before and tasks(emu) == []
    assert connection_state(emu) == "attached"


def test_modify_then_delete_with_the_old_weight_is_not_found(emu):
    call(emu, "tea-v3", "ModifyVcoRouteEntryWeight", route_params(FIXTURE_ROUTE, 100, NewWeight=0))
    emu.complete_tasks()
    assert routes(emu) == [(FIXTURE_ROUTE, 0)]
    expect_error(emu, "tea-v3", "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100),
                 "InvalidRouteEntry.NotFound", 400, "Route entry not exists.", "route.not-found")
    call(emu, "tea-v3", "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 0))
    assert routes(emu) == []


def test_delete_and_modify_ignore_parameters_they_do_not_define(emu):
    """§3.1: DryRun and Description are not parameters of Delete/Modify: not validated, no effect."""
    extra = {"DryRun": "maybe", "Description": "http://x", "PageSize": "x", "OwnerId": "y"}
    call(emu, "old-sdk", "ModifyVcoRouteEntryWeight", route_params(FIXTURE_ROUTE, 100, NewWeight=0, **extra))
    assert routes(emu) == [(FIXTURE_ROUTE, 0)]
    emu.complete_tasks()
    call(emu, "old-sdk", "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 0, **extra))
    assert routes(emu) == []


def test_replay_comes_before_the_resource_state(emu):
    """Stage 12 before 13–14: a replay answers even after the connection became FinancialLocked."""
    first = call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.114.0.0/16", ClientToken="tok-locked"))
    emu.complete_tasks()
    connection = next(c for c in emu.state()["vpnConnections"] if c["id"] == TRANSIT)
    load_fixture(emu, {"vpnConnections": [{**connection, "businessStatus": "FinancialLocked"}]})
    assert connection_state(emu) == "financialLocked"
    resp = tea_call(emu, "CreateVcoRouteEntry", create_params("10.114.0.0/16", ClientToken="tok-locked"))
    assert resp.headers.get("x-emulator-idempotent-replay") == "true"
    assert resp.body.create_time == first["CreateTime"]
    assert last_request(emu)["rule"] is None and last_request(emu)["code"] is None


@pytest.mark.parametrize("action,params,change", [
    ("DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100, ClientToken="tok-d"), {"OverlayMode": "Ipsec", "Weight": 0}),
    ("ModifyVcoRouteEntryWeight", route_params(FIXTURE_ROUTE, 100, NewWeight=0, ClientToken="tok-m"), {"NewWeight": 100}),
])
def test_delete_and_modify_token_mismatch(emu, action, params, change):
    call(emu, "tea-v3", action, params)
    # A blank or default OverlayMode is the same business parameter set...
    resp = tea_call(emu, action, {**params, "OverlayMode": "Ipsec"})
    assert resp.headers.get("x-emulator-idempotent-replay") == "true"
    # ...a different weight is not.
    expect_error(emu, "tea-v3", action, {**params, **change}, "IdempotenceParamNotMatch", 400,
                 "Request uses a client token in a previous request but is not identical to that request.", "token.mismatch")


def test_delete_and_recreate_moves_the_route_last(emu):
    call(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.95.0.0/16"))
    emu.complete_tasks()
    call(emu, "old-sdk", "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100))
    emu.complete_tasks()
    body = call(emu, "old-sdk", "CreateVcoRouteEntry", create_params(FIXTURE_ROUTE, 0))
    assert [d for d, _ in routes(emu)] == ["10.95.0.0/16", FIXTURE_ROUTE]
    assert describe(emu)["VcoRouteEntries"][1]["CreateTime"] == body["CreateTime"] > FIXTURE_ROUTE_TIME


def test_connection_writes_never_change_a_gateway_or_another_connection(emu):
    before = emu.state()
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.96.0.0/16"))
    after = emu.state()
    assert after["vpnGateways"] == before["vpnGateways"] and after["vpnConnections"] == before["vpnConnections"]
    assert after["vpnRouteEntries"] == before["vpnRouteEntries"] and after["vpcs"] == before["vpcs"]
    assert [t["resourceId"] for t in tasks(emu)] == [TRANSIT]
    gateway_connection = call(emu, "tea-v3", "DescribeVpnConnection", {"RegionId": REGION, "VpnConnectionId": GATEWAY_CONNECTION})
    assert gateway_connection["State"] == "active"


def test_task_duration_zero_never_shows_updating(emu):
    emu.config(taskDurationMs=0)
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.97.0.0/16"))
    assert connection_state(emu) == "attached"
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.98.0.0/16"))
    assert connection_state(emu) == "attached"
    assert len(routes(emu)) == 3


# 4. ClientToken (§7) ---------------------------------------------------------------------------

def test_client_token_replay_returns_the_stored_body_without_a_second_effect(emu):
    params = create_params("10.100.0.0/16", 0, ClientToken="tok-replay-1", Description="first")
    first = tea_call(emu, "CreateVcoRouteEntry", params)
    state_after_first = snapshot(emu)
    assert connection_state(emu) == "updating"
    # The connection is updating (a new call would be Configuring), yet the replay succeeds.
    for v1 in (False, True):
        again = tea_call(emu, "CreateVcoRouteEntry", params, v1=v1)
        assert again.headers.get("x-emulator-idempotent-replay") == "true"
        assert again.body.request_id != first.body.request_id
        assert {k: v for k, v in again.body.to_map().items() if k != "RequestId"} == \
               {k: v for k, v in first.body.to_map().items() if k != "RequestId"}
        assert snapshot(emu) == state_after_first
    assert "x-emulator-idempotent-replay" not in first.headers
    # Still a replay after the route is gone: nothing is created again.
    emu.complete_tasks()
    call(emu, "tea-v3", "DeleteVcoRouteEntry", route_params("10.100.0.0/16", 0))
    emu.complete_tasks()
    replay = tea_call(emu, "CreateVcoRouteEntry", params)
    assert replay.headers.get("x-emulator-idempotent-replay") == "true"
    assert replay.body.create_time == first.body.create_time
    assert routes(emu) == [(FIXTURE_ROUTE, 100)] and tasks(emu) == []


def test_client_token_compares_normalised_business_parameters(emu):
    """Blank = default, integers in plain decimal, booleans in any case, unknown and Owner* ignored."""
    original = call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.101.0.0/16", 100, ClientToken="tok-norm"))
    before = snapshot(emu)
    variants = [
        create_params("10.101.0.0/16", "0100", ClientToken="tok-norm"),
        create_params("10.101.0.0/16", 100, ClientToken="tok-norm", Description="", OverlayMode="Ipsec", DryRun="false"),
        create_params("10.101.0.0/16", 100, ClientToken="tok-norm", DryRun="False", OverlayMode=""),
        create_params("10.101.0.0/16", 100, ClientToken="tok-norm", OwnerAccount="someone", PublishVpc="x"),
    ]
    for params in variants:
        body = call(emu, "old-sdk", "CreateVcoRouteEntry", params)
        assert body["CreateTime"] == original["CreateTime"] and body["RequestId"] != original["RequestId"], params
        assert snapshot(emu) == before


@pytest.mark.parametrize("change", [
    {"Weight": 0}, {"Description": "other"}, {"RouteDest": "10.102.0.0/16"}, {"DryRun": "true"},
    {"NextHop": "vco-bp1transitlocked001"}, {"VpnConnectionId": "vco-bp1transitlocked001"},
], ids=lambda c: next(iter(c)))
def test_client_token_with_other_business_parameters_is_a_mismatch(emu, change):
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.101.0.0/16", 100, ClientToken="tok-mm"))
    emu.complete_tasks()
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", {**create_params("10.101.0.0/16", 100, ClientToken="tok-mm"), **change},
                 "IdempotenceParamNotMatch", 400,
                 "Request uses a client token in a previous request but is not identical to that request.", "token.mismatch")


def test_client_token_is_keyed_by_account_and_action(emu):
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.103.0.0/16", 100, ClientToken="shared"))
    emu.complete_tasks()
    # Same token on another action is a different key: it executes.
    call(emu, "tea-v3", "DeleteVcoRouteEntry", route_params("10.103.0.0/16", 100, ClientToken="shared"))
    assert routes(emu) == [(FIXTURE_ROUTE, 100)]
    # Same token from another account: not a replay; that account cannot see the connection.
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.103.0.0/16", 100, ClientToken="shared"),
                 "InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.",
                 "connection.not-found", key=OTHER_ACCOUNT_KEY)


def test_failed_calls_are_not_remembered(emu):
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("127.0.0.0/8", 100, ClientToken="tok-fail"),
                 "OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.",
                 "route.dest.reserved")
    body = call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.104.0.0/16", 0, ClientToken="tok-fail"))
    assert body["RouteDest"] == "10.104.0.0/16"
    assert routes(emu) == [(FIXTURE_ROUTE, 100), ("10.104.0.0/16", 0)]


def test_client_token_replay_comes_after_formats_and_region(emu):
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.105.0.0/16", 100, ClientToken="tok-order"))
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.105.0.1/16", 100, ClientToken="tok-order"),
                 "IllegalParam.RouteDest", 400, "The specified RouteDest is invalid", "route.dest.syntax")
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", {**create_params("10.105.0.0/16", 100, ClientToken="tok-order"),
                                                         "RegionId": "cn-nowhere"},
                 "InvalidRegionId.NotFound", 400, "The specified region does not exist.", "region.unknown")


def test_delete_and_modify_replay(emu):
    call(emu, "tea-v3", "ModifyVcoRouteEntryWeight", route_params(FIXTURE_ROUTE, 100, NewWeight=0, ClientToken="m1"))
    after_modify = snapshot(emu)
    # Without the token this would be VpnConnection.Configuring (updating) and then InvalidRouteEntry.NotFound.
    resp = tea_call(emu, "ModifyVcoRouteEntryWeight", route_params(FIXTURE_ROUTE, 100, NewWeight=0, ClientToken="m1"))
    assert resp.headers.get("x-emulator-idempotent-replay") == "true"
    assert snapshot(emu) == after_modify
    emu.complete_tasks()
    call(emu, "tea-v3", "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 0, ClientToken="d1"))
    emu.complete_tasks()
    resp = tea_call(emu, "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 0, ClientToken="d1"))
    assert resp.headers.get("x-emulator-idempotent-replay") == "true"
    assert routes(emu) == [] and tasks(emu) == []


def test_reset_clears_client_tokens(emu):
    first = call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.106.0.0/16", 100, ClientToken="tok-reset"))
    emu.reset()
    resp = tea_call(emu, "CreateVcoRouteEntry", create_params("10.106.0.0/16", 100, ClientToken="tok-reset"))
    assert "x-emulator-idempotent-replay" not in resp.headers
    assert [t["resourceId"] for t in tasks(emu)] == [TRANSIT]
    assert resp.body.request_id != first["RequestId"]


# 5. DryRun (§8) --------------------------------------------------------------------------------

@pytest.mark.parametrize("client,value", [("tea-v3", True), ("tea-v1", True), ("old-sdk", "TRUE"), ("old-sdk", "true")])
def test_dry_run_changes_nothing(emu, client, value):
    expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.110.0.0/16", 100, DryRun=value),
                 "DryRunOperation", 400, "Request validation has been passed with DryRun flag set.", "dryrun.passed")
    assert routes(emu) == [(FIXTURE_ROUTE, 100)] and tasks(emu) == []
    assert connection_state(emu) == "attached"


def test_dry_run_consumes_no_client_token(emu):
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.111.0.0/16", 100, DryRun=True, ClientToken="tok-dry"),
                 "DryRunOperation", 400, "Request validation has been passed with DryRun flag set.", "dryrun.passed")
    # The DryRun call was not remembered: the same token now executes for real (not a mismatch).
    first = tea_call(emu, "CreateVcoRouteEntry", create_params("10.111.0.0/16", 100, DryRun=False, ClientToken="tok-dry"))
    assert "x-emulator-idempotent-replay" not in first.headers
    assert routes(emu) == [(FIXTURE_ROUTE, 100), ("10.111.0.0/16", 100)]
    # ...and from now on it is remembered.
    again = tea_call(emu, "CreateVcoRouteEntry", create_params("10.111.0.0/16", 100, DryRun=False, ClientToken="tok-dry"))
    assert again.headers.get("x-emulator-idempotent-replay") == "true"
    assert again.body.create_time == first.body.create_time


def test_dry_run_runs_every_check(emu):
    """Stages 13–15 all run before the DryRun stop."""
    dry = {"DryRun": True}
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.112.0.0/16", connection="vco-bp1transitlocked001", **dry),
                 "VpnConnection.FinancialLocked", 400, "The specified service is financial locked.",
                 "connection.state.financial-locked")
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("224.0.0.0/8", **dry),
                 "OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.",
                 "route.dest.reserved")
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", {**create_params("10.112.0.0/16", **dry), "NextHop": GATEWAY_CONNECTION},
                 "InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.", "route.next-hop.not-self")
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params(FIXTURE_ROUTE, 0, **dry),
                 "VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.", "route.duplicate")
    emu.config(quotaConnectionRoutes=1)
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.112.0.0/16", **dry),
                 "CreateDbrRoutesQuotaFull.QuotaFull", 400, "The number of created destination routes exceeds the quota limit.",
                 "quota.connection-routes")
    emu.config(quotaConnectionRoutes=20)
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.113.0.0/16"))
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.112.0.0/16", **dry),
                 "VpnConnection.Configuring", 400, "The specified service is configuring.", "connection.state.configuring")


def test_client_token_ttl(emu):
    """Tokens are remembered for the TTL only (§7, `clientTokenTtlMs`)."""
    emu.config(clientTokenTtlMs=1)
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.107.0.0/16", 100, ClientToken="tok-ttl"))
    time.sleep(0.05)
    # Expired: the call executes again, and meets the task of the first call.
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.107.0.0/16", 100, ClientToken="tok-ttl"),
                 "VpnConnection.Configuring", 400, "The specified service is configuring.", "connection.state.configuring")
    emu.config(clientTokenTtlMs=86400000)
    emu.complete_tasks()
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.108.0.0/16", 100, ClientToken="tok-ttl-2"))
    time.sleep(0.05)
    assert tea_call(emu, "CreateVcoRouteEntry", create_params("10.108.0.0/16", 100, ClientToken="tok-ttl-2")) \
        .headers.get("x-emulator-idempotent-replay") == "true"


# 6. XML (PROTOCOL.md §6.4) ------------------------------------------------------------------------

def _raw(emu, action, params, fmt="XML"):
    module = importlib.import_module(f"aliyunsdkvpc.request.v20160428.{action}Request")
    req = getattr(module, f"{action}Request")()
    for name, value in params.items():
        req.add_query_param(name, value)
    req.set_accept_format(fmt)
    req.set_endpoint(emu.endpoint)
    req.set_protocol_type("http")
    status, headers, body, _ = emu.core().client._implementation_of_do_action(req)
    return status, {k.lower(): v for k, v in headers.items()}, body


def test_xml_bare_arrays_repeat_the_key(emu):
    load_fixture(emu, {"vcoRouteEntries": [{"vpnConnectionId": TRANSIT, "routeDest": "192.168.20.0/24", "weight": 0,
                                            "createTime": 1700000000500}]})
    status, headers, body = _raw(emu, "DescribeVcoRouteEntries", {"RegionId": REGION, "VpnConnectionId": TRANSIT})
    assert status == 200 and headers["content-type"] == "text/xml;charset=utf-8"
    route = ("<VcoRouteEntries><VpnConnectionId>{c}</VpnConnectionId><RouteDest>{d}</RouteDest><NextHop>{c}</NextHop>"
             "<Weight>{w}</Weight><State>published</State><CreateTime>{t}</CreateTime><RouteEntryType>custom</RouteEntryType>"
             "<Source></Source><AsPath></AsPath><Community></Community></VcoRouteEntries>")
    text = body.decode()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?><DescribeVcoRouteEntriesResponse><RequestId>')
    assert text.endswith("</PageSize>" + route.format(c=TRANSIT, d=FIXTURE_ROUTE, w=100, t=FIXTURE_ROUTE_TIME)
                         + route.format(c=TRANSIT, d="192.168.20.0/24", w=0, t=1700000000500)
                         + "</DescribeVcoRouteEntriesResponse>")
    assert "<TotalCount>2</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize>" in text
    assert "VpnRouteCounts" not in text and "NextHopTunnelIdList" not in text


def test_xml_create_and_error(emu):
    status, headers, body = _raw(emu, "CreateVcoRouteEntry", create_params("10.109.0.0/16", 0, Description="a<b&c"))
    assert status == 200 and headers["content-type"] == "text/xml;charset=utf-8"
    text = body.decode()
    assert re.fullmatch(
        r'<\?xml version="1.0" encoding="UTF-8"\?><CreateVcoRouteEntryResponse><RequestId>[0-9A-F-]{36}</RequestId>'
        rf"<VpnConnectionId>{TRANSIT}</VpnConnectionId><RouteDest>10.109.0.0/16</RouteDest><NextHop>{TRANSIT}</NextHop>"
        r"<Weight>0</Weight><OverlayMode>Ipsec</OverlayMode><Description>a&lt;b&amp;c</Description>"
        r"<State>published</State><CreateTime>\d+</CreateTime></CreateVcoRouteEntryResponse>", text), text
    status, headers, body = _raw(emu, "CreateVcoRouteEntry", create_params("10.109.0.0/16"))
    assert status == 400 and headers["content-type"] == "text/xml;charset=utf-8"
    assert headers["x-emulator-rule"] == "connection.state.configuring"
    assert "<Code>VpnConnection.Configuring</Code><Message>The specified service is configuring.</Message>" in body.decode()
    assert body.decode().startswith('<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>')
