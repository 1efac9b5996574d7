"""Every error code of the gateway route operations that a condition can produce (API.md §14), through
the SDKs: code, HTTP status and the exact message as the Tea SDK shows them, the rule id from the
journal, and (through the old SDK) the x-emulator-rule header and body. `expect_error` also checks
that neither attempt changed the state or started a task."""
import pytest

from emulator import (DENIED_KEY, DUAL_CONNECTION, DUAL_GATEWAY, GATEWAY, GATEWAY_CONNECTION, GATEWAY_CONNECTION_2,
                      LOCKED_CONNECTION, LOCKED_GATEWAY, OTHER_ACCOUNT_GATEWAY, PENDING_VPC_CONNECTION, PENDING_VPC_GATEWAY,
                      READONLY_KEY, REGION, SHANGHAI_GATEWAY, TRANSIT)
from test_vpn_routes import (FIXTURE_ROUTE, create_params, expect_error, gateway_status, journal_last, load_fixture, raw_call,
                             route_keys, route_params, routes, tea_error, tea_ok, vpc_dump, vpn_entry)

WRITES = ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]

INVALID_CIDR = "Operation failed because the specified network block is invalid."
ROUTE_NOT_FOUND = "Route entry not exists."
CONFIGURING = "The specified service is configuring."


@pytest.fixture(autouse=True)
def _restore_session_config(emu):
    yield
    emu.config(taskDurationMs=60000, taskCooldownMs=0, quotaGatewayRoutes=20, quotaVpcRoutes=200)


def fixture_route_params(action, **overrides):
    """`action` on the fixture route 10.1.0.0/24 → GATEWAY_CONNECTION, weight 100."""
    return route_params(action, **{**FIXTURE_ROUTE, **overrides})


def describe_params(action, **overrides):
    params = {"RegionId": REGION, "VpnGatewayId": GATEWAY, **overrides}
    return {k: v for k, v in params.items() if v is not None}


def valid_params(action):
    if action in ("DescribeVpnRouteEntries", "DescribeVpnGateway"):
        return describe_params(action)
    return fixture_route_params(action) if action != "CreateVpnRouteEntry" else create_params()


REQUIRED = {
    "CreateVpnRouteEntry": ["RegionId", "VpnGatewayId", "RouteDest", "NextHop", "Weight", "PublishVpc"],
    "DeleteVpnRouteEntry": ["RegionId", "VpnGatewayId", "RouteDest", "NextHop", "Weight"],
    "ModifyVpnRouteEntryWeight": ["RegionId", "VpnGatewayId", "RouteDest", "NextHop", "Weight", "NewWeight"],
    "PublishVpnRouteEntry": ["RegionId", "VpnGatewayId", "RouteDest", "NextHop", "RouteType", "PublishVpc"],
    "DescribeVpnRouteEntries": ["RegionId", "VpnGatewayId"],
    "DescribeVpnGateway": ["RegionId", "VpnGatewayId"],
}
MISSING_CASES = [(action, i) for action, names in REQUIRED.items() for i in range(len(names))]


# Missing<Name> (§3.1) ------------------------------------------------------------------------------

@pytest.mark.parametrize("action,index", MISSING_CASES, ids=[f"{a}-{REQUIRED[a][i]}" for a, i in MISSING_CASES])
def test_missing_parameter(emu, action, index):
    """Absent → Missing<Name>; with this and every later required parameter absent, this one answers (table order).
    Blank counts as absent."""
    name = REQUIRED[action][index]
    message = f"{name} is mandatory for this action."
    params = valid_params(action)
    without = {k: v for k, v in params.items() if k != name}
    # The old SDK always adds RegionId, so the raw check of MissingRegionId uses the blank form below.
    expect_error(emu, action, without, "Missing" + name, 400, message, "param.missing", raw=name != "RegionId")
    later = {k: v for k, v in params.items() if k not in REQUIRED[action][index:]}
    expect_error(emu, action, later, "Missing" + name, 400, message, "param.missing", raw=name != "RegionId")
    blank = {**params, name: ""}
    status, headers, body = raw_call(emu, action, blank)
    assert (status, body["Code"], body["Message"], headers.get("x-emulator-rule")) == (400, "Missing" + name, message, "param.missing")


# InvalidParameter (§3.2, §3.4) -----------------------------------------------------------------------

INVALID_PARAMETER = [
    ("CreateVpnRouteEntry", {"Weight": "abc"}, "Weight", "param.integer"),
    ("CreateVpnRouteEntry", {"Weight": "+100"}, "Weight", "param.integer"),
    ("CreateVpnRouteEntry", {"Weight": "12345678901"}, "Weight", "param.integer"),
    ("CreateVpnRouteEntry", {"PublishVpc": "yes"}, "PublishVpc", "param.boolean"),
    ("CreateVpnRouteEntry", {"DryRun": "1"}, "DryRun", "param.boolean"),
    ("DeleteVpnRouteEntry", {"Weight": "1.0"}, "Weight", "param.integer"),
    ("ModifyVpnRouteEntryWeight", {"NewWeight": "zero"}, "NewWeight", "param.integer"),
    ("PublishVpnRouteEntry", {"RouteType": "DBR"}, "RouteType", "param.enum"),
    ("PublishVpnRouteEntry", {"RouteType": "static"}, "RouteType", "param.enum"),
    ("PublishVpnRouteEntry", {"PublishVpc": "0"}, "PublishVpc", "param.boolean"),
    ("DescribeVpnRouteEntries", {"PageSize": "51"}, "PageSize", "param.page-size"),
    ("DescribeVpnRouteEntries", {"PageSize": "0"}, "PageSize", "param.page-size"),
    ("DescribeVpnRouteEntries", {"PageNumber": "0"}, "PageNumber", "param.page-number"),
    ("DescribeVpnRouteEntries", {"PageNumber": "x"}, "PageNumber", "param.integer"),
    ("DescribeVpnRouteEntries", {"RouteEntryType": "static"}, "RouteEntryType", "param.enum"),
    ("DescribeVpnGateway", {"IncludeReservationData": "maybe"}, "IncludeReservationData", "param.boolean"),
]


