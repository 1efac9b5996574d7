"""Terraform's own example end to end, through every Python client (issue 12, "Done when").

The official example of `alicloud_vpn_route_entry` (terraform-provider-alicloud,
website/docs/r/vpn_route_entry.html.markdown) reads a gateway with the `alicloud_vpn_gateways`
data source, creates two customer gateways, a dual-tunnel `alicloud_vpn_connection` with tags
and the route; an update publishes the route and changes its weight; `terraform destroy`
removes everything in reverse order. Each call below is made with the parameters the provider
sends, retried on the codes it retries, and followed by the wait and the read it makes
(terraform_provider.py). The same again for a gateway the configuration creates itself
(`alicloud_vpn_gateway`, CreateVpnGateway, waited to `active`, tagged, destroyed last).

Clients: the Tea SDK with V3 and with V1 signatures, and the old SDK's request classes. Every
emulator here is fresh, started with --task-duration 300 so each wait sees real intermediate
states and ends by itself; one test runs with the default duration and ends tasks through
POST /_emulator/tasks/complete, which makes the intermediate states certain.
"""
import pytest

from emulator import DUAL_GATEWAY, REGION, Emulator
from terraform_provider import (GONE_CUSTOMER_GATEWAY_DELETE, GONE_GATEWAY_DELETE, GONE_ROUTE_DELETE,
                                NOT_FOUND_CUSTOMER_GATEWAY, RETRY_CONNECTION, RETRY_CUSTOMER_GATEWAY_CREATE,
                                RETRY_CUSTOMER_GATEWAY_DELETE, RETRY_GATEWAY_CREATE, RETRY_GATEWAY_DELETE, RETRY_ROUTE,
                                RETRY_ROUTE_DELETE, ApiError, Pace, SdkClient, as_text, client_token,
                                connection_refresh, describe_or_none, find_route, gateway_refresh, list_pages,
                                list_tag_resources, provider_retry, read, route_refresh, tag_map, wait_for)

DEFAULT_VPC = "vpc-bp1default0000000001"
VSWITCH_1 = "vsw-bp1default000000001"
VSWITCH_2 = "vsw-bp1default000000002"
FIXTURE_GATEWAYS_IN_VPC = {"vpn-bp1default0000000001", DUAL_GATEWAY, "vpn-bp1locked0000000001"}

# The official example's values.
NAME = "terraform-example"
CUSTOMER_GATEWAYS = [
    {"IpAddress": "2.2.2.5", "Asn": "2224", "Description": "defaultCustomerGateway", "Name": NAME},
    {"IpAddress": "2.2.2.6", "Asn": "2225", "Description": "changeCustomerGateway", "Name": NAME},
]
CONNECTION_TAGS = {"Created": "TF", "For": "example"}
LOCAL_SUBNETS = ["3.0.0.0/24"]
REMOTE_SUBNETS = ["10.0.0.0/24", "10.0.1.0/24"]
ROUTE_DEST = "10.0.0.0/24"


def tunnels(master_cgw, slave_cgw):
    """The example's two tunnel_options_specification blocks, as the provider sends them: every
    tunnel carries EnableDpd/EnableNatTraversal (false when the block leaves them unset)."""
    return [
        {"CustomerGatewayId": master_cgw, "EnableDpd": False, "EnableNatTraversal": False, "Role": "master",
         "TunnelBgpConfig": {"LocalAsn": "1219002", "TunnelCidr": "169.254.30.0/30", "LocalBgpIp": "169.254.30.1"},
         "TunnelIkeConfig": {"IkeAuthAlg": "md5", "IkeEncAlg": "aes256", "IkeLifetime": 3600, "IkeMode": "aggressive",
                             "IkePfs": "group14", "IkeVersion": "ikev2", "LocalId": "localid_tunnel2",
                             "Psk": "12345678", "RemoteId": "remote2"},
         "TunnelIpsecConfig": {"IpsecAuthAlg": "md5", "IpsecEncAlg": "aes256", "IpsecLifetime": 16400,
                               "IpsecPfs": "group5"}},
        {"CustomerGatewayId": slave_cgw, "EnableDpd": False, "EnableNatTraversal": False, "Role": "slave",
         "TunnelBgpConfig": {"LocalAsn": "1219002", "TunnelCidr": "169.254.40.0/30", "LocalBgpIp": "169.254.40.1"},
         "TunnelIkeConfig": {"IkeAuthAlg": "md5", "IkeEncAlg": "aes256", "IkeLifetime": 27000, "IkeMode": "aggressive",
                             "IkePfs": "group5", "IkeVersion": "ikev2", "LocalId": "localid_tunnel2",
                             "Psk": "12345678", "RemoteId": "remote24"},
         "TunnelIpsecConfig": {"IpsecAuthAlg": "md5", "IpsecEncAlg": "aes256", "IpsecLifetime": 2700,
                               "IpsecPfs": "group14"}},
    ]


