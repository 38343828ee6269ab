// Package cost prices a stack's inventory (internal/inventory) from the
// price table committed in the repository (infrastructure/pricing/prices.hcl)
// and a usage file per stack (infrastructure/pricing/usage/<stack>.hcl):
// monthly cost per resource, per module and per stack, the delta of a
// saved plan, and the database's on-demand vs reserved-instance comparison.
package cost

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// HoursPerMonth is AWS's billing month (8760 h / 12).
const HoursPerMonth = 730

// Price is one row of the table.
type Price struct {
	Key       string  `hcl:"key,label" json:"key"`
	USD       float64 `hcl:"usd" json:"usd"`
	Upfront   float64 `hcl:"upfront,optional" json:"upfront,omitempty"`
	Unit      string  `hcl:"unit" json:"unit"`
	Source    string  `hcl:"source" json:"source"`
	Date      string  `hcl:"date" json:"date"`
	Confirmed bool    `hcl:"confirmed" json:"confirmed"`
	// CorroboratedBy is a third-party page quoting the same figure (not
	// AWS's page: the price stays unconfirmed).
	CorroboratedBy string            `hcl:"corroborated_by,optional" json:"corroborated_by,omitempty"`
	Query          map[string]string `hcl:"query,optional" json:"query,omitempty"`
}

// Table is the price table.
type Table struct {
	Region   string  `hcl:"region"`
	Currency string  `hcl:"currency"`
	Prices   []Price `hcl:"price,block"`
	// Free lists "type: why" for types that cost nothing by themselves.
	FreeList []string `hcl:"free"`

	byKey map[string]Price
	free  map[string]string
}

// LoadTable reads a price table.
func LoadTable(path string) (*Table, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading price table: %w", err)
	}
	return ParseTable(path, src)
}

// ParseTable parses a price table's source.
func ParseTable(filename string, src []byte) (*Table, error) {
	f, diags := hclparse.NewParser().ParseHCL(src, filename)
	if diags.HasErrors() {
		return nil, fmt.Errorf("price table: %w", diags)
	}
	var t Table
	if diags := gohcl.DecodeBody(f.Body, nil, &t); diags.HasErrors() {
		return nil, fmt.Errorf("price table: %w", diags)
	}
	t.byKey = map[string]Price{}
	for _, p := range t.Prices {
		if _, dup := t.byKey[p.Key]; dup {
			return nil, fmt.Errorf("price table %s: price %q twice: keep one", filename, p.Key)
		}
		if p.Date == "" || !strings.HasPrefix(p.Source, "https://") {
			return nil, fmt.Errorf("price table %s: price %q needs a date and an https source", filename, p.Key)
		}
		t.byKey[p.Key] = p
	}
	t.free = map[string]string{}
	for _, e := range t.FreeList {
		typ, why, ok := strings.Cut(e, ": ")
		if !ok {
			return nil, fmt.Errorf("price table %s: free entry %q must read \"<type>: <why>\"", filename, e)
		}
		t.free[typ] = why
	}
	return &t, nil
}

// Get returns a price or an error naming the key to add.
func (t *Table) Get(key string) (Price, error) {
	p, ok := t.byKey[key]
	if !ok {
		return Price{}, fmt.Errorf("no price %q in the price table: add it to infrastructure/pricing/prices.hcl", key)
	}
	return p, nil
}

// Free reports whether a resource type is listed as free, and why.
func (t *Table) Free(typ string) (string, bool) {
	why, ok := t.free[typ]
	return why, ok
}

// Unconfirmed lists the keys of prices not checked against their source.
func (t *Table) Unconfirmed() []string {
	var out []string
	for _, p := range t.Prices {
		if !p.Confirmed {
			out = append(out, p.Key)
		}
	}
	sort.Strings(out)
	return out
}
