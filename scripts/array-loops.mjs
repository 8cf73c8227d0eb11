// A build step for the bundles: `for (const x of xs)` whose `xs` is statically an array (or tuple) becomes an indexed
// loop. A CLI run is short, and V8 runs much of it in its interpreter and baseline tiers, where for-of calls the
// iterator's `next()` and allocates a `{ value, done }` result per element (about 30 MB over the managed-policy
// corpus). The indexed loop does neither: the corpus lint takes about 0.06 s less. The sources keep for-of, which
// reads better; the types decide, so loops over maps, sets, strings and iterables are left as they are.
//
// The rewrite keeps the language's semantics for arrays: the array expression is evaluated once, the length is read
// before every step (elements pushed during the loop are visited, as the array iterator does), each step binds a
// fresh `const`/`let` (closures see their own element), destructuring patterns destructure the element, and the
// original body stays a block of its own (it may declare a name equal to the loop variable). Edits stay on their
// lines, so line numbers in stack traces still point at the source.
import ts from 'typescript';

/** The TypeScript program over the given files, with the project's compiler options. */
export function arrayLoopProgram(configFile, files) {
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`cannot read ${configFile}`);
  return ts.createProgram(files, config.options);
}

/** The source text of `fileName` with its array for-of loops indexed, and how many were rewritten. */
export function indexArrayLoops(program, fileName) {
  const sf = program.getSourceFile(fileName);
  if (!sf) throw new Error(`${fileName} is not in the program`);
  const checker = program.getTypeChecker();
  const ops = [];
  let count = 0;
  const visit = (node) => {
    if (ts.isForOfStatement(node) && !node.awaitModifier && isSingleDeclaration(node.initializer)) {
      const type = checker.getTypeAtLocation(node.expression);
      if (checker.isArrayType(type) || checker.isTupleType(type)) {
        const k = count++;
        const list = node.initializer;
        const keyword = list.flags & ts.NodeFlags.Const ? 'const' : 'let';
        const binding = list.declarations[0].name.getText(sf);
        const xs = `$lpArray${k}`;
        const i = `$lpIndex${k}`;
        // The header up to its `)`; what follows it (a line break before the body) stays.
        const headerEnd = node.statement.pos;
        ops.push({
          pos: node.getStart(sf),
          del: headerEnd - node.getStart(sf),
          text: `for (let ${i} = 0, ${xs} = ${node.expression.getText(sf)}; ${i} < ${xs}.length; ${i}++)`,
        });
        ops.push({ pos: node.statement.getStart(sf), del: 0, text: `{ ${keyword} ${binding} = ${xs}[${i}]!; ` });
        ops.push({ pos: node.statement.end, del: 0, text: ' }' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let text = sf.getFullText();
  // Last position first, so that earlier offsets stay valid. Ranges never overlap (a nested loop's edits lie in the
  // outer loop's body, which is kept); where a body is itself a loop, its header is replaced before the outer
  // loop's `{ const x = …;` is inserted at the same position, which then lands in front of it.
  ops.sort((a, b) => b.pos - a.pos || b.del - a.del);
  for (const op of ops) text = text.slice(0, op.pos) + op.text + text.slice(op.pos + op.del);
  return { text, count };
}

function isSingleDeclaration(initializer) {
  return ts.isVariableDeclarationList(initializer) && initializer.declarations.length === 1;
}

/** An esbuild plugin that applies `indexArrayLoops` to the program's files under `srcDir`. */
export function arrayLoopsPlugin(program, srcDir) {
  return {
    name: 'array-loops',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(srcDir) || !program.getSourceFile(args.path)) return undefined;
        return { contents: indexArrayLoops(program, args.path).text, loader: 'ts' };
      });
    },
  };
}