@pytest.mark.parametrize("action,bad,name,rule", INVALID_PARAMETER, ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in INVALID_PARAMETER])
def test_invalid_parameter(emu, action, bad, name, rule):
    expect_error(emu, action, {**valid_params(action), **bad}, "InvalidParameter", 400,
                 f'The specified parameter "{name}" is not valid.', rule)


def test_format_checks_run_in_the_fixed_order(emu):
    """§2 stage 10: RouteDest → Weight → NewWeight → Description → OverlayMode → ClientToken → others."""
    everything = create_params(RouteDest="10.0.0.1/24", Weight=5, Description="http://x", OverlayMode="gre",
                               ClientToken="é", PublishVpc="maybe", RegionId="eu-nowhere-1")
    order = [("RouteDest", "IllegalParam.RouteDest"), ("Weight", "VpnRouteEntry.InvalidWeight"),
             ("Description", "InvalidDescription.Malformed"), ("OverlayMode", "IllegalParam.OverlayMode"),
             ("ClientToken", "IllegalParam.ClientToken"), ("PublishVpc", "InvalidParameter"), (None, "InvalidRegionId.NotFound")]
    params = dict(everything)
    for fixed, code in order:
        status, _, body = raw_call(emu, "CreateVpnRouteEntry", params)
        assert (status, body["Code"]) == (400, code)
        if fixed:
            params[fixed] = create_params(Description="ok", OverlayMode="Ipsec", ClientToken="ok")[fixed]
    # Required parameters (stage 9) before formats (stage 10).
    status, _, body = raw_call(emu, "CreateVpnRouteEntry", {k: v for k, v in everything.items() if k != "PublishVpc"})
    assert body["Code"] == "MissingPublishVpc"
    # Publish: RouteDest → ClientToken → RouteType → PublishVpc → region.
    publish = route_params("PublishVpnRouteEntry", RouteDest="10.0.0.1/24", ClientToken="x" * 65, RouteType="DBR",
                           PublishVpc="yes", RegionId="eu-nowhere-1")
    for fixed, expected in (("RouteDest", "IllegalParam.RouteDest"), ("ClientToken", "IllegalParam.ClientToken"),
                            ("RouteType", 'The specified parameter "RouteType" is not valid.'),
                            ("PublishVpc", 'The specified parameter "PublishVpc" is not valid.'), (None, "InvalidRegionId.NotFound")):
        _, _, body = raw_call(emu, "PublishVpnRouteEntry", publish)
        assert expected in (body["Code"], body["Message"])
        if fixed:
            publish[fixed] = route_params("PublishVpnRouteEntry", ClientToken="ok")[fixed]
    # DescribeVpnRouteEntries: PageNumber → PageSize → RouteEntryType → region.
    listing = {"RegionId": "eu-nowhere-1", "VpnGatewayId": GATEWAY, "PageNumber": "0", "PageSize": "0", "RouteEntryType": "x"}
    for fixed, rule in (("PageNumber", "param.page-number"), ("PageSize", "param.page-size"), ("RouteEntryType", "param.enum"),
                        (None, "region.unknown")):
        _, headers, _ = raw_call(emu, "DescribeVpnRouteEntries", listing)
        assert headers.get("x-emulator-rule") == rule
        if fixed:
            listing[fixed] = {"PageNumber": "1", "PageSize": "10", "RouteEntryType": "custom"}[fixed]
    modify = route_params("ModifyVpnRouteEntryWeight", Weight=5, NewWeight="x", OverlayMode="gre")
    assert raw_call(emu, "ModifyVpnRouteEntryWeight", modify)[2]["Code"] == "VpnRouteEntry.InvalidWeight"
    assert raw_call(emu, "ModifyVpnRouteEntryWeight", {**modify, "Weight": 100})[2]["Message"] == \
        'The specified parameter "NewWeight" is not valid.'


# Format errors (§4) -----------------------------------------------------------------------------------

@pytest.mark.parametrize("action", WRITES)
@pytest.mark.parametrize("dest", ["10.0.0.1/24", "10.0.0.0/33", "010.0.0.0/8", " 10.0.0.0/8", "::/0", "10.0.0.0"])
def test_illegal_route_dest(emu, action, dest):
    expect_error(emu, action, {**valid_params(action), "RouteDest": dest}, "IllegalParam.RouteDest", 400,
                 "The specified RouteDest is invalid", "route.dest.syntax")


INVALID_WEIGHT = [("CreateVpnRouteEntry", "Weight", 50), ("CreateVpnRouteEntry", "Weight", -100),
                  ("DeleteVpnRouteEntry", "Weight", 99), ("ModifyVpnRouteEntryWeight", "Weight", 1),
                  ("ModifyVpnRouteEntryWeight", "NewWeight", 101)]


