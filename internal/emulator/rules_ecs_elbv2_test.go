package emulator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

func createLoadBalancer(t *testing.T, ctx context.Context, c *elb.Client, name string, subnets ...string) string {
	t.Helper()
	return aws.ToString(must(c.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String(name),
		Subnets: subnets}))(t).LoadBalancers[0].LoadBalancerArn)
}

func createTargetGroup(t *testing.T, ctx context.Context, c *elb.Client, name, vpc string) string {
	t.Helper()
	return aws.ToString(must(c.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String(name),
		Protocol: elbtypes.ProtocolEnumHttp, Port: aws.Int32(8080), VpcId: aws.String(vpc), TargetType: elbtypes.TargetTypeEnumIp}))(t).TargetGroups[0].TargetGroupArn)
}

func forward(tg string) []elbtypes.Action {
	return []elbtypes.Action{{Type: elbtypes.ActionTypeEnumForward, TargetGroupArn: aws.String(tg)}}
}

func testECSRules(t *testing.T, ctx context.Context, cfg aws.Config, net network) {
	c := ecs.NewFromConfig(cfg)
	lbs := elb.NewFromConfig(cfg)
	must(c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("rules")}))(t)
	must(c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("rules-fargate"), CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"}}))(t)
	task := aws.ToString(must(c.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("rules-web"),
		NetworkMode: ecstypes.NetworkModeAwsvpc, RequiresCompatibilities: []ecstypes.Compatibility{ecstypes.CompatibilityFargate},
		Cpu: aws.String("256"), Memory: aws.String("512"), ContainerDefinitions: []ecstypes.ContainerDefinition{{Name: aws.String("web"),
			Image: aws.String("nginx"), Essential: aws.Bool(true), PortMappings: []ecstypes.PortMapping{{ContainerPort: aws.Int32(8080)}}}}}))(t).TaskDefinition.TaskDefinitionArn)
	service := func(cluster, name string, edit func(*ecs.CreateServiceInput)) error {
		in := &ecs.CreateServiceInput{Cluster: aws.String(cluster), ServiceName: aws.String(name), TaskDefinition: aws.String(task),
			DesiredCount: aws.Int32(1), NetworkConfiguration: &ecstypes.NetworkConfiguration{AwsvpcConfiguration: &ecstypes.AwsVpcConfiguration{
				Subnets: []string{net.a1, net.b1}, SecurityGroups: []string{net.sg}}}}
		if edit != nil {
			edit(in)
		}
		_, err := c.CreateService(ctx, in)
		return err
	}
	fargate := []ecstypes.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 1}}

	t.Run("ecs-target-group-without-load-balancer", func(t *testing.T) {
		tg := createTargetGroup(t, ctx, lbs, "rules-web", net.vpc)
		withTargetGroup := func(in *ecs.CreateServiceInput) {
			in.LaunchType = ecstypes.LaunchTypeFargate
			in.LoadBalancers = []ecstypes.LoadBalancer{{TargetGroupArn: aws.String(tg), ContainerName: aws.String("web"), ContainerPort: aws.Int32(8080)}}
		}
		refused(t, service("rules", "web", withTargetGroup), "InvalidParameterException",
			"The target group with targetGroupArn "+tg+" does not have an associated load balancer.")
		lb := createLoadBalancer(t, ctx, lbs, "rules-web", net.a1, net.b1)
		// A listener that redirects does not attach the target group; one that forwards does.
		must(lbs.CreateListener(ctx, &elb.CreateListenerInput{LoadBalancerArn: aws.String(lb), Protocol: elbtypes.ProtocolEnumHttp, Port: aws.Int32(81),
			DefaultActions: []elbtypes.Action{{Type: elbtypes.ActionTypeEnumRedirect, RedirectConfig: &elbtypes.RedirectActionConfig{
				Protocol: aws.String("HTTPS"), Port: aws.String("443"), StatusCode: elbtypes.RedirectActionStatusCodeEnumHttp301}}}}))(t)
		refused(t, service("rules", "web", withTargetGroup), "InvalidParameterException", "does not have an associated load balancer.")
		must(lbs.CreateListener(ctx, &elb.CreateListenerInput{LoadBalancerArn: aws.String(lb), Protocol: elbtypes.ProtocolEnumHttp,
			Port: aws.Int32(80), DefaultActions: forward(tg)}))(t)
		accepted(t, service("rules", "web", withTargetGroup))
	})

	t.Run("ecs-launch-type-with-capacity-providers", func(t *testing.T) {
		refused(t, service("rules-fargate", "both", func(in *ecs.CreateServiceInput) {
			in.LaunchType, in.CapacityProviderStrategy = ecstypes.LaunchTypeFargate, fargate
		}), "InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.")
		accepted(t, service("rules-fargate", "strategy", func(in *ecs.CreateServiceInput) { in.CapacityProviderStrategy = fargate }))
	})

	t.Run("ecs-capacity-provider-not-on-cluster", func(t *testing.T) {
		strategy := func(in *ecs.CreateServiceInput) { in.CapacityProviderStrategy = fargate }
		refused(t, service("rules", "spot", strategy), "InvalidParameterException",
			"The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.")
		must(c.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("rules"),
			CapacityProviders: []string{"FARGATE"}, DefaultCapacityProviderStrategy: fargate}))(t)
		accepted(t, service("rules", "spot", strategy))
	})

	t.Run("ecs-fargate-cpu-memory", func(t *testing.T) {
		register := func(cpu, memory string) error {
			_, err := c.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("rules-size"),
				NetworkMode: ecstypes.NetworkModeAwsvpc, RequiresCompatibilities: []ecstypes.Compatibility{ecstypes.CompatibilityFargate},
				Cpu: aws.String(cpu), Memory: aws.String(memory), ContainerDefinitions: []ecstypes.ContainerDefinition{{Name: aws.String("app"),
					Image: aws.String("nginx"), Essential: aws.Bool(true)}}})
			return err
		}
		for _, bad := range [][2]string{{"256", "4096"}, {"1024", "1024"}, {"512", "1536"}, {"300", "1024"}} {
			refused(t, register(bad[0], bad[1]), "ClientException",
				"No Fargate configuration exists for given values: "+bad[0]+" CPU, "+bad[1]+" memory. See the Amazon ECS documentation for the valid values.")
		}
		for _, good := range [][2]string{{"256", "512"}, {"512", "4096"}, {"1024", "3072"}, {"4096", "30720"}, {"1 vCPU", "2 GB"}} {
			accepted(t, register(good[0], good[1]))
		}
	})
}

