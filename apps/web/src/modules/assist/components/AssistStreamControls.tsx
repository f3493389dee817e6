import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import './assist.css';

/** A button that starts an AI draft and turns into Stop while the text streams in. */
export function AssistStreamControls({
  label,
  running,
  disabled,
  onStart,
  onStop,
  testId,
}: {
  label: string;
  running: boolean;
  disabled?: boolean;
  onStart: () => void;
  onStop: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return running ? (
    <Button
      variant="secondary"
      onClick={onStop}
      icon={<Icon name="close" size={14} />}
      data-testid={`${testId}-stop`}
    >
      {t('assist.stop')}
    </Button>
  ) : (
    <Button
      variant="ghost"
      onClick={onStart}
      disabled={disabled}
      icon={<Icon name="sparkle" size={14} />}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}
