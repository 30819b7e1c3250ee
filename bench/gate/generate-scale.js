// Plan generators for the gate-at-scale benchmark (issue #7 item 4), used by bench/gate/scale.js.
// Every plan is deterministic `terraform show -json` output (format_version 1.2) and is written by streaming: each
// resource is rebuilt from its index (a PRNG seeded by the index) in each section it appears in (planned_values,
// resource_changes, prior_state, configuration), so no generator holds more than one resource and a 1 MiB write
// buffer, whatever the plan's size.
//
//   realistic  a workspace where ~99 % of resources are unrelated to IAM and Bedrock (aws_instance, aws_s3_bucket,
//              aws_lambda_function, aws_security_group, aws_route53_record, aws_cloudwatch_log_group,
//              aws_dynamodb_table) and 1 % are policy-bearing with generate.js's mix (SCP allow-lists, identity
//              invoke policies, inline role policies), one policy-bearing resource in 8 carrying one of
//              generate.js's DEFECTS, and one allow-list SCP deleted. Sized to a target number of bytes.
//              Mostly no-op, like a plan of a large estate where a change touches a few resources.
//   dense      N policy-bearing resources, nearly all identity policies that allow bedrock:* (or bedrock:Invoke*,
//              or invoke on every foundation model) on * or on wildcard ARNs: every policy distinct (its own Sids,
//              ARNs and 0-3 extra statements); 40 % aws_iam_policy attached to a role by
//              aws_iam_role_policy_attachment, 40 % inline aws_iam_role_policy, 10 % user and 10 % group inline
//              policies; one resource in 50 is an SCP allow-list (with its attachment), so there are targets.
//   tiny       one inline role policy (about 2 KB), clean: the start-up case.
//
// SCP allow-lists are only generated in the root module. (An SCP created and attached inside a module with more
// than one instance once made every evaluator fail with a conflict in rego/lib/access/org/org.rego; that is fixed
// and covered by the Rego tests, and the generator is kept as it was so its files stay comparable.)
//
// Files are cached by generator version (bench/out/gate/scale/v<GENERATOR_VERSION>/): change GENERATOR_VERSION
// whenever the output changes, so reruns never measure a stale file.
"use strict";

const { closeSync, openSync, writeSync } = require("node:fs");
const { DEFECTS, rng, modelPool, pick, identityPolicy, scpPolicy, policyText, priorText } = require("./generate");

const GENERATOR_VERSION = 4;
const PROVIDER = "registry.terraform.io/hashicorp/aws";
const ACCOUNT = "111122223333";
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"];
const TEAMS = ["payments", "search", "identity", "ledger", "catalog", "checkout", "ml-platform", "data-eng", "observability", "edge"];

// ------------------------------------------------------------------------------------------------ writer
/** Buffered writer: strings are joined and written once 1 MiB has accumulated. Counts bytes. */
class Sink {
  constructor(file) {
    this.fd = openSync(file, "w");
    this.parts = [];
    this.pending = 0;
    this.bytes = 0;
  }
  w(s) {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending >= 1 << 20) this.flush();
  }
  flush() {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(""), "utf8");
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes `items` (an iterable) as the elements of a JSON array. */
function writeArray(out, items) {
  out.w("[");
  let first = true;
  for (const item of items) {
    if (!first) out.w(",");
    first = false;
    out.w(JSON.stringify(item));
  }
  out.w("]");
}

// ------------------------------------------------------------------------------------------------ helpers
const pad = (n, w) => String(n).padStart(w, "0");
const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
const choose = (rand, xs) => xs[Math.floor(rand() * xs.length)];
const clone = (x) => JSON.parse(JSON.stringify(x));
const seedOf = (base, i) => (Math.imul(base, 2654435761) ^ Math.imul(i + 1, 40503)) >>> 0;

function tagsFor(rand, i) {
  const team = choose(rand, TEAMS);
  return { Environment: choose(rand, ["prod", "staging", "dev"]), Team: team, Service: `${team}-${i % 97}`, CostCenter: `cc-${1000 + (i % 211)}`, ManagedBy: "terraform", Repository: `github.com/example/${team}-infra` };
}

/**
 * Where resource `i` sits: the root module, or one instance of `module.svc` (for_each), by contiguous blocks of
 * indices, so each section can be written in one pass per module.
 */
function layoutFor(count) {
  const root = Math.ceil(count * 0.7);
  const modules = count - root >= 20 ? 20 : count - root > 0 ? 1 : 0;
  const block = modules ? Math.ceil((count - root) / modules) : 0;
  const moduleOf = (i) => (i < root ? undefined : Math.floor((i - root) / block));
  const ranges = [{ module: undefined, from: 0, to: root }];
  for (let m = 0; m < modules; m++) ranges.push({ module: `module.svc["svc-${pad(m, 2)}"]`, from: root + m * block, to: Math.min(count, root + (m + 1) * block) });
  return { count, root, ranges: ranges.filter((r) => r.to > r.from), moduleOf };
}

/**
 * The references Terraform lists for an expression naming attribute `attr` of a companion resource: in the root
 * module "type.name.attr" and "type.name"; in a module instance, where every resource has count, the instance is
 * chosen by count.index ("type.name[count.index].attr"), which Terraform lists as "type.name" and "count.index" side
 * by side. (Generator v3 wrote the root-module form there too: Terraform refuses it on a counted resource, "Missing
 * resource instance key", and it made every attachment of a module instance possibly attach every policy in it.)
 */
function refTo(place, key, attr) {
  return place.module ? [key.local, "count.index"] : [`${key.local}.${attr}`, key.local];
}

