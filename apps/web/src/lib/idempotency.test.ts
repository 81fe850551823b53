import { describe, expect, it } from "vitest";
import { IdempotencyKeys } from "./idempotency";

function counter() {
  let next = 0;
  return () => `key-${++next}`;
}

describe("IdempotencyKeys", () => {
  it("reuses the key when the same submission is retried", () => {
    const keys = new IdempotencyKeys(counter());
    const body = { amountMicros: "500000000000", method: "qris" };
    expect(keys.keyFor(body)).toBe("key-1");
    expect(keys.keyFor({ ...body })).toBe("key-1");
  });

  it("makes a new key for a changed body, which the server would refuse under the old key", () => {
    const keys = new IdempotencyKeys(counter());
    keys.keyFor({ amountMicros: "500000000000", method: "qris" });
    expect(keys.keyFor({ amountMicros: "250000000000", method: "qris" })).toBe("key-2");
  });

  it("starts over after a reset, so a deliberate second request is not taken for a replay", () => {
    const keys = new IdempotencyKeys(counter());
    const body = { amountMicros: "500000000000", method: "qris" };
    keys.keyFor(body);
    keys.reset();
    expect(keys.keyFor(body)).toBe("key-2");
  });

  it("uses random UUIDs by default, which the API's key pattern accepts", () => {
    const key = new IdempotencyKeys().keyFor({});
    expect(key).toMatch(/^[\w.:-]{8,128}$/);
  });
});
