package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// base is embedded by every resource: it receives the clients from the provider's Configure.
type base struct{ c *clients }

func (b *base) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return // validation before the provider is configured
	}
	c, ok := req.ProviderData.(*clients)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("%T", req.ProviderData))
		return
	}
	b.c = c
}

// isCode reports whether err is an AWS API error with one of the given codes.
func isCode(err error, codes ...string) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	for _, c := range codes {
		if apiErr.ErrorCode() == c {
			return true
		}
	}
	return false
}

// decodeDocument undoes IAM's URL-encoding of policy documents (moto returns plain JSON: leave that alone).
func decodeDocument(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		return s
	}
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// jsonEquivalent is true when both strings parse as JSON and denote the same value.
func jsonEquivalent(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// refreshedDocument keeps the prior string when the remote document means the same thing, so refresh never churns.
func refreshedDocument(prior types.String, remote string) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && jsonEquivalent(prior.ValueString(), remote) {
		return prior
	}
	return types.StringValue(remote)
}

// jsonValidator rejects, at plan time, a known string that is not a JSON object.
type jsonValidator struct{}

func (jsonValidator) Description(context.Context) string { return "value must be a JSON object" }
func (jsonValidator) MarkdownDescription(context.Context) string {
	return "value must be a JSON object"
}
func (jsonValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &v); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON policy document",
			fmt.Sprintf("%q contains an invalid JSON policy: %s", req.Path.String(), err))
	}
}

// tagsAll merges the provider's default_tags with the resource's tags (resource wins).
func tagsAll(ctx context.Context, c *clients, tags types.Map) (types.Map, diag.Diagnostics) {
	merged := map[string]string{}
	if c != nil {
		for k, v := range c.defaultTags {
			merged[k] = v
		}
	}
	var diags diag.Diagnostics
	if !tags.IsNull() {
		var own map[string]string
		diags.Append(tags.ElementsAs(ctx, &own, false)...)
		for k, v := range own {
			merged[k] = v
		}
	}
	m, d := types.MapValueFrom(ctx, types.StringType, merged)
	diags.Append(d...)
	return m, diags
}

// planTagsAll sets tags_all in the plan from the configured tags; unknown tags make it unknown.
func planTagsAll(ctx context.Context, c *clients, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var tags types.Map
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathTags, &tags)...)
	if tags.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathTagsAll, types.MapUnknown(types.StringType))...)
		return
	}
	all, d := tagsAll(ctx, c, tags)
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathTagsAll, all)...)
}

// tagDiff returns the tags to set and the keys to remove to go from old to new.
func tagDiff(oldTags, newTags map[string]string) (set map[string]string, remove []string) {
	set = map[string]string{}
	for k, v := range newTags {
		if ov, ok := oldTags[k]; !ok || ov != v {
			set[k] = v
		}
	}
	for k := range oldTags {
		if _, ok := newTags[k]; !ok {
			remove = append(remove, k)
		}
	}
	return set, remove
}

func mapOf(ctx context.Context, m types.Map) map[string]string {
	out := map[string]string{}
	if !m.IsNull() && !m.IsUnknown() {
		_ = m.ElementsAs(ctx, &out, false)
	}
	return out
}

var (
	pathTags    = path.Root("tags")
	pathTagsAll = path.Root("tags_all")
)
