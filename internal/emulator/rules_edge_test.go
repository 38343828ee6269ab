package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func testIAMRules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	c := iam.NewFromConfig(cfg)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	role := func(name string) error {
		_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)})
		return err
	}

	t.Run("iam-role-name", func(t *testing.T) {
		long := strings.Repeat("r", 65)
		refused(t, role(long), "ValidationError", "Value '"+long+"' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64")
		refused(t, role("task role"), "ValidationError", "at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern")
		accepted(t, role(strings.Repeat("r", 63)+"="))
	})

	t.Run("iam-role-inline-policy-size", func(t *testing.T) {
		accepted(t, role("policy-size"))
		// A policy of about n non-blank characters; the indentation IAM does not count.
		document := func(n int) string {
			resource := "arn:aws:s3:::" + strings.Repeat("b", n-100)
			return fmt.Sprintf("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": %q}]\n}", resource)
		}
		put := func(name, doc string) error {
			_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("policy-size"), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
			return err
		}
		accepted(t, put("first", document(6000)))
		refused(t, put("second", document(6000)), "LimitExceeded", "Maximum policy size of 10240 bytes exceeded for role policy-size")
		accepted(t, put("second", document(4000)))
		accepted(t, put("first", document(6000))) // replacing a policy counts its new size, not both
	})
}

func testEC2Rules(t *testing.T, ctx context.Context, cfg aws.Config, net network) {
	c := ec2.NewFromConfig(cfg)
	group := func(name, description string) error {
		_, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(name), Description: aws.String(description), VpcId: aws.String(net.vpc)})
		return err
	}

	t.Run("ec2-security-group-name", func(t *testing.T) {
		refused(t, group("sg-web", "web"), "InvalidParameterValue", "Value (sg-web) for parameter GroupName is invalid. Group names may not be in the format sg-*.")
		accepted(t, group("web-sg", "web"))
	})

	t.Run("ec2-security-group-description", func(t *testing.T) {
		refused(t, group("app-sg", "App → database"), "InvalidParameterValue",
			"for parameter GroupDescription is invalid. Character sets beyond ASCII are not supported.")
		accepted(t, group("app-sg", "App: HTTP/HTTPS from the ALB (port 8080), #1"))
	})

	t.Run("ec2-security-group-rule-description", func(t *testing.T) {
		ingress := func(description string) error {
			_, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(net.sg),
				IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
					IpRanges: []ec2types.IpRange{{CidrIp: aws.String("10.40.0.0/16"), Description: aws.String(description)}}}}})
			return err
		}
		for _, bad := range []string{"app -> db", "customer's office", strings.Repeat("d", 256)} {
			refused(t, ingress(bad), "InvalidParameterValue",
				"Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*")
		}
		accepted(t, ingress("postgres from 10.40.0.0/16 (app tier) [ok]"))
	})
}

