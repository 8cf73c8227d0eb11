import { parseArn, PARTITIONS } from '../../engine/arn.js';
import type { PrincipalBlock, Str } from '../../policy/model.js';
import type { Rule } from '../rule.js';

/**
 * A `Principal`/`NotPrincipal` value that is malformed for its kind ("AWS JSON policy elements: Principal"):
 *
 * - `AWS`: `*`, a 12-digit account id, or the ARN of an account (`arn:aws:iam::123456789012:root`), an IAM user
 *   or role, an assumed-role session (`arn:aws:sts::…:assumed-role/role/session`) or a federated-user session
 *   (`arn:aws:sts::…:federated-user/name`); IAM unique ids (`AROA…`, `AIDA…`) are accepted as IAM shows them;
 * - `Service`: a service principal name (`ecs-tasks.amazonaws.com`, `logs.us-east-1.amazonaws.com`,
 *   `ec2.amazonaws.com.cn`, `alexa-appkit.amazon.com`);
 * - `Federated`: the ARN of an IAM OIDC or SAML provider, or one of the web identity providers
 *   `cognito-identity.amazonaws.com`, `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`;
 * - `CanonicalUser`: a 64-hex-digit canonical user id.
 *
 * "You cannot use a wildcard to match part of a principal name or ARN": `*` may stand alone only. Policy
 * variables are not allowed in principals. Unknown principal keys are `unknown-element`'s finding.
 */
export default {
  meta: {
    code: 'invalid-principal',
    severity: 'error',
    summary: 'A principal is malformed for its kind (AWS, Service, Federated, CanonicalUser); IAM rejects the policy.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      // Identity policies have no principals: no array and closure per statement then.
      if (!s.principal && !s.notPrincipal) continue;
      for (const block of [s.principal, s.notPrincipal]) {
        if (!block) continue;
        checkBlock(block, (pointer, message, fix) => ctx.report({ pointer, message, ...(fix ? { fix } : {}) }));
      }
    }
  },
} satisfies Rule;

type Report = (pointer: string, message: string, fix?: string) => void;

function checkBlock(block: PrincipalBlock, report: Report): void {
  const w = block.wildcard;
  if (w) {
    if (!w.unresolved && w.value !== '*') {
      report(w.pointer, `a Principal written as a string can only be "*"; name principals by kind: {"AWS": "${w.value}"}`);
    }
    return;
  }
  for (const entry of block.entries) {
    const judge = JUDGES[entry.type];
    if (!judge) continue;
    for (const item of entry.values.items) {
      if (item.unresolved || item.value === '*') continue;
      const problem = common(item) ?? judge(item.value);
      if (problem) report(item.pointer, `${entry.type} principal "${item.value}": ${problem.message}`, problem.fix);
    }
  }
}

interface Problem {
  message: string;
  fix?: string;
}

function common(item: Str): Problem | undefined {
  if (item.value.includes('${')) return { message: 'policy variables cannot be used in a principal' };
  if (/[*?]/.test(item.value)) {
    return { message: 'a wildcard cannot match part of a principal name or ARN ("*" alone means every principal)' };
  }
  if (item.value.trim() !== item.value || /\s/.test(item.value)) return { message: 'principals contain no white space', fix: item.value.replace(/\s+/g, '') };
  return undefined;
}

const JUDGES: Record<string, (value: string) => Problem | undefined> = {
  AWS: awsPrincipal,
  Service: servicePrincipal,
  Federated: federatedPrincipal,
  CanonicalUser: (v) => (/^[0-9a-fA-F]{64}$/.test(v) ? undefined : { message: 'a canonical user id is 64 hexadecimal digits' }),
};

const ACCOUNT = /^\d{12}$/;

