// placeholder until the review queue lands
export function ReviewPage() {
  return null;
}
