import { LoadingState } from '../components/ui/QueryState.tsx';

export function LoadingPage() {
  return <LoadingState />;
}
