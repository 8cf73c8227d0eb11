/**
 * `apply.sh`: a bash script of AWS CLI calls that creates or updates the bundle's roles and policies and can be
 * run again safely. Parameters are shell variables defaulting to the values in effect and overridable from the
 * environment (`PROJECT=acme ./apply.sh`). The AWS CLI itself picks the account, region and endpoint
 * (`AWS_PROFILE`, `AWS_REGION`, `AWS_ENDPOINT_URL`).
 *
 * Quoting: every literal piece of a name or document is single-quoted, so bash expands nothing in it (IAM's
 * `${aws:username}` reaches IAM unchanged); parameters are spliced between the pieces as `"${VAR}"` in names and as
 * a JSON-escaped copy in documents. No sed, no jq: values with `/`, `&`, quotes or backslashes are safe.
 *
 * Idempotence: an existing role's trust policy is replaced only when it differs structurally (compared by a
 * JMESPath `==` against a JSON literal, which ignores key order and whitespace); inline policies are put (a
 * replace); a customer managed policy gets a new default version only when its default document differs, after
 * deleting the oldest non-default version when the policy already has the maximum of five; attachments are
 * idempotent in IAM.
 */
import type { GeneratedBundle, GeneratedPolicy, GeneratedRole, PolicyJson } from '../../generate/model.js';
import { pieces, snakeCase } from './template.js';
import type { RenderedFile } from './types.js';

/** Variables a parameter must not overwrite: the shell's own and those the AWS CLI reads. */
const SHELL_RESERVED = /^(?:PATH|HOME|IFS|PWD|OLDPWD|SHELL|USER|LOGNAME|TERM|LANG|UID|EUID|PPID|RANDOM|SECONDS|HOSTNAME|OPTIND|OPTARG|PS\d|CDPATH|ENV|TMPDIR|BASH\w*|LC_\w+|AWS_\w+)$/;

interface Context {
  known: Set<string>;
  variable: Map<string, string>;
}

/** A literal in single quotes: nothing inside is expanded; a single quote is closed, escaped and reopened. */
function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A shell word for a template string: literal pieces single-quoted, markers as `"${VAR}"` (or a JSON-escaped copy). */
function word(template: string, ctx: Context, json = false): string {
  const parts = pieces(template, ctx.known);
  if (parts.length === 0) return "''";
  return parts
    .map((p) => (p.kind === 'text' ? singleQuoted(p.text) : `"\${${json ? 'json_' : ''}${ctx.variable.get(p.name)!}}"`))
    .join('');
}

/** A policy document as a shell word: JSON text whose markers are replaced by JSON-escaped parameter values. */
function documentWord(doc: PolicyJson, ctx: Context): string {
  return word(JSON.stringify(doc, null, 2), ctx, true);
}

function comment(text: string): string[] {
  return text.split(/\r?\n/).map((l) => (l ? `# ${l}` : '#'));
}

const PRELUDE = String.raw`set -euo pipefail
export AWS_PAGER=''

# The AWS CLI reads AWS_ENDPOINT_URL itself since v2.13 / v1.29; passing it also serves older versions.
aws_iam() { aws ${'$'}{AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} iam "$@"; }
aws_sts() { aws ${'$'}{AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} sts "$@"; }

# A value as the inside of a JSON string (backslash, quote and control characters escaped).
json_escape() {
  local s=$1 bs='\' q='"'
  s=${'$'}{s//"$bs"/"$bs$bs"}
  s=${'$'}{s//"$q"/"$bs$q"}
  s=${'$'}{s//$'\n'/"$bs"n}
  s=${'$'}{s//$'\r'/"$bs"r}
  s=${'$'}{s//$'\t'/"$bs"t}
  printf '%s' "$s"
}

# A JSON document as a JMESPath literal (backticks escaped), to compare it with what IAM holds.
jmes_literal() {
  local bt='${'`'}' bs='\'
  printf '%s' "${'$'}{1//"$bt"/"$bs$bt"}"
}

# Runs a read call; true when it succeeds, false when the entity does not exist, exits on any other error.
# The call's output is left in $reply.
reply=''
found() {
  local err
  err=$(mktemp)
  if reply=$("$@" 2>"$err"); then rm -f "$err"; return 0; fi
  if grep -q NoSuchEntity "$err"; then rm -f "$err"; return 1; fi
  cat "$err" >&2
  rm -f "$err"
  exit 1
}

