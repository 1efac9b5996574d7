package main

// What terraform-provider-alicloud does around each call (alicloud/*.go, snapshot 2026-08-21;
// ../shared/research/terraform-vpn.md): resource.Retry on listed codes plus NeedRetry,
// StateChangeConf with an empty Pending list, "gone" as a not-found code or no match in a list.
// The provider's delays (5-20 s, 3 s between polls, minutes of timeout) are scaled down to
// pollInterval and waitTimeout; every loop is bounded by a deadline and a number of tries.

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/denverdino/aliyungo/common"
)

var (
	retryRoute          = []string{"VpnGateway.Configuring", "TaskConflict", "Appliance.Configuring", "VpnTask.CONFLICT", "VpnConnection.Configuring"}
	retryRouteDelete    = append(append([]string{}, retryRoute...), "VpnRouteEntry.Configuring")
	retryConnection     = []string{"Appliance.Configuring", "VpnGateway.Configuring", "VpnTask.CONFLICT", "VpnConnection.Configuring"}
	retryCustomerCreate = []string{"OperationConflict"}
	retryCustomerDelete = []string{"VpnGateway.Configuring"}
	retryGatewayCreate  = []string{"OperationFailed.SslNotSupport"}
	retryGatewayDelete  = []string{"VpnGateway.Configuring"}
	goneRouteDelete     = []string{"InvalidRouteEntry.NotFound"}
	goneCustomerDelete  = []string{"InvalidCustomerGatewayInstanceId.NotFound"}
	goneGatewayDelete   = []string{"INSTANCE_NOT_EXISTS", "IncorrectStatus.VpnGateway", "InvalidVpnGatewayId.NotFound", "InvalidRegionId.NotFound"}
	notFoundGateway     = "InvalidVpnGatewayInstanceId.NotFound"
	notFoundConnection  = "InvalidVpnConnectionInstanceId.NotFound"
	notFoundCustomer    = "InvalidCustomerGatewayInstanceId.NotFound"
	throttling          = regexp.MustCompile("Throttling")
)

const (
	pageSizeRoutes     = 20 // PageSizeMedium
	pageSizeData       = 50 // PageSizeLarge
	createWaitNotFound = 20 // StateChangeConf.NotFoundChecks
	maxPages           = 20
	pollInterval       = 50 * time.Millisecond
	waitTimeout        = 30 * time.Second
	maxTries           = 600
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// apiError: the server's error answer, or nil when err is something else.
func apiError(err error) *common.Error {
	if e, ok := err.(*common.Error); ok && e.StatusCode > 0 {
		return e
	}
	return nil
}

// needRetry is errors.go NeedRetry for a server answer.
func needRetry(e *common.Error) bool {
	return e.Code == "ServiceUnavailable" || e.Code == "Rejected.Throttling" || throttling.MatchString(e.Code) || e.StatusCode >= 500
}

func clientToken(action string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 16)
	for i := range b {
		b[i] = hex[rand.Intn(len(hex))]
	}
	return "TF-" + action + "-" + string(b)
}

// Failure ends the program: a step and what did not match.
type Failure struct{ msg string }

func (r *Run) failf(format string, args ...interface{}) {
	panic(Failure{fmt.Sprintf("[%s] %s", r.step, fmt.Sprintf(format, args...))})
}

func (r *Run) check(ok bool, format string, args ...interface{}) {
	if !ok {
		r.failf(format, args...)
	}
}

// invoke is one call through aliyungo's common.Client.Invoke (V1 signature, GET).
func (r *Run) invoke(action string, args interface{}, resp interface{}) error {
	r.calls++
	err := r.client.Invoke(action, args, resp)
	if err != nil {
		if e := apiError(err); e != nil {
			r.check(e.Code != "", "%s: an error answer with an empty Code (HTTP %d %s)", action, e.StatusCode, e.Message)
			return e
		}
		r.failf("%s: %v", action, err) // transport or decoding (a JSON value of the wrong type)
	}
	id := reflect.ValueOf(resp).Elem().FieldByName("RequestId")
	r.check(id.IsValid() && id.String() != "", "%s: no RequestId", action)
	return nil
}

