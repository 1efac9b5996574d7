"""CreateVcoRouteEntry family, errors (API.md §2, §3, §4, §5, §6.2, §6.3, §9, §11, §13.2, §13.10–13.12, §14).

Every error of the four Vco operations that a condition produces, with its code, HTTP status,
exact message and rule id, and every fault-only code, injected through `/_emulator/faults`.
`expect_error` also checks that the rejected request left the state and the tasks unchanged.
"""
import pytest
from alibabacloud_tea_openapi import exceptions as tea_exceptions

from emulator import (ACCOUNT_KEY, GATEWAY, GATEWAY_CONNECTION, OTHER_ACCOUNT_KEY, READONLY_KEY, REGION, TRANSIT,
                      TRANSIT_LOCKED)
from test_vco_routes import (CLIENTS, FIXTURE_ROUTE, call, call_error, connection_state, create_params, describe,
                             expect_error, faults, last_request, load_fixture, route_params, routes, snapshot, tasks,
                             tea_call)

NOT_FOUND = ("InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.")
INVALID_CIDR = ("OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.")
FINANCIAL_LOCKED = ("VpnConnection.FinancialLocked", 400, "The specified service is financial locked.")
CONFIGURING = ("VpnConnection.Configuring", 400, "The specified service is configuring.")
TASK_CONFLICT = ("TaskConflict", 400, "The operation is too frequent, please wait a moment and try again.")
ROUTE_NOT_FOUND = ("InvalidRouteEntry.NotFound", 400, "Route entry not exists.")
BAD_DEST = ("IllegalParam.RouteDest", 400, "The specified RouteDest is invalid")
BAD_WEIGHT = ("VpnRouteEntry.InvalidWeight", 400, "Invalid route entry weight value.")
BAD_DESCRIPTION = ("InvalidDescription.Malformed", 400, "The specified description is wrongly formed.")
BAD_OVERLAY = ("IllegalParam.OverlayMode", 400, "The specified OverlayMode is invalid")
BAD_TOKEN = ("IllegalParam.ClientToken", 400, "The specified ClientToken is invalid")
BAD_REGION = ("InvalidRegionId.NotFound", 400, "The specified region does not exist.")
SUBUSER_VCO = ("Forbbiden.SubUser", 403, "User not authorized to operate on the specified resource.")


def invalid(name):
    return ("InvalidParameter", 400, f'The specified parameter "{name}" is not valid.')


def modify_params(dest=FIXTURE_ROUTE, weight=100, new_weight=0, connection=TRANSIT, **extra):
    return route_params(dest, weight, connection, NewWeight=new_weight, **extra)


def describe_params(connection=TRANSIT, **extra):
    return {"RegionId": REGION, "VpnConnectionId": connection, **extra}


# Valid parameters for each of the four operations (each succeeds on the default fixture).
VALID = {
    "CreateVcoRouteEntry": lambda **kw: create_params("10.200.0.0/16", 100, **kw),
    "DeleteVcoRouteEntry": lambda **kw: route_params(FIXTURE_ROUTE, 100, **kw),
    "ModifyVcoRouteEntryWeight": lambda **kw: modify_params(**kw),
    "DescribeVcoRouteEntries": lambda **kw: describe_params(**kw),
}
WRITES = ["CreateVcoRouteEntry", "DeleteVcoRouteEntry", "ModifyVcoRouteEntryWeight"]
ALL_VCO = WRITES + ["DescribeVcoRouteEntries"]


def add_connection(emu, id, **fields):
    load_fixture(emu, {"vpnConnections": [{"id": id, "account": "1234567890123456", "region": REGION, "attachType": "CEN",
                                           "transitRouterId": "tr-bp1default0000000001", "cenId": "cen-default000000001",
                                           **fields}]})


# Stage 9: required parameters, in table order (§3.1) -------------------------------------------

REQUIRED = {
    "CreateVcoRouteEntry": ["RegionId", "VpnConnectionId", "RouteDest", "Weight", "NextHop"],
    "DeleteVcoRouteEntry": ["RegionId", "VpnConnectionId", "RouteDest", "NextHop", "Weight"],
    "ModifyVcoRouteEntryWeight": ["RegionId", "VpnConnectionId", "RouteDest", "NextHop", "Weight", "NewWeight"],
    "DescribeVcoRouteEntries": ["RegionId", "VpnConnectionId"],
}


@pytest.mark.parametrize("client", ["tea-v3", "tea-v1"])
@pytest.mark.parametrize("action", ALL_VCO)
def test_missing_parameters_in_table_order(emu, client, action):
    """Each required parameter is added in table order; the first absent one answers, even when a
    parameter already present is malformed (stage 9 before stage 10)."""
    full = VALID[action]()
    required = REQUIRED[action]
    # Malformed values for what is present, so a format check would answer if it ran first.
    malformed = {"RouteDest": "not-a-cidr", "Weight": 7, "NewWeight": 7, "RegionId": "cn-nowhere", "VpnConnectionId": "vco-x"}
    for i, name in enumerate(required):
        params = {n: malformed.get(n, full[n]) for n in required[:i]}
        expect_error(emu, client, action, params, f"Missing{name}", 400, f"{name} is mandatory for this action.", "param.missing")
    assert call(emu, client, action, full) is not None


@pytest.mark.parametrize("action", ALL_VCO)
def test_blank_required_parameter_is_missing(emu, action):
    full = VALID[action]()
    for name in REQUIRED[action][1:]:  # the old SDK always fills in RegionId when it is blank
        expect_error(emu, "old-sdk", action, {**full, name: ""}, f"Missing{name}", 400,
                     f"{name} is mandatory for this action.", "param.missing")


# Stage 10: formats, in the fixed order (§2, §3.2, §3.4, §4) -------------------------------------

@pytest.mark.parametrize("dest", ["10.0.0.1/24", "010.0.0.0/8", "10.0.0.0/33", "10.0.0.0/08", " 10.0.0.0/8",
                                  "10.0.0.0/8 ", "10.0.0.0", "10.0.0/8", "256.0.0.0/8", "fd00::/8", "10.0.0.0/-1",
                                  "10.0.0.0/+8", "10.0.0.0//8", "a.b.c.d/8", "10.0.0.0/8/8", "１0.0.0.0/8",
                                  "10.0.0.0/8\n", "10.0.0.0 /8", "10.0.0.0/", "/8", "10.0.0.0.0/8"])
