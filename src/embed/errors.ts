/** A host's mistake in the options or a call (thrown at once, in plain words; nothing is mounted). */
export class ComposeOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComposeOptionsError';
  }
}
