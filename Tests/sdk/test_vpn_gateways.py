"""VPN gateways created, changed and deleted through the official SDKs (API.md §6.4, §13.3,
§13.22–§13.24): `provisioning` until the task ends (tasks/complete here; the session runs with
--task-duration 60000), then `active`; Modify → `updating`; Delete → gone at once."""
import pytest

from emulator import GATEWAY, REGION
from resource_clients import MODES, call, error, tag_map
from test_vpn_routes import load_fixture, pending_tasks, snapshot

DEFAULT_VPC = "vpc-bp1default0000000001"
VSWITCH_1, VSWITCH_2 = "vsw-bp1default000000001", "vsw-bp1default000000002"


def describe(emu, mode, gateway):
    return call(emu, mode, "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway})


@pytest.mark.parametrize("mode", MODES)
def test_create_modify_delete(emu, mode):
    body = call(emu, mode, "CreateVpnGateway", {
        "RegionId": REGION, "VpcId": DEFAULT_VPC, "VSwitchId": VSWITCH_1, "DisasterRecoveryVSwitchId": VSWITCH_2,
        "Name": "tf-vpn-gateway", "NetworkType": "public", "AutoPay": True, "EnableIpsec": True, "EnableSsl": False,
        "VpnType": "Normal", "InstanceChargeType": "POSTPAY", "Bandwidth": 10, "ClientToken": f"gw-{mode}"})
    gateway = body["VpnGatewayId"]
    assert gateway.startswith("vpn-") and body["Name"] == "tf-vpn-gateway" and isinstance(body["OrderId"], int)
    d = describe(emu, mode, gateway)
    assert d["Status"] == "provisioning"
    expected = {"VpnGatewayId": gateway, "VpcId": DEFAULT_VPC, "VSwitchId": VSWITCH_1, "DisasterRecoveryVSwitchId": VSWITCH_2,
                "Name": "tf-vpn-gateway", "BusinessStatus": "Normal", "Spec": "10M", "IpsecVpn": "enable", "SslVpn": "disable",
                "NetworkType": "public", "VpnType": "Normal", "ChargeType": "PostpayByFlow"}
    assert {k: d[k] for k in expected} == expected
    assert d["InternetIp"].startswith("47.") and d["DisasterRecoveryInternetIp"].startswith("47.")
    listed = call(emu, mode, "DescribeVpnGateways", {"RegionId": REGION, "Status": "provisioning"})
    assert [g["VpnGatewayId"] for g in listed["VpnGateways"]["VpnGateway"]] == [gateway]
    e = error(emu, mode, "DeleteVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway})
    assert (e.code, e.status) == ("VpnGateway.Configuring", 400), "retried by Terraform's delete"

    assert emu.complete_tasks() == 1
    assert describe(emu, mode, gateway)["Status"] == "active"
    modified = call(emu, mode, "ModifyVpnGatewayAttribute", {"RegionId": REGION, "VpnGatewayId": gateway, "Name": "renamed",
                                                             "Description": "changed", "AutoPropagate": True})
    assert (modified["Name"], modified["Description"], modified["Status"], modified["AutoPropagate"]) == (
        "renamed", "changed", "updating", True)
    d = describe(emu, mode, gateway)
    assert (d["Status"], d["Name"], d["AutoPropagate"]) == ("updating", "renamed", True)
    emu.complete_tasks()

    call(emu, mode, "DeleteVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway, "ClientToken": f"del-{mode}"})
    gone = error(emu, mode, "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway})
    assert (gone.code, gone.status) == ("InvalidVpnGatewayInstanceId.NotFound", 404)
    assert call(emu, mode, "DescribeVpnGateways", {"RegionId": REGION, "VpnGatewayId": gateway})["TotalCount"] == 0
    assert pending_tasks(emu) == []


def test_a_replayed_create_makes_one_gateway(emu):
    params = {"RegionId": REGION, "VpcId": DEFAULT_VPC, "Bandwidth": 10, "ClientToken": "one-gateway"}
    first = call(emu, "tea-v3", "CreateVpnGateway", params)
    again = call(emu, "tea-v1", "CreateVpnGateway", params)
    assert again["VpnGatewayId"] == first["VpnGatewayId"] and again["Name"] == first["VpnGatewayId"]
    listed = call(emu, "tea-v3", "DescribeVpnGateways", {"RegionId": REGION, "VpcId": DEFAULT_VPC, "PageSize": 50})
    assert [g["VpnGatewayId"] for g in listed["VpnGateways"]["VpnGateway"]].count(first["VpnGatewayId"]) == 1


@pytest.mark.parametrize("params,code,status", [
    ({"VpcId": "vpc-doesnotexist"}, "InvalidVpcId.NotFound", 404),
    ({"VpcId": DEFAULT_VPC, "VSwitchId": "vsw-bp1pending000000001"}, "InvalidVSwitchId.NotFound", 404),
    ({"VpcId": "vpc-bp1pending0000000001"}, "IncorrectVpcStatus", 400),
    ({"VpcId": DEFAULT_VPC, "Bandwidth": 7}, "InvalidParameter", 400),
    ({"VpcId": DEFAULT_VPC, "InstanceChargeType": "PREPAY"}, "MissingPeriod", 400),
    ({"VpcId": DEFAULT_VPC, "Name": "http://gw"}, "InvalidName", 400),
])
def test_create_refusals(emu, params, code, status):
    before = snapshot(emu)
    e = error(emu, "tea-v3", "CreateVpnGateway", {"RegionId": REGION, "Bandwidth": 10, **params})
    assert (e.code, e.status) == (code, status)
    assert snapshot(emu) == before


def test_delete_refusals(emu):
    for mode in MODES:
        e = error(emu, mode, "DeleteVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY})
        assert (e.code, e.status, e.message) == ("DependencyViolation.VpnConnection", 400,
                                                 "There are vpn connections on specified customer gateway not deleted.")
    load_fixture(emu, {"vpnGateways": [{"id": "vpn-bp1sslonly000000001", "account": "1234567890123456", "region": REGION,
                                        "vpcId": DEFAULT_VPC, "sslVpn": {"clientIpPool": "192.168.200.0/24"}}]})
    e = error(emu, "tea-v3", "DeleteVpnGateway", {"RegionId": REGION, "VpnGatewayId": "vpn-bp1sslonly000000001"})
    assert (e.code, e.message) == ("DependencyViolation.SslVpnServer", "There is SSL VPN server on specified vpn gateway not deleted.")
    assert describe(emu, "tea-v3", "vpn-bp1sslonly000000001")["SslVpn"] == "enable"


def test_routes_on_a_created_gateway(emu):
    """The gateway refuses writes while provisioning; then a connection and a route through it."""
    gateway = call(emu, "tea-v3", "CreateVpnGateway", {"RegionId": REGION, "VpcId": DEFAULT_VPC, "Bandwidth": 10})["VpnGatewayId"]
    cgw = call(emu, "tea-v3", "CreateCustomerGateway", {"RegionId": REGION, "IpAddress": "2.2.2.5"})["CustomerGatewayId"]
    e = error(emu, "tea-v3", "CreateVpnConnection", {"RegionId": REGION, "VpnGatewayId": gateway, "CustomerGatewayId": cgw,
                                                     "LocalSubnet": "172.16.0.0/12", "RemoteSubnet": "10.0.0.0/24"})
    assert e.code == "VpnGateway.Configuring"
    emu.complete_tasks()
    vco = call(emu, "core", "CreateVpnConnection", {"RegionId": REGION, "VpnGatewayId": gateway, "CustomerGatewayId": cgw,
                                                    "LocalSubnet": "172.16.0.0/12", "RemoteSubnet": "10.0.0.0/24"})["VpnConnectionId"]
    emu.complete_tasks()
    route = call(emu, "tea-v1", "CreateVpnRouteEntry", {"RegionId": REGION, "VpnGatewayId": gateway, "RouteDest": "10.0.0.0/24",
                                                        "NextHop": vco, "Weight": 100, "PublishVpc": True})
    assert (route["VpnInstanceId"], route["State"]) == (gateway, "published")
    call(emu, "tea-v3", "TagResources", {"RegionId": REGION, "ResourceType": "VpnGateWay", "ResourceId": [gateway],
                                         "Tag": [{"Key": "Created", "Value": "TF"}]})
    listed = call(emu, "tea-v3", "DescribeVpnGateways", {"RegionId": REGION, "Tag": [{"Key": "Created", "Value": "TF"}]})
    assert [g["VpnGatewayId"] for g in listed["VpnGateways"]["VpnGateway"]] == [gateway]
    assert tag_map(listed["VpnGateways"]["VpnGateway"][0]["Tags"]) == {"Created": "TF"}
