package cost

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/pricing"
	ptypes "github.com/aws/aws-sdk-go-v2/service/pricing/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Location is the Price List name of us-east-1.
const Location = "US East (N. Virginia)"

// Offer is one product of a Price List response with its on-demand price.
type Offer struct {
	SKU        string
	Attributes map[string]string
	USD        float64
	Unit       string
}

// ParseProducts reads the PriceList documents of a GetProducts response
// (one JSON document per product) and returns each product's on-demand
// price: the first price dimension above zero.
func ParseProducts(docs []string) ([]Offer, error) {
	var out []Offer
	for i, d := range docs {
		var p struct {
			Product struct {
				SKU        string            `json:"sku"`
				Attributes map[string]string `json:"attributes"`
			} `json:"product"`
			Terms struct {
				OnDemand map[string]struct {
					PriceDimensions map[string]struct {
						Unit         string            `json:"unit"`
						PricePerUnit map[string]string `json:"pricePerUnit"`
					} `json:"priceDimensions"`
				} `json:"OnDemand"`
			} `json:"terms"`
		}
		if err := json.Unmarshal([]byte(d), &p); err != nil {
			return nil, fmt.Errorf("price list document %d: %w", i, err)
		}
		o := Offer{SKU: p.Product.SKU, Attributes: p.Product.Attributes}
		for _, term := range p.Terms.OnDemand {
			for _, dim := range term.PriceDimensions {
				usd, err := strconv.ParseFloat(dim.PricePerUnit["USD"], 64)
				if err != nil {
					return nil, fmt.Errorf("price list document %d (%s): USD price %q: %w", i, o.SKU, dim.PricePerUnit["USD"], err)
				}
				if usd > 0 && o.USD == 0 {
					o.USD, o.Unit = usd, dim.Unit
				}
			}
		}
		if o.USD > 0 {
			out = append(out, o)
		}
	}
	return out, nil
}

// ProductsAPI is the Price List Query API call Refresh needs.
type ProductsAPI interface {
	GetProducts(ctx context.Context, in *pricing.GetProductsInput, opts ...func(*pricing.Options)) (*pricing.GetProductsOutput, error)
}

// Refreshed is one price Refresh looked up.
type Refreshed struct {
	Key      string
	Old, New float64
}

// Refresh looks up every price of the table at path that has a query
// (service plus attribute filters, location us-east-1) and rewrites its
// usd, date and confirmed in place. A query matching products of
// different prices is an error naming the key: narrow its filters.
func Refresh(ctx context.Context, api ProductsAPI, path string, now time.Time) ([]Refreshed, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading price table: %w", err)
	}
	t, err := ParseTable(path, src)
	if err != nil {
		return nil, err
	}
	f, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("price table: %w", diags)
	}
	var out []Refreshed
	for _, p := range t.Prices {
		if len(p.Query) == 0 {
			continue
		}
		usd, err := lookup(ctx, api, p)
		if err != nil {
			return out, err
		}
		b := f.Body().FirstMatchingBlock("price", []string{p.Key})
		b.Body().SetAttributeValue("usd", cty.NumberFloatVal(usd))
		b.Body().SetAttributeValue("date", cty.StringVal(now.UTC().Format("2006-01-02")))
		b.Body().SetAttributeValue("confirmed", cty.True)
		out = append(out, Refreshed{Key: p.Key, Old: p.USD, New: usd})
	}
	if err := os.WriteFile(path, hclwrite.Format(f.Bytes()), 0o644); err != nil {
		return out, fmt.Errorf("writing price table: %w", err)
	}
	return out, nil
}

func lookup(ctx context.Context, api ProductsAPI, p Price) (float64, error) {
	in := &pricing.GetProductsInput{ServiceCode: aws.String(p.Query["service"]), MaxResults: aws.Int32(100)}
	names := make([]string, 0, len(p.Query))
	for k := range p.Query {
		if k != "service" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	filter := func(field, value string) ptypes.Filter {
		return ptypes.Filter{Type: ptypes.FilterTypeTermMatch, Field: aws.String(field), Value: aws.String(value)}
	}
	in.Filters = append(in.Filters, filter("location", Location))
	for _, k := range names {
		in.Filters = append(in.Filters, filter(k, p.Query[k]))
	}
	var offers []Offer
	pager := pricing.NewGetProductsPaginator(api, in)
	for pager.HasMorePages() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return 0, fmt.Errorf("price %s: AWS Price List: %w", p.Key, err)
		}
		o, err := ParseProducts(page.PriceList)
		if err != nil {
			return 0, fmt.Errorf("price %s: %w", p.Key, err)
		}
		offers = append(offers, o...)
	}
	if len(offers) == 0 {
		return 0, fmt.Errorf("price %s: no product matches its query %v in %s: correct the query in prices.hcl", p.Key, p.Query, Location)
	}
	for _, o := range offers[1:] {
		if o.USD != offers[0].USD {
			return 0, fmt.Errorf("price %s: its query matches products of different prices (%s %g, %s %g): narrow the query in prices.hcl", p.Key, offers[0].SKU, offers[0].USD, o.SKU, o.USD)
		}
	}
	return offers[0].USD, nil
}