// retry is resource.Retry around one call: `retryCodes` and NeedRetry are retried, a code in
// `goneCodes` counts as success. Returns the codes retried (and a final gone code).
func (r *Run) retry(what string, attempt func() error, retryCodes, goneCodes []string) []string {
	deadline := time.Now().Add(waitTimeout)
	var retried []string
	for i := 0; i < maxTries; i++ {
		err := attempt()
		if err == nil {
			return retried
		}
		e := apiError(err)
		if e == nil {
			r.failf("%s: %v", what, err)
		}
		if contains(goneCodes, e.Code) {
			return append(retried, e.Code)
		}
		if !contains(retryCodes, e.Code) && !needRetry(e) {
			r.failf("%s: HTTP %d %s: %s", what, e.StatusCode, e.Code, e.Message)
		}
		retried = append(retried, e.Code)
		if time.Now().After(deadline) {
			r.failf("%s: still %s after %d tries", what, e.Code, len(retried))
		}
		time.Sleep(pollInterval)
	}
	r.failf("%s: still failing after %d tries", what, maxTries)
	return nil
}

// read is a read retried on NeedRetry only; it returns the error answer of any other code.
func (r *Run) read(what string, attempt func() error) *common.Error {
	for i := 0; i < maxTries; i++ {
		err := attempt()
		if err == nil {
			return nil
		}
		e := apiError(err)
		if e == nil {
			r.failf("%s: %v", what, err)
		}
		if !needRetry(e) {
			return e
		}
		time.Sleep(pollInterval)
	}
	r.failf("%s: still failing after %d tries", what, maxTries)
	return nil
}

// mustRead is a read that must succeed.
func (r *Run) mustRead(what string, attempt func() error) {
	if e := r.read(what, attempt); e != nil {
		r.failf("%s: HTTP %d %s: %s", what, e.StatusCode, e.Code, e.Message)
	}
}

// waitFor is StateChangeConf with an empty Pending list. refresh returns (found, state). No
// targets: wait until gone. Otherwise until state is a target; gone is tolerated
// createWaitNotFound times. Returns the states seen ("" for gone).
func (r *Run) waitFor(what string, refresh func() (bool, string), targets ...string) []string {
	deadline := time.Now().Add(waitTimeout)
	var seen []string
	notFound := 0
	for i := 0; i < maxTries; i++ {
		found, state := refresh()
		if !found {
			seen = append(seen, "")
			if len(targets) == 0 {
				return seen
			}
			notFound++
			r.check(notFound <= createWaitNotFound, "%s: not found %d times", what, notFound)
		} else {
			r.check(state != "", "%s: the state must be a non-empty string", what)
			seen = append(seen, state)
			if contains(targets, state) {
				return seen
			}
		}
		r.check(time.Now().Before(deadline), "%s: no %v within %v; saw %v", what, targets, waitTimeout, tail(seen))
		time.Sleep(pollInterval)
	}
	r.failf("%s: no %v after %d polls; saw %v", what, targets, maxTries, tail(seen))
	return nil
}

func tail(s []string) []string {
	if len(s) > 5 {
		return s[len(s)-5:]
	}
	return s
}

// Reads as the provider's service layer makes them -------------------------------------------------

// describe reads one resource as the provider does: nil and false when it is gone (its
// not-found code); any other error fails the run.
func describe[T any](r *Run, action string, args interface{}, id, notFound string) (*T, bool) {
	var resp T
	e := r.read(action, func() error { return r.invoke(action, args, &resp) })
	if e != nil {
		r.check(e.Code == notFound, "%s %s: HTTP %d %s: %s", action, id, e.StatusCode, e.Code, e.Message)
		return nil, false
	}
	return &resp, true
}

