// Package unmanaged finds what a stack created but does not manage: resources
// in the account carrying the stack's tag (every root's provider default_tags
// set TagKey = <stack name>) that are not in the stack's state, as a run
// killed mid-apply leaves them. It decides; listing the account is the
// caller's (internal/cli through the AWS SDK).
package unmanaged

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// TagKey is the tag every root's provider puts on what the stack creates.
const TagKey = "infra:stack"

// Tagged is a resource the account holds with a stack's tag.
type Tagged struct {
	ARN string
	// Name identifies it among the configuration's resources of its type
	// (Name tag, the name in the ARN, or a looked-up name such as a zone's);
	// "" when unknown.
	Name string
}

// Resource is a resource in state (Values: its attributes) or one the plan
// would create (Values: the planned attributes).
type Resource struct {
	Address string
	Type    string
	Values  map[string]any
}

// Orphan is a tagged resource no state entry manages.
type Orphan struct {
	ARN      string `json:"arn"`
	Type     string `json:"type,omitempty"` // Terraform resource type; "" when not known
	ImportID string `json:"import_id"`
	// Address to import it to: the configuration's resource that would
	// otherwise create a twin (Inferred), else a placeholder to rename.
	Address  string `json:"address"`
	Inferred bool   `json:"inferred"`
	Delete   string `json:"delete"` // command that deletes it instead
}

// kind maps an ARN's service and resource part to a Terraform type, its
// import id and the aws CLI command that deletes it.
type kind struct {
	service string
	re      *regexp.Regexp // on the resource part of the ARN; group 1 is the id
	tfType  string
	useARN  bool // the import id is the ARN itself
	delete  string
}

var kinds = []kind{
	{"route53", regexp.MustCompile(`^hostedzone/(.+)$`), "aws_route53_zone", false, "aws route53 delete-hosted-zone --id %s (delete its record sets first)"},
	{"ecr", regexp.MustCompile(`^repository/(.+)$`), "aws_ecr_repository", false, "aws ecr delete-repository --repository-name %s --force"},
	{"logs", regexp.MustCompile(`^log-group:(.+?)(:\*)?$`), "aws_cloudwatch_log_group", false, "aws logs delete-log-group --log-group-name %s"},
	{"ec2", regexp.MustCompile(`^vpc/(.+)$`), "aws_vpc", false, "aws ec2 delete-vpc --vpc-id %s"},
	{"ec2", regexp.MustCompile(`^subnet/(.+)$`), "aws_subnet", false, "aws ec2 delete-subnet --subnet-id %s"},
	{"ec2", regexp.MustCompile(`^security-group/(.+)$`), "aws_security_group", false, "aws ec2 delete-security-group --group-id %s"},
	{"ec2", regexp.MustCompile(`^internet-gateway/(.+)$`), "aws_internet_gateway", false, "aws ec2 delete-internet-gateway --internet-gateway-id %s (detach it first)"},
	{"ec2", regexp.MustCompile(`^natgateway/(.+)$`), "aws_nat_gateway", false, "aws ec2 delete-nat-gateway --nat-gateway-id %s"},
	{"ec2", regexp.MustCompile(`^route-table/(.+)$`), "aws_route_table", false, "aws ec2 delete-route-table --route-table-id %s"},
	{"ec2", regexp.MustCompile(`^elastic-ip/(.+)$`), "aws_eip", false, "aws ec2 release-address --allocation-id %s"},
	{"ec2", regexp.MustCompile(`^vpc-flow-log/(.+)$`), "aws_flow_log", false, "aws ec2 delete-flow-logs --flow-log-ids %s"},
	{"ec2", regexp.MustCompile(`^network-acl/(.+)$`), "aws_network_acl", false, "aws ec2 delete-network-acl --network-acl-id %s"},
	{"ec2", regexp.MustCompile(`^vpc-endpoint/(.+)$`), "aws_vpc_endpoint", false, "aws ec2 delete-vpc-endpoints --vpc-endpoint-ids %s"},
	{"s3", regexp.MustCompile(`^([^/]+)$`), "aws_s3_bucket", false, "aws s3 rb s3://%s --force"},
	{"kms", regexp.MustCompile(`^key/(.+)$`), "aws_kms_key", false, "aws kms schedule-key-deletion --key-id %s --pending-window-in-days 7"},
	{"secretsmanager", regexp.MustCompile(`^secret:(.+)$`), "aws_secretsmanager_secret", true, "aws secretsmanager delete-secret --secret-id %s"},
	{"rds", regexp.MustCompile(`^db:(.+)$`), "aws_db_instance", false, "aws rds delete-db-instance --db-instance-identifier %s --skip-final-snapshot"},
	{"rds", regexp.MustCompile(`^subgrp:(.+)$`), "aws_db_subnet_group", false, "aws rds delete-db-subnet-group --db-subnet-group-name %s"},
	{"rds", regexp.MustCompile(`^pg:(.+)$`), "aws_db_parameter_group", false, "aws rds delete-db-parameter-group --db-parameter-group-name %s"},
	{"elasticache", regexp.MustCompile(`^replicationgroup:(.+)$`), "aws_elasticache_replication_group", false, "aws elasticache delete-replication-group --replication-group-id %s"},
	{"elasticache", regexp.MustCompile(`^subnetgroup:(.+)$`), "aws_elasticache_subnet_group", false, "aws elasticache delete-cache-subnet-group --cache-subnet-group-name %s"},
	{"elasticache", regexp.MustCompile(`^parametergroup:(.+)$`), "aws_elasticache_parameter_group", false, "aws elasticache delete-cache-parameter-group --cache-parameter-group-name %s"},
	{"elasticloadbalancing", regexp.MustCompile(`^loadbalancer/(app/.+)$`), "aws_lb", true, "aws elbv2 delete-load-balancer --load-balancer-arn %s"},
	{"elasticloadbalancing", regexp.MustCompile(`^targetgroup/(.+)$`), "aws_lb_target_group", true, "aws elbv2 delete-target-group --target-group-arn %s"},
	{"ecs", regexp.MustCompile(`^cluster/(.+)$`), "aws_ecs_cluster", false, "aws ecs delete-cluster --cluster %s"},
	{"ecs", regexp.MustCompile(`^task-definition/(.+)$`), "aws_ecs_task_definition", true, "aws ecs deregister-task-definition --task-definition %s"},
	{"iam", regexp.MustCompile(`^role/(?:.*/)?([^/]+)$`), "aws_iam_role", false, "aws iam delete-role --role-name %s (detach its policies first)"},
	{"iam", regexp.MustCompile(`^policy/(?:.*/)?([^/]+)$`), "aws_iam_policy", true, "aws iam delete-policy --policy-arn %s"},
	{"cloudwatch", regexp.MustCompile(`^alarm:(.+)$`), "aws_cloudwatch_metric_alarm", false, "aws cloudwatch delete-alarms --alarm-names %s"},
	{"acm", regexp.MustCompile(`^certificate/(.+)$`), "aws_acm_certificate", true, "aws acm delete-certificate --certificate-arn %s"},
	{"cloudfront", regexp.MustCompile(`^distribution/(.+)$`), "aws_cloudfront_distribution", false, "aws cloudfront delete-distribution --id %s --if-match <ETag> (disable it first)"},
	{"dynamodb", regexp.MustCompile(`^table/(.+)$`), "aws_dynamodb_table", false, "aws dynamodb delete-table --table-name %s"},
	{"sns", regexp.MustCompile(`^(.+)$`), "aws_sns_topic", true, "aws sns delete-topic --topic-arn %s"},
}

