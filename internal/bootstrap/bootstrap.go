// Package bootstrap creates the remote-state backend every stack uses (the
// Task Manager design's setup-terraform-backend.sh, hardened): a versioned S3 bucket
// encrypted under a dedicated, rotating KMS key, with all public access
// blocked and a TLS-only policy, and the DynamoDB lock table. Each step
// reads before it writes, so a second run changes nothing and says so.
package bootstrap

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// Spec names the backend's parts (from the stacks' backend.tf).
type Spec struct {
	Bucket   string
	Table    string
	KeyAlias string // alias/... of the state key
	Region   string
}

// ManagedTag marks what bootstrap created, so a re-run may finish its own
// half-done work but never adopts someone else's bucket.
const ManagedTag = "infra:bootstrap"

// ErrForeignBucket means the bucket exists but is not this account's.
var ErrForeignBucket = errors.New("bucket belongs to another account")

// ErrUnversionedBucket means an existing bucket was found without versioning.
var ErrUnversionedBucket = errors.New("bucket exists without versioning")

// ErrTableSchema means the lock table exists with another key schema.
var ErrTableSchema = errors.New("lock table has the wrong key schema")

// Step is one thing bootstrap checked, and what it did.
type Step struct {
	What   string
	Action string // "created", "updated" or "unchanged"
}

// Report is the outcome of a run.
type Report struct {
	Steps  []Step
	KeyARN string
}

// Changed reports whether anything was created or updated.
func (r Report) Changed() bool {
	return slices.ContainsFunc(r.Steps, func(s Step) bool { return s.Action != "unchanged" })
}

type runner struct {
	s3      *s3.Client
	ddb     *dynamodb.Client
	kms     *kms.Client
	sts     *sts.Client
	spec    Spec
	out     io.Writer
	report  Report
	account string
}

// Run brings the backend to the wanted shape, printing one line per step.
func Run(ctx context.Context, cfg aws.Config, spec Spec, pathStyle bool, out io.Writer) (Report, error) {
	r := &runner{
		s3:   s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle }),
		ddb:  dynamodb.NewFromConfig(cfg),
		kms:  kms.NewFromConfig(cfg),
		sts:  sts.NewFromConfig(cfg),
		spec: spec,
		out:  out,
	}
	id, err := r.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return r.report, fmt.Errorf("identifying the caller (are credentials set?): %w", err)
	}
	r.account = aws.ToString(id.Account)
	// The bucket is checked first: a foreign or unversioned bucket stops the
	// run before anything is created.
	exists, err := r.checkBucket(ctx)
	if err != nil {
		return r.report, err
	}
	steps := []func(context.Context) error{
		r.key,
		func(ctx context.Context) error { return r.bucket(ctx, exists) },
		r.versioning,
		r.encryption,
		r.publicAccessBlock,
		r.ownership,
		r.policy,
		r.table,
		r.pitr,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return r.report, err
		}
	}
	return r.report, nil
}

func (r *runner) done(what, action string) {
	r.report.Steps = append(r.report.Steps, Step{What: what, Action: action})
	fmt.Fprintf(r.out, "  %-44s %s\n", what, action)
}

func (r *runner) tags() map[string]string {
	return map[string]string{ManagedTag: "state-backend", "ManagedBy": "infra", "Purpose": "terraform-state"}
}

func (r *runner) key(ctx context.Context) error {
	what := "kms key " + r.spec.KeyAlias
	desc, err := r.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(r.spec.KeyAlias)})
	var keyID string
	switch {
	case isCode(err, "NotFoundException"):
		var tags []kmstypes.Tag
		for k, v := range r.tags() {
			tags = append(tags, kmstypes.Tag{TagKey: aws.String(k), TagValue: aws.String(v)})
		}
		created, err := r.kms.CreateKey(ctx, &kms.CreateKeyInput{
			Description: aws.String("Encrypts Terraform state in s3://" + r.spec.Bucket),
			KeyUsage:    kmstypes.KeyUsageTypeEncryptDecrypt,
			Tags:        tags,
		})
		if err != nil {
			return fmt.Errorf("creating state KMS key: %w", err)
		}
		keyID = aws.ToString(created.KeyMetadata.KeyId)
		r.report.KeyARN = aws.ToString(created.KeyMetadata.Arn)
		if _, err := r.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(r.spec.KeyAlias), TargetKeyId: aws.String(keyID)}); err != nil {
			return fmt.Errorf("creating alias %s: %w", r.spec.KeyAlias, err)
		}
		r.done(what, "created")
	case err != nil:
		return fmt.Errorf("looking up %s: %w", r.spec.KeyAlias, err)
	default:
		keyID = aws.ToString(desc.KeyMetadata.KeyId)
		r.report.KeyARN = aws.ToString(desc.KeyMetadata.Arn)
		if desc.KeyMetadata.KeyState != kmstypes.KeyStateEnabled {
			return fmt.Errorf("state key %s is %s: enable it (aws kms enable-key / cancel-key-deletion) and run bootstrap again", r.spec.KeyAlias, desc.KeyMetadata.KeyState)
		}
		r.done(what, "unchanged")
	}
	rot, err := r.kms.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyID)})
	if err != nil {
		return fmt.Errorf("reading rotation of %s: %w", r.spec.KeyAlias, err)
	}
	if rot.KeyRotationEnabled {
		r.done("kms key rotation", "unchanged")
		return nil
	}
	if _, err := r.kms.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(keyID)}); err != nil {
		return fmt.Errorf("enabling rotation of %s: %w", r.spec.KeyAlias, err)
	}
	r.done("kms key rotation", "updated")
	return nil
}

