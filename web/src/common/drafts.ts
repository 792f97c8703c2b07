// What a user typed but has not saved, kept in sessionStorage (this tab only) so a refused save,
// an expired session or a reload does not lose it. Cleared on a successful save or on cancel.
export function readDraft<T>(key: string): T | undefined {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, value: unknown) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form itself still holds the values.
  }
}

export function clearDraft(key: string) {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

/** On logout: the next person at this machine must not find someone else's unsaved input. */
export function clearAllDrafts() {
  try {
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith('bangfu.draft.')) sessionStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}