def test_illegal_route_dest(emu, dest):
    for action in ("CreateVcoRouteEntry", "DeleteVcoRouteEntry", "ModifyVcoRouteEntryWeight"):
        expect_error(emu, "tea-v3", action, {**VALID[action](), "RouteDest": dest}, *BAD_DEST, "route.dest.syntax")


@pytest.mark.parametrize("client", CLIENTS)
def test_invalid_weight(emu, client):
    for weight in (50, 1, -100, 101, 99, 1000):
        expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.201.0.0/16", weight), *BAD_WEIGHT, "route.weight.value")
        expect_error(emu, client, "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, weight), *BAD_WEIGHT, "route.weight.value")
        expect_error(emu, client, "ModifyVcoRouteEntryWeight", modify_params(weight=weight), *BAD_WEIGHT, "route.weight.value")
        expect_error(emu, client, "ModifyVcoRouteEntryWeight", modify_params(new_weight=weight), *BAD_WEIGHT, "route.weight.value")


@pytest.mark.parametrize("description", ["d" * 101, "é" * 101, "e\u0301" * 51, "http://example.com", "https://x", "HTTP://X",
                                         "HttpS://y"])
def test_malformed_description(emu, description):
    for client in CLIENTS:
        expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.202.0.0/16", Description=description),
                     *BAD_DESCRIPTION, "route.description.format")


@pytest.mark.parametrize("mode", ["ipsec", "IPSEC", "GRE", "Ipsec ", "Vxlan"])
def test_illegal_overlay_mode(emu, mode):
    for action in WRITES:
        expect_error(emu, "tea-v3", action, VALID[action](OverlayMode=mode), *BAD_OVERLAY, "route.overlay-mode.value")


@pytest.mark.parametrize("token", ["a" * 65, "tök", "tab\there", "new\nline", "\x7f"])
def test_illegal_client_token(emu, token):
    for action in ALL_VCO:
        expect_error(emu, "old-sdk", action, VALID[action](ClientToken=token), *BAD_TOKEN, "token.format")


def test_invalid_parameter_boolean_integer_paging_enum(emu):
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.203.0.0/16", DryRun="maybe"), *invalid("DryRun"), "param.boolean")
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.203.0.0/16", DryRun="1"), *invalid("DryRun"), "param.boolean")
    for weight in ("1e2", "abc", "100.0", "0x64", "12345678901", "00000000100", " 100", "+100", "１００", "-"):
        expect_error(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.203.0.0/16", weight), *invalid("Weight"), "param.integer")
        expect_error(emu, "old-sdk", "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, weight), *invalid("Weight"), "param.integer")
        expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", modify_params(new_weight=weight), *invalid("NewWeight"),
                     "param.integer")
    # Within 32 bits but not 0/100 is a weight error, beyond 32 bits is a type error.
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.203.0.0/16", "2147483647"), *BAD_WEIGHT, "route.weight.value")
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.203.0.0/16", "2147483648"), *invalid("Weight"), "param.integer")
    for page_number in (0, -1):
        expect_error(emu, "tea-v3", "DescribeVcoRouteEntries", describe_params(PageNumber=page_number), *invalid("PageNumber"),
                     "param.page-number")
    for page_size in (0, 51, -5):
        expect_error(emu, "tea-v1", "DescribeVcoRouteEntries", describe_params(PageSize=page_size), *invalid("PageSize"),
                     "param.page-size")
    expect_error(emu, "old-sdk", "DescribeVcoRouteEntries", describe_params(PageNumber="one"), *invalid("PageNumber"), "param.integer")
    expect_error(emu, "old-sdk", "DescribeVcoRouteEntries", describe_params(PageSize="1.5"), *invalid("PageSize"), "param.integer")
    for value in ("static", "custom ", "all"):
        expect_error(emu, "tea-v3", "DescribeVcoRouteEntries", describe_params(RouteEntryType=value), *invalid("RouteEntryType"),
                     "param.enum")


def test_format_order_create(emu):
    """RouteDest → Weight → Description → OverlayMode → ClientToken → DryRun, then region (stage 11)."""
    params = {"RegionId": "cn-nowhere", "VpnConnectionId": "vco-nothing", "RouteDest": "10.0.0.1/8", "Weight": 5,
              "NextHop": "vco-other", "Description": "http://x", "OverlayMode": "gre", "ClientToken": "x" * 65, "DryRun": "yes"}
    steps = [("RouteDest", "10.204.0.0/16", BAD_DEST, "route.dest.syntax"),
             ("Weight", 100, BAD_WEIGHT, "route.weight.value"),
             ("Description", "ok", BAD_DESCRIPTION, "route.description.format"),
             ("OverlayMode", "Ipsec", BAD_OVERLAY, "route.overlay-mode.value"),
             ("ClientToken", "tok", BAD_TOKEN, "token.format"),
             ("DryRun", "false", invalid("DryRun"), "param.boolean"),
             ("RegionId", REGION, BAD_REGION, "region.unknown")]
    for name, fixed, error, rule in steps:
        expect_error(emu, "old-sdk", "CreateVcoRouteEntry", params, *error, rule)
        params[name] = fixed
    # Then the lookup: the connection is unknown.
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", params, *NOT_FOUND, "connection.not-found")


def test_format_order_modify_delete_describe(emu):
    params = {"RegionId": "cn-nowhere", "VpnConnectionId": "vco-nothing", "RouteDest": "10.0.0.1/8", "NextHop": "x",
              "Weight": 5, "NewWeight": "abc", "OverlayMode": "gre", "ClientToken": "x" * 65}
    # Modify: RouteDest → Weight → NewWeight → OverlayMode → ClientToken → region.
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *BAD_DEST, "route.dest.syntax")
    params["RouteDest"] = FIXTURE_ROUTE
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *BAD_WEIGHT, "route.weight.value")
    params["Weight"] = "w"
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *invalid("Weight"), "param.integer")
    params["Weight"] = 100
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *invalid("NewWeight"), "param.integer")
    params["NewWeight"] = 0
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *BAD_OVERLAY, "route.overlay-mode.value")
    params["OverlayMode"] = "Ipsec"
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *BAD_TOKEN, "token.format")
    params["ClientToken"] = "t"
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *BAD_REGION, "region.unknown")
    params["RegionId"] = REGION
    expect_error(emu, "old-sdk", "ModifyVcoRouteEntryWeight", params, *NOT_FOUND, "connection.not-found")
    # Delete: same order without NewWeight.
    params = {"RegionId": "cn-nowhere", "VpnConnectionId": "vco-nothing", "RouteDest": "1.2.3.4/8", "NextHop": "x",
              "Weight": 3, "OverlayMode": "x", "ClientToken": "\t"}
    for name, fixed, error, rule in [("RouteDest", FIXTURE_ROUTE, BAD_DEST, "route.dest.syntax"),
                                     ("Weight", 100, BAD_WEIGHT, "route.weight.value"),
                                     ("OverlayMode", "Ipsec", BAD_OVERLAY, "route.overlay-mode.value"),
                                     ("ClientToken", "t", BAD_TOKEN, "token.format"),
                                     ("RegionId", REGION, BAD_REGION, "region.unknown")]:
        expect_error(emu, "old-sdk", "DeleteVcoRouteEntry", params, *error, rule)
        params[name] = fixed
    expect_error(emu, "old-sdk", "DeleteVcoRouteEntry", params, *NOT_FOUND, "connection.not-found")
    # Describe: ClientToken → PageNumber → PageSize → RouteEntryType → region → lookup.
    params = {"RegionId": "cn-nowhere", "VpnConnectionId": "vco-nothing", "ClientToken": "ä", "PageNumber": 0,
              "PageSize": 99, "RouteEntryType": "x"}
    for name, fixed, error, rule in [("ClientToken", "t", BAD_TOKEN, "token.format"),
                                     ("PageNumber", 1, invalid("PageNumber"), "param.page-number"),
                                     ("PageSize", 10, invalid("PageSize"), "param.page-size"),
                                     ("RouteEntryType", "custom", invalid("RouteEntryType"), "param.enum"),
                                     ("RegionId", REGION, BAD_REGION, "region.unknown")]:
        expect_error(emu, "old-sdk", "DescribeVcoRouteEntries", params, *error, rule)
        params[name] = fixed
    expect_error(emu, "old-sdk", "DescribeVcoRouteEntries", params, *NOT_FOUND, "connection.not-found")