@pytest.mark.parametrize("action,name,value", INVALID_WEIGHT, ids=[f"{a}-{n}-{v}" for a, n, v in INVALID_WEIGHT])
def test_invalid_weight(emu, action, name, value):
    expect_error(emu, action, {**valid_params(action), name: value}, "VpnRouteEntry.InvalidWeight", 400,
                 "Invalid route entry weight value.", "route.weight.value")


@pytest.mark.parametrize("description", ["http://example.com", "HTTPS://a", "x" * 101, "路" * 101],
                         ids=["http", "HTTPS", "101-ascii", "101-unicode"])
def test_invalid_description(emu, description):
    expect_error(emu, "CreateVpnRouteEntry", create_params(Description=description), "InvalidDescription.Malformed", 400,
                 "The specified description is wrongly formed.", "route.description.format")


def test_description_limits_accepted(emu):
    body = tea_ok(emu, "CreateVpnRouteEntry", create_params(Description="😀" * 100))
    assert body["Description"] == "😀" * 100
    emu.complete_tasks()
    body = tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.51.0.0/24", Description="a"))
    assert body["Description"] == "a"
    emu.complete_tasks()
    # An empty Description counts as absent, echoed as "".
    status, _, body = raw_call(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.52.0.0/24", Description=""))
    assert status == 200 and body["Description"] == ""


@pytest.mark.parametrize("action", ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight"])
@pytest.mark.parametrize("mode", ["ipsec", "IPSEC", "Gre"])
def test_illegal_overlay_mode(emu, action, mode):
    expect_error(emu, action, {**valid_params(action), "OverlayMode": mode}, "IllegalParam.OverlayMode", 400,
                 "The specified OverlayMode is invalid", "route.overlay-mode.value")


@pytest.mark.parametrize("action", WRITES)
@pytest.mark.parametrize("token", ["t" * 65, "tökén", "tab\there"], ids=["65-chars", "non-ascii", "control-char"])
def test_illegal_client_token(emu, action, token):
    expect_error(emu, action, {**valid_params(action), "ClientToken": token}, "IllegalParam.ClientToken", 400,
                 "The specified ClientToken is invalid", "token.format")


def test_client_token_of_64_printable_characters_is_accepted(emu):
    token = "".join(chr(0x20 + i % 95) for i in range(64))
    body = tea_ok(emu, "CreateVpnRouteEntry", create_params(ClientToken=token))
    assert body["RouteDest"] == "10.50.0.0/24"


# Region, token, lookups ------------------------------------------------------------------------------

@pytest.mark.parametrize("action", list(REQUIRED))
def test_unknown_region(emu, action):
    expect_error(emu, action, {**valid_params(action), "RegionId": "eu-nowhere-1"}, "InvalidRegionId.NotFound", 400,
                 "The specified region does not exist.", "region.unknown")


@pytest.mark.parametrize("action", WRITES)
def test_idempotence_param_not_match(emu, action):
    if action != "CreateVpnRouteEntry":
        tea_ok(emu, "CreateVpnRouteEntry", create_params())
        emu.complete_tasks()
    params = route_params(action, ClientToken="mismatch")
    tea_ok(emu, action, params)
    emu.complete_tasks()
    expect_error(emu, action, {**params, "NextHop": GATEWAY_CONNECTION_2},
                 "IdempotenceParamNotMatch", 400,
                 "Request uses a client token in a previous request but is not identical to that request.", "token.mismatch")


@pytest.mark.parametrize("action", WRITES + ["DescribeVpnGateway"])
@pytest.mark.parametrize("gateway", ["vpn-nothing", OTHER_ACCOUNT_GATEWAY, SHANGHAI_GATEWAY])
def test_gateway_not_found(emu, action, gateway):
    expect_error(emu, action, {**valid_params(action), "VpnGatewayId": gateway}, "InvalidVpnGatewayInstanceId.NotFound", 404,
                 "The specified vpn gateway instance id does not exist.", "gateway.not-found")


@pytest.mark.parametrize("gateway", ["vpn-nothing", OTHER_ACCOUNT_GATEWAY, SHANGHAI_GATEWAY])
def test_route_list_gateway_not_found(emu, gateway):
    expect_error(emu, "DescribeVpnRouteEntries", describe_params("DescribeVpnRouteEntries", VpnGatewayId=gateway),
                 "InvalidVpnInstanceId.NotFound", 404, "The specified VPN was not found.", "gateway.not-found.route-list")


# Resource state (§6) -------------------------------------------------------------------------------

@pytest.mark.parametrize("action", WRITES)
def test_financial_locked(emu, action):
    load_fixture(emu, {"vpnRouteEntries": [{"vpnGatewayId": LOCKED_GATEWAY, "routeDest": "10.50.0.0/24",
                                            "nextHop": LOCKED_CONNECTION, "weight": 100}]})
    params = route_params(action, VpnGatewayId=LOCKED_GATEWAY, NextHop=LOCKED_CONNECTION)
    if action == "CreateVpnRouteEntry":
        params["RouteDest"] = "10.51.0.0/24"
    expect_error(emu, action, params, "VpnGateway.FinancialLocked", 400, "The specified service is financial locked.",
                 "gateway.state.financial-locked")
    # Reads still work.
    assert tea_ok(emu, "DescribeVpnGateway", describe_params("DescribeVpnGateway", VpnGatewayId=LOCKED_GATEWAY))["Status"] == "active"


@pytest.mark.parametrize("action", WRITES)
def test_configuring_while_updating(emu, action):
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    assert gateway_status(emu) == "updating"
    params = route_params(action) if action != "CreateVpnRouteEntry" else create_params(RouteDest="10.51.0.0/24")
    expect_error(emu, action, params, "VpnGateway.Configuring", 400, CONFIGURING, "gateway.state.configuring")
    # No-change writes still answer Configuring (§6.3).
    if action == "ModifyVpnRouteEntryWeight":
        expect_error(emu, action, route_params(action, NewWeight=100), "VpnGateway.Configuring", 400, CONFIGURING,
                     "gateway.state.configuring")
    emu.complete_tasks()
    tea_ok(emu, action, params)


@pytest.mark.parametrize("status", ["updating", "provisioning", "init", "deleting"])
def test_configuring_from_fixture_status(emu, status):
    gw = next(g for g in emu.state()["vpnGateways"] if g["id"] == GATEWAY)
    load_fixture(emu, {"vpnGateways": [{**gw, "status": status}]})
    assert emu.complete_tasks() == 0
    expect_error(emu, "CreateVpnRouteEntry", create_params(), "VpnGateway.Configuring", 400, CONFIGURING, "gateway.state.configuring")
    assert gateway_status(emu) == status


def test_financial_locked_before_configuring(emu):
    gw = next(g for g in emu.state()["vpnGateways"] if g["id"] == LOCKED_GATEWAY)
    load_fixture(emu, {"vpnGateways": [{**gw, "status": "updating"}]})
    expect_error(emu, "CreateVpnRouteEntry", create_params(VpnGatewayId=LOCKED_GATEWAY, NextHop=LOCKED_CONNECTION),
                 "VpnGateway.FinancialLocked", 400, "The specified service is financial locked.", "gateway.state.financial-locked")


@pytest.mark.parametrize("action", WRITES)
def test_task_conflict_in_cooldown(emu, action):
    emu.config(taskDurationMs=0, taskCooldownMs=60000)
    try:
        tea_ok(emu, "CreateVpnRouteEntry", create_params())
        assert gateway_status(emu) == "active"        # duration 0: never shows updating
        params = route_params(action) if action != "CreateVpnRouteEntry" else create_params(RouteDest="10.51.0.0/24")
        expect_error(emu, action, params, "TaskConflict", 400,
                     "The operation is too frequent, please wait a moment and try again.", "gateway.state.cooldown")
        # Other gateways are not affected.
        tea_ok(emu, "CreateVpnRouteEntry", create_params(VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION))
    finally:
        emu.config(taskDurationMs=60000, taskCooldownMs=0)
    tea_ok(emu, action, params)


def test_cooldown_follows_a_completed_task(emu):
    emu.config(taskCooldownMs=60000)
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    expect_error(emu, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry"), "VpnGateway.Configuring", 400, CONFIGURING,
                 "gateway.state.configuring")
    emu.complete_tasks()
    expect_error(emu, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry"), "TaskConflict", 400,
                 "The operation is too frequent, please wait a moment and try again.", "gateway.state.cooldown")


# Business rules of CreateVpnRouteEntry (§4.2, §4.7, §5) ------------------------------------------------

@pytest.mark.parametrize("dest", ["0.0.0.0/0", "127.0.0.0/8", "127.0.0.1/32", "169.254.0.0/16", "224.0.0.0/4", "239.1.0.0/16",
                                  "240.0.0.0/4", "255.255.255.255/32"])
def test_reserved_destination(emu, dest):
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest), "OperationFailed.InvalidCidrBlock", 400, INVALID_CIDR,
                 "route.dest.reserved")
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest, VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION),
                 "OperationFailed.InvalidCidrBlock", 400, INVALID_CIDR, "route.dest.reserved")


