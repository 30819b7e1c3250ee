import { CloudBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import type { Backend } from "../config";

/** Configure the stack's state backend: local (CDKTF's default, nothing to add), S3, or HCP Terraform with one workspace per stack. */
export function applyBackend(stack: TerraformStack, backend: Backend, stackName: string): void {
  switch (backend.type) {
    case "local":
      return;
    case "s3":
      new S3Backend(stack, { bucket: backend.bucket, key: `${backend.keyPrefix}/${stackName}.tfstate`, region: backend.region, encrypt: true });
      return;
    case "cloud":
      new CloudBackend(stack, {
        organization: backend.organization,
        ...(backend.hostname ? { hostname: backend.hostname } : {}),
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}-${stackName}`),
      });
      return;
  }
}