/** Addresses of the resources built for index i (one "place" per index; companions share it). */
function placeOf(i, layout) {
  const m = layout.moduleOf(i);
  if (m === undefined) {
    return { module: undefined, key: (type, name) => ({ address: `${type}.${name}_${i}`, name: `${name}_${i}`, local: `${type}.${name}_${i}` }) };
  }
  const mod = `module.svc["svc-${pad(m, 2)}"]`;
  const j = i - layout.ranges.find((r) => r.module === mod).from;
  return { module: mod, key: (type, name) => ({ address: `${mod}.${type}.${name}[${j}]`, name, index: j, local: `${type}.${name}` }) };
}

/**
 * One resource in every section: its resource_changes entry, planned_values entry (absent when deleted),
 * prior_state entry (absent when created) and configuration block.
 */
function resource(place, type, name, { action, before, after, afterUnknown = {}, sensitive = { tags: {}, tags_all: {} }, expressions, actionReason }) {
  const k = place.key(type, name);
  const planned = action === "no-op" ? before : after;
  const rc = {
    address: k.address,
    ...(place.module ? { module_address: place.module } : {}),
    mode: "managed",
    type,
    name: k.name,
    ...(k.index !== undefined ? { index: k.index } : {}),
    provider_name: PROVIDER,
    change: {
      actions: action === "replace" ? ["delete", "create"] : [action],
      before: action === "create" ? null : before,
      after: action === "delete" ? null : planned,
      after_unknown: action === "no-op" || action === "delete" ? {} : afterUnknown,
      before_sensitive: action === "create" ? false : sensitive,
      after_sensitive: action === "delete" ? false : sensitive,
    },
    ...(actionReason ? { action_reason: actionReason } : {}),
  };
  const base = { address: k.address, mode: "managed", type, name: k.name, ...(k.index !== undefined ? { index: k.index } : {}), provider_name: PROVIDER, schema_version: 0 };
  return {
    module: place.module,
    rc,
    planned: action === "delete" ? undefined : { ...base, values: planned, sensitive_values: sensitive },
    prior: action === "create" ? undefined : { ...base, values: before, sensitive_values: sensitive },
    cfg: { local: k.local, block: { address: k.local, mode: "managed", type, name: k.name, provider_config_key: place.module ? "svc:aws" : "aws", expressions, schema_version: 0, ...(place.module ? { count_expression: { references: ["var.instance_count"] } } : {}) } },
    relevant: undefined,
  };
}

/** A state (all attributes known) and the keys that are unknown until apply on a create. */
function fromState(rand, state, computed, mutate) {
  const a = rand();
  const action = a < 0.06 ? "create" : a < 0.16 ? "update" : a < 0.165 ? "delete" : "no-op";
  if (action === "create") {
    const after = {};
    const unknown = {};
    for (const [k, v] of Object.entries(state)) {
      if (computed.includes(k)) unknown[k] = true;
      else after[k] = v;
    }
    unknown.tags_all = true;
    delete after.tags_all;
    return { action, before: null, after, afterUnknown: unknown };
  }
  if (action === "update") {
    const after = clone(state);
    mutate(after);
    return { action, before: state, after, afterUnknown: {} };
  }
  return { action, before: state, after: action === "delete" ? null : state, afterUnknown: {} };
}