@pytest.mark.parametrize("dest", ["160.0.0.0/3", "169.0.0.0/8", "126.0.0.0/7"])
def test_blocks_containing_reserved_space_are_accepted(emu, dest):
    assert tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest))["RouteDest"] == dest


def test_upper_half_of_the_split_default_pair(emu):
    """128.0.0.0/1 passes the reserved rule; on the default gateway it then meets the SSL pool (192.168.100.0/24)."""
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="128.0.0.0/1"), "VpnRouteEntry.ConflictSSL", 400,
                 "The specified route entry has conflict with SSL client.", "route.ssl-client-pool")
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="128.0.0.0/1", VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION))


@pytest.mark.parametrize("dest", ["100.64.0.0/10", "100.64.8.0/24", "100.0.0.0/8", "0.0.0.0/1"])
def test_shared_address_space_on_single_tunnel(emu, dest):
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest), "OperationFailed.InvalidCidrBlock", 400, INVALID_CIDR,
                 "route.dest.shared-address")
    body = tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest, VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION))
    assert body["RouteDest"] == dest


def test_split_default_pair_on_dual_tunnel(emu):
    for dest in ("0.0.0.0/1", "128.0.0.0/1"):
        tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest, VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION))
        emu.complete_tasks()
    assert [r["RouteDest"] for r in routes(emu, DUAL_GATEWAY)] == ["0.0.0.0/1", "128.0.0.0/1"]


@pytest.mark.parametrize("hop", ["vco-nothing", DUAL_CONNECTION, TRANSIT, "vco-bp1otheraccount00001", "vco-bp1shanghai00000001",
                                 GATEWAY])
def test_next_hop_not_found(emu, hop):
    expect_error(emu, "CreateVpnRouteEntry", create_params(NextHop=hop), "InvalidNextHop.NotFound", 400,
                 "The specified NextHop does not exist.", "route.next-hop.not-found")


