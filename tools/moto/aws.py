"""Seed, read back and tamper with the emulated AWS organization the end-to-end tests deploy into.

Talks to moto through boto3 at $AWS_ENDPOINT_URL, like any AWS client. One JSON document in on stdin, one out on
stdout. Subcommands:

  seed    {"ous": [{"key", "name", "parent"}], "accounts": [{"key", "name", "ou", "roles": [..], "groups": [..]}]}
          → {"managementAccountId", "rootId", "ids": {key: new id}}   (parent/ou "root" means the root)
  seed-config {"config": "modelgate.yaml", "out": "path"}
          → seeds the organization a modelgate config describes (OUs, accounts, the roles and groups it attaches
            to, a ModelgateDeployer role per account) and writes the config with every ID replaced by moto's to
            "out"; returns seed's answer plus "accounts" (moto IDs in config order)
  dump    {"accounts": [id, ..]} → every customer SCP with its targets, and per account every customer-managed
          IAM policy (default version document) with the roles and groups it is attached to
  tamper  {"op": "update-scp" | "detach-scp" | "update-iam-policy" | "detach-role-policy" | "delete-group" | "delete-role", ...} → {}
"""
import json
import os
import sys
import urllib.parse

import boto3

os.environ.setdefault("AWS_DEFAULT_REGION", os.environ.get("AWS_REGION", "us-east-1"))


def session(account=None):
    if account is None:
        return boto3.session.Session()
    creds = boto3.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/ModelgateDeployer", RoleSessionName="modelgate-e2e"
    )["Credentials"]
    return boto3.session.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def document(text):
    """IAM URL-encodes documents; moto returns plain JSON. Decode only what is not already JSON."""
    if isinstance(text, (dict, list)):
        return json.dumps(text, separators=(",", ":"))
    return text if text.lstrip().startswith("{") else urllib.parse.unquote(text)


def seed(spec):
    org = boto3.client("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]
    org.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
    management = boto3.client("sts").get_caller_identity()["Account"]
    ids = {"root": root["Id"]}
    for ou in spec.get("ous", []):
        parent = ids[ou["parent"]]
        ids[ou["key"]] = org.create_organizational_unit(ParentId=parent, Name=ou["name"])["OrganizationalUnit"]["Id"]
    for acct in spec.get("accounts", []):
        status = org.create_account(Email=f"{acct['name']}@example.com", AccountName=acct["name"])["CreateAccountStatus"]
        account_id = org.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]["AccountId"]
        ids[acct["key"]] = account_id
        if acct["ou"] != "root":
            org.move_account(AccountId=account_id, SourceParentId=root["Id"], DestinationParentId=ids[acct["ou"]])
        iam = session(account_id).client("iam")
        trust = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{management}:root"}, "Action": "sts:AssumeRole"}]})
        for role in sorted(set(acct.get("roles", [])) | {"ModelgateDeployer"}):
            iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
        for group in acct.get("groups", []):
            iam.create_group(GroupName=group)
    del ids["root"]
    return {"managementAccountId": management, "rootId": root["Id"], "ids": ids}


def seed_config(request):
    import yaml  # PyYAML comes with moto

    with open(request["config"], encoding="utf-8") as f:
        text = f.read()
    config = yaml.safe_load(text)
    organization = config["organization"]
    subscriber = (organization.get("marketplace") or {}).get("subscriberRoleName")
    spec = {
        "ous": [{"key": o["id"], "name": o["name"], "parent": o["parent"]} for o in config["targets"].get("ous", [])],
        "accounts": [
            {
                "key": a["id"], "name": a["name"], "ou": a["ou"],
                "roles": a["invokePolicy"].get("attachToRoles", []) + ["AppServer"] + ([subscriber] if subscriber else []),
                "groups": a["invokePolicy"].get("attachToGroups", []),
            }
            for a in config["accounts"]
        ],
    }
    seeded = seed(spec)
    ids = dict(seeded["ids"])
    ids[organization["rootId"]] = seeded["rootId"]
    ids[str(organization["managementAccountId"])] = seeded["managementAccountId"]
    for old in sorted(ids, key=len, reverse=True):  # longest first: no ID is replaced inside a longer one
        text = text.replace(old, ids[old])
    with open(request["out"], "w", encoding="utf-8") as f:
        f.write(text)
    return {**seeded, "ids": ids, "config": request["out"], "accounts": [ids[a["id"]] for a in config["accounts"]]}