// ------------------------------------------------------------------------------------------------ unrelated resources
function instance(rand, i, place) {
  const tags = tagsFor(rand, i);
  const id = `i-0${hex(rand, 16)}`;
  const az = `${choose(rand, REGIONS)}${choose(rand, ["a", "b", "c"])}`;
  const ip = `10.${i % 250}.${Math.floor(rand() * 250)}.${Math.floor(rand() * 250)}`;
  const subnet = `subnet-0${hex(rand, 16)}`;
  const state = {
    ami: `ami-0${hex(rand, 16)}`,
    arn: `arn:aws:ec2:${az.slice(0, -1)}:${ACCOUNT}:instance/${id}`,
    associate_public_ip_address: false,
    availability_zone: az,
    capacity_reservation_specification: [{ capacity_reservation_preference: "open", capacity_reservation_target: [] }],
    cpu_options: [{ amd_sev_snp: "", core_count: 2, threads_per_core: 2 }],
    credit_specification: [],
    disable_api_stop: false,
    disable_api_termination: false,
    ebs_block_device: [],
    ebs_optimized: true,
    enable_primary_ipv6: null,
    enclave_options: [{ enabled: false }],
    ephemeral_block_device: [],
    get_password_data: false,
    hibernation: false,
    host_id: "",
    host_resource_group_arn: null,
    iam_instance_profile: `${tags.Service}-instance`,
    id,
    instance_initiated_shutdown_behavior: "stop",
    instance_lifecycle: "",
    instance_market_options: [],
    instance_state: "running",
    instance_type: choose(rand, ["t3.medium", "m6i.large", "m6i.xlarge", "c6i.2xlarge", "r6i.large"]),
    ipv6_address_count: 0,
    ipv6_addresses: [],
    key_name: "",
    launch_template: [],
    maintenance_options: [{ auto_recovery: "default" }],
    metadata_options: [{ http_endpoint: "enabled", http_protocol_ipv6: "disabled", http_put_response_hop_limit: 2, http_tokens: "required", instance_metadata_tags: "disabled" }],
    monitoring: true,
    network_interface: [],
    outpost_arn: "",
    password_data: "",
    placement_group: "",
    placement_partition_number: 0,
    primary_network_interface_id: `eni-0${hex(rand, 16)}`,
    private_dns: `ip-${ip.replace(/\./g, "-")}.ec2.internal`,
    private_dns_name_options: [{ enable_resource_name_dns_a_record: false, enable_resource_name_dns_aaaa_record: false, hostname_type: "ip-name" }],
    private_ip: ip,
    public_dns: "",
    public_ip: "",
    root_block_device: [{ delete_on_termination: true, device_name: "/dev/xvda", encrypted: true, iops: 3000, kms_key_id: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${hex(rand, 8)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 12)}`, tags: {}, tags_all: {}, throughput: 125, volume_id: `vol-0${hex(rand, 16)}`, volume_size: choose(rand, [20, 50, 100, 200]), volume_type: "gp3" }],
    secondary_private_ips: [],
    security_groups: [],
    source_dest_check: true,
    spot_instance_request_id: "",
    subnet_id: subnet,
    tags,
    tags_all: { ...tags },
    tenancy: "default",
    timeouts: null,
    user_data: hex(rand, 40),
    user_data_base64: null,
    user_data_replace_on_change: false,
    volume_tags: null,
    vpc_security_group_ids: [`sg-0${hex(rand, 16)}`, `sg-0${hex(rand, 16)}`],
  };
  const c = fromState(rand, state, ["arn", "id", "instance_state", "primary_network_interface_id", "private_dns", "private_ip", "public_dns", "public_ip", "password_data", "outpost_arn", "host_id"], (s) => {
    s.instance_type = "m6i.2xlarge";
  });
  return [
    resource(place, "aws_instance", "app", {
      ...c,
      expressions: {
        ami: { references: ["data.aws_ami.al2023.id", "data.aws_ami.al2023"] },
        instance_type: { references: ["var.instance_type"] },
        subnet_id: { references: ["var.subnet_ids", "local.subnet_index"] },
        vpc_security_group_ids: { references: refTo(place, { local: "aws_security_group.app" }, "id") },
        metadata_options: [{ http_tokens: { constant_value: "required" }, http_put_response_hop_limit: { constant_value: 2 } }],
        root_block_device: [{ encrypted: { constant_value: true }, volume_type: { constant_value: "gp3" }, volume_size: { references: ["var.root_volume_size"] } }],
        tags: { references: ["local.tags"] },
      },
    }),
  ];
}

function bucket(rand, i, place) {
  const tags = tagsFor(rand, i);
  const name = `${tags.Service}-${tags.Environment}-${hex(rand, 8)}`;
  const region = choose(rand, REGIONS);
  const state = {
    acceleration_status: "",
    acl: null,
    arn: `arn:aws:s3:::${name}`,
    bucket: name,
    bucket_domain_name: `${name}.s3.amazonaws.com`,
    bucket_prefix: "",
    bucket_region: region,
    bucket_regional_domain_name: `${name}.s3.${region}.amazonaws.com`,
    cors_rule: [],
    force_destroy: false,
    grant: [{ id: hex(rand, 64), permissions: ["FULL_CONTROL"], type: "CanonicalUser", uri: "" }],
    hosted_zone_id: "Z3AQBSTGFYJSTF",
    id: name,
    lifecycle_rule: [],
    logging: [],
    object_lock_configuration: [],
    object_lock_enabled: false,
    policy: "",
    region,
    replication_configuration: [],
    request_payer: "BucketOwner",
    server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: "", sse_algorithm: "AES256" }], bucket_key_enabled: false }] }],
    tags,
    tags_all: { ...tags },
    timeouts: null,
    versioning: [{ enabled: true, mfa_delete: false }],
    website: [],
    website_domain: null,
    website_endpoint: null,
  };
  const c = fromState(rand, state, ["arn", "bucket_domain_name", "bucket_regional_domain_name", "hosted_zone_id", "id", "policy", "acceleration_status", "request_payer", "grant", "server_side_encryption_configuration", "versioning"], (s) => {
    s.tags = { ...s.tags, DataClassification: "internal" };
    s.tags_all = { ...s.tags };
  });
  return [resource(place, "aws_s3_bucket", "data", { ...c, expressions: { bucket: { references: ["local.bucket_name"] }, force_destroy: { constant_value: false }, tags: { references: ["local.tags"] } } })];
}

function lambda(rand, i, place) {
  const tags = tagsFor(rand, i);
  const fn = `${tags.Service}-${choose(rand, ["handler", "worker", "consumer", "api", "cron"])}-${i}`;
  const region = choose(rand, REGIONS);
  const env = {};
  const nVars = 4 + Math.floor(rand() * 8);
  for (let k = 0; k < nVars; k++) env[`${choose(rand, ["LOG", "TABLE", "QUEUE", "BUCKET", "ENDPOINT", "FEATURE"])}_${k}`] = `${tags.Service}-${hex(rand, 12)}`;
  const state = {
    architectures: ["arm64"],
    arn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${fn}`,
    code_sha256: hex(rand, 43),
    code_signing_config_arn: "",
    dead_letter_config: [],
    description: `${tags.Service} ${tags.Environment}`,
    environment: [{ variables: env }],
    ephemeral_storage: [{ size: 512 }],
    file_system_config: [],
    filename: null,
    function_name: fn,
    handler: "index.handler",
    id: fn,
    image_config: [],
    image_uri: "",
    invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${ACCOUNT}:function:${fn}/invocations`,
    kms_key_arn: "",
    last_modified: "2026-10-14T08:12:44.000+0000",
    layers: [],
    logging_config: [{ application_log_level: "", log_format: "Text", log_group: `/aws/lambda/${fn}`, system_log_level: "" }],
    memory_size: choose(rand, [128, 256, 512, 1024]),
    package_type: "Zip",
    publish: false,
    qualified_arn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${fn}:$LATEST`,
    qualified_invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${ACCOUNT}:function:${fn}:$LATEST/invocations`,
    replace_security_groups_on_destroy: null,
    replacement_security_group_ids: null,
    reserved_concurrent_executions: -1,
    role: `arn:aws:iam::${ACCOUNT}:role/${fn}-exec`,
    runtime: choose(rand, ["nodejs20.x", "python3.12", "java21"]),
    s3_bucket: `${tags.Team}-artifacts`,
    s3_key: `lambda/${fn}/${hex(rand, 40)}.zip`,
    s3_object_version: null,
    signing_job_arn: "",
    signing_profile_version_arn: "",
    skip_destroy: false,
    snap_start: [],
    source_code_hash: hex(rand, 43),
    source_code_size: Math.floor(rand() * 5e6),
    tags,
    tags_all: { ...tags },
    timeout: choose(rand, [3, 30, 60, 300]),
    timeouts: null,
    tracing_config: [{ mode: "PassThrough" }],
    version: "$LATEST",
    vpc_config: [],
  };
  const c = fromState(rand, state, ["arn", "code_sha256", "id", "invoke_arn", "last_modified", "qualified_arn", "qualified_invoke_arn", "signing_job_arn", "signing_profile_version_arn", "source_code_size", "version"], (s) => {
    s.s3_key = `lambda/${fn}/${hex(rand, 40)}.zip`;
    s.source_code_hash = hex(rand, 43);
  });
  return [
    resource(place, "aws_lambda_function", "fn", {
      ...c,
      sensitive: { environment: [{ variables: {} }], tags: {}, tags_all: {} },
      expressions: {
        function_name: { references: ["local.function_name"] },
        role: { references: refTo(place, { local: "aws_iam_role.exec" }, "arn") },
        handler: { constant_value: "index.handler" },
        runtime: { references: ["var.runtime"] },
        s3_bucket: { references: ["var.artifact_bucket"] },
        s3_key: { references: ["var.artifact_key"] },
        environment: [{ variables: { references: ["local.environment"] } }],
        tags: { references: ["local.tags"] },
      },
    }),
  ];
}

function securityGroup(rand, i, place) {
  const tags = tagsFor(rand, i);
  const id = `sg-0${hex(rand, 16)}`;
  const rule = (port, desc) => ({ cidr_blocks: [`10.${Math.floor(rand() * 250)}.0.0/16`], description: desc, from_port: port, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: "tcp", security_groups: [], self: false, to_port: port });
  const ingress = Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, k) => rule(choose(rand, [443, 80, 5432, 6379, 8080, 9092]) + k, `${tags.Service} ingress ${k}`));
  const state = {
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/${id}`,
    description: `${tags.Service} ${tags.Environment}`,
    egress: [{ cidr_blocks: ["0.0.0.0/0"], description: "", from_port: 0, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: "-1", security_groups: [], self: false, to_port: 0 }],
    id,
    ingress,
    name: `${tags.Service}-${i}`,
    name_prefix: "",
    owner_id: ACCOUNT,
    revoke_rules_on_delete: false,
    tags,
    tags_all: { ...tags },
    timeouts: null,
    vpc_id: `vpc-0${hex(rand, 16)}`,
  };
  const c = fromState(rand, state, ["arn", "id", "owner_id"], (s) => {
    s.ingress = [...s.ingress, rule(8443, "added")];
  });
  return [resource(place, "aws_security_group", "app", { ...c, expressions: { name: { references: ["local.name"] }, vpc_id: { references: ["var.vpc_id"] }, ingress: { references: ["local.ingress_rules"] }, tags: { references: ["local.tags"] } } })];
}

function record(rand, i, place) {
  const tags = tagsFor(rand, i);
  const zone = `Z0${hex(rand, 12).toUpperCase()}`;
  const name = `${tags.Service}.${tags.Environment}.example.com`;
  const state = {
    alias: [],
    allow_overwrite: null,
    cidr_routing_policy: [],
    failover_routing_policy: [],
    fqdn: name,
    geolocation_routing_policy: [],
    geoproximity_routing_policy: [],
    health_check_id: "",
    id: `${zone}_${name}_CNAME`,
    latency_routing_policy: [],
    multivalue_answer_routing_policy: false,
    name,
    records: [`${tags.Service}-${hex(rand, 8)}.elb.amazonaws.com`],
    set_identifier: "",
    timeouts: null,
    ttl: 300,
    type: "CNAME",
    weighted_routing_policy: [],
    zone_id: zone,
  };
  const c = fromState(rand, state, ["fqdn", "id"], (s) => {
    s.ttl = 60;
  });
  return [resource(place, "aws_route53_record", "dns", { ...c, sensitive: {}, expressions: { name: { references: ["local.fqdn"] }, type: { constant_value: "CNAME" }, ttl: { constant_value: 300 }, records: { references: refTo(place, { local: "aws_lb.app" }, "dns_name") }, zone_id: { references: ["var.zone_id"] } } })];
}

function logGroup(rand, i, place) {
  const tags = tagsFor(rand, i);
  const name = `/aws/${choose(rand, ["lambda", "ecs", "apigateway"])}/${tags.Service}-${i}`;
  const state = { arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`, id: name, kms_key_id: "", log_group_class: "STANDARD", name, name_prefix: "", retention_in_days: choose(rand, [7, 30, 90, 365]), skip_destroy: false, tags, tags_all: { ...tags } };
  const c = fromState(rand, state, ["arn", "id"], (s) => {
    s.retention_in_days = 180;
  });
  return [resource(place, "aws_cloudwatch_log_group", "logs", { ...c, expressions: { name: { references: ["local.log_group_name"] }, retention_in_days: { references: ["var.retention_days"] }, tags: { references: ["local.tags"] } } })];
}

function table(rand, i, place) {
  const tags = tagsFor(rand, i);
  const name = `${tags.Service}-${choose(rand, ["sessions", "orders", "events", "locks"])}-${i}`;
  const state = {
    arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`,
    attribute: [
      { name: "pk", type: "S" },
      { name: "sk", type: "S" },
    ],
    billing_mode: "PAY_PER_REQUEST",
    deletion_protection_enabled: true,
    global_secondary_index: [],
    hash_key: "pk",
    id: name,
    import_table: [],
    local_secondary_index: [],
    name,
    on_demand_throughput: [],
    point_in_time_recovery: [{ enabled: true }],
    range_key: "sk",
    read_capacity: 0,
    replica: [],
    restore_date_time: null,
    restore_source_name: null,
    restore_to_latest_time: null,
    server_side_encryption: [{ enabled: true, kms_key_arn: "" }],
    stream_arn: "",
    stream_enabled: false,
    stream_label: "",
    stream_view_type: "",
    table_class: "STANDARD",
    tags,
    tags_all: { ...tags },
    timeouts: null,
    ttl: [{ attribute_name: "expires_at", enabled: true }],
    write_capacity: 0,
  };
  const c = fromState(rand, state, ["arn", "id", "stream_arn", "stream_label"], (s) => {
    s.stream_enabled = true;
    s.stream_view_type = "NEW_AND_OLD_IMAGES";
  });
  return [resource(place, "aws_dynamodb_table", "table", { ...c, expressions: { name: { references: ["local.table_name"] }, billing_mode: { constant_value: "PAY_PER_REQUEST" }, hash_key: { constant_value: "pk" }, range_key: { constant_value: "sk" }, tags: { references: ["local.tags"] } } })];
}

const UNRELATED = [instance, instance, bucket, bucket, lambda, lambda, securityGroup, securityGroup, record, logGroup, logGroup, table];

// ------------------------------------------------------------------------------------------------ policy-bearing resources
/**
 * generate.js's mix (10 % SCP allow-lists, 45 % managed, 45 % inline identity policies) for the k-th
 * policy-bearing resource of a realistic plan, permuted so that a 10 MB plan has an SCP; one in 4 carries a
 * defect, the first one already (so a 1 MB plan has one).
 */
function mixedPolicy(rand, i, k, place, pool, { defects = true } = {}) {
  const r = (k * 7 + 3) % 20;
  // SCP allow-lists only in the root module (see the header: module instances with SCPs hit a gate bug)
  const type = r < 2 && !place.module ? "aws_organizations_policy" : r < 11 ? "aws_iam_policy" : "aws_iam_role_policy";
  const defect = defects && k % 4 === 0 ? DEFECTS[Math.floor(k / 4) % DEFECTS.length] : undefined;
  const a = rand();
  const action = defect ? (a < 0.5 ? "create" : "update") : a < 0.45 ? "create" : a < 0.8 ? "update" : "no-op";
  const pretty = rand() < 0.3;
  const doc = type === "aws_organizations_policy" ? scpPolicy(rand, pool, defect) : identityPolicy(rand, pool, i, defect, type === "aws_iam_policy");
  const text = policyText(doc, defect, pretty);
  const prior = action === "update" ? priorText(doc, pretty) : text;
  const tags = tagsFor(rand, i);
  const out = [];
  if (type === "aws_organizations_policy") {
    const id = `p-${(0x1000000 + i).toString(36)}`;
    const after = { content: text, description: `Bedrock model allow-list ${i}`, name: `bedrock-allowlist-${i}`, skip_destroy: null, tags, tags_all: { ...tags }, type: "SERVICE_CONTROL_POLICY" };
    const known = { ...after, arn: `arn:aws:organizations::${ACCOUNT}:policy/o-exampleorgid/service_control_policy/${id}`, id };
    const before = action === "create" ? null : { ...known, content: prior };
    if (defect === "unknown-content") delete after.content;
    const main = resource(place, type, "allowlist", {
      action,
      before,
      after: action === "create" ? after : { ...known, ...(defect === "unknown-content" ? {} : { content: text }) },
      afterUnknown: action === "create" ? { arn: true, id: true, tags_all: true, ...(defect === "unknown-content" ? { content: true } : {}) } : defect === "unknown-content" ? { content: true } : {},
      expressions: { content: defect === "unknown-content" ? { references: ["data.aws_iam_policy_document.allowlist.json", "data.aws_iam_policy_document.allowlist"] } : { constant_value: text }, name: { constant_value: after.name }, tags: { references: ["local.tags"] } },
    });
    main.relevant = { resource: main.rc.address, attribute: ["content"] };
    out.push(main);
    const target = `ou-ab12-${pad(i, 8)}`;
    const pk = place.key(type, "allowlist");
    out.push(
      resource(place, "aws_organizations_policy_attachment", "allowlist", {
        action: action === "update" ? "no-op" : action,
        before: action === "create" ? null : { id: `${target}:${id}`, policy_id: id, skip_destroy: null, target_id: target },
        after: { skip_destroy: null, target_id: target, ...(action === "create" ? {} : { id: `${target}:${id}`, policy_id: id }) },
        afterUnknown: action === "create" ? { id: true, policy_id: true } : {},
        sensitive: {},
        expressions: { policy_id: { references: [`${pk.local}.id`, pk.local] }, target_id: { constant_value: target } },
      }),
    );
    return out;
  }
  const attr = "policy";
  if (type === "aws_iam_policy") {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/bedrock/bedrock-invoke-${i}`;
    const after = { description: `Bedrock invoke policy ${i}`, name: `bedrock-invoke-${i}`, name_prefix: "", path: "/bedrock/", policy: text, tags, tags_all: { ...tags } };
    const known = { ...after, arn, attachment_count: 1, id: arn, policy_id: `ANPA${(1e15 + i * 7919).toString(36).toUpperCase()}` };
    const main = resource(place, type, "invoke", {
      action,
      before: action === "create" ? null : { ...known, policy: prior },
      after: action === "create" ? after : known,
      afterUnknown: action === "create" ? { arn: true, attachment_count: true, id: true, policy_id: true, tags_all: true } : {},
      expressions: { policy: pretty ? { constant_value: text } : { references: [`data.aws_iam_policy_document.invoke_${i}.json`, `data.aws_iam_policy_document.invoke_${i}`] }, name: { constant_value: after.name }, tags: { references: ["local.tags"] } },
    });
    return finishPolicy(out, main, defect, attr);
  }
  const role = `${tags.Service}-bedrock-${i}`;
  const after = { name: "bedrock-invoke", name_prefix: null, policy: text, role };
  const main = resource(place, type, "invoke", {
    action,
    before: action === "create" ? null : { ...after, id: `${role}:bedrock-invoke`, policy: prior },
    after: action === "create" ? after : { ...after, id: `${role}:bedrock-invoke` },
    afterUnknown: action === "create" ? { id: true } : {},
    sensitive: {},
    expressions: { name: { constant_value: "bedrock-invoke" }, policy: pretty ? { constant_value: text } : { references: [`data.aws_iam_policy_document.invoke_${i}.json`, `data.aws_iam_policy_document.invoke_${i}`] }, role: { references: ["aws_iam_role.app.name", "aws_iam_role.app"] } },
  });
  return finishPolicy(out, main, defect, attr);
}

/** The policy resource's last touches: its text made unknown for that defect, its relevant attribute. */
function finishPolicy(out, main, defect, attr) {
  if (defect === "unknown-content") {
    delete main.rc.change.after.policy;
    main.rc.change.after_unknown = { ...main.rc.change.after_unknown, policy: true };
    main.planned.values = main.rc.change.after;
  }
  main.relevant = { resource: main.rc.address, attribute: [attr] };
  out.push(main);
  return out;
}

const BROAD_ACTIONS = [["bedrock:*"], "bedrock:*", ["bedrock:Invoke*"], ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], ["bedrock:InvokeModel*", "bedrock:Get*", "bedrock:List*"]];
const BROAD_RESOURCES = ["*", "arn:aws:bedrock:*::foundation-model/*", ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*"], "arn:aws:bedrock:us-east-1::foundation-model/*", ["*"]];

/** A distinct identity policy that allows broad Bedrock access (policy-dense plans). */
function broadPolicy(rand, i) {
  const account = String(200000000000 + (i % 997));
  const v = i % BROAD_ACTIONS.length;
  const w = Math.floor(i / BROAD_ACTIONS.length) % BROAD_RESOURCES.length;
  const statements = [{ Sid: `BedrockAccess${i}`, Effect: "Allow", Action: BROAD_ACTIONS[v], Resource: BROAD_RESOURCES[w] }];
  if (i % 7 === 2) statements[0].Condition = { StringEquals: { "aws:RequestedRegion": choose(rand, REGIONS) } };
  const extras = Math.floor(rand() * 4);
  for (let e = 0; e < extras; e++) {
    const kind = choose(rand, ["logs", "s3", "ddb"]);
    if (kind === "logs") statements.push({ Sid: `Logs${i}x${e}`, Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:*:${account}:log-group:/app/${i}/*` });
    else if (kind === "s3") statements.push({ Sid: `Prompts${i}x${e}`, Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::prompts-${i}-${e}/*` });
    else statements.push({ Sid: `State${i}x${e}`, Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:*:${account}:table/agent-state-${i}` });
  }
  if (i % 11 === 5) statements.push({ Sid: `ListModels${i}`, Effect: "Allow", Action: ["bedrock:ListFoundationModels", "bedrock:GetFoundationModel"], Resource: "*" });
  return { Version: "2012-10-17", Statement: statements };
}

function densePolicy(rand, i, place, pool) {
  const a = rand();
  const action = a < 0.6 ? "create" : a < 0.9 ? "update" : "no-op";
  if (i % 50 === 25 && !place.module) return mixedPolicy(rand, i, 11, place, pool, { defects: false }); // k = 11: an SCP allow-list
  const doc = broadPolicy(rand, i);
  const pretty = i % 4 === 1;
  const text = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
  const prior = JSON.stringify({ ...doc, Statement: doc.Statement.slice(0, 1).map((s) => ({ ...s, Action: "bedrock:InvokeModel" })) });
  const tags = tagsFor(rand, i);
  const roleName = `agent-${i}`;
  const r = i % 10;
  const out = [];
  const roleKey = place.key("aws_iam_role", "agent");
  if (r < 8) {
    // the role the policy is attached to or inlined in
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const roleState = { arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`, assume_role_policy: trust, create_date: "2026-09-01T10:00:00Z", description: "", force_detach_policies: false, id: roleName, inline_policy: [], managed_policy_arns: [], max_session_duration: 3600, name: roleName, name_prefix: "", path: "/", permissions_boundary: "", tags, tags_all: { ...tags }, unique_id: `AROA${hex(rand, 17).toUpperCase()}` };
    out.push(resource(place, "aws_iam_role", "agent", { action: "no-op", before: roleState, after: roleState, expressions: { name: { constant_value: roleName }, assume_role_policy: { references: ["data.aws_iam_policy_document.assume.json", "data.aws_iam_policy_document.assume"] }, tags: { references: ["local.tags"] } } }));
  }
  if (r < 4) {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/agents/bedrock-${i}`;
    const after = { description: `Agent ${i} Bedrock access`, name: `bedrock-${i}`, name_prefix: "", path: "/agents/", policy: text, tags, tags_all: { ...tags } };
    const known = { ...after, arn, attachment_count: 1, id: arn, policy_id: `ANPA${(1e15 + i * 104729).toString(36).toUpperCase()}` };
    const main = resource(place, "aws_iam_policy", "agent", {
      action,
      before: action === "create" ? null : { ...known, policy: prior },
      after: action === "create" ? after : known,
      afterUnknown: action === "create" ? { arn: true, attachment_count: true, id: true, policy_id: true, tags_all: true } : {},
      expressions: { name: { constant_value: after.name }, policy: { references: [`data.aws_iam_policy_document.agent_${i}.json`, `data.aws_iam_policy_document.agent_${i}`] }, tags: { references: ["local.tags"] } },
    });
    main.relevant = { resource: main.rc.address, attribute: ["policy"] };
    out.push(main);
    const pk = place.key("aws_iam_policy", "agent");
    out.push(
      resource(place, "aws_iam_role_policy_attachment", "agent", {
        action: action === "create" ? "create" : "no-op",
        before: action === "create" ? null : { id: `${roleName}-${hex(rand, 20)}`, policy_arn: arn, role: roleName },
        after: action === "create" ? { role: roleName } : { id: `${roleName}-x`, policy_arn: arn, role: roleName },
        afterUnknown: action === "create" ? { id: true, policy_arn: true } : {},
        sensitive: {},
        expressions: { policy_arn: { references: refTo(place, pk, "arn") }, role: { references: refTo(place, roleKey, "name") } },
      }),
    );
    if (action !== "create") out.at(-1).rc.change.after.id = out.at(-1).rc.change.before.id;
    if (out.at(-1).planned) out.at(-1).planned.values = out.at(-1).rc.change.after;
    return out;
  }
  const type = r < 8 ? "aws_iam_role_policy" : r === 8 ? "aws_iam_user_policy" : "aws_iam_group_policy";
  const holder = r < 8 ? { role: roleName } : r === 8 ? { user: `builder-${i}` } : { group: `builders-${i}` };
  const holderRef = r < 8 ? { role: { references: refTo(place, roleKey, "name") } } : r === 8 ? { user: { constant_value: `builder-${i}` } } : { group: { constant_value: `builders-${i}` } };
  const id = `${Object.values(holder)[0]}:bedrock`;
  const after = { name: "bedrock", name_prefix: null, policy: text, ...holder };
  const main = resource(place, type, "agent", {
    action,
    before: action === "create" ? null : { ...after, id, policy: prior },
    after: action === "create" ? after : { ...after, id },
    afterUnknown: action === "create" ? { id: true } : {},
    sensitive: {},
    expressions: { name: { constant_value: "bedrock" }, policy: pretty ? { constant_value: text } : { references: [`data.aws_iam_policy_document.agent_${i}.json`, `data.aws_iam_policy_document.agent_${i}`] }, ...holderRef },
  });
  main.relevant = { resource: main.rc.address, attribute: ["policy"] };
  out.push(main);
  return out;
}

/** A small clean inline policy: the one-resource plan. */
function tinyPolicy(rand, i, place, pool) {
  const m = pool[0];
  const text = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "InvokeApproved", Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: [`arn:aws:bedrock:us-east-1::foundation-model/${m.id}`] }] });
  const main = resource(place, "aws_iam_role_policy", "invoke", {
    action: "create",
    before: null,
    after: { name: "bedrock-invoke", name_prefix: null, policy: text, role: "app" },
    afterUnknown: { id: true },
    sensitive: {},
    expressions: { name: { constant_value: "bedrock-invoke" }, policy: { constant_value: text }, role: { constant_value: "app" } },
  });
  main.relevant = { resource: main.rc.address, attribute: ["policy"] };
  return [main];
}

