// Package global applies the three global stacks (global/iam, global/ecr,
// global/route53) to the emulator through the infra CLI, checks what the
// Task Manager design expects of them through the AWS SDK, proves that a second plan is
// empty, and destroys them.
package global

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

func TestGlobalStacks(t *testing.T) {
	state := t.TempDir()
	inst := clitest.LocalEmulator(t, state)
	cfg := clitest.SDK(t, inst)
	ctx := context.Background()
	clitest.MustInfra(t, state, "--local", "bootstrap")

	tests := []struct {
		stack string
		check func(t *testing.T)
	}{
		{"global-iam", func(t *testing.T) { checkIAM(t, ctx, iam.NewFromConfig(cfg)) }},
		{"global-ecr", func(t *testing.T) { checkECR(t, ctx, ecr.NewFromConfig(cfg)) }},
		{"global-route53", func(t *testing.T) { checkRoute53(t, ctx, route53.NewFromConfig(cfg)) }},
		{"hms-global", func(t *testing.T) { checkHMSGlobal(t, ctx, route53.NewFromConfig(cfg), ecr.NewFromConfig(cfg)) }},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			t.Parallel() // independent states; terraform processes are bounded by internal/tf
			r := clitest.MustInfra(t, state, "--local", "up", tt.stack)
			if !strings.Contains(r.Out, "confirmed through the AWS API") {
				t.Errorf("up did not verify the stack:\n%s", r)
			}
			tt.check(t)
			if p := clitest.Infra(t, state, "", "--local", "plan", tt.stack); p.Code != 0 || !strings.Contains(p.Out, "no changes") {
				t.Errorf("second plan is not empty (exit %d):\n%s", p.Code, tail(p.Out))
			}
			// The policy library on the stack's saved plan: every finding is
			// fixed or waived where the resource is declared.
			if r := clitest.Infra(t, state, "", "--local", "policy", tt.stack); r.Code != 0 || !strings.Contains(r.Out, "no unwaived findings") {
				t.Errorf("infra policy %s (exit %d):\n%s", tt.stack, r.Code, tail(r.Out))
			}
			clitest.MustInfra(t, state, "--local", "destroy", tt.stack, "--yes")
		})
	}
}

// checkIAM: the apply role trusts only GitHub's OIDC provider, for this
// repository's main branch and environments.
func checkIAM(t *testing.T, ctx context.Context, c *iam.Client) {
	t.Helper()
	role, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("github-actions-terraform")})
	if err != nil {
		t.Fatalf("getting the apply role: %v", err)
	}
	doc, err := url.QueryUnescape(aws.ToString(role.Role.AssumeRolePolicyDocument))
	if err != nil {
		t.Fatalf("decoding the trust policy: %v", err)
	}
	var trust struct {
		Statement []struct {
			Action    any
			Principal struct{ Federated string }
			Condition map[string]map[string]any
		}
	}
	if err := json.Unmarshal([]byte(doc), &trust); err != nil {
		t.Fatalf("parsing the trust policy %s: %v", doc, err)
	}
	if len(trust.Statement) != 1 {
		t.Fatalf("trust policy has %d statements, want 1: %s", len(trust.Statement), doc)
	}
	st := trust.Statement[0]
	if !strings.HasSuffix(st.Principal.Federated, ":oidc-provider/token.actions.githubusercontent.com") {
		t.Errorf("trusted principal %q, want the GitHub OIDC provider", st.Principal.Federated)
	}
	if aud := st.Condition["StringEquals"]["token.actions.githubusercontent.com:aud"]; aud != "sts.amazonaws.com" {
		t.Errorf("audience condition %v, want sts.amazonaws.com", aud)
	}
	var subs []string
	switch v := st.Condition["StringLike"]["token.actions.githubusercontent.com:sub"].(type) {
	case string:
		subs = []string{v}
	case []any:
		for _, s := range v {
			subs = append(subs, s.(string))
		}
	}
	slices.Sort(subs)
	// Pull requests plan with the plan role: they cannot assume the apply role.
	want := []string{
		"repo:taskmanager-platform/infra:environment:*",
		"repo:taskmanager-platform/infra:ref:refs/heads/main",
	}
	if !slices.Equal(subs, want) {
		t.Errorf("trusted subjects %v, want %v", subs, want)
	}
	attached, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("github-actions-terraform-plan")})
	if err != nil {
		t.Fatalf("listing the plan role's policies: %v", err)
	}
	if len(attached.AttachedPolicies) != 1 || aws.ToString(attached.AttachedPolicies[0].PolicyName) != "ReadOnlyAccess" {
		t.Errorf("plan role managed policies %v, want only ReadOnlyAccess", attached.AttachedPolicies)
	}
}

// checkECR: both repositories, immutable, scanned on push, KMS-encrypted,
// with the lifecycle rules.
func checkECR(t *testing.T, ctx context.Context, c *ecr.Client) {
	t.Helper()
	checkRepositories(t, ctx, c, "taskmanager-api", "taskmanager-worker")
}

