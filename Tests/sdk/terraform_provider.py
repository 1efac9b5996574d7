"""What terraform-provider-alicloud does around each call, as small bounded helpers (issue 12).

Read from the provider's source (aliyun/terraform-provider-alicloud, `alicloud/`, snapshot of
2026-08-21; summarised in ../shared/research/terraform-vpn.md):

- retries (`resource.Retry` + `IsExpectedErrors` / `NeedRetry`, errors.go): per resource a list
  of codes, plus throttling, `ServiceUnavailable` and 5xx answers;
- waits (`BuildStateConf`, common.go) always pass an empty Pending list: any other state keeps
  the wait going until its target, a missing resource ends a delete-wait (empty Target) and is
  tolerated 20 times by a create-wait;
- reads: "gone" is the resource's not-found code (or HTTP 404 for the Tea SDK), or no match in
  a list read.

The provider's delays (5 to 20 s before the first poll, 3 s between polls, 5 to 15 min
timeouts) are scaled down here to `Pace.interval` between tries and `Pace.timeout` in all;
every loop is bounded by both a deadline and a number of tries.

`SdkClient` hides which Python client sends the calls: the Tea SDK with V3 signatures
(`tea-v3`), the Tea SDK with V1 signatures (`tea-v1`, `signature_algorithm = "v2"`), or the
old SDK's request classes (`core`, aliyunsdkvpc). The Tea modes call the typed client method of
each action, so the SDK's response model must parse every answer; `call` returns the model's
`to_map()`, which keeps only the fields the model knows.
"""
import time
import uuid

from emulator import REGION
from resource_clients import MODES, ApiError, core_call, tea_call

# Codes each resource retries besides NeedRetry (alicloud/resource_alicloud_vpn_*.go).
RETRY_ROUTE = ("VpnGateway.Configuring", "TaskConflict", "Appliance.Configuring", "VpnTask.CONFLICT",
               "VpnConnection.Configuring")
RETRY_ROUTE_DELETE = RETRY_ROUTE + ("VpnRouteEntry.Configuring",)
RETRY_CONNECTION = ("Appliance.Configuring", "VpnGateway.Configuring", "VpnTask.CONFLICT", "VpnConnection.Configuring")
RETRY_CUSTOMER_GATEWAY_CREATE = ("OperationConflict",)
RETRY_CUSTOMER_GATEWAY_DELETE = ("VpnGateway.Configuring",)
RETRY_GATEWAY_CREATE = ("OperationFailed.SslNotSupport",)
RETRY_GATEWAY_DELETE = ("VpnGateway.Configuring",)

# Codes a delete treats as "already gone" (success).
GONE_ROUTE_DELETE = ("InvalidRouteEntry.NotFound",)
GONE_CUSTOMER_GATEWAY_DELETE = ("InvalidCustomerGatewayInstanceId.NotFound",)
GONE_GATEWAY_DELETE = ("INSTANCE_NOT_EXISTS", "IncorrectStatus.VpnGateway", "InvalidVpnGatewayId.NotFound",
                       "InvalidRegionId.NotFound")

# Not-found codes of the reads (service_alicloud_vpn_gateway_v2.go).
NOT_FOUND_GATEWAY = "InvalidVpnGatewayInstanceId.NotFound"
NOT_FOUND_CONNECTION = "InvalidVpnConnectionInstanceId.NotFound"
NOT_FOUND_CUSTOMER_GATEWAY = "InvalidCustomerGatewayInstanceId.NotFound"

PAGE_SIZE_ROUTES = 20     # PageSizeMedium: DescribeVpnRouteEntry
PAGE_SIZE_DATA = 50       # PageSizeLarge: the data sources
CREATE_WAIT_NOT_FOUND_CHECKS = 20   # resource.StateChangeConf.NotFoundChecks
MAX_PAGES = 20


def need_retry(e):
    """errors.go NeedRetry for a server answer: throttling, ServiceUnavailable, a 5xx."""
    return (e.code in ("ServiceUnavailable", "Rejected.Throttling") or "Throttling" in e.code
            or (e.status or 0) >= 500)


