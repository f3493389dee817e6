import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { MergeDialog } from './MergeDialog';

/** Opens "Merge with another conversation…"; shown to whoever may change the conversation. */
export function MergeButton({ conversation }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title={t('inbox.merge.buttonHint')}
        data-testid="merge-conversation"
      >
        {t('inbox.merge.button')}
      </Button>
      {open ? <MergeDialog conversation={conversation} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
