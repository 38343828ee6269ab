package target

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

func local() Target {
	return Local(&emulator.Instance{Endpoint: "https://127.0.0.1:4566", CABundle: "/state/emulator/tls/ca.pem"})
}

func TestBackendConfigGolden(t *testing.T) {
	golden.Assert(t, "backend-local.hcl", local().BackendConfig())
	if AWS("us-east-1").BackendConfig() != nil {
		t.Error("real AWS must use the committed backend block as it is")
	}
}

func TestTerraformEnv(t *testing.T) {
	base := []string{"PATH=/bin", "AWS_PROFILE=prod-admin", "AWS_SESSION_TOKEN=secret", "AWS_ACCESS_KEY_ID=AKIAREAL", "AWS_CA_BUNDLE=/etc/ssl/certs.pem", "HOME=/root"}
	env := local().TerraformEnv(base)
	want := map[string]string{
		"PATH":                        "/bin",
		"HOME":                        "/root",
		"AWS_ENDPOINT_URL":            "https://127.0.0.1:4566",
		"AWS_ACCESS_KEY_ID":           emulator.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       emulator.SecretAccessKey,
		"AWS_REGION":                  emulator.Region,
		"AWS_CA_BUNDLE":               "/state/emulator/tls/ca.pem",
		"AWS_MAX_ATTEMPTS":            localMaxAttempts,
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("local %s = %q, want %q", k, env[k], v)
		}
	}
	for _, k := range []string{"AWS_PROFILE", "AWS_SESSION_TOKEN"} {
		if _, ok := env[k]; ok {
			t.Errorf("local mode leaked %s", k)
		}
	}
	real := AWS("eu-west-1").TerraformEnv(base)
	if real["AWS_PROFILE"] != "prod-admin" || real["AWS_ENDPOINT_URL"] != "" {
		t.Errorf("real AWS must pass the environment through unchanged: %v", real)
	}
}

func TestIsLoopback(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://127.0.0.1:4566":              true,
		"http://127.9.9.9":                    true,
		"http://localhost:5000":               true,
		"http://[::1]:4566":                   true,
		"https://s3.amazonaws.com":            false,
		"https://10.0.0.5:4566":               false,
		"http://localhost.evil.com":           false,
		"127.0.0.1:4566":                      false, // not a URL with a host
		"":                                    false,
		"https://ec2.us-east-1.amazonaws.com": false,
	} {
		if got := IsLoopback(raw); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", raw, got, want)
		}
	}
}

func writeStack(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "stack")
}

