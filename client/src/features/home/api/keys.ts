// The home page reads other features' records. Its keys sit under those features' root keys
// (['incidents', ...], ['advocacy', ...]), so that a write there, which invalidates its whole
// feature, refreshes the home page too.
export const homeKeys = {
  incidents: (query: Record<string, unknown>) => ['incidents', 'home', query] as const,
  returnComment: (incidentId: string) =>
    ['incidents', 'home', 'returnComment', incidentId] as const,
  // the navigation badge's query (app/review-count.ts): one request serves both
  reviewCount: () => ['incidents', 'reviewCount'] as const,
  team: (from: string, to: string) => ['stats', 'home', 'team', from, to] as const,
  advocacy: (query: Record<string, unknown>) => ['advocacy', 'home', query] as const,
  users: () => ['users', 'home'] as const,
};