def customer_scps(org):
    pages = org.get_paginator("list_policies").paginate(Filter="SERVICE_CONTROL_POLICY")
    return [p for page in pages for p in page["Policies"] if not p.get("AwsManaged")]


def dump(spec):
    org = boto3.client("organizations")
    scps = []
    for summary in customer_scps(org):
        policy = org.describe_policy(PolicyId=summary["Id"])["Policy"]
        targets = org.list_targets_for_policy(PolicyId=summary["Id"])["Targets"]
        scps.append({
            "name": summary["Name"], "description": summary.get("Description", ""), "id": summary["Id"],
            "content": policy["Content"], "targets": sorted(t["TargetId"] for t in targets),
        })
    accounts = {}
    for account_id in spec.get("accounts", []):
        iam = session(account_id).client("iam")
        policies = []
        for p in iam.list_policies(Scope="Local")["Policies"]:
            version = iam.get_policy_version(PolicyArn=p["Arn"], VersionId=p["DefaultVersionId"])["PolicyVersion"]
            entities = iam.list_entities_for_policy(PolicyArn=p["Arn"])
            versions = iam.list_policy_versions(PolicyArn=p["Arn"])["Versions"]
            detail = iam.get_policy(PolicyArn=p["Arn"])["Policy"]
            policies.append({
                "name": p["PolicyName"], "arn": p["Arn"], "path": p["Path"],
                "description": detail.get("Description", ""), "document": document(version["Document"]),
                "versions": len(versions),
                "roles": sorted(r["RoleName"] for r in entities["PolicyRoles"]),
                "groups": sorted(g["GroupName"] for g in entities["PolicyGroups"]),
            })
        roles = []
        for r in iam.list_roles()["Roles"]:
            roles.append({"name": r["RoleName"], "trust": document(r["AssumeRolePolicyDocument"]),
                          "description": r.get("Description", "")})
        accounts[account_id] = {"policies": sorted(policies, key=lambda p: p["name"]),
                                "roles": sorted(roles, key=lambda r: r["name"])}
    return {"scps": sorted(scps, key=lambda s: s["name"]), "accounts": accounts}


def tamper(op):
    kind = op["op"]
    if kind in ("update-scp", "detach-scp"):
        org = boto3.client("organizations")
        policy = next(p for p in customer_scps(org) if p["Name"] == op["name"])
        if kind == "update-scp":
            org.update_policy(PolicyId=policy["Id"], Content=op["content"])
        else:
            org.detach_policy(PolicyId=policy["Id"], TargetId=op["target"])
        return {}
    iam = session(op["account"]).client("iam")
    if kind == "delete-group":
        iam.delete_group(GroupName=op["group"])
        return {}
    if kind == "delete-role":
        iam.delete_role(RoleName=op["role"])
        return {}
    policy = next(p for p in iam.list_policies(Scope="Local")["Policies"] if p["PolicyName"] == op["name"])
    if kind == "update-iam-policy":
        iam.create_policy_version(PolicyArn=policy["Arn"], PolicyDocument=op["document"], SetAsDefault=True)
    elif kind == "detach-role-policy":
        iam.detach_role_policy(RoleName=op["role"], PolicyArn=policy["Arn"])
    else:
        raise SystemExit(f"unknown op {kind}")
    return {}


if __name__ == "__main__":
    command = sys.argv[1]
    handler = {"seed": seed, "seed-config": seed_config, "dump": dump, "tamper": tamper}[command]
    json.dump(handler(json.load(sys.stdin)), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
