package unmanaged

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	tagging "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	taggingschemas "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/schemas"
	taggingtypes "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smithy "github.com/aws/smithy-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
)

// List returns what the account holds with TagKey = stack: the Resource
// Groups Tagging API in the configuration's region and in us-east-1 (where
// global resources such as hosted zones are listed), and IAM roles through
// IAM, which that API does not return. KMS keys pending deletion and
// secrets scheduled for deletion are left out: a destroy leaves them so.
func List(ctx context.Context, cfg aws.Config, stack string) ([]Tagged, error) {
	regions := []string{cfg.Region}
	if cfg.Region != "us-east-1" {
		regions = append(regions, "us-east-1")
	}
	seen := map[string]bool{}
	var out []Tagged
	for _, region := range regions {
		c := NewTagging(cfg, region)
		p := tagging.NewGetResourcesPaginator(c, &tagging.GetResourcesInput{
			TagFilters: []taggingtypes.TagFilter{{Key: aws.String(TagKey), Values: []string{stack}}},
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("listing resources tagged %s=%s in %s: %w", TagKey, stack, region, err)
			}
			for _, m := range page.ResourceTagMappingList {
				arn := aws.ToString(m.ResourceARN)
				if seen[arn] {
					continue
				}
				seen[arn] = true
				t := Tagged{ARN: arn, Name: NameFromARN(arn)}
				for _, tag := range m.Tags {
					if aws.ToString(tag.Key) == "Name" && t.Name == "" {
						t.Name = aws.ToString(tag.Value)
					}
				}
				keep, err := enrich(ctx, cfg, region, &t)
				if err != nil {
					return nil, err
				}
				if keep {
					out = append(out, t)
				}
			}
		}
	}
	roles, err := iamRoles(ctx, cfg, stack)
	if err != nil {
		return nil, err
	}
	return append(out, roles...), nil
}

// enrich names resources whose ARN does not (a hosted zone by its domain)
// and drops those on their way out.
func enrich(ctx context.Context, cfg aws.Config, region string, t *Tagged) (bool, error) {
	typ, id, _, _ := Classify(t.ARN)
	switch typ {
	case "aws_route53_zone":
		z, err := route53.NewFromConfig(cfg).GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
		if err != nil {
			return false, fmt.Errorf("reading hosted zone %s: %w", id, err)
		}
		t.Name = strings.TrimSuffix(aws.ToString(z.HostedZone.Name), ".")
	case "aws_kms_key":
		k, err := kms.NewFromConfig(cfg, func(o *kms.Options) { o.Region = region }).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(t.ARN)})
		if err != nil {
			return false, fmt.Errorf("reading KMS key %s: %w", id, err)
		}
		st := k.KeyMetadata.KeyState
		return st != kmstypes.KeyStatePendingDeletion && st != kmstypes.KeyStatePendingReplicaDeletion, nil
	case "aws_secretsmanager_secret":
		s, err := secretsmanager.NewFromConfig(cfg, func(o *secretsmanager.Options) { o.Region = region }).DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(t.ARN)})
		var ae smithy.APIError
		if errors.As(err, &ae) && ae.ErrorCode() == "ResourceNotFoundException" {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("reading secret %s: %w", t.ARN, err)
		}
		return s.DeletedDate == nil, nil
	}
	return true, nil
}

// iamRoles lists the roles tagged for the stack through IAM.
func iamRoles(ctx context.Context, cfg aws.Config, stack string) ([]Tagged, error) {
	c := iam.NewFromConfig(cfg)
	var out []Tagged
	p := iam.NewListRolesPaginator(c, &iam.ListRolesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing IAM roles: %w", err)
		}
		for _, r := range page.Roles {
			if strings.HasPrefix(aws.ToString(r.Path), "/aws-service-role/") {
				continue
			}
			tags, err := c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: r.RoleName})
			if err != nil {
				return nil, fmt.Errorf("reading the tags of IAM role %s: %w", aws.ToString(r.RoleName), err)
			}
			for _, tag := range tags.Tags {
				if aws.ToString(tag.Key) == TagKey && aws.ToString(tag.Value) == stack {
					out = append(out, Tagged{ARN: aws.ToString(r.Arn), Name: aws.ToString(r.RoleName)})
				}
			}
		}
	}
	return out, nil
}

// NewTagging is a Resource Groups Tagging API client in region speaking
// AWS JSON 1.1: the SDK's default Smithy RPC v2 CBOR is not served by the
// emulator, and AWS serves both (as verify.NewCloudWatch does for Query).
func NewTagging(cfg aws.Config, region string) *tagging.Client {
	return tagging.NewFromConfig(cfg, func(o *tagging.Options) {
		o.Region = region
		o.Protocol = awsjson.New11(taggingschemas.ResourceGroupsTaggingAPI_20170126)
	})
}
