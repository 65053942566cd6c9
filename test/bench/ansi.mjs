// Benchmark: Mirador's ANSI SGR parser (renderer/src/log) against the `ansi_up` package on the same generated 50 MB colourful
// MirageOS-style log, fed to both as the same 64 KiB text chunks, in turn, three rounds each (best round counts).
// Two comparable outputs are measured: (1) HTML strings, ansi_up's public `ansi_to_html` against our runs serialised to
// the same kind of markup (escaped text, inline `style` spans); (2) styled runs, ansi_up's own intermediate (its packet
// loop with `with_state`, what `ansi_to_html` builds before making HTML) against our `pushBatch()` runs (the columns the
// Log panel consumes: offsets into the decoded text and shared style objects; text is cut when a run is rendered).
// Both sides must agree on the visible text and the number of runs. Also prints our `push()` (one object per run) for reference.
// Run: node test/bench/ansi.mjs [MB] (bundles renderer/src/log/ansi-sgr-parser.ts with rolldown into a temp dir first).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const MEGABYTES = Number(process.argv[2] ?? 50);
const CHUNK = 64 * 1024;
const ROUNDS = 3;

let AnsiUp;
try {
  ({ AnsiUp } = await import('ansi_up'));
} catch {
  console.error('ansi_up is not installed: npm install --no-save ansi_up (or add it as a devDependency)');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-ansi-'));
await build({ input: path.join(REPO_ROOT, 'renderer/src/log/ansi-sgr-parser.ts'), platform: 'neutral', output: { file: path.join(work, 'ansi.mjs'), format: 'esm' }, logLevel: 'silent' });
const { AnsiSgrParser } = await import(pathToFileURL(path.join(work, 'ansi.mjs')).href);
rmSync(work, { recursive: true, force: true });

/** A deterministic colourful log: coloured levels and sources, 256-colour and truecolor values, bold, markup-like text. */
function generateLog(bytes) {
  // mulberry32: a small PRNG whose low bits are as random as its high ones (an LCG's are not).
  let seed = 42;
  const random = (n) => {
    let t = (seed = (seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const levels = [['INFO', '32'], ['WARNING', '1;33'], ['ERROR', '1;31'], ['DEBUG', '2'], ['APP', '35']];
  const sources = ['application', 'netif', 'ethernet', 'arp', 'ipv4', 'tcp.pcb', 'dhcp_client', 'dns'];
  const words = ['packet', 'received', 'from', '10.0.2.15', 'len', 'ok', 'retransmit', '<script>alert(1)</script>', 'café', '&', 'window', 'closed'];
  const parts = [];
  let size = 0;
  while (size < bytes) {
    const [level, colour] = levels[random(levels.length)];
    let line = `\x1b[2m2024-04-14T14:15:${String(random(60)).padStart(2, '0')}+02:00:\x1b[0m \x1b[${colour}m[${level}]\x1b[0m \x1b[36m[${sources[random(sources.length)]}]\x1b[0m`;
    const count = 4 + random(10);
    for (let i = 0; i < count; i++) {
      const word = words[random(words.length)];
      const kind = random(8);
      if (kind === 0) line += ` \x1b[38;5;${random(256)}m${word}\x1b[0m`;
      else if (kind === 1) line += ` \x1b[38;2;${random(256)};${random(256)};${random(256)}m${word}\x1b[39m`;
      else if (kind === 2) line += ` \x1b[1;4m${word}\x1b[22;24m`;
      else if (kind === 3) line += ` \x1b[${40 + random(8)}m${word}\x1b[49m`;
      else line += ` ${word}`;
    }
    line += '\r\n';
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

const PALETTE = (() => {
  const base = [[0, 0, 0], [187, 0, 0], [0, 187, 0], [187, 187, 0], [0, 0, 187], [187, 0, 187], [0, 187, 187], [255, 255, 255],
    [85, 85, 85], [255, 85, 85], [0, 255, 0], [255, 255, 85], [85, 85, 255], [255, 85, 255], [85, 255, 255], [255, 255, 255]];
  const levels = [0, 95, 135, 175, 215, 255];
  for (let i = 0; i < 216; i++) base.push([levels[Math.floor(i / 36)], levels[Math.floor(i / 6) % 6], levels[i % 6]]);
  for (let i = 0; i < 24; i++) base.push([8 + i * 10, 8 + i * 10, 8 + i * 10]);
  return base.map((rgb) => rgb.join(','));
})();

function cssColour(colour) {
  if (typeof colour === 'number') return `rgb(${PALETTE[colour]})`;
  return `rgb(${parseInt(colour.slice(1, 3), 16)},${parseInt(colour.slice(3, 5), 16)},${parseInt(colour.slice(5, 7), 16)})`;
}

/** Our runs as ansi_up-like HTML: styles are shared objects, so each style's attribute is built once and reused. */
const styleAttribute = new WeakMap();
function openTag(style) {
  let tag = styleAttribute.get(style);
  if (tag !== undefined) return tag;
  const styles = [];
  if (style.bold) styles.push('font-weight:bold');
  if (style.dim) styles.push('opacity:0.7');
  if (style.italic) styles.push('font-style:italic');
  if (style.underline) styles.push('text-decoration:underline');
  const [fg, bg] = style.inverse ? [style.bg, style.fg] : [style.fg, style.bg];
  if (fg !== null) styles.push(`color:${cssColour(fg)}`);
  if (bg !== null) styles.push(`background-color:${cssColour(bg)}`);
  tag = styles.length ? `<span style="${styles.join(';')}">` : '';
  styleAttribute.set(style, tag);
  return tag;
}
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeHtml = (text) => (/[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text);
function runsToHtml(batch) {
  const { text, count, starts, ends, styles } = batch;
  let html = '';
  for (let i = 0; i < count; i++) {
    const open = openTag(styles[i]);
    const piece = text.slice(starts[i], ends[i]);
    html += open ? `${open}${escapeHtml(piece)}</span>` : escapeHtml(piece);
  }
  return html;
}

/** ansi_up's own text-with-attributes intermediate: `ansi_to_html`'s loop with the HTML step left out. */
function ansiUpRuns(ansiUp, chunk) {
  ansiUp.append_buffer(chunk);
  const runs = [];
  for (;;) {
    const packet = ansiUp.get_next_packet();
    if (packet.kind === 0 /* EOS */ || packet.kind === 2 /* Incomplete */) break;
    if (packet.kind === 1 /* Text */) runs.push(ansiUp.with_state(packet));
    else if (packet.kind === 5 /* SGR */) ansiUp.process_ansi(packet);
  }
  return runs;
}

const log = generateLog(MEGABYTES * 1024 * 1024);
const chunks = [];
for (let at = 0; at < log.length; at += CHUNK) chunks.push(log.slice(at, at + CHUNK));

// Same visible text from both: strip tags, unescape, compare (a check that both did the same job, not a timing).
const strip = (html) => html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#x27);/g, (m) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" })[m]);
{
  const sample = chunks.slice(0, 8);
  const ours = new AnsiSgrParser();
  const theirs = new AnsiUp();
  const a = strip(sample.map((chunk) => runsToHtml(ours.pushBatch(chunk))).join(''));
  const b = strip(sample.map((chunk) => theirs.ansi_to_html(chunk)).join(''));
  if (a !== b) throw new Error('the two converters disagree on the visible text of the first chunks');
  if (!a.includes('<script>alert(1)</script>')) throw new Error('markup in the log was not kept as text');
  const columns = new AnsiSgrParser();
  const theirRuns = new AnsiUp();
  const c = sample.map((chunk) => {
    const { text, count, starts, ends } = columns.pushBatch(chunk);
    return Array.from({ length: count }, (_, i) => text.slice(starts[i], ends[i])).join('');
  }).join('');
  const d = sample.map((chunk) => ansiUpRuns(theirRuns, chunk).map((run) => run.text).join('')).join('');
  if (c !== a || d !== a) throw new Error('the styled runs do not carry the same visible text as the HTML');
}

function measure(convert) {
  const started = process.hrtime.bigint();
  let produced = 0;
  for (const chunk of chunks) produced += convert(chunk);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, produced };
}

const results = { oursHtml: [], ansiUpHtml: [], oursRuns: [], ansiUpRuns: [], oursObjects: [] };
for (let round = 0; round < ROUNDS; round++) {
  let parser = new AnsiSgrParser();
  results.oursHtml.push(measure((chunk) => runsToHtml(parser.pushBatch(chunk)).length));
  let ansiUp = new AnsiUp();
  results.ansiUpHtml.push(measure((chunk) => ansiUp.ansi_to_html(chunk).length));
  parser = new AnsiSgrParser();
  results.oursRuns.push(measure((chunk) => parser.pushBatch(chunk).count));
  ansiUp = new AnsiUp();
  results.ansiUpRuns.push(measure((chunk) => ansiUpRuns(ansiUp, chunk).length));
  parser = new AnsiSgrParser();
  results.oursObjects.push(measure((chunk) => parser.push(chunk).length));
}
const best = (list) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
const [oursHtml, ansiUpHtml, oursRuns, ansiUpRuns_, oursObjects] = [best(results.oursHtml), best(results.ansiUpHtml), best(results.oursRuns), best(results.ansiUpRuns), best(results.oursObjects)];
if (oursHtml.produced !== ansiUpHtml.produced) throw new Error(`HTML of different sizes: ${oursHtml.produced} and ${ansiUpHtml.produced} chars`);
if (oursRuns.produced !== ansiUpRuns_.produced || oursObjects.produced !== ansiUpRuns_.produced) throw new Error('the two converters made different numbers of runs');
const mbps = (r) => ((log.length / 1024 / 1024) / (r.ms / 1000)).toFixed(0);
console.log(`input: ${(log.length / 1024 / 1024).toFixed(1)} MB of colourful log in ${chunks.length} chunks of 64 KiB; best of ${ROUNDS} rounds`);
console.log(`HTML strings: mirador ${oursHtml.ms.toFixed(0)} ms (${mbps(oursHtml)} MB/s, ${(oursHtml.produced / 1e6).toFixed(0)} M chars) · ansi_up ${ansiUpHtml.ms.toFixed(0)} ms (${mbps(ansiUpHtml)} MB/s, ${(ansiUpHtml.produced / 1e6).toFixed(0)} M chars) · ratio ${(ansiUpHtml.ms / oursHtml.ms).toFixed(2)}x`);
console.log(`styled runs:  mirador ${oursRuns.ms.toFixed(0)} ms (${mbps(oursRuns)} MB/s, ${oursRuns.produced} runs) · ansi_up ${ansiUpRuns_.ms.toFixed(0)} ms (${mbps(ansiUpRuns_)} MB/s, ${ansiUpRuns_.produced} runs) · ratio ${(ansiUpRuns_.ms / oursRuns.ms).toFixed(2)}x`);
console.log(`  (runs as one object each, push(): mirador ${oursObjects.ms.toFixed(0)} ms (${mbps(oursObjects)} MB/s) · ratio ${(ansiUpRuns_.ms / oursObjects.ms).toFixed(2)}x)`);
console.log('goal: >= 4x ansi_up');
