package cost

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/inventory"
	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

func TestSplit(t *testing.T) {
	design := []map[string]any{
		{"capacity_provider": "FARGATE", "base": 2.0, "weight": 1.0},
		{"capacity_provider": "FARGATE_SPOT", "base": 0.0, "weight": 4.0},
	}
	tests := []struct {
		name         string
		n            float64
		strategy     []map[string]any
		onDemand, sp float64
	}{
		{"no strategy: all on-demand", 5, nil, 5, 0},
		{"fewer tasks than the base", 1, design, 1, 0},
		{"the base, then 1:4", 7, design, 3, 4},
		{"production API floor", 5, design, 2.6, 2.4},
		{"Spot only", 4, []map[string]any{{"capacity_provider": "FARGATE_SPOT", "weight": 1.0}}, 0, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			od, sp := Split(tt.n, tt.strategy)
			if math.Abs(od-tt.onDemand) > 1e-9 || math.Abs(sp-tt.sp) > 1e-9 {
				t.Errorf("Split(%g) = %g on-demand, %g Spot; want %g, %g", tt.n, od, sp, tt.onDemand, tt.sp)
			}
		})
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[float64]string{0: "0.00", -1e-9: "0.00", 1234.5: "1,234.50", -1234567.891: "-1,234,567.89", 999.999: "1,000.00"} {
		if got := Money(in); got != want {
			t.Errorf("Money(%g) = %s, want %s", in, got, want)
		}
	}
}

const tinyTable = `region = "us-east-1"
currency = "USD"
price "nat/hour" {
  usd = 0.045
  unit = "hour"
  source = "https://aws.amazon.com/vpc/pricing/"
  date = "2026-12-05"
  confirmed = true
}
price "nat/gb" {
  usd = 0.045
  unit = "GB"
  source = "https://aws.amazon.com/vpc/pricing/"
  date = "2026-12-05"
  confirmed = false
}
free = ["aws_vpc: free"]
`

func TestEstimate(t *testing.T) {
	tab, err := ParseTable("t.hcl", []byte(tinyTable))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := LoadUsage(filepath.Join(t.TempDir(), "none.hcl"))
	inv := inventory.Inventory{Resources: []inventory.Resource{
		{Address: "module.n.aws_nat_gateway.a[0]", Module: "module.n", Type: "aws_nat_gateway"},
		{Address: "module.n.aws_nat_gateway.a[1]", Module: "module.n", Type: "aws_nat_gateway"},
		{Address: "aws_vpc.this", Type: "aws_vpc"},
		{Address: "aws_mq_broker.x", Type: "aws_mq_broker"},
	}}
	r, err := Estimate("s", "configuration", inv, tab, u)
	if err != nil {
		t.Fatal(err)
	}
	// Two gateways: 730 h each, and the 100 GB default split between them.
	want := 2*730*0.045 + 100*0.045
	if math.Abs(r.Monthly-want) > 1e-9 || r.Free != 1 || len(r.Lines) != 2 {
		t.Errorf("monthly %g free %d lines %d; want %g 1 2", r.Monthly, r.Free, len(r.Lines), want)
	}
	if strings.Join(r.Unpriced, ",") != "aws_mq_broker" {
		t.Errorf("unpriced %v, want aws_mq_broker", r.Unpriced)
	}
	if len(r.Assumptions) != 1 || r.Assumptions[0].Name != "nat_data_gb" || !r.Assumptions[0].Default {
		t.Errorf("assumptions %+v, want the default nat_data_gb", r.Assumptions)
	}
	if strings.Join(r.Unconfirmed, ",") != "nat/gb" {
		t.Errorf("unconfirmed %v, want nat/gb", r.Unconfirmed)
	}

	// A type whose price is missing names the key to add.
	inv.Resources = append(inv.Resources, inventory.Resource{Address: "aws_eip.x", Type: "aws_eip"})
	if _, err := Estimate("s", "configuration", inv, tab, u); err == nil || !strings.Contains(err.Error(), `no price "ipv4/hour"`) {
		t.Errorf("err = %v, want the missing price named", err)
	}
}

func TestDiff(t *testing.T) {
	before := Report{Stack: "s", Monthly: 10, Lines: []Line{{Address: "a", Monthly: 4}, {Address: "gone", Monthly: 6}}}
	after := Report{Stack: "s", Monthly: 13, Lines: []Line{{Address: "a", Monthly: 4}, {Address: "new", Monthly: 9}}}
	d := Diff(before, after)
	if d.Delta != 3 || len(d.Lines) != 2 || d.Lines[0].Address != "gone" || d.Lines[0].Delta != -6 || d.Lines[1].Delta != 9 {
		t.Errorf("delta %+v", d)
	}
}

func TestLoadUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, src, wantErr string
	}{
		{"set figure", "nat_data_gb = 7\n", ""},
		{"unknown figure", "nat_gb = 7\n", `unknown figure "nat_gb": use one of`},
		{"not a number", `nat_data_gb = "a lot"` + "\n", "must be a number"},
		{"negative", "nat_data_gb = -1\n", "must be 0 or more"},
		{"bucket block", "nat_data_gb = 7\nbucket \"backups\" {\n  s3_glacier_gb = 9\n}\n", ""},
		{"not a bucket figure", "bucket \"backups\" {\n  nat_data_gb = 9\n}\n", "only s3_ figures belong in a bucket block"},
		{"unknown block", "database \"x\" {}\n", "only `bucket"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name+".hcl")
			if err := os.WriteFile(p, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			u, err := LoadUsage(p)
			if tt.wantErr == "" {
				if err != nil || u.Values["nat_data_gb"] != 7 || !u.Set["nat_data_gb"] || u.Set["alb_lcu"] {
					t.Errorf("usage %+v err %v", u, err)
				}
				if tt.name == "bucket block" && u.Buckets["backups"]["s3_glacier_gb"] != 9 {
					t.Errorf("bucket figures %+v", u.Buckets)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestParseTableRejects(t *testing.T) {
	for name, src := range map[string]string{
		"duplicate key": tinyTable + strings.Replace(tinyTable[strings.Index(tinyTable, "price"):strings.Index(tinyTable, "price \"nat/gb\"")], "", "", 1),
		"no source":     strings.Replace(tinyTable, `"https://aws.amazon.com/vpc/pricing/"`, `""`, 1),
		"free reason":   strings.Replace(tinyTable, `"aws_vpc: free"`, `"aws_vpc"`, 1),
	} {
		if _, err := ParseTable(name, []byte(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestDeltaRender: the plan's cost delta as text and Markdown (what infra
// plan --markdown puts beside its summary). Refresh with go test -update.
func TestDeltaRender(t *testing.T) {
	d := Diff(
		Report{Stack: "tm-prod", Monthly: 1000, Lines: []Line{{Address: `module.ecs.aws_ecs_service.this["api"]`, Monthly: 100}, {Address: "aws_nat_gateway.b", Monthly: 32.85}}},
		Report{Stack: "tm-prod", Monthly: 1067.15, Lines: []Line{{Address: `module.ecs.aws_ecs_service.this["api"]`, Monthly: 200}}},
	)
	var b strings.Builder
	WriteDelta(&b, d)
	golden.Assert(t, "delta.txt", []byte(b.String()))
	golden.Assert(t, "delta.md", []byte(DeltaMarkdown(d)))
}
