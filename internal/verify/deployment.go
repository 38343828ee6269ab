package verify

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	tfjson "github.com/hashicorp/terraform-json"
)

// deployFunc is one of the designs' "verify deployment" checks: not only that
// a resource exists, but that it serves.
type deployFunc func(ctx context.Context, c *Clients, r *tfjson.StateResource) (string, error)

var deployment = map[string]deployFunc{
	// The HMS design: aws ecs list-services / describe-services.
	"aws_ecs_service": func(ctx context.Context, c *Clients, r *tfjson.StateResource) (string, error) {
		out, err := describeService(ctx, c, r)
		if err != nil {
			return "", err
		}
		s := out.Services[0]
		if s.DesiredCount < 1 || s.RunningCount != s.DesiredCount {
			return "", fmt.Errorf("%d of %d tasks running", s.RunningCount, s.DesiredCount)
		}
		return fmt.Sprintf("%d/%d tasks running", s.RunningCount, s.DesiredCount), nil
	},
	// The HMS design: aws rds describe-db-instances.
	"aws_db_instance": func(ctx context.Context, c *Clients, r *tfjson.StateResource) (string, error) {
		out, err := c.RDS.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(attr(r, "identifier"))})
		if err != nil {
			return "", err
		}
		db := out.DBInstances[0]
		switch {
		case aws.ToString(db.DBInstanceStatus) != "available":
			return "", fmt.Errorf("status %s", aws.ToString(db.DBInstanceStatus))
		case !aws.ToBool(db.StorageEncrypted):
			return "", fmt.Errorf("storage not encrypted")
		case aws.ToBool(db.PubliclyAccessible):
			return "", fmt.Errorf("publicly accessible")
		}
		return fmt.Sprintf("available, encrypted, %s %s", aws.ToString(db.Engine), aws.ToString(db.EngineVersion)), nil
	},
	// The HMS design: aws elbv2 describe-load-balancers.
	"aws_lb": func(ctx context.Context, c *Clients, r *tfjson.StateResource) (string, error) {
		out, err := c.ELB.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{attr(r, "arn")}})
		if err != nil {
			return "", err
		}
		lb := out.LoadBalancers[0]
		if lb.State == nil || lb.State.Code != elbtypes.LoadBalancerStateEnumActive {
			return "", fmt.Errorf("state %v", lb.State)
		}
		return "active, " + aws.ToString(lb.DNSName), nil
	},
	"aws_elasticache_replication_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) (string, error) {
		out, err := c.ElastiCache.DescribeReplicationGroups(ctx, &elasticache.DescribeReplicationGroupsInput{ReplicationGroupId: aws.String(attr(r, "id"))})
		if err != nil {
			return "", err
		}
		g := out.ReplicationGroups[0]
		switch {
		case aws.ToString(g.Status) != "available":
			return "", fmt.Errorf("status %s", aws.ToString(g.Status))
		case !aws.ToBool(g.AtRestEncryptionEnabled) || !aws.ToBool(g.TransitEncryptionEnabled):
			return "", fmt.Errorf("encryption at rest %v, in transit %v", aws.ToBool(g.AtRestEncryptionEnabled), aws.ToBool(g.TransitEncryptionEnabled))
		}
		return fmt.Sprintf("available, %d member clusters, encrypted", len(g.MemberClusters)), nil
	},
	"aws_cloudfront_distribution": func(ctx context.Context, c *Clients, r *tfjson.StateResource) (string, error) {
		out, err := c.CloudFront.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: aws.String(attr(r, "id"))})
		if err != nil {
			return "", err
		}
		d := out.Distribution
		if aws.ToString(d.Status) != "Deployed" || !aws.ToBool(d.DistributionConfig.Enabled) {
			return "", fmt.Errorf("status %s, enabled %v", aws.ToString(d.Status), aws.ToBool(d.DistributionConfig.Enabled))
		}
		return "deployed, " + aws.ToString(d.DomainName), nil
	},
}

// Stack runs the existence check of every resource in st and the deployment
// checks of those that serve traffic or hold data.
func Stack(ctx context.Context, c *Clients, stack string, st *tfjson.State) Report {
	rep := Exists(ctx, c, stack, st)
	for _, r := range Resources(st) {
		fn, ok := deployment[r.Type]
		if !ok {
			continue
		}
		detail, err := fn(ctx, c, r)
		check := Check{Name: r.Address + " serves", OK: err == nil, Detail: detail}
		if err != nil {
			check.Detail = err.Error()
		}
		rep.Checks = append(rep.Checks, check)
	}
	return rep
}
