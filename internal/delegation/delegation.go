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

// DelegateLocal makes each zone's delegation in the emulator: the parent
// zone (the zone name without its first label; created when missing) gets
// an NS record set for the zone with its name servers.
func DelegateLocal(ctx context.Context, c Route53, zones Zones) ([]Delegated, error) {
	var done []Delegated
	for _, zone := range zones.Names() {
		zone = strings.TrimSuffix(zone, ".")
		_, parent, ok := strings.Cut(zone, ".")
		if !ok || !strings.Contains(parent, ".") {
			return done, fmt.Errorf("cannot delegate %s: the emulator stands in for parent zones below a top-level domain only", zone)
		}
		id, created, err := parentZone(ctx, c, parent)
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
					Name: aws.String(zone + "."), Type: r53types.RRTypeNs, TTL: aws.Int64(172800), ResourceRecords: rrs,
				},
			}}},
		}); err != nil {
			return done, fmt.Errorf("delegating %s in the emulator's %s zone: %w", zone, parent, err)
		}
		done = append(done, Delegated{Zone: zone, Parent: parent, Created: created})
	}
	return done, nil
}

func parentZone(ctx context.Context, c Route53, name string) (string, bool, error) {
	out, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String(name + ".")})
	if err != nil {
		return "", false, fmt.Errorf("looking up the %s zone in the emulator: %w", name, err)
	}
	for _, z := range out.HostedZones {
		if strings.TrimSuffix(aws.ToString(z.Name), ".") == name && (z.Config == nil || !z.Config.PrivateZone) {
			return aws.ToString(z.Id), false, nil
		}
	}
	created, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name:             aws.String(name),
		CallerReference:  aws.String("infra-local-parent-" + name),
		HostedZoneConfig: &r53types.HostedZoneConfig{Comment: aws.String("emulator stand-in for the parent of a delegated zone (infra local delegate)")},
	})
	if err != nil {
		return "", false, fmt.Errorf("creating the emulator's stand-in %s zone: %w", name, err)
	}
	return aws.ToString(created.HostedZone.Id), true, nil
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
