import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AttachmentDto, SendMessageRequest } from '@touchpoint/shared';
import { jsonResponse } from '../../../../test/fetch-mock';
import {
  CONVERSATION_ID,
  channels,
  entries,
  messageDto,
  replyDto,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox, timelineOf } from '../../../../test/inbox-app';
import { composerUploadsStore } from '../states/composer-uploads.store';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const MESSAGES = `/api/conversations/${CONVERSATION_ID}/messages`;
const UPLOAD_ID = '0f000000-0000-4000-8000-000000000001';

/** The browser's XMLHttpRequest, standing in for the network: the test reports progress and answers. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: {
    onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
  } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
}

const original = window.XMLHttpRequest;
beforeEach(() => {
  FakeXhr.sent = [];
  Object.defineProperty(window, 'XMLHttpRequest', {
    value: FakeXhr,
    configurable: true,
    writable: true,
  });
});
afterEach(() => {
  Object.defineProperty(window, 'XMLHttpRequest', {
    value: original,
    configurable: true,
    writable: true,
  });
  composerUploadsStore.reset();
});

function stored(request: { body: unknown }) {
  const body = request.body as SendMessageRequest;
  return jsonResponse(
    201,
    replyDto({
      seq: 20,
      text: body.body ?? '',
      channel: channels.whatsapp,
      clientMessageId: body.clientMessageId,
    }),
  );
}

async function openComposer() {
  const app = await renderInbox(
    THREAD,
    inboxRoutes({ 'POST /api/conversations/:id/messages': stored }),
  );
  const composer = await screen.findByTestId('composer');
  await within(composer).findByLabelText('Reply via');
  return { ...app, composer, input: within(composer).getByTestId('composer-input') };
}

const pdf = () => new File(['%PDF-1.4 offer'], 'offer.pdf', { type: 'application/pdf' });

describe('attachments in the composer', () => {
  it('uploads a dropped file with its progress, holds Send until it is stored, then sends its id', async () => {
    const { composer, network, user } = await openComposer();
    fireEvent.dragOver(composer, { dataTransfer: { types: ['Files'], files: [pdf()] } });
    fireEvent.drop(composer, { dataTransfer: { types: ['Files'], files: [pdf()] } });

    const chip = await within(composer).findByTestId('composer-file');
    expect(chip).toHaveTextContent('offer.pdf');
    expect(chip).toHaveTextContent('14 B');
    const [xhr] = FakeXhr.sent;
    expect(xhr?.method).toBe('POST');
    expect(xhr?.url).toBe(
      `/api/conversations/${CONVERSATION_ID}/uploads?filename=offer.pdf&contentType=application%2Fpdf`,
    );
    expect(xhr?.headers['content-type']).toBe('application/octet-stream');
    expect(xhr?.headers['authorization']).toMatch(/^Bearer /);

    xhr?.progress(7, 14);
    expect(within(chip).getByRole('progressbar', { name: 'Uploading offer.pdf' })).toHaveAttribute(
      'value',
      '50',
    );
    // Nothing typed, a file still uploading: Send waits.
    const send = within(composer).getByRole('button', { name: 'Send reply' });
    expect(send).toBeDisabled();

    xhr?.respond(201, {
      id: UPLOAD_ID,
      filename: 'offer.pdf',
      contentType: 'application/pdf',
      size: 14,
      expiresAt: new Date().toISOString(),
    });
    await waitFor(() => expect(chip).toHaveAttribute('data-status', 'ready'));
    expect(within(chip).queryByRole('progressbar')).toBeNull();
    expect(send).toBeEnabled();
    await user.click(send);

    await waitFor(() => expect(network.to(MESSAGES)).toHaveLength(1));
    const body = network.to(MESSAGES)[0]?.body as SendMessageRequest;
    expect(body).toMatchObject({
      type: 'reply',
      attachmentIds: [UPLOAD_ID],
      channelId: channels.whatsapp.id,
    });
    expect(body.body).toBeUndefined();
    // The reply carries the file now: its chip is gone.
    await waitFor(() => expect(within(composer).queryByTestId('composer-file')).toBeNull());
  });

  it('takes an image pasted from the clipboard, and refuses a program before uploading it', async () => {
    const { composer, input } = await openComposer();
    const image = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'image.png', {
      type: 'image/png',
    });
    fireEvent.paste(input, { clipboardData: { files: [image], types: ['Files'] } });
    const [pasted] = await within(composer).findAllByTestId('composer-file');
    expect(pasted).toHaveTextContent('image.png');
    expect(FakeXhr.sent).toHaveLength(1);
    expect(FakeXhr.sent[0]?.url).toContain('filename=image.png&contentType=image%2Fpng');

    fireEvent.drop(composer, {
      dataTransfer: { types: ['Files'], files: [new File(['MZ'], 'setup.exe')] },
    });
    const refused = (await within(composer).findAllByTestId('composer-file'))[1];
    expect(refused).toHaveAttribute('data-status', 'failed');
    expect(refused).toHaveTextContent('setup.exe: this file type cannot be attached');
    expect(FakeXhr.sent).toHaveLength(1);
    // The refused file holds Send until it is taken off.
    fireEvent.click(
      within(refused as HTMLElement).getByRole('button', { name: 'Remove setup.exe' }),
    );
    expect(within(composer).getAllByTestId('composer-file')).toHaveLength(1);
  });

  it('shows the server refusal on the chip', async () => {
    const { composer } = await openComposer();
    fireEvent.drop(composer, { dataTransfer: { types: ['Files'], files: [pdf()] } });
    const chip = await within(composer).findByTestId('composer-file');
    FakeXhr.sent[0]?.respond(413, {
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'uploads.too_large',
      message: 'file offer.pdf is larger than 25 MB',
    });
    await waitFor(() => expect(chip).toHaveAttribute('data-status', 'failed'));
    expect(chip).toHaveTextContent('file offer.pdf is larger than 25 MB');
  });

  it('disables the paperclip, saying why, on an internal note', async () => {
    const { user } = await renderInbox(THREAD, inboxRoutes());
    const composer = await screen.findByTestId('composer');
    await user.click(within(composer).getByRole('radio', { name: 'Internal note' }));
    const attach = await within(composer).findByRole('button', {
      name: 'Files go with a reply to the customer only',
    });
    expect(attach).toBeDisabled();
    // A file dropped there anyway is taken off the browser (it would open in the tab) and not added.
    const dropped = fireEvent.drop(composer, {
      dataTransfer: { types: ['Files'], files: [pdf()] },
    });
    expect(dropped).toBe(false);
    expect(within(composer).queryByTestId('composer-file')).toBeNull();
    expect(FakeXhr.sent).toHaveLength(0);
  });
});

describe('images in the thread', () => {
  const file = (n: number, filename: string, contentType: string): AttachmentDto => ({
    id: `0a000000-0000-4000-8000-00000000000${n}`,
    filename,
    contentType,
    size: 2048 * n,
    url: `/api/attachments/${n}?exp=1&sig=s`,
    inline: false,
  });

  it('open in a lightbox: arrows move between them, focus stays inside, Escape closes and returns focus', async () => {
    const message = messageDto({
      seq: 2,
      attachments: [
        file(1, 'front.png', 'image/png'),
        file(2, 'invoice.pdf', 'application/pdf'),
        file(3, 'back.jpg', 'image/jpeg'),
      ],
    });
    const { user } = await renderInbox(
      THREAD,
      inboxRoutes({ 'GET /api/conversations/:id/timeline': timelineOf(entries(message)) }),
    );
    const [front, invoice] = await screen.findAllByTestId('attachment');
    // A file that is not an image is a chip with its type and size.
    expect(invoice).toHaveTextContent('PDF');
    expect(invoice).toHaveTextContent('invoice.pdf');
    expect(invoice).toHaveTextContent('4 KB');

    await user.click(front as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'front.png' });
    expect(within(dialog).getByRole('img', { name: 'front.png' })).toHaveAttribute(
      'src',
      '/api/attachments/1?exp=1&sig=s',
    );
    expect(dialog).toHaveTextContent('1 of 2');

    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('dialog', { name: 'back.jpg' })).toHaveTextContent('2 of 2');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('dialog', { name: 'front.png' })).toBeInTheDocument();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('dialog', { name: 'back.jpg' })).toBeInTheDocument();

    // Tab cycles inside the lightbox.
    for (let i = 0; i < 6; i++) {
      await user.tab();
      expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
    }

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(front).toHaveFocus();
  });
});
