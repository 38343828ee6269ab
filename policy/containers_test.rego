package infra.rules.containers

import data.infra.testing as t

task(extra) := t.rc("aws_ecs_task_definition", "td", {"container_definitions": t.container(extra)})

test_ctr_001_fails if {
	"INFRA-CTR-001" in t.ids(deny) with input as t.dev([task({"privileged": true})])
}

test_ctr_001_passes if {
	not "INFRA-CTR-001" in t.ids(deny) with input as t.dev([task({})])
}

test_ctr_002_fails if {
	"INFRA-CTR-002" in t.ids(deny) with input as t.dev([task({"readonlyRootFilesystem": false})])
}

test_ctr_002_passes if {
	not "INFRA-CTR-002" in t.ids(deny) with input as t.dev([task({})])
}

test_ctr_003_fails if {
	"INFRA-CTR-003" in t.ids(deny) with input as t.dev([task({"user": "0:0"})])
}

test_ctr_003_passes if {
	not "INFRA-CTR-003" in t.ids(deny) with input as t.dev([task({"user": "1000:1000"})])
}

test_ctr_004_fails if {
	"INFRA-CTR-004" in t.ids(deny) with input as t.dev([task({"environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]})])
}

test_ctr_004_passes if {
	not "INFRA-CTR-004" in t.ids(deny) with input as t.dev([task({"environment": [{"name": "DB_HOST", "value": "db"}], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:x:password::"}]})])
}

repo(extra) := t.rc("aws_ecr_repository", "r", object.union({"image_tag_mutability": "IMMUTABLE", "image_scanning_configuration": [{"scan_on_push": true}]}, extra))

test_ctr_005_fails if {
	"INFRA-CTR-005" in t.ids(deny) with input as t.dev([repo({"image_tag_mutability": "MUTABLE"})])
}

test_ctr_005_passes if {
	not "INFRA-CTR-005" in t.ids(deny) with input as t.dev([repo({})])
}

test_ctr_006_fails if {
	"INFRA-CTR-006" in t.ids(deny) with input as t.dev([repo({"image_scanning_configuration": [{"scan_on_push": false}]})])
}

test_ctr_006_passes if {
	not "INFRA-CTR-006" in t.ids(deny) with input as t.dev([repo({})])
}