// checkBucket tells whether the bucket exists and refuses one this run must
// not adopt: owned elsewhere, or unversioned and not created by bootstrap.
func (r *runner) checkBucket(ctx context.Context) (bool, error) {
	_, err := r.s3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(r.spec.Bucket), ExpectedBucketOwner: aws.String(r.account)})
	switch {
	case isCode(err, "NotFound", "NoSuchBucket"):
		return false, nil
	case isCode(err, "Forbidden", "AccessDenied", "403"):
		return false, fmt.Errorf("s3://%s: %w (%s); pick another bucket name in the stacks' backend.tf", r.spec.Bucket, ErrForeignBucket, r.account)
	case err != nil:
		return false, fmt.Errorf("checking bucket %s: %w", r.spec.Bucket, err)
	}
	// HeadBucket succeeds for buckets others share with us; ListBuckets
	// returns only our own.
	owned, err := r.ownsBucket(ctx)
	if err != nil {
		return false, err
	}
	if !owned {
		return false, fmt.Errorf("s3://%s: %w (not in account %s's bucket list); pick another bucket name in the stacks' backend.tf", r.spec.Bucket, ErrForeignBucket, r.account)
	}
	v, err := r.s3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(r.spec.Bucket)})
	if err != nil {
		return false, fmt.Errorf("reading versioning of %s: %w", r.spec.Bucket, err)
	}
	if v.Status != s3types.BucketVersioningStatusEnabled {
		mine, err := r.bucketIsOurs(ctx)
		if err != nil {
			return false, err
		}
		if !mine || v.Status == s3types.BucketVersioningStatusSuspended {
			status := string(v.Status)
			if status == "" {
				status = "never enabled"
			}
			return false, fmt.Errorf("s3://%s: %w (%s), so earlier state versions may already be lost; enable it (aws s3api put-bucket-versioning --bucket %s --versioning-configuration Status=Enabled) or choose another bucket, then run bootstrap again", r.spec.Bucket, ErrUnversionedBucket, status, r.spec.Bucket)
		}
	}
	return true, nil
}

func (r *runner) ownsBucket(ctx context.Context) (bool, error) {
	p := s3.NewListBucketsPaginator(r.s3, &s3.ListBucketsInput{Prefix: aws.String(r.spec.Bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return false, fmt.Errorf("listing buckets: %w", err)
		}
		for _, b := range page.Buckets {
			if aws.ToString(b.Name) == r.spec.Bucket {
				return true, nil
			}
		}
	}
	return false, nil
}

func (r *runner) bucketIsOurs(ctx context.Context) (bool, error) {
	t, err := r.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(r.spec.Bucket)})
	if isCode(err, "NoSuchTagSet") {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading tags of %s: %w", r.spec.Bucket, err)
	}
	return slices.ContainsFunc(t.TagSet, func(tag s3types.Tag) bool { return aws.ToString(tag.Key) == ManagedTag }), nil
}

