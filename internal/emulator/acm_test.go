package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
)

// Setting MOTO_ACM_VALIDATION_WAIT=0: a DNS-validated certificate is ISSUED on
// its first read and still names its validation record.
func testACM(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := acm.NewFromConfig(cfg)
	arn := must(c.RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: aws.String("app.example.test"),
		ValidationMethod: acmtypes.ValidationMethodDns, SubjectAlternativeNames: []string{"*.app.example.test"}}))(t).CertificateArn
	cert := must(c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: arn}))(t).Certificate
	if cert.Status != acmtypes.CertificateStatusIssued {
		t.Errorf("status %s, want ISSUED", cert.Status)
	}
	if len(cert.DomainValidationOptions) == 0 || cert.DomainValidationOptions[0].ResourceRecord == nil {
		t.Errorf("no validation record: %+v", cert.DomainValidationOptions)
	}
}
