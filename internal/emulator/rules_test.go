package emulator_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// TestRules runs one emulator and checks every AWS rule it enforces (see
// docs/emulator.md, "AWS rules the emulator enforces"): one subtest per rule,
// named after it, with a request AWS refuses (error code and message) and
// one AWS accepts.
func TestRules(t *testing.T) {
	cfg := startEmulator(t)
	ctx := context.Background()
	net := newNetwork(t, ctx, cfg)
	for _, group := range []struct {
		name string
		run  func(t *testing.T, ctx context.Context, cfg aws.Config, net network)
	}{
		{"rds", testRDSRules},
		{"ecs", testECSRules},
		{"elbv2", testELBv2Rules},
		{"acm", testACMRules},
		{"secretsmanager", testSecretsManagerRules},
		{"elasticache", testElastiCacheRules},
		{"logs", testLogsRules},
		{"kms", testKMSRules},
		{"iam", testIAMRules},
		{"ec2", testEC2Rules},
		{"s3", testS3Rules},
		{"cloudfront", testCloudFrontRules},
	} {
		t.Run(group.name, func(t *testing.T) { group.run(t, ctx, cfg, net) })
	}
}

// refused fails the test unless err is an AWS error with this code whose
// message contains text.
func refused(t *testing.T, err error, code, text string) {
	t.Helper()
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("want refusal %s %q, got %v", code, text, err)
	}
	if api.ErrorCode() != code || !strings.Contains(api.ErrorMessage(), text) {
		t.Errorf("got %s: %s\nwant %s containing %q", api.ErrorCode(), api.ErrorMessage(), code, text)
	}
}

// accepted fails the test if err is not nil.
func accepted(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("want accepted, got %v", err)
	}
}

// network is a VPC with subnets in two Availability Zones (two in the
// first) and a security group.
type network struct {
	vpc, a1, a2, b1, sg string
}

func newNetwork(t *testing.T, ctx context.Context, cfg aws.Config) network {
	c := ec2.NewFromConfig(cfg)
	vpc := aws.ToString(must(c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.40.0.0/16")}))(t).Vpc.VpcId)
	subnet := func(cidr, zone string) string {
		return aws.ToString(must(c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc), CidrBlock: aws.String(cidr),
			AvailabilityZone: aws.String(zone)}))(t).Subnet.SubnetId)
	}
	n := network{vpc: vpc, a1: subnet("10.40.1.0/24", "us-east-1a"), a2: subnet("10.40.2.0/24", "us-east-1a"),
		b1: subnet("10.40.3.0/24", "us-east-1b")}
	n.sg = aws.ToString(must(c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("rules-tasks"),
		Description: aws.String("tasks"), VpcId: aws.String(vpc),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeSecurityGroup,
			Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String("rules-tasks")}}}}}))(t).GroupId)
	return n
}