def client_token(action):
    """buildClientToken (common.go): unique per call."""
    return f"TF-{action}-{uuid.uuid4().hex[:24]}"


class SdkClient:
    """One Python client against the emulator: `call(action, params) -> body dict`, or ApiError."""

    MODES = MODES

    def __init__(self, emu, mode):
        assert mode in self.MODES
        self.emu, self.mode = emu, mode
        self.calls = []
        self.tea = emu.tea(v1=mode == "tea-v1") if mode != "core" else None
        self.core = emu.core() if mode == "core" else None

    def call(self, action, params):
        self.calls.append(action)
        if self.mode == "core":
            return core_call(self.core, action, params)
        return tea_call(self.tea, action, params)


class Pace:
    """How time passes between tries: real sleeps (a short --task-duration), or
    POST /_emulator/tasks/complete (the default duration)."""

    def __init__(self, emu, complete_tasks=False, interval=0.05, timeout=30.0, max_tries=600):
        self.emu, self.complete_tasks = emu, complete_tasks
        self.interval, self.timeout, self.max_tries = interval, timeout, max_tries
        self.tasks_completed = 0

    def pause(self):
        if self.complete_tasks:
            self.tasks_completed += self.emu.complete_tasks()
        else:
            time.sleep(self.interval)


def provider_retry(pace, what, attempt, retry_codes=(), gone_codes=()):
    """resource.Retry around one call: retry on `retry_codes` and NeedRetry, a code in
    `gone_codes` ends it as success (returns None). Returns (result, codes retried)."""
    deadline = time.monotonic() + pace.timeout
    retried = []
    for _ in range(pace.max_tries):
        try:
            return attempt(), retried
        except ApiError as e:
            assert e.code, f"{what}: an error answer with an empty Code matches every expected-code list: {e}"
            if e.code in gone_codes:
                return None, retried + [e.code]
            if e.code not in retry_codes and not need_retry(e):
                raise
            retried.append(e.code)
            if time.monotonic() > deadline:
                raise AssertionError(f"{what}: still {e.code} after {len(retried)} tries ({pace.timeout} s)") from e
            pace.pause()
    raise AssertionError(f"{what}: still failing after {pace.max_tries} tries: {retried[-3:]}")


def read(pace, what, attempt):
    """A read: retried only on NeedRetry."""
    return provider_retry(pace, what, attempt)[0]


def wait_for(pace, what, refresh, targets):
    """StateChangeConf with an empty Pending list. `refresh()` returns (object, state), or
    (None, "") when the resource is gone. Empty `targets`: wait until gone (delete). Otherwise
    wait until the state is one of `targets`; gone is tolerated CREATE_WAIT_NOT_FOUND_CHECKS
    times. Returns (object, states observed in order)."""
    deadline = time.monotonic() + pace.timeout
    observed, not_found = [], 0
    for _ in range(pace.max_tries):
        obj, state = refresh()
        if obj is None:
            observed.append(None)
            if not targets:
                return None, observed
            not_found += 1
            assert not_found <= CREATE_WAIT_NOT_FOUND_CHECKS, f"{what}: not found {not_found} times"
        else:
            assert isinstance(state, str) and state, f"{what}: the state must be a non-empty string, got {state!r}"
            observed.append(state)
            if state in targets:
                return obj, observed
        assert time.monotonic() <= deadline, f"{what}: no {targets or 'gone'} within {pace.timeout} s; saw {observed[-5:]}"
        pace.pause()
    raise AssertionError(f"{what}: no {targets or 'gone'} after {pace.max_tries} polls; saw {observed[-5:]}")


# Reads as the provider's service layer makes them ---------------------------------------------

def describe_or_none(pace, client, action, params, not_found_code):
    """DescribeVpnGateway / DescribeVpnConnection / DescribeCustomerGateway: None when the
    answer is the resource's not-found code."""
    try:
        return read(pace, action, lambda: client.call(action, params))
    except ApiError as e:
        if e.code == not_found_code:
            return None
        raise