# Stage 11: region (§3.3) --------------------------------------------------------------------------

@pytest.mark.parametrize("client", CLIENTS)
def test_unknown_region(emu, client):
    for action in ALL_VCO:
        expect_error(emu, client, action, {**VALID[action](), "RegionId": "cn-nowhere"}, *BAD_REGION, "region.unknown")


# Stage 13: lookup (§13.2 step 5, §1 scoping) --------------------------------------------------------

@pytest.mark.parametrize("client", CLIENTS)
def test_connection_not_found(emu, client):
    for action in ALL_VCO:
        # Unknown id.
        expect_error(emu, client, action, VALID[action](connection="vco-bp1doesnotexist0001") if action != "CreateVcoRouteEntry"
                     else create_params("10.205.0.0/16", connection="vco-bp1doesnotexist0001"), *NOT_FOUND, "connection.not-found")
        # A gateway-bound connection is invisible to the Vco operations.
        params = (create_params("10.205.0.0/16", connection=GATEWAY_CONNECTION) if action == "CreateVcoRouteEntry"
                  else VALID[action](connection=GATEWAY_CONNECTION))
        expect_error(emu, client, action, params, *NOT_FOUND, "connection.not-transit")
        # Another region (known) and another account: not found, never 403.
        expect_error(emu, client, action, {**VALID[action](), "RegionId": "cn-shanghai"}, *NOT_FOUND, "connection.not-found")
        expect_error(emu, client, action, VALID[action](), *NOT_FOUND, "connection.not-found", key=OTHER_ACCOUNT_KEY)
    # A gateway id is not a connection id either.
    expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.205.0.0/16", connection=GATEWAY), *NOT_FOUND,
                 "connection.not-found")


# Stage 14: state (§6.2, §6.3) ---------------------------------------------------------------------------

@pytest.mark.parametrize("action", WRITES)
def test_financial_locked(emu, action):
    params = VALID[action](connection=TRANSIT_LOCKED)
    if action != "CreateVcoRouteEntry":
        load_fixture(emu, {"vcoRouteEntries": [{"vpnConnectionId": TRANSIT_LOCKED, "routeDest": FIXTURE_ROUTE, "weight": 100}]})
    for client in CLIENTS:
        expect_error(emu, client, action, params, *FINANCIAL_LOCKED, "connection.state.financial-locked")
    # State financialLocked with a Normal business status, and locked beats a non-attached state.
    add_connection(emu, "vco-bp1transitstate0001", state="financialLocked")
    add_connection(emu, "vco-bp1transitboth00001", state="attaching", businessStatus="FinancialLocked")
    for connection in ("vco-bp1transitstate0001", "vco-bp1transitboth00001"):
        expect_error(emu, "tea-v3", action, VALID[action](connection=connection), *FINANCIAL_LOCKED,
                     "connection.state.financial-locked")
    # Reads still work.
    assert describe(emu, connection=TRANSIT_LOCKED) is not None


