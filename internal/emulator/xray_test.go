package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/xray"
	xraytypes "github.com/aws/aws-sdk-go-v2/service/xray/types"
)

// Fill-in xray: sampling rules and their tags.
func testXRay(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := xray.NewFromConfig(cfg)
	rule := must(c.CreateSamplingRule(ctx, &xray.CreateSamplingRuleInput{
		SamplingRule: &xraytypes.SamplingRule{RuleName: aws.String("api"), ResourceARN: aws.String("*"), Priority: aws.Int32(100),
			FixedRate: 0.1, ReservoirSize: 5, ServiceName: aws.String("api"), ServiceType: aws.String("*"), Host: aws.String("*"),
			HTTPMethod: aws.String("*"), URLPath: aws.String("*"), Version: aws.Int32(1)},
		Tags: []xraytypes.Tag{{Key: aws.String("team"), Value: aws.String("a")}},
	}))(t).SamplingRuleRecord.SamplingRule
	must(c.UpdateSamplingRule(ctx, &xray.UpdateSamplingRuleInput{SamplingRuleUpdate: &xraytypes.SamplingRuleUpdate{
		RuleName: aws.String("api"), FixedRate: aws.Float64(0.25)}}))(t)
	rates := map[string]float64{}
	for _, r := range must(c.GetSamplingRules(ctx, &xray.GetSamplingRulesInput{}))(t).SamplingRuleRecords {
		rates[aws.ToString(r.SamplingRule.RuleName)] = r.SamplingRule.FixedRate
	}
	if rates["api"] != 0.25 || len(rates) != 2 {
		t.Errorf("rules %v, want api at 0.25 and Default", rates)
	}
	must(c.TagResource(ctx, &xray.TagResourceInput{ResourceARN: rule.RuleARN, Tags: []xraytypes.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}}))(t)
	must(c.UntagResource(ctx, &xray.UntagResourceInput{ResourceARN: rule.RuleARN, TagKeys: []string{"team"}}))(t)
	tags := must(c.ListTagsForResource(ctx, &xray.ListTagsForResourceInput{ResourceARN: rule.RuleARN}))(t).Tags
	if len(tags) != 1 || aws.ToString(tags[0].Key) != "env" {
		t.Errorf("tags %+v", tags)
	}
	must(c.DeleteSamplingRule(ctx, &xray.DeleteSamplingRuleInput{RuleName: aws.String("api")}))(t)
	if _, err := c.DeleteSamplingRule(ctx, &xray.DeleteSamplingRuleInput{RuleName: aws.String("api")}); err == nil {
		t.Error("second delete: want an error")
	}
}
