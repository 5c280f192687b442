import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EmbedControls, EmbedOptions, EmbedPanel } from '../embed/embed-options';

/**
 * What the embed page shows, separate from the console's store: the URL sets it, and the host may change it over
 * the protocol (setPanels, setControls, setTheme). The embed layout reads it; the channel writes it.
 */
export interface EmbedViewState {
  panels: EmbedPanel[];
  controls: EmbedControls;
  interactive: boolean;
  /** The scheme in force: the URL's light/dark, else the host's (handshake, setTheme), else null = the system's. */
  theme: 'light' | 'dark' | null;
  label: string | null;
  setPanels(panels: EmbedPanel[]): void;
  setControls(controls: EmbedControls): void;
  setTheme(theme: 'light' | 'dark' | null): void;
}

export type EmbedViewStore = StoreApi<EmbedViewState>;

export function createEmbedViewStore(options: EmbedOptions): EmbedViewStore {
  return createStore<EmbedViewState>()((set) => ({
    panels: options.panels,
    controls: options.controls,
    interactive: options.interactive,
    theme: options.theme === 'auto' ? null : options.theme,
    label: options.label,
    setPanels: (panels) => set({ panels }),
    setControls: (controls) => set({ controls }),
    setTheme: (theme) => set({ theme }),
  }));
}
