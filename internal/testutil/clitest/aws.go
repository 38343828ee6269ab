package clitest

import (
	"archive/zip"
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Must unwraps an SDK call's result, failing the test on its error:
// clitest.Must(c.DescribeVpcs(ctx, in))(t).
func Must[T any](v T, err error) func(tb testing.TB) T {
	return func(tb testing.TB) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

// Tag is the value of an EC2 tag, or "".
func Tag(tags []ec2types.Tag, key string) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == key {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

// StateAndPlan returns what Terraform wrote about a stack, for searching it
// for secrets: the state object the backend holds at stateKey in the state
// bucket, and every member of the plan `infra plan` saved for the stack
// (the plan, its prior state and configuration), keyed by where they came
// from.
func StateAndPlan(tb testing.TB, cfg aws.Config, stateDir, stateKey, stack string) map[string][]byte {
	tb.Helper()
	obj := Must(s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).GetObject(context.Background(), &s3.GetObjectInput{
		Bucket: aws.String("taskmanager-terraform-state"), Key: aws.String(stateKey)}))(tb)
	state, err := io.ReadAll(obj.Body)
	obj.Body.Close()
	if err != nil || len(state) == 0 {
		tb.Fatalf("reading the state %s from the backend: %v", stateKey, err)
	}
	docs := map[string][]byte{"state " + stateKey: state}
	path := filepath.Join(stateDir, "plans", "local", stack+".tfplan")
	r, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatalf("opening the saved plan %s: %v", path, err)
	}
	defer r.Close()
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		docs["plan "+stack+":"+f.Name] = b
	}
	if len(docs) == 1 {
		tb.Fatalf("saved plan %s is empty", path)
	}
	return docs
}
