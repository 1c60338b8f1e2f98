export { scenarioSchema, scenarioJsonSchema, modelNames, type Scenario, type ScenarioInput } from "./schema.ts";
export { loadScenario, parseScenario, resolveScenarioFile, type LoadScenarioReturnType } from "./loadScenario.ts";
export { ScenarioNotFoundError, ScenarioSyntaxError, ScenarioValidationError, type ScenarioProblem } from "./errors.ts";
