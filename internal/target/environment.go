package target

import (
	"regexp"
	"sort"
	"strings"

	"github.com/taskmanager-platform/infra/internal/guard"
)

// endpointSwitches are AWS SDK settings that send a run somewhere else than
// the endpoint it was given: with the first the provider ignores
// AWS_ENDPOINT_URL and calls real AWS, the others make it build FIPS or
// dual-stack AWS hostnames. Local mode sets endpoints, so it refuses them.
var endpointSwitches = []string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT"}

// tfCLIArgs are the variables terraform prepends to its arguments.
var tfCLIArgs = regexp.MustCompile(`^TF_CLI_ARGS(_[a-z_]+)?$`)

// noLock is a terraform flag turning state locking off.
var noLock = regexp.MustCompile(`(^|\s)-lock=(false|0|f|F|FALSE|False)(\s|$)`)

// CheckEnvironment refuses, before anything runs, environment settings that
// would defeat infra's guards: in local mode the endpoint switches above
// (set to a true value); in both modes TF_CLI_ARGS* with -lock=false: infra
// drops TF_CLI_ARGS* before terraform runs (terraform-exec's CleanEnv), but
// the setting says someone means to run without locks, and plain terraform
// in the same shell would.
func CheckEnvironment(local bool, env map[string]string) error {
	if local {
		for _, k := range endpointSwitches {
			if truthy(env[k]) {
				return guard.Refuse("local mode refuses %s=%s: the AWS provider would not use the emulator endpoint (it would call AWS); unset it, or run against real AWS without --local; nothing was changed", k, env[k])
			}
		}
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if tfCLIArgs.MatchString(k) && noLock.MatchString(env[k]) {
			return guard.Refuse("%s=%q asks terraform not to lock the state, so two runs could write it at once; unset it (infra never passes TF_CLI_ARGS* on and locks every state change); nothing was changed", k, env[k])
		}
	}
	return nil
}

// truthy is how the AWS SDKs read a boolean setting.
func truthy(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "true") }
