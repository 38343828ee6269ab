package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// Fill-in cloudfront: managed and custom policies, distribution read-back.
func testCloudFront(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := cloudfront.NewFromConfig(cfg)

	t.Run("managed policies by name", func(t *testing.T) {
		names := map[string]string{}
		for _, i := range must(c.ListCachePolicies(ctx, &cloudfront.ListCachePoliciesInput{Type: cftypes.CachePolicyTypeManaged}))(t).CachePolicyList.Items {
			names[aws.ToString(i.CachePolicy.CachePolicyConfig.Name)] = aws.ToString(i.CachePolicy.Id)
		}
		for _, i := range must(c.ListOriginRequestPolicies(ctx, &cloudfront.ListOriginRequestPoliciesInput{}))(t).OriginRequestPolicyList.Items {
			names[aws.ToString(i.OriginRequestPolicy.OriginRequestPolicyConfig.Name)] = aws.ToString(i.OriginRequestPolicy.Id)
		}
		for _, i := range must(c.ListResponseHeadersPolicies(ctx, &cloudfront.ListResponseHeadersPoliciesInput{}))(t).ResponseHeadersPolicyList.Items {
			names[aws.ToString(i.ResponseHeadersPolicy.ResponseHeadersPolicyConfig.Name)] = aws.ToString(i.ResponseHeadersPolicy.Id)
		}
		for name, id := range map[string]string{
			"Managed-CachingOptimized":          "658327ea-f89d-4fab-a63d-7e88639e58f6",
			"Managed-CachingDisabled":           "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
			"Managed-AllViewer":                 "216adef6-5c7f-47e4-b989-5492eafa07d3",
			"Managed-AllViewerExceptHostHeader": "b689b0a8-53d0-40ab-baf2-68738e2966ac",
			"Managed-SecurityHeadersPolicy":     "67f7725c-6f97-4210-82d7-5512b31e9d03",
		} {
			if names[name] != id {
				t.Errorf("%s: id %q, want %q", name, names[name], id)
			}
		}
		got := must(c.GetCachePolicy(ctx, &cloudfront.GetCachePolicyInput{Id: aws.String("658327ea-f89d-4fab-a63d-7e88639e58f6")}))(t)
		if aws.ToInt64(got.CachePolicy.CachePolicyConfig.DefaultTTL) != 86400 || aws.ToString(got.ETag) == "" {
			t.Errorf("GetCachePolicy: %+v", got.CachePolicy.CachePolicyConfig)
		}
	})

	t.Run("custom cache policy lifecycle", func(t *testing.T) {
		config := func(ttl int64) *cftypes.CachePolicyConfig {
			return &cftypes.CachePolicyConfig{Name: aws.String("api"), MinTTL: aws.Int64(0), DefaultTTL: aws.Int64(ttl), MaxTTL: aws.Int64(3600),
				ParametersInCacheKeyAndForwardedToOrigin: &cftypes.ParametersInCacheKeyAndForwardedToOrigin{
					EnableAcceptEncodingGzip: aws.Bool(true), HeadersConfig: &cftypes.CachePolicyHeadersConfig{HeaderBehavior: cftypes.CachePolicyHeaderBehaviorNone},
					CookiesConfig:      &cftypes.CachePolicyCookiesConfig{CookieBehavior: cftypes.CachePolicyCookieBehaviorNone},
					QueryStringsConfig: &cftypes.CachePolicyQueryStringsConfig{QueryStringBehavior: cftypes.CachePolicyQueryStringBehaviorNone}}}
		}
		created := must(c.CreateCachePolicy(ctx, &cloudfront.CreateCachePolicyInput{CachePolicyConfig: config(60)}))(t)
		updated := must(c.UpdateCachePolicy(ctx, &cloudfront.UpdateCachePolicyInput{Id: created.CachePolicy.Id, IfMatch: created.ETag, CachePolicyConfig: config(120)}))(t)
		if aws.ToInt64(updated.CachePolicy.CachePolicyConfig.DefaultTTL) != 120 {
			t.Errorf("updated DefaultTTL %d", aws.ToInt64(updated.CachePolicy.CachePolicyConfig.DefaultTTL))
		}
		must(c.DeleteCachePolicy(ctx, &cloudfront.DeleteCachePolicyInput{Id: created.CachePolicy.Id, IfMatch: updated.ETag}))(t)
		if _, err := c.GetCachePolicy(ctx, &cloudfront.GetCachePolicyInput{Id: created.CachePolicy.Id}); err == nil {
			t.Error("policy still readable after delete")
		}
	})

	t.Run("distribution fields read back", func(t *testing.T) {
		oac := must(c.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: &cftypes.OriginAccessControlConfig{
			Name: aws.String("site"), SigningProtocol: cftypes.OriginAccessControlSigningProtocolsSigv4,
			SigningBehavior: cftypes.OriginAccessControlSigningBehaviorsAlways, OriginAccessControlOriginType: cftypes.OriginAccessControlOriginTypesS3}}))(t).OriginAccessControl.Id
		dist := must(c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: &cftypes.DistributionConfig{
			CallerReference: aws.String("fillin"), Comment: aws.String("c"), Enabled: aws.Bool(true),
			Origins: &cftypes.Origins{Quantity: aws.Int32(2), Items: []cftypes.Origin{
				{Id: aws.String("s3"), DomainName: aws.String("site.s3.us-east-1.amazonaws.com"), OriginAccessControlId: oac,
					S3OriginConfig: &cftypes.S3OriginConfig{OriginAccessIdentity: aws.String("")}},
				{Id: aws.String("alb"), DomainName: aws.String("alb.example.com"), CustomOriginConfig: &cftypes.CustomOriginConfig{
					HTTPPort: aws.Int32(80), HTTPSPort: aws.Int32(443), OriginProtocolPolicy: cftypes.OriginProtocolPolicyHttpsOnly}}}},
			DefaultCacheBehavior: &cftypes.DefaultCacheBehavior{TargetOriginId: aws.String("s3"), ViewerProtocolPolicy: cftypes.ViewerProtocolPolicyRedirectToHttps,
				CachePolicyId: aws.String("658327ea-f89d-4fab-a63d-7e88639e58f6"), ResponseHeadersPolicyId: aws.String("67f7725c-6f97-4210-82d7-5512b31e9d03")},
			CacheBehaviors: &cftypes.CacheBehaviors{Quantity: aws.Int32(1), Items: []cftypes.CacheBehavior{{PathPattern: aws.String("/api/*"),
				TargetOriginId: aws.String("alb"), ViewerProtocolPolicy: cftypes.ViewerProtocolPolicyHttpsOnly,
				CachePolicyId: aws.String("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"), OriginRequestPolicyId: aws.String("b689b0a8-53d0-40ab-baf2-68738e2966ac")}}},
			ViewerCertificate: &cftypes.ViewerCertificate{CloudFrontDefaultCertificate: aws.Bool(true)},
		}}))(t).Distribution
		if want := "arn:aws:cloudfront::123456789012:distribution/" + aws.ToString(dist.Id); aws.ToString(dist.ARN) != want {
			t.Errorf("distribution ARN %q, want %q (empty region field)", aws.ToString(dist.ARN), want)
		}
		must(c.TagResource(ctx, &cloudfront.TagResourceInput{Resource: dist.ARN, Tags: &cftypes.Tags{Items: []cftypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}))(t)
		if tags := must(c.ListTagsForResource(ctx, &cloudfront.ListTagsForResourceInput{Resource: dist.ARN}))(t).Tags.Items; len(tags) != 1 || aws.ToString(tags[0].Key) != "k" {
			t.Errorf("tags by ARN: %v", tags)
		}
		got := must(c.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: dist.Id}))(t).Distribution.DistributionConfig
		if aws.ToString(got.Origins.Items[0].OriginAccessControlId) != aws.ToString(oac) {
			t.Errorf("origin access control id %q, want %q", aws.ToString(got.Origins.Items[0].OriginAccessControlId), aws.ToString(oac))
		}
		if got.DefaultCacheBehavior.ForwardedValues != nil || got.CacheBehaviors.Items[0].ForwardedValues != nil {
			t.Error("ForwardedValues returned although a cache policy is set")
		}
		if aws.ToString(got.DefaultCacheBehavior.ResponseHeadersPolicyId) != "67f7725c-6f97-4210-82d7-5512b31e9d03" ||
			aws.ToString(got.CacheBehaviors.Items[0].OriginRequestPolicyId) != "b689b0a8-53d0-40ab-baf2-68738e2966ac" {
			t.Error("policy ids not read back")
		}
		if got.ViewerCertificate.SSLSupportMethod != "" {
			t.Errorf("SSLSupportMethod %q for the default certificate, want none", got.ViewerCertificate.SSLSupportMethod)
		}
	})
}
