import { COMPOSER_ATTACHMENT_MAX_BYTES, attachmentRefusal } from './composer-attachments';
import { sendMessageSchema } from './schemas/conversation.schema';

describe('attachment rules', () => {
  it('refuses programs whatever the case or a harmless-looking first extension', () => {
    expect(attachmentRefusal({ name: 'Rechnung.pdf.EXE', size: 10 })).toEqual({
      reason: 'type',
      message: 'Rechnung.pdf.EXE is a .exe file, which cannot be attached',
    });
    expect(attachmentRefusal({ name: 'run.ps1', size: 10 })?.reason).toBe('type');
    expect(attachmentRefusal({ name: 'Rechnung.pdf', size: 10 })).toBeNull();
    expect(attachmentRefusal({ name: 'README', size: 10 })).toBeNull();
  });

  it('takes a file of exactly the limit and refuses one byte more, and empty files', () => {
    expect(attachmentRefusal({ name: 'a.mp4', size: COMPOSER_ATTACHMENT_MAX_BYTES })).toBeNull();
    expect(attachmentRefusal({ name: 'a.mp4', size: COMPOSER_ATTACHMENT_MAX_BYTES + 1 })).toEqual({
      reason: 'size',
      message: 'a.mp4 is larger than 25 MB',
    });
    expect(attachmentRefusal({ name: 'a.txt', size: 0 })?.reason).toBe('empty');
  });

  it('lets a reply be files alone, but no note carry files', () => {
    const id = '0f000000-0000-4000-8000-000000000001';
    const clientMessageId = '0f000000-0000-4000-8000-000000000002';
    expect(
      sendMessageSchema.safeParse({ type: 'reply', attachmentIds: [id], clientMessageId }).success,
    ).toBe(true);
    expect(sendMessageSchema.safeParse({ type: 'reply', clientMessageId }).success).toBe(false);
    const note = sendMessageSchema.safeParse({
      type: 'note',
      body: 'intern',
      attachmentIds: [id],
      clientMessageId,
    });
    expect(note.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['attachmentIds', 'can only be sent with a reply'],
    ]);
  });
});
