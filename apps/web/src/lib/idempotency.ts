import { useRef } from "react";

/**
 * Idempotency keys for one form of a money-moving request. A retry of the same submission (same
 * body, e.g. after a timeout whose first attempt may have gone through) reuses its key, so the
 * server answers with the first result instead of moving money twice; a changed body is a new
 * request and gets a new key, since the server refuses a key reused for a different body.
 */
export class IdempotencyKeys {
  private last: { body: string; key: string } | null = null;

  constructor(private readonly generate: () => string = () => crypto.randomUUID()) {}

  keyFor(body: unknown): string {
    const serialized = JSON.stringify(body);
    if (this.last?.body !== serialized) this.last = { body: serialized, key: this.generate() };
    return this.last.key;
  }

  /** After a success: the next submission is a new request even if it looks the same. */
  reset(): void {
    this.last = null;
  }
}

/** Keys that live as long as the component, e.g. one dialog opening. */
export function useIdempotencyKeys(): IdempotencyKeys {
  const keys = useRef<IdempotencyKeys | null>(null);
  keys.current ??= new IdempotencyKeys();
  return keys.current;
}

export function idempotencyHeader(key: string): Record<string, string> {
  return { "Idempotency-Key": key };
}
