package main

// Typed requests and responses of the VPC API (2016-04-28) for the Terraform sequence, written
// from the official Python SDK models (alibabacloud_vpc20160428/models) and the public API
// reference. aliyungo's Invoke turns a request struct into query parameters (Go field name or
// `ArgName`; a slice of structs becomes Name.N.Field; a []string with `query:"list"` becomes
// Name.N; a zero int is left out unless it is a pointer; a bool is always sent as true/false)
// and decodes the JSON answer into the response struct with encoding/json, which fails on a
// value of the wrong JSON type (a number sent as a string, an object where a list belongs).

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/denverdino/aliyungo/common"
)

// Flex reads a scalar the models type loosely (the tunnel blocks of DescribeVpnConnection:
// the SDK declares IkeLifetime, LocalAsn and EnableDpd as strings, the reference shows numbers
// and booleans) as its text.
type Flex string

func (f *Flex) UnmarshalJSON(b []byte) error {
	var v interface{}
	d := json.NewDecoder(bytesReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return err
	}
	switch x := v.(type) {
	case string:
		*f = Flex(x)
	case json.Number:
		*f = Flex(x.String())
	case bool:
		*f = Flex(strconv.FormatBool(x))
	case nil:
		*f = ""
	default:
		return fmt.Errorf("expected a scalar, got %s", string(b))
	}
	return nil
}

type Tag struct {
	Key   string
	Value string
}

type TagList struct {
	Tag []Tag
}

func (t TagList) Map() (map[string]string, error) {
	out := map[string]string{}
	for _, tag := range t.Tag {
		if _, dup := out[tag.Key]; dup {
			return nil, fmt.Errorf("tag key %q listed twice", tag.Key)
		}
		out[tag.Key] = tag.Value
	}
	return out, nil
}

// Requests ----------------------------------------------------------------------------------------

type TagArg struct {
	Key   string
	Value string
}

type PageArgs struct {
	PageNumber int
	PageSize   int
}

type DescribeVpnGatewaysArgs struct {
	VpcId string
	PageArgs
}

type VpnGatewayIdArgs struct {
	VpnGatewayId string
}

type CreateVpnGatewayArgs struct {
	ClientToken               string
	VpcId                     string
	VSwitchId                 string
	DisasterRecoveryVSwitchId string
	Name                      string
	NetworkType               string
	AutoPay                   bool
	EnableIpsec               bool
	EnableSsl                 bool
	VpnType                   string
	InstanceChargeType        string
	Bandwidth                 int
}

type DeleteVpnGatewayArgs struct {
	ClientToken  string
	VpnGatewayId string
}

type CreateCustomerGatewayArgs struct {
	ClientToken string
	IpAddress   string
	Name        string
	Description string
	Asn         string
}

type CustomerGatewayIdArgs struct {
	ClientToken       string
	CustomerGatewayId string
}

type DescribeCustomerGatewaysArgs struct {
	CustomerGatewayId string
	PageArgs
}

// TunnelArg is one TunnelOptionsSpecification.N element. aliyungo drops the outer prefix of a
// nested struct, so the nested blocks are flat fields named by ArgName.
type TunnelArg struct {
	CustomerGatewayId  string
	EnableDpd          bool
	EnableNatTraversal bool
	Role               string
	BgpLocalAsn        string `ArgName:"TunnelBgpConfig.LocalAsn"`
	BgpTunnelCidr      string `ArgName:"TunnelBgpConfig.TunnelCidr"`
	BgpLocalBgpIp      string `ArgName:"TunnelBgpConfig.LocalBgpIp"`
	IkeAuthAlg         string `ArgName:"TunnelIkeConfig.IkeAuthAlg"`
	IkeEncAlg          string `ArgName:"TunnelIkeConfig.IkeEncAlg"`
	IkeLifetime        int    `ArgName:"TunnelIkeConfig.IkeLifetime"`
	IkeMode            string `ArgName:"TunnelIkeConfig.IkeMode"`
	IkePfs             string `ArgName:"TunnelIkeConfig.IkePfs"`
	IkeVersion         string `ArgName:"TunnelIkeConfig.IkeVersion"`
	IkeLocalId         string `ArgName:"TunnelIkeConfig.LocalId"`
	IkePsk             string `ArgName:"TunnelIkeConfig.Psk"`
	IkeRemoteId        string `ArgName:"TunnelIkeConfig.RemoteId"`
	IpsecAuthAlg       string `ArgName:"TunnelIpsecConfig.IpsecAuthAlg"`
	IpsecEncAlg        string `ArgName:"TunnelIpsecConfig.IpsecEncAlg"`
	IpsecLifetime      int    `ArgName:"TunnelIpsecConfig.IpsecLifetime"`
	IpsecPfs           string `ArgName:"TunnelIpsecConfig.IpsecPfs"`
}

type CreateVpnConnectionArgs struct {
	ClientToken                string
	VpnGatewayId               string
	Name                       string
	LocalSubnet                string
	RemoteSubnet               string
	EnableTunnelsBgp           bool
	Tags                       []TagArg
	TunnelOptionsSpecification []TunnelArg
}

