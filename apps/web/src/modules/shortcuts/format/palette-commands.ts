/** One entry of the command palette. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** The heading it is listed under (already translated). */
  group: string;
  run: () => void;
}

/** The commands whose label holds every word typed, in their order; all of them for no text. */
export function matchCommands(commands: readonly PaletteCommand[], text: string): PaletteCommand[] {
  const words = text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((command) => {
    const label = command.label.toLocaleLowerCase();
    return words.every((word) => label.includes(word));
  });
}
