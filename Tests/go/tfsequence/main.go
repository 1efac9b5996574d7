// Command tfsequence drives Terraform's own example of alicloud_vpn_route_entry against a
// vpngw-emulator through a second, independent client: the Go SDK Debian packages
// (golang-github-denverdino-aliyungo-dev), whose common.Client.Invoke(action, args, &resp)
// signs V1 (HMAC-SHA1) GET requests by itself.
//
// The sequence (issue 12), each call with the parameters terraform-provider-alicloud sends,
// retried on the codes it retries and followed by the wait and read it makes:
//
//	DescribeVpnGateways (VpcId, pages of 50) -> CreateCustomerGateway x2 -> CreateVpnConnection
//	(dual tunnel, tags) -> wait for State active -> TagResources -> CreateVpnRouteEntry ->
//	PublishVpnRouteEntry (dbr) -> ModifyVpnRouteEntryWeight -> DescribeVpnRouteEntries (pages
//	of 20, NextHop+RouteDest) -> TagResources / ListTagResources / UnTagResources -> destroy in
//	reverse order, each delete waited out (gone = the not-found code or an empty list)
//
// once on the fixture's dual-tunnel gateway and once on a gateway made by CreateVpnGateway
// (waited to active, tagged, deleted last). Start the emulator with a short --task-duration
// (the tests use 300 ms): the waits sleep.
//
// Usage: tfsequence [-endpoint http://127.0.0.1:8428/] [-sequence all|fixture|created]
// (or VPNGW_ENDPOINT). Exit 0 and "PASS" when every step matched; exit 1 with "FAIL [step]
// what" on the first mismatch; exit 2 on bad usage.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/denverdino/aliyungo/common"
)

const (
	apiVersion  = "2016-04-28"
	region      = "cn-hangzhou"
	defaultVpc  = "vpc-bp1default0000000001"
	vswitch1    = "vsw-bp1default000000001"
	vswitch2    = "vsw-bp1default000000002"
	dualGateway = "vpn-bp1dualtunnel000001"
	exampleName = "terraform-example"
	routeDest   = "10.0.0.0/24"
)

var (
	fixtureGatewaysInVpc = []string{"vpn-bp1default0000000001", dualGateway, "vpn-bp1locked0000000001"}
	customerGateways     = []CreateCustomerGatewayArgs{
		{IpAddress: "2.2.2.5", Name: exampleName, Description: "defaultCustomerGateway", Asn: "2224"},
		{IpAddress: "2.2.2.6", Name: exampleName, Description: "changeCustomerGateway", Asn: "2225"},
	}
	connectionTags = map[string]string{"Created": "TF", "For": "example"}
	localSubnets   = []string{"3.0.0.0/24"}
	remoteSubnets  = []string{"10.0.0.0/24", "10.0.1.0/24"}
)

// tunnels: the example's two tunnel_options_specification blocks as the provider sends them.
func tunnels(master, slave string) []TunnelArg {
	return []TunnelArg{
		{CustomerGatewayId: master, Role: "master",
			BgpLocalAsn: "1219002", BgpTunnelCidr: "169.254.30.0/30", BgpLocalBgpIp: "169.254.30.1",
			IkeAuthAlg: "md5", IkeEncAlg: "aes256", IkeLifetime: 3600, IkeMode: "aggressive", IkePfs: "group14",
			IkeVersion: "ikev2", IkeLocalId: "localid_tunnel2", IkePsk: "12345678", IkeRemoteId: "remote2",
			IpsecAuthAlg: "md5", IpsecEncAlg: "aes256", IpsecLifetime: 16400, IpsecPfs: "group5"},
		{CustomerGatewayId: slave, Role: "slave",
			BgpLocalAsn: "1219002", BgpTunnelCidr: "169.254.40.0/30", BgpLocalBgpIp: "169.254.40.1",
			IkeAuthAlg: "md5", IkeEncAlg: "aes256", IkeLifetime: 27000, IkeMode: "aggressive", IkePfs: "group5",
			IkeVersion: "ikev2", IkeLocalId: "localid_tunnel2", IkePsk: "12345678", IkeRemoteId: "remote24",
			IpsecAuthAlg: "md5", IpsecEncAlg: "aes256", IpsecLifetime: 2700, IpsecPfs: "group14"},
	}
}