func (r *Run) describeGateway(id string) (*DescribeVpnGatewayResponse, bool) {
	return describe[DescribeVpnGatewayResponse](r, "DescribeVpnGateway", VpnGatewayIdArgs{id}, id, notFoundGateway)
}

func (r *Run) gatewayRefresh(id string) func() (bool, string) {
	return func() (bool, string) {
		gw, ok := r.describeGateway(id)
		if !ok {
			return false, ""
		}
		return true, gw.Status
	}
}

func (r *Run) describeConnection(id string) (*DescribeVpnConnectionResponse, bool) {
	return describe[DescribeVpnConnectionResponse](r, "DescribeVpnConnection", VpnConnectionIdArgs{VpnConnectionId: id}, id,
		notFoundConnection)
}

func (r *Run) connectionRefresh(id string) func() (bool, string) {
	return func() (bool, string) {
		c, ok := r.describeConnection(id)
		if !ok {
			return false, ""
		}
		return true, c.State
	}
}

func (r *Run) describeCustomerGateway(id string) (*DescribeCustomerGatewayResponse, bool) {
	return describe[DescribeCustomerGatewayResponse](r, "DescribeCustomerGateway", CustomerGatewayIdArgs{CustomerGatewayId: id},
		id, notFoundCustomer)
}

// findRoute is VpcService.DescribeVpnRouteEntry: pages of 20 until a short page, matched on
// NextHop and RouteDest; not found when nothing matches or the gateway answers 404.
func (r *Run) findRoute(gatewayID, nextHop, dest string) (*VpnRouteEntry, bool) {
	for page := 1; page <= maxPages; page++ {
		var resp DescribeVpnRouteEntriesResponse
		e := r.read("DescribeVpnRouteEntries", func() error {
			return r.invoke("DescribeVpnRouteEntries", DescribeVpnRouteEntriesArgs{gatewayID, PageArgs{page, pageSizeRoutes}}, &resp)
		})
		if e != nil {
			r.check(e.StatusCode == 404, "DescribeVpnRouteEntries: HTTP %d %s: %s", e.StatusCode, e.Code, e.Message)
			return nil, false
		}
		entries := resp.VpnRouteEntries.VpnRouteEntry
		for i := range entries {
			if entries[i].NextHop == nextHop && entries[i].RouteDest == dest {
				return &entries[i], true
			}
		}
		if len(entries) < pageSizeRoutes {
			return nil, false
		}
	}
	r.failf("DescribeVpnRouteEntries: more than %d pages", maxPages)
	return nil, false
}

func (r *Run) routeRefresh(gatewayID, nextHop, dest string) func() (bool, string) {
	return func() (bool, string) {
		entry, ok := r.findRoute(gatewayID, nextHop, dest)
		if !ok {
			return false, ""
		}
		return true, entry.State
	}
}

// checkPage checks the paging fields of one page of a data source's list read and says
// whether it was the last one.
func (r *Run) checkPage(action string, p Paged, page, got, total int) bool {
	r.check(p.PageNumber == page && p.PageSize == pageSizeData, "%s: PageNumber %d PageSize %d for page %d of %d", action, p.PageNumber, p.PageSize, page, pageSizeData)
	if got < pageSizeData {
		r.check(p.TotalCount == total, "%s: TotalCount %d for %d items", action, p.TotalCount, total)
		return true
	}
	return false
}

