/** IAM action names used by the renderers. Only real SAR actions: there is no bedrock:Converse or bedrock-runtime: prefix. */
export const INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;
/** The bedrock-mantle actions that carry the bedrock-mantle:Model key (a negated condition elsewhere would deny everything). */
export const MANTLE_MODEL_ACTIONS = ["bedrock-mantle:CreateFineTuningJob", "bedrock-mantle:CreateInference"] as const;
export const CLAUDE_PLATFORM_ALL = "aws-external-anthropic:*";
export const API_KEY_CALL_ACTIONS = ["bedrock-mantle:CallWithBearerToken", "bedrock:CallWithBearerToken"] as const;
export const CREATE_SERVICE_CREDENTIAL = "iam:CreateServiceSpecificCredential";
export const MARKETPLACE_SUBSCRIBE = "aws-marketplace:Subscribe";
export const MARKETPLACE_MANAGE = ["aws-marketplace:Unsubscribe", "aws-marketplace:ViewSubscriptions"] as const;
export const MODEL_AGREEMENT_ACTIONS = ["bedrock:CreateFoundationModelAgreement", "bedrock:ListFoundationModelAgreementOffers"] as const;
export const BEDROCK_SERVICE = "bedrock.amazonaws.com";
