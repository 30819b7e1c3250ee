package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// aws_organizations_policy_attachment: id is "<target_id>:<policy_id>"; both keys force a new attachment.
type organizationsPolicyAttachment struct{ base }

type organizationsPolicyAttachmentModel struct {
	ID          types.String `tfsdk:"id"`
	PolicyID    types.String `tfsdk:"policy_id"`
	TargetID    types.String `tfsdk:"target_id"`
	SkipDestroy types.Bool   `tfsdk:"skip_destroy"`
}

func newOrganizationsPolicyAttachment() resource.Resource { return &organizationsPolicyAttachment{} }

func (r *organizationsPolicyAttachment) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organizations_policy_attachment"
}

func (r *organizationsPolicyAttachment) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":           schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"policy_id":    schema.StringAttribute{Required: true, PlanModifiers: replace},
			"target_id":    schema.StringAttribute{Required: true, PlanModifiers: replace},
			"skip_destroy": schema.BoolAttribute{Optional: true},
		},
	}
}

func (r *organizationsPolicyAttachment) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m organizationsPolicyAttachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, err := r.c.org.AttachPolicy(ctx, &organizations.AttachPolicyInput{PolicyId: m.PolicyID.ValueStringPointer(), TargetId: m.TargetID.ValueStringPointer()})
	if err != nil {
		resp.Diagnostics.AddError("creating Organizations Policy Attachment",
			fmt.Sprintf("attaching %s to %s: %s", m.PolicyID.ValueString(), m.TargetID.ValueString(), err))
		return
	}
	m.ID = types.StringValue(m.TargetID.ValueString() + ":" + m.PolicyID.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *organizationsPolicyAttachment) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m organizationsPolicyAttachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p := organizations.NewListTargetsForPolicyPaginator(r.c.org, &organizations.ListTargetsForPolicyInput{PolicyId: m.PolicyID.ValueStringPointer()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if isCode(err, "PolicyNotFoundException", "TargetNotFoundException") {
			resp.State.RemoveResource(ctx)
			return
		}
		if err != nil {
			resp.Diagnostics.AddError("reading Organizations Policy Attachment", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
			return
		}
		for _, t := range page.Targets {
			if aws.ToString(t.TargetId) == m.TargetID.ValueString() {
				resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
				return
			}
		}
	}
	resp.State.RemoveResource(ctx) // detached out of band
}

func (r *organizationsPolicyAttachment) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	// Only skip_destroy can change in place.
	var plan organizationsPolicyAttachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *organizationsPolicyAttachment) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m organizationsPolicyAttachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.SkipDestroy.ValueBool() {
		return
	}
	_, err := r.c.org.DetachPolicy(ctx, &organizations.DetachPolicyInput{PolicyId: m.PolicyID.ValueStringPointer(), TargetId: m.TargetID.ValueStringPointer()})
	if err != nil && !isCode(err, "PolicyNotFoundException", "TargetNotFoundException", "PolicyNotAttachedException") {
		resp.Diagnostics.AddError("deleting Organizations Policy Attachment", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
	}
}

func (r *organizationsPolicyAttachment) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	target, policy, ok := strings.Cut(req.ID, ":")
	if !ok || target == "" || policy == "" {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("want TARGET_ID:POLICY_ID, got %q", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("target_id"), target)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("policy_id"), policy)...)
}
