export { buildReport, type BuildReportReturnType } from "./buildReport.ts";
export { RunFolderError } from "./readRunMetadata.ts";
