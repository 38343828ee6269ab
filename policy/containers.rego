# Containers and images: the security baseline for ECS task definitions and
# ECR repositories; task definitions are checked once their container
# definitions are known at plan time.
package infra.rules.containers

import data.infra.lib

rules := {
	"INFRA-CTR-001": {
		"severity": "HIGH",
		"title": "No privileged containers",
		"remediation": "Remove privileged (Fargate refuses it anyway); grant the capability the process needs, if any.",
	},
	"INFRA-CTR-002": {
		"severity": "LOW",
		"title": "Containers have a read-only root file system where possible",
		"remediation": "Set readonlyRootFilesystem = true and mount a volume where the process writes.",
	},
	"INFRA-CTR-003": {
		"severity": "MEDIUM",
		"title": "Containers run as a non-root user",
		"remediation": "Set user to a numeric non-root uid:gid (modules/ecs: services[*].user, default 1000:1000).",
	},
	"INFRA-CTR-004": {
		"severity": "HIGH",
		"title": "No secret in a container's plain environment",
		"remediation": "Reference the secret from Secrets Manager in the container's secrets (valueFrom), not environment.",
	},
	"INFRA-CTR-005": {
		"severity": "MEDIUM",
		"title": "ECR image tags are immutable",
		"remediation": "Set image_tag_mutability = IMMUTABLE.",
	},
	"INFRA-CTR-006": {
		"severity": "MEDIUM",
		"title": "ECR scans images on push",
		"remediation": "Set image_scanning_configuration { scan_on_push = true }.",
	},
}

task_containers contains [rc, c] if {
	some rc in lib.resources("aws_ecs_task_definition")
	some c in lib.container_definitions(rc)
}

deny contains lib.finding("INFRA-CTR-001", rc, "container_definitions", sprintf("container %q is privileged", [c.name])) if {
	some [rc, c] in task_containers
	object.get(c, "privileged", false) == true
}

deny contains lib.finding("INFRA-CTR-002", rc, "container_definitions", sprintf("container %q has a writable root file system", [c.name])) if {
	some [rc, c] in task_containers
	object.get(c, "readonlyRootFilesystem", false) != true
}

deny contains lib.finding("INFRA-CTR-003", rc, "container_definitions", sprintf("container %q runs as root (user %q)", [c.name, user])) if {
	some [rc, c] in task_containers
	user := object.get(c, "user", "")
	split(user, ":")[0] in {"", "0", "root"}
}

secret_name := `(?i)(password|passwd|secret|token|api_?key|private_?key|credential)`

deny contains lib.finding("INFRA-CTR-004", rc, "container_definitions", sprintf("container %q has %s in its plain environment", [c.name, e.name])) if {
	some [rc, c] in task_containers
	some e in object.get(c, "environment", [])
	regex.match(secret_name, e.name)
	object.get(e, "value", "") != ""
}

deny contains lib.finding("INFRA-CTR-005", rc, "image_tag_mutability", "image tags can be overwritten") if {
	some rc in lib.resources("aws_ecr_repository")
	lib.value(rc, "image_tag_mutability") != "IMMUTABLE"
}

deny contains lib.finding("INFRA-CTR-006", rc, "image_scanning_configuration.scan_on_push", "images are not scanned on push") if {
	some rc in lib.resources("aws_ecr_repository")
	not object.get(lib.block(rc, "image_scanning_configuration"), "scan_on_push", false) == true
}
