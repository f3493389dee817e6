import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from './helpers/test-app';

describe('GET /widget.js', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    // The widget is served from next to the web app's build: <WEB_DIST>/../widget/widget.js.
    dist = mkdtempSync(join(tmpdir(), 'touchpoint-widget-'));
    mkdirSync(join(dist, 'web'));
    t = await startTestApp({ WEB_DIST: join(dist, 'web') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers 404 with what to do while the widget is not built', async () => {
    const res = await request(t.url).get('/widget.js');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      statusCode: 404,
      message: 'The chat widget is not built on this server: run `npx nx run widget:build`',
    });
  });

  it('serves the script to any site, cacheable and revalidated by ETag', async () => {
    mkdirSync(join(dist, 'widget'));
    writeFileSync(join(dist, 'widget', 'widget.js'), '(()=>{window.touchpointTest=1})();\n');
    const res = await request(t.url).get('/widget.js').set('Origin', 'https://shop.example.test');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.text).toContain('touchpointTest');

    const again = await request(t.url).get('/widget.js').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });
});
