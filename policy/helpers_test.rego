# Builders for the rule tests: plan fragments as `terraform show -json`
# renders them.
package infra.testing

# rc is a managed resource planned for creation with known values.
rc(t, name, after) := {
	"address": sprintf("%s.%s", [t, name]),
	"mode": "managed",
	"type": t,
	"name": name,
	"change": {"actions": ["create"], "after": after, "after_unknown": {}},
}

# unknown_rc is rc with the listed attributes known only after apply.
unknown_rc(t, name, after, unknown) := object.union(rc(t, name, after), {"change": {"actions": ["create"], "after": after, "after_unknown": {k: true | some k in unknown}}})

# doc builds the document infra evaluates, for a stack of environment env.
doc(resources, env) := {
	"plan": {"resource_changes": resources, "configuration": {"root_module": {}}},
	"context": {"stack": "test", "system": "taskmanager", "environment": env, "backend": good_backend},
}

good_backend := {"type": "s3", "encrypt": true, "use_lockfile": true, "dynamodb_table": "terraform-state-lock"}

dev(resources) := doc(resources, "dev")

prod(resources) := doc(resources, "production")

ids(findings) := {f.id | some f in findings}

policy(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

tags := {"Project": "p", "Environment": "dev", "ManagedBy": "terraform"}

container(extra) := json.marshal([object.union({
	"name": "app", "image": "app:1", "user": "1000:1000", "readonlyRootFilesystem": true,
	"logConfiguration": {"logDriver": "awslogs"}, "environment": [],
}, extra)])
