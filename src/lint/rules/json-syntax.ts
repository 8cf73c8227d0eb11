import type { Rule } from '../rule.js';

export default {
  meta: {
    code: 'json-syntax',
    severity: 'error',
    summary: 'The text is not valid JSON (or YAML, for templates); IAM rejects it.',
  },
  check(ctx) {
    if (ctx.syntaxError) ctx.report({ pointer: '', message: ctx.syntaxError.message });
  },
} satisfies Rule;
