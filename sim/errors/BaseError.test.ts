import { describe, expect, it } from "vitest";
import { BaseError } from "./BaseError.ts";
import { RpcError } from "./errors.ts";

describe("BaseError", () => {
  it("puts the short message, details and hints in the message", () => {
    const error = new BaseError("Scenario is invalid", {
      details: "epochs = -1",
      hints: ["Set epochs to a whole number from 1 to 100000."],
    });
    expect(error.message).toBe(
      "Scenario is invalid\n\nDetails: epochs = -1\nHint: Set epochs to a whole number from 1 to 100000.",
    );
    expect(error.shortMessage).toBe("Scenario is invalid");
    expect(error.exitCode).toBe(2);
  });

  it("keeps the cause and the exit code of a subclass", () => {
    const cause = new Error("socket hang up");
    const error = new RpcError("eth_call", "connection refused", { cause, exitCode: 2 });
    expect(error.cause).toBe(cause);
    expect(error.name).toBe("RpcError");
    expect(error.method).toBe("eth_call");
    expect(error).toBeInstanceOf(BaseError);
  });
});
