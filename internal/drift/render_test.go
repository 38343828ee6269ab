package drift

import (
	"bytes"
	"testing"

	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

// TestRenderGolden: the drift report as text and Markdown over a stack in
// sync, a drifted one (changed and deleted resources) and a failed one.
// Refresh with go test -update.
func TestRenderGolden(t *testing.T) {
	report := []Stack{
		{Stack: "tm-dev", Status: InSync},
		{Stack: "tm-prod", Status: Drifted, Resources: []Resource{
			{Address: "module.taskmanager.module.networking.aws_vpc.this", Type: "aws_vpc", Action: "changed outside Terraform", Attributes: []string{`tags.Owner: null → "someone-by-hand"`}},
			{Address: "module.taskmanager.module.database.aws_db_instance.this", Type: "aws_db_instance", Action: "changed outside Terraform", Attributes: []string{"backup_retention_period: 7 → 1", "multi_az: true → false"}},
			{Address: "module.taskmanager.module.networking.aws_security_group.alb", Type: "aws_security_group", Action: "deleted outside Terraform"},
		}},
		{Stack: "hms-dev", Status: Failed, Error: "terraform plan in /repo/hms/dev: state is locked by alice@laptop\nsecond line of detail"},
	}
	var text bytes.Buffer
	WriteText(&text, report)
	golden.Assert(t, "drift.txt", text.Bytes())
	golden.Assert(t, "drift.md", []byte(Markdown(report)))

	var empty bytes.Buffer
	WriteText(&empty, []Stack{{Stack: "tm-dev", Status: InSync}})
	golden.Assert(t, "drift-in-sync.txt", empty.Bytes())
	golden.Assert(t, "drift-in-sync.md", []byte(Markdown([]Stack{{Stack: "tm-dev", Status: InSync}})))
}
