package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// principalKind is what a managed policy is attached to: a role or a group. Both attachment resources share one
// implementation; only the attribute name and the IAM calls differ.
type principalKind struct {
	typeName  string // aws_iam_role_policy_attachment
	attr      string // role
	label     string // IAM Role Policy Attachment
	attach    func(ctx context.Context, c *iam.Client, principal, arn string) error
	detach    func(ctx context.Context, c *iam.Client, principal, arn string) error
	listPages func(ctx context.Context, c *iam.Client, principal string) ([]string, error)
}

type iamPolicyAttachment struct {
	base
	kind principalKind
}

func newIamRolePolicyAttachment() resource.Resource {
	return &iamPolicyAttachment{kind: principalKind{
		typeName: "_iam_role_policy_attachment", attr: "role", label: "IAM Role Policy Attachment",
		attach: func(ctx context.Context, c *iam.Client, p, arn string) error {
			_, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(p), PolicyArn: aws.String(arn)})
			return err
		},
		detach: func(ctx context.Context, c *iam.Client, p, arn string) error {
			_, err := c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(p), PolicyArn: aws.String(arn)})
			return err
		},
		listPages: func(ctx context.Context, c *iam.Client, p string) ([]string, error) {
			var arns []string
			pg := iam.NewListAttachedRolePoliciesPaginator(c, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(p)})
			for pg.HasMorePages() {
				page, err := pg.NextPage(ctx)
				if err != nil {
					return nil, err
				}
				for _, a := range page.AttachedPolicies {
					arns = append(arns, aws.ToString(a.PolicyArn))
				}
			}
			return arns, nil
		},
	}}
}

func newIamGroupPolicyAttachment() resource.Resource {
	return &iamPolicyAttachment{kind: principalKind{
		typeName: "_iam_group_policy_attachment", attr: "group", label: "IAM Group Policy Attachment",
		attach: func(ctx context.Context, c *iam.Client, p, arn string) error {
			_, err := c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String(p), PolicyArn: aws.String(arn)})
			return err
		},
		detach: func(ctx context.Context, c *iam.Client, p, arn string) error {
			_, err := c.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: aws.String(p), PolicyArn: aws.String(arn)})
			return err
		},
		listPages: func(ctx context.Context, c *iam.Client, p string) ([]string, error) {
			var arns []string
			pg := iam.NewListAttachedGroupPoliciesPaginator(c, &iam.ListAttachedGroupPoliciesInput{GroupName: aws.String(p)})
			for pg.HasMorePages() {
				page, err := pg.NextPage(ctx)
				if err != nil {
					return nil, err
				}
				for _, a := range page.AttachedPolicies {
					arns = append(arns, aws.ToString(a.PolicyArn))
				}
			}
			return arns, nil
		},
	}}
}

func (r *iamPolicyAttachment) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.typeName
}

func (r *iamPolicyAttachment) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":         schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"policy_arn": schema.StringAttribute{Required: true, PlanModifiers: replace},
			r.kind.attr:  schema.StringAttribute{Required: true, PlanModifiers: replace},
		},
	}
}

// get reads (principal, policy_arn) from a plan or state.
func (r *iamPolicyAttachment) get(ctx context.Context, getAttr func(context.Context, path.Path, any) diag.Diagnostics) (string, string, diag.Diagnostics) {
	var principal, arn types.String
	d := getAttr(ctx, path.Root(r.kind.attr), &principal)
	d = append(d, getAttr(ctx, path.Root("policy_arn"), &arn)...)
	return principal.ValueString(), arn.ValueString(), d
}

func (r *iamPolicyAttachment) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	principal, arn, d := r.get(ctx, req.Plan.GetAttribute)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.kind.attach(ctx, r.c.iam, principal, arn); err != nil {
		resp.Diagnostics.AddError("creating "+r.kind.label, fmt.Sprintf("attaching %s to %s %s: %s", arn, r.kind.attr, principal, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.kind.attr), principal)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("policy_arn"), arn)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), principal+"/"+arn)...)
}

func (r *iamPolicyAttachment) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	principal, arn, d := r.get(ctx, req.State.GetAttribute)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	arns, err := r.kind.listPages(ctx, r.c.iam, principal)
	if isCode(err, "NoSuchEntity") {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("reading "+r.kind.label, fmt.Sprintf("%s/%s: %s", principal, arn, err))
		return
	}
	if !contains(arns, arn) {
		resp.State.RemoveResource(ctx) // detached out of band
	}
}

func (r *iamPolicyAttachment) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("unexpected update", "every attribute of "+r.kind.label+" forces a new resource")
}

func (r *iamPolicyAttachment) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	principal, arn, d := r.get(ctx, req.State.GetAttribute)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.kind.detach(ctx, r.c.iam, principal, arn); err != nil && !isCode(err, "NoSuchEntity") {
		resp.Diagnostics.AddError("deleting "+r.kind.label, fmt.Sprintf("detaching %s from %s %s: %s", arn, r.kind.attr, principal, err))
	}
}

func (r *iamPolicyAttachment) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	principal, arn, ok := strings.Cut(req.ID, "/")
	if !ok || principal == "" || arn == "" {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("want %s/POLICY_ARN, got %q", strings.ToUpper(r.kind.attr), req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.kind.attr), principal)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("policy_arn"), arn)...)
}
