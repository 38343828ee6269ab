// Package verify checks, through the AWS SDK, that what Terraform's state
// says exists really exists in the target account (or emulator), and runs
// the designs' deployment checks.
package verify

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	tfjson "github.com/hashicorp/terraform-json"
	"golang.org/x/sync/errgroup"
)

// Check is one verified fact.
type Check struct {
	Name   string
	OK     bool
	Detail string
}

// Report collects the checks of one stack.
type Report struct {
	Stack     string
	Checks    []Check
	Unchecked map[string]int // resource type -> count with no existence check
}

// Failed counts failed checks.
func (r Report) Failed() int {
	n := 0
	for _, c := range r.Checks {
		if !c.OK {
			n++
		}
	}
	return n
}

type existsFunc func(ctx context.Context, c *Clients, r *tfjson.StateResource) error

// existence holds one lookup per resource type the stacks use.
var existence = map[string]existsFunc{
	"aws_vpc": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		_, err := c.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{attr(r, "id")}})
		return err
	},
	"aws_subnet": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		out, err := c.EC2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{attr(r, "id")}})
		if err == nil && aws.ToString(out.Subnets[0].CidrBlock) != attr(r, "cidr_block") {
			return fmt.Errorf("cidr %s, state says %s", aws.ToString(out.Subnets[0].CidrBlock), attr(r, "cidr_block"))
		}
		return err
	},
	"aws_internet_gateway": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		_, err := c.EC2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{attr(r, "id")}})
		return err
	},
	"aws_eip": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		_, err := c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{attr(r, "id")}})
		return err
	},
	"aws_nat_gateway": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		out, err := c.EC2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{attr(r, "id")}})
		if err != nil {
			return err
		}
		if len(out.NatGateways) != 1 || out.NatGateways[0].State != ec2types.NatGatewayStateAvailable {
			return errors.New("not available")
		}
		return nil
	},
	"aws_route_table": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		_, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{attr(r, "id")}})
		return err
	},
	"aws_route": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		out, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{attr(r, "route_table_id")}})
		if err != nil {
			return err
		}
		for _, rt := range out.RouteTables {
			for _, route := range rt.Routes {
				if aws.ToString(route.DestinationCidrBlock) == attr(r, "destination_cidr_block") {
					return nil
				}
			}
		}
		return fmt.Errorf("no route to %s in %s", attr(r, "destination_cidr_block"), attr(r, "route_table_id"))
	},
	"aws_route_table_association": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		out, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{attr(r, "route_table_id")}})
		if err != nil {
			return err
		}
		for _, rt := range out.RouteTables {
			for _, a := range rt.Associations {
				if aws.ToString(a.SubnetId) == attr(r, "subnet_id") {
					return nil
				}
			}
		}
		return fmt.Errorf("subnet %s not associated with %s", attr(r, "subnet_id"), attr(r, "route_table_id"))
	},
	"aws_security_group":         securityGroup,
	"aws_default_security_group": securityGroup,
	"aws_flow_log": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		out, err := c.EC2.DescribeFlowLogs(ctx, &ec2.DescribeFlowLogsInput{FlowLogIds: []string{attr(r, "id")}})
		if err == nil && len(out.FlowLogs) != 1 {
			return errors.New("not found")
		}
		return err
	},
	"aws_cloudwatch_log_group": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		name := attr(r, "name")
		out, err := c.Logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(name)})
		if err != nil {
			return err
		}
		for _, g := range out.LogGroups {
			if aws.ToString(g.LogGroupName) == name {
				return nil
			}
		}
		return errors.New("not found")
	},
	"aws_iam_role": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		_, err := c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(attr(r, "name"))})
		return err
	},
	"aws_iam_role_policy": func(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
		_, err := c.IAM.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(attr(r, "role")), PolicyName: aws.String(attr(r, "name"))})
		return err
	},
}

func securityGroup(ctx context.Context, c *Clients, r *tfjson.StateResource) error {
	_, err := c.EC2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{attr(r, "id")}})
	return err
}

// lookups bounds concurrent SDK calls: enough to hide latency, few enough
// not to trip API rate limits.
const lookups = 8

// Exists looks up every managed resource in st whose type has a check.
func Exists(ctx context.Context, c *Clients, stack string, st *tfjson.State) Report {
	rep := Report{Stack: stack, Unchecked: map[string]int{}}
	var todo []*tfjson.StateResource
	for _, r := range Resources(st) {
		if _, ok := existence[r.Type]; ok {
			todo = append(todo, r)
		} else {
			rep.Unchecked[r.Type]++
		}
	}
	rep.Checks = make([]Check, len(todo))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(lookups)
	for i, r := range todo {
		g.Go(func() error {
			check := Check{Name: r.Address + " exists", OK: true}
			if err := existence[r.Type](gctx, c, r); err != nil {
				check.OK = false
				check.Detail = err.Error()
			}
			rep.Checks[i] = check
			return nil
		})
	}
	_ = g.Wait()
	return rep
}

// Resources lists the managed resources of every module in st.
func Resources(st *tfjson.State) []*tfjson.StateResource {
	if st == nil || st.Values == nil {
		return nil
	}
	var out []*tfjson.StateResource
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, r := range m.Resources {
			if r.Mode == tfjson.ManagedResourceMode {
				out = append(out, r)
			}
		}
		for _, cm := range m.ChildModules {
			walk(cm)
		}
	}
	walk(st.Values.RootModule)
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// attr reads a string attribute of a resource.
func attr(r *tfjson.StateResource, name string) string {
	if v, ok := r.AttributeValues[name].(string); ok {
		return v
	}
	return ""
}

// UncheckedSummary renders the types without an existence check.
func (r Report) UncheckedSummary() string {
	if len(r.Unchecked) == 0 {
		return ""
	}
	var parts []string
	for t, n := range r.Unchecked {
		parts = append(parts, fmt.Sprintf("%s×%d", t, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}
