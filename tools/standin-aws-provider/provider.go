package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// clients is what Configure hands to every resource.
type clients struct {
	iam         *iam.Client
	org         *organizations.Client
	defaultTags map[string]string
}

type awsProvider struct{ version string }

func newProvider(version string) func() provider.Provider {
	return func() provider.Provider { return &awsProvider{version: version} }
}

type assumeRoleModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	ExternalID        types.String `tfsdk:"external_id"`
	Duration          types.String `tfsdk:"duration"`
	Policy            types.String `tfsdk:"policy"`
	PolicyARNs        types.Set    `tfsdk:"policy_arns"`
	SourceIdentity    types.String `tfsdk:"source_identity"`
	Tags              types.Map    `tfsdk:"tags"`
	TransitiveTagKeys types.Set    `tfsdk:"transitive_tag_keys"`
}

type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"`
}

type ignoreTagsModel struct {
	Keys        types.Set `tfsdk:"keys"`
	KeyPrefixes types.Set `tfsdk:"key_prefixes"`
}

type providerModel struct {
	Region                    types.String       `tfsdk:"region"`
	Profile                   types.String       `tfsdk:"profile"`
	AccessKey                 types.String       `tfsdk:"access_key"`
	SecretKey                 types.String       `tfsdk:"secret_key"`
	Token                     types.String       `tfsdk:"token"`
	AllowedAccountIDs         types.Set          `tfsdk:"allowed_account_ids"`
	ForbiddenAccountIDs       types.Set          `tfsdk:"forbidden_account_ids"`
	MaxRetries                types.Int64        `tfsdk:"max_retries"`
	SkipCredentialsValidation types.Bool         `tfsdk:"skip_credentials_validation"`
	SkipRegionValidation      types.Bool         `tfsdk:"skip_region_validation"`
	SkipRequestingAccountID   types.Bool         `tfsdk:"skip_requesting_account_id"`
	SkipMetadataAPICheck      types.String       `tfsdk:"skip_metadata_api_check"`
	AssumeRole                []assumeRoleModel  `tfsdk:"assume_role"`
	DefaultTags               []defaultTagsModel `tfsdk:"default_tags"`
	IgnoreTags                []ignoreTagsModel  `tfsdk:"ignore_tags"`
}

func (p *awsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "aws"
	resp.Version = p.version
}

func (p *awsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	str := func(d string) schema.StringAttribute { return schema.StringAttribute{Optional: true, Description: d} }
	strSet := func(d string) schema.SetAttribute {
		return schema.SetAttribute{Optional: true, ElementType: types.StringType, Description: d}
	}
	resp.Schema = schema.Schema{
		Description: "Stand-in for hashicorp/aws (IAM and Organizations only), for modelgate's tests. Endpoint from AWS_ENDPOINT_URL.",
		Attributes: map[string]schema.Attribute{
			"region":                      str("AWS Region"),
			"profile":                     str("shared config profile"),
			"access_key":                  schema.StringAttribute{Optional: true, Sensitive: true},
			"secret_key":                  schema.StringAttribute{Optional: true, Sensitive: true},
			"token":                       schema.StringAttribute{Optional: true, Sensitive: true},
			"allowed_account_ids":         strSet("the only account IDs this provider may act in"),
			"forbidden_account_ids":       strSet("account IDs this provider must not act in"),
			"max_retries":                 schema.Int64Attribute{Optional: true},
			"skip_credentials_validation": schema.BoolAttribute{Optional: true},
			"skip_region_validation":      schema.BoolAttribute{Optional: true},
			"skip_requesting_account_id":  schema.BoolAttribute{Optional: true},
			"skip_metadata_api_check":     str("accepted and ignored"),
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.ListNestedBlock{
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"role_arn":            str("role to assume"),
					"session_name":        str("session name"),
					"external_id":         str("external ID"),
					"duration":            str("session duration (Go duration)"),
					"policy":              str("session policy"),
					"policy_arns":         strSet("session policy ARNs"),
					"source_identity":     str("source identity"),
					"tags":                schema.MapAttribute{Optional: true, ElementType: types.StringType},
					"transitive_tag_keys": strSet("transitive tag keys"),
				}},
			},
			"default_tags": schema.ListNestedBlock{
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"tags": schema.MapAttribute{Optional: true, ElementType: types.StringType},
				}},
			},
			"ignore_tags": schema.ListNestedBlock{
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"keys":         strSet("accepted and ignored"),
					"key_prefixes": strSet("accepted and ignored"),
				}},
			},
		},
	}
}

