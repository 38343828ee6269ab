// Package delegation checks (and, on the emulator, performs) the delegation
// of a stack's public hosted zones.
//
// ACM validates a certificate only when its validation record resolves
// publicly, i.e. when the zone holding it is delegated from its parent. A
// zone stack says what must be delegated through an output named
// "delegation" (zone name => name servers); stacks that validate
// certificates in those zones cannot finish their first apply before the
// delegation exists. On AWS the delegation is a person's step at the
// registrar or in the parent zone, checked here through public DNS; on the
// emulator the parent zone is a stand-in created through the Route 53 API,
// exactly as that person would add the NS records.
package delegation

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// OutputName is the stack output listing what must be delegated.
const OutputName = "delegation"

// Zones maps a zone name to the name servers it must be delegated to.
type Zones map[string][]string

// FromOutput decodes the "delegation" output's JSON value.
func FromOutput(raw json.RawMessage) (Zones, error) {
	var z Zones
	if err := json.Unmarshal(raw, &z); err != nil {
		return nil, fmt.Errorf("output %s is not a map of zone names to name servers: %w", OutputName, err)
	}
	return z, nil
}

// Names returns the zone names in order.
func (z Zones) Names() []string {
	names := make([]string, 0, len(z))
	for n := range z {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Resolver looks up NS records (net.DefaultResolver in production).
type Resolver interface {
	LookupNS(ctx context.Context, name string) ([]*net.NS, error)
}

// NotDelegatedError says which zone lacks which name servers.
type NotDelegatedError struct {
	Zone  string
	Want  []string
	Found []string
}

func (e *NotDelegatedError) Error() string {
	found := "no NS records"
	if len(e.Found) > 0 {
		found = "NS " + strings.Join(e.Found, ", ")
	}
	return fmt.Sprintf("%s is not delegated to its Route 53 zone (public DNS answers %s): add NS records %s for %s at the registrar or in the parent zone, wait for them to resolve, then run the command again",
		e.Zone, found, strings.Join(e.Want, ", "), e.Zone)
}

// Check verifies through public DNS that every zone is delegated to exactly
// its name servers.
func Check(ctx context.Context, r Resolver, zones Zones) error {
	for _, zone := range zones.Names() {
		want := normalise(zones[zone])
		recs, err := r.LookupNS(ctx, zone)
		var found []string
		if err == nil {
			for _, ns := range recs {
				found = append(found, ns.Host)
			}
		}
		found = normalise(found)
		if !equal(want, found) {
			return &NotDelegatedError{Zone: zone, Want: want, Found: found}
		}
	}
	return nil
}

// Route53 is the part of the Route 53 API the emulator delegation uses.
type Route53 interface {
	ListHostedZonesByName(context.Context, *route53.ListHostedZonesByNameInput, ...func(*route53.Options)) (*route53.ListHostedZonesByNameOutput, error)
	CreateHostedZone(context.Context, *route53.CreateHostedZoneInput, ...func(*route53.Options)) (*route53.CreateHostedZoneOutput, error)
	ChangeResourceRecordSets(context.Context, *route53.ChangeResourceRecordSetsInput, ...func(*route53.Options)) (*route53.ChangeResourceRecordSetsOutput, error)
}

// Delegated is one delegation made in the emulator.
type Delegated struct {
	Zone, Parent string
	Created      bool // the parent zone stand-in was created
}

// DelegateLocal makes each zone's delegation in the emulator: the nearest
// enclosing public zone (created one label up when there is none, as a
// stand-in for the registrar or the parent zone's owner) gets an NS record
// set for the zone with its name servers.
func DelegateLocal(ctx context.Context, c Route53, zones Zones) ([]Delegated, error) {
	var done []Delegated
	for _, zone := range zones.Names() {
		name := strings.TrimSuffix(zone, ".")
		id, parent, created, err := parentZone(ctx, c, name)
		if err != nil {
			return done, err
		}
		var rrs []r53types.ResourceRecord
		for _, ns := range normalise(zones[zone]) {
			rrs = append(rrs, r53types.ResourceRecord{Value: aws.String(ns + ".")})
		}
		if _, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
			HostedZoneId: aws.String(id),
			ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{
				Action: r53types.ChangeActionUpsert,
				ResourceRecordSet: &r53types.ResourceRecordSet{
					Name: aws.String(name + "."), Type: r53types.RRTypeNs, TTL: aws.Int64(172800), ResourceRecords: rrs,
				},
			}}},
		}); err != nil {
			return done, fmt.Errorf("delegating %s in the emulator's %s zone: %w", name, parent, err)
		}
		done = append(done, Delegated{Zone: name, Parent: parent, Created: created})
	}
	return done, nil
}

// parentZone finds the nearest public zone enclosing name, or creates one
// for the name one label up.
func parentZone(ctx context.Context, c Route53, name string) (id, parent string, created bool, err error) {
	labels := strings.Split(name, ".")
	if len(labels) < 2 {
		return "", "", false, fmt.Errorf("zone %q has no parent domain", name)
	}
	var zones []r53types.HostedZone
	in := &route53.ListHostedZonesByNameInput{}
	for {
		out, err := c.ListHostedZonesByName(ctx, in)
		if err != nil {
			return "", "", false, fmt.Errorf("listing the emulator's hosted zones: %w", err)
		}
		zones = append(zones, out.HostedZones...)
		if !out.IsTruncated {
			break
		}
		in = &route53.ListHostedZonesByNameInput{DNSName: out.NextDNSName, HostedZoneId: out.NextHostedZoneId}
	}
	for i := 1; i < len(labels); i++ {
		parent := strings.Join(labels[i:], ".")
		for _, z := range zones {
			if strings.TrimSuffix(aws.ToString(z.Name), ".") == parent && (z.Config == nil || !z.Config.PrivateZone) {
				return aws.ToString(z.Id), parent, false, nil
			}
		}
	}
	parent = strings.Join(labels[1:], ".")
	out, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name:             aws.String(parent),
		CallerReference:  aws.String("infra-local-parent-" + name),
		HostedZoneConfig: &r53types.HostedZoneConfig{Comment: aws.String("emulator stand-in for the parent of a delegated zone (infra local delegate)")},
	})
	if err != nil {
		return "", "", false, fmt.Errorf("creating the emulator's stand-in %s zone: %w", parent, err)
	}
	return aws.ToString(out.HostedZone.Id), parent, true, nil
}

func normalise(ns []string) []string {
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		out = append(out, strings.ToLower(strings.TrimSuffix(strings.TrimSpace(n), ".")))
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
