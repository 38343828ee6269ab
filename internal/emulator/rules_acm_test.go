package emulator_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/taskmanager-platform/infra/internal/emulator/emulatortest"
)

func testACMRules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	t.Run("acm-dns-validation-delegated", func(t *testing.T) {
		r53 := route53.NewFromConfig(cfg)
		status := func(arn string) (acmtypes.CertificateStatus, *acmtypes.ResourceRecord) {
			cert := must(acm.NewFromConfig(cfg).DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String(arn)}))(t).Certificate
			if len(cert.DomainValidationOptions) == 0 || cert.DomainValidationOptions[0].ResourceRecord == nil {
				t.Fatalf("no validation record: %+v", cert.DomainValidationOptions)
			}
			return cert.Status, cert.DomainValidationOptions[0].ResourceRecord
		}

		zone := createZone(t, ctx, r53, "shop.strict.test")
		arn := requestCertificate(t, ctx, cfg, "shop.strict.test", "*.shop.strict.test")
		if got, _ := status(arn); got != acmtypes.CertificateStatusPendingValidation {
			t.Fatalf("no validation record yet: status %s, want PENDING_VALIDATION", got)
		}
		publishValidation(t, ctx, cfg, zone, arn)
		if got, _ := status(arn); got != acmtypes.CertificateStatusPendingValidation {
			t.Errorf("record in a zone nobody delegated to: status %s, want PENDING_VALIDATION", got)
		}
		must(0, emulatortest.Delegate(ctx, r53, zone))(t)
		if got, _ := status(arn); got != acmtypes.CertificateStatusIssued {
			t.Errorf("record in a delegated zone: status %s, want ISSUED", got)
		}

		// A zone re-created under the same name gets new name servers: the
		// parent's NS record still names the old ones, so nothing issues.
		again := createZone(t, ctx, r53, "shop.strict.test")
		must(r53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zone),
			ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{Action: r53types.ChangeActionDelete,
				ResourceRecordSet: validationRecord(t, ctx, cfg, arn)}}}}))(t)
		must(r53.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String(zone)}))(t)
		second := requestCertificate(t, ctx, cfg, "api.shop.strict.test")
		publishValidation(t, ctx, cfg, again, second)
		if got, _ := status(second); got != acmtypes.CertificateStatusPendingValidation {
			t.Errorf("stale delegation: status %s, want PENDING_VALIDATION", got)
		}
		must(0, emulatortest.Delegate(ctx, r53, again))(t)
		if got, _ := status(second); got != acmtypes.CertificateStatusIssued {
			t.Errorf("re-delegated zone: status %s, want ISSUED", got)
		}
	})
}

var zoneSerial atomic.Int64

func createZone(t *testing.T, ctx context.Context, c *route53.Client, name string) string {
	t.Helper()
	out := must(c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(name),
		CallerReference: aws.String(fmt.Sprintf("%s-%d", name, zoneSerial.Add(1)))}))(t)
	return aws.ToString(out.HostedZone.Id)
}

func requestCertificate(t *testing.T, ctx context.Context, cfg aws.Config, domain string, sans ...string) string {
	t.Helper()
	return aws.ToString(must(acm.NewFromConfig(cfg).RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: aws.String(domain),
		ValidationMethod: acmtypes.ValidationMethodDns, SubjectAlternativeNames: sans}))(t).CertificateArn)
}

func validationRecord(t *testing.T, ctx context.Context, cfg aws.Config, arn string) *r53types.ResourceRecordSet {
	t.Helper()
	cert := must(acm.NewFromConfig(cfg).DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String(arn)}))(t).Certificate
	rr := cert.DomainValidationOptions[0].ResourceRecord
	return &r53types.ResourceRecordSet{Name: rr.Name, Type: r53types.RRType(rr.Type), TTL: aws.Int64(60),
		ResourceRecords: []r53types.ResourceRecord{{Value: rr.Value}}}
}

// publishValidation writes the certificate's validation CNAME into the zone,
// as aws_route53_record does in the acm-certificate module.
func publishValidation(t *testing.T, ctx context.Context, cfg aws.Config, zone, arn string) {
	t.Helper()
	must(route53.NewFromConfig(cfg).ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zone),
		ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{Action: r53types.ChangeActionUpsert,
			ResourceRecordSet: validationRecord(t, ctx, cfg, arn)}}}}))(t)
}

// issuedCertificate is a DNS-validated certificate for domain in region,
// ISSUED: its zone is created, holds the validation record and is delegated.
func issuedCertificate(t *testing.T, ctx context.Context, cfg aws.Config, domain string) string {
	t.Helper()
	r53 := route53.NewFromConfig(cfg)
	zone := createZone(t, ctx, r53, domain)
	arn := requestCertificate(t, ctx, cfg, domain, "*."+domain)
	publishValidation(t, ctx, cfg, zone, arn)
	must(0, emulatortest.Delegate(ctx, r53, zone))(t)
	cert := must(acm.NewFromConfig(cfg).DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String(arn)}))(t).Certificate
	if cert.Status != acmtypes.CertificateStatusIssued {
		t.Fatalf("certificate for %s: status %s, want ISSUED", domain, cert.Status)
	}
	return arn
}
