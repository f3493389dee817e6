import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { MarkLeadDialog } from './MarkLeadDialog';

/** Opens "Mark as lead"; the header shows it to the owner and supervisors, like "Pull in". */
export function MarkLeadButton({ conversation }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title={t('handoffs.lead.buttonHint')}
        data-testid="mark-lead"
      >
        {t('handoffs.lead.button')}
      </Button>
      {open ? <MarkLeadDialog conversation={conversation} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