# Creates or updates a role; trust policy replaced only when it differs.
apply_role() {
  local name=$1 path=$2 description=$3 max_session=$4 boundary=$5 trust=$6
  if found aws_iam get-role --role-name "$name" --query "Role.AssumeRolePolicyDocument == \`$(jmes_literal "$trust")\`" --output text; then
    if [[ $reply != True ]]; then
      aws_iam update-assume-role-policy --role-name "$name" --policy-document "$trust"
      echo "role $name: trust policy updated"
    fi
    local update=()
    [[ -n $description ]] && update+=(--description "$description")
    [[ -n $max_session ]] && update+=(--max-session-duration "$max_session")
    if ((${'$'}{#update[@]} > 0)); then aws_iam update-role --role-name "$name" "${'$'}{update[@]}"; fi
    echo "role $name: exists"
  else
    local create=(--role-name "$name" --path "$path" --assume-role-policy-document "$trust")
    [[ -n $description ]] && create+=(--description "$description")
    [[ -n $max_session ]] && create+=(--max-session-duration "$max_session")
    aws_iam create-role "${'$'}{create[@]}" >/dev/null
    echo "role $name: created"
  fi
  if [[ -n $boundary ]]; then aws_iam put-role-permissions-boundary --role-name "$name" --permissions-boundary "$boundary"; fi
}

# Creates a customer managed policy, or makes the document its new default version when it differs.
apply_managed_policy() {
  local name=$1 description=$2 document=$3 arn=$4
  if found aws_iam get-policy --policy-arn "$arn" --query Policy.DefaultVersionId --output text; then
    local current=$reply same
    same=$(aws_iam get-policy-version --policy-arn "$arn" --version-id "$current" \
      --query "PolicyVersion.Document == \`$(jmes_literal "$document")\`" --output text)
    if [[ $same == True ]]; then
      echo "policy $name: up to date ($current)"
      return
    fi
    # IAM keeps at most five versions of a managed policy: make room by deleting the oldest non-default one.
    if (($(aws_iam list-policy-versions --policy-arn "$arn" --query 'length(Versions)' --output text) >= 5)); then
      aws_iam delete-policy-version --policy-arn "$arn" --version-id \
        "$(aws_iam list-policy-versions --policy-arn "$arn" --query 'sort_by(Versions[?!IsDefaultVersion], &CreateDate)[0].VersionId' --output text)"
    fi
    aws_iam create-policy-version --policy-arn "$arn" --policy-document "$document" --set-as-default >/dev/null
    echo "policy $name: new default version"
  else
    local create=(--policy-name "$name" --policy-document "$document")
    [[ -n $description ]] && create+=(--description "$description")
    aws_iam create-policy "${'$'}{create[@]}" >/dev/null
    echo "policy $name: created"
  fi
}`;

function roleSection(role: GeneratedRole, ctx: Context): string[] {
  const out = ['', ...comment(`Role ${role.name}`)];
  out.push(`role_name=${word(role.name, ctx)}`);
  out.push(`trust_policy=${documentWord(role.trustPolicy, ctx)}`);
  out.push(
    `apply_role "$role_name" ${word(role.path ?? '/', ctx)} ${word(role.description ?? '', ctx)} ${role.maxSessionDuration === undefined ? "''" : String(role.maxSessionDuration)} ${word(role.permissionsBoundaryArn ?? '', ctx)} "$trust_policy"`,
  );
  for (const policy of role.policies) out.push(...policySection(policy, ctx));
  for (const arn of role.managedPolicyArns) out.push(`aws_iam attach-role-policy --role-name "$role_name" --policy-arn ${word(arn, ctx)}`);
  return out;
}

function policySection(policy: GeneratedPolicy, ctx: Context): string[] {
  const out = [`policy_name=${word(policy.name, ctx)}`, `policy_document=${documentWord(policy.document, ctx)}`];
  if (policy.kind === 'inline') {
    out.push('aws_iam put-role-policy --role-name "$role_name" --policy-name "$policy_name" --policy-document "$policy_document"');
    out.push('echo "role $role_name: inline policy $policy_name put"');
    return out;
  }
  out.push('policy_arn="arn:${aws_partition}:iam::${aws_account}:policy/${policy_name}"');
  out.push(`apply_managed_policy "$policy_name" ${word(policy.description ?? '', ctx)} "$policy_document" "$policy_arn"`);
  out.push('aws_iam attach-role-policy --role-name "$role_name" --policy-arn "$policy_arn"');
  return out;
}

export function render(bundle: GeneratedBundle): RenderedFile[] {
  const known = new Set(bundle.parameters.map((p) => p.name));
  const taken = new Set<string>();
  const variable = new Map<string, string>();
  for (const p of bundle.parameters) {
    let name = snakeCase(p.name).toUpperCase() || 'PARAM';
    if (SHELL_RESERVED.test(name) || /^\d/.test(name)) name = `PARAM_${name}`;
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name}_${i}`;
    taken.add(unique);
    variable.set(p.name, unique);
  }
  const ctx: Context = { known, variable };
  const needsAccount = bundle.roles.some((r) => r.policies.some((p) => p.kind === 'managed'));

  const lines = [
    '#!/usr/bin/env bash',
    ...comment(`Generated by leastpriv from "${bundle.name}".`),
    ...comment(bundle.description),
    '#',
    '# Creates or updates these roles and policies with the AWS CLI; safe to run again. Parameters come from the',
    '# environment when set there, e.g. `' + (bundle.parameters[0] ? `${variable.get(bundle.parameters[0].name)}=… ` : '') + './apply.sh`.',
    PRELUDE,
    '',
    '# Parameters',
  ];
  for (const p of bundle.parameters) {
    const v = variable.get(p.name)!;
    lines.push(...comment(`${p.description}${p.default !== undefined ? ` (default ${p.default})` : ''}`));
    // Unquoted on purpose: an assignment does not split words, and quote removal applies to the default.
    lines.push(`${v}=\${${v}:-${singleQuoted(p.value)}}`);
    lines.push(`json_${v}=$(json_escape "$${v}")`);
  }
  if (needsAccount) {
    lines.push('', '# Customer managed policy ARNs name the account and partition of the caller.');
    lines.push('IFS=: read -r _ aws_partition _ _ aws_account _ <<<"$(aws_sts get-caller-identity --query Arn --output text)"');
  }
  for (const role of bundle.roles) lines.push(...roleSection(role, ctx));
  return [{ path: 'apply.sh', content: `${lines.join('\n')}\n`, mode: 0o755 }];
}
