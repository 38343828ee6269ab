package unmanaged

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
)

// Record is one record set of a hosted zone.
type Record struct{ Name, Type string }

// ZoneRecords are the orphans inside an orphaned hosted zone: its record
// sets carry no tags, so the tagging API cannot list them, yet a run killed
// after creating them leaves them too, and recreating one fails ("already
// exists"). The zone's own apex NS and SOA records come with the zone and
// are skipped. Each is imported as <zone>_<name>_<type>.
func ZoneRecords(zone Orphan, records []Record, planned []Resource) []Orphan {
	apex := ""
	for _, r := range records {
		if r.Type == "SOA" {
			apex = r.Name
		}
	}
	var out []Orphan
	for _, r := range records {
		if r.Name == apex && (r.Type == "NS" || r.Type == "SOA") {
			continue
		}
		o := Orphan{
			ARN:      zone.ARN + "/" + r.Name + "/" + r.Type,
			Type:     "aws_route53_record",
			ImportID: zone.ImportID + "_" + r.Name + "_" + r.Type,
			Delete:   fmt.Sprintf("aws route53 change-resource-record-sets --hosted-zone-id %s (a DELETE of %s %s)", zone.ImportID, r.Name, r.Type),
		}
		for _, p := range planned {
			if p.Type != "aws_route53_record" {
				continue
			}
			name, _ := p.Values["name"].(string)
			typ, _ := p.Values["type"].(string)
			if strings.TrimSuffix(name, ".") == r.Name && typ == r.Type {
				o.Address, o.Inferred = p.Address, true
			}
		}
		if o.Address == "" {
			o.Address = "aws_route53_record.adopted_" + strings.NewReplacer(".", "_", "-", "_", "*", "star").Replace(r.Name) + "_" + strings.ToLower(r.Type)
		}
		out = append(out, o)
	}
	return out
}

// ListRecords lists a hosted zone's record sets (names without the final dot).
func ListRecords(ctx context.Context, cfg aws.Config, zoneID string) ([]Record, error) {
	var out []Record
	p := route53.NewListResourceRecordSetsPaginator(route53.NewFromConfig(cfg), &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zoneID)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing the records of hosted zone %s: %w", zoneID, err)
		}
		for _, r := range page.ResourceRecordSets {
			out = append(out, Record{Name: strings.TrimSuffix(aws.ToString(r.Name), "."), Type: string(r.Type)})
		}
	}
	return out, nil
}

// UntaggedZones finds hosted zones a killed run created but never tagged:
// Route 53 takes no tags in CreateHostedZone, so the AWS provider tags a new
// zone in a second call, and a run killed in between leaves a zone the
// tagging API cannot find. A zone counts when its name is one the plan
// would create and its caller reference is the provider's
// ("terraform-…"); Find then drops those the state manages.
func UntaggedZones(ctx context.Context, cfg aws.Config, planned []Resource) ([]Tagged, error) {
	names := map[string]bool{}
	for _, p := range planned {
		if p.Type == "aws_route53_zone" {
			if n, ok := p.Values["name"].(string); ok {
				names[strings.TrimSuffix(n, ".")] = true
			}
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	var out []Tagged
	p := route53.NewListHostedZonesPaginator(route53.NewFromConfig(cfg), &route53.ListHostedZonesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing hosted zones: %w", err)
		}
		for _, z := range page.HostedZones {
			name := strings.TrimSuffix(aws.ToString(z.Name), ".")
			if names[name] && strings.HasPrefix(aws.ToString(z.CallerReference), "terraform-") {
				out = append(out, Tagged{ARN: "arn:aws:route53:::hostedzone/" + strings.TrimPrefix(aws.ToString(z.Id), "/hostedzone/"), Name: name})
			}
		}
	}
	return out, nil
}
