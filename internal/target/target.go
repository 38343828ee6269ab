// Package target decides where a run goes — real AWS or the local emulator —
// and builds what differs between the two at run time: the environment of
// Terraform processes, the backend settings passed to `terraform init`, and
// SDK configurations. In local mode it refuses any endpoint that is not on
// the loopback interface, so a local run can never touch a real account.
package target

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/awsx"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/hclgen"
)

// Target is where a run goes.
type Target struct {
	Local    bool
	Endpoint string // the emulator, local mode only
	CABundle string // the emulator's CA, local mode only
	Region   string
	// Credentials local mode signs with; zero means the emulator's dummy
	// pair. See LocalCredentials.
	Credentials Credentials
}

// Credentials are keys of an identity in the emulator (an IAM user's, or an
// assumed role's with its session token).
type Credentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
}

// Environment variables that make local mode sign as an identity of the
// emulator instead of the dummy pair: with IAM enforcement switched on in
// the emulator (docs/emulator.md), requests are authorised against that
// identity's policies, so a run can be made as the CI plan or apply role.
// They never reach real AWS: local mode only talks to loopback endpoints.
const (
	EnvLocalAccessKeyID     = "INFRA_LOCAL_ACCESS_KEY_ID"
	EnvLocalSecretAccessKey = "INFRA_LOCAL_SECRET_ACCESS_KEY"
	EnvLocalSessionToken    = "INFRA_LOCAL_SESSION_TOKEN"
)

// LocalCredentials reads the local-mode identity from getenv (os.Getenv):
// zero when none is set, an error when only one of the key pair is.
func LocalCredentials(getenv func(string) string) (Credentials, error) {
	c := Credentials{AccessKeyID: getenv(EnvLocalAccessKeyID), SecretAccessKey: getenv(EnvLocalSecretAccessKey), SessionToken: getenv(EnvLocalSessionToken)}
	if (c.AccessKeyID == "") != (c.SecretAccessKey == "") || (c.SessionToken != "" && c.AccessKeyID == "") {
		return Credentials{}, fmt.Errorf("set both %s and %s (and %s for a role's keys), or none for the emulator's dummy keys", EnvLocalAccessKeyID, EnvLocalSecretAccessKey, EnvLocalSessionToken)
	}
	return c, nil
}

// AWS targets real AWS through the default credential chain.
func AWS(region string) Target { return Target{Region: region} }

// Local targets the emulator inst.
func Local(inst *emulator.Instance) Target {
	return Target{Local: true, Endpoint: inst.Endpoint, CABundle: inst.CABundle, Region: emulator.Region}
}

// Name is "local" or "aws"; it separates data dirs and saved plans.
func (t Target) Name() string {
	if t.Local {
		return "local"
	}
	return "aws"
}

// localMaxAttempts keeps the provider from retrying an emulator's
// NotImplemented 500s for minutes.
const localMaxAttempts = "2"

// credentialVars are dropped in local mode so real credentials never leave
// the machine and shared profiles (which may set endpoints) are not read.
var credentialVars = []string{
	"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
	"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
}

// TerraformEnv returns the environment for Terraform processes, built on base
// (usually os.Environ()). In AWS mode base passes through unchanged.
func (t Target) TerraformEnv(base []string) map[string]string {
	env := map[string]string{}
	for _, kv := range base {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	if !t.Local {
		return env
	}
	for _, k := range credentialVars {
		delete(env, k)
	}
	inst := emulator.Instance{Endpoint: t.Endpoint, CABundle: t.CABundle}
	for _, kv := range inst.ClientEnv() {
		env[kv[0]] = kv[1]
	}
	if c := t.Credentials; c.AccessKeyID != "" {
		env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"] = c.AccessKeyID, c.SecretAccessKey
		if c.SessionToken != "" {
			env["AWS_SESSION_TOKEN"] = c.SessionToken
		}
	}
	env["AWS_MAX_ATTEMPTS"] = localMaxAttempts
	env["AWS_CONFIG_FILE"] = os.DevNull
	env["AWS_SHARED_CREDENTIALS_FILE"] = os.DevNull
	return env
}

// backendServices are the services the S3 backend talks to.
var backendServices = []string{"dynamodb", "iam", "s3", "sso", "sts"}

// BackendConfig is the content of the -backend-config file for `terraform
// init`, or nil when the committed backend block is used as it is.
func (t Target) BackendConfig() []byte {
	if !t.Local {
		return nil
	}
	endpoints := map[string]cty.Value{}
	for _, s := range backendServices {
		endpoints[s] = cty.StringVal(t.Endpoint)
	}
	return hclgen.File("Generated by infra for the local emulator; never committed.", func(b *hclwrite.Body) {
		b.SetAttributeValue("endpoints", cty.ObjectVal(endpoints))
		b.SetAttributeValue("use_path_style", cty.True)
	})
}

// AWSConfig returns an SDK configuration for the target.
func (t Target) AWSConfig(ctx context.Context) (aws.Config, error) {
	if t.Local {
		client, err := emulator.HTTPClient(t.CABundle)
		if err != nil {
			return aws.Config{}, err
		}
		cfg := awsx.Local(t.Endpoint, t.Region, emulator.AccessKeyID, emulator.SecretAccessKey, client)
		if c := t.Credentials; c.AccessKeyID != "" {
			cfg.Credentials = credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, c.SessionToken)
		}
		return cfg, nil
	}
	return awsx.Default(ctx, t.Region)
}

// Endpoint is one resolved endpoint and where it came from.
type Endpoint struct {
	URL    string
	Source string
}

