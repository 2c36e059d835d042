/** A start-up failure whose message is one line a person can act on. */
export class StartError extends Error {}
