"""IPsec connections through the official SDKs (API.md §13.5, §13.18–§13.21): single- and
dual-tunnel, the JSON settings strings, tags (`Tags.Tag` on DescribeVpnConnection, `Tag.Tag` on the
list items), the gateway's task, Modify and Delete, with Tea V3, Tea V1 and the old SDK.

The session emulator runs with --task-duration 60000: writes leave the gateway `updating`, so the
tests call emu.complete_tasks() between writes on one gateway."""
import json

import pytest

from emulator import GATEWAY, GATEWAY_CONNECTION, OTHER_ACCOUNT_KEY, REGION
from resource_clients import MODES, call, customer_gateway, error, tag_map, tunnels
from test_vpn_routes import pending_tasks, snapshot

DUAL_GATEWAY = "vpn-bp1dualtunnel000001"
TRANSIT = "vco-bp1transit0000000001"


def describe(emu, mode, vco):
    return call(emu, mode, "DescribeVpnConnection", {"RegionId": REGION, "VpnConnectionId": vco})


def gateway_status(emu, gateway):
    return call(emu, "tea-v3", "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway})["Status"]


@pytest.mark.parametrize("mode", MODES)
def test_a_single_tunnel_connection(emu, mode):
    cgw = customer_gateway(emu, mode, "2.2.2.5", Asn="65010")
    body = call(emu, mode, "CreateVpnConnection", {
        "RegionId": REGION, "VpnGatewayId": GATEWAY, "CustomerGatewayId": cgw, "Name": "single",
        "LocalSubnet": "172.16.0.0/12", "RemoteSubnet": "10.0.0.0/24,10.0.1.0/24", "EffectImmediately": True, "EnableDpd": False,
        "IkeConfig": json.dumps({"IkeVersion": "ikev2", "IkeLifetime": 3600, "Psk": "s3cret", "IkeAuthAlg": "sha256"}),
        "IpsecConfig": json.dumps({"IpsecPfs": "group5", "IpsecLifetime": 2700}),
        "BgpConfig": json.dumps({"EnableBgp": True, "LocalAsn": 65001, "TunnelCidr": "169.254.11.0/30", "LocalBgpIp": "169.254.11.1"}),
        "HealthCheckConfig": json.dumps({"enable": True, "dip": "192.168.1.1", "sip": "172.16.1.1", "interval": 5, "retry": 4}),
        "Tags": [{"Key": "Created", "Value": "TF"}], "ClientToken": f"single-{mode}"})
    vco = body["VpnConnectionId"]
    assert vco.startswith("vco-") and body["Name"] == "single" and isinstance(body["CreateTime"], int)
    assert gateway_status(emu, GATEWAY) == "updating", "documented: the gateway is updating while the connection is made"
    assert [t["resourceId"] for t in pending_tasks(emu)] == [GATEWAY]

    d = describe(emu, mode, vco)
    assert (d["VpnConnectionId"], d["VpnGatewayId"], d["CustomerGatewayId"], d["State"], d["Status"]) == (
        vco, GATEWAY, cgw, "active", "ipsec_sa_established")
    assert (d["LocalSubnet"], d["RemoteSubnet"], d["CreateTime"]) == ("172.16.0.0/12", "10.0.0.0/24,10.0.1.0/24", body["CreateTime"])
    assert (d["EffectImmediately"], d["EnableDpd"], d["EnableNatTraversal"]) == (True, False, True)
    assert d["IkeConfig"] == {"IkeAuthAlg": "sha256", "IkeEncAlg": "aes", "IkeLifetime": 3600, "IkeMode": "main", "IkePfs": "group2",
                              "IkeVersion": "ikev2", "LocalId": "47.0.0.1", "Psk": "s3cret", "RemoteId": "2.2.2.5"}
    assert d["IpsecConfig"] == {"IpsecAuthAlg": "sha1", "IpsecEncAlg": "aes", "IpsecLifetime": 2700, "IpsecPfs": "group5"}
    bgp = d["VpnBgpConfig"]
    assert (bgp["EnableBgp"], bgp["LocalAsn"], bgp["PeerAsn"], bgp["TunnelCidr"], bgp["LocalBgpIp"]) == (
        "true", 65001, 65010, "169.254.11.0/30", "169.254.11.1")
    hc = d["VcoHealthCheck"]
    assert (hc["Enable"], hc["Dip"], hc["Sip"], hc["Interval"], hc["Retry"]) == ("true", "192.168.1.1", "172.16.1.1", 5, 4)
    assert tag_map(d["Tags"]) == {"Created": "TF"}
    assert d["TunnelOptionsSpecification"].get("TunnelOptions", []) == []

    items = call(emu, mode, "DescribeVpnConnections", {"RegionId": REGION, "CustomerGatewayId": cgw})
    assert items["TotalCount"] == 1
    item = items["VpnConnections"]["VpnConnection"][0]
    assert item["VpnConnectionId"] == vco and tag_map(item["Tag"]) == {"Created": "TF"} and "Tags" not in item


@pytest.mark.parametrize("mode", MODES)
def test_a_dual_tunnel_connection(emu, mode):
    master, slave = customer_gateway(emu, mode, "2.2.2.5", Asn="2224"), customer_gateway(emu, mode, "2.2.2.6")
    options = [
        {"CustomerGatewayId": master, "Role": "master", "EnableDpd": False, "EnableNatTraversal": False,
         "TunnelBgpConfig": {"LocalAsn": 1219002, "TunnelCidr": "169.254.30.0/30", "LocalBgpIp": "169.254.30.1"},
         "TunnelIkeConfig": {"IkeAuthAlg": "md5", "IkeEncAlg": "aes256", "IkeLifetime": 3600, "IkeMode": "aggressive",
                             "IkePfs": "group14", "IkeVersion": "ikev2", "LocalId": "localid_tunnel2", "Psk": "12345678",
                             "RemoteId": "remote2"},
         "TunnelIpsecConfig": {"IpsecAuthAlg": "md5", "IpsecEncAlg": "aes256", "IpsecLifetime": 16400, "IpsecPfs": "group5"}},
        {"CustomerGatewayId": slave, "Role": "slave",
         "TunnelIkeConfig": {"IkeLifetime": 27000}, "TunnelIpsecConfig": {"IpsecPfs": "group14"}},
    ]
    body = call(emu, mode, "CreateVpnConnection", {
        "RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY, "Name": "terraform-example", "LocalSubnet": "3.0.0.0/24",
        "RemoteSubnet": "10.0.0.0/24,10.0.1.0/24", "EnableTunnelsBgp": True, "Tags": [{"Key": "Created", "Value": "TF"},
                                                                                       {"Key": "For", "Value": "example"}],
        "TunnelOptionsSpecification": options})
    vco = body["VpnConnectionId"]
    d = describe(emu, mode, vco)
    assert (d["State"], d["EnableTunnelsBgp"], d["VpnGatewayId"]) == ("active", True, DUAL_GATEWAY)
    assert tag_map(d["Tags"]) == {"Created": "TF", "For": "example"}
    got = d["TunnelOptionsSpecification"]["TunnelOptions"]
    assert [t["Role"] for t in got] == ["master", "slave"]
    m, s = got
    assert m["TunnelId"].startswith("tun-") and s["TunnelId"].startswith("tun-") and m["TunnelId"] != s["TunnelId"]
    assert (m["CustomerGatewayId"], s["CustomerGatewayId"]) == (master, slave)
    # The SDK model types these as strings, and so does the answer.
    assert (m["EnableDpd"], m["EnableNatTraversal"], s["EnableDpd"]) == ("false", "false", "true")
    assert m["TunnelIkeConfig"] == {"IkeAuthAlg": "md5", "IkeEncAlg": "aes256", "IkeLifetime": "3600", "IkeMode": "aggressive",
                                    "IkePfs": "group14", "IkeVersion": "ikev2", "LocalId": "localid_tunnel2", "Psk": "12345678",
                                    "RemoteId": "remote2"}
    assert m["TunnelIpsecConfig"] == {"IpsecAuthAlg": "md5", "IpsecEncAlg": "aes256", "IpsecLifetime": "16400", "IpsecPfs": "group5"}
    assert {k: m["TunnelBgpConfig"][k] for k in ("LocalAsn", "TunnelCidr", "LocalBgpIp", "PeerAsn")} == {
        "LocalAsn": "1219002", "TunnelCidr": "169.254.30.0/30", "LocalBgpIp": "169.254.30.1", "PeerAsn": "2224"}
    assert s["TunnelIkeConfig"]["IkeLifetime"] == "27000" and s["TunnelIpsecConfig"]["IpsecPfs"] == "group14"
    assert len(s["TunnelIkeConfig"]["Psk"]) == 16, "the service makes a pre-shared key"

    listed = call(emu, mode, "DescribeVpnConnections", {"RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY, "PageSize": 50})
    items = {c["VpnConnectionId"]: c for c in listed["VpnConnections"]["VpnConnection"]}
    assert set(items) == {"vco-bp1dualtunnel000001", vco} and listed["TotalCount"] == 2
    assert tag_map(items[vco]["Tag"]) == {"Created": "TF", "For": "example"}
    assert [t["Role"] for t in items[vco]["TunnelOptionsSpecification"]["TunnelOptions"]] == ["master", "slave"]


@pytest.mark.parametrize("mode", MODES)
def test_modify_and_delete(emu, mode):
    cgw = customer_gateway(emu, mode, "2.2.2.5")
    vco = call(emu, mode, "CreateVpnConnection", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "CustomerGatewayId": cgw,
                                                  "LocalSubnet": "172.16.0.0/12", "RemoteSubnet": "10.0.0.0/24"})["VpnConnectionId"]
    e = error(emu, mode, "ModifyVpnConnectionAttribute", {"RegionId": REGION, "VpnConnectionId": vco, "Name": "renamed"})
    assert (e.code, e.status) == ("VpnGateway.Configuring", 400), "retried by Terraform until the create's task ends"
    emu.complete_tasks()
    modified = call(emu, mode, "ModifyVpnConnectionAttribute", {
        "RegionId": REGION, "VpnConnectionId": vco, "Name": "renamed", "RemoteSubnet": "10.9.0.0/16",
        "IkeConfig": json.dumps({"IkeLifetime": 600})})
    assert (modified["VpnConnectionId"], modified["Name"], modified["RemoteSubnet"]) == (vco, "renamed", "10.9.0.0/16")
    assert modified["IkeConfig"]["IkeLifetime"] == 600 and modified["IkeConfig"]["IkeVersion"] == "ikev1"
    assert gateway_status(emu, GATEWAY) == "updating"
    assert describe(emu, mode, vco)["State"] == "active"
    emu.complete_tasks()
    call(emu, mode, "DeleteVpnConnection", {"RegionId": REGION, "VpnConnectionId": vco, "ClientToken": f"del-{mode}"})
    assert gateway_status(emu, GATEWAY) == "updating", "documented: the gateway is updating while the connection is deleted"
    gone = error(emu, mode, "DescribeVpnConnection", {"RegionId": REGION, "VpnConnectionId": vco})
    assert (gone.code, gone.status) == ("InvalidVpnConnectionInstanceId.NotFound", 404)
    # Terraform's delete retries with the same token: the replay answers success.
    call(emu, mode, "DeleteVpnConnection", {"RegionId": REGION, "VpnConnectionId": vco, "ClientToken": f"del-{mode}"})


def test_a_dual_tunnel_connection_changes_its_tunnels(emu):
    a, b = customer_gateway(emu, "tea-v3", "2.2.2.5"), customer_gateway(emu, "tea-v3", "2.2.2.6")
    vco = call(emu, "tea-v3", "CreateVpnConnection", {"RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY, "LocalSubnet": "3.0.0.0/24",
                                                      "RemoteSubnet": "10.0.0.0/24",
                                                      "TunnelOptionsSpecification": tunnels(a, b)})["VpnConnectionId"]
    emu.complete_tasks()
    slave_id = describe(emu, "tea-v3", vco)["TunnelOptionsSpecification"]["TunnelOptions"][1]["TunnelId"]
    modified = call(emu, "tea-v1", "ModifyVpnConnectionAttribute", {
        "RegionId": REGION, "VpnConnectionId": vco, "EnableTunnelsBgp": True,
        "TunnelOptionsSpecification": [{"TunnelId": slave_id, "EnableDpd": False,
                                        "TunnelIkeConfig": {"IkeMode": "aggressive"}}]})
    slave = modified["TunnelOptionsSpecification"]["TunnelOptions"][1]
    assert (slave["TunnelId"], slave["EnableDpd"], slave["TunnelIkeConfig"]["IkeMode"]) == (slave_id, False, "aggressive")
    assert modified["EnableTunnelsBgp"] is True


def test_the_route_holds_its_next_hop(emu):
    """Destroying out of order: the connection a route uses is refused with a code Terraform does not retry."""
    cgw = customer_gateway(emu, "tea-v3", "2.2.2.5")
    vco = call(emu, "tea-v3", "CreateVpnConnection", {"RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY, "LocalSubnet": "3.0.0.0/24",
                                                      "RemoteSubnet": "10.0.0.0/24",
                                                      "TunnelOptionsSpecification": tunnels(cgw, cgw)})["VpnConnectionId"]
    emu.complete_tasks()
    call(emu, "tea-v3", "CreateVpnRouteEntry", {"RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY, "RouteDest": "10.0.0.0/24",
                                                "NextHop": vco, "Weight": 0, "PublishVpc": False})
    emu.complete_tasks()
    before = snapshot(emu)
    for mode in MODES:
        e = error(emu, mode, "DeleteVpnConnection", {"RegionId": REGION, "VpnConnectionId": vco})
        assert (e.code, e.status, e.message) == (
            "DependencyViolation.VpnRouteEntry", 400,
            "There are vpn route entries using the specified vpn connection as next hop not deleted.")
    assert snapshot(emu) == before
    e = error(emu, "tea-v3", "DeleteVpnConnection", {"RegionId": REGION, "VpnConnectionId": GATEWAY_CONNECTION})
    assert e.code == "DependencyViolation.VpnRouteEntry", "the fixture's route too"


@pytest.mark.parametrize("params,code,status", [
    ({"VpnGatewayId": GATEWAY}, "MissingCustomerGatewayId", 400),
    ({"VpnGatewayId": DUAL_GATEWAY, "CustomerGatewayId": "cgw-x"}, "MissingTunnelOptionsSpecification", 400),
    ({"VpnGatewayId": GATEWAY, "CustomerGatewayId": "cgw-doesnotexist"}, "InvalidCustomerGatewayInstanceId.NotFound", 404),
    ({"VpnGatewayId": "vpn-doesnotexist", "CustomerGatewayId": "cgw-x"}, "InvalidVpnGatewayInstanceId.NotFound", 404),
    ({"VpnGatewayId": "vpn-bp1locked0000000001", "CustomerGatewayId": "cgw-x"}, "VpnGateway.FinancialLocked", 400),
    ({"VpnGatewayId": GATEWAY, "CustomerGatewayId": "cgw-x", "IkeConfig": '{"IkeMode":"fast"}'}, "InvalidParameter", 400),
    ({"VpnGatewayId": GATEWAY, "CustomerGatewayId": "cgw-x", "LocalSubnet": "172.16.0.1/12"}, "InvalidParameter", 400),
])
def test_create_refusals(emu, params, code, status):
    before = snapshot(emu)
    e = error(emu, "tea-v3", "CreateVpnConnection", {"RegionId": REGION, "LocalSubnet": "172.16.0.0/12", "RemoteSubnet": "10.0.0.0/24",
                                                     **params})
    assert (e.code, e.status) == (code, status)
    assert snapshot(emu) == before


def test_duplicate_dry_run_and_accounts(emu):
    cgw = customer_gateway(emu, "tea-v3", "2.2.2.5")
    params = {"RegionId": REGION, "VpnGatewayId": GATEWAY, "CustomerGatewayId": cgw, "LocalSubnet": "172.16.0.0/12",
              "RemoteSubnet": "10.0.0.0/24"}
    before = snapshot(emu)
    e = error(emu, "tea-v3", "CreateVpnConnection", {**params, "DryRun": True})
    assert (e.code, e.status) == ("DryRunOperation", 400)
    assert snapshot(emu) == before
    call(emu, "tea-v3", "CreateVpnConnection", params)
    emu.complete_tasks()
    e = error(emu, "core", "CreateVpnConnection", params)
    assert (e.code, e.message) == ("InvalidVpnConnection.AlreadyExists", "Vpn connection already exists.")
    other = call(emu, "tea-v3", "DescribeVpnConnections", {"RegionId": REGION, "CustomerGatewayId": cgw}, key=OTHER_ACCOUNT_KEY)
    assert other["TotalCount"] == 0