@pytest.mark.parametrize("client", CLIENTS)
def test_configuring_while_updating(emu, client):
    call(emu, client, "CreateVcoRouteEntry", create_params("10.206.0.0/16"))
    assert connection_state(emu, client) == "updating"
    expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.207.0.0/16"), *CONFIGURING, "connection.state.configuring")
    # Without a ClientToken an identical repeat is Configuring too (§13.2 idempotence).
    expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.206.0.0/16"), *CONFIGURING, "connection.state.configuring")
    expect_error(emu, client, "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100), *CONFIGURING, "connection.state.configuring")
    expect_error(emu, client, "ModifyVcoRouteEntryWeight", modify_params(), *CONFIGURING, "connection.state.configuring")
    # A write that would change nothing still passes stage 14.
    expect_error(emu, client, "ModifyVcoRouteEntryWeight", modify_params(new_weight=100), *CONFIGURING,
                 "connection.state.configuring")
    # Configuring comes before the route rules (reserved, duplicate, not found).
    expect_error(emu, client, "CreateVcoRouteEntry", create_params("127.0.0.0/8"), *CONFIGURING, "connection.state.configuring")
    expect_error(emu, client, "DeleteVcoRouteEntry", route_params("10.99.0.0/16", 100), *CONFIGURING, "connection.state.configuring")
    emu.complete_tasks()
    expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.206.0.0/16"),
                 "VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.", "route.duplicate")
    call(emu, client, "CreateVcoRouteEntry", create_params("10.207.0.0/16"))


@pytest.mark.parametrize("state", ["attaching", "detaching", "updating", "deleting"])
def test_configuring_from_fixture_state(emu, state):
    add_connection(emu, "vco-bp1transitconfig001", state=state)
    load_fixture(emu, {"vcoRouteEntries": [{"vpnConnectionId": "vco-bp1transitconfig001", "routeDest": FIXTURE_ROUTE, "weight": 100}]})
    for action in WRITES:
        expect_error(emu, "tea-v3", action, VALID[action](connection="vco-bp1transitconfig001"), *CONFIGURING,
                     "connection.state.configuring")
    # No task ends a fixture state.
    assert emu.complete_tasks() == 0
    assert connection_state(emu, connection="vco-bp1transitconfig001") == state


def test_task_conflict_in_the_cooldown(emu):
    emu.config(taskDurationMs=0, taskCooldownMs=60000)
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.208.0.0/16"))
    assert connection_state(emu) == "attached"  # a duration of 0 never shows updating
    for client in CLIENTS:
        expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.209.0.0/16"), *TASK_CONFLICT, "connection.state.cooldown")
        expect_error(emu, client, "DeleteVcoRouteEntry", route_params("10.208.0.0/16", 100), *TASK_CONFLICT,
                     "connection.state.cooldown")
        expect_error(emu, client, "ModifyVcoRouteEntryWeight", modify_params(new_weight=100), *TASK_CONFLICT,
                     "connection.state.cooldown")
    # TaskConflict comes after the locked check, and before the route rules.
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("0.0.0.0/0"), *TASK_CONFLICT, "connection.state.cooldown")
    # The cooldown is per resource and reads are not affected.
    assert describe(emu)["TotalCount"] == 2


def test_cooldown_follows_a_completed_task(emu):
    emu.config(taskCooldownMs=60000)
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.210.0.0/16"))
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.211.0.0/16"), *CONFIGURING, "connection.state.configuring")
    emu.complete_tasks()
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.211.0.0/16"), *TASK_CONFLICT, "connection.state.cooldown")
    emu.config(taskCooldownMs=0)
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.211.0.0/16"))


def test_writes_that_change_nothing_start_no_cooldown(emu):
    emu.config(taskDurationMs=0, taskCooldownMs=60000)
    call(emu, "tea-v3", "ModifyVcoRouteEntryWeight", modify_params(new_weight=100))
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.212.0.0/16"))
    assert routes(emu) == [(FIXTURE_ROUTE, 100), ("10.212.0.0/16", 100)]


# Stage 15: route rules (§4.2, §4.7, §5) -----------------------------------------------------------------

@pytest.mark.parametrize("dest", ["0.0.0.0/0", "127.0.0.0/8", "127.0.0.1/32", "127.128.0.0/9", "169.254.0.0/16",
                                  "169.254.169.254/32", "224.0.0.0/4", "239.255.255.255/32", "240.0.0.0/4",
                                  "255.255.255.255/32", "248.0.0.0/5"])
def test_reserved_destination(emu, dest):
    for client in CLIENTS:
        expect_error(emu, client, "CreateVcoRouteEntry", create_params(dest), *INVALID_CIDR, "route.dest.reserved")


def test_shared_address_space_and_supernets_are_accepted_on_a_transit_connection(emu):
    accepted = ["100.64.0.0/10", "100.64.5.0/24", "100.127.255.255/32", "100.0.0.0/8", "0.0.0.0/1", "128.0.0.0/1",
                "160.0.0.0/3", "126.0.0.0/7", "169.0.0.0/8", "192.0.0.0/2"]
    for dest in accepted:
        body = call(emu, "tea-v3", "CreateVcoRouteEntry", create_params(dest))
        assert body["RouteDest"] == dest
        assert emu.complete_tasks() == 1
    assert [d for d, _ in routes(emu)] == [FIXTURE_ROUTE] + accepted


def test_reserved_check_order(emu):
    # After the state checks...
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("127.0.0.0/8", connection=TRANSIT_LOCKED),
                 *FINANCIAL_LOCKED, "connection.state.financial-locked")
    # ...and before the next-hop check.
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", {**create_params("127.0.0.0/8"), "NextHop": "vco-other"},
                 *INVALID_CIDR, "route.dest.reserved")


@pytest.mark.parametrize("client", CLIENTS)
def test_next_hop_must_be_the_connection_itself(emu, client):
    for next_hop in (GATEWAY_CONNECTION, TRANSIT_LOCKED, "vco-bp1doesnotexist0001", TRANSIT.upper(), TRANSIT + "x", GATEWAY):
        expect_error(emu, client, "CreateVcoRouteEntry", {**create_params("10.213.0.0/16"), "NextHop": next_hop},
                     "InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.", "route.next-hop.not-self")
    # The next-hop check runs before the duplicate check.
    expect_error(emu, client, "CreateVcoRouteEntry", {**create_params(FIXTURE_ROUTE), "NextHop": GATEWAY_CONNECTION},
                 "InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.", "route.next-hop.not-self")


@pytest.mark.parametrize("client", CLIENTS)
def test_duplicate_route_dest(emu, client):
    for weight in (100, 0):
        expect_error(emu, client, "CreateVcoRouteEntry", create_params(FIXTURE_ROUTE, weight, Description="again"),
                     "VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.", "route.duplicate")
    # An overlapping but different destination is not a duplicate.
    call(emu, client, "CreateVcoRouteEntry", create_params("192.168.10.0/25"))
    assert [d for d, _ in routes(emu)] == [FIXTURE_ROUTE, "192.168.10.0/25"]


