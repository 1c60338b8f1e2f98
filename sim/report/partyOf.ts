/** The party an agent id or party name belongs to: `user-12` → `user`, `honest-submitter-0` → `honest-submitter`; contract and party names stay. */
export function partyOf(name: string): string {
  return name.replace(/-\d+$/, "");
}
