"""The three Python clients behind one call, for the resource operations (API.md §13.13–§13.27).

`call(mode, action, params)` sends `action` through the Tea SDK with V3 signatures (`tea-v3`), the
Tea SDK with V1 signatures (`tea-v1`) or the old SDK's request class (`core`), always through the
typed request and client method, so the SDK's own models must accept and parse every answer.
Returns the body as a dict (for Tea, the response model's `to_map()`: only the keys the model
knows survive, which is how a missing key or a wrong nesting shows). Errors raise `ApiError`.
Lists are given as Python lists: `Tags`/`Tag` as [{"Key", "Value"}], `ResourceId`/`TagKey` as
[str], `TunnelOptionsSpecification` as [{...}] with the nested Tunnel*Config dicts.
"""
import importlib
import re

from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_vpc20160428 import models as m

from emulator import ACCOUNT_KEY, REGION

MODES = ("tea-v3", "tea-v1", "core")


class ApiError(Exception):
    def __init__(self, action, code, status, message):
        super().__init__(f"{action}: HTTP {status} {code}: {message}")
        self.action, self.code, self.status, self.message = action, code, status, message


def snake(action):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()


def call(emu, mode, action, params, key=ACCOUNT_KEY):
    if mode == "core":
        return core_call(emu.core(key=key), action, params)
    return tea_call(emu.tea(key=key, v1=mode == "tea-v1"), action, params)


def tea_call(client, action, params):
    """`action` through the Tea client's typed method; the response model must parse the answer."""
    request = getattr(m, action + "Request")().from_map(dict(params))
    try:
        resp = getattr(client, snake(action))(request)
    except tea_exceptions.ClientException as e:
        data = e.data if isinstance(e.data, dict) else {}
        raise ApiError(action, e.code, e.status_code, data.get("Message", e.message)) from None
    assert resp.status_code == 200, f"{action}: HTTP {resp.status_code}"
    assert isinstance(resp.body, getattr(m, action + "ResponseBody")), f"{action}: the Tea model did not parse {resp.body!r}"
    body = resp.body.to_map()
    assert isinstance(body.get("RequestId"), str) and body["RequestId"], f"{action}: no RequestId"
    return body


def core_call(client, action, params):
    """`action` through the old SDK's request class (aliyunsdkvpc); RegionId comes from the client."""
    from aliyunsdkcore.acs_exception.exceptions import ServerException
    module = importlib.import_module(f"aliyunsdkvpc.request.v20160428.{action}Request")
    request = getattr(module, action + "Request")()
    for name, value in params.items():
        if name == "RegionId":
            assert value == REGION, "the old SDK sends its client's region"
            continue
        setter = getattr(request, f"set_{name}s", None) if isinstance(value, list) else None
        (setter or getattr(request, "set_" + name))(value)
    try:
        body = client.call(request)
    except ServerException as e:
        raise ApiError(action, e.get_error_code(), e.get_http_status(), e.get_error_msg()) from None
    assert isinstance(body.get("RequestId"), str) and body["RequestId"], f"{action}: no RequestId"
    assert "Code" not in body and "Message" not in body, f"{action}: a success body with Code/Message: {body}"
    return body


def error(emu, mode, action, params, key=ACCOUNT_KEY):
    """The ApiError a call must raise."""
    try:
        body = call(emu, mode, action, params, key=key)
    except ApiError as e:
        assert e.code, "an error answer always has a Code"
        return e
    raise AssertionError(f"{action} succeeded: {body}")


def tag_map(tags):
    """{"Tag": [{"Key", "Value"}]} -> {Key: Value}."""
    return {t["Key"]: t["Value"] for t in (tags or {}).get("Tag", [])}


def customer_gateway(emu, mode, ip, **extra):
    return call(emu, mode, "CreateCustomerGateway", {"RegionId": REGION, "IpAddress": ip, **extra})["CustomerGatewayId"]


def tunnels(master, slave, **common):
    """The two TunnelOptionsSpecification elements of a dual-tunnel CreateVpnConnection."""
    return [{"CustomerGatewayId": master, "Role": "master", **common}, {"CustomerGatewayId": slave, "Role": "slave", **common}]