// checkRepositories: immutable, scanned, KMS-encrypted, lifecycle as the
// ecr module writes it.
func checkRepositories(t *testing.T, ctx context.Context, c *ecr.Client, names ...string) {
	t.Helper()
	out, err := c.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: names})
	if err != nil {
		t.Fatalf("describing repositories: %v", err)
	}
	for _, r := range out.Repositories {
		if r.ImageTagMutability != ecrtypes.ImageTagMutabilityImmutable || !r.ImageScanningConfiguration.ScanOnPush || r.EncryptionConfiguration.EncryptionType != ecrtypes.EncryptionTypeKms {
			t.Errorf("%s: mutability %s, scan on push %v, encryption %s", aws.ToString(r.RepositoryName), r.ImageTagMutability, r.ImageScanningConfiguration.ScanOnPush, r.EncryptionConfiguration.EncryptionType)
		}
		lp, err := c.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: r.RepositoryName})
		if err != nil {
			t.Fatalf("lifecycle policy of %s: %v", aws.ToString(r.RepositoryName), err)
		}
		var policy struct {
			Rules []struct {
				Selection struct {
					TagStatus     string
					TagPrefixList []string
					CountType     string
					CountNumber   int
				}
			}
		}
		if err := json.Unmarshal([]byte(aws.ToString(lp.LifecyclePolicyText)), &policy); err != nil {
			t.Fatalf("parsing lifecycle policy: %v", err)
		}
		var got []string
		for _, rule := range policy.Rules {
			s := rule.Selection
			got = append(got, s.TagStatus+" "+strings.Join(s.TagPrefixList, ",")+" "+s.CountType+" "+strconv.Itoa(s.CountNumber))
		}
		want := []string{"untagged  sinceImagePushed 7", "tagged v imageCountMoreThan 30"}
		if !slices.Equal(got, want) {
			t.Errorf("%s lifecycle rules %q, want %q", aws.ToString(r.RepositoryName), got, want)
		}
	}
	if len(out.Repositories) != 2 {
		t.Errorf("%d repositories, want 2", len(out.Repositories))
	}
}

// checkRoute53: the zone exists with a CAA record allowing only Amazon.
func checkRoute53(t *testing.T, ctx context.Context, c *route53.Client) {
	t.Helper()
	zones, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String("taskmanager.example.com")})
	if err != nil || len(zones.HostedZones) == 0 || aws.ToString(zones.HostedZones[0].Name) != "taskmanager.example.com." {
		t.Fatalf("zone taskmanager.example.com not found: %v %v", zones, err)
	}
	rrs, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: zones.HostedZones[0].Id})
	if err != nil {
		t.Fatalf("listing records: %v", err)
	}
	var caa []string
	for _, rr := range rrs.ResourceRecordSets {
		if rr.Type == "CAA" {
			for _, v := range rr.ResourceRecords {
				caa = append(caa, aws.ToString(v.Value))
			}
		}
	}
	if !slices.Equal(caa, []string{`0 issue "amazon.com"`}) {
		t.Errorf("CAA records %q, want only 0 issue \"amazon.com\"", caa)
	}
}

// checkHMSGlobal: the HMS zones, dev delegated from the domain's zone inside
// the stack, the domain delegated from the emulator's stand-in parent by
// `infra up` (what a person does at the registrar), and the image
// repositories.
func checkHMSGlobal(t *testing.T, ctx context.Context, c *route53.Client, e *ecr.Client) {
	t.Helper()
	checkRepositories(t, ctx, e, "hms-backend", "hms-frontend")
	zone := func(name string) (string, []string) {
		t.Helper()
		zs, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String(name)})
		if err != nil || len(zs.HostedZones) == 0 || aws.ToString(zs.HostedZones[0].Name) != name+"." {
			t.Fatalf("zone %s not found: %v", name, err)
		}
		z, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: zs.HostedZones[0].Id})
		if err != nil {
			t.Fatal(err)
		}
		ns := z.DelegationSet.NameServers
		slices.Sort(ns)
		return aws.ToString(zs.HostedZones[0].Id), ns
	}
	nsRecord := func(parentID, name string) []string {
		t.Helper()
		rrs, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(parentID)})
		if err != nil {
			t.Fatal(err)
		}
		var values []string
		for _, rr := range rrs.ResourceRecordSets {
			if rr.Type == "NS" && strings.TrimSuffix(aws.ToString(rr.Name), ".") == name {
				for _, v := range rr.ResourceRecords {
					values = append(values, strings.TrimSuffix(aws.ToString(v.Value), "."))
				}
			}
		}
		slices.Sort(values)
		return values
	}
	domainID, domainNS := zone("hms.yourcompany.com")
	_, devNS := zone("dev.hms.yourcompany.com")
	parentID, _ := zone("yourcompany.com")
	for _, want := range []struct {
		parent, name string
		ns           []string
	}{{domainID, "dev.hms.yourcompany.com", devNS}, {parentID, "hms.yourcompany.com", domainNS}} {
		got := nsRecord(want.parent, want.name)
		trimmed := make([]string, len(want.ns))
		for i, n := range want.ns {
			trimmed[i] = strings.TrimSuffix(n, ".")
		}
		if !slices.Equal(got, trimmed) {
			t.Errorf("NS record of %s in its parent %v, want the zone's name servers %v", want.name, got, trimmed)
		}
	}
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}
