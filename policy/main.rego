# The entry point infra evaluates: every rule file is a package under
# infra.rules; each has `deny` (findings built with lib.finding) and `rules`
# (id -> severity, title, remediation).
package infra.main

findings contains f if {
	some area
	some d in data.infra.rules[area].deny
	meta := data.infra.rules[area].rules[d.id]
	f := object.union(d, {
		"area": area,
		"severity": meta.severity,
		"title": meta.title,
		"remediation": meta.remediation,
	})
}

# catalog is every rule: id -> {area, severity, title, remediation}.
catalog[id] := object.union(meta, {"area": area}) if {
	some area
	some id, meta in data.infra.rules[area].rules
}
