package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// dayTwo runs against the applied dev stack of TestWalkingSkeleton: drift
// made through the SDK is reported with resource and attribute (exit 3), a
// reviewed plan repairs it, a plan made before someone else's apply is
// refused as stale, and bad input is refused with nothing changed.
func dayTwo(t *testing.T, state string, cfg aws.Config) {
	ctx := context.Background()
	e := ec2.NewFromConfig(cfg)

	if r := infra(t, state, "", "--local", "drift", "dev"); r.code != ExitOK || !strings.Contains(r.out, "tm-dev: in sync") {
		t.Fatalf("untouched stack: want in sync (exit 0), got %s", r)
	}

	vpcs, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{"dev-taskmanager-vpc"}}}})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("dev VPC: %v", err)
	}
	vpcID := aws.ToString(vpcs.Vpcs[0].VpcId)
	subnets, err := e.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil || len(subnets.Subnets) == 0 {
		t.Fatalf("subnets: %v", err)
	}
	subnet := subnets.Subnets[0]
	if _, err := e.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: []ec2types.Tag{{Key: aws.String("Owner"), Value: aws.String("someone-by-hand")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{aws.ToString(subnet.SubnetId)}, Tags: []ec2types.Tag{{Key: aws.String("Type")}}}); err != nil {
		t.Fatal(err)
	}

	r := infra(t, state, "", "--local", "drift", "dev")
	if r.code != ExitFindings {
		t.Fatalf("drift: want exit 3, got %s", r)
	}
	for _, want := range []string{"tm-dev: DRIFTED", "aws_vpc.", `tags.Owner: null → "someone-by-hand"`, "aws_subnet.", "tags.Type: "} {
		if !strings.Contains(r.out, want) {
			t.Errorf("drift report lacks %q:\n%s", want, r.out)
		}
	}
	md := infra(t, state, "", "--local", "drift", "--all", "--markdown")
	if md.code != ExitFindings || !strings.Contains(md.out, "<details>") || !strings.Contains(md.out, "**tm-dev**: drifted") {
		t.Errorf("drift --markdown: %s", md)
	}

	// A plan made now goes stale when someone else applies first.
	stale := filepath.Join(t.TempDir(), "stale.tfplan")
	if p := infra(t, state, "", "--local", "plan", "dev", "--out", stale); p.code != ExitUsage {
		t.Fatalf("plan to repair drift: want changes (exit 2), got %s", p)
	}
	p := infra(t, state, "", "--local", "plan", "dev", "--markdown")
	if p.code != ExitUsage || !strings.Contains(p.out, "| `aws_vpc` |") || !strings.Contains(p.out, "plan hash") {
		t.Fatalf("plan --markdown: %s", p)
	}
	mustInfra(t, state, "--local", "apply", "dev")
	if r := infra(t, state, "", "--local", "drift", "dev"); r.code != ExitOK {
		t.Fatalf("after the repair: want in sync, got %s", r)
	}
	r = infra(t, state, "", "--local", "apply", "dev", "--plan", stale)
	if r.code != ExitUsage || !strings.Contains(r.err, "stale plan") || !strings.Contains(r.err, "infra plan tm-dev") {
		t.Fatalf("stale plan: want refusal, got %s", r)
	}

	// Bad input: refused, nothing changed.
	junk := filepath.Join(t.TempDir(), "junk.tfplan")
	if err := os.WriteFile(junk, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not a plan", []string{"--local", "apply", "dev", "--plan", junk}, ExitUsage, "not a plan saved by `infra plan`"},
		{"no saved plan", []string{"--local", "apply", "dev"}, ExitUsage, "run `infra plan tm-dev` first"},
		{"drift on unknown stack", []string{"--local", "drift", "tm-qa"}, ExitUsage, "known stacks"},
		{"drift without stacks", []string{"--local", "drift"}, ExitUsage, "--all"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := infra(t, state, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.err, tc.want) {
				t.Fatalf("want exit %d with %q, got %s", tc.code, tc.want, r)
			}
		})
	}
}
