package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// aws_iam_role: name, name_prefix and path force a new role; the trust policy, description, session duration,
// permissions boundary and tags update in place. inline_policy is not modelled (modelgate never renders it).
type iamRole struct{ base }

type iamRoleModel struct {
	ID                  types.String `tfsdk:"id"`
	ARN                 types.String `tfsdk:"arn"`
	AssumeRolePolicy    types.String `tfsdk:"assume_role_policy"`
	CreateDate          types.String `tfsdk:"create_date"`
	Description         types.String `tfsdk:"description"`
	ForceDetachPolicies types.Bool   `tfsdk:"force_detach_policies"`
	ManagedPolicyARNs   types.Set    `tfsdk:"managed_policy_arns"`
	MaxSessionDuration  types.Int64  `tfsdk:"max_session_duration"`
	Name                types.String `tfsdk:"name"`
	NamePrefix          types.String `tfsdk:"name_prefix"`
	Path                types.String `tfsdk:"path"`
	PermissionsBoundary types.String `tfsdk:"permissions_boundary"`
	Tags                types.Map    `tfsdk:"tags"`
	TagsAll             types.Map    `tfsdk:"tags_all"`
	UniqueID            types.String `tfsdk:"unique_id"`
}

func newIamRole() resource.Resource { return &iamRole{} }

func (r *iamRole) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_iam_role"
}

func (r *iamRole) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	keepReplace := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":                    schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep},
			"arn":                   schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"assume_role_policy":    schema.StringAttribute{Required: true, Validators: []validator.String{jsonValidator{}}},
			"create_date":           schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"description":           schema.StringAttribute{Optional: true},
			"force_detach_policies": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
			"managed_policy_arns": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()}},
			"max_session_duration": schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(3600)},
			"name":                 schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keepReplace},
			"name_prefix":          schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keepReplace},
			"path": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("/"),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"permissions_boundary": schema.StringAttribute{Optional: true},
			"tags":                 schema.MapAttribute{Optional: true, ElementType: types.StringType},
			"tags_all":             schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType},
			"unique_id":            schema.StringAttribute{Computed: true, PlanModifiers: keep},
		},
	}
}

func (r *iamRole) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planTagsAll(ctx, r.c, req, resp)
}

func (r *iamRole) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m iamRoleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := resourceName(m.Name, m.NamePrefix)
	in := &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		Path:                     aws.String(m.Path.ValueString()),
		AssumeRolePolicyDocument: aws.String(m.AssumeRolePolicy.ValueString()),
		MaxSessionDuration:       aws.Int32(int32(m.MaxSessionDuration.ValueInt64())),
		Tags:                     iamTags(mapOf(ctx, m.TagsAll)),
	}
	if !m.Description.IsNull() {
		in.Description = aws.String(m.Description.ValueString())
	}
	if !m.PermissionsBoundary.IsNull() {
		in.PermissionsBoundary = aws.String(m.PermissionsBoundary.ValueString())
	}
	out, err := r.c.iam.CreateRole(ctx, in)
	if err != nil {
		resp.Diagnostics.AddError("creating IAM Role", fmt.Sprintf("%s: %s", name, err))
		return
	}
	if !m.ManagedPolicyARNs.IsUnknown() && !m.ManagedPolicyARNs.IsNull() {
		var arns []string
		resp.Diagnostics.Append(m.ManagedPolicyARNs.ElementsAs(ctx, &arns, false)...)
		for _, a := range arns {
			if _, err := r.c.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(name), PolicyArn: aws.String(a)}); err != nil {
				resp.Diagnostics.AddError("attaching managed policy to IAM Role", fmt.Sprintf("%s: %s", a, err))
				return
			}
		}
	} else {
		m.ManagedPolicyARNs = types.SetValueMust(types.StringType, nil)
	}
	role := out.Role
	m.ID = types.StringValue(name)
	m.Name = types.StringValue(name)
	if m.NamePrefix.IsUnknown() {
		m.NamePrefix = types.StringNull()
	}
	m.ARN = types.StringValue(aws.ToString(role.Arn))
	m.UniqueID = types.StringValue(aws.ToString(role.RoleId))
	m.CreateDate = types.StringValue(aws.ToTime(role.CreateDate).UTC().Format(time.RFC3339))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *iamRole) attachedPolicies(ctx context.Context, name string) ([]string, error) {
	var arns []string
	p := iam.NewListAttachedRolePoliciesPaginator(r.c.iam, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range page.AttachedPolicies {
			arns = append(arns, aws.ToString(a.PolicyArn))
		}
	}
	sort.Strings(arns)
	return arns, nil
}

