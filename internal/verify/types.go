package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/xray"
	tfjson "github.com/hashicorp/terraform-json"
)

var errNotFound = errors.New("not found")

func init() {
	for k, v := range map[string]existsFunc{
		"aws_kms_key": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(attr(r, "key_id"))})
			return err
		},
		"aws_kms_alias": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(attr(r, "name"))})
			return err
		},
		"aws_db_instance": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.RDS.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(attr(r, "identifier"))})
			return err
		},
		"aws_db_subnet_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.RDS.DescribeDBSubnetGroups(ctx, &rds.DescribeDBSubnetGroupsInput{DBSubnetGroupName: aws.String(attr(r, "name"))})
			return err
		},
		"aws_db_parameter_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.RDS.DescribeDBParameterGroups(ctx, &rds.DescribeDBParameterGroupsInput{DBParameterGroupName: aws.String(attr(r, "name"))})
			return err
		},
		"aws_elasticache_replication_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ElastiCache.DescribeReplicationGroups(ctx, &elasticache.DescribeReplicationGroupsInput{ReplicationGroupId: aws.String(attr(r, "id"))})
			return err
		},
		"aws_elasticache_subnet_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ElastiCache.DescribeCacheSubnetGroups(ctx, &elasticache.DescribeCacheSubnetGroupsInput{CacheSubnetGroupName: aws.String(attr(r, "name"))})
			return err
		},
		"aws_elasticache_parameter_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ElastiCache.DescribeCacheParameterGroups(ctx, &elasticache.DescribeCacheParameterGroupsInput{CacheParameterGroupName: aws.String(attr(r, "name"))})
			return err
		},
		"aws_elasticache_user_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ElastiCache.DescribeUserGroups(ctx, &elasticache.DescribeUserGroupsInput{UserGroupId: aws.String(attr(r, "user_group_id"))})
			return err
		},
		"aws_ecs_cluster": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			out, err := c.ECS.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{attr(r, "name")}})
			if err == nil && (len(out.Clusters) != 1 || aws.ToString(out.Clusters[0].Status) != "ACTIVE") {
				return errNotFound
			}
			return err
		},
		"aws_ecs_service": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := describeService(ctx, c, r)
			return err
		},
		"aws_ecs_task_definition": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ECS.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(attr(r, "arn"))})
			return err
		},
		"aws_lb": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ELB.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{attr(r, "arn")}})
			return err
		},
		"aws_lb_target_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ELB.DescribeTargetGroups(ctx, &elbv2.DescribeTargetGroupsInput{TargetGroupArns: []string{attr(r, "arn")}})
			return err
		},
		"aws_lb_listener": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ELB.DescribeListeners(ctx, &elbv2.DescribeListenersInput{ListenerArns: []string{attr(r, "arn")}})
			return err
		},
		"aws_lb_listener_rule": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ELB.DescribeRules(ctx, &elbv2.DescribeRulesInput{RuleArns: []string{attr(r, "arn")}})
			return err
		},
		"aws_s3_bucket": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(attr(r, "bucket"))})
			return err
		},
		"aws_cloudwatch_metric_alarm": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			out, err := c.CloudWatch.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{attr(r, "alarm_name")}})
			if err == nil && len(out.MetricAlarms) != 1 {
				return errNotFound
			}
			return err
		},
		"aws_cloudwatch_dashboard": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.CloudWatch.GetDashboard(ctx, &cloudwatch.GetDashboardInput{DashboardName: aws.String(attr(r, "dashboard_name"))})
			return err
		},
		"aws_sns_topic": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.SNS.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(attr(r, "arn"))})
			return err
		},
		"aws_secretsmanager_secret": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.Secrets.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(attr(r, "arn"))})
			return err
		},
		"aws_ecr_repository": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ECR.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{attr(r, "name")}})
			return err
		},
		"aws_route53_zone": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.Route53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(attr(r, "zone_id"))})
			return err
		},
		"aws_route53_record": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			name := strings.TrimSuffix(strings.ToLower(attr(r, "fqdn")), ".")
			if name == "" {
				name = strings.TrimSuffix(strings.ToLower(attr(r, "name")), ".")
			}
			out, err := c.Route53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(attr(r, "zone_id"))})
			if err != nil {
				return err
			}
			for _, rr := range out.ResourceRecordSets {
				if strings.TrimSuffix(strings.ToLower(aws.ToString(rr.Name)), ".") == name && string(rr.Type) == attr(r, "type") {
					return nil
				}
			}
			return fmt.Errorf("%s %s not in zone %s", attr(r, "type"), name, attr(r, "zone_id"))
		},
		"aws_acm_certificate": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ACM.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String(attr(r, "arn"))})
			return err
		},
		"aws_cloudfront_distribution": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.CloudFront.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: aws.String(attr(r, "id"))})
			return err
		},
		"aws_cloudfront_origin_access_control": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.CloudFront.GetOriginAccessControl(ctx, &cloudfront.GetOriginAccessControlInput{Id: aws.String(attr(r, "id"))})
			return err
		},
		"aws_xray_sampling_rule": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			p := xray.NewGetSamplingRulesPaginator(c.XRay, &xray.GetSamplingRulesInput{})
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					return err
				}
				for _, rec := range page.SamplingRuleRecords {
					if rec.SamplingRule != nil && aws.ToString(rec.SamplingRule.RuleName) == attr(r, "rule_name") {
						return nil
					}
				}
			}
			return errNotFound
		},
		"aws_appautoscaling_target": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			out, err := c.AutoScaling.DescribeScalableTargets(ctx, &applicationautoscaling.DescribeScalableTargetsInput{
				ServiceNamespace:  astypes.ServiceNamespace(attr(r, "service_namespace")),
				ResourceIds:       []string{attr(r, "resource_id")},
				ScalableDimension: astypes.ScalableDimension(attr(r, "scalable_dimension")),
			})
			if err == nil && len(out.ScalableTargets) != 1 {
				return errNotFound
			}
			return err
		},
		"aws_appautoscaling_policy": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			out, err := c.AutoScaling.DescribeScalingPolicies(ctx, &applicationautoscaling.DescribeScalingPoliciesInput{
				ServiceNamespace: astypes.ServiceNamespace(attr(r, "service_namespace")),
				PolicyNames:      []string{attr(r, "name")},
				ResourceId:       aws.String(attr(r, "resource_id")),
			})
			if err == nil && len(out.ScalingPolicies) != 1 {
				return errNotFound
			}
			return err
		},
		"aws_iam_openid_connect_provider": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.IAM.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(attr(r, "arn"))})
			return err
		},
		"aws_iam_policy": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.IAM.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(attr(r, "arn"))})
			return err
		},
	} {
		existence[k] = v
	}
}

func describeService(ctx context.Context, c *Clients, r *tfjson.StateResource) (*ecs.DescribeServicesOutput, error) {
	out, err := c.ECS.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(attr(r, "cluster")), Services: []string{attr(r, "name")}})
	if err == nil && (len(out.Services) != 1 || aws.ToString(out.Services[0].Status) != "ACTIVE") {
		return nil, errNotFound
	}
	return out, err
}
