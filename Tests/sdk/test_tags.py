"""TagResources, UnTagResources and ListTagResources through the official SDKs (API.md §4.13,
§13.25–§13.27) on VPN gateways, IPsec connections and customer gateways, ResourceType as
Terraform sends it (`VpnGateWay`, `VPNCONNECTION`, `CUSTOMERGATEWAY`)."""
import pytest

from emulator import GATEWAY, GATEWAY_CONNECTION, OTHER_ACCOUNT_GATEWAY, REGION
from resource_clients import MODES, call, customer_gateway, error, tag_map
from test_vpn_routes import snapshot

DUAL_GATEWAY = "vpn-bp1dualtunnel000001"


def rows(body):
    return [(t["ResourceId"], t["ResourceType"], t["TagKey"], t["TagValue"]) for t in body["TagResources"]["TagResource"]]


def list_all(emu, mode, resource_type, ids=(), tags=None, page=50):
    found, token = [], None
    for _ in range(20):
        params = {"RegionId": REGION, "ResourceType": resource_type, "MaxResults": page}
        if ids:
            params["ResourceId"] = list(ids)
        if tags:
            params["Tag"] = tags
        if token:
            params["NextToken"] = token
        body = call(emu, mode, "ListTagResources", params)
        found += rows(body)
        token = body.get("NextToken")
        if not token:
            return found
    raise AssertionError("more than 20 pages")


@pytest.mark.parametrize("mode", MODES)
def test_tag_list_untag_the_three_types(emu, mode):
    cgw = customer_gateway(emu, mode, "2.2.2.5")
    for resource_type, rid in (("VpnGateWay", GATEWAY), ("VPNCONNECTION", GATEWAY_CONNECTION), ("CUSTOMERGATEWAY", cgw)):
        call(emu, mode, "TagResources", {"RegionId": REGION, "ResourceType": resource_type, "ResourceId": [rid],
                                         "Tag": [{"Key": "Created", "Value": "TF"}, {"Key": "Stage", "Value": ""}]})
        got = list_all(emu, mode, resource_type, ids=[rid])
        assert {(r[0], r[2], r[3]) for r in got} >= {(rid, "Created", "TF"), (rid, "Stage", "")}
        assert {r[1] for r in got} == {resource_type}, "echoed as sent"
        call(emu, mode, "UnTagResources", {"RegionId": REGION, "ResourceType": resource_type.lower(), "ResourceId": [rid],
                                           "TagKey": ["Stage"]})
        assert (rid, "Stage", "") not in {(r[0], r[2], r[3]) for r in list_all(emu, mode, resource_type, ids=[rid])}
    gateway = call(emu, mode, "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY})
    assert tag_map(gateway["Tags"]) == {"env": "test", "Created": "TF"}
    connection = call(emu, mode, "DescribeVpnConnection", {"RegionId": REGION, "VpnConnectionId": GATEWAY_CONNECTION})
    assert tag_map(connection["Tags"]) == {"Created": "TF"}
    item = call(emu, mode, "DescribeVpnConnections", {"RegionId": REGION, "VpnConnectionId": GATEWAY_CONNECTION})
    assert tag_map(item["VpnConnections"]["VpnConnection"][0]["Tag"]) == {"Created": "TF"}
    assert tag_map(call(emu, mode, "DescribeCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": cgw})["Tags"]) == {"Created": "TF"}
    call(emu, mode, "UnTagResources", {"RegionId": REGION, "ResourceType": "VPNGATEWAY", "ResourceId": [GATEWAY], "All": True})
    assert tag_map(call(emu, mode, "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY})["Tags"]) == {}


@pytest.mark.parametrize("mode", MODES)
def test_next_token_pages(emu, mode):
    call(emu, mode, "TagResources", {"RegionId": REGION, "ResourceType": "VPNGATEWAY", "ResourceId": [GATEWAY, DUAL_GATEWAY],
                                     "Tag": [{"Key": f"k{i}", "Value": f"v{i}"} for i in range(5)]})
    paged = list_all(emu, mode, "VPNGATEWAY", ids=[GATEWAY, DUAL_GATEWAY], page=3)
    whole = list_all(emu, mode, "VPNGATEWAY", ids=[GATEWAY, DUAL_GATEWAY])
    assert paged == whole and len(whole) == 11 and len(set(whole)) == 11
    by_tag = list_all(emu, mode, "VPNGATEWAY", tags=[{"Key": "env"}])
    assert {r[0] for r in by_tag} == {GATEWAY} and len(by_tag) == 6


@pytest.mark.parametrize("params,code,status", [
    ({"ResourceType": "VPC", "ResourceId": ["vpc-bp1default0000000001"], "Tag": [{"Key": "k", "Value": "v"}]},
     "InvalidResourceType.NotFound", 400),
    ({"ResourceType": "VPNGATEWAY", "ResourceId": [GATEWAY, OTHER_ACCOUNT_GATEWAY], "Tag": [{"Key": "k", "Value": "v"}]},
     "InvalidResourceId.NotFound", 404),
    ({"ResourceType": "VPNGATEWAY", "ResourceId": [GATEWAY], "Tag": [{"Key": f"k{i}", "Value": ""} for i in range(20)]},
     "SizeLimitExceeded.TagNum", 400),
    ({"ResourceType": "VPNGATEWAY", "ResourceId": [GATEWAY], "Tag": [{"Key": "acs:x", "Value": "v"}]}, "InvalidParameter", 400),
    ({"ResourceType": "VPNGATEWAY", "Tag": [{"Key": "k", "Value": "v"}]}, "MissingResourceId", 400),
])
def test_tag_refusals_change_nothing(emu, params, code, status):
    before = snapshot(emu)
    for mode in MODES:
        e = error(emu, mode, "TagResources", {"RegionId": REGION, **params})
        assert (e.code, e.status) == (code, status), mode
    assert snapshot(emu) == before


def test_list_needs_ids_or_tags(emu):
    e = error(emu, "tea-v3", "ListTagResources", {"RegionId": REGION, "ResourceType": "VPNGATEWAY"})
    assert (e.code, e.message) == ("InvalidParameter", 'The specified parameter "ResourceId" is not valid.')
