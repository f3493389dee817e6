import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MenuButton } from './MenuButton';

function renderMenu() {
  const picked: string[] = [];
  const item = (key: string, label: string) => ({
    key,
    label,
    onSelect: () => picked.push(key),
  });
  render(
    <MenuButton
      label="More actions"
      items={[item('lead', 'Mark as lead'), item('merge', 'Merge…'), item('call', 'Log call')]}
    />,
  );
  return { picked, user: userEvent.setup() };
}

describe('MenuButton', () => {
  it('opens on the first item, moves with the arrow keys, Home and End, and wraps around', async () => {
    const { user } = renderMenu();
    const trigger = screen.getByRole('button', { name: 'More actions' });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    await user.click(trigger);
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('menu', { name: 'More actions' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('menuitem', { name: 'Mark as lead' })).toHaveFocus(),
    );
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Merge…' })).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('menuitem', { name: 'Log call' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Mark as lead' })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('menuitem', { name: 'Log call' })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(screen.getByRole('menuitem', { name: 'Mark as lead' })).toHaveFocus();
  });

  it('closes on Escape with focus back on its button, and picks nothing', async () => {
    const { user, picked } = renderMenu();
    const trigger = screen.getByRole('button', { name: 'More actions' });
    trigger.focus();
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Log call' })).toHaveFocus());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
    expect(picked).toEqual([]);
  });

  it('runs the picked item once, closed, with focus on its button for the dialog to return to', async () => {
    const { user, picked } = renderMenu();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Merge…' }));
    expect(picked).toEqual(['merge']);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'More actions' })).toHaveFocus();
  });

  it('shows nothing without items', () => {
    const { container } = render(<MenuButton label="More actions" items={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});
