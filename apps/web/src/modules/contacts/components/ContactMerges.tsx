import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactMergeDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime } from '../../inbox/format/relative-age';
import { contactName } from '../contact-name';
import { useUndoMerge } from '../hooks/useUndoMerge';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

/** Contacts merged into this one: who merged whom, when, why; each can be undone. */
export function ContactMerges({
  merges,
  contactName: keptName,
}: {
  merges: readonly ContactMergeDto[];
  contactName: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const [undoing, setUndoing] = useState<ContactMergeDto | null>(null);
  const readOnly = useReadOnly();
  if (merges.length === 0) return <p className="tp-empty__hint">{t('contacts.merges.empty')}</p>;
  return (
    <>
      <ul className="tp-merges" data-testid="merge-list">
        {merges.map((merge) => (
          <li key={merge.id} className="tp-merge" data-testid="merge">
            <p className="tp-merge__what">
              {t('contacts.merges.line', {
                actor: merge.actor?.name ?? t('contacts.system'),
                merged: contactName(merge.mergedContactName, t),
                at: fullDateTime(merge.createdAt, locale),
              })}
            </p>
            <p className="tp-merge__why">
              {t(`contacts.merge.basis.${merge.basis}`)}
              {merge.note ? <>: {merge.note}</> : null}
            </p>
            {merge.undoneAt ? (
              <p className="tp-merge__undone">
                {t('contacts.merges.undone', { at: fullDateTime(merge.undoneAt, locale) })}
              </p>
            ) : readOnly ? null : (
              <div>
                <Button
                  variant="secondary"
                  onClick={() => setUndoing(merge)}
                  data-testid="merge-undo"
                >
                  {t('contacts.merges.undo')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {undoing ? (
        <UndoMergeDialog merge={undoing} keptName={keptName} onClose={() => setUndoing(null)} />
      ) : null}
    </>
  );
}

/** Asks before a merge is taken back, and says what comes apart. */
function UndoMergeDialog({
  merge,
  keptName,
  onClose,
}: {
  merge: ContactMergeDto;
  keptName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const undo = useUndoMerge();
  const merged = contactName(merge.mergedContactName, t);
  return (
    <Dialog
      title={t('contacts.merges.undoTitle', { merged })}
      description={t('contacts.merges.undoBody', { merged, kept: keptName })}
      closeLabel={t('contacts.dialog.close')}
      onClose={onClose}
      data-testid="undo-merge-dialog"
    >
      {undo.isError ? (
        <Alert tone="error" data-testid="undo-merge-error">
          {apiErrorMessage(undo.error, t)}
        </Alert>
      ) : null}
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onClose} data-autofocus>
          {t('contacts.dialog.cancel')}
        </Button>
        <Button
          busy={undo.isPending}
          onClick={() => undo.mutate(merge.id, { onSuccess: onClose })}
          data-testid="undo-merge-confirm"
        >
          {t('contacts.merges.undo')}
        </Button>
      </div>
    </Dialog>
  );
}
