package cost

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// UsageDef is one usage-dependent quantity: what the configuration cannot
// say (traffic, volumes), with the conservative default used when a
// stack's usage file does not set it.
type UsageDef struct {
	Name, Unit, What string
	Default          float64
}

// UsageDefs are the quantities a usage file may set. Defaults lean high
// for a small production service, so an unset figure over- rather than
// under-states the bill.
var UsageDefs = []UsageDef{
	{"nat_data_gb", "GB/month", "data processed by the NAT gateways (image pulls, AWS APIs, outbound calls), split across them", 100},
	{"alb_lcu", "LCU (average)", "Application Load Balancer capacity units in use on average", 1},
	{"alb_public_ipv4", "addresses", "public IPv4 addresses of the internet-facing ALB (one per zone)", 2},
	{"log_ingest_gb", "GB/month", "CloudWatch Logs ingested by the stack, split across its log groups", 10},
	{"cloudfront_data_gb", "GB/month", "data served by CloudFront to viewers", 50},
	{"cloudfront_requests_10k", "10k requests/month", "HTTPS requests to CloudFront", 100},
	{"s3_standard_gb", "GB per bucket", "S3 Standard storage in each bucket", 5},
	{"s3_standard_ia_gb", "GB per bucket", "S3 Standard-IA storage in each bucket with a lifecycle to it", 0},
	{"s3_glacier_gb", "GB per bucket", "S3 Glacier storage in each bucket with a lifecycle to it", 0},
	{"s3_puts_1k", "1k requests per bucket/month", "PUT/COPY/POST/LIST requests per bucket", 10},
	{"route53_queries_million", "million/month per zone", "standard DNS queries per hosted zone (alias queries are free)", 1},
	{"xray_traces_million", "million/month", "X-Ray traces recorded (the first 0.1 million are free)", 1},
	{"kms_requests_10k", "10k/month per key", "KMS requests per key (encrypted logs, secrets, storage)", 10},
	{"secrets_calls_10k", "10k/month per secret", "Secrets Manager API calls per secret (task starts read them)", 1},
	{"db_backup_gb_beyond_free", "GB per database", "automated backup storage above the free 100 % of provisioned storage", 0},
	{"ecr_storage_gb", "GB per repository", "image storage per ECR repository", 5},
}

// Usage holds a stack's usage figures (defaults merged with its file).
type Usage struct {
	Values map[string]float64
	// Buckets holds per-bucket s3_* figures from `bucket "<name>" {}`
	// blocks, by the bucket's module name (or resource name).
	Buckets map[string]map[string]float64
	// Set names the figures the stack's file set (the rest are defaults).
	Set  map[string]bool
	File string
}

// LoadUsage reads a stack's usage file; a missing file means defaults.
func LoadUsage(path string) (Usage, error) {
	u := Usage{Values: map[string]float64{}, Set: map[string]bool{}, Buckets: map[string]map[string]float64{}}
	for _, d := range UsageDefs {
		u.Values[d.Name] = d.Default
	}
	src, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return u, nil
	}
	if err != nil {
		return u, fmt.Errorf("reading usage file: %w", err)
	}
	u.File = path
	f, diags := hclparse.NewParser().ParseHCL(src, path)
	if diags.HasErrors() {
		return u, fmt.Errorf("usage file: %w", diags)
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return u, fmt.Errorf("usage file %s: not native HCL syntax", path)
	}
	var names []string
	for _, d := range UsageDefs {
		names = append(names, d.Name)
	}
	sort.Strings(names)
	number := func(name string, a *hclsyntax.Attribute) (float64, error) {
		if _, ok := u.Values[name]; !ok {
			return 0, fmt.Errorf("usage file %s: unknown figure %q: use one of %s", path, name, strings.Join(names, ", "))
		}
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || v.Type() != cty.Number || v.IsNull() {
			return 0, fmt.Errorf("usage file %s: %s must be a number", path, name)
		}
		f, _ := v.AsBigFloat().Float64()
		if f < 0 {
			return 0, fmt.Errorf("usage file %s: %s must be 0 or more", path, name)
		}
		return f, nil
	}
	for name, a := range body.Attributes {
		f, err := number(name, a)
		if err != nil {
			return u, err
		}
		u.Values[name], u.Set[name] = f, true
	}
	for _, b := range body.Blocks {
		if b.Type != "bucket" || len(b.Labels) != 1 {
			return u, fmt.Errorf("usage file %s: only `bucket \"<module name>\" { s3_… = N }` blocks are allowed, not %s", path, b.Type)
		}
		figs := map[string]float64{}
		for name, a := range b.Body.Attributes {
			if !strings.HasPrefix(name, "s3_") {
				return u, fmt.Errorf("usage file %s: bucket %q: only s3_ figures belong in a bucket block, not %s", path, b.Labels[0], name)
			}
			f, err := number(name, a)
			if err != nil {
				return u, err
			}
			figs[name] = f
		}
		u.Buckets[b.Labels[0]] = figs
	}
	return u, nil
}