func (r *runner) bucket(ctx context.Context, exists bool) error {
	what := "s3 bucket " + r.spec.Bucket
	if exists {
		r.done(what, "unchanged")
		return nil
	}
	in := &s3.CreateBucketInput{Bucket: aws.String(r.spec.Bucket), ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}
	if r.spec.Region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(r.spec.Region)}
	}
	if _, err := r.s3.CreateBucket(ctx, in); err != nil {
		if isCode(err, "BucketAlreadyExists") {
			return fmt.Errorf("s3://%s: %w; pick another bucket name in the stacks' backend.tf", r.spec.Bucket, ErrForeignBucket)
		}
		return fmt.Errorf("creating bucket %s: %w", r.spec.Bucket, err)
	}
	var tags []s3types.Tag
	for k, v := range r.tags() {
		tags = append(tags, s3types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	slices.SortFunc(tags, func(a, b s3types.Tag) int { return strings.Compare(*a.Key, *b.Key) })
	if _, err := r.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(r.spec.Bucket), Tagging: &s3types.Tagging{TagSet: tags}}); err != nil {
		return fmt.Errorf("tagging bucket %s: %w", r.spec.Bucket, err)
	}
	r.done(what, "created")
	return nil
}

func (r *runner) versioning(ctx context.Context) error {
	v, err := r.s3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(r.spec.Bucket)})
	if err != nil {
		return fmt.Errorf("reading versioning of %s: %w", r.spec.Bucket, err)
	}
	if v.Status == s3types.BucketVersioningStatusEnabled {
		r.done("bucket versioning", "unchanged")
		return nil
	}
	if _, err := r.s3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(r.spec.Bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled},
	}); err != nil {
		return fmt.Errorf("enabling versioning on %s: %w", r.spec.Bucket, err)
	}
	r.done("bucket versioning", "updated")
	return nil
}

func (r *runner) encryption(ctx context.Context) error {
	want := s3types.ServerSideEncryptionRule{
		ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
			SSEAlgorithm:   s3types.ServerSideEncryptionAwsKms,
			KMSMasterKeyID: aws.String(r.report.KeyARN),
		},
		BucketKeyEnabled: aws.Bool(true),
	}
	cur, err := r.s3.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(r.spec.Bucket)})
	if err != nil && !isCode(err, "ServerSideEncryptionConfigurationNotFoundError") {
		return fmt.Errorf("reading encryption of %s: %w", r.spec.Bucket, err)
	}
	if err == nil && cur.ServerSideEncryptionConfiguration != nil && len(cur.ServerSideEncryptionConfiguration.Rules) == 1 {
		have := cur.ServerSideEncryptionConfiguration.Rules[0]
		if d := have.ApplyServerSideEncryptionByDefault; d != nil && d.SSEAlgorithm == s3types.ServerSideEncryptionAwsKms &&
			aws.ToString(d.KMSMasterKeyID) == r.report.KeyARN && aws.ToBool(have.BucketKeyEnabled) {
			r.done("bucket encryption (SSE-KMS)", "unchanged")
			return nil
		}
	}
	if _, err := r.s3.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{
		Bucket:                            aws.String(r.spec.Bucket),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{want}},
	}); err != nil {
		return fmt.Errorf("setting SSE-KMS on %s: %w", r.spec.Bucket, err)
	}
	r.done("bucket encryption (SSE-KMS)", action(err == nil && cur != nil))
	return nil
}

func (r *runner) publicAccessBlock(ctx context.Context) error {
	cur, err := r.s3.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(r.spec.Bucket)})
	if err != nil && !isCode(err, "NoSuchPublicAccessBlockConfiguration") {
		return fmt.Errorf("reading public access block of %s: %w", r.spec.Bucket, err)
	}
	if err == nil {
		c := cur.PublicAccessBlockConfiguration
		if aws.ToBool(c.BlockPublicAcls) && aws.ToBool(c.IgnorePublicAcls) && aws.ToBool(c.BlockPublicPolicy) && aws.ToBool(c.RestrictPublicBuckets) {
			r.done("bucket public access block", "unchanged")
			return nil
		}
	}
	t := aws.Bool(true)
	if _, err := r.s3.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{
		Bucket: aws.String(r.spec.Bucket),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls: t, IgnorePublicAcls: t, BlockPublicPolicy: t, RestrictPublicBuckets: t,
		},
	}); err != nil {
		return fmt.Errorf("blocking public access to %s: %w", r.spec.Bucket, err)
	}
	r.done("bucket public access block", action(err == nil))
	return nil
}

func (r *runner) ownership(ctx context.Context) error {
	cur, err := r.s3.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(r.spec.Bucket)})
	if err != nil && !isCode(err, "OwnershipControlsNotFoundError") {
		return fmt.Errorf("reading ownership controls of %s: %w", r.spec.Bucket, err)
	}
	if err == nil && cur.OwnershipControls != nil && len(cur.OwnershipControls.Rules) == 1 &&
		cur.OwnershipControls.Rules[0].ObjectOwnership == s3types.ObjectOwnershipBucketOwnerEnforced {
		r.done("bucket ownership (ACLs disabled)", "unchanged")
		return nil
	}
	if _, err := r.s3.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{
		Bucket: aws.String(r.spec.Bucket),
		OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{
			{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced},
		}},
	}); err != nil {
		return fmt.Errorf("disabling ACLs on %s: %w", r.spec.Bucket, err)
	}
	r.done("bucket ownership (ACLs disabled)", action(err == nil))
	return nil
}

