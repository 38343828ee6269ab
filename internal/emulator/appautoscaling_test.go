package emulator_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/google/go-cmp/cmp"
)

// Fill-in applicationautoscaling: tags of scalable targets.
func testAppAutoscaling(t *testing.T, ctx context.Context, cfg aws.Config) {
	e := ecs.NewFromConfig(cfg)
	must(e.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("aas")}))(t)
	must(e.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("aas"),
		ContainerDefinitions: []ecstypes.ContainerDefinition{{Name: aws.String("app"), Image: aws.String("nginx"), Memory: aws.Int32(128)}}}))(t)
	must(e.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("aas"), ServiceName: aws.String("web"),
		TaskDefinition: aws.String("aas"), DesiredCount: aws.Int32(1)}))(t)

	c := aas.NewFromConfig(cfg)
	out := must(c.RegisterScalableTarget(ctx, &aas.RegisterScalableTargetInput{
		ServiceNamespace: aastypes.ServiceNamespaceEcs, ResourceId: aws.String("service/aas/web"),
		ScalableDimension: aastypes.ScalableDimensionECSServiceDesiredCount,
		MinCapacity:       aws.Int32(1), MaxCapacity: aws.Int32(4), Tags: map[string]string{"team": "a"},
	}))(t)
	arn := out.ScalableTargetARN
	tags := func() map[string]string {
		return must(c.ListTagsForResource(ctx, &aas.ListTagsForResourceInput{ResourceARN: arn}))(t).Tags
	}
	if d := cmp.Diff(map[string]string{"team": "a"}, tags()); d != "" {
		t.Errorf("tags from RegisterScalableTarget (-want +got):\n%s", d)
	}
	must(c.TagResource(ctx, &aas.TagResourceInput{ResourceARN: arn, Tags: map[string]string{"env": "dev"}}))(t)
	must(c.UntagResource(ctx, &aas.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"team"}}))(t)
	if d := cmp.Diff(map[string]string{"env": "dev"}, tags()); d != "" {
		t.Errorf("tags after Tag/Untag (-want +got):\n%s", d)
	}
	if _, err := c.ListTagsForResource(ctx, &aas.ListTagsForResourceInput{ResourceARN: aws.String("arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/none")}); err == nil {
		t.Error("tags of an unknown target: want an error")
	}

	// Deleting what is not there: ObjectNotFoundException, as AWS answers
	// (the provider takes it as already deleted), not ValidationException.
	var notFound *aastypes.ObjectNotFoundException
	_, err := c.DeleteScalingPolicy(ctx, &aas.DeleteScalingPolicyInput{PolicyName: aws.String("absent"), ServiceNamespace: aastypes.ServiceNamespaceEcs,
		ResourceId: aws.String("service/aas/web"), ScalableDimension: aastypes.ScalableDimensionECSServiceDesiredCount})
	if !errors.As(err, &notFound) {
		t.Errorf("delete of a missing policy: %v, want ObjectNotFoundException", err)
	}
	must(c.DeregisterScalableTarget(ctx, &aas.DeregisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceEcs,
		ResourceId: aws.String("service/aas/web"), ScalableDimension: aastypes.ScalableDimensionECSServiceDesiredCount}))(t)
	_, err = c.DeregisterScalableTarget(ctx, &aas.DeregisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceEcs,
		ResourceId: aws.String("service/aas/web"), ScalableDimension: aastypes.ScalableDimensionECSServiceDesiredCount})
	if !errors.As(err, &notFound) {
		t.Errorf("deregistering a missing target: %v, want ObjectNotFoundException", err)
	}
}
