import { describe, expect, it } from "vitest";
import { testAgent } from "../testing/observation.ts";
import { testDeployment } from "../testing/worldLogs.ts";
import { agentAddress } from "./agentAddress.ts";
import { createNameBook } from "./createNameBook.ts";

describe("createNameBook", () => {
  it("names agents by id and role, watched contracts and parties by name, whatever the address's case", () => {
    const agent = testAgent("lazy-challenger", 2);
    const deployment = testDeployment();
    const book = createNameBook([agent], deployment, { treasury: agentAddress("treasury") });
    expect([book.nameOf(agent.address.toLowerCase() as `0x${string}`), book.roleOf(agent.address)]).toEqual(["lazy-challenger-2", "lazy-challenger"]);
    expect([book.nameOf(deployment.oracle), book.roleOf(deployment.oracle)]).toEqual(["oracle", "oracle"]);
    expect([book.nameOf(deployment.registry), book.nameOf(agentAddress("treasury"))]).toEqual(["registry", "treasury"]);
    const stranger = agentAddress("stranger");
    expect([book.nameOf(stranger), book.roleOf(stranger)]).toEqual([stranger, "other"]);
    expect([book.nameOf(undefined), book.roleOf(undefined)]).toEqual(["none", "none"]);
  });
});