def test_already_exists(emu):
    expect_error(emu, "CreateVpnRouteEntry", create_params(**{**FIXTURE_ROUTE, "Weight": 0}), "VpnRouteEntry.AlreadyExists", 400,
                 "The specified route entry is already exist.", "route.duplicate")
    # Dual-tunnel gateways too.
    dual = create_params(VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION)
    tea_ok(emu, "CreateVpnRouteEntry", dual)
    emu.complete_tasks()
    expect_error(emu, "CreateVpnRouteEntry", dual, "VpnRouteEntry.AlreadyExists", 400,
                 "The specified route entry is already exist.", "route.duplicate")


def test_conflict_second_active(emu):
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2),
                 "VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.", "route.pair.second-active")
    # The standby is accepted, and then a second active still conflicts (full pair).
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2, Weight=0))
    emu.complete_tasks()
    load_fixture(emu, {"vpnConnections": [{"id": "vco-bp1default0000000003", "account": "1234567890123456", "region": REGION,
                                           "attachType": "VPNGW", "vpnGatewayId": GATEWAY}]})
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop="vco-bp1default0000000003"),
                 "VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.", "route.pair.second-active")
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop="vco-bp1default0000000003", Weight=0),
                 "VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.", "route.pair.second-standby")


def test_backup_route_second_standby(emu):
    load_fixture(emu, {"vpnRouteEntries": [{"vpnGatewayId": GATEWAY, "routeDest": "10.60.0.0/24", "nextHop": GATEWAY_CONNECTION,
                                            "weight": 0}]})
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.60.0.0/24", NextHop=GATEWAY_CONNECTION_2, Weight=0),
                 "VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.", "route.pair.second-standby")
    # A lone standby is valid; the new route becomes its active partner.
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.60.0.0/24", NextHop=GATEWAY_CONNECTION_2, Weight=100))


def test_backup_route_modify_with_partner(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2, Weight=0))
    emu.complete_tasks()
    for hop, weight, new in ((GATEWAY_CONNECTION, 100, 0), (GATEWAY_CONNECTION_2, 0, 100)):
        expect_error(emu, "ModifyVpnRouteEntryWeight",
                     route_params("ModifyVpnRouteEntryWeight", RouteDest="10.1.0.0/24", NextHop=hop, Weight=weight, NewWeight=new),
                     "VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.", "route.pair.modify-with-partner")
    # Deleting the standby first makes the active modifiable (documented procedure).
    tea_ok(emu, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry", RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2, Weight=0))
    emu.complete_tasks()
    tea_ok(emu, "ModifyVpnRouteEntryWeight", fixture_route_params("ModifyVpnRouteEntryWeight", NewWeight=0))
    assert route_keys(routes(emu)) == [("10.1.0.0/24", GATEWAY_CONNECTION, 0, "normal")]


@pytest.mark.parametrize("dest", ["192.168.100.0/24", "192.168.100.64/26", "192.168.0.0/16"], ids=["equal", "inside", "contains"])
def test_conflict_ssl(emu, dest):
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest), "VpnRouteEntry.ConflictSSL", 400,
                 "The specified route entry has conflict with SSL client.", "route.ssl-client-pool")


def test_ssl_pool_disjoint_and_gateway_without_ssl(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="192.168.101.0/24"))
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="192.168.100.0/24", VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION))


def test_gateway_route_quota(emu):
    emu.config(quotaGatewayRoutes=1)      # the fixture route fills it
    expect_error(emu, "CreateVpnRouteEntry", create_params(), "Resource.QuotaFull", 400, "The quota of resource is full",
                 "quota.gateway-routes")
    emu.config(quotaGatewayRoutes=0)      # quota 0 refuses every create, also on an empty table
    expect_error(emu, "CreateVpnRouteEntry", create_params(VpnGatewayId=DUAL_GATEWAY, NextHop=DUAL_CONNECTION),
                 "Resource.QuotaFull", 400, "The quota of resource is full", "quota.gateway-routes")
    emu.config(quotaGatewayRoutes=2)
    tea_ok(emu, "CreateVpnRouteEntry", create_params())


def test_gateway_route_quota_from_fixture(emu):
    gw = next(g for g in emu.state()["vpnGateways"] if g["id"] == GATEWAY)
    load_fixture(emu, {"vpnGateways": [{**gw, "quotas": {"routeEntries": 2}}]})
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    emu.complete_tasks()
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.51.0.0/24"), "Resource.QuotaFull", 400,
                 "The quota of resource is full", "quota.gateway-routes")


# The VPC system route table (§5.8), on Create and on Publish -----------------------------------------

def publish_params(dest, gateway=GATEWAY, hop=GATEWAY_CONNECTION):
    return route_params("PublishVpnRouteEntry", RouteDest=dest, VpnGatewayId=gateway, NextHop=hop)


def add_unpublished(emu, dest, gateway=GATEWAY, hop=GATEWAY_CONNECTION):
    load_fixture(emu, {"vpnRouteEntries": [{"vpnGatewayId": gateway, "routeDest": dest, "nextHop": hop, "weight": 100}]})


def test_incorrect_vpc_status(emu):
    message = "Current VPC status does not support this operation."
    pending = create_params(VpnGatewayId=PENDING_VPC_GATEWAY, NextHop=PENDING_VPC_CONNECTION)
    expect_error(emu, "CreateVpnRouteEntry", {**pending, "PublishVpc": True}, "IncorrectVpcStatus", 400, message, "vpc.status")
    tea_ok(emu, "CreateVpnRouteEntry", pending)        # PublishVpc false: no VPC checks
    emu.complete_tasks()
    expect_error(emu, "PublishVpnRouteEntry", publish_params("10.50.0.0/24", PENDING_VPC_GATEWAY, PENDING_VPC_CONNECTION),
                 "IncorrectVpcStatus", 400, message, "vpc.status")


