import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from './PageHeader.tsx';
import { useCommonText } from '../../lib/i18n.ts';

export function NotFoundPage() {
  const { t } = useCommonText();
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('state.notFound')} />
      <Text>
        {t('state.notFoundText')}{' '}
        <Anchor component={Link} to="/">
          {t('state.goHome')}
        </Anchor>
        .
      </Text>
    </section>
  );
}
