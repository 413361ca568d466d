// Serves dist/ as a host should: the right MIME types (application/wasm above all), brotli or
// gzip when the browser accepts it (compressed once, then kept), no caching of index.html, and
// nothing outside dist/. Used by scripts/serve.sh; the end-to-end tests check its headers.
//
//   node scripts/serve.mjs [--port N] [--dir dist]      (or FORMSEAL_PORT=N)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.ts', '.txt', '.svg', '.otf']);

export function options(argv = process.argv.slice(2), env = process.env) {
  const opts = { port: Number(env.FORMSEAL_PORT || 8080), dir: 'dist' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--dir') opts.dir = value();
    else throw new Error(`unknown option ${argv[i]} (use --port N, --dir DIR)`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) throw new Error('--port: a number from 1 to 65535');
  return opts;
}

export function start({ port, dir }) {
  const root = resolve(dir);
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end('forbidden');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const ext = extname(file);
      const headers = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      const accept = String(req.headers['accept-encoding'] ?? '');
      const encoding = !COMPRESSIBLE.has(ext) ? null : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
      const key = `${file}:${encoding}`;
      let body = cache.get(key);
      if (!body) {
        const raw = await readFile(file);
        body = encoding === 'br'
          ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
          : encoding === 'gzip' ? gzipSync(raw, { level: 9 }) : raw;
        cache.set(key, body);
      }
      if (encoding) headers['content-encoding'] = encoding;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const opts = options();
    await start(opts);
    console.log(`formseal: serving ${opts.dir}/ (release build) on http://127.0.0.1:${opts.port}/`);
  } catch (e) {
    console.error(`formseal serve: ${e.message}`);
    process.exit(2);
  }
}
