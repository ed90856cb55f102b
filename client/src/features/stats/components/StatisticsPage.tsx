import { SectionPage } from '../../../components/ui/SectionPage.tsx';

export function StatisticsPage() {
  return (
    <SectionPage title="Statistics" subject="Statistics" requires="read" actions={['read']}>
      <p>
        Trends in the incidents you may read, counted by country, violation, perpetrator, sector,
        gender, month or status.
      </p>
    </SectionPage>
  );
}