// Ignored are tagged resources Terraform never creates itself: running ECS
// tasks (their service starts them) and snapshots (RDS and ElastiCache take
// them).
var ignored = []*regexp.Regexp{
	regexp.MustCompile(`^arn:[^:]+:ecs:[^:]*:[^:]*:task/`),
	regexp.MustCompile(`^arn:[^:]+:rds:[^:]*:[^:]*:(cluster-)?snapshot:`),
	regexp.MustCompile(`^arn:[^:]+:elasticache:[^:]*:[^:]*:snapshot:`),
}

// Classify names an ARN's Terraform type, import id and delete command;
// ok is false for a type this package does not know (the import id is then
// the ARN).
func Classify(arn string) (tfType, importID, del string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return "", arn, "", false
	}
	service, res := parts[2], parts[5]
	for _, k := range kinds {
		if k.service != service {
			continue
		}
		m := k.re.FindStringSubmatch(res)
		if m == nil {
			continue
		}
		id := m[1]
		if k.useARN {
			id = arn
		}
		// A task definition's import id is its ARN; its family names it.
		return k.tfType, id, fmt.Sprintf(k.delete, id), true
	}
	return "", arn, "", false
}

// NameFromARN is the name an ARN carries for types named by it (log group,
// repository, role, bucket, database, table …), else "".
func NameFromARN(arn string) string {
	t, id, _, ok := Classify(arn)
	if !ok {
		return ""
	}
	switch t {
	case "aws_vpc", "aws_subnet", "aws_security_group", "aws_internet_gateway", "aws_nat_gateway", "aws_route_table",
		"aws_eip", "aws_flow_log", "aws_network_acl", "aws_vpc_endpoint", "aws_route53_zone", "aws_kms_key",
		"aws_cloudfront_distribution", "aws_acm_certificate":
		return "" // generated ids: the Name tag or a lookup names them
	case "aws_secretsmanager_secret":
		// arn:…:secret:<name>-<6 random characters>
		res := strings.SplitN(arn, ":", 7)
		if len(res) == 7 {
			n := res[6]
			if i := strings.LastIndex(n, "-"); i > 0 {
				return n[:i]
			}
		}
		return ""
	case "aws_lb", "aws_lb_target_group":
		// …:loadbalancer/app/<name>/<id>, …:targetgroup/<name>/<id>
		f := strings.Split(strings.SplitN(arn, ":", 6)[5], "/")
		if len(f) >= 3 {
			return f[len(f)-2]
		}
		return ""
	case "aws_ecs_task_definition":
		return family(arn)
	case "aws_sns_topic", "aws_iam_policy":
		return arn[strings.LastIndexAny(arn, ":/")+1:]
	}
	return id
}

