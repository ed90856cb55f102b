export function LoadingPage() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}
