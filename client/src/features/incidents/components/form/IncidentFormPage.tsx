// placeholder until the incident form lands
export function NewIncidentPage() {
  return null;
}
export function EditIncidentPage() {
  return null;
}
