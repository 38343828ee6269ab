package cost

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/taskmanager-platform/infra/internal/inventory"
)

// Part is one priced quantity of a resource: Quantity × Rate = Monthly.
type Part struct {
	What     string  `json:"what"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
	Price    string  `json:"price"` // key in the price table
	Rate     float64 `json:"rate"`
	Monthly  float64 `json:"monthly"`
	// Usage names the usage figure the quantity depends on ("" when the
	// configuration alone decides it).
	Usage string `json:"usage,omitempty"`
}

// Line is one priced resource.
type Line struct {
	Address string  `json:"address"`
	Module  string  `json:"module"`
	Type    string  `json:"type"`
	Monthly float64 `json:"monthly"`
	Parts   []Part  `json:"parts"`
	Note    string  `json:"note,omitempty"`
	// Uncertain: counted once because its count/for_each was unknown in
	// the configuration.
	Uncertain bool `json:"uncertain,omitempty"`
}

// ModuleTotal is the monthly cost of one module path.
type ModuleTotal struct {
	Module  string  `json:"module"`
	Monthly float64 `json:"monthly"`
}

// Assumption is a usage figure a price depended on.
type Assumption struct {
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
	What    string  `json:"what"`
	Default bool    `json:"default"`
}

// RIOption is one way of paying for a database instance.
type RIOption struct {
	Option  string  `json:"option"` // "on-demand" or the reservation key
	Upfront float64 `json:"upfront"`
	Hourly  float64 `json:"hourly"`
	// Monthly is the effective monthly cost (upfront spread over the term).
	Monthly float64 `json:"monthly"`
	Saving  float64 `json:"saving_percent"`
}

// RIComparison compares on-demand with the reservations in the table for
// a database instance.
type RIComparison struct {
	Address string     `json:"address"`
	Class   string     `json:"instance_class"`
	Engine  string     `json:"engine"`
	Options []RIOption `json:"options"`
}

// Report is a stack's monthly estimate.
type Report struct {
	Stack       string         `json:"stack"`
	Source      string         `json:"source"` // "configuration" or the plan file
	Region      string         `json:"region"`
	Currency    string         `json:"currency"`
	Monthly     float64        `json:"monthly"`
	Modules     []ModuleTotal  `json:"modules"`
	Lines       []Line         `json:"resources"`
	Free        int            `json:"free_resources"`
	Unpriced    []string       `json:"unpriced_types,omitempty"`
	Assumptions []Assumption   `json:"assumptions"`
	Reserved    []RIComparison `json:"reserved_instance_comparison,omitempty"`
	Unconfirmed []string       `json:"unconfirmed_prices,omitempty"`
}

type pricer func(e *estimator, r inventory.Resource) ([]Part, string, error)

// pricers price every resource type that costs money; Priced reports
// which types they are (the rest must be listed free in the table).
var pricers = map[string]pricer{
	"aws_db_instance":                   dbInstance,
	"aws_rds_reserved_instance":         reservedInstance,
	"aws_elasticache_replication_group": cacheGroup,
	"aws_nat_gateway":                   natGateway,
	"aws_eip":                           publicIP,
	"aws_lb":                            loadBalancer,
	"aws_ecs_service":                   ecsService,
	"aws_cloudfront_distribution":       cloudfront,
	"aws_s3_bucket":                     bucket,
	"aws_cloudwatch_log_group":          logGroup,
	"aws_cloudwatch_metric_alarm":       fixed("cloudwatch/alarm", "alarm"),
	"aws_cloudwatch_dashboard":          fixed("cloudwatch/dashboard", "dashboard"),
	"aws_kms_key":                       fixed("kms/key", "key", "requests", "kms/10k-requests", "kms_requests_10k"),
	"aws_secretsmanager_secret":         fixed("secretsmanager/secret", "secret", "API calls", "secretsmanager/10k-calls", "secrets_calls_10k"),
	"aws_route53_zone":                  fixed("route53/zone", "hosted zone", "queries", "route53/million-queries", "route53_queries_million"),
	"aws_xray_sampling_rule":            xray,
	"aws_ecr_repository":                ecrRepository,
}

// Priced reports whether a type has a pricer.
func Priced(typ string) bool { _, ok := pricers[typ]; return ok }

type estimator struct {
	inv   inventory.Inventory
	table *Table
	usage Usage
	used  map[string]bool
	// reserved maps a database address to the reservation covering it.
	reserved map[string]string
	// bucketFigs are the per-bucket usage figures used ("s3_glacier_gb[backups_bucket]").
	bucketFigs map[string]float64
}

// Estimate prices an inventory. A resource type neither priced nor listed
// free is reported in Unpriced (and costs nothing in the total); a price
// missing from the table is an error naming the key to add.
func Estimate(stack, source string, inv inventory.Inventory, t *Table, u Usage) (Report, error) {
	e := &estimator{inv: inv, table: t, usage: u, used: map[string]bool{}, reserved: map[string]string{}, bucketFigs: map[string]float64{}}
	rep := Report{Stack: stack, Source: source, Region: t.Region, Currency: t.Currency}
	for _, r := range inv.Resources {
		if r.Type == "aws_rds_reserved_instance" {
			if db, ok := e.primaryDB(r.Module); ok {
				e.reserved[db.Address] = r.Address
			}
		}
	}
	unpriced := map[string]bool{}
	mods := map[string]float64{}
	for _, r := range inv.Resources {
		p, ok := pricers[r.Type]
		if !ok {
			if _, free := t.Free(r.Type); free {
				rep.Free++
			} else {
				unpriced[r.Type] = true
			}
			continue
		}
		parts, note, err := p(e, r)
		if err != nil {
			return Report{}, fmt.Errorf("%s: pricing %s: %w", stack, r.Address, err)
		}
		l := Line{Address: r.Address, Module: r.Module, Type: r.Type, Parts: parts, Note: note, Uncertain: r.Uncertain}
		for _, pt := range parts {
			l.Monthly += pt.Monthly
		}
		rep.Lines = append(rep.Lines, l)
		rep.Monthly += l.Monthly
		mods[r.Module] += l.Monthly
	}
	for m, v := range mods {
		rep.Modules = append(rep.Modules, ModuleTotal{Module: m, Monthly: v})
	}
	sort.Slice(rep.Modules, func(i, j int) bool { return rep.Modules[i].Module < rep.Modules[j].Module })
	for typ := range unpriced {
		rep.Unpriced = append(rep.Unpriced, typ)
	}
	sort.Strings(rep.Unpriced)
	for _, d := range UsageDefs {
		if e.used[d.Name] {
			rep.Assumptions = append(rep.Assumptions, Assumption{Name: d.Name, Value: u.Values[d.Name], Unit: d.Unit, What: d.What, Default: !u.Set[d.Name]})
		}
		var own []string
		for label := range e.bucketFigs {
			if strings.HasPrefix(label, d.Name+"[") {
				own = append(own, label)
			}
		}
		sort.Strings(own)
		for _, label := range own {
			rep.Assumptions = append(rep.Assumptions, Assumption{Name: label, Value: e.bucketFigs[label], Unit: "GB", What: d.What, Default: false})
		}
	}
	rep.Reserved = e.reservations()
	for k := range e.used {
		if p, ok := t.byKey[k]; ok && !p.Confirmed {
			rep.Unconfirmed = append(rep.Unconfirmed, k)
		}
	}
	sort.Strings(rep.Unconfirmed)
	return rep, nil
}

// part prices quantity × the table's key; usage names the figure it
// depends on.
func (e *estimator) part(what string, qty float64, key, usage string) (Part, error) {
	p, err := e.table.Get(key)
	if err != nil {
		return Part{}, err
	}
	e.used[key] = true
	if usage != "" {
		e.used[usage] = true
	}
	return Part{What: what, Quantity: qty, Unit: p.Unit, Price: key, Rate: p.USD, Monthly: qty * p.USD, Usage: usage}, nil
}

func (e *estimator) use(name string) float64 { return e.usage.Values[name] }

// parts builds a list of parts, stopping at the first missing price.
type partList struct {
	e     *estimator
	parts []Part
	err   error
}

func (l *partList) add(what string, qty float64, key, usage string) {
	if l.err != nil || qty == 0 {
		return
	}
	p, err := l.e.part(what, qty, key, usage)
	if err != nil {
		l.err = err
		return
	}
	l.parts = append(l.parts, p)
}

func (e *estimator) count(typ string) int {
	n := 0
	for _, r := range e.inv.Resources {
		if r.Type == typ {
			n++
		}
	}
	return n
}

// primaryDB is the database instance of a module path (or of the nearest
// enclosing module that has one) that is not a replica.
func (e *estimator) primaryDB(module string) (inventory.Resource, bool) {
	var best inventory.Resource
	found := false
	for _, r := range e.inv.Resources {
		if r.Type != "aws_db_instance" || r.Str("replicate_source_db") != "" || strings.Contains(r.Name, "replica") {
			continue
		}
		if !found || (strings.HasPrefix(r.Module, module) && !strings.HasPrefix(best.Module, module)) {
			best, found = r, true
		}
	}
	return best, found
}

func engineKey(engine string) string {
	switch {
	case strings.HasPrefix(engine, "postgres"):
		return "postgres"
	case strings.HasPrefix(engine, "mysql"):
		return "mysql"
	}
	return engine
}

// dbShape is what prices a database instance, a replica taking engine
// and storage from its primary when they are not its own.
func (e *estimator) dbShape(r inventory.Resource) (engine, class string, multiAZ bool, storage float64) {
	engine, class, multiAZ = engineKey(r.Str("engine")), r.Str("instance_class"), r.Bool("multi_az")
	storage, _ = r.Num("allocated_storage")
	if engine == "" || storage == 0 {
		for _, p := range e.inv.Resources {
			if p.Type == "aws_db_instance" && p.Module == r.Module && p.Address != r.Address && p.Str("engine") != "" {
				if engine == "" {
					engine = engineKey(p.Str("engine"))
				}
				if storage == 0 {
					storage, _ = p.Num("allocated_storage")
				}
			}
		}
	}
	return engine, class, multiAZ, storage
}

func dbInstance(e *estimator, r inventory.Resource) ([]Part, string, error) {
	engine, class, multiAZ, storage := e.dbShape(r)
	if engine == "" || class == "" {
		return nil, "", fmt.Errorf("engine %q and instance class %q must be known: set them in the configuration", engine, class)
	}
	suffix, note := "", fmt.Sprintf("%s %s", engine, class)
	if multiAZ {
		suffix, note = "/multi-az", note+" Multi-AZ"
	}
	l := &partList{e: e}
	if ri, ok := e.reserved[r.Address]; ok {
		note += ", instance hours covered by " + ri
	} else {
		l.add("instance hours", HoursPerMonth, "rds/"+engine+"/"+class+suffix, "")
	}
	l.add("storage (gp3)", storage, "rds/storage/gp3"+suffix, "")
	if r.Str("replicate_source_db") == "" && !strings.Contains(r.Name, "replica") {
		l.add("backup storage beyond the free allowance", e.use("db_backup_gb_beyond_free"), "rds/backup", "db_backup_gb_beyond_free")
		e.used["db_backup_gb_beyond_free"] = true
	}
	return l.parts, note, l.err
}

// reservedInstance: a bought reservation is priced at its hourly rate
// plus the upfront payment spread over the term (1 year, partial upfront,
// modules/hms's default), and the instance it covers loses its on-demand
// instance hours.
func reservedInstance(e *estimator, r inventory.Resource) ([]Part, string, error) {
	db, ok := e.primaryDB(r.Module)
	if !ok {
		return nil, "", fmt.Errorf("no database instance in the stack for the reservation")
	}
	engine, class, multiAZ, _ := e.dbShape(db)
	key := "rds-ri/" + engine + "/" + class + "/1yr/partial-upfront"
	if multiAZ {
		key = "rds-ri/" + engine + "/" + class + "/multi-az/1yr/partial-upfront"
	}
	p, err := e.table.Get(key)
	if err != nil {
		return nil, "", err
	}
	n, ok := r.Num("instance_count")
	if !ok {
		n = 1
	}
	l := &partList{e: e}
	l.add("reserved instance hours", HoursPerMonth*n, key, "")
	if l.err == nil && p.Upfront > 0 {
		l.parts = append(l.parts, Part{What: "upfront payment / 12", Quantity: n, Unit: "reservation-month", Price: key, Rate: p.Upfront / 12, Monthly: n * p.Upfront / 12})
	}
	return l.parts, "covers " + db.Address, l.err
}

func cacheGroup(e *estimator, r inventory.Resource) ([]Part, string, error) {
	node := r.Str("node_type")
	n, ok := r.Num("num_cache_clusters")
	if !ok || n == 0 {
		n = 1
	}
	l := &partList{e: e}
	l.add("node hours", HoursPerMonth*n, "elasticache/"+node, "")
	return l.parts, fmt.Sprintf("%g × %s", n, node), l.err
}

func natGateway(e *estimator, r inventory.Resource) ([]Part, string, error) {
	l := &partList{e: e}
	l.add("gateway hours", HoursPerMonth, "nat/hour", "")
	l.add("data processed (share)", e.use("nat_data_gb")/float64(max(1, e.count("aws_nat_gateway"))), "nat/gb", "nat_data_gb")
	return l.parts, "", l.err
}

func publicIP(e *estimator, r inventory.Resource) ([]Part, string, error) {
	l := &partList{e: e}
	l.add("public IPv4 address hours", HoursPerMonth, "ipv4/hour", "")
	return l.parts, "", l.err
}

func loadBalancer(e *estimator, r inventory.Resource) ([]Part, string, error) {
	l := &partList{e: e}
	l.add("load balancer hours", HoursPerMonth, "alb/hour", "")
	l.add("LCU hours", HoursPerMonth*e.use("alb_lcu"), "alb/lcu", "alb_lcu")
	if !r.Bool("internal") {
		l.add("public IPv4 address hours", HoursPerMonth*e.use("alb_public_ipv4"), "ipv4/hour", "alb_public_ipv4")
	}
	return l.parts, "", l.err
}

// Split divides n tasks between FARGATE and FARGATE_SPOT as ECS does:
// each provider's base first (in order), the rest by weight.
func Split(n float64, strategy []map[string]any) (onDemand, spot float64) {
	if len(strategy) == 0 {
		return n, 0
	}
	rest := n
	var weights, spotWeight float64
	for _, s := range strategy {
		base, _ := s["base"].(float64)
		w, _ := s["weight"].(float64)
		take := math.Min(base, rest)
		rest -= take
		if s["capacity_provider"] == "FARGATE_SPOT" {
			spot += take
			spotWeight += w
		} else {
			onDemand += take
		}
		weights += w
	}
	if weights == 0 {
		return onDemand + rest, spot
	}
	spot += rest * spotWeight / weights
	onDemand += rest * (weights - spotWeight) / weights
	return onDemand, spot
}

func ecsService(e *estimator, r inventory.Resource) ([]Part, string, error) {
	var td inventory.Resource
	found := false
	for _, t := range e.inv.Resources {
		if t.Type == "aws_ecs_task_definition" && t.Module == r.Module && t.Key == r.Key {
			td, found = t, true
		}
	}
	cpu, okc := td.Num("cpu")
	mem, okm := td.Num("memory")
	if !found || !okc || !okm {
		return nil, "", fmt.Errorf("no task definition with known cpu and memory beside the service (same module, key %q)", r.Key)
	}
	n, ok := r.Num("desired_count")
	if !ok {
		n = 1
	}
	strategy := r.Blocks("capacity_provider_strategy")
	od, spot := Split(n, strategy)
	vcpu, gb := cpu/1024, mem/1024
	note := fmt.Sprintf("%g tasks of %g vCPU / %g GB (%g on Spot)", n, vcpu, gb, spot)
	// Autoscaling may run more than the desired count: say what the top
	// of its range costs, priced the same way.
	for _, t := range e.inv.Resources {
		hi, ok := t.Num("max_capacity")
		if t.Type != "aws_appautoscaling_target" || t.Module != r.Module || t.Key != r.Key || !ok || hi <= n {
			continue
		}
		if top, err := e.fargate(hi, vcpu, gb, strategy); err == nil {
			note += fmt.Sprintf("; at the autoscaling maximum of %g: %s", hi, Money(top))
		}
	}
	l := &partList{e: e}
	l.add(fmt.Sprintf("on-demand vCPU (%g tasks × %g)", od, vcpu), HoursPerMonth*od*vcpu, "fargate/vcpu", "")
	l.add(fmt.Sprintf("on-demand memory (%g tasks × %g GB)", od, gb), HoursPerMonth*od*gb, "fargate/gb", "")
	l.add(fmt.Sprintf("Spot vCPU (%g tasks × %g)", spot, vcpu), HoursPerMonth*spot*vcpu, "fargate-spot/vcpu", "")
	l.add(fmt.Sprintf("Spot memory (%g tasks × %g GB)", spot, gb), HoursPerMonth*spot*gb, "fargate-spot/gb", "")
	return l.parts, note, l.err
}

// fargate is the monthly cost of n tasks of a size under a strategy.
func (e *estimator) fargate(n, vcpu, gb float64, strategy []map[string]any) (float64, error) {
	od, spot := Split(n, strategy)
	var sum float64
	for _, x := range []struct {
		key string
		qty float64
	}{{"fargate/vcpu", od * vcpu}, {"fargate/gb", od * gb}, {"fargate-spot/vcpu", spot * vcpu}, {"fargate-spot/gb", spot * gb}} {
		p, err := e.table.Get(x.key)
		if err != nil {
			return 0, err
		}
		sum += HoursPerMonth * x.qty * p.USD
	}
	return sum, nil
}

func cloudfront(e *estimator, r inventory.Resource) ([]Part, string, error) {
	l := &partList{e: e}
	l.add("data out", e.use("cloudfront_data_gb"), "cloudfront/gb", "cloudfront_data_gb")
	l.add("HTTPS requests", e.use("cloudfront_requests_10k"), "cloudfront/10k-https", "cloudfront_requests_10k")
	return l.parts, "", l.err
}

// bucketName is what a usage file's bucket block is labelled with: the
// module holding the bucket ("backups_bucket") or the resource's name.
func bucketName(r inventory.Resource) string {
	if i := strings.LastIndex(r.Module, "module."); i >= 0 {
		name, _, _ := strings.Cut(r.Module[i+len("module."):], "[")
		return name
	}
	return r.Name
}

func bucket(e *estimator, r inventory.Resource) ([]Part, string, error) {
	own := e.usage.Buckets[bucketName(r)]
	fig := func(name string) (float64, string) {
		if v, ok := own[name]; ok {
			label := name + "[" + bucketName(r) + "]"
			e.bucketFigs[label] = v
			return v, label
		}
		return e.use(name), name
	}
	l := &partList{e: e}
	add := func(what, figure, key string) {
		v, label := fig(figure)
		l.add(what, v, key, label)
	}
	add("Standard storage", "s3_standard_gb", "s3/standard")
	for _, o := range e.inv.Resources {
		if o.Type == "aws_s3_bucket_lifecycle_configuration" && o.Module == r.Module {
			add("Standard-IA storage", "s3_standard_ia_gb", "s3/standard-ia")
			add("Glacier storage", "s3_glacier_gb", "s3/glacier")
		}
	}
	add("PUT/LIST requests", "s3_puts_1k", "s3/1k-put")
	return l.parts, "", l.err
}

func logGroup(e *estimator, r inventory.Resource) ([]Part, string, error) {
	share := e.use("log_ingest_gb") / float64(max(1, e.count("aws_cloudwatch_log_group")))
	days, ok := r.Num("retention_in_days")
	note := fmt.Sprintf("%g-day retention", days)
	if !ok || days == 0 {
		days, note = 365, "never expires: a year's worth stored"
	}
	l := &partList{e: e}
	l.add("ingested (share)", share, "logs/ingest", "log_ingest_gb")
	l.add("stored (steady state)", share*days/30, "logs/storage", "log_ingest_gb")
	return l.parts, note, l.err
}

// fixed prices one unit of key a month, plus, when usage is set, the
// usage figure's quantity of perUse (requests, queries, calls).
func fixed(key, what string, perUse ...string) pricer {
	return func(e *estimator, r inventory.Resource) ([]Part, string, error) {
		l := &partList{e: e}
		l.add(what, 1, key, "")
		if len(perUse) == 3 {
			l.add(perUse[0], e.use(perUse[2]), perUse[1], perUse[2])
		}
		return l.parts, "", l.err
	}
}

func xray(e *estimator, r inventory.Resource) ([]Part, string, error) {
	l := &partList{e: e}
	billable := math.Max(0, e.use("xray_traces_million")-0.1) / float64(max(1, e.count("aws_xray_sampling_rule")))
	l.add("traces recorded beyond the free 0.1 million", billable, "xray/million-traces", "xray_traces_million")
	e.used["xray_traces_million"] = true
	return l.parts, "", l.err
}

func ecrRepository(e *estimator, r inventory.Resource) ([]Part, string, error) {
	l := &partList{e: e}
	l.add("image storage", e.use("ecr_storage_gb"), "ecr/gb", "ecr_storage_gb")
	return l.parts, "", l.err
}

// reservations compares on-demand with every reservation the table has
// for each primary database's engine and class.
func (e *estimator) reservations() []RIComparison {
	var out []RIComparison
	for _, r := range e.inv.Resources {
		if r.Type != "aws_db_instance" || r.Str("replicate_source_db") != "" || strings.Contains(r.Name, "replica") {
			continue
		}
		engine, class, multiAZ, _ := e.dbShape(r)
		prefix, od := "rds-ri/"+engine+"/"+class+"/", "rds/"+engine+"/"+class
		if multiAZ {
			prefix, od = prefix+"multi-az/", od+"/multi-az"
		}
		odp, err := e.table.Get(od)
		if err != nil {
			continue
		}
		c := RIComparison{Address: r.Address, Class: class, Engine: engine}
		base := odp.USD * HoursPerMonth
		c.Options = append(c.Options, RIOption{Option: "on-demand", Hourly: odp.USD, Monthly: base})
		for _, p := range e.table.Prices {
			rest, ok := strings.CutPrefix(p.Key, prefix)
			if !ok || strings.HasPrefix(rest, "multi-az/") {
				continue
			}
			years := 1.0
			if strings.HasPrefix(rest, "3yr") {
				years = 3
			}
			m := p.USD*HoursPerMonth + p.Upfront/(12*years)
			c.Options = append(c.Options, RIOption{Option: rest, Upfront: p.Upfront, Hourly: p.USD, Monthly: m, Saving: 100 * (base - m) / base})
			e.used[p.Key] = true
		}
		if len(c.Options) > 1 {
			e.used[od] = true
			out = append(out, c)
		}
	}
	return out
}
