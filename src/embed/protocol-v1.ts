/**
 * The embed's postMessage protocol, version 1 (teaching-embed.md §3.4). The message names and shapes here are a
 * public contract: a host page, the `<failover-lab>` element and other people's code speak them. Version 1 only
 * grows (new methods, events, optional fields); it never renames or removes.
 *
 * Handshake (the only messages that touch `window.postMessage`):
 *   child  → window.parent  {fl:1, type:'fl.loaded', instance}                  targetOrigin '*' (carries nothing else)
 *   parent → iframe         {fl:1, type:'fl.connect', instance, want, theme}   + transfer [port]; targetOrigin = the app's origin
 *   child  → port           {type:'fl.hello', protocol:1, driver, app, capabilities, instance}
 * Then everything goes over the port: calls, returns, events.
 *
 * This file holds types and constants only, with no imports, so the element script (src/embed/element/) and the
 * embed page can both use it without sharing a chunk.
 */

export const PROTOCOL_VERSION = 1;

/** Methods a parent may call besides the driver API's own names (FailoverLabDriver's members). */
export const EMBED_EXTRA_METHODS = ['setTheme', 'setPanels', 'setControls', 'subscribe', 'unsubscribe', 'lesson.load', 'lesson.result'] as const;
export type EmbedExtraMethod = (typeof EMBED_EXTRA_METHODS)[number];

export type ErrorCode = 'unknown_method' | 'bad_args' | 'refused' | 'not_ready' | 'version' | 'bad_message';

/** Events the child sends on the port (`subscribe`/`unsubscribe` switch them; `trace` is opt-in). */
export const EMBED_EVENTS = ['ready', 'time', 'trace', 'lesson', 'result', 'alert', 'resize'] as const;
export type EmbedEventName = (typeof EMBED_EVENTS)[number];

export interface LoadedMessage {
  fl: 1;
  type: 'fl.loaded';
  /** The `instance=` URL parameter, echoed so a page with several embeds knows which one spoke ('' without it). */
  instance: string;
}

export interface ConnectMessage {
  fl: 1;
  type: 'fl.connect';
  instance: string;
  /** Events to send from the start (others after `subscribe`). */
  want?: EmbedEventName[];
  /** The host's scheme, applied when the page was opened with theme=auto. */
  theme?: 'light' | 'dark';
}

export interface HelloMessage {
  type: 'fl.hello';
  protocol: typeof PROTOCOL_VERSION;
  /** The driver API's version ('1.1': 1.0 plus `on` and the instance registry). */
  driver: string;
  /** The app's version (package.json). */
  app: string;
  capabilities: Array<'driver' | 'lesson' | 'theme' | 'panels'>;
  instance: string;
}

export interface CallMessage {
  id: number | string;
  type: 'call';
  method: string;
  args?: unknown[];
}

export type ReturnMessage =
  | { id: number | string; type: 'return'; ok: true; value: unknown }
  | { id: number | string | null; type: 'return'; ok: false; error: { code: ErrorCode; message: string } };

export interface EventMessage {
  type: 'event';
  name: EmbedEventName;
  data: unknown;
  /** The `instance=` URL parameter. */
  instance: string;
}

/** `time` event data: ≤ 4 a second while playing, and after each step, seek and load. */
export interface TimeEventData {
  timeMs: number;
  event: number;
  playing: boolean;
}

export interface TraceEventData {
  /** The batch's first entry's seq; batches are in order, with no gaps unless the engine's window evicted entries. */
  seq: number;
  entries: unknown[];
}

export interface ResizeEventData {
  height: number;
}

export interface AlertEventData {
  message: string;
}

export type ChildToPortMessage = HelloMessage | ReturnMessage | EventMessage;
export type ParentToPortMessage = CallMessage;
