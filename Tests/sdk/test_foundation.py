"""Issue 2: the round trip through the official SDKs, in every client mode, and the protocol errors."""
import json
import socket

import pytest
from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_vpc20160428 import models as m
from aliyunsdkcore.acs_exception.exceptions import ServerException as CoreServerException
from aliyunsdkvpc.request.v20160428.DescribeVpnGatewayRequest import DescribeVpnGatewayRequest
from aliyunsdkvpc.request.v20160428.DescribeVpnGatewaysRequest import DescribeVpnGatewaysRequest

from emulator import (ACCOUNT_KEY, DENIED_KEY, GATEWAY, OTHER_ACCOUNT_GATEWAY, OTHER_ACCOUNT_KEY, READONLY_KEY,
                      REGION, SHANGHAI_GATEWAY, TRANSIT)

EXPECTED_TAG = '{"VpnEnableBgp":"false","VisuallySsl":"true","PbrPriority":"true","VpnNewImage":"true","VpnVersion":"v1.2.4"}'


def check_gateway_map(body):
    assert body["VpnGatewayId"] == GATEWAY
    assert body["Status"] == "active"
    assert body["SslVpn"] == "enable"
    assert body["SslMaxConnections"] == 5
    assert body["CreateTime"] == 1700000000000
    assert body["EndTime"] == 4102415999000
    assert body["EnableBgp"] is False
    assert body["Tag"] == EXPECTED_TAG
    assert body["Tags"] == {"Tag": [{"Key": "env", "Value": "test"}]}
    assert body["EniInstanceIds"] == {"EniInstanceId": []}
    assert "Code" not in body and "Message" not in body


@pytest.mark.parametrize("v1", [False, True], ids=["tea-v3", "tea-v1"])
def test_tea_sdk_describes_the_gateway(emu, v1):
    resp = emu.tea(v1=v1).describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY))
    assert resp.status_code == 200
    assert resp.body is not None, "the Tea model failed to parse the body"
    assert resp.body.vpn_gateway_id == GATEWAY
    assert resp.body.ssl_max_connections == 5
    assert resp.body.tags.tag[0].key == "env"
    check_gateway_map(resp.body.to_map())


def test_old_sdk_request_class(emu):
    req = DescribeVpnGatewayRequest()
    req.set_VpnGatewayId(GATEWAY)
    check_gateway_map(emu.core().call(req))


@pytest.mark.parametrize("method,form", [("GET", False), ("POST", True)], ids=["common-get", "common-form-post"])
def test_old_sdk_common_request(emu, method, form):
    body = emu.core().common("DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY}, method=method, form=form)
    check_gateway_map(body)


def test_old_sdk_xml_through_get_response(emu):
    req = DescribeVpnGatewayRequest()
    req.set_VpnGatewayId(GATEWAY)
    req.set_accept_format("XML")
    req.set_endpoint(emu.endpoint)
    req.set_protocol_type("http")
    status, headers, body, error = emu.core().client._implementation_of_do_action(req)
    assert status == 200
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?><DescribeVpnGatewayResponse><RequestId>')
    assert b"<VpnGatewayId>vpn-bp1default0000000001</VpnGatewayId>" in body
    assert b"<Tags><Tag><Key>env</Key><Value>test</Value></Tag></Tags>" in body


def test_describe_vpn_gateways_wrapper_paging_and_filters(emu):
    tea = emu.tea()
    resp = tea.describe_vpn_gateways(m.DescribeVpnGatewaysRequest(region_id=REGION, page_size=2))
    assert resp.body is not None
    assert resp.body.total_count >= 4
    assert len(resp.body.vpn_gateways.vpn_gateway) == 2
    second = tea.describe_vpn_gateways(m.DescribeVpnGatewaysRequest(region_id=REGION, page_size=2, page_number=2))
    assert {g.vpn_gateway_id for g in second.body.vpn_gateways.vpn_gateway}.isdisjoint(
        {g.vpn_gateway_id for g in resp.body.vpn_gateways.vpn_gateway})
    tagged = tea.describe_vpn_gateways(m.DescribeVpnGatewaysRequest(
        region_id=REGION, tag=[m.DescribeVpnGatewaysRequestTag(key="env", value="test")]))
    assert [g.vpn_gateway_id for g in tagged.body.vpn_gateways.vpn_gateway] == [GATEWAY]
    locked = tea.describe_vpn_gateways(m.DescribeVpnGatewaysRequest(region_id=REGION, business_status="financiallocked"))
    assert [g.business_status for g in locked.body.vpn_gateways.vpn_gateway] == ["FinancialLocked"]
    # Other accounts' and other regions' gateways are not listed.
    ids = {g.vpn_gateway_id for g in tea.describe_vpn_gateways(
        m.DescribeVpnGatewaysRequest(region_id=REGION, page_size=50)).body.vpn_gateways.vpn_gateway}
    assert OTHER_ACCOUNT_GATEWAY not in ids and SHANGHAI_GATEWAY not in ids
    empty = tea.describe_vpn_gateways(m.DescribeVpnGatewaysRequest(region_id=REGION, vpn_gateway_id="vpn-nothing"))
    assert empty.body.total_count == 0 and empty.body.vpn_gateways.vpn_gateway == []


def test_old_sdk_describe_vpn_gateways(emu):
    req = DescribeVpnGatewaysRequest()
    req.set_PageSize(50)
    body = emu.core().call(req)
    assert body["TotalCount"] == len(body["VpnGateways"]["VpnGateway"])


def test_describe_vpn_connection_transit(emu):
    resp = emu.tea().describe_vpn_connection(m.DescribeVpnConnectionRequest(region_id=REGION, vpn_connection_id=TRANSIT))
    assert resp.body is not None
    assert resp.body.attach_type == "CEN"
    assert resp.body.state == "attached"
    assert resp.body.status == "ipsec_sa_established"
    assert resp.body.vpn_bgp_config.enable_bgp == "false"
    assert resp.body.ike_config.ike_lifetime == 86400


# Negative cases -----------------------------------------------------------------------------

def tea_error(fn):
    with pytest.raises(tea_exceptions.ClientException) as info:
        fn()
    return info.value


@pytest.mark.parametrize("v1", [False, True], ids=["tea-v3", "tea-v1"])
def test_wrong_secret_is_signature_does_not_match(emu, v1):
    client = emu.tea(key=(ACCOUNT_KEY[0], "wrong-secret"), v1=v1)
    e = tea_error(lambda: client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY)))
    assert e.code == "SignatureDoesNotMatch"
    assert e.status_code == 400


