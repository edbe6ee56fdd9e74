// compile.js compiles contracts/src with the pinned solc (standard JSON) and writes
// <Name>.abi and <Name>.bin for each deployable contract into the output folder.
// Usage: node compile.js <node_modules> <srcDir> <outDir>
'use strict';
const fs = require('fs');
const path = require('path');

const [nodeModules, srcDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node compile.js <node_modules> <srcDir> <outDir>');
  process.exit(2);
}
const solc = require(path.join(nodeModules, 'solc'));

const deployable = [
  'Identity', 'ClaimIssuer', 'IdFactory', 'IdentityRegistry',
  'IdentityRegistryStorage', 'TrustedIssuersRegistry', 'ClaimTopicsRegistry', 'SmartWallet', 'ClaimRenewal',
  'SanctionsOracle',
];

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.sol') ? [p] : [];
  }).sort();
}

const sources = {};
for (const file of walk(srcDir)) {
  sources[path.relative(srcDir, file).split(path.sep).join('/')] = { content: fs.readFileSync(file, 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const name of deployable) {
  const unit = output.contracts[`${name}.sol`];
  if (!unit || !unit[name]) {
    console.error(`compile.js: ${name}.sol did not produce contract ${name}`);
    process.exit(1);
  }
  const c = unit[name];
  fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(c.abi, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object + '\n');
}
console.error(`compile.js: solc ${solc.version()} wrote ${deployable.length} contracts to ${outDir}`);
