// A docs site's e2e: its page embeds the console (/embed/?…) in an iframe; the test drives the console inside it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@failover-lab/playwright';

/** A stand-in for the docs site: one page on its own origin (its own port) that frames the console's embed page. */
let docs: Server;
let docsUrl = '';
let embedSrc = '';

test.beforeAll(async ({ baseURL }) => {
  embedSrc = `${baseURL}/embed/?scenario=flapping-node-grace&t=18000&label=A%20flapping%20node`;
  docs = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>Failover</title><main><h1>Failover</h1><p>A node that flaps inside the grace period:</p>
      <iframe src="${embedSrc}" title="Failover Lab: a flapping node" style="width:760px;height:480px;border:0"></iframe></main>`);
  });
  await new Promise<void>((resolve) => docs.listen(0, '127.0.0.1', resolve));
  docsUrl = `http://127.0.0.1:${(docs.address() as AddressInfo).port}/failover`;
});

test.afterAll(async () => {
  await new Promise((resolve) => docs.close(resolve));
});

test('an embed in a docs page shows the chosen moment and answers the driver', async ({ page, lab }) => {
  test.setTimeout(90_000);
  await page.goto(docsUrl);
  await expect.poll(() => page.frame({ url: embedSrc }) !== null).toBe(true);
  const embedded = lab.inFrame(page.frame({ url: embedSrc })!);
  await embedded.attach();

  expect((await embedded.call('getState')).timeMs).toBe(18_000);
  await expect(embedded.embed.root).toHaveAccessibleName('A flapping node');
  await expect(embedded.node('n2')).toHaveHealth('DEAD');
  await embedded.call('advanceBy', 20_000);
  await expect(embedded.node('n2')).toHaveHealth('ACTIVE');
});