def test_connection_route_quota(emu):
    quota_full = ("CreateDbrRoutesQuotaFull.QuotaFull", 400, "The number of created destination routes exceeds the quota limit.")
    emu.config(quotaConnectionRoutes=1)  # the fixture route fills it
    for client in CLIENTS:
        expect_error(emu, client, "CreateVcoRouteEntry", create_params("10.214.0.0/16"), *quota_full, "quota.connection-routes")
    # The duplicate check comes first.
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params(FIXTURE_ROUTE), "VpnRouteEntry.AlreadyExists", 400,
                 "The specified route entry is already exist.", "route.duplicate")
    emu.config(quotaConnectionRoutes=2)
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.214.0.0/16"))
    emu.complete_tasks()
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.215.0.0/16"), *quota_full, "quota.connection-routes")
    # Deleting frees a slot.
    call(emu, "tea-v3", "DeleteVcoRouteEntry", route_params("10.214.0.0/16", 100))
    emu.complete_tasks()
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.215.0.0/16"))
    # A quota of 0 refuses every create.
    emu.complete_tasks()
    emu.config(quotaConnectionRoutes=0)
    add_connection(emu, "vco-bp1transitempty0001")
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.216.0.0/16", connection="vco-bp1transitempty0001"),
                 *quota_full, "quota.connection-routes")


def test_connection_route_quota_from_the_fixture_wins(emu):
    quota_full = ("CreateDbrRoutesQuotaFull.QuotaFull", 400, "The number of created destination routes exceeds the quota limit.")
    add_connection(emu, "vco-bp1transitquota0001", quotas={"routeEntries": 1})
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.217.0.0/16", connection="vco-bp1transitquota0001"))
    emu.complete_tasks()
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.218.0.0/16", connection="vco-bp1transitquota0001"),
                 *quota_full, "quota.connection-routes")


