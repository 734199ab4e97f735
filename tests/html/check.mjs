// Opens an HTML export in headless Chromium and checks what a person would: one drawn
// element per node, properties shown on click (as text, never markup), pan, zoom and drag
// working, no script errors, no dialogs, no network. Prints a JSON summary; exits 1 on failure.
//
//   node tests/html/check.mjs PAGE.html SCREENSHOT.png EXPECTED_NODES NODE_ID NEEDLE
//
// NODE_ID is the node to click; NEEDLE is text its property panel must show.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pagePath, shot, expectedNodes, nodeId, needle] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'kg-chromium-'));
const failures = [];
const summary = { failures };
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KG_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  const url = pathToFileURL(resolve(pagePath)).href;
  const requests = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u !== url) requests.push(u);
    return u === url ? route.continue() : route.abort();
  });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('body[data-layout="done"]', { timeout: 60000 });

  summary.nodes = await page.locator('svg g.node').count();
  summary.rels = await page.locator('svg g.rel').count();
  if (summary.nodes !== Number(expectedNodes)) failures.push(`drew ${summary.nodes} nodes, expected ${expectedNodes}`);

  const node = page.locator(`svg g.node[data-id="${nodeId}"] circle`);
  await node.click();
  summary.panel = await page.locator('#panel').innerText();
  if (!summary.panel.includes(needle)) failures.push(`the panel does not show ${JSON.stringify(needle)}`);
  await page.screenshot({ path: shot });
  summary.injected = await page.evaluate(() => document.querySelectorAll('img, #panel script, svg script').length);
  if (summary.injected) failures.push('a value became markup');

  // A relationship click shows its type.
  if (summary.rels > 0) {
    const rel = page.locator('svg g.rel path.hit').first();
    await rel.click({ force: true });
    summary.relPanel = await page.locator('#panel h2').innerText();
    if (!summary.relPanel.startsWith(':')) failures.push('clicking a relationship did not show it');
  }

  // Zoom, pan and drag each change what is drawn.
  const viewport = () => page.evaluate(() => document.querySelector('#canvas > g').getAttribute('transform'));
  const before = await viewport();
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, -300);
  const zoomed = await viewport();
  if (zoomed === before) failures.push('the wheel did not zoom');
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 45, { steps: 5 });
  await page.mouse.up();
  if ((await viewport()) === zoomed) failures.push('dragging the background did not pan');
  const target = page.locator(`svg g.node[data-id="${nodeId}"]`);
  const moved0 = await target.getAttribute('transform');
  const nb = await target.locator('circle').boundingBox();
  await page.mouse.move(nb.x + nb.width / 2, nb.y + nb.height / 2);
  await page.mouse.down();
  await page.mouse.move(nb.x + 120, nb.y + 80, { steps: 5 });
  await page.mouse.up();
  if ((await target.getAttribute('transform')) === moved0) failures.push('dragging a node did not move it');

  summary.dialogs = dialogs;
  summary.errors = errors;
  summary.requests = requests;
  if (dialogs.length) failures.push(`a dialog opened: ${dialogs.join(', ')}`);
  if (errors.length) failures.push(`script errors: ${errors.join(', ')}`);
  if (requests.length) failures.push(`the page asked for ${requests.join(', ')}`);
} catch (e) {
  failures.push(String(e));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(summary));
process.exit(failures.length ? 1 : 0);