// ------------------------------------------------------------------------------------------------ plans
/** The SCP allow-list every realistic and dense plan deletes (a finding in every such plan). */
function legacyDelete(rand, pool) {
  const gone = scpPolicy(rand, pool, undefined);
  const place = { module: undefined, key: (type) => ({ address: `${type}.legacy_allowlist`, name: "legacy_allowlist", local: `${type}.legacy_allowlist` }) };
  const before = { arn: `arn:aws:organizations::${ACCOUNT}:policy/o-exampleorgid/service_control_policy/p-legacy01`, content: JSON.stringify(gone), description: "", id: "p-legacy01", name: "legacy-allowlist", skip_destroy: null, tags: {}, tags_all: {}, type: "SERVICE_CONTROL_POLICY" };
  return resource(place, "aws_organizations_policy", "legacy_allowlist", { action: "delete", before, after: null, expressions: {}, actionReason: "delete_because_no_resource_config" });
}

/**
 * The kinds of plan. `entriesAt(i)` builds every resource for index i from a PRNG seeded by (kind, i), so a
 * section pass can rebuild it; `count` is the number of indices.
 */
function kindOf(spec, regoData) {
  const pool = modelPool(regoData, 20);
  if (spec.kind === "tiny") {
    return { count: 1, entriesAt: (i, place) => tinyPolicy(rng(seedOf(7, i)), i, place, pool), legacy: false };
  }
  if (spec.kind === "dense") {
    return { count: spec.resources, entriesAt: (i, place) => densePolicy(rng(seedOf(0xde, i)), i, place, pool), legacy: true, pool };
  }
  // realistic: every 100th index is policy-bearing (the k-th of them gets generate.js's mix and defects)
  const entriesAt = (i, place) => {
    const rand = rng(seedOf(0x7e, i));
    if (i % 100 === 37) return mixedPolicy(rand, i, Math.floor(i / 100), place, pool);
    return UNRELATED[Math.floor(rand() * UNRELATED.length)](rand, i, place);
  };
  // size by calibration: bytes per index over the first 2,000 indices, in every section they appear in
  const sample = Math.min(2000, Math.max(100, Math.ceil(spec.bytes / 10000)));
  const layout = layoutFor(sample);
  let bytes = 0;
  for (let i = 0; i < sample; i++) {
    for (const e of entriesAt(i, placeOf(i, layout))) {
      bytes += JSON.stringify(e.rc).length + (e.planned ? JSON.stringify(e.planned).length : 0) + (e.prior ? JSON.stringify(e.prior).length : 0) + (e.module ? 0 : JSON.stringify(e.cfg.block).length) + 4;
    }
  }
  const count = Math.max(1, Math.round(spec.bytes / (bytes / sample)));
  return { count, entriesAt, legacy: true, pool };
}