@pytest.mark.parametrize("client", CLIENTS)
def test_route_not_found_for_delete_and_modify(emu, client):
    wrong = [route_params(FIXTURE_ROUTE, 0),                                      # wrong weight
             route_params("192.168.11.0/24", 100),                                # wrong destination
             route_params("192.168.10.0/25", 100),                                # a subnet is not the route
             {**route_params(FIXTURE_ROUTE, 100), "NextHop": GATEWAY_CONNECTION},  # wrong next hop
             {**route_params(FIXTURE_ROUTE, 100), "NextHop": TRANSIT.upper()}]
    for params in wrong:
        expect_error(emu, client, "DeleteVcoRouteEntry", params, *ROUTE_NOT_FOUND, "route.not-found")
        expect_error(emu, client, "ModifyVcoRouteEntryWeight", {**params, "NewWeight": 0}, *ROUTE_NOT_FOUND, "route.not-found")
    # Modify with NewWeight equal to a wrong Weight is still not found.
    expect_error(emu, client, "ModifyVcoRouteEntryWeight", modify_params(weight=0, new_weight=0), *ROUTE_NOT_FOUND, "route.not-found")
    # A route on another transit connection is not this connection's route.
    load_fixture(emu, {"vcoRouteEntries": [{"vpnConnectionId": TRANSIT_LOCKED, "routeDest": "10.219.0.0/16", "weight": 100}]})
    expect_error(emu, client, "DeleteVcoRouteEntry", route_params("10.219.0.0/16", 100), *ROUTE_NOT_FOUND, "route.not-found")
    # Without a token, a repeated delete is NotFound once the task has ended.
    call(emu, client, "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100))
    emu.complete_tasks()
    expect_error(emu, client, "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100), *ROUTE_NOT_FOUND, "route.not-found")


# Stage 7: RAM (§9) -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("action", WRITES)
def test_read_only_ram_user_gets_the_short_vco_message(emu, client, action):
    err = expect_error(emu, client, action, VALID[action](), *SUBUSER_VCO, "ram.implicit-deny", key=READONLY_KEY)
    if client != "old-sdk":
        detail = err.exc.access_denied_detail
        assert detail["AuthAction"] == f"vpc:{action}"
        assert detail["NoPermissionType"] == "ImplicitDeny"
        assert detail["AuthPrincipalType"] == "SubUser"
        assert detail["AuthPrincipalDisplayName"] == "readonly"
        assert detail["AuthPrincipalOwnerId"] == "1234567890123456"
    # RAM (stage 7) comes before parameter checks (stage 9).
    expect_error(emu, client, action, {"RegionId": REGION}, *SUBUSER_VCO, "ram.implicit-deny", key=READONLY_KEY)
    # The read is allowed by vpc:Describe*.
    assert call(emu, client, "DescribeVcoRouteEntries", describe_params(), key=READONLY_KEY)["TotalCount"] == 1


def test_ram_implicit_deny_on_describe_vco_and_explicit_deny(emu):
    load_fixture(emu, {"accounts": [{"id": "3234567890123456", "accessKeys": [{"id": "LTAI5tVcoOwnerKey", "secret": "VcoOwnerSecret"}],
                                     "ramUsers": [
                                         {"name": "nothing", "accessKeys": [{"id": "LTAI5tNothingKey", "secret": "NothingSecret"}],
                                          "policy": {"allow": ["ecs:*"], "deny": []}},
                                         {"name": "novco", "accessKeys": [{"id": "LTAI5tNoVcoKey", "secret": "NoVcoSecret"}],
                                          "policy": {"allow": ["vpc:*"], "deny": ["VPC:*vcoroute*"]}}]}],
                       "vpnConnections": [{"id": "vco-bp1transitother001", "account": "3234567890123456", "region": REGION,
                                           "attachType": "CEN", "transitRouterId": "tr-x", "cenId": "cen-x"}]})
    expect_error(emu, "tea-v3", "DescribeVcoRouteEntries", describe_params("vco-bp1transitother001"), *SUBUSER_VCO,
                 "ram.implicit-deny", key=("LTAI5tNothingKey", "NothingSecret"))
    for action in ALL_VCO:
        params = VALID[action](connection="vco-bp1transitother001") if action != "CreateVcoRouteEntry" else \
            create_params("10.220.0.0/16", connection="vco-bp1transitother001")
        err = expect_error(emu, "tea-v3", action, params, "Forbidden", 403,
                           "User not authorized to operate on the specified resource.", "ram.explicit-deny",
                           key=("LTAI5tNoVcoKey", "NoVcoSecret"))
        assert err.exc.access_denied_detail["NoPermissionType"] == "ExplicitDeny"
    # The same user may still call what the deny does not match.
    assert call(emu, "tea-v3", "DescribeVpnConnection", describe_params("vco-bp1transitother001"),
                key=("LTAI5tNoVcoKey", "NoVcoSecret"))["AttachType"] == "CEN"


def test_denied_user_for_gateway_routes_may_write_vco_routes(emu):
    from emulator import DENIED_KEY
    body = call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.221.0.0/16"), key=DENIED_KEY)
    assert body["RouteDest"] == "10.221.0.0/16"


# §10: Throttling.User on CreateVcoRouteEntry (60 per 60 s) ----------------------------------------------

def test_throttling_user_after_sixty_creates(emu):
    emu.config(throttle=True)
    for _ in range(60):
        # Every call that passes stage 6 counts, whatever its outcome.
        call_error(emu, "old-sdk", "CreateVcoRouteEntry", {"RegionId": REGION})
    before = snapshot(emu)
    with pytest.raises(tea_exceptions.ThrottlingException) as info:
        call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.222.0.0/16"))
    assert info.value.code == "Throttling.User" and info.value.status_code == 400
    assert info.value.data["Message"] == "Request was denied due to user flow control."
    assert info.value.retry_after >= 1
    assert last_request(emu)["rule"] == "throttle.user"
    assert snapshot(emu) == before
    # Counted per action: another Vco action is not throttled.
    assert describe(emu)["TotalCount"] == 1


# Stage 8: fault injection (§11) ---------------------------------------------------------------------------

LONG_QUOTA = ("The resources you are operating have reached the upper limit of the quota. Please increase the quota or use "
              "other solutions to avoid it according to the VPN operation document.")

# (action, code, status, message) with the catalogue defaults of §11 for that action.
FAULT_ONLY = [
    ("CreateVcoRouteEntry", "Resource.PbrRouteQuotaFull", 400, "The quota of Policy-based route is full."),
    ("CreateVcoRouteEntry", "CreatePbrRoutesQuotaFull.QuotaFull", 400, "The number of policy routes exceeds the quota limit."),
    ("CreateVcoRouteEntry", "VpnRouteEntry.ConflictSSL", 400, "The specified route entry has conflict with SSL client."),
    ("CreateVcoRouteEntry", "VpnRouteEntry.Conflict", 400, "The specified route entry has conflict."),
    ("CreateVcoRouteEntry", "VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed."),
    ("CreateVcoRouteEntry", "QuotaExceeded.VpnRouteEntry", 400,
     "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit."),
    # The first Resource.QuotaFull row lists CreateVcoRouteEntry, so its short message is the default.
    ("CreateVcoRouteEntry", "Resource.QuotaFull", 400, "The quota of resource is full"),
    ("CreateVcoRouteEntry", "TaskConflict", 400, "The operation is too frequent, please wait a moment and try again."),
    ("CreateVcoRouteEntry", "Appliance.Configuring", 400, "The specified appliance is configuring."),
    ("DeleteVcoRouteEntry", "Appliance.Configuring", 400, "The specified appliance is configuring."),
    ("ModifyVcoRouteEntryWeight", "Appliance.Configuring", 400, "The specified appliance is configuring."),
    ("CreateVcoRouteEntry", "InternalError", 500,
     "The request processing has failed due to some unknown error, exception or failure."),
    ("DeleteVcoRouteEntry", "InternalError", 500,
     "The request processing has failed due to some unknown error, exception or failure."),
    ("ModifyVcoRouteEntryWeight", "InternalError", 500,
     "The request processing has failed due to some unknown error, exception or failure."),
    ("DescribeVcoRouteEntries", "InternalError", 500,
     "The request processing has failed due to some unknown error, exception or failure."),
    ("DescribeVcoRouteEntries", "UnknownError", 500, "The request processing has failed due to some unknown error."),
    ("CreateVcoRouteEntry", "ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."),
    ("DescribeVcoRouteEntries", "ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."),
    ("CreateVcoRouteEntry", "Throttling", 400, "Request was denied due to request throttling."),
]


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("action,code,status,message", FAULT_ONLY, ids=[f"{a}-{c}" for a, c, _, _ in FAULT_ONLY])
def test_fault_only_code(emu, client, action, code, status, message):
    registered = emu.fault(action=action, code=code)
    assert (registered["fault"]["httpStatus"], registered["fault"]["message"], registered["fault"]["count"]) == (status, message, 1)
    params = VALID[action](ClientToken="tok-fault") if action != "DescribeVcoRouteEntries" else VALID[action]()
    expect_error(emu, client, action, params, code, status, message, "fault.injected")
    assert faults(emu) == [] and tasks(emu) == []
    # Consumed: the same call now works normally (and the failed call stored no ClientToken).
    body = call(emu, client, action, params)
    assert "Code" not in body
    if action in WRITES:
        assert [t["action"] for t in tasks(emu)] == [action]


def test_resource_quota_full_long_message_is_reached_with_an_explicit_message(emu):
    emu.fault(action="CreateVcoRouteEntry", code="Resource.QuotaFull", message=LONG_QUOTA)
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.223.0.0/16"), "Resource.QuotaFull", 400, LONG_QUOTA,
                 "fault.injected")


def test_fault_defaults_depend_on_the_action(emu):
    """§11: the first row with the code that lists the action; InternalError is 400 only for CreateVpnRouteEntry."""
    internal = "The request processing has failed due to some unknown error, exception or failure."
    for action, status in (("CreateVpnRouteEntry", 400), ("CreateVcoRouteEntry", 500), ("DescribeVcoRouteEntries", 500)):
        fault = emu.fault(action=action, code="InternalError")["fault"]
        assert (fault["httpStatus"], fault["message"]) == (status, internal)
    # A code not in the catalogue: 400 and the generic message; explicit status and message win.
    fault = emu.fault(action="CreateVcoRouteEntry", code="Custom.Code")["fault"]
    assert (fault["httpStatus"], fault["message"]) == (400, "The request processing has failed due to an injected fault.")
    fault = emu.fault(action="CreateVcoRouteEntry", code="VpnRouteEntry.Conflict", httpStatus=409, message="custom")["fault"]
    assert (fault["httpStatus"], fault["message"]) == (409, "custom")
    emu.control("DELETE", "/_emulator/faults")
    emu.fault(action="CreateVcoRouteEntry", code="VpnRouteEntry.Conflict", httpStatus=409, message="custom")
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.224.0.0/16"), "VpnRouteEntry.Conflict", 409, "custom",
                 "fault.injected")


