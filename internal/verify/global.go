package verify

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	tfjson "github.com/hashicorp/terraform-json"
)

// Existence checks of the resource types the global stacks (global/iam,
// global/ecr) add, and the design's expectations of an image repository.
func init() {
	for k, v := range map[string]existsFunc{
		"aws_iam_role_policy_attachment": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			return roleHasPolicy(ctx, c, attr(r, "role"), attr(r, "policy_arn"))
		},
		"aws_ecr_lifecycle_policy": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ECR.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(attr(r, "repository"))})
			return err
		},
		"aws_ecr_repository_policy": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
			_, err := c.ECR.GetRepositoryPolicy(ctx, &ecr.GetRepositoryPolicyInput{RepositoryName: aws.String(attr(r, "repository"))})
			return err
		},
	} {
		if _, dup := existence[k]; !dup {
			existence[k] = v
		}
	}
	if _, dup := deployment["aws_ecr_repository"]; !dup {
		deployment["aws_ecr_repository"] = ecrRepositoryServes
	}
}

// roleHasPolicy reports whether policyARN is attached to role.
func roleHasPolicy(ctx context.Context, c *Clients, role, policyARN string) error {
	p := iam.NewListAttachedRolePoliciesPaginator(c.IAM, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("listing policies attached to role %s: %w", role, err)
		}
		for _, ap := range page.AttachedPolicies {
			if aws.ToString(ap.PolicyArn) == policyARN {
				return nil
			}
		}
	}
	return fmt.Errorf("%s not attached to role %s: %w", policyARN, role, errNotFound)
}

// ecrRepositoryServes checks what the Task Manager design's images rely on: tags that cannot
// be overwritten, a scan of every push, and encryption with a KMS key.
func ecrRepositoryServes(ctx context.Context, c *Clients, r *tfjson.StateResource) (string, error) {
	out, err := c.ECR.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{attr(r, "name")}})
	if err != nil {
		return "", fmt.Errorf("describing repository %s: %w", attr(r, "name"), err)
	}
	if len(out.Repositories) != 1 {
		return "", errNotFound
	}
	return ecrRepositoryDetail(out.Repositories[0])
}

func ecrRepositoryDetail(repo ecrtypes.Repository) (string, error) {
	switch {
	case repo.ImageTagMutability != ecrtypes.ImageTagMutabilityImmutable:
		return "", fmt.Errorf("tags %s, want IMMUTABLE", repo.ImageTagMutability)
	case repo.ImageScanningConfiguration == nil || !repo.ImageScanningConfiguration.ScanOnPush:
		return "", fmt.Errorf("scan on push off")
	case repo.EncryptionConfiguration == nil || repo.EncryptionConfiguration.EncryptionType != ecrtypes.EncryptionTypeKms:
		return "", fmt.Errorf("not encrypted with KMS")
	}
	return "immutable tags, scan on push, KMS-encrypted, " + aws.ToString(repo.RepositoryUri), nil
}
