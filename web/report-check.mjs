// report-check.mjs — the browser test of `brink report` (run by tests/cli/report_browser.sh):
// each report given opens from disk in headless Chromium (Debian's, driven by playwright-core)
// and must: log no console error and no page error, request nothing but its own file, draw
// every chart (each with rendered data marks), hold a tree SVG with as many nodes as the
// report says it drew (and, when not collapsed, as the game has), and look structurally like
// its reference: each chart's and the tree's screenshot reduced to a grid of ink coverage,
// compared with tolerance (fonts and antialiasing may differ; layout and marks may not).
//
// usage: node report-check.mjs MANIFEST.json REFERENCE.json
//   MANIFEST: [{"id": ..., "file": "/abs/report.html", "nodes": N or null}]
//   BRINK_UPDATE_SCREENS=1 writes REFERENCE instead of comparing (after a deliberate change).
//   BRINK_DOCS_SHOTS=DIR also writes DIR/report-<id>.png (the README's screenshots) for ids
//   listed in BRINK_DOCS_IDS (comma-separated).
import { readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const GRID_W = 24, GRID_H = 12;
const [manifestPath, refPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const update = process.env.BRINK_UPDATE_SCREENS === '1';
let reference = {};
if (!update) reference = JSON.parse(readFileSync(refPath, 'utf8'));
const docsDir = process.env.BRINK_DOCS_SHOTS;
const docsIds = (process.env.BRINK_DOCS_IDS || '').split(',').filter(Boolean);

// PNG (8-bit RGB or RGBA, not interlaced: what Chromium writes) to {w, h, rgba}.
function decodePng(buf) {
  let pos = 8, w = 0, h = 0, ct = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0); h = data.readUInt32BE(4); ct = data[9];
      if (data[8] !== 8 || (ct !== 2 && ct !== 6) || data[12] !== 0)
        throw new Error('unexpected PNG format');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = ct === 6 ? 4 : 3, stride = w * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(w * h * 4);
  const prev = Buffer.alloc(stride), cur = Buffer.alloc(stride);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    raw.copy(cur, 0, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let p = 0;
      if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = (cur[i] + p) & 255;
    }
    for (let x = 0; x < w; x++) {
      out[(y * w + x) * 4] = cur[x * bpp];
      out[(y * w + x) * 4 + 1] = cur[x * bpp + 1];
      out[(y * w + x) * 4 + 2] = cur[x * bpp + 2];
    }
    cur.copy(prev);
  }
  return { w, h, rgba: out };
}

// Fraction of "ink" (pixels far from the background, taken at the top-left corner) per cell.
function inkGrid(png) {
  const { w, h, rgba } = decodePng(png);
  const bg = [rgba[0], rgba[1], rgba[2]];
  const ink = new Array(GRID_W * GRID_H).fill(0), cnt = new Array(GRID_W * GRID_H).fill(0);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const k = Math.min(GRID_H - 1, Math.floor(y * GRID_H / h)) * GRID_W +
                Math.min(GRID_W - 1, Math.floor(x * GRID_W / w));
      const o = (y * w + x) * 4;
      const d = Math.abs(rgba[o] - bg[0]) + Math.abs(rgba[o + 1] - bg[1]) + Math.abs(rgba[o + 2] - bg[2]);
      cnt[k]++;
      if (d > 96) ink[k]++;
    }
  return { w, h, ink: ink.map((v, k) => Math.round(1000 * v / Math.max(1, cnt[k])) / 1000) };
}

function compare(name, got, want, failures) {
  if (!want) { failures.push(`${name}: no reference (BRINK_UPDATE_SCREENS=1 makes one)`); return; }
  const dw = Math.abs(got.w - want.w) / want.w, dh = Math.abs(got.h - want.h) / want.h;
  let sum = 0, max = 0;
  for (let k = 0; k < got.ink.length; k++) {
    const d = Math.abs(got.ink[k] - want.ink[k]);
    sum += d; max = Math.max(max, d);
  }
  const mean = sum / got.ink.length;
  if (dw > 0.1 || dh > 0.1 || mean > 0.03 || max > 0.25)
    failures.push(`${name}: looks different (size ${got.w}x${got.h} vs ${want.w}x${want.h}, ` +
                  `ink difference mean ${mean.toFixed(3)} max ${max.toFixed(3)})`);
}

