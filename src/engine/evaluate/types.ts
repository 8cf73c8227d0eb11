/**
 * The public shapes of the evaluation engine: what a simulation takes (a request and a set of policies) and what it
 * returns (a decision in AWS's words, with the statements that produced it). They match the `simulate` section of
 * the contract, so a JSON batch line can be handed to `simulate` as it is.
 */
import type { PolicyDocument } from '../../policy/model.js';

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** A context value: a string, a list of strings (a multivalued key), or a number/boolean taken as its text. */
export type ContextValueInput = string | number | boolean | readonly (string | number | boolean)[];

export interface SimulationRequest {
  /**
   * An IAM user or role ARN, an STS assumed-role session ARN, or a service principal name (`cloudtrail.amazonaws.com`).
   * A role ARN stands for a session of that role. Also accepted: an STS federated-user ARN and the account root
   * (`arn:aws:iam::111122223333:root`). Anything else is treated as an anonymous principal.
   */
  principal: string;
  /** `service:Action`, matched case-insensitively */
  action: string;
  /** the resource ARN (or `*` for actions that act on no resource), matched case-sensitively */
  resource: string;
  /** defaults to the resource ARN's account, else the principal's account */
  resourceAccount?: string;
  /** request context keys (names are case-insensitive); these override the keys derived from the principal */
  context?: Readonly<Record<string, ContextValueInput>>;
}

/**
 * A policy: a JSON value (object), JSON text, a `PolicyDocument` from `src/policy/`, or a loaded policy
 * (`{ document }`, as `loadPolicies` returns).
 */
export type PolicyInput = unknown;

export interface PolicySet {
  /** identity-based policies of the principal (user, group and role policies alike) */
  identity?: readonly PolicyInput[];
  /** the resource-based policy of the resource (bucket policy, key policy, role trust policy…) */
  resource?: PolicyInput;
  /**
   * the permissions boundary of the principal's user or role; an array is accepted, and several documents in it are
   * read as one boundary (an Allow in any of them is the boundary's Allow; a Deny in any is an explicit deny)
   */
  boundary?: PolicyInput | readonly PolicyInput[];
  /** service control policies of the principal's account, by level (root, OUs…, account); every level must allow */
  scp?: readonly (readonly PolicyInput[])[];
  /** resource control policies of the resource's account, by level; `RCPFullAWSAccess` is implied at every level */
  rcp?: readonly (readonly PolicyInput[])[];
  /** the session policy passed when the session was created */
  session?: PolicyInput;
}

/** Where a statement came from: `identity[0]`, `resource`, `boundary`, `scp[0][1]`, `rcp[1][0]`, `session`. */
export type PolicyLabel = string;

export interface MatchedStatement {
  policy: PolicyLabel;
  /** index of the statement in the document's `Statement` array (0 for a single statement object) */
  statement: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

/** A layer of the evaluation that did not allow the request (for implicit denies). */
export type DenyLayer = 'identity' | 'resource' | 'boundary' | 'scp' | 'session';

export interface ImplicitDenyReason {
  layer: DenyLayer;
  /** the SCP level that had no applicable Allow */
  level?: number;
  message: string;
}

export interface SimulationResult {
  decision: Decision;
  /** every statement that applied to the request (Allow and Deny), in policy order; present when explained */
  matched?: MatchedStatement[];
  /** for an implicit deny: the layers that failed to allow; present when explained */
  denied?: ImplicitDenyReason[];
}

export interface EvaluateOptions {
  /** collect the matched statements and the failed layers (slower; plain decisions allocate nothing) */
  explain?: boolean;
}

export type { PolicyDocument };
