// The core issue's acceptance scenario, driven by an independent client
// (vscode-languageserver-protocol, what vscode-languageclient is built on)
// against `dockerfile-ls --stdio`: each problem arrives as its BuildKit rule
// with a token-exact range.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { docUri, open, startSession } from './lib/helpers.mjs';

const TEXT = [
  'FROM --platform=linux/amd64 alpine:3.20 as build',
  'MAINTAINER someone@example.com',
  'ENV key value',
  'WORKDIR app',
  'CMD echo hi',
  'FROM alpine:3.20 AS build',
  '',
].join('\n');

// rule -> [line, the token's text on that line]
const EXPECTED = {
  FromPlatformFlagConstDisallowed: [0, 'linux/amd64'],
  FromAsCasing: [0, 'as'],
  MaintainerDeprecated: [1, 'MAINTAINER'],
  LegacyKeyValueFormat: [2, 'key value'],
  SecretsUsedInArgOrEnv: [2, 'key'],
  WorkdirRelativePath: [3, 'app'],
  JSONArgsRecommended: [4, 'echo hi'],
  DuplicateStageName: [5, 'build'],
};

function rangeOf(line, token) {
  const lines = TEXT.split('\n');
  // The last occurrence for "build" on line 5 and "as" on line 0 is the token
  // BuildKit blames; the first for the rest.
  const at = token === 'as' ? lines[line].lastIndexOf(' as ') + 1 : lines[line].indexOf(token);
  return { start: { line, character: at }, end: { line, character: at + token.length } };
}

describe('acceptance: BuildKit rules with token-exact ranges over stdio', () => {
  let s;
  const uri = docUri('Dockerfile');
  before(async () => {
    s = await startSession({ pull: false });
    await open(s.conn, uri, TEXT);
  });
  after(async () => {
    if (!s.closed) await s.close();
  });

  test('every expected rule, exactly once, at its token, as a warning from buildkit', async () => {
    const diags = await s.diagnostics(uri, (d) => d.length >= Object.keys(EXPECTED).length);
    for (const [rule, [line, token]] of Object.entries(EXPECTED)) {
      const found = diags.filter((d) => d.code === rule);
      assert.equal(found.length, 1, `${rule}: ${JSON.stringify(found)} in ${JSON.stringify(diags)}`);
      assert.deepEqual(found[0].range, rangeOf(line, token), `${rule} range`);
      assert.equal(found[0].severity, 2, `${rule} severity`);
      assert.equal(found[0].source, 'buildkit');
      assert.match(found[0].codeDescription?.href ?? '', /^https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\//);
    }
    assert.equal(diags.length, Object.keys(EXPECTED).length, JSON.stringify(diags));
  });
});
