/**
 * `leastpriv simulate`: one request against policies from files, explained; or `--batch` JSON lines, streamed.
 *
 * Batch mode reads one line at a time and writes results in chunks, waiting for stdout to drain, so memory stays
 * constant however long the input is. Lines that carry their own `policies` are compiled once per distinct text
 * (a bounded cache); the flag policies are compiled once for the whole run.
 */
import { createReadStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type * as Readline from 'node:readline';
import type { Command } from 'commander';
import { PolicyCompileError } from '../../engine/evaluate/compile.js';
import { compilePolicySet, type CompiledPolicySet } from '../../engine/evaluate/evaluate.js';
import { defaultPrincipal, readSimulationLine, SimulationInputError } from '../../engine/evaluate/input.js';
import { parsePrincipal } from '../../engine/evaluate/request.js';
import type { ContextValueInput, Decision, SimulationRequest, SimulationResult } from '../../engine/evaluate/types.js';
import { compileNamedSet, NamedCompileError } from '../../engine/named-set.js';
import { emptyNamedSet, loadDocuments, loadOneDocument, type NamedPolicySet } from '../../policy/documents.js';
import { InputError, readError as cannotRead } from '../../policy/input.js';
import { simulateText } from '../../render/simulate-text.js';
import { styleFor } from '../../render/style.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { choice, write } from '../io.js';

const DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny'] as const;

export interface SimulateOptions {
  policy?: string[];
  resourcePolicy?: string;
  boundary?: string[];
  scp?: string[];
  rcp?: string[];
  sessionPolicy?: string;
  action?: string;
  resource?: string;
  principal?: string;
  resourceAccount?: string;
  context?: string[];
  format?: string;
  expect?: string;
  batch?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('evaluate a request against IAM policies (identity, resource, boundary, SCPs, RCPs, session) offline')
    .option('--policy <file...>', 'identity-based policies (repeatable; a file may hold a JSON array of policies, a template or a plan)')
    .option('--resource-policy <file>', 'the resource-based policy (bucket policy, key policy, trust policy…)')
    .option('--boundary <file...>', 'the permissions boundary (repeatable: several documents are read as one boundary)')
    .option('--scp <file>', 'SCPs of one level, root first (repeat per level; a JSON array file is one level of several)', collect)
    .option('--rcp <file>', 'RCPs of one level (repeat per level; RCPFullAWSAccess is implied at every level)', collect)
    .option('--session-policy <file>', 'the session policy of the role or federated session')
    .option('--action <action>', 'service:Action')
    .option('--resource <arn>', 'resource ARN, or * for actions without resources')
    .option('--principal <arn>', 'user/role/session ARN or service principal (default: a role in the resource account)')
    .option('--resource-account <id>', "the resource's account (default: from the ARN, else the principal's)")
    .option('--context <key=value>', 'request context; repeat a key for a multivalued key; KEY=["a","b"] for a JSON list', collect)
    .option('--format <format>', 'text|json (batch output is always JSON lines)')
    .option('--expect <decision>', `exit 1 unless the decision is this: ${DECISIONS.join('|')}`)
    .option('--batch <file>', 'JSON lines of requests (- for stdin): one result line out for each line in')
    .argument('[extra...]')
    .action(async (extra: string[], opts: SimulateOptions) => {
      if (extra.length > 0) {
        throw new UsageError(`unexpected argument "${extra[0]}" (each --scp/--rcp flag takes one file and is one level)`);
      }
      process.exitCode = opts.batch !== undefined ? await runBatch(opts) : runSingle(opts);
    });
}

function loadFlagPolicies(opts: SimulateOptions): NamedPolicySet {
  const set = emptyNamedSet();
  for (const f of opts.policy ?? []) set.identity.push(...loadDocuments(f, { kinds: ['identity'] }));
  if (opts.resourcePolicy !== undefined) set.resource = loadOneDocument(opts.resourcePolicy, 'a resource policy', { kinds: ['resource', 'trust'] });
  for (const f of opts.boundary ?? []) set.boundary.push(...loadDocuments(f, { kinds: ['boundary', 'identity'] }));
  for (const f of opts.scp ?? []) set.scp.push(loadDocuments(f, { kinds: ['scp'] }));
  for (const f of opts.rcp ?? []) set.rcp.push(loadDocuments(f, { kinds: ['rcp'] }));
  if (opts.sessionPolicy !== undefined) set.session = loadOneDocument(opts.sessionPolicy, 'a session policy', { kinds: ['session', 'identity'] });
  return set;
}

function compileFlags(set: NamedPolicySet): { compiled: CompiledPolicySet; sources: ReadonlyMap<string, string> } {
  try {
    return compileNamedSet(set);
  } catch (e) {
    if (e instanceof NamedCompileError) throw new InputError(`cannot evaluate ${e.message}`);
    throw e;
  }
}

/** `KEY=VALUE` flags → context; a repeated key becomes a list, a value written `[…]` is a JSON list. */
export function parseContext(flags: readonly string[]): Record<string, ContextValueInput> {
  const out: Record<string, string[]> = {};
  const lists = new Set<string>();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--context needs KEY=VALUE (got "${flag}")`);
    const key = flag.slice(0, eq);
    const raw = flag.slice(eq + 1);
    let values: string[] = [raw];
    if (raw.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new UsageError(`--context ${key}: a value starting with [ must be a JSON list (got ${raw})`);
      }
      if (!Array.isArray(parsed) || !parsed.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
        throw new UsageError(`--context ${key}: the list must hold strings, numbers or booleans`);
      }
      values = parsed.map(String);
      lists.add(key);
    }
    if (out[key]) lists.add(key);
    out[key] = [...(out[key] ?? []), ...values];
  }
  const context: Record<string, ContextValueInput> = {};
  for (const [key, values] of Object.entries(out)) context[key] = lists.has(key) ? values : values[0]!;
  return context;
}

function requestFromFlags(opts: SimulateOptions): SimulationRequest {
  if (!opts.action) throw new UsageError('simulate needs --action (or --batch FILE)');
  if (!opts.resource) throw new UsageError('simulate needs --resource (use * for actions that act on no resource)');
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(opts.action)) throw new UsageError(`--action must be service:Action (got "${opts.action}")`);
  if (opts.resourceAccount !== undefined && !/^\d{12}$/.test(opts.resourceAccount)) {
    throw new UsageError(`--resource-account must be a 12-digit account id (got "${opts.resourceAccount}")`);
  }
  if (opts.principal !== undefined && opts.principal !== 'anonymous' && parsePrincipal(opts.principal).kind === 'anonymous') {
    throw new UsageError(`--principal "${opts.principal}" is not a user, role, session, federated-user or root ARN, an account id or a service principal (use anonymous for an unsigned request)`);
  }
  const request: SimulationRequest = {
    principal: opts.principal ?? defaultPrincipal(opts.resource, opts.resourceAccount),
    action: opts.action,
    resource: opts.resource,
  };
  if (opts.resourceAccount !== undefined) request.resourceAccount = opts.resourceAccount;
  if (opts.context && opts.context.length > 0) request.context = parseContext(opts.context);
  return request;
}

function expectation(opts: SimulateOptions): Decision | undefined {
  return opts.expect === undefined ? undefined : choice('--expect', opts.expect, DECISIONS);
}

export function runSingle(opts: SimulateOptions): number {
  const format = choice('--format', opts.format ?? 'text', ['text', 'json'] as const);
  const expected = expectation(opts);
  const request = requestFromFlags(opts);
  const { compiled, sources } = compileFlags(loadFlagPolicies(opts));
  const result = compiled.evaluate(request, { explain: true });
  if (format === 'json') {
    const matched = (result.matched ?? []).map((m) => ({ ...m, source: sources.get(m.policy) ?? m.policy }));
    const out: Record<string, unknown> = { version: 1, request, decision: result.decision, matched };
    if (result.denied) out.denied = result.denied;
    if (expected !== undefined) out.expected = expected;
    write(`${JSON.stringify(out)}\n`);
  } else {
    write(simulateText(request, result, (label) => sources.get(label), styleFor(process.stdout), expected));
  }
  return expected !== undefined && expected !== result.decision ? EXIT_FINDINGS : EXIT_OK;
}

const SINGLE_ONLY: (keyof SimulateOptions)[] = ['action', 'resource', 'principal', 'resourceAccount', 'context'];
const LINE_CACHE_LIMIT = 512;
const CHUNK = 64 * 1024;

function resultLine(result: SimulationResult): string {
  const out: Record<string, unknown> = { decision: result.decision, matched: result.matched ?? [] };
  if (result.denied) out.denied = result.denied;
  return JSON.stringify(out);
}

export async function runBatch(opts: SimulateOptions): Promise<number> {
  for (const k of SINGLE_ONLY) {
    if (opts[k] !== undefined) throw new UsageError(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is for one request; in --batch each line carries its request`);
  }
  if (opts.format !== undefined) choice('--format', opts.format, ['json'] as const);
  const policyFlags = [...(opts.policy ?? []), ...(opts.boundary ?? []), ...(opts.scp ?? []), ...(opts.rcp ?? []), opts.resourcePolicy, opts.sessionPolicy];
  if (opts.batch === '-' && policyFlags.includes('-')) throw new UsageError('stdin cannot be both the batch and a policy (--batch - with a policy flag of -)');
  const expected = expectation(opts);
  const named = loadFlagPolicies(opts);
  const flagsGiven = named.identity.length + named.boundary.length + named.scp.length + named.rcp.length > 0 || !!named.resource || !!named.session;
  const defaults = flagsGiven ? compileFlags(named).compiled : undefined;
  const path = opts.batch!;
  if (path !== '-') {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      throw cannotRead(path, e);
    }
    if (st.isDirectory()) throw new InputError(`cannot read ${path}: is a directory`);
  }
  const input = path === '-' ? process.stdin : createReadStream(path);
  let readError: Error | undefined;
  input.on('error', (e: NodeJS.ErrnoException) => {
    readError = new InputError(`cannot read ${path}: ${e.code ?? e.message}`);
  });

  const cache = new Map<string, CompiledPolicySet | string>();
  let failed = false;
  let mismatch = false;
  let buffer = '';
  let n = 0;
  const flush = async (): Promise<void> => {
    if (buffer === '') return;
    const ok = process.stdout.write(buffer);
    buffer = '';
    if (!ok) await once(process.stdout, 'drain');
  };

  const answer = (text: string): string => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return JSON.stringify({ error: `line ${n}: not valid JSON (${(e as Error).message})` });
    }
    try {
      const { policies, request } = readSimulationLine(parsed);
      let compiled: CompiledPolicySet | undefined = defaults;
      if (policies) {
        let key: string;
        try {
          key = JSON.stringify(policies);
        } catch {
          // A value nested deeply enough to exhaust the stack cannot be a policy set anyway.
          return JSON.stringify({ error: `line ${n}: "policies" is nested too deeply` });
        }
        let hit = cache.get(key);
        if (hit === undefined) {
          try {
            hit = compilePolicySet(policies);
          } catch (e) {
            if (!(e instanceof PolicyCompileError)) throw e;
            hit = e.message;
          }
          if (cache.size >= LINE_CACHE_LIMIT) cache.clear();
          cache.set(key, hit);
        }
        if (typeof hit === 'string') return JSON.stringify({ error: `line ${n}: ${hit}` });
        compiled = hit;
      }
      if (!compiled) return JSON.stringify({ error: `line ${n}: the line has no "policies" and no policy flags were given` });
      const result = compiled.evaluate(request, { explain: true });
      if (expected !== undefined && result.decision !== expected) mismatch = true;
      return resultLine(result);
    } catch (e) {
      if (e instanceof SimulationInputError) return JSON.stringify({ error: `line ${n}: ${e.message}` });
      throw e;
    }
  };

  // node:readline is loaded here, not at start-up: only `--batch` reads lines, and every other run would pay for
  // it. (A require, not import(): the CLI bundle runs through vm.Script, which has no dynamic-import hook.)
  const { createInterface } = createRequire(import.meta.url)('node:readline') as typeof Readline;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const text of lines) {
    n++;
    const out = answer(text);
    if (out.startsWith('{"error"')) failed = true;
    buffer += `${out}\n`;
    if (buffer.length >= CHUNK) await flush();
  }
  await flush();
  if (readError) throw readError;
  return failed || mismatch ? EXIT_FINDINGS : EXIT_OK;
}
