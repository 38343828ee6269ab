package cost

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/pricing"
)

// fakePricing answers GetProducts from a recorded response chosen by the
// instanceType filter, and records the filters it was sent.
type fakePricing struct {
	t       *testing.T
	files   map[string]string
	filters []string
}

func (f *fakePricing) GetProducts(_ context.Context, in *pricing.GetProductsInput, _ ...func(*pricing.Options)) (*pricing.GetProductsOutput, error) {
	var instance string
	for _, fl := range in.Filters {
		f.filters = append(f.filters, *fl.Field+"="+*fl.Value)
		if *fl.Field == "instanceType" {
			instance = *fl.Value
		}
	}
	b, err := os.ReadFile(filepath.Join("testdata", "pricelist", f.files[instance]))
	if err != nil {
		f.t.Fatal(err)
	}
	var out struct{ PriceList []string }
	if err := json.Unmarshal(b, &out); err != nil {
		f.t.Fatal(err)
	}
	return &pricing.GetProductsOutput{PriceList: out.PriceList}, nil
}

const refreshTable = `region   = "us-east-1"
currency = "USD"

price "rds/mysql/db.t3.micro" {
  usd       = 0.02
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/mysql/pricing/"
  date      = "2020-01-01"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.t3.micro", databaseEngine = "MySQL", deploymentOption = "Single-AZ" }
}

price "nat/hour" {
  usd       = 0.045
  unit      = "hour"
  source    = "https://aws.amazon.com/vpc/pricing/"
  date      = "2020-01-01"
  confirmed = false
}

free = []
`

func TestRefresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prices.hcl")
	if err := os.WriteFile(path, []byte(refreshTable), 0o644); err != nil {
		t.Fatal(err)
	}
	api := &fakePricing{t: t, files: map[string]string{"db.t3.micro": "rds-mysql-db.t3.micro.json"}}
	got, err := Refresh(context.Background(), api, path, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Key != "rds/mysql/db.t3.micro" || got[0].Old != 0.02 || got[0].New != 0.017 {
		t.Fatalf("refreshed %+v, want rds/mysql/db.t3.micro 0.02 -> 0.017", got)
	}
	want := "location=US East (N. Virginia),databaseEngine=MySQL,deploymentOption=Single-AZ,instanceType=db.t3.micro"
	if f := strings.Join(api.filters, ","); f != want {
		t.Errorf("filters %s, want %s", f, want)
	}
	tab, err := LoadTable(path)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := tab.Get("rds/mysql/db.t3.micro")
	if p.USD != 0.017 || p.Date != "2026-12-05" || !p.Confirmed {
		t.Errorf("rewritten price %+v", p)
	}
	if n, _ := tab.Get("nat/hour"); n.Confirmed || n.Date != "2020-01-01" {
		t.Errorf("a price without a query changed: %+v", n)
	}
}

func TestRefreshAmbiguous(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prices.hcl")
	src := strings.ReplaceAll(strings.ReplaceAll(refreshTable, "db.t3.micro", "cache.t4g.micro"), `service = "AmazonRDS"`, `service = "AmazonElastiCache"`)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	api := &fakePricing{t: t, files: map[string]string{"cache.t4g.micro": "elasticache-ambiguous.json"}}
	_, err := Refresh(context.Background(), api, path, time.Now())
	if err == nil || !strings.Contains(err.Error(), "narrow the query") {
		t.Fatalf("err = %v, want an ambiguous-query error", err)
	}
}

func TestParseProducts(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "pricelist", "rds-mysql-db.t3.micro.json"))
	if err != nil {
		t.Fatal(err)
	}
	var resp struct{ PriceList []string }
	if err := json.Unmarshal(b, &resp); err != nil {
		t.Fatal(err)
	}
	offers, err := ParseProducts(resp.PriceList)
	if err != nil {
		t.Fatal(err)
	}
	// The reserved term's upfront fee must not be taken for the hourly price.
	if len(offers) != 1 || offers[0].USD != 0.017 || offers[0].Unit != "Hrs" || offers[0].Attributes["deploymentOption"] != "Single-AZ" {
		t.Fatalf("offers %+v", offers)
	}
	if _, err := ParseProducts([]string{`{"terms":{"OnDemand":{"x":{"priceDimensions":{"y":{"pricePerUnit":{"USD":"abc"}}}}}}}`}); err == nil {
		t.Error("a non-numeric price must fail")
	}
}
