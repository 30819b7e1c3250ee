package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// aws_iam_policy: name, name_prefix, path and description force a new policy; a new document becomes a new
// default version, and the oldest non-default version is deleted when 5 exist.
type iamPolicy struct{ base }

type iamPolicyModel struct {
	ID              types.String `tfsdk:"id"`
	ARN             types.String `tfsdk:"arn"`
	AttachmentCount types.Int64  `tfsdk:"attachment_count"`
	Description     types.String `tfsdk:"description"`
	Name            types.String `tfsdk:"name"`
	NamePrefix      types.String `tfsdk:"name_prefix"`
	Path            types.String `tfsdk:"path"`
	Policy          types.String `tfsdk:"policy"`
	PolicyID        types.String `tfsdk:"policy_id"`
	Tags            types.Map    `tfsdk:"tags"`
	TagsAll         types.Map    `tfsdk:"tags_all"`
}

func newIamPolicy() resource.Resource { return &iamPolicy{} }

func (r *iamPolicy) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_iam_policy"
}

func (r *iamPolicy) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keepReplace := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":               schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep},
			"arn":              schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"attachment_count": schema.Int64Attribute{Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}},
			"description":      schema.StringAttribute{Optional: true, PlanModifiers: replace},
			"name":             schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keepReplace},
			"name_prefix":      schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keepReplace},
			"path":             schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("/"), PlanModifiers: replace},
			"policy":           schema.StringAttribute{Required: true, Validators: []validator.String{jsonValidator{}}},
			"policy_id":        schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"tags":             schema.MapAttribute{Optional: true, ElementType: types.StringType},
			"tags_all":         schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType},
		},
	}
}

func (r *iamPolicy) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planTagsAll(ctx, r.c, req, resp)
}

func iamTags(m map[string]string) []iamtypes.Tag {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]iamtypes.Tag, 0, len(m))
	for _, k := range keys {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}

// resourceName is the name to create: name, else name_prefix plus a unique suffix, else "terraform-" plus one.
func resourceName(name, prefix types.String) string {
	if !name.IsNull() && !name.IsUnknown() && name.ValueString() != "" {
		return name.ValueString()
	}
	p := "terraform-"
	if !prefix.IsNull() && !prefix.IsUnknown() {
		p = prefix.ValueString()
	}
	return p + time.Now().UTC().Format("20060102150405000000000")
}