function awsPrincipal(value: string): Problem | undefined {
  if (ACCOUNT.test(value)) return undefined;
  // IAM shows a deleted or re-created role's or user's unique id in place of its ARN.
  if (/^A(ROA|IDA)[A-Z0-9]{13,}$/.test(value)) return undefined;
  if (/^[\d-]+$/.test(value)) {
    const digits = value.replace(/-/g, '');
    return { message: 'an account id is 12 digits', ...(ACCOUNT.test(digits) ? { fix: digits } : {}) };
  }
  if (isServiceName(value)) return { message: 'a service principal goes under "Service", not "AWS"' };
  const arn = parseArn(value);
  if (!arn) return { message: 'expected "*", a 12-digit account id, or an account, user, role or session ARN' };
  const base = arnBase(arn);
  if (base) return base;
  const { service, resource } = arn;
  if (service === 'iam') {
    if (resource === 'root') return undefined;
    if (/^(user|role)\/(.+\/)?[^/]+$/.test(resource)) return undefined;
    if (/^group\//.test(resource)) return { message: 'a user group cannot be a principal (groups hold permissions, they do not authenticate)' };
    if (/^assumed-role\//.test(resource) || /^federated-user\//.test(resource)) {
      return { message: `session ARNs use the sts service: arn:${arn.partition}:sts::…:${resource}`, fix: value.replace(':iam::', ':sts::') };
    }
    if (/^(saml|oidc)-provider\//.test(resource)) return { message: 'an identity provider goes under "Federated", not "AWS"' };
  }
  if (service === 'sts') {
    if (/^assumed-role\/[^/]+\/[^/]+$/.test(resource)) return undefined;
    if (/^federated-user\/[^/]+$/.test(resource)) return undefined;
    if (/^role\//.test(resource) || /^user\//.test(resource)) {
      return { message: `roles and users use the iam service: arn:${arn.partition}:iam::…:${resource}`, fix: value.replace(':sts::', ':iam::') };
    }
    if (/^assumed-role\//.test(resource)) return { message: 'an assumed-role session ARN names the role and the session: assumed-role/ROLE/SESSION' };
  }
  return { message: 'an AWS principal ARN names an account (…:root), an IAM user or role, or an STS session' };
}

/** Partition, empty region and 12-digit account: the parts every principal ARN shares. */
function arnBase(arn: NonNullable<ReturnType<typeof parseArn>>): Problem | undefined {
  if (!(PARTITIONS as readonly string[]).includes(arn.partition)) return { message: `"${arn.partition}" is not an AWS partition` };
  if (arn.service !== 'iam' && arn.service !== 'sts') return { message: `principal ARNs are iam or sts ARNs, not ${arn.service}` };
  if (arn.region !== '') return { message: 'principal ARNs have no region' };
  if (!ACCOUNT.test(arn.account)) return { message: 'the account in a principal ARN is a 12-digit account id' };
  return undefined;
}

/** Service principal names end in the service domain of a partition. */
const SERVICE_DOMAINS = ['amazonaws.com', 'amazonaws.com.cn', 'amazon.com', 'c2s.ic.gov', 'sc2s.sgov.gov', 'cloud.adc-e.uk', 'csp.hci.ic.gov', 'amazonaws.eu'];

function isServiceName(value: string): boolean {
  const lower = value.toLowerCase();
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(lower) && SERVICE_DOMAINS.some((d) => lower.endsWith(`.${d}`));
}

function servicePrincipal(value: string): Problem | undefined {
  if (isServiceName(value)) {
    return value === value.toLowerCase() ? undefined : { message: 'service principal names are lower-case', fix: value.toLowerCase() };
  }
  if (value.startsWith('arn:')) return { message: 'a Service principal is a service name such as ecs-tasks.amazonaws.com, not an ARN' };
  if (ACCOUNT.test(value)) return { message: 'an account id goes under "AWS", not "Service"' };
  if (/^[a-z0-9-]+$/.test(value)) return { message: `a service principal is a domain name such as ${value}.amazonaws.com` };
  return { message: 'expected a service principal name such as ecs-tasks.amazonaws.com' };
}

const WEB_IDENTITY = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

function federatedPrincipal(value: string): Problem | undefined {
  if (WEB_IDENTITY.has(value)) return undefined;
  const arn = parseArn(value);
  if (arn) {
    const base = arnBase(arn);
    if (base) return base;
    if (arn.service === 'iam' && /^(oidc-provider\/\S+|saml-provider\/[^/]+)$/.test(arn.resource)) return undefined;
    return { message: 'a Federated principal is an IAM OIDC or SAML provider ARN (…:oidc-provider/HOST, …:saml-provider/NAME)' };
  }
  if (/^[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i.test(value)) {
    return { message: `an OIDC issuer is trusted through its IAM provider: arn:aws:iam::ACCOUNT:oidc-provider/${value}` };
  }
  return { message: 'expected an IAM OIDC or SAML provider ARN, or cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com or www.amazon.com' };
}