def test_old_sdk_wrong_secret_becomes_invalid_access_key_secret(emu):
    req = DescribeVpnGatewayRequest()
    req.set_VpnGatewayId(GATEWAY)
    with pytest.raises(CoreServerException) as info:
        emu.core(key=(ACCOUNT_KEY[0], "wrong-secret")).call(req)
    # The colon in our message lets the old SDK compare string-to-sign and blame the secret.
    assert info.value.get_error_code() == "InvalidAccessKeySecret"


def test_unknown_key_is_not_found(emu):
    client = emu.tea(key=("LTAI5tNobody", "x"))
    with pytest.raises(tea_exceptions.ClientException) as info:
        client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY))
    assert info.value.code == "InvalidAccessKeyId.NotFound"
    assert info.value.status_code == 404
    req = DescribeVpnGatewayRequest()
    req.set_VpnGatewayId(GATEWAY)
    with pytest.raises(CoreServerException) as info:
        emu.core(key=("LTAI5tNobody", "x")).call(req)
    assert info.value.get_error_code() == "InvalidAccessKeyId.NotFound"


def raw_request(emu, data):
    with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as s:
        s.sendall(data)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks):
                head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
                length = [int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")]
                if length and len(rest) >= length[0]:
                    return head.decode(), rest[:length[0]]
    head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
    return head.decode(), rest


def test_replayed_nonce_is_refused(emu):
    """Send one signed old-SDK request twice, byte for byte."""
    from aliyunsdkcore.auth.algorithm import sha_hmac1
    import urllib.parse
    import uuid
    import datetime
    params = {"Action": "DescribeVpnGateway", "Version": "2016-04-28", "Format": "JSON", "RegionId": REGION,
              "VpnGatewayId": GATEWAY, "AccessKeyId": ACCOUNT_KEY[0], "SignatureMethod": "HMAC-SHA1",
              "SignatureVersion": "1.0", "SignatureNonce": uuid.uuid4().hex, "SignatureType": "",
              "Timestamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    canon = "&".join(f"{urllib.parse.quote(k, safe='~')}={urllib.parse.quote(v, safe='~')}" for k, v in sorted(params.items()))
    sts = "POST&%2F&" + urllib.parse.quote(canon, safe="~")
    params["Signature"] = sha_hmac1.get_sign_string(sts, ACCOUNT_KEY[1] + "&")
    target = "/?" + urllib.parse.urlencode(params)
    req = f"POST {target} HTTP/1.1\r\nHost: {emu.endpoint}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode()
    head1, body1 = raw_request(emu, req)
    assert head1.startswith("HTTP/1.1 200"), body1
    head2, body2 = raw_request(emu, req)
    assert head2.startswith("HTTP/1.1 400")
    assert json.loads(body2)["Code"] == "SignatureNonceUsed"
    assert "x-emulator-rule: auth.nonce.reused" in head2.lower()


def test_ram_user_read_only_can_read_but_not_write(emu):
    client = emu.tea(key=READONLY_KEY)
    ok = client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY))
    assert ok.body.vpn_gateway_id == GATEWAY
    with pytest.raises(tea_exceptions.ClientException) as info:
        client.create_vpn_route_entry(m.CreateVpnRouteEntryRequest(
            region_id=REGION, vpn_gateway_id=GATEWAY, route_dest="10.50.0.0/24", next_hop="vco-bp1default0000000001",
            weight=100, publish_vpc=False))
    assert info.value.code == "Forbbiden.SubUser"
    assert info.value.status_code == 403
    assert info.value.access_denied_detail["NoPermissionType"] == "ImplicitDeny"
    assert info.value.access_denied_detail["AuthPrincipalDisplayName"] == "readonly"


