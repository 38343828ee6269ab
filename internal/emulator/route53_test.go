package emulator_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// Fill-in route53: each hosted zone has its own name servers, also in its apex NS record.
func testRoute53(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := route53.NewFromConfig(cfg)
	servers := func(id string) []string {
		zone := must(c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)}))(t)
		got := slices.Clone(zone.DelegationSet.NameServers)
		slices.Sort(got)
		return got
	}
	first := createZone(t, ctx, c, "ns.fillin.test")
	second := createZone(t, ctx, c, "ns.fillin.test")
	a, b := servers(first), servers(second)
	if len(a) != 4 || len(b) != 4 {
		t.Fatalf("name servers %v and %v, want four each", a, b)
	}
	for _, s := range a {
		if slices.Contains(b, s) {
			t.Errorf("zones of the same name share name server %s", s)
		}
	}
	sets := must(c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(first)}))(t).ResourceRecordSets
	for _, set := range sets {
		if set.Type != r53types.RRTypeNs {
			continue
		}
		var values []string
		for _, r := range set.ResourceRecords {
			values = append(values, aws.ToString(r.Value))
		}
		slices.Sort(values)
		if !slices.Equal(values, a) {
			t.Errorf("apex NS record %v, want the zone's name servers %v", values, a)
		}
	}
}