@pytest.mark.parametrize("dest", ["172.16.0.0/12", "172.16.2.0/24", "172.31.0.0/16"], ids=["vpc", "vswitch", "inside-vpc"])
def test_vpc_local_cidr(emu, dest):
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest, PublishVpc=True), "OperationFailed.InvalidCidrBlock", 400,
                 INVALID_CIDR, "vpc.local-cidr")
    add_unpublished(emu, dest)
    expect_error(emu, "PublishVpnRouteEntry", publish_params(dest), "OperationFailed.InvalidCidrBlock", 400, INVALID_CIDR,
                 "vpc.local-cidr")


def load_vpc_entries(emu, entries, **fields):
    vpc = {k: v for k, v in vpc_dump(emu).items() if k != "publishedRouteEntries"}
    load_fixture(emu, {"vpcs": [{**vpc, "routeEntries": vpc["routeEntries"] + entries, **fields}]})


def test_route_conflict_other_vpn(emu):
    message = "Operation failed because there is already a route in VPC route table to another VPN on the same network block."
    load_vpc_entries(emu, [vpn_entry("10.70.0.0/24", DUAL_GATEWAY)])
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.70.0.0/24", PublishVpc=True),
                 "OperationFailed.RouteConflict", 400, message, "vpc.conflict.other-vpn")
    add_unpublished(emu, "10.70.0.0/24")
    expect_error(emu, "PublishVpnRouteEntry", publish_params("10.70.0.0/24"), "OperationFailed.RouteConflict", 400, message,
                 "vpc.conflict.other-vpn")
    # A route published by another gateway of the VPC conflicts the same way.
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.71.0.0/24", PublishVpc=True, VpnGatewayId=DUAL_GATEWAY,
                                                     NextHop=DUAL_CONNECTION))
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.71.0.0/24", PublishVpc=True),
                 "OperationFailed.RouteConflict", 400, message, "vpc.conflict.other-vpn")
    # Exact destination only: an overlapping block publishes.
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.70.0.0/25", PublishVpc=True))


@pytest.mark.parametrize("hop_type", ["Instance", "NatGateway", "HaVip"])
def test_route_conflict_non_vpn(emu, hop_type):
    message = ("Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop "
               "on the same network block.")
    load_vpc_entries(emu, [{"destinationCidrBlock": "10.72.0.0/24", "nextHopType": hop_type, "nextHopId": "x-bp1thing00001"}])
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.72.0.0/24", PublishVpc=True),
                 "OperationFailed.RouteConflict", 400, message, "vpc.conflict.non-vpn")
    add_unpublished(emu, "10.72.0.0/24")
    expect_error(emu, "PublishVpnRouteEntry", publish_params("10.72.0.0/24"), "OperationFailed.RouteConflict", 400, message,
                 "vpc.conflict.non-vpn")


def test_vpc_quota(emu):
    message = "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit."
    load_vpc_entries(emu, [], routeTableQuota=2)          # the two fixture entries fill it
    expect_error(emu, "CreateVpnRouteEntry", create_params(PublishVpc=True), "QuotaExceeded.VpnRouteEntry", 400, message,
                 "vpc.quota")
    expect_error(emu, "PublishVpnRouteEntry", fixture_route_params("PublishVpnRouteEntry"), "QuotaExceeded.VpnRouteEntry", 400,
                 message, "vpc.quota")
    # An entry (dest → this gateway) already there is shared: no quota check.
    load_vpc_entries(emu, [vpn_entry("10.1.0.0/24")], routeTableQuota=3)
    tea_ok(emu, "PublishVpnRouteEntry", fixture_route_params("PublishVpnRouteEntry"))
    assert route_keys(routes(emu)) == [("10.1.0.0/24", GATEWAY_CONNECTION, 100, "published")]
    assert vpc_dump(emu)["publishedRouteEntries"] == []
    # Withdrawing never removes an entry the fixture declared.
    emu.complete_tasks()
    tea_ok(emu, "PublishVpnRouteEntry", fixture_route_params("PublishVpnRouteEntry", PublishVpc=False))
    assert vpn_entry("10.1.0.0/24") in vpc_dump(emu)["routeEntries"]
    assert route_keys(routes(emu)) == [("10.1.0.0/24", GATEWAY_CONNECTION, 100, "normal")]


def test_vpc_quota_from_start_option_default(emu):
    emu.config(quotaVpcRoutes=3)
    tea_ok(emu, "CreateVpnRouteEntry", create_params(PublishVpc=True))
    emu.complete_tasks()
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.51.0.0/24", PublishVpc=True),
                 "QuotaExceeded.VpnRouteEntry", 400,
                 "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.", "vpc.quota")


def test_vpc_checks_run_in_order(emu):
    """§5.8: status → local CIDR → other VPN → non-VPN → quota."""
    load_vpc_entries(emu, [vpn_entry("172.16.2.0/24", DUAL_GATEWAY), vpn_entry("10.73.0.0/24", DUAL_GATEWAY),
                           {"destinationCidrBlock": "10.73.0.0/24", "nextHopType": "Instance", "nextHopId": "i-1"},
                           {"destinationCidrBlock": "10.74.0.0/24", "nextHopType": "Instance", "nextHopId": "i-1"}],
                     routeTableQuota=0)
    for dest, code, rule in (("172.16.2.0/24", "OperationFailed.InvalidCidrBlock", "vpc.local-cidr"),
                             ("10.73.0.0/24", "OperationFailed.RouteConflict", "vpc.conflict.other-vpn"),
                             ("10.74.0.0/24", "OperationFailed.RouteConflict", "vpc.conflict.non-vpn"),
                             ("10.75.0.0/24", "QuotaExceeded.VpnRouteEntry", "vpc.quota")):
        e = tea_error(emu, "CreateVpnRouteEntry", create_params(RouteDest=dest, PublishVpc=True))
        assert (e.code, journal_last(emu)["rule"]) == (code, rule)