def gateway_refresh(pace, client, gateway_id):
    obj = describe_or_none(pace, client, "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway_id},
                           NOT_FOUND_GATEWAY)
    return (obj, obj["Status"]) if obj else (None, "")


def connection_refresh(pace, client, connection_id):
    obj = describe_or_none(pace, client, "DescribeVpnConnection",
                           {"RegionId": REGION, "VpnConnectionId": connection_id}, NOT_FOUND_CONNECTION)
    return (obj, obj["State"]) if obj else (None, "")


def find_route(pace, client, gateway_id, next_hop, route_dest):
    """VpcService.DescribeVpnRouteEntry: pages of 20 until a short page, matched on NextHop and
    RouteDest; None when nothing matches (or the gateway answers 404)."""
    page = 1
    for _ in range(MAX_PAGES):
        params = {"RegionId": REGION, "VpnGatewayId": gateway_id, "PageNumber": page, "PageSize": PAGE_SIZE_ROUTES}
        try:
            body = read(pace, "DescribeVpnRouteEntries", lambda: client.call("DescribeVpnRouteEntries", params))
        except ApiError as e:
            if e.status == 404:
                return None
            raise
        entries = body["VpnRouteEntries"]["VpnRouteEntry"]
        assert isinstance(entries, list)
        for entry in entries:
            if entry["NextHop"] == next_hop and entry["RouteDest"] == route_dest:
                return entry
        if len(entries) < PAGE_SIZE_ROUTES:
            return None
        page += 1
    raise AssertionError(f"DescribeVpnRouteEntries: more than {MAX_PAGES} pages")


def route_refresh(pace, client, gateway_id, next_hop, route_dest):
    entry = find_route(pace, client, gateway_id, next_hop, route_dest)
    return (entry, entry["State"]) if entry else (None, "")


def list_pages(pace, client, action, params, wrapper, item, page_size=PAGE_SIZE_DATA):
    """A data source's list read: pages of `page_size` until a short page; all items."""
    items, page = [], 1
    for _ in range(MAX_PAGES):
        body = read(pace, action, lambda: client.call(action, {**params, "PageNumber": page, "PageSize": page_size}))
        assert body["PageNumber"] == page and body["PageSize"] == page_size, body
        chunk = body[wrapper][item]
        assert isinstance(chunk, list), f"{action}: {wrapper}.{item} must be a list"
        items += chunk
        if len(chunk) < page_size:
            assert body["TotalCount"] == len(items), f"{action}: TotalCount {body['TotalCount']} for {len(items)} items"
            return items
        page += 1
    raise AssertionError(f"{action}: more than {MAX_PAGES} pages")


def list_tag_resources(pace, client, resource_type, resource_ids):
    """ListTagResources over NextToken pages: [(ResourceId, ResourceType, TagKey, TagValue)]."""
    found, token = [], None
    for _ in range(MAX_PAGES):
        params = {"RegionId": REGION, "ResourceType": resource_type, "ResourceId": list(resource_ids)}
        if token:
            params["NextToken"] = token
        body = read(pace, "ListTagResources", lambda: client.call("ListTagResources", params))
        for t in body["TagResources"]["TagResource"]:
            found.append((t["ResourceId"], t["ResourceType"], t["TagKey"], t["TagValue"]))
        token = body.get("NextToken")
        if not token:
            return found
    raise AssertionError(f"ListTagResources: more than {MAX_PAGES} pages")


def tag_map(tags):
    """[{Key, Value}] (the Tags.Tag lists) -> {Key: Value}; every key and value a string."""
    assert isinstance(tags, list), tags
    out = {}
    for t in tags:
        assert isinstance(t["Key"], str) and isinstance(t["Value"], str), t
        out[t["Key"]] = t["Value"]
    assert len(out) == len(tags), f"duplicate tag keys: {tags}"
    return out


def as_text(value):
    """Text of a scalar the SDK models type loosely (numbers and booleans also as strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
