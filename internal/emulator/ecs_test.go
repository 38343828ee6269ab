package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// Fill-in ecs: service settings are read back and running follows desired.
func testECS(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := ecs.NewFromConfig(cfg)
	must(c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("svc")}))(t)
	must(c.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("svc"),
		ContainerDefinitions: []ecstypes.ContainerDefinition{{Name: aws.String("app"), Image: aws.String("nginx"), Memory: aws.Int32(128)}}}))(t)
	describe := func(name string) ecstypes.Service {
		return must(c.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("svc"), Services: []string{name}}))(t).Services[0]
	}

	must(c.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("svc"), ServiceName: aws.String("api"), TaskDefinition: aws.String("svc"),
		DesiredCount: aws.Int32(2), EnableExecuteCommand: true, EnableECSManagedTags: true, PropagateTags: ecstypes.PropagateTagsService,
		HealthCheckGracePeriodSeconds: aws.Int32(30), AvailabilityZoneRebalancing: ecstypes.AvailabilityZoneRebalancingEnabled,
		DeploymentConfiguration: &ecstypes.DeploymentConfiguration{DeploymentCircuitBreaker: &ecstypes.DeploymentCircuitBreaker{Enable: true, Rollback: true},
			MaximumPercent: aws.Int32(200), MinimumHealthyPercent: aws.Int32(50)}}))(t)
	must(c.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("svc"), ServiceName: aws.String("plain"), TaskDefinition: aws.String("svc"),
		DesiredCount: aws.Int32(1)}))(t)

	type view struct {
		exec, managedTags bool
		propagate         ecstypes.PropagateTags
		grace             int32
		rebalancing       ecstypes.AvailabilityZoneRebalancing
		breaker           bool
		running, desired  int32
	}
	read := func(s ecstypes.Service) view {
		v := view{exec: s.EnableExecuteCommand, managedTags: s.EnableECSManagedTags, propagate: s.PropagateTags,
			grace: aws.ToInt32(s.HealthCheckGracePeriodSeconds), rebalancing: s.AvailabilityZoneRebalancing,
			running: s.RunningCount, desired: s.DesiredCount}
		if s.DeploymentConfiguration != nil && s.DeploymentConfiguration.DeploymentCircuitBreaker != nil {
			v.breaker = s.DeploymentConfiguration.DeploymentCircuitBreaker.Enable
		}
		return v
	}
	tests := []struct {
		name   string
		update *ecs.UpdateServiceInput
		svc    string
		want   view
	}{
		{"created with every setting", nil, "api", view{true, true, ecstypes.PropagateTagsService, 30, ecstypes.AvailabilityZoneRebalancingEnabled, true, 2, 2}},
		{"created with defaults", nil, "plain", view{false, false, ecstypes.PropagateTagsNone, 0, ecstypes.AvailabilityZoneRebalancingDisabled, false, 1, 1}},
		{"updated", &ecs.UpdateServiceInput{Cluster: aws.String("svc"), Service: aws.String("api"), DesiredCount: aws.Int32(3),
			EnableExecuteCommand: aws.Bool(false), HealthCheckGracePeriodSeconds: aws.Int32(60)},
			"api", view{false, true, ecstypes.PropagateTagsService, 60, ecstypes.AvailabilityZoneRebalancingEnabled, true, 3, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.update != nil {
				must(c.UpdateService(ctx, tc.update))(t)
			}
			s := describe(tc.svc)
			if got := read(s); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if len(s.Deployments) == 0 || s.Deployments[0].RunningCount != tc.want.desired || s.Deployments[0].RolloutState != ecstypes.DeploymentRolloutStateCompleted {
				t.Errorf("primary deployment %+v", s.Deployments)
			}
		})
	}

	// A capacity provider strategy excludes a launch type: a Fargate/Spot
	// service has none; a service created with neither gets EC2.
	must(c.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("svc"),
		CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"}, DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{}}))(t)
	must(c.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("svc"), ServiceName: aws.String("spot"), TaskDefinition: aws.String("svc"),
		DesiredCount: aws.Int32(1), CapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
			{CapacityProvider: aws.String("FARGATE"), Base: 2, Weight: 1}, {CapacityProvider: aws.String("FARGATE_SPOT"), Weight: 4}}}))(t)
	launch := []struct {
		svc        string
		launchType ecstypes.LaunchType
		strategies int
	}{
		{"spot", "", 2},
		{"plain", ecstypes.LaunchTypeEc2, 0},
	}
	for _, tc := range launch {
		t.Run("launch type of "+tc.svc, func(t *testing.T) {
			s := describe(tc.svc)
			if s.LaunchType != tc.launchType || len(s.CapacityProviderStrategy) != tc.strategies {
				t.Errorf("launchType %q, %d strategies; want %q, %d", s.LaunchType, len(s.CapacityProviderStrategy), tc.launchType, tc.strategies)
			}
			if len(s.Deployments) == 0 || s.Deployments[0].LaunchType != tc.launchType || len(s.Deployments[0].CapacityProviderStrategy) != tc.strategies {
				t.Errorf("primary deployment %+v", s.Deployments)
			}
		})
	}
}
