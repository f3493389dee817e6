import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../ui/Dialog';
import { SHORTCUTS } from '../format/shortcuts';

/** `?`: every shortcut and what it does. */
export function ShortcutHelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('shortcuts.help.title')}
      description={t('shortcuts.help.intro')}
      onClose={onClose}
      closeLabel={t('shortcuts.close')}
      data-testid="shortcut-help"
    >
      <dl className="tp-shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <Fragment key={shortcut.action}>
            <dt className="tp-shortcuts__keys">
              {shortcut.keys.map((key, index) => (
                <Fragment key={key}>
                  {index > 0 ? ' + ' : null}
                  <kbd className="tp-kbd">{key === 'Ctrl' ? t('shortcuts.ctrlOrCmd') : key}</kbd>
                </Fragment>
              ))}
            </dt>
            <dd className="tp-shortcuts__what" data-testid={`shortcut-${shortcut.action}`}>
              {t(`shortcuts.actions.${shortcut.action}`)}
            </dd>
          </Fragment>
        ))}
      </dl>
    </Dialog>
  );
}