// Run is one `terraform apply` + update + `terraform destroy` through aliyungo.
type Run struct {
	client *common.Client
	step   string
	calls  int
}

func (r *Run) begin(step string) {
	r.step = step
	fmt.Printf("-- %s\n", step)
}

func intp(v int) *int { return &v }

func tagArgs(tags map[string]string) []TagArg {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := []TagArg{}
	for _, k := range keys {
		out = append(out, TagArg{k, tags[k]})
	}
	return out
}

func (r *Run) tagMap(what string, t TagList) map[string]string {
	m, err := t.Map()
	if err != nil {
		r.failf("%s: %v", what, err)
	}
	return m
}

func sortedSplit(s string) string {
	parts := strings.Split(s, ",")
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func sortedJoin(list []string) string {
	c := append([]string{}, list...)
	sort.Strings(c)
	return strings.Join(c, ",")
}

// data "alicloud_vpn_gateways" -------------------------------------------------------------------

func (r *Run) pickFixtureGateway() {
	r.begin("data alicloud_vpn_gateways: DescribeVpnGateways VpcId, pages of 50")
	gws := r.dataVpnGateways(defaultVpc)
	for _, id := range fixtureGatewaysInVpc {
		_, ok := gws[id]
		r.check(ok, "fixture gateway %s not listed", id)
	}
	var picked []VpnGateway
	for _, g := range gws {
		if g.Name == "dual-tunnel-gateway" {
			picked = append(picked, g)
		}
	}
	r.check(len(picked) == 1 && picked[0].VpnGatewayId == dualGateway, "name_regex dual-tunnel-gateway picked %v", picked)
	r.check(picked[0].Status == "active", "%s Status %q", dualGateway, picked[0].Status)
	r.check(picked[0].CreateTime > 0, "%s CreateTime %d", dualGateway, picked[0].CreateTime)
}

// alicloud_vpn_gateway ---------------------------------------------------------------------------

func (r *Run) createGateway(tags map[string]string) string {
	r.begin("alicloud_vpn_gateway: CreateVpnGateway, wait for Status active")
	var resp CreateVpnGatewayResponse
	r.retry("CreateVpnGateway", func() error {
		return r.invoke("CreateVpnGateway", CreateVpnGatewayArgs{
			ClientToken: clientToken("CreateVpnGateway"), VpcId: defaultVpc, VSwitchId: vswitch1,
			DisasterRecoveryVSwitchId: vswitch2, Name: "tf-vpn-gateway", NetworkType: "public", AutoPay: true,
			EnableIpsec: true, EnableSsl: false, VpnType: "Normal", InstanceChargeType: "POSTPAY", Bandwidth: 10}, &resp)
	}, retryGatewayCreate, nil)
	id := resp.VpnGatewayId
	r.check(strings.HasPrefix(id, "vpn-"), "CreateVpnGateway VpnGatewayId %q", id)
	r.check(resp.Name == "tf-vpn-gateway", "CreateVpnGateway Name %q", resp.Name)
	seen := r.waitFor("gateway active", r.gatewayRefresh(id), "active")
	for _, s := range seen[:len(seen)-1] {
		r.check(s == "provisioning" || s == "", "CreateVpnGateway: provisioning, then active; saw %v", seen)
	}

	r.begin("alicloud_vpn_gateway: TagResources VpnGateWay, read")
	r.tag("VpnGateWay", []string{id}, tags)
	gw, ok := r.describeGateway(id)
	r.check(ok, "%s not found after its creation", id)
	got := fmt.Sprintf("%s %s %s %s %s %s %s %s %s %s %s", gw.VpcId, gw.VSwitchId, gw.DisasterRecoveryVSwitchId, gw.Name,
		gw.Status, gw.BusinessStatus, gw.Spec, gw.IpsecVpn, gw.SslVpn, gw.NetworkType, gw.VpnType)
	want := fmt.Sprintf("%s %s %s tf-vpn-gateway active Normal 10M enable disable public Normal", defaultVpc, vswitch1, vswitch2)
	r.check(got == want, "DescribeVpnGateway %s:\n  got  %s\n  want %s", id, got, want)
	r.check(gw.CreateTime > 0, "DescribeVpnGateway CreateTime %d", gw.CreateTime)
	r.check(sameMap(r.tagMap("DescribeVpnGateway Tags", gw.Tags), tags), "DescribeVpnGateway Tags.Tag %v", gw.Tags.Tag)
	r.check(sameSet(r.listTags("VpnGateWay", id), tagRows(tags, id)), "ListTagResources VpnGateWay %v", r.listTags("VpnGateWay", id))
	listed := r.dataVpnGateways(defaultVpc)
	item, ok := listed[id]
	r.check(ok, "DescribeVpnGateways VpcId=%s does not list %s", defaultVpc, id)
	r.check(sameMap(r.tagMap("DescribeVpnGateways Tags", item.Tags), tags), "DescribeVpnGateways item Tags.Tag %v", item.Tags.Tag)
	return id
}

func (r *Run) destroyGateway(id string) {
	r.begin("destroy alicloud_vpn_gateway: DeleteVpnGateway, wait until gone")
	retried := r.retry("DeleteVpnGateway", func() error {
		return r.invoke("DeleteVpnGateway", DeleteVpnGatewayArgs{clientToken("DeleteVpnGateway"), id}, &Empty{})
	}, retryGatewayDelete, goneGatewayDelete)
	for _, c := range retried {
		r.check(!contains(goneGatewayDelete, c), "DeleteVpnGateway of an existing gateway answered %s", c)
	}
	r.waitFor("gateway gone", r.gatewayRefresh(id))
	_, listed := r.dataVpnGateways(defaultVpc)[id]
	r.check(!listed, "DescribeVpnGateways still lists %s", id)
}

// alicloud_vpn_customer_gateway -------------------------------------------------------------------

func (r *Run) createCustomerGateway(spec CreateCustomerGatewayArgs) string {
	r.begin("alicloud_vpn_customer_gateway: CreateCustomerGateway " + spec.IpAddress)
	var resp CreateCustomerGatewayResponse
	r.retry("CreateCustomerGateway", func() error {
		args := spec
		args.ClientToken = clientToken("CreateCustomerGateway")
		return r.invoke("CreateCustomerGateway", args, &resp)
	}, retryCustomerCreate, nil)
	id := resp.CustomerGatewayId
	r.check(strings.HasPrefix(id, "cgw-"), "CreateCustomerGateway CustomerGatewayId %q", id)
	r.check(resp.IpAddress == spec.IpAddress && resp.Name == spec.Name && resp.Description == spec.Description,
		"CreateCustomerGateway answered %+v", resp)
	r.check(resp.CreateTime > 0, "CreateCustomerGateway CreateTime %d", resp.CreateTime)
	got, ok := r.describeCustomerGateway(id)
	r.check(ok, "%s not found right after CreateCustomerGateway", id)
	r.check(fmt.Sprintf("%s %s %s %s %d %d", got.CustomerGatewayId, got.IpAddress, got.Name, got.Description, got.Asn, got.CreateTime) ==
		fmt.Sprintf("%s %s %s %s %s %d", id, spec.IpAddress, spec.Name, spec.Description, spec.Asn, resp.CreateTime),
		"DescribeCustomerGateway %s: %+v", id, got.CustomerGateway)
	r.check(len(got.Tags.Tag) == 0, "DescribeCustomerGateway Tags.Tag %v", got.Tags.Tag)
	return id
}

func (r *Run) destroyCustomerGateway(id string) {
	r.begin("destroy alicloud_vpn_customer_gateway: DeleteCustomerGateway " + id)
	retried := r.retry("DeleteCustomerGateway", func() error {
		return r.invoke("DeleteCustomerGateway", CustomerGatewayIdArgs{clientToken("DeleteCustomerGateway"), id}, &Empty{})
	}, retryCustomerDelete, goneCustomerDelete)
	for _, c := range retried {
		r.check(!contains(goneCustomerDelete, c), "DeleteCustomerGateway of an existing customer gateway answered %s", c)
	}
	// The provider does not wait after this delete; its next read must see the not-found code.
	_, found := r.describeCustomerGateway(id)
	r.check(!found, "%s still readable after DeleteCustomerGateway", id)
	r.check(len(r.listCustomerGateways(id)) == 0, "DescribeCustomerGateways CustomerGatewayId=%s still lists it", id)
}

// alicloud_vpn_connection -------------------------------------------------------------------------

func (r *Run) createConnection(gatewayID string, options []TunnelArg) string {
	r.begin("alicloud_vpn_connection: CreateVpnConnection (dual tunnel, tags), wait for State active")
	var resp CreateVpnConnectionResponse
	r.retry("CreateVpnConnection", func() error {
		return r.invoke("CreateVpnConnection", CreateVpnConnectionArgs{
			ClientToken: clientToken("CreateVpnConnection"), VpnGatewayId: gatewayID, Name: exampleName,
			LocalSubnet: strings.Join(localSubnets, ","), RemoteSubnet: strings.Join(remoteSubnets, ","),
			EnableTunnelsBgp: true, Tags: tagArgs(connectionTags), TunnelOptionsSpecification: options}, &resp)
	}, retryConnection, nil)
	id := resp.VpnConnectionId
	r.check(strings.HasPrefix(id, "vco-"), "CreateVpnConnection VpnConnectionId %q", id)
	r.check(resp.Name == exampleName && resp.CreateTime > 0, "CreateVpnConnection answered %+v", resp)
	r.waitFor("connection State active", r.connectionRefresh(id), "active")

	r.begin("alicloud_vpn_connection: TagResources VPNCONNECTION (the provider's update after create), read")
	r.tag("VPNCONNECTION", []string{id}, connectionTags)
	r.checkConnection(id, gatewayID, options, connectionTags, resp.CreateTime)
	return id
}

func (r *Run) checkConnection(id, gatewayID string, options []TunnelArg, tags map[string]string, createTime int64) {
	c, ok := r.describeConnection(id)
	r.check(ok, "%s not found", id)
	got := fmt.Sprintf("%s %s %s %s %d %s | %s", c.VpnConnectionId, c.VpnGatewayId, c.Name, c.State, c.CreateTime,
		sortedSplit(c.LocalSubnet), sortedSplit(c.RemoteSubnet))
	want := fmt.Sprintf("%s %s %s active %d %s | %s", id, gatewayID, exampleName, createTime, sortedJoin(localSubnets), sortedJoin(remoteSubnets))
	r.check(got == want, "DescribeVpnConnection:\n  got  %s\n  want %s", got, want)
	r.check(c.Status != "", "DescribeVpnConnection Status empty")
	r.check(c.EnableTunnelsBgp, "DescribeVpnConnection EnableTunnelsBgp false")
	r.check(sameMap(r.tagMap("DescribeVpnConnection Tags", c.Tags), tags), "DescribeVpnConnection Tags.Tag %v, want %v", c.Tags.Tag, tags)
	shown := c.TunnelOptionsSpecification.TunnelOptions
	r.check(len(shown) == 2, "DescribeVpnConnection TunnelOptions: %d tunnels", len(shown))
	for _, sent := range options {
		var got *TunnelOptions
		for i := range shown {
			if shown[i].Role == sent.Role {
				got = &shown[i]
			}
		}
		r.check(got != nil, "no %s tunnel in %+v", sent.Role, shown)
		r.check(got.CustomerGatewayId == sent.CustomerGatewayId, "%s tunnel CustomerGatewayId %q", sent.Role, got.CustomerGatewayId)
		r.check(got.TunnelId != "", "%s tunnel without TunnelId", sent.Role)
		r.check(got.EnableDpd == "false" && got.EnableNatTraversal == "false", "%s tunnel EnableDpd %q EnableNatTraversal %q", sent.Role, got.EnableDpd, got.EnableNatTraversal)
		expect := map[string]map[string]string{
			"TunnelBgpConfig": {"LocalAsn": sent.BgpLocalAsn, "TunnelCidr": sent.BgpTunnelCidr, "LocalBgpIp": sent.BgpLocalBgpIp},
			"TunnelIkeConfig": {"IkeAuthAlg": sent.IkeAuthAlg, "IkeEncAlg": sent.IkeEncAlg, "IkeLifetime": fmt.Sprint(sent.IkeLifetime),
				"IkeMode": sent.IkeMode, "IkePfs": sent.IkePfs, "IkeVersion": sent.IkeVersion, "LocalId": sent.IkeLocalId,
				"Psk": sent.IkePsk, "RemoteId": sent.IkeRemoteId},
			"TunnelIpsecConfig": {"IpsecAuthAlg": sent.IpsecAuthAlg, "IpsecEncAlg": sent.IpsecEncAlg,
				"IpsecLifetime": fmt.Sprint(sent.IpsecLifetime), "IpsecPfs": sent.IpsecPfs},
		}
		blocks := map[string]map[string]Flex{"TunnelBgpConfig": got.TunnelBgpConfig, "TunnelIkeConfig": got.TunnelIkeConfig, "TunnelIpsecConfig": got.TunnelIpsecConfig}
		for name, fields := range expect {
			for k, v := range fields {
				r.check(string(blocks[name][k]) == v, "%s tunnel %s.%s = %q, sent %q", sent.Role, name, k, blocks[name][k], v)
			}
		}
	}
}

func (r *Run) destroyConnection(id, gatewayID string) {
	r.begin("destroy alicloud_vpn_connection: DeleteVpnConnection, wait until gone")
	r.retry("DeleteVpnConnection", func() error {
		return r.invoke("DeleteVpnConnection", VpnConnectionIdArgs{clientToken("DeleteVpnConnection"), id}, &Empty{})
	}, retryConnection, nil)
	r.waitFor("connection gone", r.connectionRefresh(id))
	_, listed := r.dataVpnConnections(gatewayID)[id]
	r.check(!listed, "DescribeVpnConnections still lists %s", id)
}

// alicloud_vpn_route_entry ------------------------------------------------------------------------

func (r *Run) createRoute(gatewayID, vco string) {
	r.begin("alicloud_vpn_route_entry: CreateVpnRouteEntry (weight 0, not published), wait for its State")
	var resp CreateVpnRouteEntryResponse
	r.retry("CreateVpnRouteEntry", func() error {
		return r.invoke("CreateVpnRouteEntry", CreateVpnRouteEntryArgs{
			RouteArgs{clientToken("CreateVpnRouteEntry"), gatewayID, routeDest, vco}, intp(0), false}, &resp)
	}, retryRoute, nil)
	r.check(resp.VpnInstanceId == gatewayID && resp.NextHop == vco && resp.RouteDest == routeDest,
		"CreateVpnRouteEntry answered VpnInstanceId %q NextHop %q RouteDest %q (the resource id)", resp.VpnInstanceId, resp.NextHop, resp.RouteDest)
	r.waitFor("route published or normal", r.routeRefresh(gatewayID, vco, routeDest), "published", "normal")
	entry, ok := r.findRoute(gatewayID, vco, routeDest)
	r.check(ok && entry.Weight == 0 && entry.State == "normal", "route after create: %+v", entry)
}

func (r *Run) updateRoute(gatewayID, vco string) {
	r.begin("alicloud_vpn_route_entry update: PublishVpnRouteEntry dbr (same token on retries), wait for published")
	token := clientToken("PublishVpnRouteEntry")
	r.retry("PublishVpnRouteEntry", func() error {
		return r.invoke("PublishVpnRouteEntry", PublishVpnRouteEntryArgs{RouteArgs{token, gatewayID, routeDest, vco}, true, "dbr"}, &Empty{})
	}, retryRoute, nil)
	r.waitFor("route published", r.routeRefresh(gatewayID, vco, routeDest), "published")

	r.begin("alicloud_vpn_route_entry update: ModifyVpnRouteEntryWeight 0 -> 100 (no token), read (pages of 20)")
	r.retry("ModifyVpnRouteEntryWeight", func() error {
		return r.invoke("ModifyVpnRouteEntryWeight", ModifyVpnRouteEntryWeightArgs{RouteArgs{"", gatewayID, routeDest, vco}, intp(0), intp(100)}, &Empty{})
	}, retryRoute, nil)
	entry, ok := r.findRoute(gatewayID, vco, routeDest)
	r.check(ok, "the route vanished after ModifyVpnRouteEntryWeight")
	r.check(entry.VpnInstanceId == gatewayID && entry.Weight == 100 && entry.State == "published" && entry.RouteEntryType == "custom",
		"route after update: %+v", *entry)
}

func (r *Run) destroyRoute(gatewayID, vco string) {
	r.begin("destroy alicloud_vpn_route_entry: DeleteVpnRouteEntry (weight 100, same token), wait until gone")
	token := clientToken("DeleteVpnRouteEntry")
	retried := r.retry("DeleteVpnRouteEntry", func() error {
		return r.invoke("DeleteVpnRouteEntry", DeleteVpnRouteEntryArgs{RouteArgs{token, gatewayID, routeDest, vco}, intp(100)}, &Empty{})
	}, retryRouteDelete, goneRouteDelete)
	r.check(!contains(retried, "InvalidRouteEntry.NotFound"), "the route was not found by its own delete: %v", retried)
	r.waitFor("route gone", r.routeRefresh(gatewayID, vco, routeDest))
}

// tags ----------------------------------------------------------------------------------------------

func (r *Run) tag(resourceType string, ids []string, tags map[string]string) {
	r.retry("TagResources", func() error {
		return r.invoke("TagResources", TagResourcesArgs{resourceType, ids, tagArgs(tags)}, &Empty{})
	}, nil, nil)
}

func (r *Run) untag(resourceType string, ids []string, keys ...string) {
	r.retry("UnTagResources", func() error {
		return r.invoke("UnTagResources", UnTagResourcesArgs{resourceType, ids, keys}, &Empty{})
	}, nil, nil)
}

func (r *Run) tagStep(gatewayID, vco string, cgws []string) {
	r.begin("TagResources / ListTagResources / UnTagResources VPNCONNECTION")
	r.tag("VPNCONNECTION", []string{vco}, map[string]string{"Stage": "route"})
	all := map[string]string{"Stage": "route"}
	for k, v := range connectionTags {
		all[k] = v
	}
	got := r.listTags("VPNCONNECTION", vco)
	r.check(sameSet(got, tagRows(all, vco)), "ListTagResources VPNCONNECTION %v, want %v", got, tagRows(all, vco))
	r.untag("VPNCONNECTION", []string{vco}, "Stage")
	got = r.listTags("VPNCONNECTION", vco)
	r.check(sameSet(got, tagRows(connectionTags, vco)), "ListTagResources VPNCONNECTION after UnTagResources %v", got)

	r.begin("data alicloud_vpn_connections: DescribeVpnConnections VpnGatewayId, pages of 50 (items carry Tag.Tag)")
	item, ok := r.dataVpnConnections(gatewayID)[vco]
	r.check(ok, "DescribeVpnConnections does not list %s", vco)
	r.check(sameMap(r.tagMap("DescribeVpnConnections Tag", item.Tag), connectionTags), "DescribeVpnConnections item Tag.Tag %v", item.Tag.Tag)
	r.check(item.State == "active", "DescribeVpnConnections item State %q", item.State)

	r.begin("TagResources / ListTagResources CUSTOMERGATEWAY")
	owner := map[string]string{"Owner": "datacenter"}
	r.tag("CUSTOMERGATEWAY", cgws, owner)
	got = r.listTags("CUSTOMERGATEWAY", cgws...)
	r.check(sameSet(got, tagRows(owner, cgws...)), "ListTagResources CUSTOMERGATEWAY %v", got)
	for _, c := range cgws {
		cg, ok := r.describeCustomerGateway(c)
		r.check(ok && sameMap(r.tagMap("DescribeCustomerGateway Tags", cg.Tags), owner), "DescribeCustomerGateway %s Tags.Tag %v", c, cg.Tags.Tag)
	}
}

// the whole configuration ----------------------------------------------------------------------------

func (r *Run) officialExample(gatewayID string, distinctTunnelCgws bool) {
	var cgws []string
	for _, spec := range customerGateways {
		cgws = append(cgws, r.createCustomerGateway(spec))
	}
	slave := cgws[0]
	if distinctTunnelCgws {
		slave = cgws[1]
	}
	vco := r.createConnection(gatewayID, tunnels(cgws[0], slave))
	r.createRoute(gatewayID, vco)
	r.updateRoute(gatewayID, vco)
	r.tagStep(gatewayID, vco, cgws)
	r.destroyRoute(gatewayID, vco)
	r.destroyConnection(vco, gatewayID)
	for i := len(cgws) - 1; i >= 0; i-- {
		r.destroyCustomerGateway(cgws[i])
	}
}

func (r *Run) sequenceOnFixtureGateway() {
	r.pickFixtureGateway()
	r.officialExample(dualGateway, false)
	r.begin("after destroy: the fixture gateway is active with no route and only its own connection")
	r.waitFor("fixture gateway active", r.gatewayRefresh(dualGateway), "active")
	var routes DescribeVpnRouteEntriesResponse
	r.mustRead("DescribeVpnRouteEntries", func() error {
		return r.invoke("DescribeVpnRouteEntries", DescribeVpnRouteEntriesArgs{dualGateway, PageArgs{1, 50}}, &routes)
	})
	r.check(len(routes.VpnRouteEntries.VpnRouteEntry) == 0, "routes left: %+v", routes.VpnRouteEntries.VpnRouteEntry)
	conns := r.dataVpnConnections(dualGateway)
	_, own := conns["vco-bp1dualtunnel000001"]
	r.check(len(conns) == 1 && own, "connections left on %s: %d", dualGateway, len(conns))
}

func (r *Run) sequenceOnCreatedGateway() {
	id := r.createGateway(map[string]string{"Created": "TF"})
	r.officialExample(id, true)
	r.destroyGateway(id)
}

func main() {
	endpoint := flag.String("endpoint", os.Getenv("VPNGW_ENDPOINT"), "emulator endpoint, e.g. http://127.0.0.1:8428/ (default $VPNGW_ENDPOINT)")
	key := flag.String("key", "LTAI5tEmulatorDefaultKey", "access key id")
	secret := flag.String("secret", "EmulatorDefaultSecret", "access key secret")
	sequence := flag.String("sequence", "all", "all, fixture or created")
	flag.Parse()
	if *endpoint == "" || flag.NArg() > 0 || (*sequence != "all" && *sequence != "fixture" && *sequence != "created") {
		fmt.Fprintln(os.Stderr, "usage: tfsequence -endpoint http://HOST:PORT/ [-sequence all|fixture|created] (or VPNGW_ENDPOINT)")
		os.Exit(2)
	}
	ep := *endpoint
	if !strings.Contains(ep, "://") {
		ep = "http://" + ep
	}
	if !strings.HasSuffix(ep, "/") {
		ep += "/"
	}
	client := &common.Client{}
	// No service code: Invoke skips the location service and uses this endpoint as it is.
	client.Init(ep, apiVersion, *key, *secret)
	client.SetRegionID(common.Region(region))
	run := &Run{client: client}

	defer func() {
		if v := recover(); v != nil {
			if f, ok := v.(Failure); ok {
				fmt.Fprintf(os.Stderr, "FAIL %s\n", f.msg)
				fmt.Printf("FAIL after %d calls\n", run.calls)
				os.Exit(1)
			}
			panic(v)
		}
	}()
	if *sequence == "all" || *sequence == "fixture" {
		run.sequenceOnFixtureGateway()
	}
	if *sequence == "all" || *sequence == "created" {
		run.sequenceOnCreatedGateway()
	}
	fmt.Printf("PASS: Terraform sequence (%s) through aliyungo, %d calls\n", *sequence, run.calls)
}
