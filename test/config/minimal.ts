/** A small valid config used by config, policies and stacks tests; tests change one thing at a time. */
export const MINIMAL_YAML = `version: 1
organization:
  managementAccountId: "111122223333"
  rootId: r-a1b2
targets:
  root:
    models:
      - amazon.nova-lite-v1:0
      - anthropic.claude-haiku-4-5-20251001-v1:0
    geographies: [us, eu]
  ous:
    - id: ou-a1b2-aaaaaaaa
      name: Apps
      parent: root
      models: [amazon.nova-lite-v1:0]
      geographies: [us]
accounts:
  - id: "123456789012"
    name: apps
    ou: ou-a1b2-aaaaaaaa
    region: us-east-1
    assumeRoleArn: arn:aws:iam::123456789012:role/Deployer
    invokePolicy:
      attachToRoles: [Builder]
`;
