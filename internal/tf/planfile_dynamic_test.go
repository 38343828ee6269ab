package tf

import (
	"reflect"
	"testing"
)

func TestUnwrapDynamic(t *testing.T) {
	tests := []struct {
		name string
		typ  string
		in   map[string]any
		want map[string]any
	}{
		{"terraform_data triggers_replace", "terraform_data",
			map[string]any{"id": "x", "input": nil, "triggers_replace": map[string]any{"type": "string", "value": "dev-db"}},
			map[string]any{"id": "x", "input": nil, "triggers_replace": "dev-db"}},
		{"other types untouched", "aws_s3_bucket",
			map[string]any{"tags": map[string]any{"type": "a", "value": "b"}},
			map[string]any{"tags": map[string]any{"type": "a", "value": "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unwrapDynamic(tt.typ, tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