// family is a task definition ARN's family (…:task-definition/<family>:<revision>).
func family(arn string) string {
	res := strings.SplitN(arn, ":", 6)
	if len(res) != 6 {
		return ""
	}
	return strings.TrimPrefix(res[5], "task-definition/")
}

// Find returns the tagged resources no state resource manages, each with the
// import block's address and id and the delete command, sorted by ARN.
// planned are the resources a plan of the stack would create: an orphan of
// the same type and name (or the only one of its type beside the only
// planned one) is what that address was about to create twice.
func Find(tagged []Tagged, inState, planned []Resource) []Orphan {
	managedARN := map[string]bool{}
	managedID := map[string]bool{}
	families := map[string]bool{}
	for _, r := range inState {
		if a, ok := r.Values["arn"].(string); ok {
			managedARN[a] = true
		}
		if id, ok := r.Values["id"].(string); ok {
			managedID[r.Type+"\x00"+id] = true
		}
		if r.Type == "aws_ecs_task_definition" {
			if f, ok := r.Values["family"].(string); ok {
				families[f] = true
			}
		}
	}
	var out []Orphan
	for _, t := range tagged {
		if skip(t.ARN) || managedARN[t.ARN] || managedARN[strings.TrimSuffix(t.ARN, ":*")] {
			continue
		}
		typ, id, del, ok := Classify(t.ARN)
		if ok && managedID[typ+"\x00"+id] {
			continue
		}
		// An earlier revision of a task definition the stack manages:
		// Terraform registered it and deregistered it when it replaced it.
		if typ == "aws_ecs_task_definition" {
			f := family(t.ARN)
			if i := strings.LastIndex(f, ":"); i > 0 && families[f[:i]] {
				continue
			}
		}
		if !ok {
			del = "delete it with the owning service's console or CLI (type not known to infra)"
		}
		out = append(out, Orphan{ARN: t.ARN, Type: typ, ImportID: id, Delete: del})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	names := map[string]string{}
	for _, t := range tagged {
		names[t.ARN] = t.Name
	}
	perType := map[string]int{}
	for _, o := range out {
		perType[o.Type]++
	}
	for i := range out {
		o := &out[i]
		o.Address, o.Inferred = address(o, names[o.ARN], planned, perType[o.Type])
	}
	return out
}

// address infers the configuration address an orphan belongs to.
func address(o *Orphan, name string, planned []Resource, orphansOfType int) (string, bool) {
	var sameType, sameName []string
	for _, p := range planned {
		if p.Type != o.Type || o.Type == "" {
			continue
		}
		sameType = append(sameType, p.Address)
		if name != "" && plannedName(p) == name {
			sameName = append(sameName, p.Address)
		}
	}
	switch {
	case len(sameName) == 1:
		return sameName[0], true
	case name == "" && len(sameType) == 1 && orphansOfType == 1:
		return sameType[0], true
	}
	typ := o.Type
	if typ == "" {
		typ = "UNKNOWN_TYPE"
	}
	return typ + ".adopted_" + regexp.MustCompile(`[^A-Za-z0-9_]+`).ReplaceAllString(lastSegment(o.ImportID), "_"), false
}

func lastSegment(id string) string {
	return id[strings.LastIndexAny(id, ":/")+1:]
}

// plannedName is what identifies a planned resource among its type: its
// name (or family, bucket) attribute, else its Name tag.
func plannedName(p Resource) string {
	for _, k := range []string{"name", "family", "bucket", "identifier", "replication_group_id"} {
		if s, ok := p.Values[k].(string); ok && s != "" {
			return strings.TrimSuffix(s, ".")
		}
	}
	for _, k := range []string{"tags", "tags_all"} {
		if m, ok := p.Values[k].(map[string]any); ok {
			if s, ok := m["Name"].(string); ok {
				return s
			}
		}
	}
	return ""
}

func skip(arn string) bool {
	for _, re := range ignored {
		if re.MatchString(arn) {
			return true
		}
	}
	return false
}