// Policy is the TLS-only bucket policy.
func Policy(bucket string) string {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid":       "DenyInsecureTransport",
			"Effect":    "Deny",
			"Principal": "*",
			"Action":    "s3:*",
			"Resource":  []string{"arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*"},
			"Condition": map[string]any{"Bool": map[string]string{"aws:SecureTransport": "false"}},
		}},
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

func (r *runner) policy(ctx context.Context) error {
	want := Policy(r.spec.Bucket)
	cur, err := r.s3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(r.spec.Bucket)})
	if err != nil && !isCode(err, "NoSuchBucketPolicy") {
		return fmt.Errorf("reading policy of %s: %w", r.spec.Bucket, err)
	}
	if err == nil && sameJSON(aws.ToString(cur.Policy), want) {
		r.done("bucket policy (TLS only)", "unchanged")
		return nil
	}
	if _, err := r.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(r.spec.Bucket), Policy: aws.String(want)}); err != nil {
		return fmt.Errorf("setting TLS-only policy on %s: %w", r.spec.Bucket, err)
	}
	r.done("bucket policy (TLS only)", action(err == nil))
	return nil
}

func (r *runner) table(ctx context.Context) error {
	what := "dynamodb table " + r.spec.Table
	d, err := r.ddb.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(r.spec.Table)})
	if err == nil {
		ks := d.Table.KeySchema
		attrType := ""
		for _, a := range d.Table.AttributeDefinitions {
			if aws.ToString(a.AttributeName) == "LockID" {
				attrType = string(a.AttributeType)
			}
		}
		if len(ks) != 1 || aws.ToString(ks[0].AttributeName) != "LockID" || ks[0].KeyType != ddbtypes.KeyTypeHash || attrType != "S" {
			return fmt.Errorf("%s: %w (Terraform needs a single string hash key LockID); pick another dynamodb_table in backend.tf", r.spec.Table, ErrTableSchema)
		}
		r.done(what, "unchanged")
		return nil
	}
	if !isCode(err, "ResourceNotFoundException") {
		return fmt.Errorf("describing table %s: %w", r.spec.Table, err)
	}
	var tags []ddbtypes.Tag
	for k, v := range r.tags() {
		tags = append(tags, ddbtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	if _, err := r.ddb.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(r.spec.Table),
		BillingMode:          ddbtypes.BillingModePayPerRequest,
		AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("LockID"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
		KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("LockID"), KeyType: ddbtypes.KeyTypeHash}},
		SSESpecification:     &ddbtypes.SSESpecification{Enabled: aws.Bool(true)},
		Tags:                 tags,
	}); err != nil {
		return fmt.Errorf("creating table %s: %w", r.spec.Table, err)
	}
	w := dynamodb.NewTableExistsWaiter(r.ddb)
	if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(r.spec.Table)}, 5*time.Minute); err != nil {
		return fmt.Errorf("waiting for table %s: %w", r.spec.Table, err)
	}
	r.done(what, "created")
	return nil
}

func (r *runner) pitr(ctx context.Context) error {
	cur, err := r.ddb.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String(r.spec.Table)})
	if err != nil {
		return fmt.Errorf("reading backups of %s: %w", r.spec.Table, err)
	}
	if d := cur.ContinuousBackupsDescription; d != nil && d.PointInTimeRecoveryDescription != nil &&
		d.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus == ddbtypes.PointInTimeRecoveryStatusEnabled {
		r.done("table point-in-time recovery", "unchanged")
		return nil
	}
	if _, err := r.ddb.UpdateContinuousBackups(ctx, &dynamodb.UpdateContinuousBackupsInput{
		TableName:                        aws.String(r.spec.Table),
		PointInTimeRecoverySpecification: &ddbtypes.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(true)},
	}); err != nil {
		return fmt.Errorf("enabling point-in-time recovery on %s: %w", r.spec.Table, err)
	}
	r.done("table point-in-time recovery", "updated")
	return nil
}

// action names a write: "updated" when something was there before.
func action(existed bool) string {
	if existed {
		return "updated"
	}
	return "created"
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func isCode(err error, codes ...string) bool {
	if err == nil {
		return false
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return slices.Contains(codes, ae.ErrorCode())
	}
	return false
}