def test_fault_answers_count_times_then_the_call_works(emu):
    emu.fault(action="CreateVcoRouteEntry", code="TaskConflict", count=3)
    params = create_params("10.225.0.0/16", ClientToken="tok-count")
    for remaining in (2, 1, 0):
        expect_error(emu, "tea-v3", "CreateVcoRouteEntry", params, *TASK_CONFLICT, "fault.injected")
        assert [f["count"] for f in faults(emu)] == ([remaining] if remaining else [])
    body = call(emu, "tea-v3", "CreateVcoRouteEntry", params)
    assert body["RouteDest"] == "10.225.0.0/16"
    assert routes(emu) == [(FIXTURE_ROUTE, 100), ("10.225.0.0/16", 100)]


def test_tea_raises_once_then_succeeds(emu):
    emu.fault(action="CreateVcoRouteEntry", code="TaskConflict", count=1)
    with pytest.raises(tea_exceptions.ClientException) as info:
        tea_call(emu, "CreateVcoRouteEntry", create_params("10.226.0.0/16"))
    assert info.value.code == "TaskConflict" and info.value.status_code == 400
    resp = tea_call(emu, "CreateVcoRouteEntry", create_params("10.226.0.0/16"))
    assert resp.body is not None and resp.body.route_dest == "10.226.0.0/16"


def test_oldest_matching_fault_answers_first(emu):
    emu.fault(action="CreateVcoRouteEntry", code="Appliance.Configuring")
    emu.fault(action="*", code="TaskConflict")
    emu.fault(code="ServiceUnavailable")
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.227.0.0/16"), "Appliance.Configuring", 400,
                 "The specified appliance is configuring.", "fault.injected")
    expect_error(emu, "tea-v3", "DescribeVcoRouteEntries", describe_params(), *TASK_CONFLICT, "fault.injected")
    expect_error(emu, "tea-v3", "DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100), "ServiceUnavailable", 503,
                 "The request has failed due to a temporary failure of the server.", "fault.injected")
    assert faults(emu) == []


def test_fault_matches_action_and_resource_id(emu):
    emu.fault(action="DeleteVcoRouteEntry", code="TaskConflict")
    emu.fault(action="CreateVcoRouteEntry", code="Appliance.Configuring", resourceId=TRANSIT_LOCKED)
    # Neither matches a create on TRANSIT.
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.228.0.0/16"))
    assert sorted(f["code"] for f in faults(emu)) == ["Appliance.Configuring", "TaskConflict"]
    # The resource fault answers instead of the FinancialLocked the connection would give.
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.228.0.0/16", connection=TRANSIT_LOCKED),
                 "Appliance.Configuring", 400, "The specified appliance is configuring.", "fault.injected")
    # The raw id is compared: another spelling does not match.
    emu.fault(action="DescribeVcoRouteEntries", code="InternalError", resourceId=TRANSIT)
    expect_error(emu, "old-sdk", "DescribeVcoRouteEntries", describe_params(TRANSIT.upper()), *NOT_FOUND, "connection.not-found")
    expect_error(emu, "old-sdk", "DescribeVcoRouteEntries", describe_params(), "InternalError", 500,
                 "The request processing has failed due to some unknown error, exception or failure.", "fault.injected")


def test_fault_matches_vpn_connection_id_when_a_vpn_gateway_id_is_also_sent(emu):
    """§11: resourceId matches the request's raw VpnGatewayId *or* VpnConnectionId. A stray
    VpnGatewayId (ignored by the Vco operation, §3.1) must not hide the connection id."""
    emu.fault(action="CreateVcoRouteEntry", code="TaskConflict", resourceId=TRANSIT)
    expect_error(emu, "old-sdk", "CreateVcoRouteEntry", create_params("10.229.0.0/16", VpnGatewayId=GATEWAY), *TASK_CONFLICT,
                 "fault.injected")
    emu.fault(action="DescribeVcoRouteEntries", code="UnknownError", resourceId=TRANSIT)
    expect_error(emu, "old-sdk", "DescribeVcoRouteEntries", describe_params(VpnGatewayId=""), "UnknownError", 500,
                 "The request processing has failed due to some unknown error.", "fault.injected")


def test_fault_comes_after_ram_and_before_parameters(emu):
    emu.fault(action="CreateVcoRouteEntry", code="VpnRouteEntry.Conflict")
    # RAM (stage 7) answers first and does not consume the fault.
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.230.0.0/16"), *SUBUSER_VCO, "ram.implicit-deny",
                 key=READONLY_KEY)
    assert [f["count"] for f in faults(emu)] == [1]
    # The fault answers before the missing-parameter check (stage 9).
    expect_error(emu, "tea-v3", "CreateVcoRouteEntry", {}, "VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.",
                 "fault.injected")


def test_5xx_fault_has_no_side_effect_and_keeps_no_client_token(emu):
    emu.fault(action="CreateVcoRouteEntry", code="InternalError", count=2)
    for _ in range(2):
        expect_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.231.0.0/16", ClientToken="tok-5xx"),
                     "InternalError", 500, "The request processing has failed due to some unknown error, exception or failure.",
                     "fault.injected")
    # Different parameters with the same token: executes (no token was stored by the faults).
    body = call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.232.0.0/16", 0, ClientToken="tok-5xx"))
    assert (body["RouteDest"], body["Weight"]) == ("10.232.0.0/16", 0)
    assert connection_state(emu) == "updating"


