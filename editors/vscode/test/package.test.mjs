// The .vsix that `npm run package` makes: built offline with @vscode/vsce,
// it holds the bundle and manifest and nothing from node_modules or src.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { extRoot } from './lib/helpers.mjs';

let vsix;
let entries;
let manifest;

before(() => {
  vsix = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dls-vsix-')), 'dockerfile-ls.vsix');
  execFileSync(path.join(extRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], {
    cwd: extRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, VSCE_STORE: 'file' },
  });
  const listing = execFileSync('unzip', ['-l', vsix], { encoding: 'utf8' });
  entries = listing
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 4 && /^\d+$/.test(f[0]) && /\d\d:\d\d/.test(f[2]))
    .map((f) => f.slice(3).join(' '));
  manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
});

test('the .vsix holds the manifest, the bundle, README, LICENSE and the language configuration', () => {
  for (const want of [
    'extension.vsixmanifest',
    '[Content_Types].xml',
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/readme.md',
    'extension/LICENSE.txt',
    'extension/language-configuration.json',
  ]) {
    assert.ok(entries.some((e) => e.toLowerCase() === want.toLowerCase()), `${want} missing from ${entries.join(', ')}`);
  }
});

test('the .vsix leaves out node_modules, sources, tests and build config', () => {
  const bad = entries.filter((e) => /node_modules\/|^extension\/(src|test|scripts|out)\/|tsconfig|package-lock|\.ts$/.test(e));
  assert.deepEqual(bad, []);
});

test('the manifest points main at the bundle and activates on the dockerfile language', () => {
  assert.equal(manifest.main, './dist/extension.js');
  assert.ok(manifest.activationEvents.includes('onLanguage:dockerfile'));
  assert.match(manifest.engines.vscode, /^\^1\.9\d/);
  assert.equal(manifest.dependencies, undefined, 'runtime dependencies must be bundled, not listed');
});

test('the dockerfile language covers every Dockerfile/Containerfile pattern', () => {
  const lang = manifest.contributes.languages.find((l) => l.id === 'dockerfile');
  assert.ok(lang);
  assert.deepEqual([...lang.filenames].sort(), ['Containerfile', 'Dockerfile']);
  for (const p of ['*.Dockerfile', '*.dockerfile', 'Dockerfile.*', 'Containerfile.*']) {
    assert.ok(lang.filenamePatterns.includes(p), `${p} missing`);
  }
});

test('every setting has a type, a default and a description', () => {
  const props = manifest.contributes.configuration.properties;
  const want = {
    'dockerfile-ls.path': '',
    'dockerfile-ls.locale': 'auto',
    'dockerfile-ls.diagnostics': true,
    'dockerfile-ls.context': '',
    'dockerfile-ls.rules': {},
    'dockerfile-ls.shellRules': true,
    'dockerfile-ls.format.shell': false,
    'dockerfile-ls.format.maxBlankLines': 1,
    'dockerfile-ls.trace.server': 'off',
  };
  assert.deepEqual(Object.keys(props).sort(), Object.keys(want).sort());
  for (const [key, def] of Object.entries(want)) {
    assert.ok(props[key].type, `${key} has no type`);
    assert.deepEqual(props[key].default, def, `${key} default`);
    assert.ok((props[key].description ?? props[key].markdownDescription ?? '').length > 10, `${key} has no description`);
  }
  assert.deepEqual(props['dockerfile-ls.locale'].enum, ['auto', 'en', 'ru']);
  assert.match(props['dockerfile-ls.path'].markdownDescription, /`go install \.` in the root of a dockerfile-ls checkout/);
});

test('the restart command is contributed', () => {
  const cmds = manifest.contributes.commands.map((c) => c.command);
  assert.ok(cmds.includes('dockerfile-ls.restartServer'));
  assert.ok(cmds.includes('dockerfile-ls.showOutput'));
});
