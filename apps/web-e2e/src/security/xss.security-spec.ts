import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startBeacon, type Beacon } from './beacon';
import { browseInbox, openAttachments } from './inbox-tour';
import { recordDialogs, type DialogHit } from './page-audit';
import {
  ACTIVE_FILE_COUNT,
  AGENT,
  FIELDS,
  FILE_FIELD,
  SHOWN_AS_TEXT,
  SUPERVISOR,
  deliverCorpus,
  drained,
  setUp,
  threadsOf,
  type Corpus,
  type Setup,
  type Thread,
} from './xss-corpus';
import { PAYLOAD_COUNT, decodeCode, xssPayloads, type Payload } from './xss-payloads';

/**
 * Stored XSS: every customer-controlled field of every channel carries every payload of the corpus
 * through the real intake (SMTP, form post, widget socket, signed webhook). An agent and a supervisor
 * then open the inbox list, each conversation with its contact details, and each attachment, in
 * Chromium. A script that runs calls the loopback beacon or opens a dialog; markup that would run on a
 * click or hover is found in the page. None of either may appear.
 *
 * The inbox is opened with the page's CSP switched off: the web app may be served by another server
 * than the api (nginx in the compose deployment), so its rendering must hold on its own. Attachments
 * always come from the api and are opened as a browser gets them, headers included.
 */

/** What ran, by field and payload, for the failure message. */
function explain(hits: { code: string; how: string }[], payloads: Payload[]): string[] {
  return hits.map(({ code, how }) => {
    const n = Number(code);
    if (!Number.isInteger(n)) return `${how}: ${code}`;
    const { fieldIndex, payloadIndex } = decodeCode(n);
    const where = fieldIndex === FILE_FIELD ? `hostile file #${payloadIndex}` : FIELDS[fieldIndex];
    const what = fieldIndex === FILE_FIELD ? '' : ` ${payloads[payloadIndex]?.name}`;
    return `${how}: ${where}${what}`;
  });
}

/** Values of `corpus` that the intake took into a field shown as text but that are not in `text`. */
function missingFrom(text: string, corpus: Corpus): string[] {
  return SHOWN_AS_TEXT.flatMap((name) =>
    [...(corpus.sent.get(name) ?? [])]
      .filter((value) => !corpus.refused.get(name)?.has(value) && !text.includes(value))
      .map((value) => `${name}: ${value}`),
  );
}

describe('Stored XSS', () => {
  let browser: Browser;
  let beacon: Beacon;
  let setup: Setup;
  let payloads: Payload[];
  let threads: Thread[];
  let corpus: Corpus;

  beforeAll(async () => {
    beacon = await startBeacon();
    payloads = xssPayloads(beacon.url);
    setup = await setUp();
    corpus = await deliverCorpus(setup, payloads, beacon);
    await drained(setup);
    threads = await threadsOf(setup);
    browser = await launchBrowser();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await beacon?.close();
  });

  /** Sends a sentinel from `page` and waits for it: every earlier beacon call has arrived by then. */
  async function settle(page: Page, name: string): Promise<void> {
    const code = `sentinel-${name}`;
    const arrived = beacon.arrival(code);
    await page.evaluate((url) => fetch(url, { mode: 'no-cors' }), `${beacon.url}?p=${code}`);
    await arrived;
  }

  it.each([
    ['an agent', AGENT.email],
    ['a supervisor', SUPERVISOR],
  ])(
    `${PAYLOAD_COUNT} payloads × ${FIELDS.length} customer fields (email, form, chat, API) and ${ACTIVE_FILE_COUNT} script files: nothing runs when %s opens the inbox list, every conversation with its contact details, and every attachment`,
    async (_who, email) => {
      const hitsBefore = beacon.hits.length;
      const dialogs: DialogHit[] = [];
      const context = await browser.newContext({
        bypassCSP: true,
        locale: 'de-DE',
        viewport: { width: 1400, height: 900 },
      });
      recordDialogs(context, dialogs);
      const seen = await browseInbox(context, email, setup, threads);
      const opened = await openAttachments(browser, seen.attachmentLinks, dialogs);
      await settle(seen.page, email);
      await context.close();

      expect({
        beaconHits: explain(beacon.hits.slice(hitsBefore), payloads),
        dialogs: explain(
          dialogs.map((d) => ({ code: d.code, how: `${d.type} dialog` })),
          payloads,
        ),
        armedMarkup: [...seen.armed, ...opened.armed],
        unshown: seen.unshown,
      }).toEqual({ beaconHits: [], dialogs: [], armedMarkup: [], unshown: [] });
      // It held with every payload on screen: as text where a field is shown as text, and behind every link.
      expect(missingFrom(seen.text.join('\n'), corpus)).toEqual([]);
      expect(opened.shown + opened.downloaded).toBe(2 * PAYLOAD_COUNT + 2 * ACTIVE_FILE_COUNT);
    },
  );
});
