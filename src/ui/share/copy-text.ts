/**
 * Puts text on the clipboard; false when the browser refuses (no permission, an insecure origin), so the caller
 * can say the text is in its field to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
