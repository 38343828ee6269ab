// Package lock reads who holds a stack's state lock, from both places the S3
// backend may keep it: the lockfile object <key>.tflock and the DynamoDB item
// <bucket>/<key>.
package lock

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/taskmanager-platform/infra/internal/backend"
)

// Info is Terraform's lock record.
type Info struct {
	ID        string `json:"ID"`
	Operation string `json:"Operation"`
	Who       string `json:"Who"`
	Version   string `json:"Version"`
	Created   string `json:"Created"`
	Path      string `json:"Path"`
	Source    string `json:"source"` // where it was read: s3 lockfile or dynamodb
}

// Status returns the locks held on the stack's state (none: unlocked).
func Status(ctx context.Context, cfg aws.Config, b backend.Config, s3Opts ...func(*s3.Options)) ([]Info, error) {
	var out []Info
	obj, err := s3.NewFromConfig(cfg, s3Opts...).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b.Bucket), Key: aws.String(b.LockfileKey())})
	var nsk *s3types.NoSuchKey
	switch {
	case errors.As(err, &nsk):
	case err != nil:
		return nil, fmt.Errorf("reading lockfile s3://%s/%s: %w", b.Bucket, b.LockfileKey(), err)
	default:
		body, err := io.ReadAll(obj.Body)
		obj.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("reading lockfile s3://%s/%s: %w", b.Bucket, b.LockfileKey(), err)
		}
		var i Info
		if err := json.Unmarshal(body, &i); err != nil {
			return nil, fmt.Errorf("parsing lockfile s3://%s/%s: %w", b.Bucket, b.LockfileKey(), err)
		}
		i.Source = "s3://" + b.Bucket + "/" + b.LockfileKey()
		out = append(out, i)
	}
	if b.DynamoDBTable != "" {
		item, err := dynamodb.NewFromConfig(cfg).GetItem(ctx, &dynamodb.GetItemInput{
			TableName:      aws.String(b.DynamoDBTable),
			Key:            map[string]ddbtypes.AttributeValue{"LockID": &ddbtypes.AttributeValueMemberS{Value: b.LockID()}},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			return nil, fmt.Errorf("reading lock item %s from table %s: %w", b.LockID(), b.DynamoDBTable, err)
		}
		if v, ok := item.Item["Info"].(*ddbtypes.AttributeValueMemberS); ok {
			var i Info
			if err := json.Unmarshal([]byte(v.Value), &i); err != nil {
				return nil, fmt.Errorf("parsing lock item %s: %w", b.LockID(), err)
			}
			i.Source = "dynamodb:" + b.DynamoDBTable + "/" + b.LockID()
			out = append(out, i)
		}
	}
	return out, nil
}
