// Package awsx builds aws-sdk-go-v2 configurations for a target: real AWS
// through the default credential chain, or the local emulator by endpoint.
package awsx

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/logging"
)

// Local returns a configuration that sends every service to endpoint with
// dummy credentials, trusts only the given HTTP client's roots and never
// consults shared config files or IMDS.
func Local(endpoint, region, accessKey, secretKey string, client aws.HTTPClient) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		BaseEndpoint: aws.String(endpoint),
		HTTPClient:   client,
		// The emulator answers at once; retries only hide its gaps.
		RetryMaxAttempts: 2,
	}
}

// Default loads the standard chain (env, shared config, SSO, IMDS) for real AWS.
func Default(ctx context.Context, region string) (aws.Config, error) {
	// The SDK's own WARN lines (IMDS fallbacks) would interleave with our output.
	opts := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	return cfg, nil
}