type VpnConnectionIdArgs struct {
	ClientToken     string
	VpnConnectionId string
}

type DescribeVpnConnectionsArgs struct {
	VpnGatewayId string
	PageArgs
}

type RouteArgs struct {
	ClientToken  string
	VpnGatewayId string
	RouteDest    string
	NextHop      string
}

type CreateVpnRouteEntryArgs struct {
	RouteArgs
	Weight     *int
	PublishVpc bool
}

type PublishVpnRouteEntryArgs struct {
	RouteArgs
	PublishVpc bool
	RouteType  string
}

type ModifyVpnRouteEntryWeightArgs struct {
	RouteArgs
	Weight    *int
	NewWeight *int
}

type DeleteVpnRouteEntryArgs struct {
	RouteArgs
	Weight *int
}

type DescribeVpnRouteEntriesArgs struct {
	VpnGatewayId string
	PageArgs
}

type TagResourcesArgs struct {
	ResourceType string
	ResourceId   []string `query:"list"`
	Tag          []TagArg
}

type UnTagResourcesArgs struct {
	ResourceType string
	ResourceId   []string `query:"list"`
	TagKey       []string `query:"list"`
}

type ListTagResourcesArgs struct {
	ResourceType string
	ResourceId   []string `query:"list"`
	NextToken    string
}

// Responses ---------------------------------------------------------------------------------------

type Paged struct {
	TotalCount int
	PageNumber int
	PageSize   int
}

// VpnGateway: DescribeVpnGateway's body (top level) and DescribeVpnGateways' items. Its `Tag`
// key is a JSON string of system tags and is not read; user tags are under Tags.Tag.
type VpnGateway struct {
	VpnGatewayId              string
	VpcId                     string
	VSwitchId                 string
	DisasterRecoveryVSwitchId string
	Name                      string
	Status                    string
	BusinessStatus            string
	Spec                      string
	IpsecVpn                  string
	SslVpn                    string
	NetworkType               string
	VpnType                   string
	CreateTime                int64
	Tags                      TagList
}

type DescribeVpnGatewaysResponse struct {
	common.Response
	Paged
	VpnGateways struct {
		VpnGateway []VpnGateway
	}
}

type DescribeVpnGatewayResponse struct {
	common.Response
	VpnGateway
}

type CreateVpnGatewayResponse struct {
	common.Response
	VpnGatewayId string
	Name         string
}

type CustomerGateway struct {
	CustomerGatewayId string
	IpAddress         string
	Name              string
	Description       string
	Asn               int64
	CreateTime        int64
	Tags              TagList
}

type CreateCustomerGatewayResponse struct {
	common.Response
	CustomerGatewayId string
	IpAddress         string
	Name              string
	Description       string
	CreateTime        int64
}

type DescribeCustomerGatewayResponse struct {
	common.Response
	CustomerGateway
}

type DescribeCustomerGatewaysResponse struct {
	common.Response
	Paged
	CustomerGateways struct {
		CustomerGateway []CustomerGateway
	}
}

type CreateVpnConnectionResponse struct {
	common.Response
	VpnConnectionId string
	Name            string
	CreateTime      int64
}

type TunnelOptions struct {
	TunnelId           string
	CustomerGatewayId  string
	Role               string
	State              string
	Status             string
	EnableDpd          Flex
	EnableNatTraversal Flex
	TunnelBgpConfig    map[string]Flex
	TunnelIkeConfig    map[string]Flex
	TunnelIpsecConfig  map[string]Flex
}

type VpnConnectionCommon struct {
	VpnConnectionId            string
	VpnGatewayId               string
	Name                       string
	LocalSubnet                string
	RemoteSubnet               string
	State                      string
	Status                     string
	CreateTime                 int64
	EnableTunnelsBgp           bool
	TunnelOptionsSpecification struct {
		TunnelOptions []TunnelOptions
	}
}

// DescribeVpnConnection shows tags as Tags.Tag ...
type DescribeVpnConnectionResponse struct {
	common.Response
	VpnConnectionCommon
	Tags TagList
}

// ... and the items of DescribeVpnConnections as Tag.Tag.
type VpnConnectionItem struct {
	VpnConnectionCommon
	Tag TagList
}

type DescribeVpnConnectionsResponse struct {
	common.Response
	Paged
	VpnConnections struct {
		VpnConnection []VpnConnectionItem
	}
}

type VpnRouteEntry struct {
	VpnInstanceId  string
	RouteDest      string
	NextHop        string
	Weight         int
	State          string
	RouteEntryType string
	CreateTime     int64
}

type CreateVpnRouteEntryResponse struct {
	common.Response
	VpnRouteEntry
}

type DescribeVpnRouteEntriesResponse struct {
	common.Response
	Paged
	VpnRouteEntries struct {
		VpnRouteEntry []VpnRouteEntry
	}
}

type TagResource struct {
	ResourceId   string
	ResourceType string
	TagKey       string
	TagValue     string
}

type ListTagResourcesResponse struct {
	common.Response
	NextToken    string
	TagResources struct {
		TagResource []TagResource
	}
}

// Plain answers ({"RequestId": ...}).
type Empty struct {
	common.Response
}
