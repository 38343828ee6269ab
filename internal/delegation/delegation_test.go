package delegation

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
)

type fakeResolver map[string][]string

func (f fakeResolver) LookupNS(_ context.Context, name string) ([]*net.NS, error) {
	hosts, ok := f[name]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
	}
	var out []*net.NS
	for _, h := range hosts {
		out = append(out, &net.NS{Host: h})
	}
	return out, nil
}

func TestCheck(t *testing.T) {
	zones := Zones{"hms.example.com": {"ns-1.awsdns-01.org", "NS-2.awsdns-02.net."}}
	for _, tc := range []struct {
		name     string
		resolver fakeResolver
		wantErr  string
	}{
		{"delegated, any order, case and trailing dot", fakeResolver{"hms.example.com": {"ns-2.awsdns-02.net.", "ns-1.awsdns-01.org."}}, ""},
		{"not delegated at all", fakeResolver{}, "public DNS answers no NS records"},
		{"delegated elsewhere", fakeResolver{"hms.example.com": {"ns1.registrar.example"}}, "public DNS answers NS ns1.registrar.example"},
		{"one name server missing", fakeResolver{"hms.example.com": {"ns-1.awsdns-01.org"}}, "add NS records ns-1.awsdns-01.org, ns-2.awsdns-02.net for hms.example.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(context.Background(), tc.resolver, zones)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var nd *NotDelegatedError
			if !errors.As(err, &nd) || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v: want a one-line NotDelegatedError containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestFromOutput(t *testing.T) {
	z, err := FromOutput([]byte(`{"b.example.com":["ns-2"],"a.example.com":["ns-1"]}`))
	if err != nil || strings.Join(z.Names(), ",") != "a.example.com,b.example.com" {
		t.Fatalf("FromOutput: %v %v", z, err)
	}
	if _, err := FromOutput([]byte(`["ns-1"]`)); err == nil {
		t.Fatal("a list is not a delegation map")
	}
}
