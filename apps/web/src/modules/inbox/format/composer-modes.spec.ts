import { userDto, userWithRole } from '../../../../test/fixtures';
import { ANNA_REF, BEN_REF } from '../../../../test/handoff-fixtures';
import { conversationDto, conversationSummary } from '../../../../test/inbox-fixtures';
import { composerModesFor, mayReply } from './composer-modes';

const ANNA = userDto();

describe('composer modes', () => {
  it("follow the detail's mayReply: a specialist allowed to reply gets all three modes", () => {
    const detail = conversationDto({ owner: BEN_REF, mayReply: true });
    expect(mayReply(detail, ANNA)).toBe(true);
    expect(composerModesFor(detail, ANNA)).toEqual(['reply', 'note', 'suggestion']);
    expect(composerModesFor({ ...detail, mayReply: false }, ANNA)).toEqual(['note', 'suggestion']);
  });

  it('fall back to the owner rule with only a summary', () => {
    expect(composerModesFor(conversationSummary({ owner: BEN_REF }), ANNA)).toEqual([
      'note',
      'suggestion',
    ]);
    expect(composerModesFor(conversationSummary({ owner: ANNA_REF }), ANNA)).toEqual([
      'reply',
      'note',
    ]);
    expect(composerModesFor(conversationSummary({ owner: null }), ANNA)).toEqual(['reply', 'note']);
    expect(
      composerModesFor(conversationSummary({ owner: BEN_REF }), userWithRole('supervisor')),
    ).toEqual(['reply', 'note', 'suggestion']);
  });
});
