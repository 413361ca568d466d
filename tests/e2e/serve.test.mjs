// The serve command's server (scripts/serve.mjs): what hosts deploy, served with the headers a
// host should use — application/wasm, brotli or gzip on request, no caching of the page, nothing
// outside dist/ — on the port asked for (--port, FORMSEAL_PORT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { options, start } from '../../scripts/serve.mjs';

function get(port, path, headers = {}) {
  return new Promise((ok, fail) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

test('options: --port, --port=, FORMSEAL_PORT, and a clear refusal of anything else', () => {
  assert.equal(options([], {}).port, 8080);
  assert.equal(options(['--port', '8085'], {}).port, 8085);
  assert.equal(options(['--port=8086'], {}).port, 8086);
  assert.equal(options([], { FORMSEAL_PORT: '9000' }).port, 9000);
  assert.throws(() => options(['--port', 'x'], {}), /--port/);
  assert.throws(() => options(['--verbose'], {}), /unknown option --verbose/);
});

test('the release build is served with wasm MIME type, compression and safe paths', async () => {
  const server = await start({ port: 0, dir: 'dist' });
  const { port } = server.address();
  try {
    const page = await get(port, '/');
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    const wasm = await readFile('dist/formseal-app_bg.wasm');
    const br = await get(port, '/formseal-app_bg.wasm', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(br.body.length < wasm.length / 2, `${br.body.length} of ${wasm.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), wasm);
    const gz = await get(port, '/formseal-app_bg.wasm', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), wasm);
    const plain = await get(port, '/formseal-app_bg.wasm');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.length, wasm.length);
    assert.equal((await get(port, '/forms/tc260-wg.json')).headers['content-type'], 'application/json; charset=utf-8');
    for (const path of ['/../Cargo.toml', '/%2e%2e/Cargo.toml', '/nothing-here.js']) {
      assert.ok([403, 404].includes((await get(port, path)).status), path);
    }
  } finally {
    server.close();
  }
});

test('the command serves on the port asked for, and refuses an unknown option with status 2', async () => {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = spawn('node', ['scripts/serve.mjs', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise((ok, fail) => {
      child.stdout.on('data', (d) => String(d).includes(`http://127.0.0.1:${port}/`) && ok());
      child.on('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    assert.equal((await get(port, '/formseal.js')).status, 200);
  } finally {
    child.kill();
  }
  const bad = spawnSync('node', ['scripts/serve.mjs', '--verbose'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option --verbose/);
});