func testS3Rules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	bucket := func(name string) error {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
		return err
	}

	t.Run("s3-bucket-name", func(t *testing.T) {
		for _, bad := range []string{"ab", "Upper-Case", "under_score", "-leading", "trailing-", "two..dots", "192.168.5.4", "xn--punycode",
			"bucket-s3alias", strings.Repeat("b", 64)} {
			refused(t, bucket(bad), "InvalidBucketName", "The specified bucket is not valid.")
		}
		accepted(t, bucket("dev-app-alb-logs-123456789012"))
		accepted(t, bucket("static.example-1"))
	})

	lifecycle := func(rule s3types.LifecycleRule) error {
		rule.ID, rule.Status = aws.String("rule"), s3types.ExpirationStatusEnabled
		if rule.Filter == nil {
			rule.Filter = &s3types.LifecycleRuleFilter{Prefix: aws.String("logs/")}
		}
		_, err := c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String("dev-app-alb-logs-123456789012"),
			LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: []s3types.LifecycleRule{rule}}})
		return err
	}
	transition := func(days int32, class s3types.TransitionStorageClass) []s3types.Transition {
		return []s3types.Transition{{Days: aws.Int32(days), StorageClass: class}}
	}

	t.Run("s3-lifecycle-infrequent-access-days", func(t *testing.T) {
		refused(t, lifecycle(s3types.LifecycleRule{Transitions: transition(7, s3types.TransitionStorageClassStandardIa)}), "InvalidArgument",
			"'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'")
		refused(t, lifecycle(s3types.LifecycleRule{Transitions: transition(29, s3types.TransitionStorageClassOnezoneIa)}), "InvalidArgument",
			"'Days' in Transition action must be greater than or equal to 30 for storageClass 'ONEZONE_IA'")
		accepted(t, lifecycle(s3types.LifecycleRule{Transitions: transition(30, s3types.TransitionStorageClassStandardIa)}))
		accepted(t, lifecycle(s3types.LifecycleRule{Transitions: transition(1, s3types.TransitionStorageClassGlacier)}))
	})

	t.Run("s3-lifecycle-expiration-after-transition", func(t *testing.T) {
		refused(t, lifecycle(s3types.LifecycleRule{Transitions: transition(30, s3types.TransitionStorageClassStandardIa),
			Expiration: &s3types.LifecycleExpiration{Days: aws.Int32(30)}}), "InvalidArgument",
			"'Days' in the Expiration action for filter '(prefix=logs/)' must be greater than 'Days' in the Transition action")
		accepted(t, lifecycle(s3types.LifecycleRule{Transitions: transition(30, s3types.TransitionStorageClassStandardIa),
			Expiration: &s3types.LifecycleExpiration{Days: aws.Int32(31)}}))
	})

	t.Run("s3-public-policy-blocked", func(t *testing.T) {
		accepted(t, bucket("dev-app-static-123456789012"))
		must(c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String("dev-app-static-123456789012"),
			PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true),
				IgnorePublicAcls: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true)}}))(t)
		policy := func(statement map[string]any) error {
			doc, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{statement}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("dev-app-static-123456789012"), Policy: aws.String(string(doc))})
			return err
		}
		err := policy(map[string]any{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::dev-app-static-123456789012/*"})
		refused(t, err, "AccessDenied", "because public policies are blocked by the BlockPublicPolicy block public access setting.")
		var resp *awshttp.ResponseError
		if !errors.As(err, &resp) || resp.HTTPStatusCode() != 403 {
			t.Errorf("public policy refused with %v, want HTTP 403", err)
		}
		accepted(t, policy(map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "cloudfront.amazonaws.com"},
			"Action": "s3:GetObject", "Resource": "arn:aws:s3:::dev-app-static-123456789012/*",
			"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1"}}}))
	})
}

func testCloudFrontRules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	c := cloudfront.NewFromConfig(cfg)
	issued := issuedCertificate(t, ctx, cfg, "cdn.strict.test")
	distribution := func(ref, certificate string, aliases ...string) error {
		viewer := &cftypes.ViewerCertificate{CloudFrontDefaultCertificate: aws.Bool(true)}
		if certificate != "" {
			viewer = &cftypes.ViewerCertificate{ACMCertificateArn: aws.String(certificate), SSLSupportMethod: cftypes.SSLSupportMethodSniOnly,
				MinimumProtocolVersion: cftypes.MinimumProtocolVersionTLSv122021}
		}
		_, err := c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: &cftypes.DistributionConfig{
			CallerReference: aws.String(ref), Comment: aws.String(ref), Enabled: aws.Bool(true),
			Aliases: &cftypes.Aliases{Quantity: aws.Int32(int32(len(aliases))), Items: aliases},
			Origins: &cftypes.Origins{Quantity: aws.Int32(1), Items: []cftypes.Origin{{Id: aws.String("alb"), DomainName: aws.String("alb.example.com"),
				CustomOriginConfig: &cftypes.CustomOriginConfig{HTTPPort: aws.Int32(80), HTTPSPort: aws.Int32(443),
					OriginProtocolPolicy: cftypes.OriginProtocolPolicyHttpsOnly}}}},
			DefaultCacheBehavior: &cftypes.DefaultCacheBehavior{TargetOriginId: aws.String("alb"), ViewerProtocolPolicy: cftypes.ViewerProtocolPolicyRedirectToHttps,
				CachePolicyId: aws.String("658327ea-f89d-4fab-a63d-7e88639e58f6")},
			ViewerCertificate: viewer,
		}})
		return err
	}

	t.Run("cloudfront-viewer-certificate", func(t *testing.T) {
		west := aws.ToString(must(acm.NewFromConfig(cfg, func(o *acm.Options) { o.Region = "eu-west-1" }).RequestCertificate(ctx,
			&acm.RequestCertificateInput{DomainName: aws.String("cdn.strict.test"), ValidationMethod: acmtypes.ValidationMethodDns}))(t).CertificateArn)
		const text = "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain."
		refused(t, distribution("west", west), "InvalidViewerCertificate", text)
		refused(t, distribution("pending", requestCertificate(t, ctx, cfg, "pending.cdn.test")), "InvalidViewerCertificate", text)
		accepted(t, distribution("issued", issued))
	})

	t.Run("cloudfront-certificate-covers-aliases", func(t *testing.T) {
		refused(t, distribution("default-cert", "", "www.cdn.strict.test"), "InvalidViewerCertificate",
			"To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate")
		refused(t, distribution("uncovered", issued, "cdn.strict.test", "deep.www.cdn.strict.test"), "InvalidViewerCertificate",
			"The certificate that is attached to your distribution doesn't cover the alternate domain name (CNAME) that you're trying to add.")
		accepted(t, distribution("covered", issued, "cdn.strict.test", "www.cdn.strict.test"))
	})

	t.Run("cloudfront-cname-already-exists", func(t *testing.T) {
		err := distribution("taken", issued, "www.cdn.strict.test")
		refused(t, err, "CNAMEAlreadyExists", "One or more of the CNAMEs you provided are already associated with a different resource.")
		var resp *awshttp.ResponseError
		if !errors.As(err, &resp) || resp.HTTPStatusCode() != 409 {
			t.Errorf("alias taken: %v, want HTTP 409", err)
		}
		accepted(t, distribution("free", issued, "static.cdn.strict.test"))
	})
}