class Run:
    """One `terraform apply` + update + `terraform destroy` through one client."""

    def __init__(self, emu, mode, pace, transitions):
        self.emu, self.pace = emu, pace
        self.client = SdkClient(emu, mode)
        # With the default task duration and tasks/complete, intermediate states are certain.
        self.transitions = transitions

    def call(self, action, params):
        return self.client.call(action, params)

    def retry(self, what, attempt, retry_codes=(), gone_codes=()):
        return provider_retry(self.pace, what, attempt, retry_codes, gone_codes)

    # data "alicloud_vpn_gateways" ----------------------------------------------------------------
    def data_vpn_gateways(self, vpc_id):
        items = list_pages(self.pace, self.client, "DescribeVpnGateways", {"RegionId": REGION, "VpcId": vpc_id},
                           "VpnGateways", "VpnGateway")
        for g in items:
            assert g["VpcId"] == vpc_id, g
            assert isinstance(g["VpnGatewayId"], str) and g["VpnGatewayId"].startswith("vpn-"), g
            assert isinstance(g["Status"], str) and g["Status"] == g["Status"].lower(), g
            assert isinstance(g["CreateTime"], int) and not isinstance(g["CreateTime"], bool), g
            assert g["Spec"].endswith("M"), g
            tag_map(g["Tags"]["Tag"])
        ids = [g["VpnGatewayId"] for g in items]
        assert len(ids) == len(set(ids)), f"a gateway listed twice across pages: {ids}"
        return {g["VpnGatewayId"]: g for g in items}

    # alicloud_vpn_gateway ----------------------------------------------------------------------------
    def create_gateway(self, tags):
        params = {"RegionId": REGION, "VpcId": DEFAULT_VPC, "VSwitchId": VSWITCH_1,
                  "DisasterRecoveryVSwitchId": VSWITCH_2, "Name": "tf-vpn-gateway", "NetworkType": "public",
                  "AutoPay": True, "EnableIpsec": True, "EnableSsl": False, "VpnType": "Normal",
                  "InstanceChargeType": "POSTPAY", "Bandwidth": 10}
        body, _ = self.retry("CreateVpnGateway", lambda: self.call(
            "CreateVpnGateway", {**params, "ClientToken": client_token("CreateVpnGateway")}), RETRY_GATEWAY_CREATE)
        gateway_id = body["VpnGatewayId"]
        assert isinstance(gateway_id, str) and gateway_id.startswith("vpn-"), body
        assert body["Name"] == "tf-vpn-gateway", body
        gw, observed = wait_for(self.pace, "gateway active after CreateVpnGateway",
                                lambda: gateway_refresh(self.pace, self.client, gateway_id), ["active"])
        assert set(observed[:-1]) <= {"provisioning"}, f"CreateVpnGateway: provisioning, then active; saw {observed}"
        if self.transitions:
            assert observed[0] == "provisioning", observed
        # The provider's Update after create: TagResources with every tag of the configuration.
        self.tag("VpnGateWay", [gateway_id], tags)
        gw = read(self.pace, "DescribeVpnGateway", lambda: self.call(
            "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway_id}))
        expected = {"VpnGatewayId": gateway_id, "VpcId": DEFAULT_VPC, "VSwitchId": VSWITCH_1,
                    "DisasterRecoveryVSwitchId": VSWITCH_2, "Name": "tf-vpn-gateway", "Status": "active",
                    "BusinessStatus": "Normal", "Spec": "10M", "IpsecVpn": "enable", "SslVpn": "disable",
                    "NetworkType": "public", "VpnType": "Normal"}
        assert {k: gw.get(k) for k in expected} == expected
        assert isinstance(gw["CreateTime"], int) and gw["CreateTime"] > 0, gw
        assert tag_map(gw["Tags"]["Tag"]) == tags
        assert self.listed_tags("VpnGateWay", [gateway_id]) == {(gateway_id, k, v) for k, v in tags.items()}
        listed = self.data_vpn_gateways(DEFAULT_VPC)
        assert gateway_id in listed and listed.keys() >= FIXTURE_GATEWAYS_IN_VPC
        assert tag_map(listed[gateway_id]["Tags"]["Tag"]) == tags
        return gateway_id

    def destroy_gateway(self, gateway_id):
        _, retried = self.retry("DeleteVpnGateway", lambda: self.call(
            "DeleteVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway_id,
                                 "ClientToken": client_token("DeleteVpnGateway")}),
            RETRY_GATEWAY_DELETE, GONE_GATEWAY_DELETE)
        assert not set(retried) & set(GONE_GATEWAY_DELETE), f"DeleteVpnGateway of an existing gateway: {retried}"
        gone, _ = wait_for(self.pace, "gateway gone after DeleteVpnGateway",
                           lambda: gateway_refresh(self.pace, self.client, gateway_id), [])
        assert gone is None
        assert gateway_id not in self.data_vpn_gateways(DEFAULT_VPC)

    # alicloud_vpn_customer_gateway ------------------------------------------------------------------
    def create_customer_gateway(self, spec):
        body, _ = self.retry("CreateCustomerGateway", lambda: self.call(
            "CreateCustomerGateway", {"RegionId": REGION, "ClientToken": client_token("CreateCustomerGateway"), **spec}),
            RETRY_CUSTOMER_GATEWAY_CREATE)
        cgw = body["CustomerGatewayId"]
        assert isinstance(cgw, str) and cgw.startswith("cgw-"), body
        assert (body["IpAddress"], body["Name"], body["Description"]) == (spec["IpAddress"], spec["Name"],
                                                                          spec["Description"]), body
        assert isinstance(body["CreateTime"], int) and body["CreateTime"] > 0, body
        got = self.read_customer_gateway(cgw)
        assert got is not None, f"{cgw} not found right after CreateCustomerGateway"
        expected = {"CustomerGatewayId": cgw, "IpAddress": spec["IpAddress"], "Name": spec["Name"],
                    "Description": spec["Description"], "Asn": int(spec["Asn"]), "CreateTime": body["CreateTime"]}
        assert {k: got.get(k) for k in expected} == expected
        assert isinstance(got["Asn"], int), got
        assert tag_map(got["Tags"]["Tag"]) == {}
        return cgw

    def read_customer_gateway(self, cgw):
        return describe_or_none(self.pace, self.client, "DescribeCustomerGateway",
                                {"RegionId": REGION, "CustomerGatewayId": cgw}, NOT_FOUND_CUSTOMER_GATEWAY)

    def destroy_customer_gateway(self, cgw):
        _, retried = self.retry("DeleteCustomerGateway", lambda: self.call(
            "DeleteCustomerGateway", {"RegionId": REGION, "CustomerGatewayId": cgw,
                                      "ClientToken": client_token("DeleteCustomerGateway")}),
            RETRY_CUSTOMER_GATEWAY_DELETE, GONE_CUSTOMER_GATEWAY_DELETE)
        assert not set(retried) & set(GONE_CUSTOMER_GATEWAY_DELETE), f"DeleteCustomerGateway of {cgw}: {retried}"
        # The provider does not wait after this delete; its next read must see the not-found code.
        assert self.read_customer_gateway(cgw) is None, f"{cgw} still readable after DeleteCustomerGateway"
        listed = list_pages(self.pace, self.client, "DescribeCustomerGateways",
                            {"RegionId": REGION, "CustomerGatewayId": cgw}, "CustomerGateways", "CustomerGateway")
        assert listed == [], listed

    # alicloud_vpn_connection ------------------------------------------------------------------------
    def create_connection(self, gateway_id, tunnel_options):
        params = {"RegionId": REGION, "VpnGatewayId": gateway_id, "Name": NAME,
                  "LocalSubnet": ",".join(LOCAL_SUBNETS), "RemoteSubnet": ",".join(REMOTE_SUBNETS),
                  "EnableTunnelsBgp": True, "Tags": [{"Key": k, "Value": v} for k, v in CONNECTION_TAGS.items()],
                  "TunnelOptionsSpecification": tunnel_options}
        body, _ = self.retry("CreateVpnConnection", lambda: self.call(
            "CreateVpnConnection", {**params, "ClientToken": client_token("CreateVpnConnection")}), RETRY_CONNECTION)
        vco = body["VpnConnectionId"]
        assert isinstance(vco, str) and vco.startswith("vco-"), body
        assert body["Name"] == NAME, body
        assert isinstance(body["CreateTime"], int) and body["CreateTime"] > 0, body
        if self.transitions:
            # Public reference of CreateVpnConnection: the gateway is updating while the connection is made.
            status = read(self.pace, "DescribeVpnGateway", lambda: self.call(
                "DescribeVpnGateway", {"RegionId": REGION, "VpnGatewayId": gateway_id}))["Status"]
            assert status == "updating", f"gateway {status} right after CreateVpnConnection"
        conn, _ = wait_for(self.pace, "connection State active after CreateVpnConnection",
                           lambda: connection_refresh(self.pace, self.client, vco), ["active"])
        # The provider's Update after create: TagResources with every tag of the configuration.
        self.tag("VPNCONNECTION", [vco], CONNECTION_TAGS)
        self.check_connection(vco, gateway_id, tunnel_options, CONNECTION_TAGS, body["CreateTime"])
        return vco

    def check_connection(self, vco, gateway_id, tunnel_options, tags, create_time):
        conn = read(self.pace, "DescribeVpnConnection", lambda: self.call(
            "DescribeVpnConnection", {"RegionId": REGION, "VpnConnectionId": vco}))
        assert (conn["VpnConnectionId"], conn["VpnGatewayId"], conn["Name"], conn["State"]) == \
            (vco, gateway_id, NAME, "active"), conn
        assert isinstance(conn["Status"], str) and conn["Status"], conn
        assert conn["CreateTime"] == create_time, conn
        assert sorted(conn["LocalSubnet"].split(",")) == sorted(LOCAL_SUBNETS), conn["LocalSubnet"]
        assert sorted(conn["RemoteSubnet"].split(",")) == sorted(REMOTE_SUBNETS), conn["RemoteSubnet"]
        assert conn["EnableTunnelsBgp"] is True, conn.get("EnableTunnelsBgp")
        assert tag_map(conn["Tags"]["Tag"]) == tags
        options = conn["TunnelOptionsSpecification"]["TunnelOptions"]
        assert sorted(o["Role"] for o in options) == ["master", "slave"], options
        for sent in tunnel_options:
            got = next(o for o in options if o["Role"] == sent["Role"])
            assert got["CustomerGatewayId"] == sent["CustomerGatewayId"], got
            assert isinstance(got["TunnelId"], str) and got["TunnelId"], got
            assert (as_text(got["EnableDpd"]), as_text(got["EnableNatTraversal"])) == ("false", "false"), got
            for block in ("TunnelIkeConfig", "TunnelIpsecConfig", "TunnelBgpConfig"):
                shown = {k: as_text(got[block].get(k)) for k in sent[block]}
                assert shown == {k: as_text(v) for k, v in sent[block].items()}, (block, got[block])
        return conn

    def data_vpn_connections(self, gateway_id):
        items = list_pages(self.pace, self.client, "DescribeVpnConnections",
                           {"RegionId": REGION, "VpnGatewayId": gateway_id}, "VpnConnections", "VpnConnection")
        for c in items:
            assert c["VpnGatewayId"] == gateway_id, c
        return {c["VpnConnectionId"]: c for c in items}

    def destroy_connection(self, vco, gateway_id):
        self.retry("DeleteVpnConnection", lambda: self.call(
            "DeleteVpnConnection", {"RegionId": REGION, "VpnConnectionId": vco,
                                    "ClientToken": client_token("DeleteVpnConnection")}), RETRY_CONNECTION)
        gone, _ = wait_for(self.pace, "connection gone after DeleteVpnConnection",
                           lambda: connection_refresh(self.pace, self.client, vco), [])
        assert gone is None
        assert vco not in self.data_vpn_connections(gateway_id)

    # alicloud_vpn_route_entry -----------------------------------------------------------------------
    def create_route(self, gateway_id, vco):
        params = {"RegionId": REGION, "VpnGatewayId": gateway_id, "RouteDest": ROUTE_DEST, "NextHop": vco,
                  "Weight": 0, "PublishVpc": False}
        body, _ = self.retry("CreateVpnRouteEntry", lambda: self.call(
            "CreateVpnRouteEntry", {**params, "ClientToken": client_token("CreateVpnRouteEntry")}), RETRY_ROUTE)
        # The resource id is VpnInstanceId:NextHop:RouteDest of this answer.
        assert (body["VpnInstanceId"], body["NextHop"], body["RouteDest"]) == (gateway_id, vco, ROUTE_DEST), body
        entry, _ = wait_for(self.pace, "route published or normal after CreateVpnRouteEntry",
                            lambda: route_refresh(self.pace, self.client, gateway_id, vco, ROUTE_DEST),
                            ["published", "normal"])
        assert (entry["Weight"], entry["State"], entry["VpnInstanceId"]) == (0, "normal", gateway_id), entry

    def update_route(self, gateway_id, vco):
        """publish_vpc false -> true and weight 0 -> 100 in one apply: Publish (same token on every
        retry), wait for `published`, then ModifyVpnRouteEntryWeight (sent without a token)."""
        token = client_token("PublishVpnRouteEntry")
        _, retried = self.retry("PublishVpnRouteEntry", lambda: self.call("PublishVpnRouteEntry", {
            "RegionId": REGION, "VpnGatewayId": gateway_id, "RouteDest": ROUTE_DEST, "NextHop": vco,
            "PublishVpc": True, "RouteType": "dbr", "ClientToken": token}), RETRY_ROUTE)
        if self.transitions:
            # CreateVpnRouteEntry left the gateway updating: the provider's retry is what gets through.
            assert retried == ["VpnGateway.Configuring"], retried
        entry, _ = wait_for(self.pace, "route published after PublishVpnRouteEntry",
                            lambda: route_refresh(self.pace, self.client, gateway_id, vco, ROUTE_DEST), ["published"])
        self.retry("ModifyVpnRouteEntryWeight", lambda: self.call("ModifyVpnRouteEntryWeight", {
            "RegionId": REGION, "VpnGatewayId": gateway_id, "RouteDest": ROUTE_DEST, "NextHop": vco,
            "Weight": 0, "NewWeight": 100}), RETRY_ROUTE)
        # Read: DescribeVpnRouteEntries, pages of 20, matched on NextHop + RouteDest.
        entry = find_route(self.pace, self.client, gateway_id, vco, ROUTE_DEST)
        assert entry is not None, "the route vanished after ModifyVpnRouteEntryWeight"
        assert (entry["VpnInstanceId"], entry["Weight"], entry["State"], entry["RouteEntryType"]) == \
            (gateway_id, 100, "published", "custom"), entry
        assert isinstance(entry["CreateTime"], int), entry

    def destroy_route(self, gateway_id, vco, weight=100):
        """DeleteVpnRouteEntry with the weight in the state (same token on retries), wait until gone."""
        token = client_token("DeleteVpnRouteEntry")
        _, retried = self.retry("DeleteVpnRouteEntry", lambda: self.call("DeleteVpnRouteEntry", {
            "RegionId": REGION, "VpnGatewayId": gateway_id, "RouteDest": ROUTE_DEST, "NextHop": vco, "Weight": weight,
            "ClientToken": token}), RETRY_ROUTE_DELETE, GONE_ROUTE_DELETE)
        assert "InvalidRouteEntry.NotFound" not in retried, f"the route was not found by its own delete: {retried}"
        gone, _ = wait_for(self.pace, "route gone after DeleteVpnRouteEntry",
                           lambda: route_refresh(self.pace, self.client, gateway_id, vco, ROUTE_DEST), [])
        assert gone is None

    # tags --------------------------------------------------------------------------------------------
    def tag(self, resource_type, ids, tags):
        """SetResourceTags: TagResources with ResourceId.N and Tag.N.Key/Value."""
        self.retry("TagResources", lambda: self.call("TagResources", {
            "RegionId": REGION, "ResourceType": resource_type, "ResourceId": list(ids),
            "Tag": [{"Key": k, "Value": v} for k, v in tags.items()]}))

    def untag(self, resource_type, ids, keys):
        self.retry("UnTagResources", lambda: self.call("UnTagResources", {
            "RegionId": REGION, "ResourceType": resource_type, "ResourceId": list(ids), "TagKey": list(keys)}))

    def listed_tags(self, resource_type, ids):
        """ListTagResources as {(ResourceId, TagKey, TagValue)}; ResourceType as sent (the
        reference calls the value case-insensitive; compared without case)."""
        rows = list_tag_resources(self.pace, self.client, resource_type, ids)
        for row in rows:
            assert row[1].lower() == resource_type.lower(), row
        assert len(rows) == len(set(rows)), rows
        return {(r[0], r[2], r[3]) for r in rows}

    def tag_step(self, gateway_id, vco, cgws):
        """TagResources / ListTagResources / UnTagResources on the connection and the customer gateways."""
        self.tag("VPNCONNECTION", [vco], {"Stage": "route"})
        expected = {**CONNECTION_TAGS, "Stage": "route"}
        assert self.listed_tags("VPNCONNECTION", [vco]) == {(vco, k, v) for k, v in expected.items()}
        self.untag("VPNCONNECTION", [vco], ["Stage"])
        assert self.listed_tags("VPNCONNECTION", [vco]) == {(vco, k, v) for k, v in CONNECTION_TAGS.items()}
        # data "alicloud_vpn_connections": the list items carry Tag: {Tag: [...]}.
        listed = self.data_vpn_connections(gateway_id)
        assert vco in listed, listed.keys()
        assert tag_map(listed[vco]["Tag"]["Tag"]) == CONNECTION_TAGS
        assert listed[vco]["State"] == "active", listed[vco]

        self.tag("CUSTOMERGATEWAY", cgws, {"Owner": "datacenter"})
        assert self.listed_tags("CUSTOMERGATEWAY", cgws) == {(c, "Owner", "datacenter") for c in cgws}
        for c in cgws:
            assert tag_map(self.read_customer_gateway(c)["Tags"]["Tag"]) == {"Owner": "datacenter"}

    # the whole configuration --------------------------------------------------------------------------
    def official_example(self, gateway_id, distinct_tunnel_cgws):
        cgws = [self.create_customer_gateway(spec) for spec in CUSTOMER_GATEWAYS]
        # The example puts both tunnels on its first customer gateway; the other variant uses one each.
        options = tunnels(cgws[0], cgws[1] if distinct_tunnel_cgws else cgws[0])
        vco = self.create_connection(gateway_id, options)
        self.create_route(gateway_id, vco)
        self.update_route(gateway_id, vco)
        self.tag_step(gateway_id, vco, cgws)
        # terraform destroy: the reverse order of the dependencies.
        self.destroy_route(gateway_id, vco)
        self.destroy_connection(vco, gateway_id)
        for c in reversed(cgws):
            self.destroy_customer_gateway(c)


def fresh_emulator(*args):
    return Emulator(*args).start()


@pytest.fixture
def emu300():
    e = fresh_emulator("--task-duration", "300")
    yield e
    assert e.stop() == 0, e.logs()


@pytest.fixture
def emu_default():
    e = fresh_emulator()
    yield e
    assert e.stop() == 0, e.logs()


def example_on_the_fixture_gateway(run):
    gateways = run.data_vpn_gateways(DEFAULT_VPC)
    assert gateways.keys() >= FIXTURE_GATEWAYS_IN_VPC, gateways.keys()
    # The configuration picks its gateway from the data source (name_regex on the dual-tunnel one).
    picked = [g for g in gateways.values() if g["Name"] == "dual-tunnel-gateway"]
    assert [g["VpnGatewayId"] for g in picked] == [DUAL_GATEWAY], picked
    assert picked[0]["Status"] == "active", picked[0]
    run.official_example(DUAL_GATEWAY, distinct_tunnel_cgws=False)
    # Only the fixture's own state is left: the gateway ends active with no route.
    gw, _ = wait_for(run.pace, "fixture gateway active again",
                     lambda: gateway_refresh(run.pace, run.client, DUAL_GATEWAY), ["active"])
    assert gw["VpnGatewayId"] == DUAL_GATEWAY
    routes = read(run.pace, "DescribeVpnRouteEntries", lambda: run.call(
        "DescribeVpnRouteEntries", {"RegionId": REGION, "VpnGatewayId": DUAL_GATEWAY, "PageSize": 50}))
    assert routes["VpnRouteEntries"]["VpnRouteEntry"] == [], routes
    assert set(run.data_vpn_connections(DUAL_GATEWAY)) == {"vco-bp1dualtunnel000001"}


def example_on_a_created_gateway(run):
    gateway_id = run.create_gateway({"Created": "TF"})
    run.official_example(gateway_id, distinct_tunnel_cgws=True)
    run.destroy_gateway(gateway_id)


@pytest.mark.parametrize("mode", SdkClient.MODES)
def test_official_example_on_the_fixture_gateway(emu300, mode):
    example_on_the_fixture_gateway(Run(emu300, mode, Pace(emu300), transitions=False))


@pytest.mark.parametrize("mode", SdkClient.MODES)
def test_official_example_on_a_gateway_created_through_create_vpn_gateway(emu300, mode):
    example_on_a_created_gateway(Run(emu300, mode, Pace(emu300), transitions=False))


def test_both_sequences_with_the_default_task_duration_and_tasks_complete(emu_default):
    """Default --task-duration (1.5 s): every intermediate state is certain to be seen, and each
    wait or retry ends the tasks through POST /_emulator/tasks/complete instead of sleeping."""
    pace = Pace(emu_default, complete_tasks=True)
    run = Run(emu_default, "tea-v3", pace, transitions=True)
    example_on_the_fixture_gateway(run)
    example_on_a_created_gateway(run)
    assert pace.tasks_completed > 0
    status, body = emu_default.control_json("GET", "/_emulator/tasks")
    assert status == 200 and body["tasks"] == [], body


def test_a_delete_refused_while_in_use_is_not_retried_by_the_provider(emu300):
    """Destroying out of order fails at once: DeleteVpnConnection while a route uses the connection
    as its NextHop answers an error the provider does not retry (the issue: refused "with the
    real code"), and the connection stays readable."""
    run = Run(emu300, "tea-v3", Pace(emu300), transitions=False)
    cgw = run.create_customer_gateway(CUSTOMER_GATEWAYS[0])
    vco = run.create_connection(DUAL_GATEWAY, tunnels(cgw, cgw))
    run.create_route(DUAL_GATEWAY, vco)
    with pytest.raises(ApiError) as refused:
        run.retry("DeleteVpnConnection", lambda: run.call("DeleteVpnConnection", {
            "RegionId": REGION, "VpnConnectionId": vco, "ClientToken": client_token("DeleteVpnConnection")}),
            RETRY_CONNECTION)
    assert refused.value.code and refused.value.code not in RETRY_CONNECTION, refused.value
    assert 400 <= refused.value.status < 500, refused.value
    assert connection_refresh(run.pace, run.client, vco)[0] is not None
    run.destroy_route(DUAL_GATEWAY, vco, weight=0)
    run.destroy_connection(vco, DUAL_GATEWAY)
    run.destroy_customer_gateway(cgw)