var endpointVar = regexp.MustCompile(`^(AWS_ENDPOINT_URL(_[A-Z0-9_]+)?|TF_AWS_[A-Z0-9_]+_ENDPOINT)$`)

// Endpoints lists every endpoint a Terraform run of the stack in dir would
// resolve: endpoint variables of env, the generated backend settings, and
// endpoints written in the root or the local modules it calls.
func (t Target) Endpoints(dir string, env map[string]string) ([]Endpoint, error) {
	var out []Endpoint
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if endpointVar.MatchString(k) && env[k] != "" {
			out = append(out, Endpoint{URL: env[k], Source: "environment variable " + k})
		}
	}
	if t.Local {
		for _, s := range backendServices {
			out = append(out, Endpoint{URL: t.Endpoint, Source: "backend endpoints." + s})
		}
	}
	found, err := configEndpoints(dir, map[string]bool{})
	if err != nil {
		return nil, err
	}
	return append(out, found...), nil
}

// ErrNotLoopback is wrapped by Guard's refusals.
var ErrNotLoopback = errors.New("it is not a loopback address")

// Guard refuses a local run whose endpoints are not all loopback.
func (t Target) Guard(dir string, env map[string]string) error {
	if !t.Local {
		return nil
	}
	if !IsLoopback(t.Endpoint) {
		return guard.Refuse("local mode refuses emulator endpoint %s: %w; restart it with `infra local up`", t.Endpoint, ErrNotLoopback)
	}
	eps, err := t.Endpoints(dir, env)
	if err != nil {
		return err
	}
	for _, ep := range eps {
		if !IsLoopback(ep.URL) {
			return guard.Refuse("local mode refuses endpoint %s (from %s): %w; remove it, or run against real AWS without --local", ep.URL, ep.Source, ErrNotLoopback)
		}
	}
	return nil
}

// IsLoopback reports whether raw is a URL on localhost or a loopback IP.
func IsLoopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// configEndpoints reads endpoint settings from provider "aws" endpoints
// blocks and backend blocks in dir's .tf files and, recursively, in local
// modules. A value that is not a literal counts as unverifiable.
func configEndpoints(dir string, seen map[string]bool) ([]Endpoint, error) {
	dir = filepath.Clean(dir)
	if seen[dir] {
		return nil, nil
	}
	seen[dir] = true
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	var out []Endpoint
	parser := hclparse.NewParser()
	for _, path := range files {
		f, diags := parser.ParseHCLFile(path)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parsing %s: %w", path, error(diags))
		}
		content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
			{Type: "provider", LabelNames: []string{"name"}},
			{Type: "terraform"},
			{Type: "module", LabelNames: []string{"name"}},
		}})
		for _, b := range content.Blocks {
			switch b.Type {
			case "provider":
				if b.Labels[0] != "aws" {
					continue
				}
				inner, _, _ := b.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "endpoints"}}})
				for _, eb := range inner.Blocks {
					out = append(out, literalAttrs(eb.Body, path, "provider aws endpoints")...)
				}
			case "terraform":
				inner, _, _ := b.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "backend", LabelNames: []string{"type"}}}})
				for _, bb := range inner.Blocks {
					out = append(out, backendEndpoints(bb.Body, path)...)
				}
			case "module":
				attrs, _ := b.Body.JustAttributes()
				src, ok := attrs["source"]
				if !ok {
					continue
				}
				v, diags := src.Expr.Value(nil)
				if diags.HasErrors() || !v.Type().Equals(cty.String) {
					continue
				}
				s := v.AsString()
				if strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") {
					more, err := configEndpoints(filepath.Join(dir, s), seen)
					if err != nil {
						return nil, err
					}
					out = append(out, more...)
				}
			}
		}
	}
	return out, nil
}

var backendEndpointAttrs = []string{"endpoint", "dynamodb_endpoint", "iam_endpoint", "sts_endpoint"}

func backendEndpoints(body hcl.Body, path string) []Endpoint {
	attrs, _ := body.JustAttributes()
	var out []Endpoint
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		a := attrs[name]
		if name != "endpoints" && !slices.Contains(backendEndpointAttrs, name) {
			continue
		}
		v, diags := a.Expr.Value(nil)
		src := fmt.Sprintf("%s backend %s", path, name)
		switch {
		case diags.HasErrors():
			out = append(out, Endpoint{URL: notLiteral, Source: src})
		case v.Type().IsObjectType() || v.Type().IsMapType():
			for k, ev := range v.AsValueMap() {
				out = append(out, Endpoint{URL: literal(ev), Source: src + "." + k})
			}
		default:
			out = append(out, Endpoint{URL: literal(v), Source: src})
		}
	}
	return out
}

func literalAttrs(body hcl.Body, path, what string) []Endpoint {
	attrs, _ := body.JustAttributes()
	var out []Endpoint
	for name, a := range attrs {
		v, diags := a.Expr.Value(nil)
		src := fmt.Sprintf("%s %s.%s", path, what, name)
		if diags.HasErrors() {
			out = append(out, Endpoint{URL: notLiteral, Source: src})
			continue
		}
		out = append(out, Endpoint{URL: literal(v), Source: src})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

// notLiteral stands for an endpoint the guard cannot read; it is not a
// loopback URL, so the guard refuses it.
const notLiteral = "(not a literal string)"

// literal is a known, non-null string value, or notLiteral: a number, list
// or null where an endpoint URL belongs is refused, never read as one.
func literal(v cty.Value) string {
	if !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return notLiteral
	}
	return v.AsString()
}