func (r *Run) dataVpnGateways(vpcID string) map[string]VpnGateway {
	out := map[string]VpnGateway{}
	for page := 1; page <= maxPages; page++ {
		var resp DescribeVpnGatewaysResponse
		r.mustRead("DescribeVpnGateways", func() error {
			return r.invoke("DescribeVpnGateways", DescribeVpnGatewaysArgs{vpcID, PageArgs{page, pageSizeData}}, &resp)
		})
		for _, g := range resp.VpnGateways.VpnGateway {
			r.check(g.VpcId == vpcID, "DescribeVpnGateways VpcId=%s listed %s of %s", vpcID, g.VpnGatewayId, g.VpcId)
			r.check(strings.HasPrefix(g.VpnGatewayId, "vpn-"), "gateway id %q", g.VpnGatewayId)
			r.check(g.Status != "" && g.Status == strings.ToLower(g.Status), "gateway %s Status %q", g.VpnGatewayId, g.Status)
			r.check(strings.HasSuffix(g.Spec, "M"), "gateway %s Spec %q", g.VpnGatewayId, g.Spec)
			_, dup := out[g.VpnGatewayId]
			r.check(!dup, "gateway %s listed twice", g.VpnGatewayId)
			out[g.VpnGatewayId] = g
		}
		if r.checkPage("DescribeVpnGateways", resp.Paged, page, len(resp.VpnGateways.VpnGateway), len(out)) {
			return out
		}
	}
	r.failf("DescribeVpnGateways: more than %d pages", maxPages)
	return nil
}

func (r *Run) dataVpnConnections(gatewayID string) map[string]VpnConnectionItem {
	out := map[string]VpnConnectionItem{}
	for page := 1; page <= maxPages; page++ {
		var resp DescribeVpnConnectionsResponse
		r.mustRead("DescribeVpnConnections", func() error {
			return r.invoke("DescribeVpnConnections", DescribeVpnConnectionsArgs{gatewayID, PageArgs{page, pageSizeData}}, &resp)
		})
		for _, c := range resp.VpnConnections.VpnConnection {
			r.check(c.VpnGatewayId == gatewayID, "DescribeVpnConnections VpnGatewayId=%s listed %s of %s", gatewayID, c.VpnConnectionId, c.VpnGatewayId)
			out[c.VpnConnectionId] = c
		}
		if r.checkPage("DescribeVpnConnections", resp.Paged, page, len(resp.VpnConnections.VpnConnection), len(out)) {
			return out
		}
	}
	r.failf("DescribeVpnConnections: more than %d pages", maxPages)
	return nil
}

func (r *Run) listCustomerGateways(id string) []CustomerGateway {
	var out []CustomerGateway
	for page := 1; page <= maxPages; page++ {
		var resp DescribeCustomerGatewaysResponse
		r.mustRead("DescribeCustomerGateways", func() error {
			return r.invoke("DescribeCustomerGateways", DescribeCustomerGatewaysArgs{id, PageArgs{page, pageSizeData}}, &resp)
		})
		out = append(out, resp.CustomerGateways.CustomerGateway...)
		if r.checkPage("DescribeCustomerGateways", resp.Paged, page, len(resp.CustomerGateways.CustomerGateway), len(out)) {
			return out
		}
	}
	r.failf("DescribeCustomerGateways: more than %d pages", maxPages)
	return nil
}

// listTags is ListTagResources over NextToken pages: "ResourceId Key=Value" strings. The
// ResourceType of each row must be the one asked for (compared without case: the reference
// calls the value case-insensitive).
func (r *Run) listTags(resourceType string, ids ...string) map[string]bool {
	out := map[string]bool{}
	token := ""
	for page := 1; page <= maxPages; page++ {
		var resp ListTagResourcesResponse
		r.mustRead("ListTagResources", func() error {
			return r.invoke("ListTagResources", ListTagResourcesArgs{resourceType, ids, token}, &resp)
		})
		for _, t := range resp.TagResources.TagResource {
			r.check(strings.EqualFold(t.ResourceType, resourceType), "ListTagResources %s: a row of type %q", resourceType, t.ResourceType)
			row := t.ResourceId + " " + t.TagKey + "=" + t.TagValue
			r.check(!out[row], "ListTagResources: %s listed twice", row)
			out[row] = true
		}
		if resp.NextToken == "" {
			return out
		}
		token = resp.NextToken
	}
	r.failf("ListTagResources: more than %d pages", maxPages)
	return nil
}

func tagRows(tags map[string]string, ids ...string) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		for k, v := range tags {
			out[id+" "+k+"="+v] = true
		}
	}
	return out
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
