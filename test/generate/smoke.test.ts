import { test, expect } from 'vitest';
import { loadBlueprint } from '../../src/generate/blueprints.js';
import { generateFromSpec } from '../../src/generate/generator.js';
import { checkBundle } from '../../src/generate/check.js';
import { resolveBundle } from '../../src/generate/model.js';
test('smoke', () => {
  const b = generateFromSpec(loadBlueprint('ecr-docker-push'), { sets: new Map([['account', '111122223333'], ['github_repository', 'o/r']]) });
  console.log(JSON.stringify(resolveBundle(b), null, 1));
  console.log(checkBundle(b));
  expect(1).toBe(1);
});
