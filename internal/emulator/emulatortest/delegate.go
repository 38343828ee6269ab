package emulatortest

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/taskmanager-platform/infra/internal/delegation"
)

// Delegate does on the emulator what a user does in a parent zone (or at a
// registrar) after creating a public hosted zone: the nearest enclosing
// public zone (created one label up when there is none) gets an NS record
// set for the zone's name holding the zone's own name servers. The
// emulator's ACM issues a DNS-validated certificate only for names in a zone
// delegated this way (rule acm-dns-validation-delegated in docs/emulator.md).
//
// zoneID is a hosted zone id with or without the /hostedzone/ prefix.
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
	_, err = delegation.DelegateLocal(ctx, c, delegation.Zones{name: zone.DelegationSet.NameServers})
	return err
}
