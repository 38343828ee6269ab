package verify

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cloudwatchschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
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
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// Clients are the SDK clients the checks share.
type Clients struct {
	ACM         *acm.Client
	AutoScaling *applicationautoscaling.Client
	CloudFront  *cloudfront.Client
	CloudWatch  *cloudwatch.Client
	EC2         *ec2.Client
	ECR         *ecr.Client
	ECS         *ecs.Client
	ElastiCache *elasticache.Client
	ELB         *elbv2.Client
	IAM         *iam.Client
	KMS         *kms.Client
	Logs        *cloudwatchlogs.Client
	RDS         *rds.Client
	Route53     *route53.Client
	S3          *s3.Client
	Secrets     *secretsmanager.Client
	SNS         *sns.Client
	XRay        *xray.Client
}

// NewClients builds the clients from one configuration. pathStyle is for
// S3 on the emulator.
func NewClients(cfg aws.Config, pathStyle bool) *Clients {
	return &Clients{
		ACM:         acm.NewFromConfig(cfg),
		AutoScaling: applicationautoscaling.NewFromConfig(cfg),
		CloudFront:  cloudfront.NewFromConfig(cfg),
		CloudWatch:  NewCloudWatch(cfg),
		EC2:         ec2.NewFromConfig(cfg),
		ECR:         ecr.NewFromConfig(cfg),
		ECS:         ecs.NewFromConfig(cfg),
		ElastiCache: elasticache.NewFromConfig(cfg),
		ELB:         elbv2.NewFromConfig(cfg),
		IAM:         iam.NewFromConfig(cfg),
		KMS:         kms.NewFromConfig(cfg),
		Logs:        cloudwatchlogs.NewFromConfig(cfg),
		RDS:         rds.NewFromConfig(cfg),
		Route53:     route53.NewFromConfig(cfg),
		S3:          s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle }),
		Secrets:     secretsmanager.NewFromConfig(cfg),
		SNS:         sns.NewFromConfig(cfg),
		XRay:        xray.NewFromConfig(cfg),
	}
}

// NewCloudWatch speaks CloudWatch's AWS Query protocol. The SDK now defaults
// to Smithy RPC v2 CBOR, which the local emulator does not answer; AWS still
// serves Query (it is what the Terraform provider uses), so one client works
// against both.
func NewCloudWatch(cfg aws.Config) *cloudwatch.Client {
	return cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) {
		o.Protocol = awsquery.New(cloudwatchschemas.GraniteServiceVersion20100801)
	})
}