func (r *iamRole) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m iamRoleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := r.c.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(m.ID.ValueString())})
	if isCode(err, "NoSuchEntity") {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("reading IAM Role", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
		return
	}
	role := out.Role
	m.ARN = types.StringValue(aws.ToString(role.Arn))
	m.Name = types.StringValue(aws.ToString(role.RoleName))
	m.Path = types.StringValue(aws.ToString(role.Path))
	m.UniqueID = types.StringValue(aws.ToString(role.RoleId))
	m.CreateDate = types.StringValue(aws.ToTime(role.CreateDate).UTC().Format(time.RFC3339))
	m.MaxSessionDuration = types.Int64Value(int64(aws.ToInt32(role.MaxSessionDuration)))
	if d := aws.ToString(role.Description); d != "" || !m.Description.IsNull() {
		m.Description = types.StringValue(d)
	}
	if role.PermissionsBoundary != nil {
		m.PermissionsBoundary = types.StringValue(aws.ToString(role.PermissionsBoundary.PermissionsBoundaryArn))
	} else {
		m.PermissionsBoundary = types.StringNull()
	}
	m.AssumeRolePolicy = refreshedDocument(m.AssumeRolePolicy, decodeDocument(aws.ToString(role.AssumeRolePolicyDocument)))
	arns, err := r.attachedPolicies(ctx, m.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("reading IAM Role managed policies", err.Error())
		return
	}
	set, d := types.SetValueFrom(ctx, types.StringType, arns)
	resp.Diagnostics.Append(d...)
	m.ManagedPolicyARNs = set
	if m.ForceDetachPolicies.IsNull() {
		m.ForceDetachPolicies = types.BoolValue(false)
	}
	if m.TagsAll.IsNull() {
		m.TagsAll = types.MapValueMust(types.StringType, nil)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *iamRole) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state iamRoleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := aws.String(state.ID.ValueString())
	if !plan.AssumeRolePolicy.Equal(state.AssumeRolePolicy) {
		if _, err := r.c.iam.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: name, PolicyDocument: plan.AssumeRolePolicy.ValueStringPointer()}); err != nil {
			resp.Diagnostics.AddError("updating IAM Role trust policy", err.Error())
			return
		}
	}
	if !plan.Description.Equal(state.Description) || !plan.MaxSessionDuration.Equal(state.MaxSessionDuration) {
		in := &iam.UpdateRoleInput{RoleName: name, Description: aws.String(plan.Description.ValueString()),
			MaxSessionDuration: aws.Int32(int32(plan.MaxSessionDuration.ValueInt64()))}
		if _, err := r.c.iam.UpdateRole(ctx, in); err != nil {
			resp.Diagnostics.AddError("updating IAM Role", err.Error())
			return
		}
	}
	if !plan.PermissionsBoundary.Equal(state.PermissionsBoundary) {
		var err error
		if plan.PermissionsBoundary.IsNull() {
			_, err = r.c.iam.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: name})
		} else {
			_, err = r.c.iam.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: name, PermissionsBoundary: plan.PermissionsBoundary.ValueStringPointer()})
		}
		if err != nil {
			resp.Diagnostics.AddError("updating IAM Role permissions boundary", err.Error())
			return
		}
	}
	set, remove := tagDiff(mapOf(ctx, state.TagsAll), mapOf(ctx, plan.TagsAll))
	if len(remove) > 0 {
		if _, err := r.c.iam.UntagRole(ctx, &iam.UntagRoleInput{RoleName: name, TagKeys: remove}); err != nil {
			resp.Diagnostics.AddError("untagging IAM Role", err.Error())
			return
		}
	}
	if len(set) > 0 {
		if _, err := r.c.iam.TagRole(ctx, &iam.TagRoleInput{RoleName: name, Tags: iamTags(set)}); err != nil {
			resp.Diagnostics.AddError("tagging IAM Role", err.Error())
			return
		}
	}
	if plan.ManagedPolicyARNs.IsUnknown() {
		plan.ManagedPolicyARNs = state.ManagedPolicyARNs
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *iamRole) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m iamRoleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := aws.String(m.ID.ValueString())
	if m.ForceDetachPolicies.ValueBool() {
		arns, err := r.attachedPolicies(ctx, m.ID.ValueString())
		if err != nil && !isCode(err, "NoSuchEntity") {
			resp.Diagnostics.AddError("deleting IAM Role: listing managed policies", err.Error())
			return
		}
		for _, a := range arns {
			if _, err := r.c.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: name, PolicyArn: aws.String(a)}); err != nil && !isCode(err, "NoSuchEntity") {
				resp.Diagnostics.AddError("deleting IAM Role: detaching "+a, err.Error())
				return
			}
		}
	}
	if _, err := r.c.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: name}); err != nil && !isCode(err, "NoSuchEntity") {
		resp.Diagnostics.AddError("deleting IAM Role", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
	}
}

func (r *iamRole) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
