package graph

import (
	"fmt"
	"sort"
	"strings"

	"github.com/taskmanager-platform/infra/internal/inventory"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

// Stacks draws stacks.hcl: one box per system with its stacks (name,
// environment), an arrow from each stack to what it depends on.
func Stacks(all []stacks.Stack) Graph {
	g := Graph{Title: "Stacks (stacks.hcl): an arrow points to what a stack depends on; production in red"}
	systems := map[string]string{"taskmanager": "Task Manager", "hms": "HMS", "global": "Global (shared by Task Manager)"}
	for _, s := range all {
		label := systems[s.System]
		if label == "" {
			label = s.System
		}
		grp := g.addGroup("sys_"+ID(s.System), label, "", "stack")
		class := "stack"
		if s.Production() {
			class = "destroy" // production is drawn in the warning colour
		}
		g.addNode(ID(s.Name), s.Name+"\n"+s.Environment+" · "+s.Path, grp, class)
	}
	for _, s := range all {
		for _, d := range s.DependsOn {
			g.addEdge(ID(s.Name), ID(d), "", false)
		}
	}
	return g
}

// arch builds a stack's architecture picture.
type arch struct {
	g   Graph
	inv inventory.Inventory
}

func (a *arch) of(typ string) []inventory.Resource {
	var out []inventory.Resource
	for _, r := range a.inv.Resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

func short(r inventory.Resource) string {
	if n := r.Str("name"); n != "" {
		return n
	}
	if r.Key != "" {
		return r.Key
	}
	return r.Name
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Architecture draws a stack from its configuration as a person would:
// viewers and DNS at the edge, the VPC with its public (load balancer,
// NAT), app (ECS services) and data (database, cache) tiers, storage,
// security and observability beside it; resources of no interest to a
// reader (routes, rules, policies) are left out or counted.
func Architecture(stack string, inv inventory.Inventory) Graph {
	a := &arch{g: Graph{Title: stack + " architecture (from configuration)"}, inv: inv}
	g := &a.g
	users := g.addNode("users", "Users", "", "person")

	// Edge: DNS, CDN, certificates.
	var edge string
	zones, records, cdns := a.of("aws_route53_zone"), a.of("aws_route53_record"), a.of("aws_cloudfront_distribution")
	if len(zones)+len(records)+len(cdns) > 0 {
		edge = g.addGroup("edge", "Edge", "", "edge")
	}
	var dns string
	if len(zones) > 0 || len(records) > 0 {
		var names []string
		for _, z := range zones {
			names = append(names, short(z))
		}
		label := "Route 53"
		if len(names) > 0 {
			label += "\n" + strings.Join(names, "\n")
		}
		if len(records) > 0 {
			label += "\n" + plural(len(records), "record", "records")
		}
		dns = g.addNode("dns", label, edge, "edge")
		g.addEdge(users, dns, "resolve", true)
	}
	var cdn string
	for _, c := range cdns {
		cdn = g.addNode(ID(c.Address), "CloudFront\n"+c.Str("price_class"), edge, "edge")
		g.addEdge(users, cdn, "HTTPS", false)
		g.addEdge(dns, cdn, "apex, www", true)
	}
	if n := len(a.of("aws_acm_certificate")); n > 0 {
		g.addNode("certs", "ACM\n"+plural(n, "certificate", "certificates"), edge, "edge")
	}

	// VPC tiers.
	var vpc, public, app, data string
	if len(a.of("aws_vpc")) > 0 {
		label := "VPC"
		if v := a.of("aws_vpc"); v[0].Str("cidr_block") != "" {
			label += " " + v[0].Str("cidr_block")
		}
		vpc = g.addGroup("vpc", label, "", "network")
		tier := func(id, what, subnet, class string) string {
			label := what + " subnets"
			if n := countName(a.of("aws_subnet"), subnet); n > 0 {
				label += fmt.Sprintf(" (%d zones)", n)
			}
			return g.addGroup(id, label, vpc, class)
		}
		public, app, data = tier("public", "Public", "public", "network"), tier("app", "App", "private_app", "compute"), tier("data", "Data", "private_data", "data")
	}

	// Public tier: load balancers and listeners, NAT.
	var albs []string
	var https []string // listeners that forward (HTTP ones redirect)
	for _, lb := range a.of("aws_lb") {
		id := g.addNode(ID(lb.Address), "ALB\n"+short(lb), public, "network")
		albs = append(albs, id)
		if cdn != "" {
			g.addEdge(cdn, id, "origin", false)
		} else {
			g.addEdge(users, id, "HTTPS", false)
		}
		g.addEdge(dns, id, "api", true)
	}
	for _, l := range a.of("aws_lb_listener") {
		port, _ := l.Num("port")
		label := fmt.Sprintf("%s :%g", l.Str("protocol"), port)
		if strings.Contains(l.Name, "http") && l.Str("protocol") == "HTTP" {
			label += "\nredirect to HTTPS"
		}
		id := g.addNode(ID(l.Address), "Listener\n"+label, public, "network")
		if l.Str("protocol") == "HTTPS" {
			https = append(https, id)
		}
		for _, lb := range albs {
			g.addEdge(lb, id, "", false)
		}
	}
	if nats := a.of("aws_nat_gateway"); len(nats) > 0 {
		g.addNode("nat", "NAT gateway × "+fmt.Sprint(len(nats))+"\noutbound from app subnets", public, "network")
	}

	// App tier: ECS services with their target groups.
	tgs := map[string]string{}
	for _, tg := range a.of("aws_lb_target_group") {
		port, _ := tg.Num("port")
		id := g.addNode(ID(tg.Address), fmt.Sprintf("Target group %s\n:%g", tg.Key, port), public, "network")
		tgs[tg.Key] = id
		for _, lid := range https {
			g.addEdge(lid, id, "", false)
		}
	}
	var services []string
	var ecs, oneOff string
	if cl := a.of("aws_ecs_cluster"); len(cl) > 0 {
		ecs = g.addGroup("ecs", "ECS cluster (Fargate)", app, "compute")
	}
	for _, s := range a.of("aws_ecs_service") {
		label := "Service " + s.Key
		for _, td := range a.of("aws_ecs_task_definition") {
			if td.Module == s.Module && td.Key == s.Key {
				cpu, _ := td.Num("cpu")
				mem, _ := td.Num("memory")
				label += fmt.Sprintf("\n%g vCPU / %g GB", cpu/1024, mem/1024)
			}
		}
		if n, ok := s.Num("desired_count"); ok {
			label += "\n" + plural(int(n), "task", "tasks")
			for _, t := range a.of("aws_appautoscaling_target") {
				if t.Module == s.Module && t.Key == s.Key {
					lo, _ := t.Num("min_capacity")
					hi, _ := t.Num("max_capacity")
					label += fmt.Sprintf(" (%g–%g)", lo, hi)
				}
			}
		}
		group := ecs
		if group == "" {
			group = app
		}
		id := g.addNode(ID(s.Address), label, group, "compute")
		services = append(services, id)
		if tg, ok := tgs[s.Key]; ok {
			g.addEdge(tg, id, "", false)
		}
	}
	if n := len(a.of("aws_ecs_task_definition")) - len(a.of("aws_ecs_service")); n > 0 && ecs != "" {
		var keys []string
		for _, td := range a.of("aws_ecs_task_definition") {
			if !hasKey(a.of("aws_ecs_service"), td.Key) {
				keys = append(keys, td.Key)
			}
		}
		oneOff = g.addNode("tasks", "One-off tasks\n"+strings.Join(keys, ", "), ecs, "compute")
	}

	// Data tier.
	var primary, engine string
	for _, db := range a.of("aws_db_instance") {
		if e := db.Str("engine"); e != "" {
			engine = e
		}
	}
	isReplica := func(db inventory.Resource) bool {
		return db.Str("replicate_source_db") != "" || strings.Contains(db.Name, "replica")
	}
	// Primaries first: a replica's edge needs its primary's node, whatever
	// the addresses' order.
	dbs := a.of("aws_db_instance")
	sort.SliceStable(dbs, func(i, j int) bool { return !isReplica(dbs[i]) && isReplica(dbs[j]) })
	for _, db := range dbs {
		role, replica := "primary", isReplica(db)
		if replica {
			role = "read replica"
		}
		label := fmt.Sprintf("RDS %s %s\n%s", engineName(engine), role, db.Str("instance_class"))
		if db.Bool("multi_az") {
			label += " Multi-AZ"
		}
		if gb, ok := db.Num("allocated_storage"); ok {
			label += fmt.Sprintf("\n%g GB", gb)
		}
		id := g.addNode(ID(db.Address), label, data, "data")
		if replica {
			g.addEdge(primary, id, "replication", true)
			continue
		}
		primary = id
		for _, s := range services {
			g.addEdge(s, id, "SQL (IAM auth)", false)
		}
		g.addEdge(oneOff, id, "migrations", true)
	}
	for _, c := range a.of("aws_elasticache_replication_group") {
		n, ok := c.Num("num_cache_clusters")
		if !ok {
			n = 1
		}
		id := g.addNode(ID(c.Address), fmt.Sprintf("Redis\n%g × %s", n, c.Str("node_type")), data, "data")
		for _, s := range services {
			g.addEdge(s, id, "", false)
		}
	}

	// Beside the VPC: storage, security, observability.
	if bs := a.of("aws_s3_bucket"); len(bs) > 0 {
		st := g.addGroup("storage", "S3", "", "storage")
		for _, b := range bs {
			name := b.Str("bucket")
			if name == "" {
				name = strings.TrimPrefix(b.Module[strings.LastIndex(b.Module, ".")+1:], "module.")
			}
			if strings.Contains(b.Address, "access_logs") {
				name = "ALB access logs"
			}
			id := g.addNode(ID(b.Address), "Bucket\n"+name, st, "storage")
			if strings.Contains(b.Address, "static") {
				g.addEdge(cdn, id, "/static/* (OAC)", false)
			}
			if strings.Contains(b.Address, "access_logs") {
				for _, lb := range albs {
					g.addEdge(lb, id, "access logs", true)
				}
			}
		}
	}
	var sec []string
	if n := len(a.of("aws_kms_key")); n > 0 {
		sec = append(sec, "KMS\n"+plural(n, "key", "keys"))
	}
	if n := len(a.of("aws_secretsmanager_secret")); n > 0 {
		sec = append(sec, "Secrets Manager\n"+plural(n, "secret", "secrets"))
	}
	if n := len(a.of("aws_iam_role")); n > 0 {
		sec = append(sec, "IAM\n"+plural(n, "role", "roles"))
	}
	if n := len(a.of("aws_ecr_repository")); n > 0 {
		var names []string
		for _, r := range a.of("aws_ecr_repository") {
			names = append(names, short(r))
		}
		sec = append(sec, "ECR\n"+strings.Join(names, ", "))
	}
	// Groups beside the VPC hang to the right of the data tier (or of
	// whatever is rightmost) by invisible edges.
	anchor := primary
	if anchor == "" && len(services) > 0 {
		anchor = services[0]
	}
	if len(sec) > 0 {
		grp := g.addGroup("security", "Security and images", "", "security")
		for i, l := range sec {
			id := g.addNode(fmt.Sprintf("sec%d", i), l, grp, "security")
			if anchor != "" {
				g.Edges = append(g.Edges, Edge{From: anchor, To: id, Invisible: true})
			}
		}
	}
	var obs []string
	if al := a.of("aws_cloudwatch_metric_alarm"); len(al) > 0 {
		obs = append(obs, "CloudWatch alarms\n"+alarmCount(al))
	}
	if n := len(a.of("aws_cloudwatch_dashboard")); n > 0 {
		obs = append(obs, "CloudWatch\n"+plural(n, "dashboard", "dashboards"))
	}
	if n := len(a.of("aws_cloudwatch_log_group")); n > 0 {
		obs = append(obs, "CloudWatch Logs\n"+plural(n, "log group", "log groups"))
	}
	if n := len(a.of("aws_xray_sampling_rule")); n > 0 {
		obs = append(obs, "X-Ray\nsampling rule")
	}
	if len(obs) > 0 {
		grp := g.addGroup("observe", "Observability", "", "observe")
		var alarms string
		for i, l := range obs {
			id := g.addNode(fmt.Sprintf("obs%d", i), l, grp, "observe")
			if anchor != "" {
				g.Edges = append(g.Edges, Edge{From: anchor, To: id, Invisible: true})
			}
			if strings.HasPrefix(l, "CloudWatch alarms") {
				alarms = id
			}
		}
		if t := a.of("aws_sns_topic"); len(t) > 0 {
			sns := g.addNode("sns", "SNS\n"+short(t[0])+"\n"+plural(len(a.of("aws_sns_topic_subscription")), "subscription", "subscriptions"), grp, "observe")
			g.addEdge(alarms, sns, "notify", false)
		}
	}
	if len(g.Nodes) == 1 {
		// Nothing drawn but the users: list what the stack holds instead.
		g.Nodes = nil
		g.Edges = nil
		types := map[string]int{}
		for _, r := range inv.Resources {
			types[r.Type]++
		}
		var names []string
		for t := range types {
			names = append(names, t)
		}
		sort.Strings(names)
		grp := g.addGroup("resources", "Resources", "", "stack")
		for _, t := range names {
			g.addNode(ID(t), fmt.Sprintf("%s × %d", t, types[t]), grp, "stack")
		}
	}
	return *g
}

// alarmCount says how many alarms, or what they watch when their count
// depends on values known only at plan time.
func alarmCount(alarms []inventory.Resource) string {
	for _, a := range alarms {
		if a.Uncertain {
			return "on ALB, target groups,\nservices, database, cache"
		}
	}
	return plural(len(alarms), "alarm", "alarms")
}

func engineName(e string) string {
	switch {
	case strings.HasPrefix(e, "postgres"):
		return "PostgreSQL"
	case strings.HasPrefix(e, "mysql"):
		return "MySQL"
	}
	return e
}

func countName(rs []inventory.Resource, name string) int {
	n := 0
	for _, r := range rs {
		if r.Name == name {
			n++
		}
	}
	return n
}

func hasKey(rs []inventory.Resource, key string) bool {
	for _, r := range rs {
		if r.Key == key {
			return true
		}
	}
	return false
}