# Route lookup (§5.1) ------------------------------------------------------------------------------

NOT_FOUND = [
    ("DeleteVpnRouteEntry", {"Weight": 0}),
    ("DeleteVpnRouteEntry", {"NextHop": GATEWAY_CONNECTION_2}),
    ("DeleteVpnRouteEntry", {"RouteDest": "10.1.0.0/25"}),
    ("ModifyVpnRouteEntryWeight", {"Weight": 0, "NewWeight": 100}),
    ("ModifyVpnRouteEntryWeight", {"NextHop": "vco-nothing"}),
    ("PublishVpnRouteEntry", {"RouteDest": "10.2.0.0/24"}),
    ("PublishVpnRouteEntry", {"NextHop": GATEWAY_CONNECTION_2}),
    ("PublishVpnRouteEntry", {"RouteType": "pbr"}),
    ("PublishVpnRouteEntry", {"RouteType": "pbr", "PublishVpc": False}),
]


@pytest.mark.parametrize("action,change", NOT_FOUND, ids=[f"{a}-{'-'.join(map(str, c.values()))}" for a, c in NOT_FOUND])
def test_route_not_found(emu, action, change):
    expect_error(emu, action, fixture_route_params(action, **change), "InvalidRouteEntry.NotFound", 400, ROUTE_NOT_FOUND,
                 "route.not-found")


def test_modify_then_old_weight_is_not_found(emu):
    tea_ok(emu, "ModifyVpnRouteEntryWeight", fixture_route_params("ModifyVpnRouteEntryWeight"))
    emu.complete_tasks()
    expect_error(emu, "ModifyVpnRouteEntryWeight", fixture_route_params("ModifyVpnRouteEntryWeight"), "InvalidRouteEntry.NotFound",
                 400, ROUTE_NOT_FOUND, "route.not-found")


# DryRun, RAM --------------------------------------------------------------------------------------

def test_dry_run_operation(emu):
    expect_error(emu, "CreateVpnRouteEntry", create_params(DryRun=True), "DryRunOperation", 400,
                 "Request validation has been passed with DryRun flag set.", "dryrun.passed")
    # DryRun is not a parameter of Delete: ignored there (§3.1).
    status, _, body = raw_call(emu, "DeleteVpnRouteEntry", {**fixture_route_params("DeleteVpnRouteEntry"), "DryRun": "true"})
    assert status == 200 and set(body) == {"RequestId"}
    assert routes(emu) == []


def test_forbidden_explicit_deny(emu):
    e = expect_error(emu, "CreateVpnRouteEntry", create_params(), "Forbidden", 403,
                     "User not authorized to operate on the specified resource.", "ram.explicit-deny", key=DENIED_KEY)
    assert e.access_denied_detail["NoPermissionType"] == "ExplicitDeny"
    # The same user may do what its allow covers.
    tea_ok(emu, "DeleteVpnRouteEntry", fixture_route_params("DeleteVpnRouteEntry"), key=DENIED_KEY)


@pytest.mark.parametrize("action", WRITES)
def test_forbidden_sub_user(emu, action):
    e = expect_error(emu, action, valid_params(action), "Forbbiden.SubUser", 403,
                     "User not authorized to operate on the specified resource as your account is created by another user.",
                     "ram.implicit-deny", key=READONLY_KEY)
    assert e.access_denied_detail["NoPermissionType"] == "ImplicitDeny"
    # Stage 7 precedes parameter checks: a request without parameters gets the same answer.
    expect_error(emu, action, {"RegionId": REGION}, "Forbbiden.SubUser", 403,
                 "User not authorized to operate on the specified resource as your account is created by another user.",
                 "ram.implicit-deny", key=READONLY_KEY)


def test_read_only_user_reads(emu):
    assert tea_ok(emu, "DescribeVpnRouteEntries", describe_params("DescribeVpnRouteEntries"), key=READONLY_KEY)["TotalCount"] == 1
    assert tea_ok(emu, "DescribeVpnGateway", describe_params("DescribeVpnGateway"), key=READONLY_KEY)["Status"] == "active"


# Order of the operation stage (§2, §13.1 checks 5–16, §13.8, §13.9) --------------------------------

def test_resource_state_before_business_rules(emu):
    """§4.2: the reserved-block checks run after the state checks."""
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="127.0.0.0/8", VpnGatewayId=LOCKED_GATEWAY,
                                                           NextHop="vco-nothing"),
                 "VpnGateway.FinancialLocked", 400, "The specified service is financial locked.", "gateway.state.financial-locked")
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    expect_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="127.0.0.0/8"), "VpnGateway.Configuring", 400, CONFIGURING,
                 "gateway.state.configuring")
    expect_error(emu, "CreateVpnRouteEntry", create_params(), "VpnGateway.Configuring", 400, CONFIGURING,
                 "gateway.state.configuring")   # not AlreadyExists (§13.1 idempotence note)
    # Lookup before state: an unknown gateway is 404 whatever else.
    expect_error(emu, "DeleteVpnRouteEntry", route_params("DeleteVpnRouteEntry", VpnGatewayId="vpn-nothing"),
                 "InvalidVpnGatewayInstanceId.NotFound", 404, "The specified vpn gateway instance id does not exist.", "gateway.not-found")