def test_fault_with_retry_after(emu):
    emu.fault(action="CreateVcoRouteEntry", code="Throttling", retryAfterMs=1500)
    with pytest.raises(tea_exceptions.ThrottlingException) as info:
        tea_call(emu, "CreateVcoRouteEntry", create_params("10.233.0.0/16"))
    assert info.value.code == "Throttling" and info.value.status_code == 400
    assert info.value.data["Message"] == "Request was denied due to request throttling."
    assert last_request(emu)["rule"] == "fault.injected"
    # The header itself, read through the old SDK's raw call.
    from aliyunsdkvpc.request.v20160428.CreateVcoRouteEntryRequest import CreateVcoRouteEntryRequest
    emu.fault(action="CreateVcoRouteEntry", code="Throttling", retryAfterMs=1500)
    req = CreateVcoRouteEntryRequest()
    for name, value in create_params("10.233.0.0/16").items():
        req.add_query_param(name, value)
    req.set_endpoint(emu.endpoint)
    req.set_protocol_type("http")
    status, headers, raw, _ = emu.core().client._implementation_of_do_action(req)
    headers = {k.lower(): v for k, v in headers.items()}
    assert status == 400
    assert headers["x-acs-retry-after"] == "1500" and headers["x-emulator-rule"] == "fault.injected"
    assert routes(emu) == [(FIXTURE_ROUTE, 100)]


def test_rule_header_equals_the_journal(emu):
    """The x-emulator-rule header on the wire is the rule the journal records."""
    from aliyunsdkvpc.request.v20160428.CreateVcoRouteEntryRequest import CreateVcoRouteEntryRequest
    for dest, rule in (("169.254.0.0/16", "route.dest.reserved"), (FIXTURE_ROUTE, "route.duplicate"),
                       ("10.0.0.1/8", "route.dest.syntax")):
        req = CreateVcoRouteEntryRequest()
        for name, value in create_params(dest).items():
            req.add_query_param(name, value)
        req.set_endpoint(emu.endpoint)
        req.set_protocol_type("http")
        status, headers, raw, _ = emu.core().client._implementation_of_do_action(req)
        headers = {k.lower(): v for k, v in headers.items()}
        assert status == 400 and headers["x-emulator-rule"] == rule == last_request(emu)["rule"]


# A rejected request at each stage leaves the state unchanged ----------------------------------------------

def test_rejections_at_every_stage_leave_the_state_unchanged(emu):
    """One rejection per stage, each after a successful write so that there is state to protect."""
    call(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.240.0.0/16", ClientToken="tok-stage"))
    emu.complete_tasks()
    rejected = [
        ("CreateVcoRouteEntry", create_params("10.241.0.0/16"), READONLY_KEY, "ram.implicit-deny"),           # 7
        ("CreateVcoRouteEntry", {"RegionId": REGION, "VpnConnectionId": TRANSIT}, ACCOUNT_KEY, "param.missing"),  # 9
        ("CreateVcoRouteEntry", create_params("10.241.0.1/16"), ACCOUNT_KEY, "route.dest.syntax"),            # 10
        ("CreateVcoRouteEntry", {**create_params("10.241.0.0/16"), "RegionId": "cn-x"}, ACCOUNT_KEY, "region.unknown"),  # 11
        ("CreateVcoRouteEntry", create_params("10.241.0.0/16", ClientToken="tok-stage"), ACCOUNT_KEY, "token.mismatch"),  # 12
        ("CreateVcoRouteEntry", create_params("10.241.0.0/16", connection="vco-x"), ACCOUNT_KEY, "connection.not-found"),  # 13
        ("DeleteVcoRouteEntry", route_params(FIXTURE_ROUTE, 100, connection=TRANSIT_LOCKED), ACCOUNT_KEY,
         "connection.state.financial-locked"),                                                                # 14
        ("CreateVcoRouteEntry", create_params("240.0.0.0/4"), ACCOUNT_KEY, "route.dest.reserved"),            # 15
        ("ModifyVcoRouteEntryWeight", modify_params(weight=0, new_weight=100), ACCOUNT_KEY, "route.not-found"),  # 15
        ("CreateVcoRouteEntry", create_params("10.241.0.0/16", DryRun=True), ACCOUNT_KEY, "dryrun.passed"),   # 16
    ]
    for action, params, key, rule in rejected:
        before = snapshot(emu)
        err = call_error(emu, "tea-v3", action, params, key=key)
        assert last_request(emu)["rule"] == rule and last_request(emu)["requestId"] == err.request_id
        assert snapshot(emu) == before, rule
    emu.fault(action="CreateVcoRouteEntry", code="ServiceUnavailable")                                        # 8
    before = snapshot(emu)
    err = call_error(emu, "tea-v3", "CreateVcoRouteEntry", create_params("10.241.0.0/16"))
    assert err.status == 503 and snapshot(emu) == before
    assert routes(emu) == [(FIXTURE_ROUTE, 100), ("10.240.0.0/16", 100)]


def test_wildcard_fault_takes_the_catalogue_defaults_of_the_action_it_answers(emu):
    """API.md §11: defaults come from the first catalogue row with the code that lists the action."""
    from alibabacloud_tea_openapi import exceptions as tea_exceptions
    from alibabacloud_vpc20160428 import models as m
    emu.fault(action="*", code="InternalError", count=2)
    with pytest.raises(tea_exceptions.ServerException) as info:
        emu.tea().describe_vco_route_entries(m.DescribeVcoRouteEntriesRequest(region_id="cn-hangzhou", vpn_connection_id="vco-bp1transit0000000001"))
    assert info.value.code == "InternalError" and info.value.status_code == 500
    with pytest.raises(tea_exceptions.ClientException) as info:
        emu.tea().create_vpn_route_entry(m.CreateVpnRouteEntryRequest(
            region_id="cn-hangzhou", vpn_gateway_id="vpn-bp1default0000000001", route_dest="10.90.0.0/24",
            next_hop="vco-bp1default0000000001", weight=100, publish_vpc=False))
    assert info.value.code == "InternalError" and info.value.status_code == 400   # CreateVpnRouteEntry's own row
