package emulatortest

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// Delegate does on the emulator what a user does in a parent zone (or at a
// registrar) after creating a public hosted zone: it writes an NS record set
// for the zone's name, holding the zone's own name servers, into the nearest
// enclosing public zone, creating a zone for the parent name (one label up)
// if the emulator has none. The emulator's ACM issues a DNS-validated
// certificate only for names in a zone delegated this way (rule
// acm-dns-validation-delegated in docs/emulator.md).
//
// zoneID is a hosted zone id with or without the /hostedzone/ prefix. The
// parent zone created, if any, is left in place (a registrar outlives stacks).
func Delegate(ctx context.Context, c *route53.Client, zoneID string) error {
	zone, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(zoneID)})
	if err != nil {
		return fmt.Errorf("reading hosted zone %s: %w", zoneID, err)
	}
	if zone.HostedZone.Config != nil && zone.HostedZone.Config.PrivateZone {
		return fmt.Errorf("hosted zone %s is private: only public zones are delegated", zoneID)
	}
	if zone.DelegationSet == nil || len(zone.DelegationSet.NameServers) == 0 {
		return fmt.Errorf("hosted zone %s has no name servers", zoneID)
	}
	name := strings.TrimSuffix(aws.ToString(zone.HostedZone.Name), ".")
	parentID, err := parentZone(ctx, c, name)
	if err != nil {
		return err
	}
	records := make([]r53types.ResourceRecord, 0, len(zone.DelegationSet.NameServers))
	for _, ns := range zone.DelegationSet.NameServers {
		records = append(records, r53types.ResourceRecord{Value: aws.String(ns)})
	}
	_, err = c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(parentID),
		ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{
			Action: r53types.ChangeActionUpsert,
			ResourceRecordSet: &r53types.ResourceRecordSet{Name: aws.String(name + "."), Type: r53types.RRTypeNs,
				TTL: aws.Int64(172800), ResourceRecords: records},
		}}},
	})
	if err != nil {
		return fmt.Errorf("writing the NS record of %s into its parent zone: %w", name, err)
	}
	return nil
}

// parentZone returns the id of the nearest public zone enclosing name,
// creating a zone one label up when none exists.
func parentZone(ctx context.Context, c *route53.Client, name string) (string, error) {
	labels := strings.Split(name, ".")
	if len(labels) < 2 {
		return "", fmt.Errorf("zone %q has no parent domain", name)
	}
	var zones []r53types.HostedZone
	p := route53.NewListHostedZonesPaginator(c, &route53.ListHostedZonesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", fmt.Errorf("listing hosted zones: %w", err)
		}
		zones = append(zones, page.HostedZones...)
	}
	for i := 1; i < len(labels); i++ {
		parent := strings.Join(labels[i:], ".")
		for _, z := range zones {
			if strings.TrimSuffix(aws.ToString(z.Name), ".") == parent && (z.Config == nil || !z.Config.PrivateZone) {
				return aws.ToString(z.Id), nil
			}
		}
	}
	parent := strings.Join(labels[1:], ".")
	created, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(parent),
		CallerReference: aws.String("delegate-" + name)})
	if err != nil {
		return "", fmt.Errorf("creating parent zone %s: %w", parent, err)
	}
	return aws.ToString(created.HostedZone.Id), nil
}
