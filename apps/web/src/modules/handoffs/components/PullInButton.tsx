import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto, UserDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { useStore } from '../../../lib/store';
import { pullInDialogStore } from '../states/pull-in-dialog.store';
import { PullInDialog } from './PullInDialog';

/** Opens the pull-in dialog (consult or transfer); the header shows it to the owner and supervisors. */
export function PullInButton({ conversation, me }: { conversation: ConversationDto; me: UserDto }) {
  const { t } = useTranslation();
  const isOpenFor = useCallback((id: string | null) => id === conversation.id, [conversation.id]);
  const open = useStore(pullInDialogStore, isOpenFor);
  return (
    <>
      <Button
        variant="secondary"
        icon={<Icon name="handoff" size={16} />}
        onClick={() => pullInDialogStore.set(conversation.id)}
        aria-haspopup="dialog"
        title={t('handoffs.pullIn.buttonHint')}
        data-testid="pull-in"
      >
        {t('handoffs.pullIn.button')}
      </Button>
      {open ? (
        <PullInDialog
          conversation={conversation}
          me={me}
          onClose={() => pullInDialogStore.set(null)}
        />
      ) : null}
    </>
  );
}