func (r *iamPolicy) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m iamPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := resourceName(m.Name, m.NamePrefix)
	in := &iam.CreatePolicyInput{
		PolicyName:     aws.String(name),
		Path:           aws.String(m.Path.ValueString()),
		PolicyDocument: aws.String(m.Policy.ValueString()),
		Tags:           iamTags(mapOf(ctx, m.TagsAll)),
	}
	if !m.Description.IsNull() {
		in.Description = aws.String(m.Description.ValueString())
	}
	out, err := r.c.iam.CreatePolicy(ctx, in)
	if err != nil {
		resp.Diagnostics.AddError("creating IAM Policy", fmt.Sprintf("%s: %s", name, err))
		return
	}
	p := out.Policy
	m.ID = types.StringValue(aws.ToString(p.Arn))
	m.ARN = types.StringValue(aws.ToString(p.Arn))
	m.PolicyID = types.StringValue(aws.ToString(p.PolicyId))
	m.Name = types.StringValue(name)
	if m.NamePrefix.IsUnknown() {
		m.NamePrefix = types.StringNull()
	}
	m.AttachmentCount = types.Int64Value(int64(aws.ToInt32(p.AttachmentCount)))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *iamPolicy) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m iamPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := r.c.iam.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(m.ID.ValueString())})
	if isCode(err, "NoSuchEntity") {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("reading IAM Policy", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
		return
	}
	p := out.Policy
	v, err := r.c.iam.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: p.Arn, VersionId: p.DefaultVersionId})
	if err != nil {
		resp.Diagnostics.AddError("reading IAM Policy version", fmt.Sprintf("%s: %s", m.ID.ValueString(), err))
		return
	}
	m.ARN = types.StringValue(aws.ToString(p.Arn))
	m.Name = types.StringValue(aws.ToString(p.PolicyName))
	m.Path = types.StringValue(aws.ToString(p.Path))
	m.PolicyID = types.StringValue(aws.ToString(p.PolicyId))
	m.AttachmentCount = types.Int64Value(int64(aws.ToInt32(p.AttachmentCount)))
	if d := aws.ToString(p.Description); d != "" || !m.Description.IsNull() {
		m.Description = types.StringValue(d)
	}
	m.Policy = refreshedDocument(m.Policy, decodeDocument(aws.ToString(v.PolicyVersion.Document)))
	if m.TagsAll.IsNull() {
		m.TagsAll = types.MapValueMust(types.StringType, nil)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *iamPolicy) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state iamPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	arn := state.ARN.ValueString()
	if !plan.Policy.Equal(state.Policy) {
		if err := r.pruneVersions(ctx, arn); err != nil {
			resp.Diagnostics.AddError("updating IAM Policy", fmt.Sprintf("%s: pruning versions: %s", arn, err))
			return
		}
		_, err := r.c.iam.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{
			PolicyArn: aws.String(arn), PolicyDocument: aws.String(plan.Policy.ValueString()), SetAsDefault: true,
		})
		if err != nil {
			resp.Diagnostics.AddError("updating IAM Policy", fmt.Sprintf("%s: %s", arn, err))
			return
		}
	}
	set, remove := tagDiff(mapOf(ctx, state.TagsAll), mapOf(ctx, plan.TagsAll))
	if len(remove) > 0 {
		if _, err := r.c.iam.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: aws.String(arn), TagKeys: remove}); err != nil {
			resp.Diagnostics.AddError("untagging IAM Policy", err.Error())
			return
		}
	}
	if len(set) > 0 {
		if _, err := r.c.iam.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: aws.String(arn), Tags: iamTags(set)}); err != nil {
			resp.Diagnostics.AddError("tagging IAM Policy", err.Error())
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// pruneVersions deletes the oldest non-default version when the policy already has the maximum of 5.
func (r *iamPolicy) pruneVersions(ctx context.Context, arn string) error {
	out, err := r.c.iam.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(arn)})
	if err != nil {
		return err
	}
	if len(out.Versions) < 5 {
		return nil
	}
	var oldest *iamtypes.PolicyVersion
	for i := range out.Versions {
		v := &out.Versions[i]
		if v.IsDefaultVersion {
			continue
		}
		if oldest == nil || aws.ToTime(v.CreateDate).Before(aws.ToTime(oldest.CreateDate)) {
			oldest = v
		}
	}
	if oldest == nil {
		return nil
	}
	_, err = r.c.iam.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(arn), VersionId: oldest.VersionId})
	return err
}

func (r *iamPolicy) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m iamPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	arn := aws.String(m.ARN.ValueString())
	out, err := r.c.iam.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: arn})
	if isCode(err, "NoSuchEntity") {
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("deleting IAM Policy", fmt.Sprintf("%s: listing versions: %s", m.ARN.ValueString(), err))
		return
	}
	for _, v := range out.Versions {
		if v.IsDefaultVersion {
			continue
		}
		if _, err := r.c.iam.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: arn, VersionId: v.VersionId}); err != nil {
			resp.Diagnostics.AddError("deleting IAM Policy version", err.Error())
			return
		}
	}
	if _, err := r.c.iam.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn}); err != nil && !isCode(err, "NoSuchEntity") {
		resp.Diagnostics.AddError("deleting IAM Policy", fmt.Sprintf("%s: %s", m.ARN.ValueString(), err))
	}
}

func (r *iamPolicy) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("arn"), req.ID)...)
}