def test_create_business_rules_run_in_order(emu):
    load_fixture(emu, {"vpnRouteEntries": [{"vpnGatewayId": GATEWAY, "routeDest": "192.168.100.0/24", "nextHop": GATEWAY_CONNECTION,
                                            "weight": 100}]})
    emu.config(quotaGatewayRoutes=1)
    cases = [
        (create_params(RouteDest="127.0.0.0/8", NextHop="vco-nothing"), "route.dest.reserved"),          # 9 before 10
        (create_params(RouteDest="100.64.0.0/10", NextHop="vco-nothing"), "route.dest.shared-address"),  # 9 before 10
        (create_params(NextHop="vco-nothing"), "route.next-hop.not-found"),                             # 10 before 14
        (create_params(**{**FIXTURE_ROUTE, "Weight": 0}), "route.duplicate"),                           # 11 before 12, 14
        (create_params(RouteDest="192.168.100.0/24", NextHop=GATEWAY_CONNECTION_2), "route.pair.second-active"),  # 12 before 13
        (create_params(RouteDest="192.168.100.0/25"), "route.ssl-client-pool"),                         # 13 before 14
        (create_params(RouteDest="10.10.0.0/16", PublishVpc=True), "quota.gateway-routes"),             # 14 before 15
    ]
    before = emu.state()
    for params, rule in cases:
        tea_error(emu, "CreateVpnRouteEntry", params)
        assert journal_last(emu)["rule"] == rule, params
    emu.config(quotaGatewayRoutes=20)
    e = tea_error(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.10.0.0/16", PublishVpc=True, DryRun=True))
    assert journal_last(emu)["rule"] == "vpc.conflict.non-vpn" and e.code == "OperationFailed.RouteConflict"   # 15 before 16
    assert emu.state() == before


def test_modify_and_publish_steps_in_order(emu):
    tea_ok(emu, "CreateVpnRouteEntry", create_params(RouteDest="10.1.0.0/24", NextHop=GATEWAY_CONNECTION_2, Weight=0))
    emu.complete_tasks()
    # Modify: not found (9) before partner (11); no change (10) before partner (11).
    expect_error(emu, "ModifyVpnRouteEntryWeight", fixture_route_params("ModifyVpnRouteEntryWeight", Weight=0, NewWeight=100),
                 "InvalidRouteEntry.NotFound", 400, ROUTE_NOT_FOUND, "route.not-found")
    tea_ok(emu, "ModifyVpnRouteEntryWeight", fixture_route_params("ModifyVpnRouteEntryWeight", NewWeight=100))
    assert gateway_status(emu) == "active"
    # Publish: not found (9) before the VPC checks (11); "already in that state" (10) before them too.
    load_fixture(emu, {"vpnRouteEntries": [{"vpnGatewayId": PENDING_VPC_GATEWAY, "routeDest": "10.90.0.0/24",
                                            "nextHop": PENDING_VPC_CONNECTION, "weight": 100, "publishVpc": True}]})
    expect_error(emu, "PublishVpnRouteEntry", publish_params("10.91.0.0/24", PENDING_VPC_GATEWAY, PENDING_VPC_CONNECTION),
                 "InvalidRouteEntry.NotFound", 400, ROUTE_NOT_FOUND, "route.not-found")
    tea_ok(emu, "PublishVpnRouteEntry", publish_params("10.90.0.0/24", PENDING_VPC_GATEWAY, PENDING_VPC_CONNECTION))
    assert gateway_status(emu, PENDING_VPC_GATEWAY) == "active"


def test_next_hop_state_does_not_matter(emu):
    load_fixture(emu, {"vpnConnections": [{"id": "vco-bp1default0000000009", "account": "1234567890123456", "region": REGION,
                                           "attachType": "VPNGW", "vpnGatewayId": GATEWAY, "state": "financialLocked",
                                           "businessStatus": "FinancialLocked"}]})
    body = tea_ok(emu, "CreateVpnRouteEntry", create_params(NextHop="vco-bp1default0000000009"))
    assert body["NextHop"] == "vco-bp1default0000000009"


def test_listing_order_follows_create_time_then_insertion(emu):
    """§3.4: creation time ascending, ties in insertion order; a fixture route may predate API routes."""
    tea_ok(emu, "CreateVpnRouteEntry", create_params())
    load_fixture(emu, {"vpnRouteEntries": [
        {"vpnGatewayId": GATEWAY, "routeDest": "10.3.0.0/24", "nextHop": GATEWAY_CONNECTION, "weight": 100, "createTime": 1600000000000},
        {"vpnGatewayId": GATEWAY, "routeDest": "10.2.0.0/24", "nextHop": GATEWAY_CONNECTION, "weight": 100, "createTime": 1600000000000},
    ]})
    assert [r["RouteDest"] for r in routes(emu)] == ["10.3.0.0/24", "10.2.0.0/24", "10.1.0.0/24", "10.50.0.0/24"]
    page = tea_ok(emu, "DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "PageSize": 3, "PageNumber": 2})
    assert (page["TotalCount"], [r["RouteDest"] for r in page["VpnRouteEntries"]["VpnRouteEntry"]]) == (4, ["10.50.0.0/24"])