const browser = await chromium.launch({
  executablePath: process.env.BRINK_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
const failures = [];
const newRef = {};
for (const r of manifest) {
  const t0 = Date.now();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
  const url = 'file://' + r.file;
  page.on('console', m => { if (m.type() === 'error') failures.push(`${r.id}: console error: ${m.text()}`); });
  page.on('pageerror', e => failures.push(`${r.id}: page error: ${e.message}`));
  // any request but the page itself fails the test (listening is cheaper than routing)
  page.on('request', q => { if (q.url() !== url) failures.push(`${r.id}: request ${q.url()}`); });
  await page.goto(url);
  const tLoad = Date.now();
  const ncharts = await page.$$eval('div.chart', els => els.length);
  if (ncharts > 0) {
    try {
      await page.waitForSelector('body[data-charts]', { timeout: 30000 });
    } catch (e) {
      failures.push(`${r.id}: charts not drawn within 30 s`);
    }
  }
  // every chart: an SVG with at least one data mark drawn (not only axes and legends)
  const marks = await page.$$eval('div.chart', els => els.map(el =>
    el.querySelectorAll('g.role-mark > path, g.role-mark > rect, g.role-mark > line, ' +
                        'g.role-mark > g, g.role-mark > text').length));
  marks.forEach((n, i) => { if (!(n > 0)) failures.push(`${r.id}: chart ${i + 1} has no marks`); });
  const tree = await page.$eval('#tree', el => {
    const d = el.querySelector('div.tree');
    return { drawn: d ? Number(d.dataset.nodes) : -1,
             svgNodes: el.querySelectorAll('svg g.node').length,
             collapsed: /not drawn|siblings/.test(el.textContent) };
  }).catch(() => null);
  if (!tree) failures.push(`${r.id}: no tree section`);
  else if (tree.drawn < 0) failures.push(`${r.id}: no tree drawn`);
  else {
    if (tree.svgNodes !== tree.drawn)
      failures.push(`${r.id}: tree SVG has ${tree.svgNodes} nodes, the report drew ${tree.drawn}`);
    if (!tree.collapsed && r.nodes != null && tree.svgNodes !== r.nodes)
      failures.push(`${r.id}: tree SVG has ${tree.svgNodes} nodes, the game has ${r.nodes}`);
  }
  const tDrawn = Date.now();
  const shots = {};
  const charts = await page.$$('div.chart');
  for (let i = 0; i < charts.length; i++)
    shots[`chart${i + 1}`] = inkGrid(await charts[i].screenshot());
  // the whole tree, scaled to a fixed width (a wide tree would otherwise be cut by its
  // scrolling box, differently from run to run)
  await page.addStyleTag({ content: 'div.tree{overflow:visible;max-height:none}' +
                                    'div.tree svg{width:1000px;height:auto}' });
  const svg = await page.$('div.tree svg');
  if (svg) shots.tree = inkGrid(await svg.screenshot());
  if (update) newRef[r.id] = shots;
  else {
    for (const [k, v] of Object.entries(shots)) compare(`${r.id} ${k}`, v, (reference[r.id] || {})[k], failures);
    for (const k of Object.keys(reference[r.id] || {}))
      if (!shots[k]) failures.push(`${r.id}: ${k} is missing`);
  }
  if (docsDir && docsIds.includes(r.id))
  {
    // the README's picture: the figures and the tree (the tables above are text)
    const y = await page.$eval('#figures', el => el.getBoundingClientRect().top + window.scrollY);
    await page.screenshot({ path: `${docsDir}/report-${r.id}.png`, fullPage: true,
                            clip: { x: 0, y, width: 1200, height: 2200 } });
  }
  console.log(`${r.id}: ${ncharts} charts, marks ${marks.join('/')}, tree ` +
              `${tree ? tree.svgNodes : '-'} nodes, ${Date.now() - t0} ms (load ${tLoad - t0}, draw ${tDrawn - tLoad})`);
  await page.close();
}
await browser.close();
if (update) writeFileSync(refPath, JSON.stringify(newRef) + '\n');
for (const f of failures) console.error('FAIL: ' + f);
console.log(`${manifest.length} reports, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
