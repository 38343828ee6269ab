package unmanaged_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/unmanaged"
)

const zoneARN = "arn:aws:route53:::hostedzone/Z0ABC"

func TestFind(t *testing.T) {
	zone := unmanaged.Tagged{ARN: zoneARN, Name: "taskmanager.example.com"}
	group := unmanaged.Tagged{ARN: "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app:*", Name: "/ecs/app"}
	plannedZone := unmanaged.Resource{Address: "aws_route53_zone.main", Type: "aws_route53_zone", Values: map[string]any{"name": "taskmanager.example.com"}}
	tests := []struct {
		name    string
		tagged  []unmanaged.Tagged
		state   []unmanaged.Resource
		planned []unmanaged.Resource
		want    []unmanaged.Orphan
	}{
		{name: "nothing tagged", want: nil},
		{
			name:   "in state by id",
			tagged: []unmanaged.Tagged{zone},
			state:  []unmanaged.Resource{{Address: "aws_route53_zone.main", Type: "aws_route53_zone", Values: map[string]any{"id": "Z0ABC"}}},
		},
		{
			name:   "in state by arn (log group arn without :*)",
			tagged: []unmanaged.Tagged{group},
			state:  []unmanaged.Resource{{Address: "aws_cloudwatch_log_group.app", Type: "aws_cloudwatch_log_group", Values: map[string]any{"arn": "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app", "id": "/ecs/app"}}},
		},
		{
			name:    "zone a killed apply created: the planned twin's address",
			tagged:  []unmanaged.Tagged{zone},
			planned: []unmanaged.Resource{plannedZone, {Address: "aws_route53_zone.other", Type: "aws_route53_zone", Values: map[string]any{"name": "other.example.com."}}},
			want:    []unmanaged.Orphan{{ARN: zoneARN, Type: "aws_route53_zone", ImportID: "Z0ABC", Address: "aws_route53_zone.main", Inferred: true, Delete: "aws route53 delete-hosted-zone --id Z0ABC (delete its record sets first)"}},
		},
		{
			name:    "name unknown, only one of its type planned",
			tagged:  []unmanaged.Tagged{{ARN: "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1"}},
			planned: []unmanaged.Resource{{Address: "module.net.aws_vpc.this", Type: "aws_vpc"}},
			want:    []unmanaged.Orphan{{ARN: "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1", Type: "aws_vpc", ImportID: "vpc-1", Address: "module.net.aws_vpc.this", Inferred: true, Delete: "aws ec2 delete-vpc --vpc-id vpc-1"}},
		},
		{
			name:   "nothing planned: a placeholder address",
			tagged: []unmanaged.Tagged{group},
			want:   []unmanaged.Orphan{{ARN: group.ARN, Type: "aws_cloudwatch_log_group", ImportID: "/ecs/app", Address: "aws_cloudwatch_log_group.adopted_app", Delete: "aws logs delete-log-group --log-group-name /ecs/app"}},
		},
		{
			name:   "unknown type: the ARN is the id",
			tagged: []unmanaged.Tagged{{ARN: "arn:aws:glue:us-east-1:123456789012:database/x"}},
			want:   []unmanaged.Orphan{{ARN: "arn:aws:glue:us-east-1:123456789012:database/x", ImportID: "arn:aws:glue:us-east-1:123456789012:database/x", Address: "UNKNOWN_TYPE.adopted_x", Delete: "delete it with the owning service's console or CLI (type not known to infra)"}},
		},
		{
			name: "running tasks, snapshots and earlier task definition revisions are not orphans",
			tagged: []unmanaged.Tagged{
				{ARN: "arn:aws:ecs:us-east-1:123456789012:task/c/abc"},
				{ARN: "arn:aws:rds:us-east-1:123456789012:snapshot:rds:db-2026"},
				{ARN: "arn:aws:ecs:us-east-1:123456789012:task-definition/api:1"},
			},
			state: []unmanaged.Resource{{Address: "aws_ecs_task_definition.api", Type: "aws_ecs_task_definition", Values: map[string]any{"family": "api", "arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/api:2"}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := unmanaged.Find(tc.tagged, tc.state, tc.planned)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Find (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNameFromARN(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:logs:us-east-1:1:log-group:/ecs/hms:*":                               "/ecs/hms",
		"arn:aws:ecr:us-east-1:1:repository/hms-backend":                              "hms-backend",
		"arn:aws:secretsmanager:us-east-1:1:secret:dev/db-master-AbC123":              "dev/db-master",
		"arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/dev-alb/50dc6c495": "dev-alb",
		"arn:aws:iam::1:role/service/dev-task":                                        "dev-task",
		"arn:aws:s3:::hms-backups-dev":                                                "hms-backups-dev",
		"arn:aws:ec2:us-east-1:1:vpc/vpc-1":                                           "",
		zoneARN:                                                                       "",
	} {
		if got := unmanaged.NameFromARN(arn); got != want {
			t.Errorf("NameFromARN(%s) = %q, want %q", arn, got, want)
		}
	}
}

// Every root's aws providers tag what they create with the stack's name,
// as a literal: a plain `terraform plan` in the root tags the same way.
func TestEveryRootTagsItsStack(t *testing.T) {
	tfDir := filepath.Join("..", "..", "infrastructure", "terraform")
	cat, err := stacks.Load(tfDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cat.All() {
		src, err := os.ReadFile(filepath.Join(tfDir, filepath.FromSlash(s.Path), "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		f, diags := hclsyntax.ParseConfig(src, s.Path+"/main.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		providers, tagged := 0, 0
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			switch {
			case b.Type == "provider" && b.Labels[0] == "aws":
				providers++
				for _, d := range b.Body.Blocks {
					if d.Type == "default_tags" && d.Body.Attributes["tags"] != nil {
						tagged++
					}
				}
			case b.Type == "locals":
				ct, ok := b.Body.Attributes["common_tags"]
				if !ok {
					continue
				}
				obj, ok := ct.Expr.(*hclsyntax.ObjectConsExpr)
				if !ok {
					t.Fatalf("%s: common_tags is not an object", s.Path)
				}
				found := false
				for _, it := range obj.Items {
					k, _ := it.KeyExpr.Value(nil)
					v, diags := it.ValueExpr.Value(nil)
					if !diags.HasErrors() && k.AsString() == unmanaged.TagKey {
						found = true
						if v.AsString() != s.Name {
							t.Errorf("%s: %s = %q, want the stack name %q", s.Path, unmanaged.TagKey, v.AsString(), s.Name)
						}
					}
				}
				if !found {
					t.Errorf("%s: common_tags lacks %q = %q", s.Path, unmanaged.TagKey, s.Name)
				}
			}
		}
		if providers == 0 || tagged != providers {
			t.Errorf("%s: %d aws providers, %d with default_tags", s.Path, providers, tagged)
		}
	}
}

func TestZoneRecords(t *testing.T) {
	zone := unmanaged.Orphan{ARN: zoneARN, Type: "aws_route53_zone", ImportID: "Z0ABC"}
	records := []unmanaged.Record{
		{Name: "taskmanager.example.com", Type: "NS"},
		{Name: "taskmanager.example.com", Type: "SOA"},
		{Name: "taskmanager.example.com", Type: "CAA"},
		{Name: "www.taskmanager.example.com", Type: "A"},
	}
	planned := []unmanaged.Resource{{Address: "aws_route53_record.caa", Type: "aws_route53_record", Values: map[string]any{"name": "taskmanager.example.com", "type": "CAA"}}}
	got := unmanaged.ZoneRecords(zone, records, planned)
	want := []unmanaged.Orphan{
		{ARN: zoneARN + "/taskmanager.example.com/CAA", Type: "aws_route53_record", ImportID: "Z0ABC_taskmanager.example.com_CAA", Address: "aws_route53_record.caa", Inferred: true,
			Delete: "aws route53 change-resource-record-sets --hosted-zone-id Z0ABC (a DELETE of taskmanager.example.com CAA)"},
		{ARN: zoneARN + "/www.taskmanager.example.com/A", Type: "aws_route53_record", ImportID: "Z0ABC_www.taskmanager.example.com_A", Address: "aws_route53_record.adopted_www_taskmanager_example_com_a",
			Delete: "aws route53 change-resource-record-sets --hosted-zone-id Z0ABC (a DELETE of www.taskmanager.example.com A)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ZoneRecords (-want +got):\n%s", diff)
	}
}
