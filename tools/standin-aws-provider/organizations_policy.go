package main

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// aws_organizations_policy: name, description and content update in place; type forces a new policy.
type organizationsPolicy struct{ base }

type organizationsPolicyModel struct {
	ID          types.String `tfsdk:"id"`
	ARN         types.String `tfsdk:"arn"`
	Content     types.String `tfsdk:"content"`
	Description types.String `tfsdk:"description"`
	Name        types.String `tfsdk:"name"`
	SkipDestroy types.Bool   `tfsdk:"skip_destroy"`
	Tags        types.Map    `tfsdk:"tags"`
	TagsAll     types.Map    `tfsdk:"tags_all"`
	Type        types.String `tfsdk:"type"`
}

func newOrganizationsPolicy() resource.Resource { return &organizationsPolicy{} }

func (r *organizationsPolicy) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organizations_policy"
}

func (r *organizationsPolicy) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":           schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep},
			"arn":          schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"content":      schema.StringAttribute{Required: true, Validators: []validator.String{jsonValidator{}}},
			"description":  schema.StringAttribute{Optional: true},
			"name":         schema.StringAttribute{Required: true},
			"skip_destroy": schema.BoolAttribute{Optional: true},
			"tags":         schema.MapAttribute{Optional: true, ElementType: types.StringType},
			"tags_all":     schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType},
			"type": schema.StringAttribute{
				Optional: true, Computed: true,
				Default:       stringdefault.StaticString(string(orgtypes.PolicyTypeServiceControlPolicy)),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
		},
	}
}

func (r *organizationsPolicy) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planTagsAll(ctx, r.c, req, resp)
}

func orgTags(m map[string]string) []orgtypes.Tag {
	var out []orgtypes.Tag
	for k, v := range m {
		out = append(out, orgtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

func (r *organizationsPolicy) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m organizationsPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := r.c.org.CreatePolicy(ctx, &organizations.CreatePolicyInput{
		Content:     aws.String(m.Content.ValueString()),
		Description: aws.String(m.Description.ValueString()),
		Name:        aws.String(m.Name.ValueString()),
		Type:        orgtypes.PolicyType(m.Type.ValueString()),
		Tags:        orgTags(mapOf(ctx, m.TagsAll)),
	})
	if err != nil {
		resp.Diagnostics.AddError("creating Organizations Policy", fmt.Sprintf("%s: %s", m.Name.ValueString(), err))
		return
	}
	s := out.Policy.PolicySummary
	m.ID = types.StringValue(aws.ToString(s.Id))
	m.ARN = types.StringValue(aws.ToString(s.Arn))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *organizationsPolicy) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m organizationsPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := r.c.org.DescribePolicy(ctx, &organizations.DescribePolicyInput{PolicyId: aws.String(m.ID.ValueString())})
	if isCode(err, "PolicyNotFoundException") {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("reading Organizations Policy", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
		return
	}
	s := out.Policy.PolicySummary
	m.ARN = types.StringValue(aws.ToString(s.Arn))
	m.Name = types.StringValue(aws.ToString(s.Name))
	if d := aws.ToString(s.Description); d != "" || !m.Description.IsNull() {
		m.Description = types.StringValue(d)
	}
	m.Type = types.StringValue(string(s.Type))
	m.Content = refreshedDocument(m.Content, aws.ToString(out.Policy.Content))
	if m.TagsAll.IsNull() {
		m.TagsAll = types.MapValueMust(types.StringType, nil)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *organizationsPolicy) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state organizationsPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, err := r.c.org.UpdatePolicy(ctx, &organizations.UpdatePolicyInput{
		PolicyId:    aws.String(state.ID.ValueString()),
		Content:     aws.String(plan.Content.ValueString()),
		Description: aws.String(plan.Description.ValueString()),
		Name:        aws.String(plan.Name.ValueString()),
	})
	if err != nil {
		resp.Diagnostics.AddError("updating Organizations Policy", fmt.Sprintf("%s: %s", state.ID.ValueString(), err))
		return
	}
	set, remove := tagDiff(mapOf(ctx, state.TagsAll), mapOf(ctx, plan.TagsAll))
	if len(remove) > 0 {
		if _, err := r.c.org.UntagResource(ctx, &organizations.UntagResourceInput{ResourceId: state.ID.ValueStringPointer(), TagKeys: remove}); err != nil {
			resp.Diagnostics.AddError("untagging Organizations Policy", err.Error())
			return
		}
	}
	if len(set) > 0 {
		if _, err := r.c.org.TagResource(ctx, &organizations.TagResourceInput{ResourceId: state.ID.ValueStringPointer(), Tags: orgTags(set)}); err != nil {
			resp.Diagnostics.AddError("tagging Organizations Policy", err.Error())
			return
		}
	}
	plan.ID, plan.ARN = state.ID, state.ARN
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *organizationsPolicy) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m organizationsPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.SkipDestroy.ValueBool() {
		return
	}
	_, err := r.c.org.DeletePolicy(ctx, &organizations.DeletePolicyInput{PolicyId: aws.String(m.ID.ValueString())})
	if err != nil && !isCode(err, "PolicyNotFoundException") {
		resp.Diagnostics.AddError("deleting Organizations Policy", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
	}
}

func (r *organizationsPolicy) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
