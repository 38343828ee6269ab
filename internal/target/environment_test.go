package target_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/target"
)

func TestCheckEnvironment(t *testing.T) {
	tests := []struct {
		name  string
		local bool
		env   map[string]string
		want  string // "" accepted; else a substring of the refusal
	}{
		{name: "clean local", local: true, env: map[string]string{"AWS_REGION": "us-east-1"}},
		{name: "ignore endpoints, local", local: true, env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, want: "unset it"},
		{name: "ignore endpoints TRUE, local", local: true, env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"}, want: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"},
		{name: "ignore endpoints false, local", local: true, env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"}},
		{name: "ignore endpoints on AWS", env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}},
		{name: "fips, local", local: true, env: map[string]string{"AWS_USE_FIPS_ENDPOINT": "true"}, want: "AWS_USE_FIPS_ENDPOINT"},
		{name: "fips on AWS", env: map[string]string{"AWS_USE_FIPS_ENDPOINT": "true"}},
		{name: "dual-stack, local", local: true, env: map[string]string{"AWS_USE_DUALSTACK_ENDPOINT": "true"}, want: "AWS_USE_DUALSTACK_ENDPOINT"},
		{name: "TF_CLI_ARGS -lock=false", env: map[string]string{"TF_CLI_ARGS": "-lock=false"}, want: "asks terraform not to lock the state"},
		{name: "TF_CLI_ARGS_apply -lock=false among others", local: true, env: map[string]string{"TF_CLI_ARGS_apply": "-parallelism=4 -lock=false"}, want: "TF_CLI_ARGS_apply"},
		{name: "TF_CLI_ARGS_plan -lock=0", env: map[string]string{"TF_CLI_ARGS_plan": "-lock=0"}, want: "TF_CLI_ARGS_plan"},
		{name: "TF_CLI_ARGS -lock=true", env: map[string]string{"TF_CLI_ARGS": "-lock=true"}},
		{name: "TF_CLI_ARGS -lock-timeout", env: map[string]string{"TF_CLI_ARGS_plan": "-lock-timeout=10s"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := target.CheckEnvironment(tc.local, tc.env)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, guard.ErrRefused)):
				t.Fatalf("want a refusal with %q, got %v", tc.want, err)
			}
		})
	}
}