def test_ram_user_explicit_deny(emu):
    client = emu.tea(key=DENIED_KEY)
    with pytest.raises(tea_exceptions.ClientException) as info:
        client.create_vpn_route_entry(m.CreateVpnRouteEntryRequest(
            region_id=REGION, vpn_gateway_id=GATEWAY, route_dest="10.50.0.0/24", next_hop="vco-bp1default0000000001",
            weight=100, publish_vpc=False))
    assert info.value.code == "Forbidden"
    assert info.value.access_denied_detail["NoPermissionType"] == "ExplicitDeny"


def test_other_account_resources_are_invisible(emu):
    client = emu.tea(key=OTHER_ACCOUNT_KEY)
    e = tea_error(lambda: client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY)))
    assert e.code == "InvalidVpnGatewayInstanceId.NotFound" and e.status_code == 404
    mine = client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=OTHER_ACCOUNT_GATEWAY))
    assert mine.body.vpn_gateway_id == OTHER_ACCOUNT_GATEWAY


def test_region_scoping_and_unknown_region(emu):
    client = emu.tea()
    e = tea_error(lambda: client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=SHANGHAI_GATEWAY)))
    assert e.code == "InvalidVpnGatewayInstanceId.NotFound"
    ok = client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id="cn-shanghai", vpn_gateway_id=SHANGHAI_GATEWAY))
    assert ok.body.vpn_gateway_id == SHANGHAI_GATEWAY
    e = tea_error(lambda: client.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id="eu-nowhere-1", vpn_gateway_id=GATEWAY)))
    assert e.code == "InvalidRegionId.NotFound"


def test_missing_region_id_on_tea(emu):
    e = tea_error(lambda: emu.tea().describe_vpn_gateway(m.DescribeVpnGatewayRequest(vpn_gateway_id=GATEWAY)))
    assert e.code == "MissingRegionId"
    assert "RegionId is mandatory for this action." in e.message


def test_invalid_parameter_boolean(emu):
    body = None
    with pytest.raises(CoreServerException) as info:
        emu.core().common("DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": GATEWAY, "IncludeReservationData": "yes"})
    assert info.value.get_error_code() == "InvalidParameter"
    assert info.value.get_error_msg() == 'The specified parameter "IncludeReservationData" is not valid.'
    assert body is None


def test_unknown_action_and_bad_version(emu):
    with pytest.raises(CoreServerException) as info:
        emu.core().common("DescribeEverything", {"RegionId": REGION})
    assert info.value.get_error_code() == "InvalidAction.NotFound"
    assert info.value.get_http_status() == 404
    from aliyunsdkcore.request import CommonRequest
    req = CommonRequest(domain=emu.endpoint, version="2014-05-26", action_name="DescribeVpnGateway")
    req.set_protocol_type("http")
    req.add_query_param("VpnGatewayId", GATEWAY)
    with pytest.raises(CoreServerException) as info:
        emu.core().client.do_action_with_exception(req)
    assert info.value.get_error_code() == "InvalidVersion"


def test_hostile_bytes_leave_the_server_answering(emu):
    import random
    rnd = random.Random(7)
    for size in (1000, 20_000):
        with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as s:
            s.sendall(bytes(rnd.getrandbits(8) for _ in range(size)))
            try:
                s.recv(4096)
            except OSError:
                pass
    head, body = raw_request(emu, f"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {2 * 1024 * 1024}\r\n\r\n".encode())
    assert head.startswith("HTTP/1.1 413")
    assert json.loads(body)["Code"] == "RequestEntityTooLarge"
    head, body = raw_request(emu, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n")
    assert head.startswith("HTTP/1.1 431")
    resp = emu.tea().describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY))
    assert resp.body.vpn_gateway_id == GATEWAY