func (p *awsProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(m.AssumeRole) > 1 {
		resp.Diagnostics.AddError("Invalid assume_role", "at most one assume_role block is supported")
		return
	}
	region := m.Region.ValueString()
	if region == "" {
		region = firstNonEmpty(os.Getenv("AWS_REGION"), os.Getenv("AWS_DEFAULT_REGION"))
	}
	if region == "" {
		resp.Diagnostics.AddError("Missing region", "set the provider's region or AWS_REGION")
		return
	}
	opts := []func(*awsconfig.LoadOptions) error{awsconfig.WithRegion(region)}
	if !m.Profile.IsNull() {
		opts = append(opts, awsconfig.WithSharedConfigProfile(m.Profile.ValueString()))
	}
	if !m.AccessKey.IsNull() && !m.SecretKey.IsNull() {
		opts = append(opts, awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
			m.AccessKey.ValueString(), m.SecretKey.ValueString(), m.Token.ValueString())))
	}
	if !m.MaxRetries.IsNull() {
		opts = append(opts, awsconfig.WithRetryMaxAttempts(int(m.MaxRetries.ValueInt64())+1))
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		resp.Diagnostics.AddError("AWS configuration", err.Error())
		return
	}
	endpoint := os.Getenv("AWS_ENDPOINT_URL")
	if len(m.AssumeRole) == 1 && m.AssumeRole[0].RoleARN.ValueString() != "" {
		ar := m.AssumeRole[0]
		stsClient := sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = endpointPtr(endpoint) })
		prov := stscreds.NewAssumeRoleProvider(stsClient, ar.RoleARN.ValueString(), func(o *stscreds.AssumeRoleOptions) {
			if s := ar.SessionName.ValueString(); s != "" {
				o.RoleSessionName = s
			}
			if s := ar.ExternalID.ValueString(); s != "" {
				o.ExternalID = aws.String(s)
			}
			if s := ar.Policy.ValueString(); s != "" {
				o.Policy = aws.String(s)
			}
			if s := ar.SourceIdentity.ValueString(); s != "" {
				o.SourceIdentity = aws.String(s)
			}
		})
		cfg.Credentials = aws.NewCredentialsCache(prov)
	}
	if !m.SkipCredentialsValidation.ValueBool() || !m.AllowedAccountIDs.IsNull() || !m.ForbiddenAccountIDs.IsNull() {
		stsClient := sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = endpointPtr(endpoint) })
		out, err := stsClient.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			resp.Diagnostics.AddError("Validating credentials (sts:GetCallerIdentity)", err.Error())
			return
		}
		account := aws.ToString(out.Account)
		if !m.AllowedAccountIDs.IsNull() {
			var allowed []string
			resp.Diagnostics.Append(m.AllowedAccountIDs.ElementsAs(ctx, &allowed, false)...)
			if !contains(allowed, account) {
				resp.Diagnostics.AddError("Account not allowed",
					fmt.Sprintf("AWS account ID not allowed: %s (allowed_account_ids: %s)", account, strings.Join(allowed, ", ")))
				return
			}
		}
		if !m.ForbiddenAccountIDs.IsNull() {
			var forbidden []string
			resp.Diagnostics.Append(m.ForbiddenAccountIDs.ElementsAs(ctx, &forbidden, false)...)
			if contains(forbidden, account) {
				resp.Diagnostics.AddError("Account forbidden", fmt.Sprintf("AWS account ID not allowed: %s", account))
				return
			}
		}
	}
	c := &clients{
		iam:         iam.NewFromConfig(cfg, func(o *iam.Options) { o.BaseEndpoint = endpointPtr(endpoint) }),
		org:         organizations.NewFromConfig(cfg, func(o *organizations.Options) { o.BaseEndpoint = endpointPtr(endpoint) }),
		defaultTags: map[string]string{},
	}
	if len(m.DefaultTags) == 1 && !m.DefaultTags[0].Tags.IsNull() {
		resp.Diagnostics.Append(m.DefaultTags[0].Tags.ElementsAs(ctx, &c.defaultTags, false)...)
	}
	resp.ResourceData = c
	resp.DataSourceData = c
}

func endpointPtr(endpoint string) *string {
	if endpoint == "" {
		return nil
	}
	return aws.String(endpoint)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func (p *awsProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newOrganizationsPolicy,
		newOrganizationsPolicyAttachment,
		newIamPolicy,
		newIamRole,
		newIamRolePolicyAttachment,
		newIamGroupPolicyAttachment,
	}
}

func (p *awsProvider) DataSources(_ context.Context) []func() datasource.DataSource { return nil }