/** Write one plan to `file` by streaming; returns its statistics. */
function writePlan(spec, regoData, file) {
  const kind = kindOf(spec, regoData);
  const layout = layoutFor(kind.count);
  const out = new Sink(file);
  const stats = { kind: spec.kind, indices: kind.count, resourceChanges: 0, policyBearing: 0, byType: {}, actions: {} };
  const moduleConfig = new Map();
  const relevant = [];
  const entries = function* (range, section) {
    for (let i = range.from; i < range.to; i++) {
      for (const e of kind.entriesAt(i, placeOf(i, layout))) {
        if (section === "changes") {
          stats.resourceChanges++;
          stats.byType[e.rc.type] = (stats.byType[e.rc.type] ?? 0) + 1;
          const act = e.rc.change.actions.join("+");
          stats.actions[act] = (stats.actions[act] ?? 0) + 1;
          if (e.relevant) {
            stats.policyBearing++;
            relevant.push(e.relevant);
          }
          if (e.module && !moduleConfig.has(e.cfg.local)) moduleConfig.set(e.cfg.local, e.cfg.block);
        }
        yield e;
      }
    }
  };
  const legacy = kind.legacy ? legacyDelete(rng(seedOf(0x1e, 0)), kind.pool) : undefined;
  const rootRange = layout.ranges[0];
  const moduleRanges = layout.ranges.filter((r) => r.module);
  const writeModuleTree = (pick) => {
    out.w('{"root_module":{"resources":');
    writeArray(out, (function* () {
      for (const e of entries(rootRange, "values")) if (pick(e)) yield pick(e);
      if (legacy && pick(legacy)) yield pick(legacy);
    })());
    out.w(',"child_modules":[');
    moduleRanges.forEach((r, n) => {
      if (n) out.w(",");
      out.w(`{"address":${JSON.stringify(r.module)},"resources":`);
      writeArray(out, (function* () {
        for (const e of entries(r, "values")) if (pick(e)) yield pick(e);
      })());
      out.w("}");
    });
    out.w("]}}");
  };

  out.w(`{"format_version":"1.2","terraform_version":"1.14.0","variables":{"instance_count":{"value":3},"runtime":{"value":"nodejs20.x"}},"planned_values":`);
  writeModuleTree((e) => e.planned);
  out.w(',"resource_changes":');
  writeArray(out, (function* () {
    for (const r of layout.ranges) for (const e of entries(r, "changes")) yield e.rc;
    if (legacy) {
      stats.resourceChanges++;
      stats.policyBearing++;
      yield legacy.rc;
    }
  })());
  out.w(`,"prior_state":{"format_version":"1.0","terraform_version":"1.14.0","values":`);
  writeModuleTree((e) => e.prior);
  out.w("}");
  out.w(`,"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"${PROVIDER}","version_constraint":"~> 6.0","expressions":{"region":{"constant_value":"us-east-1"}}}},"root_module":{"resources":`);
  writeArray(out, (function* () {
    for (const e of entries(rootRange, "config")) yield e.cfg.block;
  })());
  if (moduleRanges.length) {
    out.w(`,"module_calls":{"svc":{"source":"./modules/service","for_each_expression":{"references":["local.services"]},"module":{"resources":`);
    writeArray(out, [...moduleConfig.keys()].sort().map((k) => moduleConfig.get(k)));
    out.w(`,"variables":{"instance_count":{},"runtime":{}}}}}`);
  }
  out.w("}}");
  out.w(',"relevant_attributes":');
  writeArray(out, legacy ? [...relevant, { resource: legacy.rc.address, attribute: ["content"] }] : relevant);
  out.w(`,"timestamp":"2026-11-28T10:00:00Z","applyable":true,"complete":true,"errored":false}`);
  out.close();
  return { ...stats, bytes: out.bytes };
}

module.exports = { GENERATOR_VERSION, writePlan };
