package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Fill-in ec2: SG-referencing rules keep their description.
func testEC2(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := ec2.NewFromConfig(cfg)
	vpc := must(c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.8.0.0/16")}))(t).Vpc.VpcId
	db := must(c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("db"), Description: aws.String("db"), VpcId: vpc}))(t).GroupId
	app := must(c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("app"), Description: aws.String("app"), VpcId: vpc}))(t).GroupId
	perm := func(port int32, desc string) []ec2types.IpPermission {
		return []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
			UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: app, Description: aws.String(desc)}}}}
	}
	tests := []struct {
		name      string
		authorize func() ([]ec2types.SecurityGroupRule, error)
		want      string
	}{
		{"ingress", func() ([]ec2types.SecurityGroupRule, error) {
			out, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: db, IpPermissions: perm(5432, "from app")})
			if err != nil {
				return nil, err
			}
			return out.SecurityGroupRules, nil
		}, "from app"},
		{"egress", func() ([]ec2types.SecurityGroupRule, error) {
			out, err := c.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: db, IpPermissions: perm(6379, "to app")})
			if err != nil {
				return nil, err
			}
			return out.SecurityGroupRules, nil
		}, "to app"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules := must(tc.authorize())(t)
			got := must(c.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{aws.ToString(rules[0].SecurityGroupRuleId)}}))(t).SecurityGroupRules
			if len(got) != 1 || aws.ToString(got[0].Description) != tc.want || got[0].ReferencedGroupInfo == nil {
				t.Errorf("rule %+v, want description %q and a referenced group", got, tc.want)
			}
		})
	}
}
