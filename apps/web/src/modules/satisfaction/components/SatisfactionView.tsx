/** The satisfaction results (`/journeys/satisfaction`): ratings per team, channel and agent. */
export function SatisfactionView() {
  return <div data-testid="satisfaction-view" />;
}