func TestGuard(t *testing.T) {
	clean := map[string]string{
		"stack/main.tf":       "provider \"aws\" {\n  region = \"us-east-1\"\n}\nmodule \"net\" {\n  source = \"../modules/net\"\n}\n",
		"stack/backend.tf":    "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key = \"k\"\n    region = \"us-east-1\"\n  }\n}\n",
		"modules/net/main.tf": "resource \"aws_vpc\" \"x\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
	}
	tests := []struct {
		name     string
		files    map[string]string
		extraEnv map[string]string
		wantErr  string // substring; "" means allowed
	}{
		{name: "clean stack", files: clean},
		{name: "endpoint variable to AWS", files: clean, extraEnv: map[string]string{"AWS_ENDPOINT_URL_EC2": "https://ec2.us-east-1.amazonaws.com"}, wantErr: "AWS_ENDPOINT_URL_EC2"},
		{name: "legacy endpoint variable", files: clean, extraEnv: map[string]string{"TF_AWS_S3_ENDPOINT": "https://s3.amazonaws.com"}, wantErr: "TF_AWS_S3_ENDPOINT"},
		{name: "loopback endpoint variable", files: clean, extraEnv: map[string]string{"AWS_ENDPOINT_URL_S3": "https://localhost:9000"}},
		{name: "provider endpoints block", files: merge(clean, map[string]string{"stack/override.tf": "provider \"aws\" {\n  endpoints {\n    sts = \"https://sts.amazonaws.com\"\n  }\n}\n"}), wantErr: "provider aws endpoints.sts"},
		{name: "endpoints in a called module", files: merge(clean, map[string]string{"modules/net/provider.tf": "provider \"aws\" {\n  endpoints {\n    ec2 = \"https://ec2.example.com\"\n  }\n}\n"}), wantErr: "ec2.example.com"},
		{name: "backend endpoints attribute", files: merge(clean, map[string]string{"stack/backend.tf": "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key = \"k\"\n    region = \"us-east-1\"\n    endpoints = { s3 = \"https://s3.amazonaws.com\" }\n  }\n}\n"}), wantErr: "backend endpoints.s3"},
		{name: "backend endpoint that is a number", files: merge(clean, map[string]string{"stack/backend.tf": "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key = \"k\"\n    region = \"us-east-1\"\n    endpoints = { s3 = 42 }\n  }\n}\n"}), wantErr: "backend endpoints.s3"},
		{name: "backend endpoint that is a list", files: merge(clean, map[string]string{"stack/backend.tf": "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key = \"k\"\n    region = \"us-east-1\"\n    endpoint = [\"https://127.0.0.1:1\"]\n  }\n}\n"}), wantErr: "backend endpoint"},
		{name: "backend endpoint that is null", files: merge(clean, map[string]string{"stack/backend.tf": "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key = \"k\"\n    region = \"us-east-1\"\n    endpoints = { sts = null }\n  }\n}\n"}), wantErr: "backend endpoints.sts"},
		{name: "provider endpoint that is a bool", files: merge(clean, map[string]string{"stack/override.tf": "provider \"aws\" {\n  endpoints {\n    s3 = true\n  }\n}\n"}), wantErr: "not a literal"},
		{name: "non-literal endpoint", files: merge(clean, map[string]string{"stack/override.tf": "provider \"aws\" {\n  endpoints {\n    s3 = var.s3\n  }\n}\n"}), wantErr: "not a literal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeStack(t, tc.files)
			tgt := local()
			env := tgt.TerraformEnv([]string{"PATH=/bin"})
			for k, v := range tc.extraEnv {
				env[k] = v
			}
			err := tgt.Guard(dir, env)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("refused a loopback-only run: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("want refusal naming %q, got %v", tc.wantErr, err)
			}
			if !strings.Contains(err.Error(), "not a loopback address") {
				t.Errorf("refusal does not say why: %v", err)
			}
			if !errors.Is(err, guard.ErrRefused) || !errors.Is(err, ErrNotLoopback) {
				t.Errorf("not a guard refusal: %v", err)
			}
		})
	}
	// Real AWS runs are not subject to the loopback guard.
	if err := AWS("us-east-1").Guard(writeStack(t, clean), map[string]string{"AWS_ENDPOINT_URL": "https://example.com"}); err != nil {
		t.Errorf("guard applied to real AWS: %v", err)
	}
	// A non-loopback emulator endpoint is refused outright.
	bad := Local(&emulator.Instance{Endpoint: "https://10.1.2.3:4566"})
	if err := bad.Guard(writeStack(t, clean), bad.TerraformEnv(nil)); err == nil {
		t.Error("non-loopback emulator endpoint accepted")
	}
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// TestLocalCredentials: local mode signs with the emulator's dummy keys
// unless both keys of an emulator identity are given (a role's with its
// session token); half a pair is an error naming the variables.
func TestLocalCredentials(t *testing.T) {
	tests := []struct {
		name               string
		env                map[string]string
		wantKey, wantToken string
		wantErr            bool
	}{
		{name: "none: dummy keys", wantKey: emulator.AccessKeyID},
		{name: "user keys", env: map[string]string{EnvLocalAccessKeyID: "AKIAUSER", EnvLocalSecretAccessKey: "s"}, wantKey: "AKIAUSER"},
		{name: "role keys", env: map[string]string{EnvLocalAccessKeyID: "ASIAROLE", EnvLocalSecretAccessKey: "s", EnvLocalSessionToken: "tok"}, wantKey: "ASIAROLE", wantToken: "tok"},
		{name: "key without secret", env: map[string]string{EnvLocalAccessKeyID: "AKIAUSER"}, wantErr: true},
		{name: "token without keys", env: map[string]string{EnvLocalSessionToken: "tok"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LocalCredentials(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), EnvLocalAccessKeyID) || !strings.Contains(err.Error(), EnvLocalSecretAccessKey) {
					t.Errorf("error does not name the variables: %v", err)
				}
				return
			}
			tgt := local()
			tgt.CABundle = testCA(t)
			tgt.Credentials = c
			env := tgt.TerraformEnv([]string{"AWS_SESSION_TOKEN=real-token", "AWS_ACCESS_KEY_ID=AKIAREAL"})
			if env["AWS_ACCESS_KEY_ID"] != tt.wantKey || env["AWS_SESSION_TOKEN"] != tt.wantToken {
				t.Errorf("terraform signs as %q (token %q), want %q (token %q)", env["AWS_ACCESS_KEY_ID"], env["AWS_SESSION_TOKEN"], tt.wantKey, tt.wantToken)
			}
			cfg, err := tgt.AWSConfig(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			got, err := cfg.Credentials.Retrieve(t.Context())
			if err != nil || got.AccessKeyID != tt.wantKey || got.SessionToken != tt.wantToken {
				t.Errorf("SDK signs as %q (token %q, %v), want %q (token %q)", got.AccessKeyID, got.SessionToken, err, tt.wantKey, tt.wantToken)
			}
		})
	}
}

// testCA writes a self-signed CA certificate (the SDK client needs one to trust).
func testCA(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, IsCA: true, BasicConstraintsValid: true,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
