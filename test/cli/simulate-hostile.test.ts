/**
 * The CLI under hostile input: a million-line batch streams through with bounded memory (the child runs with a
 * 64 MB heap cap and its peak RSS is measured), a deeply nested batch line is an error line, and a deeply nested
 * policy file is one stderr line with exit 2.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../helpers/cli.js';

const BIN = join(ROOT, 'bin/leastpriv.js');
const LINES = 1_000_000;
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'leastpriv-hostile-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulate --batch under hostile input', () => {
  it(`a ${LINES.toLocaleString('en-US')}-line batch completes, one result per line, with bounded memory`, async () => {
    const batch = join(dir, 'million.jsonl');
    const out = createWriteStream(batch);
    const actions = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'iam:CreateUser'];
    for (let i = 0; i < LINES; i++) {
      const line = `{"action":"${actions[i & 3]}","resource":"arn:aws:s3:::bucket/k${i % 1000}","context":{"aws:RequestedRegion":"us-east-1"}}\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }] }));

    // GNU time reports the peak RSS; the heap cap makes unbounded buffering fail loudly rather than slowly.
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, '--max-old-space-size=64', BIN, 'simulate', '--batch', batch, '--policy', policy], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let first = '';
    let stderr = '';
    const counts: Record<string, number> = {};
    let tail = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const text = tail + chunk;
      const parts = text.split('\n');
      tail = parts.pop()!;
      for (const p of parts) {
        if (lines === 0) first = p;
        lines++;
        const d = /"decision":"(\w+)"/.exec(p)?.[1] ?? 'error';
        counts[d] = (counts[d] ?? 0) + 1;
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code, stderr).toBe(0);
    expect(lines).toBe(LINES);
    expect(JSON.parse(first)).toEqual({ decision: 'allowed', matched: [{ policy: 'identity[0]', statement: 0, effect: 'Allow' }] });
    expect(counts).toEqual({ allowed: LINES / 4, explicitDeny: LINES / 4, implicitDeny: LINES / 2 });
    const peakKb = Number(stderr.trim().split('\n').pop());
    console.log(`million-line batch: peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
    expect(peakKb).toBeLessThan(256 * 1024);
  }, 600_000);

  it('a deeply nested batch line is an error line in place, and the run goes on', () => {
    const deep = `{"policies":{"identity":[${'['.repeat(200_000)}${']'.repeat(200_000)}]},"request":{"action":"s3:GetObject","resource":"*"}}`;
    const ok = '{"policies":{"identity":[{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}]},"request":{"action":"s3:GetObject","resource":"*"}}';
    const r = runCli(['simulate', '--batch', '-'], { input: `${deep}\n${ok}\n` });
    expect(r.status).toBe(1);
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { error?: string; decision?: string });
    expect(out[0]!.error).toMatch(/^line 1: /);
    expect(out[1]!.decision).toBe('allowed');
  });

  it('a deeply nested policy file is one stderr line and exit 2', () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, `{"Version":"2012-10-17","Statement":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = runCli(['simulate', '--policy', file, '--action', 's3:GetObject', '--resource', '*']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nesting deeper than 512 levels/);
  });
});
