// placeholder until the incident page lands
export function IncidentPage() {
  return null;
}