func testELBv2Rules(t *testing.T, ctx context.Context, cfg aws.Config, net network) {
	c := elb.NewFromConfig(cfg)
	create := func(name string, subnets ...string) error {
		_, err := c.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String(name), Subnets: subnets})
		return err
	}

	t.Run("elbv2-load-balancer-name", func(t *testing.T) {
		long := strings.Repeat("l", 33)
		refused(t, create(long, net.a1, net.b1), "ValidationError", "The load balancer name '"+long+"' cannot be longer than '32' characters")
		accepted(t, create(strings.Repeat("l", 32), net.a1, net.b1))
	})

	t.Run("elbv2-target-group-name", func(t *testing.T) {
		tg := func(name string) error {
			_, err := c.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String(name), Protocol: elbtypes.ProtocolEnumHttp,
				Port: aws.Int32(80), VpcId: aws.String(net.vpc), TargetType: elbtypes.TargetTypeEnumIp})
			return err
		}
		long := strings.Repeat("t", 33)
		refused(t, tg(long), "ValidationError", "Target group name '"+long+"' cannot be longer than '32' characters")
		accepted(t, tg(strings.Repeat("t", 32)))
	})

	t.Run("elbv2-application-two-zones", func(t *testing.T) {
		refused(t, create("one-subnet", net.a1), "ValidationError", "At least two subnets in two different Availability Zones must be specified")
		refused(t, create("one-zone", net.a1, net.a2), "ValidationError", "At least two subnets in two different Availability Zones must be specified")
		accepted(t, create("two-zones", net.a1, net.b1))
	})

	t.Run("elbv2-one-subnet-per-zone", func(t *testing.T) {
		refused(t, create("zone-twice", net.a1, net.a2, net.b1), "InvalidConfigurationRequest",
			"A load balancer cannot be attached to multiple subnets in the same Availability Zone")
		accepted(t, create("zone-once", net.a2, net.b1))
	})

	lb := createLoadBalancer(t, ctx, c, "rules-https", net.a1, net.b1)
	tg := createTargetGroup(t, ctx, c, "rules-https", net.vpc)
	listener := func(port int32, protocol elbtypes.ProtocolEnum, certificate string) error {
		in := &elb.CreateListenerInput{LoadBalancerArn: aws.String(lb), Protocol: protocol, Port: aws.Int32(port), DefaultActions: forward(tg)}
		if certificate != "" {
			in.Certificates = []elbtypes.Certificate{{CertificateArn: aws.String(certificate)}}
		}
		_, err := c.CreateListener(ctx, in)
		return err
	}

	t.Run("elbv2-https-listener-certificate", func(t *testing.T) {
		refused(t, listener(443, elbtypes.ProtocolEnumHttps, ""), "ValidationError", "A certificate must be specified for HTTPS listeners")
		accepted(t, listener(80, elbtypes.ProtocolEnumHttp, ""))
	})

	t.Run("elbv2-certificate-issued", func(t *testing.T) {
		pending := requestCertificate(t, ctx, cfg, "pending.elb.test")
		refused(t, listener(443, elbtypes.ProtocolEnumHttps, pending), "UnsupportedCertificate",
			"The certificate '"+pending+"' must have a fully-qualified domain name, a supported signature, and a supported key size.")
		accepted(t, listener(443, elbtypes.ProtocolEnumHttps, issuedCertificate(t, ctx, cfg, "issued.elb.test")))
	})
}
