"""Customer gateways through the official SDKs (API.md §13.13–§13.17): Tea V3, Tea V1 and the old
SDK, each through its typed request and client method, so the SDK models parse every answer."""
import pytest

from emulator import OTHER_ACCOUNT_KEY, READONLY_KEY, REGION
from resource_clients import MODES, call, customer_gateway, error, tag_map, tunnels
from test_vpn_routes import pending_tasks, snapshot

DUAL_GATEWAY = "vpn-bp1dualtunnel000001"


@pytest.mark.parametrize("mode", MODES)
def test_create_describe_list_modify_delete(emu, mode):
    created = call(emu, mode, "CreateCustomerGateway", {
        "RegionId": REGION, "IpAddress": "2.2.2.5", "Name": "terraform-example", "Description": "defaultCustomerGateway",
        "Asn": "2224", "AuthKey": "k3y", "Tags": [{"Key": "Owner", "Value": "dc"}], "ClientToken": f"cgw-{mode}"})
    cgw = created["CustomerGatewayId"]
    assert cgw.startswith("cgw-") and len(cgw) == 25
    assert (created["IpAddress"], created["Name"], created["Description"]) == ("2.2.2.5", "terraform-example", "defaultCustomerGateway")
    assert isinstance(created["CreateTime"], int) and created["CreateTime"] > 0
    assert pending_tasks(emu) == [], "synchronous"

    got = call(emu, mode, "DescribeCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": cgw})
    assert {k: got[k] for k in ("CustomerGatewayId", "IpAddress", "Name", "Description", "Asn", "AuthKey", "CreateTime")} == {
        "CustomerGatewayId": cgw, "IpAddress": "2.2.2.5", "Name": "terraform-example", "Description": "defaultCustomerGateway",
        "Asn": 2224, "AuthKey": "k3y", "CreateTime": created["CreateTime"]}
    assert tag_map(got["Tags"]) == {"Owner": "dc"}

    second = customer_gateway(emu, mode, "2.2.2.6")
    assert "Asn" not in call(emu, mode, "DescribeCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": second})
    page = call(emu, mode, "DescribeCustomerGateways", {"RegionId": REGION, "PageSize": 1, "PageNumber": 2})
    assert (page["TotalCount"], page["PageNumber"], page["PageSize"]) == (2, 2, 1)
    assert [g["CustomerGatewayId"] for g in page["CustomerGateways"]["CustomerGateway"]] == [second]
    by_tag = call(emu, mode, "DescribeCustomerGateways", {"RegionId": REGION, "Tag": [{"Key": "Owner", "Value": "dc"}]})
    assert [g["CustomerGatewayId"] for g in by_tag["CustomerGateways"]["CustomerGateway"]] == [cgw]

    modified = call(emu, mode, "ModifyCustomerGatewayAttribute", {"RegionId": REGION, "CustomerGatewayId": cgw, "Description": "changed"})
    assert (modified["CustomerGatewayId"], modified["Name"], modified["Description"]) == (cgw, "terraform-example", "changed")

    call(emu, mode, "DeleteCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": cgw})
    gone = error(emu, mode, "DescribeCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": cgw})
    assert (gone.code, gone.status) == ("InvalidCustomerGatewayInstanceId.NotFound", 404)
    listed = call(emu, mode, "DescribeCustomerGateways", {"RegionId": REGION, "CustomerGatewayId": cgw})
    assert listed["TotalCount"] == 0 and listed["CustomerGateways"]["CustomerGateway"] == []


def test_a_client_token_replay_answers_the_same_customer_gateway(emu):
    params = {"RegionId": REGION, "IpAddress": "2.2.2.5", "ClientToken": "replay-1"}
    first = call(emu, "tea-v3", "CreateCustomerGateway", params)
    again = call(emu, "core", "CreateCustomerGateway", params)
    assert again["CustomerGatewayId"] == first["CustomerGatewayId"]
    assert call(emu, "tea-v3", "DescribeCustomerGateways", {"RegionId": REGION})["TotalCount"] == 1
    e = error(emu, "tea-v3", "CreateCustomerGateway", {**params, "IpAddress": "2.2.2.6"})
    assert e.code == "IdempotenceParamNotMatch"


@pytest.mark.parametrize("params,code,status,message", [
    ({"IpAddress": "127.0.0.1"}, "InvalidIpAddress.WrongFormat", 400, "Specified IpAddress is invalid."),
    ({"IpAddress": "100.64.1.1"}, "InvalidIpAddress.WrongFormat", 400, "Specified IpAddress is invalid."),
    ({"IpAddress": "2.2.2.5", "Name": "https://gw"}, "InvalidName", 400, "The name is not valid"),
    ({"IpAddress": "2.2.2.5", "Description": "d" * 101}, "InvalidDescription", 400, "The description is not valid"),
    ({"IpAddress": "2.2.2.5", "Asn": "45104"}, "InvalidParameter", 400, 'The specified parameter "Asn" is not valid.'),
    ({"IpAddress": "2.2.2.5", "Tags": [{"Key": "aliyun:x", "Value": "v"}]}, "InvalidParameter", 400,
     'The specified parameter "Tags.1.Key" is not valid.'),
    ({}, "MissingIpAddress", 400, "IpAddress is mandatory for this action."),
])
def test_create_refusals(emu, params, code, status, message):
    before = snapshot(emu)
    e = error(emu, "tea-v3", "CreateCustomerGateway", {"RegionId": REGION, **params})
    assert (e.code, e.status, e.message) == (code, status, message)
    assert snapshot(emu) == before


def test_one_address_per_account_and_region(emu):
    customer_gateway(emu, "tea-v3", "2.2.2.5")
    e = error(emu, "core", "CreateCustomerGateway", {"RegionId": REGION, "IpAddress": "2.2.2.5"})
    assert (e.code, e.status, e.message) == ("InvalidIpAddress.AlreadyExist", 400, "Specified IpAddress is already exist.")
    other = call(emu, "tea-v3", "CreateCustomerGateway", {"RegionId": REGION, "IpAddress": "2.2.2.5"}, key=OTHER_ACCOUNT_KEY)
    assert other["CustomerGatewayId"]
    e = error(emu, "tea-v3", "DescribeCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": other["CustomerGatewayId"]})
    assert (e.code, e.status) == ("InvalidCustomerGatewayInstanceId.NotFound", 404)


def test_a_customer_gateway_in_use_is_not_deleted(emu):
    cgw = customer_gateway(emu, "tea-v3", "2.2.2.5")
    call(emu, "tea-v3", "CreateVpnConnection", {"RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY, "LocalSubnet": "3.0.0.0/24",
                                                "RemoteSubnet": "10.0.0.0/24", "TunnelOptionsSpecification": tunnels(cgw, cgw)})
    for mode in MODES:
        e = error(emu, mode, "DeleteCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": cgw})
        assert (e.code, e.status, e.message) == ("DependencyViolation.VpnConnection", 400,
                                                 "There are vpn connections on specified customer gateway not deleted.")


def test_ram(emu):
    e = error(emu, "tea-v3", "CreateCustomerGateway", {"RegionId": REGION, "IpAddress": "2.2.2.5"}, key=READONLY_KEY)
    assert (e.code, e.status) == ("Forbbiden.SubUser", 403)
    assert call(emu, "tea-v3", "DescribeCustomerGateways", {"RegionId": REGION}, key=READONLY_KEY)["TotalCount"] == 0
